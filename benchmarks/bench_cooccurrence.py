"""Co-occurrence speed and peak memory: ours against NLTK's BigramCollocationFinder.

A seeded Dutch-like corpus (`benchmarks/_generate.py`) is tokenised once
(lowercased; every word kept unless ``--stopwords nl``) and saved as a token store; each contender
then runs in its own fresh process, which loads the store, is timed, and
reports its peak resident memory (``resource.getrusage(...).ru_maxrss``):

``ours``
    ``cooccurrence(tokens, window=5)`` (±5 tokens), PMI and G² for every
    pair, and the top 100 pairs by each (``to_frame(..., top=100)``).
``nltk``
    ``BigramCollocationFinder.from_words(words, window_size=6)`` (the 5
    tokens after each word) with ``nbest(pmi, 100)`` and
    ``nbest(likelihood_ratio, 100)``.
``ours, NLTK's model``
    ``cooccurrence(tokens, window=(0, 5))`` scored with
    ``convention="nltk"``: its top 100 are compared with NLTK's (NLTK's
    windows run on across documents, ours never do, so a few pairs at
    document edges differ).
``collocates``
    ``collocates(tokens, node)`` for one frequent word, node first.

    .venv/bin/python benchmarks/bench_cooccurrence.py            # 10 MB, NLTK included (~2 min)
    .venv/bin/python benchmarks/bench_cooccurrence.py --mb 100   # collocates at 100 MB, no NLTK

The bar: at least 30x faster than NLTK with at most half its peak memory,
and `collocates` for one node on 100 MB in under 3 s once tokenised.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEED_BAR = 30.0
MEMORY_BAR = 0.5
COLLOCATES_BAR = 3.0
NODE = "rechtbank"


def peak_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux: ru_maxrss is in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker(kind: str, store: str) -> dict:
    """Run one contender on the stored tokens; return its figures."""
    from analysis.tokenized import load_tokens

    tokens = load_tokens(store, mmap=False)
    out: dict = {"kind": kind}
    if kind == "nltk":
        from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

        words = tokens.terms[tokens.ids[tokens.ids >= 0]].tolist()
        out["baseline_mb"] = peak_mb()
        start = time.perf_counter()
        finder = BigramCollocationFinder.from_words(words, window_size=6)
        out["pmi"] = finder.nbest(BigramAssocMeasures.pmi, 100)
        out["g2"] = finder.nbest(BigramAssocMeasures.likelihood_ratio, 100)
        out["seconds"] = time.perf_counter() - start
        out["pairs"] = len(finder.ngram_fd)
    elif kind in ("ours", "ours-nltk"):
        from analysis.collocation import cooccurrence

        out["baseline_mb"] = peak_mb()
        convention = "nltk" if kind == "ours-nltk" else "positional"
        window = (0, 5) if kind == "ours-nltk" else 5
        start = time.perf_counter()
        co = cooccurrence(tokens, window=window)
        tops = {m: co.to_frame(m, top=100, convention=convention) for m in ("pmi", "g2")}
        out["seconds"] = time.perf_counter() - start
        out["pairs"] = int(co.matrix.nnz)
        for measure, frame in tops.items():
            out[measure] = list(zip(frame["term_a"], frame["term_b"], strict=True))
    elif kind == "collocates":
        from analysis.collocation import collocates

        node = NODE if NODE in tokens.index else tokens.vocabulary[int(tokens.counts().argmax())]
        out["baseline_mb"] = peak_mb()
        start = time.perf_counter()
        frame = collocates(tokens, node, window=5)
        out["seconds"] = time.perf_counter() - start
        start = time.perf_counter()
        collocates(tokens, node, window=5)
        out["warm_seconds"] = time.perf_counter() - start
        out["node"] = node
        out["node_count"] = int(frame["node_count"].iloc[0]) if len(frame) else 0
        out["collocates"] = len(frame)
    else:
        raise ValueError(f"unknown worker {kind!r}")
    out["peak_mb"] = peak_mb()
    return out


def run(kind: str, store: Path) -> dict:
    """`worker` in a fresh Python process, so that each peak memory is its own."""
    done = subprocess.run([sys.executable, __file__, "--worker", kind, "--store", str(store)],
                          check=True, capture_output=True, text=True, cwd=ROOT)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=10.0, help="corpus size in MB (default 10)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--nltk", action=argparse.BooleanOptionalAction, default=None,
                        help="run NLTK (default: only up to 20 MB)")
    parser.add_argument("--n-jobs", type=int, default=-1, help="processes for tokenising")
    parser.add_argument("--stopwords", default=None,
                        help="stopword list to remove (default: keep every word)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--store", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.worker, args.store)))
        return

    sys.path.insert(0, str(ROOT))
    from analysis.tokenized import tokenize
    from benchmarks._generate import generate_documents

    with_nltk = args.nltk if args.nltk is not None else args.mb <= 20
    start = time.perf_counter()
    docs = generate_documents(args.mb, seed=args.seed)
    size = sum(len(d.text.encode("utf-8")) for d in docs) / 1e6
    generated = time.perf_counter() - start
    start = time.perf_counter()
    tokens = tokenize(docs, n_jobs=args.n_jobs, stopwords=args.stopwords)
    tokenised = time.perf_counter() - start
    print(f"corpus: {size:.1f} MB, {len(docs):,} documents, {tokens.n_tokens:,} tokens, "
          f"{len(tokens.vocabulary):,} types (seed {args.seed}; generated in {generated:.1f} s, "
          f"tokenised in {tokenised:.1f} s, stopwords={args.stopwords!r})")
    del docs
    with tempfile.TemporaryDirectory() as tmp:
        store = tokens.save(Path(tmp) / "tokens")
        del tokens
        results = {"ours": run("ours", store)}
        if with_nltk:
            results["nltk"] = run("nltk", store)
            results["ours-nltk"] = run("ours-nltk", store)
        results["collocates"] = run("collocates", store)

    print(f"\n{'':34}{'seconds':>10}{'peak MB':>10}{'+MB':>8}{'pairs':>14}")
    labels = {"ours": "ours: cooccurrence ±5 + pmi, g2",
              "nltk": "NLTK: from_words(6) + nbest x2",
              "ours-nltk": "ours, NLTK's model (0, 5)",
              "collocates": "collocates (one node)"}
    for kind, r in results.items():
        pairs = f"{r['pairs']:,}" if "pairs" in r else ""
        print(f"{labels[kind]:34}{r['seconds']:10.2f}{r['peak_mb']:10.0f}"
              f"{r['peak_mb'] - r['baseline_mb']:8.0f}{pairs:>14}")
    ours = results["ours"]
    c = results["collocates"]
    print(f"\ncollocates({c['node']!r}): {c['node_count']:,} occurrences, {c['collocates']:,} "
          f"collocates, {c['seconds']:.2f} s cold (incl. document index), "
          f"{c['warm_seconds']:.2f} s warm")
    verdicts = [("collocates", c["seconds"] < COLLOCATES_BAR,
                 f"{c['seconds']:.2f} s < {COLLOCATES_BAR} s")]
    if with_nltk:
        nltk = results["nltk"]
        speed = nltk["seconds"] / ours["seconds"]
        memory = ours["peak_mb"] / nltk["peak_mb"]
        print(f"speed-up over NLTK: {speed:.1f}x; our peak memory / NLTK's: {memory:.2f}")
        same = results["ours-nltk"]
        for measure in ("pmi", "g2"):
            theirs = [tuple(p) for p in nltk[measure]]
            mine = [tuple(p) for p in same[measure]]
            print(f"NLTK model top 100 by {measure}: {len(set(theirs) & set(mine))}/100 shared, "
                  f"{'identical order' if theirs == mine else 'order differs'}")
        verdicts += [("speed", speed >= SPEED_BAR, f"{speed:.1f}x >= {SPEED_BAR}x"),
                     ("memory", memory <= MEMORY_BAR, f"{memory:.2f} <= {MEMORY_BAR}")]
    for name, ok, text in verdicts:
        print(f"bar {name}: {'PASS' if ok else 'FAIL'} ({text})")


if __name__ == "__main__":
    main()
