"""Documents and loaders: from files on disk to a `Corpus` of dated records.

Formats, detected per file from its name and first line (override with
``format=``); each is a module of `analysis.readers`:

``news``
    The plain-text format of the article the project started from: optional
    leading whitespace, the word ``date``, a date (``YYYY``, ``YYYY-MM`` or
    ``YYYY-MM-DD``), whitespace, then the text. A file may hold many records,
    each starting on a line of its own with ``date``.
``text``
    Any other ``.txt`` file: one document, dated by a ``metadata.csv`` in its
    folder or a folder above it (up to the folder given), or undated.
``csv``, ``tsv``, ``jsonl``, ``parquet``
    Tables with one document per row; the columns are chosen with ``text=``,
    ``date=``, ``id=``, ``title=`` and ``source=`` or guessed from common
    names.

Nothing here knows about tokens: this module turns bytes into `Document`
records and says exactly which file and line is wrong when it cannot. It
only ever reads files.
"""

from __future__ import annotations

import html
import os
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from typing import Any, Literal

import numpy as np
import pandas as pd

from analysis.checks import check_choice
from analysis.documents import CorpusError, Document, Ignored, Removed, Skipped
from analysis.periods import (
    CALENDAR,
    date_bounds,
    parse_date,
    period_label,
    period_range,
    period_start,
)
from analysis.readers import (
    FORMATS,
    FileJob,
    FilePlan,
    ReadOptions,
    check_encoding,
    plan_files,
    read_file,
)

__all__ = [
    "Corpus",
    "CorpusError",
    "Document",
    "Removed",
    "DocumentStream",
    "Ignored",
    "Skipped",
    "extra_columns",
    "field_row",
    "fields_frame",
    "filter_mask",
    "iter_documents",
    "load_corpus",
    "parse_date",
    "period_label",
    "period_range",
    "period_start",
]

OnError = Literal["raise", "skip"]
PathArg = str | os.PathLike | Sequence[str | os.PathLike]
FIELD_COLUMNS = ["id", "date", "precision", "title", "source", "collection", "path", "line"]


class Corpus(Sequence[Document]):
    """An ordered collection of documents with what was skipped on the way.

    Index with an int position or look up a document by id (``corpus["id"]``).
    ``skipped`` lists the records the loader left out (``on_error="skip"``),
    ``ignored`` the files in the folders it did not read, each an `Ignored`
    with its reason (README.md: no reader for its ending; a dangling or
    outside symbolic link), ``removed`` the near-duplicates `deduplicate`
    left out.

    Examples
    --------
    >>> docs = [Document("a", parse_date("2019-01"), "Wagner in Caracas."),
    ...         Document("b", parse_date("2019-03-02"), "Maduro en het Kremlin.")]
    >>> corpus = Corpus(docs)
    >>> len(corpus), corpus["b"].date_label
    (2, '2019-03-02')
    >>> len(corpus.filter(start="2019-02"))
    1
    """

    def __init__(
        self,
        documents: Iterable[Document] = (),
        *,
        skipped: Iterable[Skipped] = (),
        ignored: Iterable[Ignored] = (),
        removed: Iterable[Removed] = (),
    ):
        self._documents = tuple(documents)
        self.skipped: tuple[Skipped, ...] = tuple(skipped)
        self.ignored: tuple[Ignored, ...] = tuple(ignored)
        self.removed: tuple[Removed, ...] = tuple(removed)
        self._by_id: dict[str, int] = {}
        for position, doc in enumerate(self._documents):
            if not isinstance(doc, Document):
                raise TypeError(f"Corpus holds Documents, got {type(doc).__name__} at {position}")
            if doc.id in self._by_id:
                first = self._documents[self._by_id[doc.id]]
                raise ValueError(
                    f"duplicate document id {doc.id!r} ({first.origin} and {doc.origin})")
            self._by_id[doc.id] = position

    def __len__(self) -> int:
        return len(self._documents)

    def __iter__(self) -> Iterator[Document]:
        return iter(self._documents)

    def __getitem__(self, key):  # type: ignore[override]
        if isinstance(key, str):
            try:
                return self._documents[self._by_id[key]]
            except KeyError:
                raise KeyError(f"no document with id {key!r}") from None
        if isinstance(key, slice):
            return Corpus(self._documents[key])
        return self._documents[key]

    def __contains__(self, key: object) -> bool:
        if isinstance(key, str):
            return key in self._by_id
        return key in self._documents

    def __repr__(self) -> str:
        first, last = self.date_range
        span = f", {first} … {last}" if first else ""
        skipped = f", {len(self.skipped)} skipped" if self.skipped else ""
        removed = f", {len(self.removed)} near-duplicates removed" if self.removed else ""
        return f"<Corpus: {len(self)} documents{span}{skipped}{removed}>"

    @property
    def ids(self) -> list[str]:
        """Document ids in corpus order."""
        return [doc.id for doc in self._documents]

    @property
    def date_range(self) -> tuple[str | None, str | None]:
        """Earliest and latest date labels, (None, None) when nothing is dated."""
        dated = [doc.date for doc in self._documents if doc.date is not None]
        if not dated:
            return None, None
        first = min(dated, key=lambda p: (p.start_time, p.end_time))
        last = max(dated, key=lambda p: (p.end_time, p.start_time))
        return str(first), str(last)

    def filter(
        self,
        *,
        start: Any = None,
        end: Any = None,
        **metadata: Any,
    ) -> Corpus:
        """Documents dated within ``[start, end]`` and matching the metadata.

        A document is kept only when its whole date lies inside the range:
        with ``start="2019-01-15"`` a document dated only ``2019-01`` is left
        out, because it may be from before the 15th. Undated documents are
        left out whenever ``start`` or ``end`` is given.

        Parameters
        ----------
        start, end : str, optional
            Inclusive bounds at any precision (anything `parse_date`
            accepts, and ISO weeks ``2019-W03``): ``end="2019"`` means
            through 31 December 2019.
        **metadata
            ``field=value`` (equality), ``field=[v1, v2]`` (any of) or
            ``field=callable`` (a predicate on the value). Fields are
            ``id``, ``title``, ``source``, ``collection``, ``precision``,
            ``date`` (the label), ``path``, ``line`` or a metadata key; a
            document without the metadata key has the value None.
            `analysis.Tokens.mask` applies the same rules (`filter_mask`).

        Raises
        ------
        ValueError
            For a bad date, ``start`` after ``end``, or a field no document has.

        Examples
        --------
        >>> docs = [Document("a", parse_date("2019-01"), "x", source="NOS"),
        ...         Document("b", parse_date("2019-03-02"), "y", source="NRC")]
        >>> Corpus(docs).filter(source="NRC").ids
        ['b']
        >>> Corpus(docs).filter(end="2019-03-01").ids
        ['a']
        """
        keep = filter_mask(self.fields(), *self._date_bounds(), start=start, end=end, **metadata)
        kept = [doc for doc, wanted in zip(self._documents, keep, strict=True) if wanted]
        return Corpus(kept, skipped=self.skipped, ignored=self.ignored, removed=self.removed)

    def deduplicate(
        self,
        threshold: float = 0.8,
        *,
        keep: Literal["earliest", "first"] = "earliest",
        shingle: int = 5,
    ) -> Corpus:
        """One document per group of near-duplicates (wire copies), the rest listed in ``removed``.

        Groups are the clusters of `analysis.find_duplicates`: documents
        linked by pairs whose shingle Jaccard is at least ``threshold``
        (a chain A~B~C is one group even when A and C differ more).

        Parameters
        ----------
        threshold, shingle
            As in `analysis.find_duplicates`.
        keep : {"earliest", "first"}
            Keep the document with the earliest date (by first day, then
            corpus order; undated documents count as latest), or the first
            in corpus order.

        Returns
        -------
        Corpus
            The kept documents in their order; ``removed`` adds one `Removed`
            per document left out, with the id kept and the exact Jaccard
            of the two.

        Examples
        --------
        >>> story = "Het kabinet trekt vijftig miljoen euro uit voor de opvang van asielzoekers."
        >>> docs = [Document("nrc", parse_date("2019-03-02"), "ANP - " + story, source="NRC"),
        ...         Document("nos", parse_date("2019-03-01"), story, source="NOS")]
        >>> deduplicated = Corpus(docs).deduplicate(0.7)
        >>> deduplicated.ids, deduplicated.removed[0].reason
        (['nos'], "near-duplicate of 'nos' (Jaccard 0.889)")
        """
        from analysis.duplicates import find_duplicates, jaccard, shingles

        if keep not in ("earliest", "first"):
            raise ValueError(f"keep must be 'earliest' or 'first', got {keep!r}")
        pairs = find_duplicates(self._documents, threshold=threshold, shingle=shingle)
        groups: dict[int, list[int]] = {}
        for id_a, id_b, cluster in zip(pairs["id_a"], pairs["id_b"], pairs["cluster"], strict=True):
            groups.setdefault(int(cluster), []).extend((self._by_id[id_a], self._by_id[id_b]))
        removed: dict[int, Removed] = {}
        for members in groups.values():
            members = sorted(set(members))
            kept = members[0] if keep == "first" else min(members, key=self._date_order)
            kept_doc = self._documents[kept]
            for n in members:
                if n != kept:
                    doc = self._documents[n]
                    similarity = jaccard(shingles(kept_doc.text, shingle), shingles(doc.text, shingle))
                    removed[n] = Removed(doc.id, kept_doc.id, similarity)
        documents = [doc for n, doc in enumerate(self._documents) if n not in removed]
        return Corpus(documents, skipped=self.skipped, ignored=self.ignored,
                      removed=self.removed + tuple(removed[n] for n in sorted(removed)))

    def _date_order(self, position: int) -> tuple:
        date = self._documents[position].date
        return (date is None, date.start_time if date is not None else 0, position)

    def fields(self) -> pd.DataFrame:
        """The fields `filter` and `summary` look at, one row per document:
        ``id``, ``date`` (the label), ``precision``, ``title``, ``source``,
        ``collection``, ``path``, ``line``, then every metadata key (None
        where a document lacks it). `analysis.Tokens.documents` is the same
        table.

        Examples
        --------
        >>> Corpus([Document("a", None, "x", metadata={"sectie": "b"})]).fields()[["id", "sectie"]]
          id sectie
        0  a      b
        """
        return fields_frame([field_row(doc) for doc in self._documents])

    def _date_bounds(self) -> tuple[np.ndarray, np.ndarray]:
        """First and last instant of every document's date (NaT when undated)."""
        dates = [doc.date for doc in self._documents]
        starts = pd.DatetimeIndex([pd.NaT if d is None else d.start_time for d in dates])
        ends = pd.DatetimeIndex([pd.NaT if d is None else d.end_time for d in dates])
        return starts.to_numpy("datetime64[ns]"), ends.to_numpy("datetime64[ns]")

    def to_frame(self) -> pd.DataFrame:
        """One row per document: id, date, precision, start, title, source,
        collection, path, line, characters, words, then the metadata columns.

        ``start`` is the first day of the date; ``words`` counts
        whitespace-separated strings (a quick size measure; the tokeniser
        gives the real token counts). A metadata key that has the name of one
        of the fixed columns is shown as ``metadata.<key>``.

        Examples
        --------
        >>> frame = Corpus([Document("a", parse_date("2019"), "twee woorden")]).to_frame()
        >>> frame[["id", "date", "words"]]
          id  date  words
        0  a  2019      2
        """
        columns = ["id", "date", "precision", "start", "title", "source", "collection",
                   "path", "line", "characters", "words"]
        rows = []
        for doc in self._documents:
            row = {
                "id": doc.id,
                "date": doc.date_label,
                "precision": doc.precision,
                "start": doc.date.start_time if doc.date is not None else pd.NaT,
                "title": doc.title,
                "source": doc.source,
                "collection": doc.collection,
                "path": doc.path,
                "line": doc.line,
                "characters": len(doc.text),
                "words": len(doc.text.split()),
            }
            for key, value in doc.metadata.items():
                row[f"metadata.{key}" if key in columns else key] = value
            rows.append(row)
        frame = pd.DataFrame(rows, columns=columns + extra_columns(rows, columns))
        return frame.astype({"characters": "int64", "words": "int64"})

    def summary(self, by: str = "month") -> pd.DataFrame:
        """Documents, words and characters per period or per metadata value.

        For a calendar ``by`` ("year", "month", "week", "day") every period
        from the first to the last appears, with zeros where there are no
        documents, so a time axis has no silent gaps; undated documents are
        counted in a last row labelled ``"undated"`` (``"(none)"`` for
        documents without the field).

        Parameters
        ----------
        by : str
            "year", "month", "week", "day", or a field such as ``source``,
            ``collection`` or a metadata key.

        Returns
        -------
        pandas.DataFrame
            Columns ``<by>`` (the group: ``month``, ``source``, ...),
            ``start`` (first day, NaT for non-calendar groups),
            ``documents``, ``words``, ``characters``; no rows for an empty
            corpus. ``attrs["by"]`` is ``by``.

        Raises
        ------
        ValueError
            When a document's date is coarser than ``by`` (a month-dated
            document cannot be counted per week), or no document has the field.

        Examples
        --------
        >>> docs = [Document("a", parse_date("2019-01"), "een twee"),
        ...         Document("b", parse_date("2019-03-02"), "drie")]
        >>> Corpus(docs).summary("month")[["month", "documents", "words"]]
             month  documents  words
        0  2019-01          1      2
        1  2019-02          0      0
        2  2019-03          1      1
        """
        columns = [by, "start", "documents", "words", "characters"]
        if not self._documents:
            frame = pd.DataFrame(columns=columns).astype(
                {"start": "datetime64[ns]", "documents": "int64", "words": "int64",
                 "characters": "int64"})
        else:
            frame = pd.DataFrame(self._summary_rows(by), columns=columns)
        frame.attrs["by"] = by
        return frame

    def _summary_rows(self, by: str) -> list[tuple]:
        """(label, start, documents, words, characters) per group, in order."""
        calendar = by in CALENDAR
        labels = self._group_labels(by)
        missing = "undated" if calendar else "(none)"
        totals: dict[str, list[int]] = {}
        for doc, label in zip(self._documents, labels, strict=True):
            row = totals.setdefault(label if label is not None else missing, [0, 0, 0])
            row[0] += 1
            row[1] += len(doc.text.split())
            row[2] += len(doc.text)
        undated = totals.pop(missing, None)
        order = period_range(totals, by) if calendar else sorted(totals)
        rows = [(label, period_start(label, by) if calendar else pd.NaT, *totals.get(label, (0, 0, 0)))
                for label in order]
        if undated:
            rows.append((missing, pd.NaT, *undated))
        return rows

    def _group_labels(self, by: str) -> list[str | None]:
        """Each document's period label (calendar ``by``) or field value as str."""
        if by in CALENDAR:
            labels = []
            for doc in self._documents:
                try:
                    labels.append(period_label(doc.date, by))
                except ValueError as error:
                    raise ValueError(f"document {doc.id!r}: {error}") from None
            return labels
        table = self.fields()
        if by not in table.columns:
            raise ValueError(f"unknown by {by!r}: not a period nor a field of any document; "
                             f"fields: {sorted(table.columns)}")
        return [None if value is None else str(value) for value in _objects(table[by])]

    def _repr_html_(self) -> str:
        first, last = self.date_range
        collections = Counter(doc.collection or "(none)" for doc in self._documents)
        precisions = Counter(doc.precision or "undated" for doc in self._documents)
        words = sum(len(doc.text.split()) for doc in self._documents)
        rows = [
            ("documents", f"{len(self):,}"),
            ("words", f"{words:,}"),
            ("date range", f"{first} … {last}" if first else "undated"),
            ("date precision", ", ".join(f"{k}: {v:,}" for k, v in sorted(precisions.items()))),
            ("collections", ", ".join(f"{k}: {v:,}" for k, v in sorted(collections.items()))),
            ("skipped", f"{len(self.skipped):,}"),
            ("near-duplicates removed", f"{len(self.removed):,}"),
            ("files not read", f"{len(self.ignored):,}"),
        ]
        body = "".join(
            f"<tr><th style='text-align:left'>{html.escape(k)}</th>"
            f"<td style='text-align:left'>{html.escape(v)}</td></tr>"
            for k, v in rows
        )
        return f"<table><caption>Corpus</caption>{body}</table>"


def extra_columns(rows: list[dict], known: list[str]) -> list[str]:
    """The keys of ``rows`` not in ``known``, in the order they first appear."""
    seen: dict[str, None] = {}
    for row in rows:
        for key in row:
            if key not in known:
                seen.setdefault(key)
    return list(seen)


def field_row(doc: Document) -> dict[str, Any]:
    """A document's filterable fields as a dict (a metadata key never hides a
    fixed field).

    Examples
    --------
    >>> field_row(Document("a", parse_date("2019-01"), "x", metadata={"id": 1, "k": 2}))["id"]
    'a'
    """
    row = {"id": doc.id, "date": doc.date_label, "precision": doc.precision, "title": doc.title,
           "source": doc.source, "collection": doc.collection, "path": doc.path, "line": doc.line}
    for key, value in doc.metadata.items():
        row.setdefault(key, value)
    return row


def fields_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """`field_row` dicts as a table: the fixed fields, then metadata keys."""
    return pd.DataFrame(rows, columns=FIELD_COLUMNS + extra_columns(rows, FIELD_COLUMNS))


def _objects(column: pd.Series) -> list[Any]:
    """A column's values as Python objects, missing values (NaN, NaT) as None."""
    return [None if value is None or (np.ndim(value) == 0 and pd.isna(value)) else value
            for value in column.astype(object).tolist()]


def _matcher(wanted: Any) -> Callable[[Any], bool]:
    if callable(wanted):
        return lambda value: bool(wanted(value))
    if isinstance(wanted, (list, tuple, set, frozenset)):
        allowed = tuple(wanted)  # a tuple, so unhashable metadata values can be compared
        return lambda value: value in allowed
    return lambda value: value == wanted


def _date_mask(starts: np.ndarray, ends: np.ndarray, start: Any, end: Any) -> np.ndarray:
    keep = np.ones(len(starts), dtype=bool)
    if start is None and end is None:
        return keep
    lower = None if start is None else date_bounds(start)[0]
    upper = None if end is None else date_bounds(end)[1]
    if lower is not None and upper is not None and lower > upper:
        raise ValueError(f"start {start!r} is after end {end!r}")
    keep &= ~np.isnat(starts)  # undated documents are never inside a range
    if lower is not None:
        keep &= starts >= np.datetime64(lower)
    if upper is not None:
        keep &= ends <= np.datetime64(upper)
    return keep


def filter_mask(fields: pd.DataFrame, starts: np.ndarray, ends: np.ndarray, *,
                start: Any = None, end: Any = None, **metadata: Any) -> np.ndarray:
    """Which documents `Corpus.filter` and `analysis.Tokens.mask` keep: the
    one implementation of the filter rules.

    Parameters
    ----------
    fields : pandas.DataFrame
        One row per document (`Corpus.fields`, `analysis.Tokens.documents`).
    starts, ends : numpy.ndarray of datetime64
        First and last instant of each document's date, NaT when undated.
    start, end, **metadata
        As in `Corpus.filter`.

    Returns
    -------
    numpy.ndarray of bool
        One value per document.

    Examples
    --------
    >>> fields = fields_frame([{"id": "a", "source": "NOS"}, {"id": "b", "source": "NRC"}])
    >>> starts = np.array(["2019-01-01", "2019-03-02"], dtype="datetime64[ns]")
    >>> ends = starts + np.timedelta64(1, "D") - np.timedelta64(1, "ns")
    >>> filter_mask(fields, starts, ends, start="2019-02").tolist()
    [False, True]
    >>> filter_mask(fields, starts, ends, source=["NOS"]).tolist()
    [True, False]
    """
    keep = _date_mask(starts, ends, start, end)
    for name, wanted in metadata.items():
        if name not in fields.columns:
            if len(fields) == 0:
                continue  # an empty corpus has no fields, and nothing to keep
            raise ValueError(f"no document has a field {name!r}; fields: {sorted(fields.columns)}")
        test = _matcher(wanted)
        keep &= np.fromiter((test(value) for value in _objects(fields[name])), dtype=bool,
                            count=len(fields))
    return keep


# --------------------------------------------------------------------------
# Loading


def load_corpus(
    path: PathArg,
    *,
    format: str = "auto",
    text: str | None = None,
    date: str | None = None,
    id: str | None = None,
    title: str | None = None,
    source: str | None = None,
    encoding: str | None = None,
    require_date: bool | None = None,
    on_error: OnError = "raise",
    collection: str | None = None,
    progress: bool = False,
    follow_symlinks: bool = False,
) -> Corpus:
    """Load documents from a file, a folder (searched recursively) or a list.

    Parameters
    ----------
    path : path or list of paths
        A news-format or plain ``.txt`` file, a table (``.csv``, ``.tsv``,
        ``.jsonl``, ``.parquet``), a folder mixing these, or a list of them.
        In a folder, files are chosen by suffix (others are listed in
        ``Corpus.ignored``; hidden files are left out), and a file named
        ``metadata.csv`` is not a corpus table but describes the ``.txt``
        files in its folder and below: a ``file`` column gives the path
        relative to it (or an ``id`` column the file name without ``.txt``),
        and its ``date``, ``title``, ``source`` and other columns become the
        document's fields. Then every ``.txt`` file needs a row when the
        metadata has a date column.
    format : str
        ``"auto"`` (by suffix, and for ``.txt`` by the first line), or one of
        ``"news"``, ``"text"``, ``"csv"``, ``"tsv"``, ``"jsonl"``,
        ``"parquet"`` for every file read.
    text, date, id, title, source : str, optional
        Column names in tables. Unnamed columns are guessed
        (``text``/``body``/``content``, ``date``/``published``,
        ``id``/``doc_id``, ...); a named column that a table lacks is an
        error. In ``metadata.csv`` a named column is used when it is there
        and the guesses are tried otherwise. Other columns go into
        ``Document.metadata``.
    encoding : str, optional
        Force an encoding; a file that does not decode is then an error. By
        default files are UTF-8 (a BOM is dropped); a file that is not valid
        UTF-8 is read as cp1252 with a warning naming it.
    require_date : bool, optional
        True: every document must be dated. False: undated documents are
        fine. None (default): a date is required wherever the source has a
        date field (news headers, a date column, a ``metadata.csv`` date).
    on_error : {"raise", "skip"}
        ``"raise"`` stops at the first bad record with a `CorpusError` naming
        file, line and value. ``"skip"`` loads the rest, lists each bad record
        in ``Corpus.skipped`` with its reason, and warns once with the count.
    collection : str, optional
        The collection name for every document. By default: for a folder,
        the first folder below it (``corpus/news/x.txt`` is ``news``), or the
        folder's own name for files directly in it and for a folder that
        holds a ``metadata.csv`` (``corpus/rechtspraak``); for a file, its
        folder's name.
    progress : bool
        Show a progress bar over files.
    follow_symlinks : bool
        Read files in the folders that are symbolic links to files outside
        them. By default such a link is not read (a link to a system file
        never becomes a document) and is listed in ``Corpus.ignored`` with
        its reason, as are dangling links and links to folders.

    Returns
    -------
    Corpus
        Text is Unicode NFC with ``\\n`` line ends, stripped at both ends;
        typographic quotes and dashes are kept. Ids come from the id column,
        else the path relative to the folder given (to the common folder of
        a list of paths), with ``#k`` for the k-th record of a multi-record
        news file or the k-th row of a table.

    Raises
    ------
    FileNotFoundError
        When a path does not exist or a folder holds no corpus file.
    CorpusError
        For a bad record or file (with ``on_error="raise"``).

    Examples
    --------
    >>> from analysis.config import corpus_dir
    >>> corpus = load_corpus(corpus_dir() / "news")
    >>> len(corpus), corpus[0].date_label, corpus[0].collection
    (1, '2019-01', 'news')
    """
    options = ReadOptions(_columns(text, date, id, title, source), encoding, require_date, collection)
    stream = _stream(path, format, options, on_error, progress, warn=False, follow_symlinks=follow_symlinks)
    skipped: list[Skipped] = []
    documents: list[Document] = []
    seen: dict[str, Document] = {}
    duplicates = 0
    for doc in stream:
        skipped.extend(stream.skipped[len(skipped) - duplicates:])  # in file order
        if doc.id in seen:
            error = CorpusError(f"duplicate document id (first at {seen[doc.id].origin})",
                                path=doc.path or "?", line=doc.line, value=doc.id)
            if on_error == "raise":
                raise error
            skipped.append(Skipped.from_error(error))
            duplicates += 1
            continue
        seen[doc.id] = doc
        documents.append(doc)
    skipped.extend(stream.skipped[len(skipped) - duplicates:])
    _warn_skipped(skipped)
    return Corpus(documents, skipped=skipped, ignored=stream.ignored)


def _columns(text: str | None, date: str | None, id: str | None, title: str | None,
             source: str | None) -> dict[str, str | None]:
    return {"text": text, "date": date, "id": id, "title": title, "source": source}


def _warn_skipped(skipped: Sequence[Skipped], stacklevel: int = 3) -> None:
    """One warning with the number of skipped records and the first of them."""
    if skipped:
        first = skipped[0]
        where = first.path if first.line is None else f"{first.path}, line {first.line}"
        warnings.warn(f"{len(skipped)} record(s) skipped; see Corpus.skipped "
                      f"(first: {where}: {first.reason})", stacklevel=stacklevel)


class DocumentStream(Iterator[Document]):
    """Documents read one at a time, with what was skipped and not read.

    Made by `iter_documents` (which documents the options); `analysis.dask`
    makes one per file on its workers. Iterate over it once; ``skipped``
    (bad records, with ``on_error="skip"``) grows as it is consumed, and
    ``skipped`` and ``ignored`` (files in the folders that are not corpus
    files) are complete when it is exhausted.

    Parameters
    ----------
    plan : callable
        Gives the `analysis.readers.FilePlan` to read when reading starts
        (so a missing path is reported on the first ``next``, as from a
        generator).
    options : analysis.readers.ReadOptions
    on_error, progress
        As in `load_corpus`.
    warn_skipped : bool
        Warn once with the number of skipped records when exhausted.

    Examples
    --------
    >>> from analysis.config import corpus_dir
    >>> stream = iter_documents(corpus_dir() / "news")
    >>> [doc.id for doc in stream], stream.skipped, len(stream.ignored)
    (['2019-01-wagner-caracas.txt'], (), 1)
    """

    def __init__(self, plan: Callable[[], FilePlan], options: ReadOptions, *,
                 on_error: OnError = "raise", progress: bool = False, warn_skipped: bool = True):
        check_choice("on_error", on_error, ("raise", "skip"))
        self._skipped: list[Skipped] = []
        self._plan: FilePlan | None = None
        self._documents = self._read(plan, options, on_error, progress, warn_skipped)

    @property
    def skipped(self) -> tuple[Skipped, ...]:
        """The records left out so far (``on_error="skip"``), with the reason."""
        return tuple(self._skipped)

    @property
    def ignored(self) -> tuple[Ignored, ...]:
        """The files found that are not corpus files (known once reading started)."""
        return () if self._plan is None else self._plan.ignored

    def __iter__(self) -> DocumentStream:
        return self

    def __next__(self) -> Document:
        return next(self._documents)

    def __repr__(self) -> str:
        return f"<DocumentStream: {len(self._skipped)} skipped so far>"

    def _read(self, plan: Callable[[], FilePlan], options: ReadOptions, on_error: OnError,
              progress: bool, warn: bool) -> Iterator[Document]:
        self._plan = plan()
        jobs: Iterable[FileJob] = self._plan.jobs
        if progress:
            from tqdm.auto import tqdm

            jobs = tqdm(jobs, desc="loading", unit="file")
        for job in jobs:
            try:
                for item in read_file(job, options):
                    if isinstance(item, CorpusError):
                        self._skip(item, on_error)
                    else:
                        yield item
            except CorpusError as error:
                self._skip(error, on_error)
        if warn:
            _warn_skipped(self._skipped, stacklevel=4)

    def _skip(self, error: CorpusError, on_error: OnError) -> None:
        if on_error == "raise":
            raise error
        self._skipped.append(Skipped.from_error(error))


def _stream(path: PathArg, format: str, options: ReadOptions, on_error: OnError, progress: bool,
            warn: bool, follow_symlinks: bool = False) -> DocumentStream:
    """The stream `load_corpus` and `iter_documents` read, their options checked."""
    check_choice("format", format, FORMATS)
    check_encoding(options.encoding)
    plan = partial(plan_files, path, format=format, follow_symlinks=follow_symlinks)
    return DocumentStream(plan, options, on_error=on_error, progress=progress, warn_skipped=warn)


def iter_documents(
    path: PathArg,
    *,
    format: str = "auto",
    text: str | None = None,
    date: str | None = None,
    id: str | None = None,
    title: str | None = None,
    source: str | None = None,
    encoding: str | None = None,
    require_date: bool | None = None,
    on_error: OnError = "raise",
    collection: str | None = None,
    progress: bool = False,
    follow_symlinks: bool = False,
) -> DocumentStream:
    """Documents one at a time, holding at most one record (one file for a
    plain text or a table row batch) in memory.

    Takes the options of `load_corpus`. The returned `DocumentStream`
    lists, once consumed, the bad records it left out (``.skipped``, with
    ``on_error="skip"``; one warning gives their count at the end) and the
    files it did not read (``.ignored``). Duplicate ids are not checked here
    (that needs memory of every id); `load_corpus` checks them.

    Examples
    --------
    >>> from analysis.config import corpus_dir
    >>> [doc.id for doc in iter_documents(corpus_dir() / "news")]
    ['2019-01-wagner-caracas.txt']
    """
    options = ReadOptions(_columns(text, date, id, title, source), encoding, require_date, collection)
    return _stream(path, format, options, on_error, progress, warn=True, follow_symlinks=follow_symlinks)
