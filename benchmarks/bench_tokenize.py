"""Tokeniser speed on Dutch text: ours against NLTK, spaCy and a regex floor.

The text is the shipped court decisions (corpus/rechtspraak/texts) plus the
news article, replicated in a seeded random order until it reaches the size
asked for. Every tokeniser runs in this one process over the same list of
documents, one call per document.

    .venv/bin/python benchmarks/bench_tokenize.py            # 10 MB
    .venv/bin/python benchmarks/bench_tokenize.py --mb 20

The bar: our word_tokenize at least 5x NLTKWordTokenizer and 5x spaCy's
blank Dutch tokenizer in the same run.
"""

from __future__ import annotations

import argparse
import random
import re
import time
from collections.abc import Callable
from pathlib import Path

from nltk import FreqDist
from nltk.tokenize import NLTKWordTokenizer, ToktokTokenizer

from analysis.corpus import Document
from analysis.tokenized import tokenize as tokenize_corpus
from analysis.tokens import sentence_tokens, stopwords, word_tokenize

ROOT = Path(__file__).resolve().parents[1]
BAR = 5.0
FULL_BAR = 4.0


def build_documents(mb: float, *, seed: int = 0) -> list[str]:
    """Shipped Dutch documents, repeated in a seeded order up to `mb` megabytes."""
    paths = sorted((ROOT / "corpus" / "rechtspraak" / "texts").glob("*.txt"))
    paths.append(ROOT / "corpus" / "news" / "2019-01-wagner-caracas.txt")
    texts = [p.read_text(encoding="utf-8") for p in paths]
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


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10.0, help="text size in MB (default 10)")
    args = parser.parse_args(argv)
    if args.mb <= 0:
        parser.error(f"--mb must be > 0, got {args.mb!r}")

    docs = build_documents(args.mb)
    mb = sum(len(d.encode("utf-8")) for d in docs) / 1_000_000
    word_tokenize("Opwarmen.")  # compile the pattern outside the timing

    floor = re.compile(r"\w+")
    candidates: dict[str, Callable[[str], object]] = {
        "ours word_tokenize": word_tokenize,
        "ours sentence_tokens": sentence_tokens,
        "NLTKWordTokenizer": NLTKWordTokenizer().tokenize,
        "ToktokTokenizer": ToktokTokenizer().tokenize,
    }
    try:
        import spacy

        nlp = spacy.blank("nl")
        nlp.max_length = 10**9
        candidates["spaCy blank('nl')"] = nlp.tokenizer
    except ImportError:
        print("spaCy not importable: skipped")
    candidates["re.findall(r'\\w+')"] = floor.findall

    print(f"{len(docs)} documents, {mb:.1f} MB of Dutch text")
    rates = {}
    for name, tokenize in candidates.items():
        seconds = time_it(tokenize, docs)
        rates[name] = mb / seconds
        print(f"{name:24s} {seconds:7.2f} s  {rates[name]:6.2f} MB/s")

    ours = rates["ours word_tokenize"]
    for other in ("NLTKWordTokenizer", "spaCy blank('nl')"):
        if other in rates:
            ratio = ours / rates[other]
            verdict = "ok" if ratio >= BAR else f"BELOW the {BAR:g}x bar"
            print(f"ours / {other}: {ratio:.1f}x ({verdict})")

    # The whole path to counts: our tokenize (sentences, lowercase, stopwords,
    # punctuation and numbers removed, integer ids) against NLTKWordTokenizer
    # with the same lowercasing and stopword filter into a FreqDist.
    documents = [Document(f"d{i}", None, text) for i, text in enumerate(docs)]
    start = time.perf_counter()
    tokenize_corpus(documents)
    full = mb / (time.perf_counter() - start)
    stop = stopwords("nl")
    nltk_tokenizer = NLTKWordTokenizer()
    start = time.perf_counter()
    counts = FreqDist()
    for text in docs:
        counts.update(t for t in (w.lower() for w in nltk_tokenizer.tokenize(text))
                      if t not in stop and any(ch.isalpha() for ch in t))
    peer = mb / (time.perf_counter() - start)
    verdict = "ok" if full / peer >= FULL_BAR else f"BELOW the {FULL_BAR:g}x bar"
    print(f"{'ours tokenize (full)':24s} {full:6.2f} MB/s")
    print(f"{'NLTKWordTokenizer+FreqDist':24s} {peer:6.2f} MB/s")
    print(f"ours tokenize / NLTKWordTokenizer+FreqDist: {full / peer:.1f}x ({verdict})")


if __name__ == "__main__":
    main()
