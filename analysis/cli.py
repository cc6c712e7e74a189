"""Command line: ``python -m analysis`` (installed as ``analysis``).

Every subcommand prints an aligned table, or CSV/JSON with ``--csv`` or
``--json`` for scripts. Bad paths and options give one clear line on stderr
and a non-zero exit.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="analysis", description="Study a corpus of dated news articles.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, help: str) -> argparse.ArgumentParser:
        command = sub.add_parser(name, help=help, description=help)
        command.add_argument("corpus", help="corpus file or folder (any supported format)")
        return command

    summary = add("summary", "documents, words and characters per period")
    summary.add_argument("--by", default="year", help="year, month, week, day or a metadata field (default: year)")
    _output_options(summary)

    report = add("report", "execute every notebook on CORPUS and write HTML and figures")
    report.add_argument("--out", default="reports", help="report folder (default: reports)")
    return parser


def _output_options(command: argparse.ArgumentParser) -> None:
    group = command.add_mutually_exclusive_group()
    group.add_argument("--csv", action="store_true", help="print CSV")
    group.add_argument("--json", action="store_true", help="print JSON records")


def _print_table(frame: pd.DataFrame, args: argparse.Namespace) -> None:
    if getattr(args, "csv", False):
        frame.to_csv(sys.stdout, index=False)
    elif getattr(args, "json", False):
        sys.stdout.write(frame.to_json(orient="records", force_ascii=False, date_format="iso") + "\n")
    else:
        with pd.option_context("display.max_rows", None, "display.max_columns", None, "display.width", 200):
            sys.stdout.write(frame.to_string(index=False) + "\n")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except (FileNotFoundError, ValueError, KeyError, TypeError) as error:
        message = error.args[0] if isinstance(error, KeyError) and error.args else error
        print(f"analysis {args.command}: error: {message}", file=sys.stderr)
        return 2


def _run(args: argparse.Namespace) -> int:
    from analysis.corpus import load_corpus

    if args.command == "report":
        from analysis.report import build_report

        written = build_report(args.corpus, args.out)
        print(f"wrote {len(written)} report(s) to {Path(args.out).resolve()}:")
        for path in written:
            print(f"  {path}")
        print(f"  figures in {Path(args.out).resolve() / 'figures'}")
        return 0
    corpus = load_corpus(args.corpus)
    if args.command == "summary":
        _print_table(corpus.summary(args.by).drop(columns="start"), args)
        return 0
    raise ValueError(f"unknown command {args.command!r}")  # pragma: no cover - argparse checks
