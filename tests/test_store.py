"""The token store's files on disk: one version at a time, whole, checked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analysis.store import CorruptTokensError, read_store, write_store


def writer(text: str):
    def write(folder: Path) -> dict:
        (folder / "a.txt").write_text(text, encoding="utf-8")
        return {"format": "example"}

    return write


def read_a(folder: Path, meta) -> str:
    return (folder / "a.txt").read_text(encoding="utf-8")


def test_the_manifest_records_size_and_sha256_of_every_file(tmp_path) -> None:
    store = write_store(tmp_path / "s", writer("hallo"))
    meta = json.loads((store / "meta.json").read_text(encoding="utf-8"))
    # sha256(b"hallo"), computed independently
    assert meta["files"] == {"a.txt": {"size": 5, "sha256":
                             "d3751d33f9cd5049c4af2b462735457e4d3baf130bcbb87f389e349fbaeb20b9"}}
    assert store.is_symlink() and store.resolve().name.startswith(".s.v-")


def test_a_new_version_replaces_the_old_one_and_removes_it(tmp_path) -> None:
    write_store(tmp_path / "s", writer("een"))
    first = (tmp_path / "s").resolve()
    write_store(tmp_path / "s", writer("twee"))
    assert read_store(tmp_path / "s", read_a, verify=True) == "twee"
    assert not first.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["s", (tmp_path / "s").resolve().name])


def test_an_older_plain_folder_store_or_an_empty_folder_is_replaced(tmp_path) -> None:
    old = tmp_path / "old"
    old.mkdir()
    (old / "meta.json").write_text("{}", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    for name in ("old", "empty"):
        write_store(tmp_path / name, writer(name))
        assert read_store(tmp_path / name, read_a, verify=False) == name
    assert len(list(tmp_path.glob(".old.v-*"))) == 1  # the plain folder's files are gone


def test_what_is_not_a_store_is_never_overwritten(tmp_path) -> None:
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "mine.txt").write_text("x", encoding="utf-8")
    (tmp_path / "file").write_text("y", encoding="utf-8")
    for name in ("notes", "file"):
        with pytest.raises(FileExistsError, match="is not a token store; not overwriting it"):
            write_store(tmp_path / name, writer("z"))
    assert (tmp_path / "notes" / "mine.txt").read_text() == "x" and (tmp_path / "file").read_text() == "y"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file", "notes"]  # nothing left behind


def test_a_missing_file_is_named(tmp_path) -> None:
    store = write_store(tmp_path / "s", writer("hallo"))
    (store / "a.txt").unlink()
    with pytest.raises(CorruptTokensError, match=r"a.txt' is damaged: missing"):
        read_store(store, read_a, verify=False)


def test_no_store_is_file_not_found(tmp_path) -> None:
    with pytest.raises(FileNotFoundError, match="no token store"):
        read_store(tmp_path / "nothing", read_a, verify=False)
