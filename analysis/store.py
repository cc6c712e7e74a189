"""The token store on disk: a folder of files written whole or not at all.

A store at ``path`` is a symbolic link to a hidden sibling folder
``.<name>.v-<random>`` that holds the files and a ``meta.json`` recording
each file's size and SHA-256 (and a checksum of ``meta.json`` itself).

Writing fills a new hidden folder ``.<name>.tmp-<random>``, then, holding a
lock on the parent folder for a moment, renames it to a version folder,
points the link at it with one ``rename`` and removes the versions no link
points to. So a reader sees the previous version whole or the new one whole,
never a mix, and two writers of the same store both succeed (the last
rename wins). A reader that resolved a version just before it was removed
opens the store again.

Sizes are checked on every open (cheap, and a truncated array would
otherwise fail as ``mmap length is greater than file size``); checksums when
asked (``verify=True``), which costs one read of every file.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import secrets
import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar

__all__ = ["CorruptTokensError", "StaleTokensError", "read_store", "write_store"]

META = "meta.json"
_OPEN_ATTEMPTS = 20  # re-opens when a writer removes the version being read
T = TypeVar("T")


class StaleTokensError(ValueError):
    """A saved token store that does not match the corpus or the settings."""


class CorruptTokensError(StaleTokensError):
    """A token store whose files are not those that were written: truncated,
    changed or missing. ``path`` names the file.

    Examples
    --------
    >>> str(CorruptTokensError("size 10 bytes, written 12", path="store/ids.npy"))
    "token store file 'store/ids.npy' is damaged: size 10 bytes, written 12"
    """

    def __init__(self, reason: str, *, path: str | Path):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"token store file {self.path!r} is damaged: {reason}")


def write_store(path: str | Path, write_files: Callable[[Path], Mapping[str, Any]]) -> Path:
    """Write a store at ``path``: ``write_files(folder)`` writes the data files
    into an empty folder and returns the metadata; this function adds the
    manifest, writes ``meta.json`` and puts the folder in place atomically.

    Returns
    -------
    pathlib.Path
        ``path``.

    Raises
    ------
    FileExistsError
        When ``path`` exists and is not a token store.
    OSError
        When the store cannot be written, naming ``path``.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> def write(tmp):
    ...     (tmp / "a.txt").write_text("hallo")
    ...     return {"format": "example"}
    >>> store = write_store(folder / "store", write)
    >>> read_store(store, lambda f, meta: (f / "a.txt").read_text(), verify=True)
    'hallo'
    """
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))
    except OSError as error:
        raise _naming(error, target) from error
    try:
        meta = dict(write_files(tmp))
        meta["files"] = {p.name: {"size": p.stat().st_size, "sha256": _file_sha256(p)}
                         for p in sorted(tmp.iterdir())}
        meta["checksum"] = _meta_checksum(meta)
        (tmp / META).write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
        _swap_in(tmp, target)
    except OSError as error:
        shutil.rmtree(tmp, ignore_errors=True)
        raise error if isinstance(error, FileExistsError) else _naming(error, target) from error
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return target


def _naming(error: OSError, target: Path) -> OSError:
    """The same kind of error, naming the store the caller asked for (not a temporary folder)."""
    reason = error.strerror or str(error)
    culprit = f" ({error.filename})" if error.filename and str(error.filename) != str(target) else ""
    named = type(error)(f"cannot write the token store {str(target)!r}: {reason}{culprit}")
    named.errno = error.errno
    return named


def _swap_in(tmp: Path, target: Path) -> None:
    """Make ``target`` point at the finished folder ``tmp``; remove replaced versions."""
    parent, name = target.parent, target.name
    with _locked(parent):
        if not target.is_symlink() and target.exists():
            if target.is_dir() and (target / META).is_file():  # a store of the older, plain folder layout
                os.replace(target, parent / f".{name}.v-{secrets.token_hex(8)}")
            elif target.is_dir() and not any(target.iterdir()):
                target.rmdir()
            else:
                raise FileExistsError(f"{str(target)!r} exists and is not a token store; not overwriting it")
        version = parent / f".{name}.v-{secrets.token_hex(8)}"
        os.replace(tmp, version)
        link = parent / f".{name}.link-{secrets.token_hex(8)}"
        os.symlink(version.name, link)
        os.replace(link, target)
        for old in parent.glob(f".{name}.v-*"):
            if old != version:
                shutil.rmtree(old, ignore_errors=True)


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """An exclusive lock on a folder between processes, for the swap only."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def read_store(path: str | Path, read_files: Callable[[Path, Mapping[str, Any]], T], *, verify: bool) -> T:
    """Open the store at ``path`` and return ``read_files(folder, meta)``.

    Every file's size is checked against the manifest before reading, and
    with ``verify=True`` its SHA-256 too.

    Raises
    ------
    FileNotFoundError
        When there is no store at ``path``.
    CorruptTokensError
        Naming the first file that is missing, of the wrong size or (with
        ``verify``) of the wrong checksum, or a ``meta.json`` that is damaged.
    """
    given = Path(path)
    for _ in range(_OPEN_ATTEMPTS):
        folder = given.resolve()
        try:
            meta = _read_meta(folder)
            _check_files(folder, meta, checksums=verify)
            return read_files(folder, meta)
        except (FileNotFoundError, CorruptTokensError):
            if given.resolve() == folder:  # not a writer's swap: the store itself is wrong
                raise
    raise OSError(f"token store {str(given)!r} kept changing while being opened")


def _read_meta(folder: Path) -> dict[str, Any]:
    meta_path = folder / META
    if not meta_path.is_file():
        raise FileNotFoundError(f"no token store at {str(folder)!r} (meta.json missing)")
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CorruptTokensError(f"not valid JSON ({error})", path=meta_path) from None
    if not isinstance(meta, dict):
        raise CorruptTokensError("not a JSON object", path=meta_path)
    if "checksum" in meta and meta["checksum"] != _meta_checksum(meta):
        raise CorruptTokensError("its checksum does not match its content", path=meta_path)
    return meta


def _check_files(folder: Path, meta: Mapping[str, Any], *, checksums: bool) -> None:
    """Compare the files of a store with its manifest (sizes; SHA-256 too with ``checksums``).

    A store without a manifest (written before there was one) passes: the
    caller decides what its format version allows.
    """
    for name, expected in meta.get("files", {}).items():
        file = folder / name
        try:
            size = file.stat().st_size
        except FileNotFoundError:
            raise CorruptTokensError("missing", path=file) from None
        if size != expected["size"]:
            raise CorruptTokensError(f"size {size:,} bytes, written {expected['size']:,}", path=file)
        if checksums and _file_sha256(file) != expected["sha256"]:
            raise CorruptTokensError("its SHA-256 differs from the one recorded when it was written", path=file)


def _file_sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _meta_checksum(meta: Mapping[str, Any]) -> str:
    rest = {key: value for key, value in meta.items() if key != "checksum"}
    return hashlib.sha256(json.dumps(rest, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()
