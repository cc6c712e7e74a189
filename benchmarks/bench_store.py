"""What checking a token store costs, next to tokenising the corpus it holds.

The text is the shipped Dutch court decisions and news article, replicated
in a seeded order (bench_tokenize.court_texts and repeat_to). One run, side by
side, repeated ``--repeat`` times (the best of each is shown):

- tokenise the documents (no store);
- write the store (``Tokens.save``: files, sizes and SHA-256 of each);
- open it as `load_tokens` does by default (sizes checked, arrays mapped);
- open it with ``verify=True`` (every file's SHA-256 as well);
- the corpus fingerprint (every field of every document);
- reuse it through ``tokenize(cache=)`` (fingerprint + checksums + open).

    .venv/bin/python benchmarks/bench_store.py            # 10 MB
    .venv/bin/python benchmarks/bench_store.py --mb 50 --repeat 5

The bar: the checks a reuse adds (fingerprint and checksums) stay under
5% of tokenising; reusing the store stays at least 10x faster than
tokenising.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_tokenize import court_texts, repeat_to  # noqa: E402

from analysis.corpus import Document  # noqa: E402
from analysis.tokenized import corpus_fingerprint, load_tokens, tokenize  # noqa: E402

CHECK_BAR = 0.05
REUSE_BAR = 10.0


def best_of(repeat: int, step: Callable[[], object]) -> float:
    """The fastest of ``repeat`` runs, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10.0, help="text size in MB (default 10)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each step (default 3)")
    args = parser.parse_args(argv)
    texts = repeat_to(court_texts(), args.mb)
    docs = [Document(f"d{i}", None, text, source="rechtspraak", metadata={"n": i}) for i, text in enumerate(texts)]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1_000_000
    folder = Path(tempfile.mkdtemp(prefix="bench-store-"))
    store = folder / "store"
    tokens = tokenize(docs)
    settings = dict(tokens.settings)
    tokens.save(store)
    size = sum(p.stat().st_size for p in store.iterdir()) / 1_000_000
    print(f"{len(docs):,} documents, {mb:.1f} MB of Dutch text, {tokens.n_tokens:,} tokens; store {size:.1f} MB")

    steps = {
        "tokenize (no store)": lambda: tokenize(docs),
        "Tokens.save": lambda: tokens.save(store),
        "load_tokens (sizes)": lambda: load_tokens(store),
        "load_tokens(verify=True)": lambda: load_tokens(store, verify=True),
        "corpus fingerprint": lambda: corpus_fingerprint(docs),
        "tokenize(cache=) reuse": lambda: tokenize(docs, cache=store),
    }
    seconds = {name: best_of(args.repeat, step) for name, step in steps.items()}
    base = seconds["tokenize (no store)"]
    for name, value in seconds.items():
        print(f"{name:26s} {value:8.3f} s  {value / base:7.1%} of tokenising")
    checksums = seconds["load_tokens(verify=True)"] - seconds["load_tokens (sizes)"]
    check = checksums + seconds["corpus fingerprint"]
    verdict = "ok" if check / base <= CHECK_BAR else f"ABOVE the {CHECK_BAR:.0%} bar"
    print(f"checks a reuse adds (checksums {checksums:.3f} s + fingerprint {seconds['corpus fingerprint']:.3f} s): "
          f"{check / base:.1%} of tokenising ({verdict})")
    speedup = base / seconds["tokenize(cache=) reuse"]
    verdict = "ok" if speedup >= REUSE_BAR else f"BELOW the {REUSE_BAR:g}x bar"
    print(f"tokenising / reusing the store: {speedup:.1f}x ({verdict})")
    assert load_tokens(store, settings=settings, verify=True).n_tokens == tokens.n_tokens


if __name__ == "__main__":
    main()
