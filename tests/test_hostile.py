"""Hostile inputs: the cases of issue 11, each at the place it once broke.

Corpus files crafted to lose, garble or leak records; token stores that are
stale, damaged or written by several processes at once; CSV cells that a
spreadsheet would run as formulas; a command line driven into its corners.
Cases that always held (binary files, impossible dates, duplicate ids, one
bad line in 100,000, 20,000 tiny files, HTML in the report) run here too, so
they stay fixed. The whole module runs in the normal ``make test``.
"""

from __future__ import annotations

import json
import multiprocessing
import time
import warnings
from pathlib import Path

import numpy as np
import pytest

from analysis import (
    CorruptTokensError,
    Document,
    load_corpus,
    load_tokens,
    parse_date,
    tokenize,
)

ROOT = Path(__file__).resolve().parents[1]


def doc(doc_id: str, text: str, date: str | None = "2019-01", **fields) -> Document:
    return Document(doc_id, parse_date(date) if date else None, text, **fields)


def same_tokens(a, b) -> bool:
    return (a.vocabulary == b.vocabulary and np.array_equal(a.ids, b.ids)
            and np.array_equal(a.doc_offsets, b.doc_offsets) and np.array_equal(a.sent_offsets, b.sent_offsets))


# -- 6. the fingerprint covers every field of every document ------------------------------------------

BASE = dict(title="Kop", source="NOS", collection="nieuws", path="a.txt", line=1, metadata={"genre": "bericht"})
CHANGES = {
    "title": {"title": "Andere kop"},
    "source": {"source": "NEW"},
    "collection": {"collection": "archief"},
    "path": {"path": "b.txt"},
    "line": {"line": 7},
    "metadata value": {"metadata": {"genre": "column"}},
    "metadata field": {"metadata": {"genre": "bericht", "auteur": "X"}},
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_a_store_is_stale_when_any_document_field_changed(tmp_path, change) -> None:
    store = tmp_path / "store"
    tokenize([doc("a", "Wagner in Caracas.", **BASE)], cache=store)
    changed = {**BASE, **CHANGES[change]}
    tokens = tokenize([doc("a", "Wagner in Caracas.", **changed)], cache=store)
    row = tokens.documents.iloc[0]
    for name, value in CHANGES[change].items():
        if name == "metadata":
            assert {key: row[key] for key in value} == value
        else:
            assert row[name] == value


def test_a_store_is_stale_when_the_date_precision_changed(tmp_path) -> None:
    store = tmp_path / "store"
    tokenize([doc("a", "Wagner.", "2019")], cache=store)
    assert tokenize([doc("a", "Wagner.", "2019-01")], cache=store).documents["precision"].tolist() == ["month"]


def test_changed_sources_in_metadata_csv_are_seen_through_the_cache(tmp_path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i in range(3):
        (folder / f"d{i}.txt").write_text(f"Tekst nummer {i} over Wagner.", encoding="utf-8")
    sidecar = "file,date,source\n" + "".join(f"d{i}.txt,2019-01-0{i + 1},OLD\n" for i in range(3))
    (folder / "metadata.csv").write_text(sidecar, encoding="utf-8")
    store = tmp_path / "store"
    assert len(tokenize(load_corpus(folder), cache=store).filter(source="OLD")) == 3
    (folder / "metadata.csv").write_text(sidecar.replace("OLD", "NEW"), encoding="utf-8")
    assert len(tokenize(load_corpus(folder), cache=store).filter(source="NEW")) == 3


# -- 7. a damaged store is never reused ---------------------------------------------------------------

DOCS = [doc(f"d{i}", f"De minister sprak {i} keer over Wagner in Caracas. Het kabinet zweeg.") for i in range(50)]


def flip_last_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[-1] ^= 0x01
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("name", ["ids.npy", "vocabulary.json", "documents.parquet", "sent_offsets.npy"])
def test_a_flipped_byte_is_caught_and_the_store_rebuilt(tmp_path, name) -> None:
    store = tmp_path / "store"
    fresh = tokenize(DOCS, cache=store)
    flip_last_byte(store / name)
    with pytest.warns(UserWarning, match=rf"{name}.*rebuilding the token store '{store}'"):
        again = tokenize(DOCS, cache=store)
    assert same_tokens(again, fresh)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert same_tokens(load_tokens(store, verify=True, corpus=DOCS), fresh)  # the rebuilt store is whole
    flip_last_byte(store / name)
    with pytest.raises(CorruptTokensError, match=f"{name}.*SHA-256") as caught:
        load_tokens(store, verify=True)
    assert caught.value.path == str((store / name).resolve())


def test_a_truncated_array_is_named_on_every_open(tmp_path) -> None:
    store = tmp_path / "store"
    fresh = tokenize(DOCS, cache=store)
    ids = store / "ids.npy"
    size = ids.stat().st_size
    ids.write_bytes(ids.read_bytes()[:-8])
    with pytest.raises(CorruptTokensError, match=rf"ids.npy' is damaged: size {size - 8:,} bytes, written {size:,}"):
        load_tokens(store)  # no verify: sizes are checked anyway
    with pytest.warns(UserWarning, match="ids.npy"):
        assert same_tokens(tokenize(DOCS, cache=store), fresh)


def test_a_damaged_meta_json_is_named(tmp_path) -> None:
    store = tmp_path / "store"
    tokenize(DOCS, cache=store)
    meta = json.loads((store / "meta.json").read_text(encoding="utf-8"))
    meta["positions"] += 1  # still JSON, no longer what was written
    (store / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(CorruptTokensError, match="meta.json' is damaged: its checksum"):
        load_tokens(store)
    (store / "meta.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(CorruptTokensError, match="meta.json' is damaged: not valid JSON"):
        load_tokens(store)


# -- 8. concurrent writers and readers of one store, in real processes --------------------------------

RACE_DOCS = [doc(f"d{i}", f"De minister sprak {i} keer over Wagner. Het kabinet zweeg.") for i in range(40)]


def race(role: str, target: Path, rounds: int, variants: dict, results) -> None:
    """One writer (saving its variant ``rounds`` times) or the reader (loading
    until every writer is done), in its own process; failures are reported."""
    failures, loads = [], 0
    go = target.parent / "go"
    while not go.exists():
        time.sleep(0.005)
    if role.startswith("writer"):
        for _ in range(rounds):
            try:
                variants[role.endswith("stem")].save(target)
            except Exception as error:
                failures.append(f"{type(error).__name__}: {error}")
        (target.parent / f"done-{role}").touch()
    else:
        while len(list(target.parent.glob("done-*"))) < 3 or loads < rounds:
            try:
                tokens = load_tokens(target)
                if not same_tokens(tokens, variants[tokens.settings["stem"]]):
                    failures.append("a store mixing two versions")
            except Exception as error:
                failures.append(f"{type(error).__name__}: {error}")
            loads += 1
    results.put((role, failures[:3], loads))


def test_concurrent_writers_all_succeed_and_readers_see_whole_stores(tmp_path) -> None:
    variants = {stem: tokenize(RACE_DOCS, stem=stem) for stem in (False, True)}
    target = tmp_path / "store"
    variants[False].save(target)  # readers find a store from the start
    context = multiprocessing.get_context("fork")  # real processes, without importing everything again
    results = context.Queue()
    roles = ["writer-plain", "writer-stem", "writer-stem2", "reader"]
    processes = [context.Process(target=race, args=(role, target, 40, variants, results)) for role in roles]
    for process in processes:
        process.start()
    (tmp_path / "go").touch()
    try:
        reports = {role: (failures, loads) for role, failures, loads in (results.get(timeout=120) for _ in roles)}
    finally:
        for process in processes:
            process.join(timeout=10)
            process.kill()
    assert {role: failures for role, (failures, _) in reports.items()} == {role: [] for role in roles}
    assert reports["reader"][1] >= 40
    # one whole store is left, and no version folder beside it
    assert same_tokens(load_tokens(target, verify=True), variants[load_tokens(target).settings["stem"]])
    assert [p.name for p in tmp_path.glob(".store.*")] == [target.resolve().name]


# -- 9. a cache that cannot be written ----------------------------------------------------------------


def test_an_unwritable_cache_names_the_path_given_and_still_returns_the_tokens(tmp_path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    cache = blocker / "store"
    with pytest.warns(UserWarning, match=f"cannot write the token store '{cache}'") as caught:
        tokens = tokenize(DOCS, cache=cache)
    assert "tmp" not in str(caught[0].message).replace(str(tmp_path), "")
    assert same_tokens(tokens, tokenize(DOCS))
    with pytest.raises(OSError, match=f"cannot write the token store '{cache}'"):
        tokens.save(cache)
    taken = tmp_path / "taken"
    taken.write_text("someone's notes", encoding="utf-8")
    with pytest.warns(UserWarning, match="is not a token store; not overwriting it"):
        assert same_tokens(tokenize(DOCS, cache=taken), tokens)
    assert taken.read_text(encoding="utf-8") == "someone's notes"
