"""End-to-end time and peak memory on corpora of real Dutch text of 10 MB, 100 MB and 1 GB.

The path a notebook takes: load and tokenise (streamed, file by file; on
both cores, as `tokenize` does by default for a large corpus), per-month
frequencies, a +-5-token window co-occurrence matrix (the 20,000 most
frequent terms) with PMI and G² for its 1,000 strongest
pairs, the collocates of one node, and the keyness of one month against
the rest. Each size runs in a fresh subprocess; its peak memory is the high
water mark (VmHWM) of the main process plus the largest worker process.
The corpora (`benchmarks/_scale_data.py`) are cached in benchmarks/_data/:
by default real text (the shipped court decisions, news article and UD
Dutch sentences, repeated and spread over 36 months), with ``--corpus
generated`` Zipfian draws from the shipped vocabulary with a growing
vocabulary.

    .venv/bin/python benchmarks/bench_scale.py                 # 10 and 100 MB
    .venv/bin/python benchmarks/bench_scale.py --sizes 10 100 1000
    .venv/bin/python benchmarks/bench_scale.py --sizes 100 --dask
    .venv/bin/python benchmarks/bench_scale.py --corpus generated
    .venv/bin/python benchmarks/bench_scale.py --sizes 10 30 100 --n-jobs 1 default --repeat 3

``--n-jobs`` runs each size with each setting of `tokenize`'s ``n_jobs``
(``default`` is its own choice), taking turns, and prints each setting's
best load+tokenise time against the first setting's: where two processes
start to pay off, and that the default is never slower than one.

Bars (on 2 cores): 100 MB of real text in under 25 s with peak memory under
2 GB; 1 GB under 4 GB and at most 11x the 100 MB time; the 2-worker Dask run
on 100 MB (tokenise, frequencies, co-occurrence, collocates) within 1.5x of
the same steps on one machine.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

NODE = "minister"
MAX_VOCABULARY = 20_000
TARGET_MONTH = "2020-03"


def vm_hwm_mb() -> float:
    """This process's peak resident memory in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def folder_for(mb: float, corpus: str) -> Path:
    """The cached corpus folder of `mb` megabytes, real or generated."""
    from _scale_data import corpus_folder, real_corpus_folder

    return real_corpus_folder(mb) if corpus == "real" else corpus_folder(mb)


def run_single(mb: float, corpus: str, n_jobs: int | None = None) -> dict:
    """One size on one machine, in this process (and its tokenising workers)."""

    from analysis.collocation import collocates, cooccurrence
    from analysis.frequency import frequencies, keyness
    from analysis.tokenized import tokenize

    folder = folder_for(mb, corpus)
    steps: dict[str, float] = {}
    peaks: dict[str, float] = {}  # the main process's high-water mark after each step
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        steps[name] = round(now - clock, 2)
        peaks[name] = round(vm_hwm_mb())
        clock = now

    tokens = tokenize(folder, n_jobs=n_jobs)  # streamed: documents are read, tokenised and dropped
    lap("load+tokenize")
    frequencies(tokens, by="month")
    lap("frequencies by month")
    co = cooccurrence(tokens, window=5, max_vocabulary=MAX_VOCABULARY)
    co.to_frame(["pmi", "g2"], top=1000)
    lap("cooccurrence+pmi/g2")
    collocates(tokens, NODE, window=5)
    lap("collocates")
    keyness(tokens, TARGET_MONTH)
    lap("keyness")
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"mb": mb, "mode": "single", "corpus": corpus, "n_jobs": n_jobs or "default",
            "seconds": round(sum(steps.values()), 2), "steps": steps, "peak_after_step_mb": peaks,
            "documents": len(tokens), "tokens": tokens.n_tokens, "types": len(tokens.vocabulary),
            "peak_main_mb": round(vm_hwm_mb()), "peak_worker_mb": round(children)}


def run_dask(mb: float, corpus: str) -> dict:
    """One size on a 2-worker LocalCluster: the same steps but keyness."""
    import dask
    import distributed

    import analysis.dask as adask

    folder = folder_for(mb, corpus)
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None, memory_limit="6GB")
    client = distributed.Client(cluster)
    steps: dict[str, float] = {}
    try:
        start = time.perf_counter()
        # one partition per worker: every partial result is merged on the client
        documents = adask.read_documents(folder).repartition(npartitions=2)
        parts = adask.tokenize_partitions(documents).persist()
        distributed.wait(list(parts.parts))
        steps["load+tokenize"] = round(time.perf_counter() - start, 2)
        clock = time.perf_counter()
        adask.frequencies(parts, by="month")
        steps["frequencies by month"] = round(time.perf_counter() - clock, 2)
        clock = time.perf_counter()
        co = adask.cooccurrence(parts, window=5, max_vocabulary=MAX_VOCABULARY)
        co.to_frame(["pmi", "g2"], top=1000)
        steps["cooccurrence+pmi/g2"] = round(time.perf_counter() - clock, 2)
        clock = time.perf_counter()
        adask.collocates(parts, NODE, window=5)
        steps["collocates"] = round(time.perf_counter() - clock, 2)
        workers = client.run(vm_hwm_mb)
    finally:
        client.close()
        cluster.close()
    del dask
    return {"mb": mb, "mode": "dask", "corpus": corpus, "seconds": round(sum(steps.values()), 2), "steps": steps,
            "peak_main_mb": round(vm_hwm_mb()), "peak_worker_mb": round(max(workers.values()))}


def in_subprocess(mb: float, mode: str, corpus: str, n_jobs: str = "default") -> dict:
    command = [sys.executable, str(Path(__file__).resolve()), "--run", str(mb), "--mode", mode,
               "--corpus", corpus, "--n-jobs", n_jobs]
    out = subprocess.run(command, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def compare_n_jobs(results: list[dict], settings: list[str]) -> None:
    """Best load+tokenise time of each n_jobs setting, against the first setting's."""
    for mb in sorted({r["mb"] for r in results}):
        best = {}
        for setting in settings:
            times = [r["steps"]["load+tokenize"] for r in results
                     if r["mb"] == mb and r["mode"] == "single" and str(r["n_jobs"]) == setting]
            best[setting] = min(times)
        first = best[settings[0]]
        print(f"{mb:7g} MB load+tokenize, best: "
              + "  ".join(f"n_jobs={s}: {t:.2f} s ({t / first:.2f}x)" for s, t in best.items()))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[10.0, 100.0], help="corpus sizes in MB")
    parser.add_argument("--dask", action="store_true", help="also run the 2-worker Dask cluster on each size")
    parser.add_argument("--corpus", choices=["real", "generated"], default="real",
                        help="real Dutch text (default) or generated Zipfian draws")
    parser.add_argument("--n-jobs", nargs="+", default=["default"],
                        help="tokenize's n_jobs: numbers or 'default' (several: taking turns, compared)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each size and setting, best kept")
    parser.add_argument("--run", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--mode", default="single", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.run is not None:
        if args.mode == "dask":
            result = run_dask(args.run, args.corpus)
        else:
            result = run_single(args.run, args.corpus, None if args.n_jobs[0] == "default" else int(args.n_jobs[0]))
        print(json.dumps(result))
        return
    results = []
    for mb in args.sizes:
        folder_for(mb, args.corpus)  # write outside the timing
        runs = [("single", n) for n in args.n_jobs] + ([("dask", "default")] if args.dask else [])
        for _ in range(args.repeat):
            for mode, n_jobs in runs:
                result = in_subprocess(mb, mode, args.corpus, n_jobs)
                result["load"] = round(os.getloadavg()[0], 1)
                results.append(result)
                print(json.dumps(result), flush=True)
    if len(args.n_jobs) > 1:
        compare_n_jobs(results, args.n_jobs)
    single = {r["mb"]: r for r in results if r["mode"] == "single" and str(r["n_jobs"]) == args.n_jobs[0]}
    for r in results:
        peak = r["peak_main_mb"] + r["peak_worker_mb"]
        jobs = f"n_jobs={r.get('n_jobs', 'default')}" + (" (used workers)" if r["peak_worker_mb"] else "")
        line = f"{r['mode']:6s} {jobs:28s} {r['mb']:7g} MB  {r['seconds']:8.1f} s  peak {peak / 1024:5.2f} GB"
        if r["mode"] == "single" and 100.0 in single and r["mb"] != 100.0:
            line += f"  time / 100 MB time: {r['seconds'] / single[100.0]['seconds']:.1f}x"
        if r["mode"] == "dask" and r["mb"] in single:
            same = sum(v for k, v in single[r["mb"]]["steps"].items() if k != "keyness")
            line += f"  dask / single (same steps): {r['seconds'] / same:.2f}x"
        print(line)


if __name__ == "__main__":
    main()
