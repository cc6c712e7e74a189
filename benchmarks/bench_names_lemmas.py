"""What names and lemmas cost: ``tokenize(..., names=True, lemmatize=True)`` against ``tokenize(...)``.

Real Dutch text only, timed side by side in one run, best of ``--repeat``:

- the shipped court decisions (``corpus/rechtspraak``) and the news article,
  as one corpus, one document each;
- the UD Dutch sentences (``tests/data/ud_nl``), one corpus, one document per
  sentence.

Each line prints the seconds of plain ``tokenize``, of ``names=True``, of
``lemmatize=True``, of both (the settings take turns in each round, so load
on the shared machine falls on all alike), what both add to plain, and the
ratio both/plain. The bar is a ratio of
at most 2. The first call of each setting is made before timing, so
simplemma's dictionary load (once per process) is not counted.

    .venv/bin/python benchmarks/bench_names_lemmas.py
    .venv/bin/python benchmarks/bench_names_lemmas.py --repeat 5
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from analysis.corpus import load_corpus
from analysis.documents import Document
from analysis.tokenized import tokenize

ROOT = Path(__file__).resolve().parents[1]
BAR = 2.0
SETTINGS = {"plain": {}, "names": {"names": True}, "lemmas": {"lemmatize": True},
            "names+lemmas": {"names": True, "lemmatize": True}}


def court_corpus() -> list[Document]:
    """The shipped court decisions and the news article."""
    return list(load_corpus(ROOT / "corpus" / "rechtspraak")) + list(load_corpus(ROOT / "corpus" / "news"))


def ud_corpus() -> list[Document]:
    """Every UD Dutch sentence as a document."""
    docs = []
    for path in sorted((ROOT / "tests" / "data" / "ud_nl").glob("*.jsonl")):
        with path.open(encoding="utf-8") as f:
            docs += [Document(f"{path.stem}:{i}", None, json.loads(line)["text"]) for i, line in enumerate(f)]
    return docs


def best_seconds(docs: list[Document], repeat: int) -> dict[str, float]:
    """Best wall time of `repeat` calls per setting (one process, as the default picks for a small
    corpus), the settings taking turns within each round, so that a burst of load on the shared
    machine falls on all of them alike."""
    best = dict.fromkeys(SETTINGS, float("inf"))
    for _ in range(repeat):
        for name, options in SETTINGS.items():
            start = time.perf_counter()
            tokenize(docs, n_jobs=1, **options)
            best[name] = min(best[name], time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="timed calls per setting, best kept (default: 3)")
    args = parser.parse_args()
    for options in SETTINGS.values():  # warm: simplemma's dictionary, regex caches
        tokenize(ud_corpus()[:50], **options)
    for label, docs in (("court decisions + news", court_corpus()), ("UD Dutch sentences", ud_corpus())):
        chars = sum(len(d.text) for d in docs)
        seconds = best_seconds(docs, args.repeat)
        ratio = seconds["names+lemmas"] / seconds["plain"]
        print(f"{label}: {len(docs):,} documents, {chars / 1e6:.2f} MB")
        print("  " + "  ".join(f"{name} {s:.3f}s" for name, s in seconds.items())
              + f"  extra {seconds['names+lemmas'] - seconds['plain']:.3f}s"
              + f"  ratio names+lemmas/plain {ratio:.2f}x (bar <= {BAR:.0f}x: {'ok' if ratio <= BAR else 'MISSED'})")


if __name__ == "__main__":
    main()
