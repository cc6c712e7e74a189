"""Scale behaviour on small generated corpora: both cores, the token store,
bad input in the middle of a file, and streaming a large news file.

No timed assertions: the figures are in benchmarks/bench_scale.py.
"""

from __future__ import annotations

import json
import os
import random
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import analysis.tokenized
from analysis import CorpusError, StaleTokensError, iter_documents, load_corpus, load_tokens, tokenize
from analysis.tokenized import Tokens

WORDS = ("kabinet minister wagner rusland oekraïne poetin kremlin huurlingen caracas venezuela maduro "
         "guaidó verkiezingen partij kamer debat oorlog vrede leger troepen grens stad regering").split()


def write_jsonl(path: Path, n: int, *, seed: int = 1, bad_line: int | None = None) -> list[dict]:
    """``n`` records, dated over 2019; line ``bad_line`` (1-based) is broken JSON."""
    rng = random.Random(seed)
    records = []
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            text = ". ".join(" ".join(rng.choices(WORDS + ["de", "het"], k=rng.randint(3, 12))).capitalize()
                             for _ in range(rng.randint(1, 4))) + "."
            record = {"id": f"r{i}", "date": f"2019-{1 + i % 12:02d}-{1 + i % 28:02d}", "text": text}
            if i + 1 == bad_line:
                handle.write(json.dumps(record)[:-9] + "\n")  # cut inside the text
            else:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
                records.append(record)
    return records


def assert_same_tokens(a: Tokens, b: Tokens, *, check_dtype: bool = True) -> None:
    assert a.vocabulary == b.vocabulary
    np.testing.assert_array_equal(a.ids, b.ids)
    np.testing.assert_array_equal(a.doc_offsets, b.doc_offsets)
    np.testing.assert_array_equal(a.sent_offsets, b.sent_offsets)
    # a store's documents come back as object columns, a fresh Tokens has pandas' str columns
    pd.testing.assert_frame_equal(a.documents, b.documents, check_dtype=check_dtype)
    assert dict(a.settings) == dict(b.settings)


@pytest.fixture
def small_chunks(monkeypatch):
    """Chunks of ~20,000 characters, so that a small corpus is many chunks."""
    monkeypatch.setattr(analysis.tokenized, "_CHUNK_CHARS", 20_000)


@pytest.fixture
def corpus_file(tmp_path):
    path = tmp_path / "archive.jsonl"
    write_jsonl(path, 1500)
    return path


# -- both cores --------------------------------------------------------------


@pytest.mark.slow
def test_two_processes_give_identical_tokens(corpus_file, small_chunks):
    one = tokenize(corpus_file, phrases=["de kamer"], n_jobs=1)
    two = tokenize(corpus_file, phrases=["de kamer"], n_jobs=2)
    assert_same_tokens(one, two)
    assert one.fingerprint == two.fingerprint


def test_streaming_a_path_equals_the_loaded_corpus(corpus_file, small_chunks):
    from_path = tokenize(corpus_file)
    loaded = tokenize(load_corpus(corpus_file))
    assert_same_tokens(from_path, loaded)
    assert from_path.fingerprint == loaded.fingerprint


def test_concatenated_parts_equal_the_whole(corpus_file):
    docs = list(iter_documents(corpus_file))
    whole = tokenize(docs)
    joined = Tokens.concat([tokenize(docs[k : k + 400]) for k in range(0, len(docs), 400)])
    assert joined.vocabulary == whole.vocabulary
    np.testing.assert_array_equal(joined.ids, whole.ids)
    pd.testing.assert_frame_equal(joined.documents, whole.documents)


# -- the token store -----------------------------------------------------------


def test_memory_mapped_store_equals_the_original(corpus_file, tmp_path):
    tokens = tokenize(corpus_file)
    store = tokens.save(tmp_path / "archive.tokens")
    opened = load_tokens(store, corpus=iter_documents(corpus_file), settings=tokens.settings)
    assert isinstance(opened.ids, np.memmap)
    assert_same_tokens(opened, tokens, check_dtype=False)
    assert opened.fingerprint == tokens.fingerprint


def test_store_is_invalidated_when_the_corpus_or_the_settings_change(corpus_file, tmp_path):
    cache = tmp_path / "cache.tokens"
    first = tokenize(corpus_file, cache=cache)
    again = tokenize(corpus_file, cache=cache)
    assert isinstance(again.ids, np.memmap)  # reused from the store
    assert_same_tokens(again, first, check_dtype=False)
    with pytest.raises(StaleTokensError, match="other settings"):
        load_tokens(cache, settings={**first.settings, "stem": True})
    stemmed = tokenize(corpus_file, cache=cache, stem=True)  # rebuilt, not reused
    assert stemmed.settings["stem"] is True
    assert load_tokens(cache).settings["stem"] is True
    lines = corpus_file.read_text(encoding="utf-8").splitlines(keepends=True)
    record = json.loads(lines[700])
    record["text"] += " Nieuw woord: zeppelin."
    lines[700] = json.dumps(record, ensure_ascii=False) + "\n"
    corpus_file.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(StaleTokensError, match="another corpus"):
        load_tokens(cache, corpus=iter_documents(corpus_file))
    changed = tokenize(corpus_file, cache=cache, stem=True)
    assert "zeppelin" in changed.vocabulary


def test_an_interrupted_save_leaves_no_store_a_later_run_trusts(corpus_file, tmp_path, monkeypatch):
    tokens = tokenize(corpus_file)
    target = tmp_path / "archive.tokens"
    calls = {"n": 0}
    real_save = np.save

    def save_then_die(path, array, **kwargs):
        calls["n"] += 1
        real_save(path, array, **kwargs)
        if calls["n"] == 2:
            raise KeyboardInterrupt  # the run is stopped half way through writing

    monkeypatch.setattr(np, "save", save_then_die)
    with pytest.raises(KeyboardInterrupt):
        tokens.save(target)
    monkeypatch.setattr(np, "save", real_save)
    assert not target.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".archive.tokens")]
    with pytest.raises(FileNotFoundError):
        load_tokens(target)
    rebuilt = tokenize(corpus_file, cache=target)  # a later run builds it afresh
    assert_same_tokens(rebuilt, tokens)
    # Interrupted while replacing an existing store: the old one stays whole.
    calls["n"] = 0
    monkeypatch.setattr(np, "save", save_then_die)
    with pytest.raises(KeyboardInterrupt):
        tokenize(corpus_file, stem=True).save(target)
    monkeypatch.setattr(np, "save", real_save)
    assert_same_tokens(load_tokens(target, corpus=iter_documents(corpus_file), settings=tokens.settings), tokens,
                       check_dtype=False)


# -- bad input in the middle of a file -------------------------------------------


def test_a_corrupt_line_in_the_middle_names_file_and_line(tmp_path):
    path = tmp_path / "big.jsonl"
    records = write_jsonl(path, 3000, bad_line=1501)
    with pytest.raises(CorpusError, match=r"big\.jsonl, line 1501: invalid JSON") as raised:
        tokenize(path)
    assert raised.value.line == 1501 and raised.value.path == str(path)
    stream = iter_documents(path, on_error="skip")
    with pytest.warns(UserWarning, match=r"1 record\(s\) skipped.*line 1501"):
        tokens = tokenize(stream)
    assert [(s.path, s.line) for s in stream.skipped] == [(str(path), 1501)]
    assert stream.skipped[0].reason.startswith("invalid JSON")
    assert len(tokens) == len(records) == 2999
    assert "r1500" not in tokens.doc_ids


# -- a large multi-record news file is streamed --------------------------------


def test_a_large_news_file_is_read_record_by_record(tmp_path, monkeypatch):
    rng = random.Random(4)
    path = tmp_path / "kranten.txt"
    parts = []
    for i in range(400):
        body = "\n".join(" ".join(rng.choices(WORDS, k=rng.randint(5, 15))) + "." for _ in range(rng.randint(1, 4)))
        parts.append(f"date 2019-{1 + i % 12:02d}-{1 + i % 28:02d}\n{body}\n\n")
    parts.insert(200, "date 2019-02-30\nonmogelijke datum\n\n")
    path.write_text("".join(parts), encoding="utf-8")
    # what each record is, worked out from the parts written (not by the reader)
    expected, line = [], 1
    for k, part in enumerate(parts, start=1):
        header, body = part.split("\n", 1)
        if k != 201:
            expected.append((f"kranten.txt#{k}", line, header.split()[1], body.strip()))
        line += part.count("\n")
    reads = []
    real_read_bytes = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: reads.append(self) or real_read_bytes(self))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = load_corpus(path, on_error="skip")
    assert [(d.id, d.line, d.date_label, d.text) for d in corpus] == expected
    assert [(s.line, s.reason) for s in corpus.skipped] == [
        (sum(p.count("\n") for p in parts[:200]) + 1, "impossible date (day is out of range for month)")]
    first = next(iter_documents(path, on_error="skip"))
    assert first.id == "kranten.txt#1" and not reads  # the file was never read whole
    single = tmp_path / "een.txt"
    single.write_text("date 2019-01\n" + "woord " * 300 + "\n", encoding="utf-8")
    assert [d.id for d in iter_documents(single)] == ["een.txt"]
    assert os.path.getsize(single) > 1000
