"""Counting speed: `frequencies` and `keyness_by` per month against NLTK and Counter.

A deterministic Dutch-like corpus (benchmarks/_generate.py: shipped
vocabulary, Zipfian word draws, 200-800 word documents over three years) is
tokenised once; then, on the same tokens in the same run:

* ours: ``frequencies(tokens, by="month")`` and ``keyness_by(tokens, "month")``;
* NLTK: ``ConditionalFreqDist`` over (month, token) pairs;
* plain Python: one ``Counter.update`` per document into a Counter per month.

NLTK and Counter get the tokens as lists of str (made before the timing), and
the month of each document.

    .venv/bin/python benchmarks/bench_frequency.py            # 10 MB
    .venv/bin/python benchmarks/bench_frequency.py --mb 100

The bar: ``frequencies(by="month")`` at least 10x faster than
ConditionalFreqDist; the per-month table on 100 MB in under 5 s once tokenised.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from nltk import ConditionalFreqDist

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _generate import generate_documents  # noqa: E402

from analysis.frequency import frequencies, keyness_by  # noqa: E402
from analysis.tokenized import tokenize  # noqa: E402

BAR = 10.0
SECONDS_100MB = 5.0


def best_of(call: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Fastest of ``repeat`` runs, and the last result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = call()
        best = min(best, time.perf_counter() - start)
    return best, result


def counter_by_month(docs: list[list[str]], months: list[str]) -> dict[str, Counter]:
    counters: dict[str, Counter] = defaultdict(Counter)
    for month, words in zip(months, docs, strict=True):
        counters[month].update(words)
    return counters


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10.0, help="text size in MB (default 10)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing, best kept")
    parser.add_argument("--n-jobs", type=int, default=-1, help="processes for tokenising")
    parser.add_argument("--stopwords", default="none",
                        help="stopword list for tokenising, or none to count every word (default: none, "
                             "about 1.4 M tokens per 10 MB as in the issue's figures)")
    args = parser.parse_args(argv)
    if args.mb <= 0:
        parser.error(f"--mb must be > 0, got {args.mb!r}")

    start = time.perf_counter()
    documents = generate_documents(args.mb)
    generated = time.perf_counter() - start
    mb = sum(len(d.text.encode("utf-8")) for d in documents) / 1e6
    start = time.perf_counter()
    stopwords = None if args.stopwords.lower() == "none" else args.stopwords
    tokens = tokenize(documents, n_jobs=args.n_jobs, stopwords=stopwords)
    tokenised = time.perf_counter() - start
    print(f"corpus: {mb:.1f} MB, {len(tokens):,} documents, {tokens.n_tokens:,} tokens, "
          f"{len(tokens.vocabulary):,} types (generated in {generated:.1f} s, "
          f"tokenised in {tokenised:.1f} s, not timed below)")

    token_lists = list(tokens)
    months = tokens.labels("month").tolist()
    repeat = args.repeat
    t_freq, table = best_of(lambda: frequencies(tokens, by="month"), repeat)
    t_key, key = best_of(lambda: keyness_by(tokens, "month"), repeat)
    t_cfd, cfd = best_of(lambda: ConditionalFreqDist(
        (month, word) for month, words in zip(months, token_lists, strict=True)
        for word in words), max(1, repeat - 1))
    t_counter, counters = best_of(lambda: counter_by_month(token_lists, months),
                                  max(1, repeat - 1))

    # the same numbers, or the comparison means nothing
    month = table["month"].iloc[0]
    rows = table[table["month"] == month]
    assert dict(zip(rows["term"], rows["count"].tolist(), strict=True)) == dict(cfd[month]) \
        == counters[month], "counts differ"
    assert len(table) == sum(len(c) for c in counters.values())

    print(f"\n{'what':<44}{'seconds':>9}{'ours is x faster':>18}")
    print(f"{'ours frequencies(by=month)':<44}{t_freq:>9.3f}{'':>18}")
    print(f"{'ours keyness_by(month), ' + f'{len(key):,} rows':<44}{t_key:>9.3f}{'':>18}")
    print(f"{'NLTK ConditionalFreqDist (month, token)':<44}{t_cfd:>9.3f}{t_cfd / t_freq:>17.1f}x")
    print(f"{'Counter.update per document per month':<44}{t_counter:>9.3f}"
          f"{t_counter / t_freq:>17.1f}x")
    print(f"\nbar: frequencies(by=month) >= {BAR:.0f}x ConditionalFreqDist: "
          f"{'met' if t_cfd / t_freq >= BAR else 'NOT met'} ({t_cfd / t_freq:.1f}x)")
    if args.mb >= 100:
        print(f"bar: per-month table on {mb:.0f} MB under {SECONDS_100MB:.0f} s: "
              f"{'met' if t_freq < SECONDS_100MB else 'NOT met'} ({t_freq:.2f} s)")


if __name__ == "__main__":
    main()
