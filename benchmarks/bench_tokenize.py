"""Tokeniser speed on real Dutch text: ours against NLTK, spaCy and a regex floor.

Two real texts, each timed side by side in one run, one call per document:

- the shipped court decisions (``corpus/rechtspraak/texts``) plus the news
  article, repeated in a seeded random order up to ``--mb`` megabytes;
- the UD Dutch sentences (``tests/data/ud_nl``: Alpino newspaper text and
  LassySmall Wikipedia and web pages), one document per sentence, repeated
  up to ``--ud-mb`` megabytes.

``--text PATH`` replaces the first with your own: a ``.txt`` file, or a
folder of ``.txt`` files, one document each.

    .venv/bin/python benchmarks/bench_tokenize.py             # 10 MB + 2 MB of UD
    .venv/bin/python benchmarks/bench_tokenize.py --text my_texts/ --mb 20

spaCy is a benchmark-only peer, not a dependency of ``analysis``: install
it by hand into the venv (``.venv/bin/pip install spacy``); without it the
spaCy line is skipped with a message saying so.

Bars: ``word_tokenize`` at least 10x spaCy's blank Dutch tokenizer and 8x
NLTKWordTokenizer; ``tokenize`` (sentences, lowercasing, stopwords, integer
ids) at least 6x NLTKWordTokenizer + lowercasing + FreqDist; and the ratio
to the ``re.findall(r"\\w+|[^\\w\\s]")`` floor, aimed at within 2x.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
from collections.abc import Callable
from pathlib import Path

from nltk import FreqDist
from nltk.tokenize import NLTKWordTokenizer

from analysis.corpus import Document
from analysis.tokenized import tokenize as tokenize_corpus
from analysis.tokens import sentence_tokens, stopwords, word_tokenize

ROOT = Path(__file__).resolve().parents[1]
BARS = {"spaCy blank('nl')": 10.0, "NLTKWordTokenizer": 8.0}
FULL_BAR = 6.0
FLOOR = "re.findall floor"


def court_texts() -> list[str]:
    """The shipped court decisions and the news article."""
    paths = sorted((ROOT / "corpus" / "rechtspraak" / "texts").glob("*.txt"))
    paths.append(ROOT / "corpus" / "news" / "2019-01-wagner-caracas.txt")
    return [p.read_text(encoding="utf-8") for p in paths]


def ud_sentences() -> list[str]:
    """Every sentence of the shipped UD Dutch files."""
    texts = []
    for path in sorted((ROOT / "tests" / "data" / "ud_nl").glob("*.jsonl")):
        with path.open(encoding="utf-8") as f:
            texts.extend(json.loads(line)["text"] for line in f)
    return texts


def read_texts(path: Path) -> list[str]:
    """A .txt file, or every .txt file in a folder, one document each."""
    if path.is_dir():
        paths = sorted(path.rglob("*.txt"))
        if not paths:
            raise SystemExit(f"no .txt files in {str(path)!r}")
        return [p.read_text(encoding="utf-8") for p in paths]
    if not path.is_file():
        raise SystemExit(f"no file or folder at {str(path)!r}")
    return [path.read_text(encoding="utf-8")]


def repeat_to(texts: list[str], mb: float, *, seed: int = 0) -> list[str]:
    """`texts` repeated in a seeded random order up to `mb` megabytes."""
    rng = random.Random(seed)
    docs: list[str] = []
    size, target = 0, mb * 1_000_000
    while size < target:
        order = list(range(len(texts)))
        rng.shuffle(order)
        for i in order:
            docs.append(texts[i])
            size += len(texts[i].encode("utf-8"))
            if size >= target:
                break
    return docs


def time_it(tokenize: Callable[[str], object], docs: list[str]) -> float:
    """Seconds to tokenise every document once."""
    start = time.perf_counter()
    for doc in docs:
        tokenize(doc)
    return time.perf_counter() - start


def peers() -> dict[str, Callable[[str], object]]:
    """The word tokenisers timed, ours first."""
    floor = re.compile(r"\w+|[^\w\s]")
    candidates: dict[str, Callable[[str], object]] = {
        "ours word_tokenize": word_tokenize,
        "ours sentence_tokens": sentence_tokens,
        "NLTKWordTokenizer": NLTKWordTokenizer().tokenize,
    }
    try:
        import spacy
    except ImportError:
        print("spaCy is not installed, so its line is skipped: it is a benchmark-only peer, "
              "install it with `.venv/bin/pip install spacy`")
    else:
        nlp = spacy.blank("nl")
        nlp.max_length = 10**9
        candidates["spaCy blank('nl')"] = nlp.tokenizer
    candidates[FLOOR] = floor.findall
    return candidates


def full_pipeline(docs: list[str], mb: float) -> None:
    """Our tokenize against NLTKWordTokenizer + lowercasing + stopwords + FreqDist."""
    documents = [Document(f"d{i}", None, text) for i, text in enumerate(docs)]
    rates = {}
    for n_jobs in (1, 2):
        start = time.perf_counter()
        tokenize_corpus(documents, n_jobs=n_jobs)
        rates[n_jobs] = mb / (time.perf_counter() - start)
    stop = stopwords("nl")
    nltk_tokenizer = NLTKWordTokenizer()
    start = time.perf_counter()
    counts = FreqDist()
    for text in docs:
        counts.update(t for t in (w.lower() for w in nltk_tokenizer.tokenize(text))
                      if t not in stop and any(ch.isalpha() for ch in t))
    peer = mb / (time.perf_counter() - start)
    print(f"{'NLTKWordTokenizer+FreqDist':28s} {peer:6.2f} MB/s")
    for n_jobs, rate in rates.items():
        ratio = rate / peer
        verdict = "ok" if ratio >= FULL_BAR else f"BELOW the {FULL_BAR:g}x bar"
        print(f"{f'ours tokenize n_jobs={n_jobs}':28s} {rate:6.2f} MB/s  {ratio:5.1f}x NLTK+FreqDist ({verdict})")


def run(label: str, docs: list[str]) -> None:
    mb = sum(len(d.encode("utf-8")) for d in docs) / 1_000_000
    print(f"\n== {label}: {len(docs):,} documents, {mb:.1f} MB")
    rates = {}
    for name, tokenize in peers().items():
        seconds = time_it(tokenize, docs)
        rates[name] = mb / seconds
        print(f"{name:28s} {seconds:7.2f} s  {rates[name]:6.2f} MB/s")
    ours = rates["ours word_tokenize"]
    for other, bar in BARS.items():
        if other in rates:
            ratio = ours / rates[other]
            verdict = "ok" if ratio >= bar else f"BELOW the {bar:g}x bar"
            print(f"ours / {other}: {ratio:.1f}x ({verdict})")
    print(f"{FLOOR} / ours: {rates[FLOOR] / ours:.2f}x (aim: within 2x)")
    full_pipeline(docs, mb)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--text", type=Path, help="a .txt file or a folder of them (default: the court decisions)")
    parser.add_argument("--mb", type=float, default=10.0, help="size of the main text in MB (default 10)")
    parser.add_argument("--ud-mb", type=float, default=2.0, help="size of the UD sentences in MB (default 2; 0 skips)")
    args = parser.parse_args(argv)
    if args.mb <= 0 or args.ud_mb < 0:
        parser.error(f"sizes must be > 0, got --mb {args.mb!r} --ud-mb {args.ud_mb!r}")
    word_tokenize("Opwarmen.")  # compile the pattern outside the timing
    if args.text is None:
        run("court decisions (corpus/rechtspraak)", repeat_to(court_texts(), args.mb))
    else:
        run(str(args.text), repeat_to(read_texts(args.text), args.mb))
    if args.ud_mb:
        run("UD Dutch sentences (tests/data/ud_nl)", repeat_to(ud_sentences(), args.ud_mb))


if __name__ == "__main__":
    main()
