"""Command line: ``python -m analysis`` (installed as ``analysis``).

Every subcommand loads the corpus, calls the library and prints an aligned
table, or CSV/JSON with ``--csv`` or ``--json`` for scripts. CSV cells that
a spreadsheet would run as formulas are neutralised (`analysis.export`).

Errors never show a traceback: one line on stderr, ``analysis <command>:
error: ...``, and exit status 2 for a usage or input error (bad option, a
path that is missing or unreadable, a bad record, a value out of range) or
1 for any other failure (output that cannot be written, a closed pipe, a
notebook that failed). Warnings print as one line each,
``analysis <command>: warning: ...``.

Examples
--------
>>> main(["summary", "corpus/news", "--by", "month"])  # doctest: +SKIP
  month  documents  words  characters
2019-01          1    338        2290
0
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from analysis import settings as analysis_settings
from analysis.export import to_csv
from analysis.tables import both_ends, fit_width, readable

__all__ = ["main"]


def _add_common_options(command: argparse.ArgumentParser, *, table: bool, tokens: bool) -> None:
    """Add the tokenising and output options that most subcommands share."""
    if tokens:
        command.add_argument("--deduplicate", type=float, nargs="?", const=0.8, default=None,
                             metavar="THRESHOLD",
                             help="count near-duplicates (wire copies) once: keep the earliest of each "
                                  "group with shingle Jaccard >= THRESHOLD (default 0.8)")
        _add_settings_options(command)
    if table:
        group = command.add_mutually_exclusive_group()
        group.add_argument("--csv", action="store_true", help="print CSV")
        group.add_argument("--json", action="store_true", help="print JSON records")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="analysis", description="Study a corpus of dated news articles: counts, trends, keyness, "
                                     "collocates and concordances.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, help: str, *, table: bool = True, tokens: bool = True,
            optional_corpus: bool = False) -> argparse.ArgumentParser:
        command = sub.add_parser(name, help=help, description=help)
        corpus_help = "corpus file or folder (text, CSV/JSONL/Parquet, LexisNexis, Nexis Uni, HTML, RSS, WARC)"
        if optional_corpus:
            command.add_argument("corpus", nargs="?", default=None,
                                 help=corpus_help + "; default: each notebook's own corpus")
        else:
            command.add_argument("corpus", help=corpus_help)
        _add_common_options(command, table=table, tokens=tokens)
        return command

    summary = add("summary", "documents, words and characters per period or field", tokens=False)
    summary.add_argument("--by", default="year", help="year, month, week, day or a field (default: year)")

    top = add("top", "the most frequent terms, overall or per period")
    top.add_argument("--by", default=None, help="year, month, week or a field (default: whole corpus)")
    top.add_argument("-n", "--top", type=int, default=30, help="terms per group (default: 30)")
    top.add_argument("--ngram", type=int, default=1, help="n-gram length (default: 1)")

    kwic = add("kwic", "keyword in context: every hit of TERM with its left and right context",
               tokens=False)
    kwic.add_argument("term", help="a word, a glob (wagner*) or a phrase ('wagner group')")
    kwic.add_argument("--window", type=int, default=8, help="context tokens each side (default: 8)")
    kwic.add_argument("--regex", action="store_true", help="TERM is a regular expression")
    kwic.add_argument("--sort", choices=["left", "right", "keyword"], default=None, help="sort the lines")

    collocates = add("collocates", "the words that keep TERM company, by association")
    collocates.add_argument("term", help="the node: a word, a glob or a phrase")
    collocates.add_argument("--window", type=int, default=5, help="tokens each side (default: 5)")
    collocates.add_argument("--measure", default="log_dice", help="ranking measure (default: log_dice)")
    collocates.add_argument("--min-count", type=int, default=3, help="minimum joint count (default: 3)")
    collocates.add_argument("-n", "--top", type=int, default=30, help="rows (default: 30)")
    collocates.add_argument("--all-columns", action="store_true", help="every measure, not only the key columns")

    keyness = add("keyness", "terms over- and under-used in a target period or group")
    keyness.add_argument("--target", required=True, help="a period label (2019-01, 2019) or field=value")
    keyness.add_argument("--reference", default=None, help="as --target; default: the rest of the corpus")
    keyness.add_argument("--measure", default="g2", help="ranking measure (default: g2)")
    keyness.add_argument("-n", "--top", type=int, default=30, help="rows (default: 30)")
    keyness.add_argument("--all-columns", action="store_true", help="every column, not only the key columns")
    keyness.add_argument("--min-docs", type=int, default=1,
                         help="test only terms in at least this many documents of one side (default: 1)")
    keyness.add_argument("--both-ends", action="store_true",
                         help="the --top most over-used and the --top most under-used terms")
    keyness.add_argument("--per", choices=["tokens", "documents"], default="tokens",
                         help="compare rates per token (frequencies) or per document (text-dispersion keyness: "
                              "documents with the term against documents without; default: tokens)")

    _add_more_commands(add)
    return parser


def _add_more_commands(add: Callable[..., argparse.ArgumentParser]) -> None:
    """The subcommands beyond counting: duplicates, topics, names, report and explore."""
    duplicates = add("duplicates", "pairs of near-identical documents (wire copies) with their Jaccard "
                                   "similarity", tokens=False)
    duplicates.add_argument("--threshold", type=float, default=0.8,
                            help="least Jaccard similarity of the word-shingle sets (default: 0.8)")
    duplicates.add_argument("--shingle", type=int, default=5, help="words per shingle (default: 5)")

    topic_model = add("topics", "topic model: the top terms of K topics (LDA, seeded if asked)")
    topic_model.add_argument("-k", type=int, default=8, help="number of topics (default: 8)")
    topic_model.add_argument("-n", "--top", type=int, default=10, help="terms per topic (default: 10)")
    topic_model.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    topic_model.add_argument("--iterations", type=int, default=200, help="Gibbs sweeps (default: 200)")
    topic_model.add_argument("--seed-words", action="append", default=[], metavar="LABEL=WORD,WORD",
                             help="a seeded topic, e.g. sancties=sancties,sanctielijst (repeatable)")
    topic_model.add_argument("--save", default=None, metavar="FOLDER", help="also save the model there")

    names = add("names", "the proper names: how often, in how many documents, first and last period",
                tokens=False)
    names.add_argument("--by", default="month", help="period of first/last: year, month, week, day (default: month)")
    names.add_argument("--variants", default=None, help="CSV of spelling variants (variant,canonical)")
    names.add_argument("--language", default=None, help="tokeniser language (default: nl)")
    names.add_argument("-n", "--top", type=int, default=None, help="rows (default: all)")
    names.add_argument("--keep-calendar", action="store_const", const=True, default=None,
                       help="list the days and months (maandag, januari) too")
    names.add_argument("--settings", default=None, metavar="FILE",
                       help="a JSON or TOML settings file (language, keep_calendar; default: analysis.Settings)")

    report = add("report", "execute every notebook (on CORPUS if given) and write HTML and figures",
                 table=False, tokens=False, optional_corpus=True)
    report.add_argument("--out", default="reports", help="report folder (default: reports)")
    report.add_argument("--terms", default=None, help="terms to follow, comma-separated (default: from the corpus)")
    report.add_argument("--node", default=None, help="the word whose company to study (default: the first term)")
    report.add_argument("--target", default=None, help="the period for keyness (default: from the corpus)")
    report.add_argument("--settings", default=None, metavar="FILE",
                        help="a JSON or TOML settings file for every notebook (default: analysis.Settings)")

    explore = add("explore", "serve the explorer (trend, collocates, concordance of any term) as a web page",
                  table=False, tokens=False, optional_corpus=True)
    explore.add_argument("--port", type=int, default=8866, help="local port (default: 8866)")


def _add_settings_options(command: argparse.ArgumentParser) -> None:
    """The options of `analysis.Settings`; each given one wins over --settings, which wins over the defaults."""
    group = command.add_argument_group("settings (defaults: analysis.Settings)")
    group.add_argument("--settings", default=None, metavar="FILE", help="a JSON or TOML settings file")
    group.add_argument("--stopwords", default=None,
                       help="stopword list(s): nl, nl-news, en, nl+nl-news, a file, or none (default: nl+nl-news)")
    group.add_argument("--min-length", type=int, default=None, help="shortest token kept (default: 2)")
    group.add_argument("--language", default=None, help="tokeniser language (default: nl)")
    group.add_argument("--phrases", default=None, help="multi-word terms, comma-separated: 'hoge raad,wet op'")
    group.add_argument("--no-padding", dest="padding", action="store_const", const=False, default=None,
                       help="join the neighbours of removed words (n-grams and windows span them)")
    group.add_argument("--keep-case", dest="lowercase", action="store_const", const=False, default=None,
                       help="do not lowercase")
    group.add_argument("--keep-abbreviations", action="store_const", const=True, default=None,
                       help="list initials, abbreviations and Roman numerals (j., enz., iii) too")
    for flag, what in (("names", "proper names as terms"), ("lemmas", "lemmas as terms")):
        group.add_argument(f"--{flag}", action="store_const", const=True, default=None, help=what)


def _settings(args: argparse.Namespace) -> analysis_settings.Settings:
    names = ("stopwords", "min_length", "language", "phrases", "padding", "lowercase", "keep_abbreviations",
             "names", "lemmas")
    return analysis_settings.make_settings(args.settings, **{name: getattr(args, name) for name in names})


def _print_table(frame: pd.DataFrame, args: argparse.Namespace) -> None:
    if getattr(args, "csv", False):
        to_csv(frame, sys.stdout)
    elif getattr(args, "json", False):
        sys.stdout.write(frame.to_json(orient="records", force_ascii=False, date_format="iso") + "\n")
    elif not len(frame):  # one line, not "Empty DataFrame"
        term = getattr(args, "term", None)
        sys.stdout.write((f"no hits for {term!r}" if term else "no rows") + "\n")
    else:
        shown = readable(frame, all_columns=getattr(args, "all_columns", False), measure=getattr(args, "measure", None))
        width = _terminal_width()
        shown = fit_width(shown, width) if width else shown
        with pd.option_context("display.max_rows", None, "display.max_columns", None, "display.width", 250,
                               "display.max_colwidth", 80):
            sys.stdout.write(shown.to_string(index=False) + "\n")


def _terminal_width() -> int | None:
    """The columns to fit: ``COLUMNS`` or the terminal's; None (no limit) when piped without ``COLUMNS``."""
    if os.environ.get("COLUMNS", "").isdigit() or sys.stdout.isatty():
        return max(40, shutil.get_terminal_size().columns)
    return None


# Errors that mean "what you gave me is wrong": a path, a file, a value.
_INPUT_ERRORS = (ValueError, KeyError, TypeError, FileNotFoundError, FileExistsError, NotADirectoryError,
                 IsADirectoryError, PermissionError)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the exit status (0 ok, 2 usage or input error, 1 other failure)."""
    args = _parser().parse_args(argv)
    name = f"analysis {args.command}"
    with warnings.catch_warnings():
        warnings.showwarning = lambda message, *rest: _say(f"{name}: warning: {message}")
        try:
            return _run(args)
        except BrokenPipeError:
            _detach_stdout()
            _say(f"{name}: error: the output was closed before everything was written (broken pipe)")
            return 1
        except KeyboardInterrupt:
            _say(f"{name}: interrupted")
            return 130
        except _INPUT_ERRORS as error:
            _say(f"{name}: error: {_message(error)}")
            return 2
        except Exception as error:  # the environment or a bug: still one line, never a traceback
            _say(f"{name}: error: {_message(error) if isinstance(error, OSError) else repr(error)}")
            return 1


def _message(error: BaseException) -> str:
    """The error as one line (a KeyError's message without its quotes)."""
    text = str(error.args[0]) if isinstance(error, KeyError) and error.args else str(error)
    return " ".join(line.strip() for line in text.splitlines() if line.strip()) or type(error).__name__


def _say(line: str) -> None:
    try:
        print(line, file=sys.stderr, flush=True)
    except OSError:  # stderr itself is gone: nothing more can be said
        pass


def _detach_stdout() -> None:
    """Point stdout at /dev/null, so that flushing it at exit raises no second broken pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # not a real file (a test's StringIO)
        pass


def _selection(spec: str) -> str | dict[str, str]:
    """``2019-01`` stays a period label; ``source=NOS`` becomes a metadata filter."""
    if "=" in spec:
        field, value = spec.split("=", 1)
        return {field.strip(): value.strip()}
    return spec


def _run(args: argparse.Namespace) -> int:
    import analysis

    if args.command == "report":
        return _run_report(args)
    if args.command == "explore":
        from analysis.explorer import serve_explorer

        return serve_explorer(args.corpus, port=args.port)
    progress = sys.stderr.isatty()  # bars on a terminal, never in pipes or tests
    corpus = analysis.load_corpus(args.corpus, progress=progress)
    if args.command == "summary":
        _print_table(corpus.summary(args.by).drop(columns="start"), args)
        return 0
    if args.command == "duplicates":
        table = analysis.find_duplicates(corpus, threshold=args.threshold, shingle=args.shingle)
        _print_table(table, args)
        if not (args.csv or args.json):
            print(f"{len(table)} pair(s) in {table['cluster'].nunique()} group(s); "
                  f"{len(set(table['id_a']) | set(table['id_b']))} documents involved", file=sys.stderr)
        return 0
    if args.command == "names":
        chosen = analysis_settings.make_settings(args.settings, language=args.language,
                                                 keep_calendar=args.keep_calendar)
        table = analysis.names(corpus, by=args.by, language=chosen.language, variants=args.variants, top=args.top,
                               keep_calendar=chosen.keep_calendar)
        table["variants"] = table["variants"].map(" | ".join)
        _print_table(table, args)
        return 0
    if args.command == "kwic":
        lines = analysis.kwic(corpus, args.term, window=args.window, regex=args.regex, sort=args.sort)
        _print_table(lines[["doc_id", "date", "left", "keyword", "right"]], args)
        return 0
    if args.deduplicate is None and _settings(args).dedup:
        args.deduplicate = 0.8
    if args.deduplicate is not None:
        corpus = corpus.deduplicate(args.deduplicate)
        print(f"{len(corpus.removed)} near-duplicate(s) removed (Jaccard >= {args.deduplicate})",
              file=sys.stderr)
    _print_table(_token_table(corpus, args, progress), args)
    return 0


def _run_report(args: argparse.Namespace) -> int:
    """`analysis report`: every notebook, even when one fails; the last lines name the failures."""
    from analysis.report import ReportError, build_report

    extra: dict[str, object] = {}
    if args.terms:
        extra["terms"] = [t.strip() for t in args.terms.split(",") if t.strip()]
    extra.update({k: v for k, v in (("node", args.node), ("target_period", args.target)) if v})
    if args.settings is not None:
        analysis_settings.load_settings(args.settings)  # a bad file stops here, before any notebook runs
        extra["settings_file"] = str(Path(args.settings).resolve())
    try:
        written, failed = build_report(args.corpus, args.out, parameters=extra), {}
    except ReportError as error:
        written, failed = error.written, error.failed
    out = Path(args.out).resolve()
    print(f"wrote {len(written)} report(s) to {out}:")
    for path in written:
        print(f"  {path}")
    print(f"figures in {out / 'figures'}", flush=True)
    for name, why in failed.items():  # the last lines say which notebook failed, and why
        _say(f"analysis report: error: {name} failed: {why}")
    return 1 if failed else 0


def _token_table(corpus: Any, args: argparse.Namespace, progress: bool) -> pd.DataFrame:
    """The table of a subcommand that counts tokens: top, collocates, keyness or topics."""
    import analysis

    chosen = _settings(args)
    tokens = analysis.tokenize(corpus, **chosen.tokenize_options(), progress=progress)
    keep = chosen.keep_abbreviations
    if args.command == "top":
        table = analysis.frequencies(tokens, by=args.by, ngram=args.ngram, top=args.top, keep_abbreviations=keep)
    elif args.command == "collocates":
        table = analysis.collocates(tokens, args.term, window=args.window, measure=args.measure,
                                    min_count=args.min_count, top=args.top, keep_abbreviations=keep)
    elif args.command == "keyness":
        reference = None if args.reference is None else _selection(args.reference)
        table = analysis.keyness(tokens, _selection(args.target), reference, measure=args.measure,
                                 min_docs=args.min_docs, per=args.per, keep_abbreviations=keep)
        table = both_ends(table, args.top) if args.both_ends else table.head(args.top)
    elif args.command == "topics":
        table = _topics(tokens, args)
    else:  # pragma: no cover - argparse checks the choices
        raise ValueError(f"unknown command {args.command!r}")
    return table


def _topics(tokens, args: argparse.Namespace) -> pd.DataFrame:
    import analysis

    seeds = {}
    for spec in args.seed_words:
        label, _, words = spec.partition("=")
        if not label.strip() or not words.strip():
            raise ValueError(f"--seed-words needs LABEL=WORD,WORD, got {spec!r}")
        seeds[label.strip()] = [w.strip() for w in words.split(",") if w.strip()]
    model = analysis.topics(tokens, args.k, seed=args.seed, seed_words=seeds or None, iterations=args.iterations)
    if args.save:
        model.save(args.save)
    return model.terms(top=args.top)
