"""``metadata.csv`` beside ``.txt`` files: one row per file, giving its date,
title, source, id and other fields.

A ``file`` column (or ``path``, ``filename``, ``file_name``) names the file
relative to the ``metadata.csv``; without one, an ``id`` column names the
file without ``.txt``. When the sidecar has a date column, every text file
below it needs a row. A bad row is that file's error, not the sidecar's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pandas as pd

from analysis.documents import CorpusError
from analysis.periods import DateError
from analysis.readers.base import FileJob, ReadOptions
from analysis.readers.columns import (
    FILE_COLUMNS,
    Columns,
    blank,
    cell_str,
    cell_value,
    date_cell,
    header_names,
    resolve_columns,
)
from analysis.readers.decoding import iter_lines
from analysis.readers.delimited import csv_rows

__all__ = [
    "SIDECAR_NAME",
    "Sidecar",
    "SidecarRow",
    "document_fields",
    "find_sidecar",
    "missing_row",
    "parse_sidecar",
    "sidecar_row",
]

SIDECAR_NAME = "metadata.csv"


@dataclass(frozen=True)
class SidecarRow:
    """The fields one ``metadata.csv`` row gives the file it describes."""

    id: str | None
    date: pd.Period | None
    title: str | None
    source: str | None
    metadata: Mapping[str, Any]
    error: CorpusError | None = None  # a bad row: the file it describes is not loaded


@dataclass(frozen=True)
class Sidecar:
    """A parsed ``metadata.csv``: its rows by file and by id."""

    path: Path
    by_file: Mapping[str, SidecarRow]
    by_id: Mapping[str, SidecarRow]
    required: bool  # every text file below must have a row
    problems: tuple[CorpusError, ...]  # rows naming missing files, or listing a file twice

    def lookup(self, file: Path) -> SidecarRow | None:
        """The row describing ``file``: by relative path, then by id."""
        relative = file.relative_to(self.path.parent).as_posix()
        for row in (self.by_file.get(relative), self.by_id.get(file.stem),
                    self.by_id.get(relative)):
            if row is not None:
                return row
        return None


def find_sidecar(file: Path, root: Path) -> Path | None:
    """The nearest metadata.csv in the file's folder or above, up to root."""
    folder = file.parent
    while True:
        candidate = folder / SIDECAR_NAME
        if candidate.is_file():
            return candidate
        if folder == root or folder == folder.parent:
            return None
        folder = folder.parent


def sidecar_row(job: FileJob, options: ReadOptions
                ) -> tuple[Sidecar | None, SidecarRow | None, tuple[CorpusError, ...]]:
    """The sidecar of ``job``, its row for the file, and the sidecar's problems
    when this is the first file of the call to use it (reported once)."""
    if job.sidecar is None:
        return None, None, ()
    sidecar = options.sidecars.get(job.sidecar)
    problems: tuple[CorpusError, ...] = ()
    if sidecar is None:
        sidecar = options.sidecars[job.sidecar] = parse_sidecar(job.sidecar, options)
        problems = sidecar.problems
    return sidecar, sidecar.lookup(job.path), problems


def _sidecar_table(path: Path, options: ReadOptions) -> tuple[int, list[str], list]:
    rows = []
    for item in csv_rows(iter_lines(path, options.encoding), ",", path, "CSV"):
        if isinstance(item, CorpusError):
            raise item
        rows.append(item)
    if not rows:
        raise CorpusError("empty metadata.csv (no header row)", path=path, line=1)
    header_line, header = rows[0]
    return header_line, header_names(header, path, header_line), rows[1:]


def _row(record: dict, n_cells: int, names: list[str], cols: Columns, options: ReadOptions,
         path: Path, line: int) -> SidecarRow:
    error = None
    if n_cells != len(names):
        error = CorpusError(f"{n_cells} fields where the header has {len(names)}",
                            path=path, line=line)
    try:
        doc_date = date_cell(record, cols, options)
    except DateError as bad:
        doc_date = None
        error = error or CorpusError(bad.reason, path=path, line=line, value=record.get(cols.date))
    used = cols.used()
    return SidecarRow(
        id=cell_str(record.get(cols.id)) if cols.id else None,
        date=doc_date,
        title=cell_str(record.get(cols.title)) if cols.title else None,
        source=cell_str(record.get(cols.source)) if cols.source else None,
        metadata=MappingProxyType({c: cell_value(v) for c, v in record.items() if c not in used}),
        error=error,
    )


def parse_sidecar(path: Path, options: ReadOptions) -> Sidecar:
    """Read a ``metadata.csv``; problems with single rows are collected, not raised."""
    header_line, names, rows = _sidecar_table(path, options)
    file_column = next((c for c in FILE_COLUMNS if c in names), None)
    cols = resolve_columns(names, options, path, sidecar=True, line=header_line)
    if file_column is None and cols.id is None:
        raise CorpusError(f"metadata.csv needs a file column ({', '.join(FILE_COLUMNS)}) or an "
                          f"id column; columns: {', '.join(names)}", path=path, line=header_line)
    by_file: dict[str, SidecarRow] = {}
    by_id: dict[str, SidecarRow] = {}
    problems: list[CorpusError] = []
    for line, cells in rows:
        record = dict(zip(names, cells, strict=False))
        entry = _row(record, len(cells), names, cols, options, path, line)
        if file_column and not blank(record.get(file_column)):
            key = Path(record[file_column].strip().replace("\\", "/")).as_posix()
            if key in by_file:
                problems.append(CorpusError(f"file listed twice in {path.name}", path=path,
                                            line=line, value=key))
                continue
            by_file[key] = entry
            if not (path.parent / key).is_file():
                problems.append(CorpusError(f"{path.name} names a file that does not exist",
                                            path=path, line=line, value=key))
        if entry.id:
            by_id[entry.id] = entry
    required = cols.date is not None and options.require_date is not False
    return Sidecar(path, MappingProxyType(by_file), MappingProxyType(by_id), required,
                   tuple(problems))


def document_fields(job: FileJob, options: ReadOptions, row: SidecarRow | None) -> dict[str, Any]:
    """The Document fields a text file takes from its sidecar row and the call."""
    return {
        "title": row.title if row else None,
        "source": row.source if row else None,
        "collection": options.collection or job.collection,
        "metadata": row.metadata if row else {},
        "path": str(job.path),
    }


def missing_row(job: FileJob, sidecar: Sidecar | None, row: SidecarRow | None) -> CorpusError | None:
    """The error for a text file its sidecar must describe but does not."""
    if row is None and sidecar is not None and sidecar.required:
        return CorpusError("no row for this file in the metadata", path=job.path,
                           value=str(sidecar.path))
    return None
