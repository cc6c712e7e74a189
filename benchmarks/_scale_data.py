"""Dutch-like dated JSON Lines corpora of any size, written streaming, for benchmarks.

Words are Zipfian draws (p(rank r) ~ 1 / r**1.07) from the vocabulary of the
shipped corpus, as in `benchmarks/_generate.py`, mixed with newly coined
words: Dutch-style compounds of two shipped words (``huurlingenleger``) and
names (``Van Brakelstra``). The number of distinct coinages after N tokens
follows Heaps' law, ``V_new = K * N**BETA`` (BETA = 0.6), so the vocabulary
grows with the corpus as it does in real text; coinages already made recur
(uniformly over those made so far) in 2% of the other draws.

Documents (200 to 800 words, sentences of 4 to 30 words, one of five
sources, a day in 2019-2021) are written month by month to one file per
month (``2019-01.jsonl``, ...), each month getting 1/36 of the bytes; only
one batch of documents is in memory at a time. A folder is written under a
temporary name and renamed when complete, so a cached folder is always
whole. The same ``mb`` and ``seed`` always give the same files.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "benchmarks" / "_data"
SOURCES = ("NOS", "NU.nl", "de Volkskrant", "Trouw", "NRC")
MONTHS = [f"{year}-{month:02d}" for year in (2019, 2020, 2021) for month in range(1, 13)]
K, BETA = 12.0, 0.6  # coinages after N tokens: K * N**BETA
REUSE = 0.02  # share of non-coined draws that repeat an earlier coinage
BATCH = 500  # documents drawn at a time


def shipped_words() -> list[str]:
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from _generate import shipped_vocabulary

    return shipped_vocabulary()


def corpus_folder(mb: float, *, seed: int = 0, root: Path = DATA) -> Path:
    """The folder of the ``mb`` corpus, generated on first use."""
    folder = root / f"scale-{mb:g}mb-seed{seed}"
    if not (folder / "COMPLETE").is_file():
        write_corpus(folder, mb, seed=seed)
    return folder


def write_corpus(folder: Path, mb: float, *, seed: int = 0) -> Path:
    """Write the corpus to ``folder`` (replacing it), streaming."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = folder.with_name(f".{folder.name}.tmp{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    stats = {"documents": 0, "bytes": 0, "words": 0, "coined": 0}
    try:
        per_month = mb * 1_000_000 / len(MONTHS)
        for month, lines in _months(mb, seed, per_month, stats):
            with (tmp / f"{month}.jsonl").open("w", encoding="utf-8") as handle:
                for line in lines:
                    handle.write(line)
        (tmp / "COMPLETE").write_text(json.dumps(stats) + "\n", encoding="utf-8")
        shutil.rmtree(folder, ignore_errors=True)
        os.replace(tmp, folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return folder


def _months(mb: float, seed: int, per_month: float, stats: dict) -> Iterator[tuple[str, Iterator[str]]]:
    words = np.array(shipped_words(), dtype=object)
    lower = [w.lower() for w in words[:5000] if w.isalpha() and len(w) > 3]
    rng = np.random.default_rng(seed)
    weights = 1.0 / np.arange(1, len(words) + 1) ** 1.07
    cumulative = np.cumsum(weights / weights.sum())
    coined: list[str] = []
    for month in MONTHS:
        yield month, _month_lines(month, per_month, rng, words, cumulative, lower, coined, stats)


def _coin(rng: np.random.Generator, lower: list[str], n: int) -> str:
    a, b = lower[int(rng.integers(len(lower)))], lower[int(rng.integers(len(lower)))]
    if rng.random() < 0.3:  # a name
        return f"{a.capitalize()}{b[:3]}{n % 97}"
    return f"{a}{b}"


def _month_lines(month: str, target: float, rng: np.random.Generator, words: np.ndarray,
                 cumulative: np.ndarray, lower: list[str], coined: list[str], stats: dict) -> Iterator[str]:
    start = pd.Period(month, freq="M")
    days = start.days_in_month
    size = 0.0
    while size < target:
        batch = int(min(BATCH, (target - size) // 3600 + 1))  # about what the month still needs
        lengths = rng.integers(200, 801, size=batch)
        total = int(lengths.sum())
        drawn = words[np.minimum(np.searchsorted(cumulative, rng.random(total)), len(words) - 1)]
        # Heaps' law: the coinages due after these tokens, at random positions
        due = int(K * (stats["words"] + total) ** BETA) - int(K * stats["words"] ** BETA)
        reuse = np.flatnonzero(rng.random(total) < REUSE) if coined else np.zeros(0, dtype=np.int64)
        for position in reuse.tolist():
            drawn[position] = coined[int(rng.integers(len(coined)))]
        for position in rng.choice(total, size=min(due, total), replace=False).tolist():
            coined.append(_coin(rng, lower, len(coined)))
            drawn[position] = coined[-1]
        stats["coined"] = len(coined)
        offsets = np.concatenate([[0], np.cumsum(lengths)])
        for d in range(batch):
            n_words = int(lengths[d])
            part = drawn[offsets[d] : offsets[d + 1]]
            cuts = np.cumsum(rng.integers(4, 31, size=n_words // 4 + 1))
            cuts = cuts[cuts < n_words]
            sentences = []
            for piece in np.split(part, cuts):
                if len(piece):
                    first = str(piece[0])
                    sentences.append(" ".join([first[:1].upper() + first[1:], *piece[1:]]) + ".")
            text = " ".join(sentences)
            record = {"id": f"gen-{stats['documents']:08d}",
                      "date": f"{month}-{int(rng.integers(1, days + 1)):02d}",
                      "source": SOURCES[int(rng.integers(len(SOURCES)))], "text": text}
            line = json.dumps(record, ensure_ascii=False) + "\n"
            stats["documents"] += 1
            stats["words"] += n_words
            encoded = len(line.encode("utf-8"))
            stats["bytes"] += encoded
            size += encoded
            yield line
            if size >= target:
                return


def real_texts() -> list[str]:
    """Real Dutch documents: the shipped court decisions, the news article, and
    the UD Dutch sentences joined per source document (newspaper, Wikipedia
    and web text)."""
    paths = sorted((ROOT / "corpus" / "rechtspraak" / "texts").glob("*.txt"))
    paths.append(ROOT / "corpus" / "news" / "2019-01-wagner-caracas.txt")
    texts = [p.read_text(encoding="utf-8") for p in paths]
    for path in sorted((ROOT / "tests" / "data" / "ud_nl").glob("*.jsonl")):
        by_source: dict[str, list[str]] = {}
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                row = json.loads(line)
                by_source.setdefault(row["source"].rsplit("/", 1)[0], []).append(row["text"])
        texts.extend(" ".join(sentences) for sentences in by_source.values())
    return texts


def real_corpus_folder(mb: float, *, seed: int = 0, root: Path = DATA) -> Path:
    """A folder of ``mb`` megabytes of real Dutch text (`real_texts` repeated in
    a seeded order, each copy given a seeded day in 2019-2021), one JSON Lines
    file per month, written on first use. Repeating the texts keeps the
    vocabulary at theirs (about 60,000 types), where a real corpus of this
    size would keep growing it."""
    folder = root / f"real-{mb:g}mb-seed{seed}"
    if (folder / "COMPLETE").is_file():
        return folder
    texts = real_texts()
    rng = np.random.default_rng(seed)
    lines: dict[str, list[str]] = {month: [] for month in MONTHS}
    size, n = 0, 0
    while size < mb * 1_000_000:
        for i in rng.permutation(len(texts)).tolist():
            month = MONTHS[int(rng.integers(len(MONTHS)))]
            day = int(rng.integers(1, pd.Period(month, freq="M").days_in_month + 1))
            record = {"id": f"real-{n:08d}", "date": f"{month}-{day:02d}",
                      "source": SOURCES[int(rng.integers(len(SOURCES)))], "text": texts[i]}
            line = json.dumps(record, ensure_ascii=False) + "\n"
            lines[month].append(line)
            size += len(line.encode("utf-8"))
            n += 1
            if size >= mb * 1_000_000:
                break
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = folder.with_name(f".{folder.name}.tmp{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    for month, month_lines in lines.items():
        (tmp / f"{month}.jsonl").write_text("".join(month_lines), encoding="utf-8")
    (tmp / "COMPLETE").write_text(json.dumps({"documents": n, "bytes": size}) + "\n", encoding="utf-8")
    shutil.rmtree(folder, ignore_errors=True)
    os.replace(tmp, folder)
    return folder
