"""What every reader gets and gives: the planned file, the options of the
call, and the `Reader` record the registry holds."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from analysis.documents import CorpusError, Document

__all__ = ["FileJob", "ReadOptions", "Reader", "ReadResult"]

# A reader yields documents and, for bad records, the error (the caller
# raises or lists it); an error about the whole file is raised.
ReadResult = Iterator[Document | CorpusError]


@dataclass(frozen=True)
class ReadOptions:
    """The options of one `load_corpus`/`iter_documents` call that readers use.

    ``columns`` maps the roles ``text``, ``date``, ``id``, ``title`` and
    ``source`` to the column the caller named (or None: guess).
    """

    columns: Mapping[str, str | None] = field(default_factory=dict)
    encoding: str | None = None
    require_date: bool | None = None
    collection: str | None = None
    # metadata.csv files read so far in this call, so each is parsed once
    sidecars: dict[Path, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class FileJob:
    """One file to read, as planned by `analysis.readers.plan_files`.

    Attributes
    ----------
    path : Path
        The file.
    relative : str
        The path in document ids: relative to the folder given.
    format : str
        A reader name, or ``"auto"`` when the suffix fits several readers
        and the content decides (`analysis.readers.reader_for`).
    collection : str or None
        The collection of its documents unless the caller names one.
    sidecar : Path or None
        The ``metadata.csv`` that describes this file.
    """

    path: Path
    relative: str
    format: str
    collection: str | None = None
    sidecar: Path | None = None


@dataclass(frozen=True)
class Reader:
    """One input format: its name, the file endings it claims, how to
    recognise its content and how to read it.

    Attributes
    ----------
    name : str
        The ``format=`` value that forces this reader.
    suffixes : tuple of str
        Lower-case file endings (``".csv"``, ``".warc.gz"``) it claims when
        a folder is searched.
    read : callable
        ``read(job, options)`` yields `Document` or `CorpusError` per record
        and raises `CorpusError` for a file it cannot read at all.
    detect : callable, optional
        ``detect(head)`` on the first 64 KiB of the file, decoded leniently:
        True when the content is of this format. Needed only where several
        readers claim one suffix; the readers are asked in registry order and
        the last one claiming the suffix is the fallback.
    description : str
        One line for the README and error messages.
    """

    name: str
    suffixes: tuple[str, ...]
    read: Callable[[FileJob, ReadOptions], ReadResult]
    detect: Callable[[str], bool] | None = None
    description: str = ""
