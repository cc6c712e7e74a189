"""From the paths a caller gives to the files to read, in a stable order."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from analysis.documents import Ignored
from analysis.readers.base import FileJob
from analysis.readers.registry import READERS, readers_for_suffix
from analysis.readers.sidecar import SIDECAR_NAME, find_sidecar

__all__ = ["FilePlan", "plan_files"]

PathArg = str | os.PathLike | Sequence[str | os.PathLike]


def _suffix_format(name: str) -> str | None:
    """The reader name for a file ending, ``"auto"`` where the content decides,
    None when no reader claims it."""
    readers = readers_for_suffix(name)
    if not readers:
        return None
    return readers[0].name if len(readers) == 1 else "auto"


def _given_paths(path: PathArg) -> list[Path]:
    paths = [path] if isinstance(path, (str, os.PathLike)) else list(path)
    if not paths:
        raise FileNotFoundError("no corpus path given")
    given = [Path(p) for p in paths]
    for one in given:
        if not one.exists():
            raise FileNotFoundError(f"corpus path does not exist: {str(one)!r}")
    return given


@dataclass(frozen=True)
class FilePlan:
    """The files to read, in order, and the files found but not read.

    Attributes
    ----------
    jobs : tuple of FileJob
        One per file, sorted.
    ignored : tuple of Ignored
        Files in the folders given that are not read, each with its reason:
        no reader claims its ending (README.md, ...), a dangling symbolic
        link, a link to a folder (not searched), or a link to a file outside
        the folder (read only with ``follow_symlinks=True``).
    """

    jobs: tuple[FileJob, ...]
    ignored: tuple[Ignored, ...] = ()


_FOLDER = ""  # not a file to read, nor one to list: a folder, searched itself


def _not_read(file: Path, root: Path, follow_symlinks: bool) -> str | None:
    """Why a folder entry is not read as a corpus file: None when it is read,
    `_FOLDER` for a folder. One ``lstat`` for a plain file; links are looked
    at closer."""
    mode = file.lstat().st_mode
    if stat.S_ISDIR(mode):
        return _FOLDER
    if stat.S_ISLNK(mode):
        target = os.readlink(file)
        if not file.exists():
            return f"dangling symbolic link (to {target!r})"
        if file.is_dir():
            return f"symbolic link to a folder (to {target!r}); linked folders are not searched"
        real = file.resolve()
        if not follow_symlinks and not real.is_relative_to(root):
            return (f"its real path {str(real)!r} lies outside the folder loaded "
                    "(follow_symlinks=True reads it)")
        mode = real.stat().st_mode
    if not stat.S_ISREG(mode):
        return "not a regular file"
    if _suffix_format(file.name) is None:
        return "no reader for its ending"
    return None


def _folder_plan(given: Path, format: str, relative: Callable[[Path], str], follow_symlinks: bool) -> FilePlan:
    own_collection = given.resolve().name or None
    is_collection = (given / SIDECAR_NAME).is_file()
    root = given.resolve()
    jobs, ignored = [], []
    for file in sorted(given.rglob("*")):
        parts = file.relative_to(given).parts
        if any(part.startswith(".") for part in parts) or file.name == SIDECAR_NAME:
            continue  # hidden files and folders (.DS_Store, .ipynb_checkpoints); the sidecar
        reason = _not_read(file, root, follow_symlinks)
        if reason is not None:
            if reason != _FOLDER:
                ignored.append(Ignored(str(file), reason))
            continue
        collection = own_collection if is_collection or len(parts) == 1 else parts[0]
        file_format = _suffix_format(file.name)
        jobs.append(FileJob(file, relative(file), file_format if format == "auto" else format,
                            collection, find_sidecar(file, given)))
    if not jobs:
        endings = ", ".join(dict.fromkeys(r.suffixes[0] for r in READERS))
        raise FileNotFoundError(f"no corpus files ({endings}) in {str(given)!r}")
    return FilePlan(tuple(jobs), tuple(ignored))


def _file_job(given: Path, format: str, relative: Callable[[Path], str]) -> FileJob:
    sidecar = given.parent / SIDECAR_NAME
    file_format = (_suffix_format(given.name) or "auto") if format == "auto" else format
    return FileJob(given, relative(given), file_format, given.resolve().parent.name or None,
                   sidecar if sidecar.is_file() and sidecar != given else None)


def plan_files(path: PathArg, *, format: str = "auto", follow_symlinks: bool = False) -> FilePlan:
    """Expand the paths into the files to read, in a stable (sorted) order.

    A file given by name is read whatever its ending; in a folder (searched
    recursively) files are chosen by ending, hidden ones and ``metadata.csv``
    left out, and the others are listed in ``FilePlan.ignored`` with the
    reason. A symbolic link in a folder is read only when its real path lies
    inside that folder, unless ``follow_symlinks=True``: a link to a system
    file never turns up as a document by accident. Ids are relative to the
    folder given, or to the common folder of several paths.

    Raises
    ------
    FileNotFoundError
        When a path does not exist or a folder holds no corpus file.

    Examples
    --------
    >>> from analysis.config import corpus_dir
    >>> plan = plan_files(corpus_dir() / "news")
    >>> [(job.relative, job.format, job.collection) for job in plan.jobs], len(plan.ignored)
    ([('2019-01-wagner-caracas.txt', 'auto', 'news')], 1)
    """
    given_paths = _given_paths(path)
    bases = [os.path.abspath(p if p.is_dir() else p.parent) for p in given_paths]
    root = os.path.commonpath(bases)

    def relative(file: Path) -> str:
        return Path(os.path.relpath(os.path.abspath(file), root)).as_posix()

    jobs: list[FileJob] = []
    ignored: list[str] = []
    for given in given_paths:
        if given.is_file():
            jobs.append(_file_job(given, format, relative))
        else:
            folder = _folder_plan(given, format, relative, follow_symlinks)
            jobs += folder.jobs
            ignored += folder.ignored
    return FilePlan(tuple(jobs), tuple(ignored))
