"""Near-duplicates in 100,000 news-length documents: time, memory, and the all-pairs time it replaces.

The documents are real Dutch sentences (court decisions and UD sentences)
with planted wire copies (benchmarks/_planted.py: 30% of the originals
copied 1-5 times, 1-10% of the words edited, other headlines, paragraphs
reordered half of the time). `find_duplicates` is timed (wall clock and CPU,
since the 2-core machine is shared); the brute-force all-pairs Jaccard it
replaces is timed on a sample and scaled by the number of pairs; on that
sample both are compared, pair by pair. Memory is the peak resident size of
this process, documents included.

    .venv/bin/python benchmarks/bench_duplicates.py            # 100,000 documents
    .venv/bin/python benchmarks/bench_duplicates.py --documents 20000 --sample 1000
"""

from __future__ import annotations

import argparse
import itertools
import re
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _planted import planted_corpus  # noqa: E402

from analysis import find_duplicates  # noqa: E402


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def all_pairs(docs, threshold: float, k: int = 5) -> set[tuple[str, str]]:
    """The brute force: every pair's Jaccard on Python sets of shingles."""
    sets = []
    for doc in docs:
        words = re.findall(r"\w+", doc.text.lower())
        sets.append({tuple(words[i:i + k]) for i in range(max(len(words) - k, 0) + 1)})
    return {(a.id, b.id) for (a, sa), (b, sb) in itertools.combinations(zip(docs, sets, strict=True), 2)
            if sa and sb and len(sa & sb) / len(sa | sb) >= threshold}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=1_500, help="documents for the all-pairs timing")
    parser.add_argument("--threshold", type=float, default=0.8)
    args = parser.parse_args()

    start = time.perf_counter()
    docs = planted_corpus(args.documents, copy_share=0.3, seed=0)
    words = sum(len(doc.text.split()) for doc in docs)
    print(f"corpus: {len(docs):,} documents, {words / len(docs):.0f} words on average "
          f"(made in {time.perf_counter() - start:.1f} s); peak RSS {peak_rss_mb():,.0f} MB")

    wall, cpu = time.perf_counter(), time.process_time()
    table = find_duplicates(docs, threshold=args.threshold)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"find_duplicates: {len(table):,} pairs >= {args.threshold} in {table['cluster'].nunique():,} "
          f"clusters; {wall:.1f} s wall, {cpu:.1f} s CPU; peak RSS {peak_rss_mb():,.0f} MB (whole process)")

    sample = docs[: args.sample]
    brute = time.perf_counter()
    truth = all_pairs(sample, args.threshold)
    brute = time.perf_counter() - brute
    ours = time.perf_counter()
    found = find_duplicates(sample, threshold=args.threshold)
    ours = time.perf_counter() - ours
    found_pairs = set(zip(found["id_a"], found["id_b"], strict=True))
    hits = len(found_pairs & truth)
    scale = (len(docs) * (len(docs) - 1)) / (len(sample) * (len(sample) - 1))
    print(f"all pairs on {len(sample):,} documents: {brute:.1f} s (find_duplicates {ours:.2f} s, "
          f"{brute / ours:.0f}x); recall {hits / max(len(truth), 1):.3f}, "
          f"precision {hits / max(len(found_pairs), 1):.3f} ({len(truth)} pairs)")
    print(f"all pairs on {len(docs):,} documents, scaled by the number of pairs: "
          f"{brute * scale / 3600:.1f} h, {brute * scale / wall:.0f}x the time of find_duplicates")


if __name__ == "__main__":
    main()
