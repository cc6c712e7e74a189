"""A whole corpus as integer token ids: `tokenize`, `Tokens`, `load_tokens`.

Every count in the library starts from a `Tokens`: each document's tokens
over one vocabulary, held in numpy arrays so that counting and windows are
vectorised. The pipeline, per token type (not per token, which is what makes
it fast):

1. `analysis.tokens.coded_sentences` splits each text into sentences of
   surface tokens (as `analysis.tokens.sentence_tokens` does), each token a
   code into the chunk's list of types;
2. the surface form is normalised: lowercased (``lowercase=True``),
   diacritics folded (``fold_diacritics=True``), spelling variants mapped
   (``variants=``);
3. multi-word expressions given in ``phrases=`` are merged into one token
   (``wagner group`` -> ``wagner_group``), never across a sentence;
4. punctuation, numbers, stopwords and tokens shorter than ``min_length``
   are removed; by default (``padding=True``) each leaves a gap, so that
   n-grams and windows never span a removed word (``padding=False`` joins
   the neighbours);
5. what remains is stemmed with Snowball (``stem=True``).

The vocabulary is sorted, so the same corpus and settings give the same ids
whatever the chunking or the number of processes.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import operator
import re
import unicodedata
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from analysis import tokens as _tokens
from analysis.checks import check_count
from analysis.corpus import (
    Corpus,
    Document,
    field_row,
    fields_frame,
    filter_mask,
    iter_documents,
)
from analysis.lemmas import lemmatize_codes
from analysis.parallel import check_n_jobs, cpu_times, idle_cores, map_in_order
from analysis.periods import CALENDAR, period_range, period_start
from analysis.proper_names import (
    CaseEvidence,
    canonical_names,
    combine_evidence,
    name_runs,
    sentence_starts,
    stream_evidence,
)
from analysis.provenance import stamped
from analysis.store import CorruptTokensError, StaleTokensError, read_store, write_store

__all__ = ["CorruptTokensError", "StaleTokensError", "Tokens", "check_tokens", "find_phrases", "load_tokens",
           "tokenize"]

FORMAT_VERSION = 3  # 2: a manifest of sizes and checksums; every document field in the fingerprint; 3: written forms
GAP = -1  # the id of a removed token kept as a position (padding=True)
_CHUNK_CHARS = 4_000_000  # text per unit of work: bounds memory, feeds processes
# By default a second process is started only for a corpus of this much text
# or more, and only when a core stood idle while it was read: below it, or on
# a machine busy with other work, one process is faster (benchmarks/bench_scale.py).
_PARALLEL_CHARS = 8_000_000
_NUMBER = re.compile(r"^[<>≤≥+\-−]?\d[\d.,:/\-]*(?:[%‰]|°[CFKcfk]?)?$")


@dataclass(frozen=True, eq=False)
class Tokens:
    """Every document's tokens over one vocabulary, as integer ids.

    Attributes
    ----------
    vocabulary : tuple of str
        Term of each id, sorted.
    ids : numpy.ndarray of int32
        All tokens of all documents, concatenated; ``-1`` marks a gap (a
        removed token kept as a position with ``padding=True``).
    doc_offsets : numpy.ndarray of int64
        Document ``d`` holds ``ids[doc_offsets[d]:doc_offsets[d + 1]]``.
    sent_offsets : numpy.ndarray of int64
        Sentence ``s`` holds ``ids[sent_offsets[s]:sent_offsets[s + 1]]``;
        every document boundary is a sentence boundary.
    documents : pandas.DataFrame
        One row per document: id, date (label at its precision), precision,
        title, source, collection, path, line and the metadata columns.
    settings : Mapping
        The `tokenize` options that made these tokens.
    fingerprint : str
        SHA-256 over every field of every document (id, date and its
        precision, title, source, collection, path, line, metadata, text).
    forms : tuple of str or None
        With ``names=True`` or ``lemmatize=True``: the word forms as written
        in the text (``leden``, ``Prigozjins``, a name's words joined by a
        space), sorted; None otherwise.
    form_ids : numpy.ndarray of int32 or None
        Beside `ids`, position by position: the written form of each token
        (of a gap too), as an index into `forms`. `kwic` shows these and
        matches the terms.
    name_terms : tuple of str
        With ``names=True``: the terms that are proper names, sorted.

    Examples
    --------
    >>> from analysis.corpus import Document, parse_date
    >>> toks = tokenize([Document("a", parse_date("2019-01"), "Wagner-leden landen in Caracas.")],
    ...                 stopwords=None)
    >>> list(toks)  # the removed full stop is a gap, ""
    [['wagner-leden', 'landen', 'in', 'caracas', '']]
    >>> toks.n_tokens, toks.n_positions, len(toks.vocabulary)
    (4, 5, 4)
    """

    vocabulary: tuple[str, ...]
    ids: np.ndarray
    doc_offsets: np.ndarray
    sent_offsets: np.ndarray
    documents: pd.DataFrame
    settings: Mapping[str, Any] = field(default_factory=dict)
    fingerprint: str = ""
    forms: tuple[str, ...] | None = None
    form_ids: np.ndarray | None = None
    name_terms: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        n_docs = len(self.doc_offsets) - 1
        if n_docs != len(self.documents):
            raise ValueError(f"{n_docs} document offsets but {len(self.documents)} document rows")
        if len(self.ids) != (self.doc_offsets[-1] if n_docs >= 0 else 0):
            raise ValueError("ids and doc_offsets disagree")
        if (self.forms is None) != (self.form_ids is None):
            raise ValueError("forms and form_ids come together")
        if self.form_ids is not None and len(self.form_ids) != len(self.ids):
            raise ValueError(f"{len(self.form_ids)} form ids for {len(self.ids)} positions")

    # -- sizes and lookup -------------------------------------------------

    def __len__(self) -> int:
        return len(self.doc_offsets) - 1

    def __iter__(self) -> Iterator[list[str]]:
        for d in range(len(self)):
            yield self.doc(d)

    def __repr__(self) -> str:
        return (f"<Tokens: {len(self):,} documents, {self.n_tokens:,} tokens, "
                f"{len(self.vocabulary):,} types>")

    @property
    def n_tokens(self) -> int:
        """Number of tokens, gaps not counted."""
        return int(np.count_nonzero(self.ids >= 0))

    @property
    def n_positions(self) -> int:
        """Number of positions, gaps included."""
        return len(self.ids)

    @cached_property
    def terms(self) -> np.ndarray:
        """The vocabulary as a numpy array of str objects, for fancy indexing."""
        return np.array(self.vocabulary, dtype=object)

    @cached_property
    def index(self) -> dict[str, int]:
        """Term -> id."""
        return {term: i for i, term in enumerate(self.vocabulary)}

    @cached_property
    def doc_ids(self) -> list[str]:
        return self.documents["id"].tolist()

    @cached_property
    def _doc_position(self) -> dict[str, int]:
        return {doc_id: d for d, doc_id in enumerate(self.doc_ids)}

    def doc(self, key: int | str) -> list[str]:
        """The tokens of one document (by position or id); gaps are ``""``.

        Examples
        --------
        >>> from analysis.corpus import Document
        >>> tokenize([Document("a", None, "Wij zijn de kat.")], stopwords="nl").doc("a")
        ['', '', '', 'kat', '']
        >>> tokenize([Document("a", None, "Wij zijn de kat.")], stopwords="nl", padding=False).doc("a")
        ['kat']
        """
        d = self._position(key)
        ids = self.ids[self.doc_offsets[d] : self.doc_offsets[d + 1]]
        return ["" if i < 0 else self.vocabulary[i] for i in ids]

    def sentences(self, key: int | str) -> list[list[str]]:
        """The tokens of one document, sentence by sentence (empty sentences left out)."""
        d = self._position(key)
        start, end = self.doc_offsets[d], self.doc_offsets[d + 1]
        first = np.searchsorted(self.sent_offsets, start, side="right") - 1
        out = []
        for s in range(first, len(self.sent_offsets) - 1):
            lo, hi = self.sent_offsets[s], self.sent_offsets[s + 1]
            if lo >= end:
                break
            if hi > lo:
                out.append(["" if i < 0 else self.vocabulary[i] for i in self.ids[lo:hi]])
        return out

    def _position(self, key: int | str) -> int:
        if isinstance(key, str):
            try:
                return self._doc_position[key]
            except KeyError:
                raise KeyError(f"no document with id {key!r}") from None
        if not -len(self) <= key < len(self):
            raise IndexError(f"document {key} out of range for {len(self)} documents")
        return key % len(self)

    # -- per-token and per-document arrays for vectorised counting ----------

    @cached_property
    def doc_index(self) -> np.ndarray:
        """Document number of every position (int32)."""
        return np.repeat(np.arange(len(self), dtype=np.int32), np.diff(self.doc_offsets))

    @cached_property
    def sentence_index(self) -> np.ndarray:
        """Sentence number of every position (int32), unique across documents."""
        return np.repeat(np.arange(len(self.sent_offsets) - 1, dtype=np.int32), np.diff(self.sent_offsets))

    @cached_property
    def doc_lengths(self) -> np.ndarray:
        """Tokens per document, gaps not counted (int64)."""
        return np.bincount(self.doc_index[self.ids >= 0], minlength=len(self)).astype(np.int64)

    def counts(self) -> np.ndarray:
        """Frequency of every vocabulary id over the whole corpus.

        Examples
        --------
        >>> from analysis.corpus import Document
        >>> t = tokenize([Document("a", None, "de kat en de hond")], stopwords=None)
        >>> dict(zip(t.vocabulary, t.counts().tolist()))
        {'de': 2, 'en': 1, 'hond': 1, 'kat': 1}
        """
        return np.bincount(self.ids[self.ids >= 0], minlength=len(self.vocabulary))

    # -- grouping documents -------------------------------------------------

    def labels(self, by: str) -> np.ndarray:
        """The group of every document: its calendar period or a field's value.

        Parameters
        ----------
        by : str
            ``"year"``, ``"month"``, ``"week"`` (ISO, ``2019-W03``), ``"day"``,
            or a column of `documents` (``source``, ``collection``, metadata).

        Raises
        ------
        ValueError
            For an unknown column, an undated document, or a date coarser
            than ``by`` (a document dated ``2019`` has no month), naming the
            document.

        Examples
        --------
        >>> from analysis.corpus import Document, parse_date
        >>> t = tokenize([Document("a", parse_date("2019-01-15"), "x"),
        ...               Document("b", parse_date("2020-02"), "y")], stopwords=None)
        >>> t.labels("month").tolist(), t.labels("year").tolist()
        (['2019-01', '2020-02'], ['2019', '2020'])
        """
        frame = self.documents
        if by in CALENDAR:
            dates = frame["date"]
            precision = frame["precision"]
            undated = dates.isna()
            if undated.any():
                doc_id = frame["id"][undated].iloc[0]
                raise ValueError(f"by={by!r} needs dates, but {int(undated.sum())} document(s) are "
                                 f"undated (first: {doc_id!r})")
            needed = {"year": ("year", "month", "day"), "month": ("month", "day"),
                      "week": ("day",), "day": ("day",)}[by]
            coarse = ~precision.isin(needed)
            if coarse.any():
                row = frame[coarse].iloc[0]
                raise ValueError(f"by={by!r} needs {needed[-1] if by != 'year' else 'year'} precision, "
                                 f"but document {row['id']!r} is dated {row['date']!r} "
                                 f"({row['precision']} precision); {int(coarse.sum())} such document(s)")
            values = dates.astype(str)
            if by == "year":
                return values.str[:4].to_numpy(dtype=object)
            if by == "month":
                return values.str[:7].to_numpy(dtype=object)
            if by == "day":
                return values.to_numpy(dtype=object)
            iso = pd.to_datetime(values, format="%Y-%m-%d").dt.isocalendar()
            return (iso["year"].astype(str) + "-W" + iso["week"].astype(str).str.zfill(2)).to_numpy(dtype=object)
        if by not in frame.columns or by in ("path", "line"):
            fields = [c for c in frame.columns if c not in ("path", "line", "date", "precision")]
            raise ValueError(f"unknown by {by!r}: use 'year', 'month', 'week', 'day' or one of {fields}")
        return frame[by].astype(object).where(frame[by].notna(), "(none)").astype(str).to_numpy(dtype=object)

    def groups(self, by: str) -> list[str]:
        """The groups ``by`` gives, in order; for calendar periods every period
        from the first to the last, including empty ones.

        Examples
        --------
        >>> from analysis.corpus import Document, parse_date
        >>> t = tokenize([Document("a", parse_date("2019-01"), "x"),
        ...               Document("b", parse_date("2019-03"), "y")], stopwords=None)
        >>> t.groups("month")
        ['2019-01', '2019-02', '2019-03']
        """
        labels = self.labels(by)
        if by in CALENDAR:
            return period_range(labels.tolist(), by)
        return sorted(set(labels.tolist()))

    @staticmethod
    def period_start(label: str, by: str) -> pd.Timestamp:
        """First day of a calendar period label (see `analysis.periods.period_start`)."""
        return period_start(label, by)

    def select(self, mask: np.ndarray | Sequence[bool]) -> Tokens:
        """The documents where ``mask`` is true, over the same vocabulary.

        Examples
        --------
        >>> from analysis.corpus import Document
        >>> t = tokenize([Document("a", None, "een twee"), Document("b", None, "drie")],
        ...              stopwords=None)
        >>> list(t.select([False, True]))
        [['drie']]
        """
        mask = np.asarray(mask, dtype=bool)
        if mask.shape != (len(self),):
            raise ValueError(f"mask must have one value per document ({len(self)}), got shape {mask.shape}")
        keep_pos = np.repeat(mask, np.diff(self.doc_offsets))
        lengths = np.diff(self.doc_offsets)[mask]
        doc_offsets = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
        sent_keep = keep_pos[self.sent_offsets[:-1]]  # sentences are never empty
        sent_lengths = np.diff(self.sent_offsets)[sent_keep]
        sent_offsets = np.concatenate([[0], np.cumsum(sent_lengths)]).astype(np.int64)
        documents = self.documents[mask].reset_index(drop=True)
        return Tokens(self.vocabulary, self.ids[keep_pos], doc_offsets, sent_offsets, documents,
                      self.settings, _subset_fingerprint(self.fingerprint, documents["id"]), forms=self.forms,
                      form_ids=None if self.form_ids is None else self.form_ids[keep_pos],
                      name_terms=self.name_terms)

    def filter(self, *, start: str | None = None, end: str | None = None, **metadata: Any) -> Tokens:
        """Documents dated within ``[start, end]`` and matching the metadata,
        by the rules of `analysis.Corpus.filter`."""
        return self.select(self.mask(start=start, end=end, **metadata))

    def mask(self, *, start: str | None = None, end: str | None = None, **metadata: Any) -> np.ndarray:
        """Boolean mask of the documents `filter` keeps.

        Examples
        --------
        >>> from analysis.corpus import Document, parse_date
        >>> t = tokenize([Document("a", parse_date("2019-01"), "x"),
        ...               Document("b", parse_date("2019-03"), "y")], stopwords=None)
        >>> t.mask(start="2019-02").tolist()
        [False, True]
        """
        return filter_mask(self.documents, *self._date_bounds, start=start, end=end, **metadata)

    @cached_property
    def _date_bounds(self) -> tuple[np.ndarray, np.ndarray]:
        """First and last instant of every document's date (NaT when undated)."""
        starts = np.full(len(self), np.datetime64("NaT"), dtype="datetime64[ns]")
        ends = starts.copy()
        dates, precision = self.documents["date"], self.documents["precision"]
        for name, freq in (("year", "Y"), ("month", "M"), ("day", "D")):
            rows = (precision == name).to_numpy()
            if rows.any():
                periods = pd.PeriodIndex(dates[rows].astype(str), freq=freq)
                starts[rows] = periods.start_time.to_numpy()
                ends[rows] = periods.end_time.to_numpy()
        return starts, ends

    @staticmethod
    def concat(parts: Sequence[Tokens]) -> Tokens:
        """Join Tokens made with the same settings into one, documents in order.

        The vocabularies are merged (sorted union), so the result is what
        tokenising all the documents at once would give, except for the
        fingerprint, which is taken over the parts' fingerprints.

        Examples
        --------
        >>> from analysis.corpus import Document
        >>> a = tokenize([Document("a", None, "kat hond")], stopwords=None)
        >>> b = tokenize([Document("b", None, "hond muis")], stopwords=None)
        >>> joined = Tokens.concat([a, b])
        >>> joined.vocabulary, list(joined)
        (('hond', 'kat', 'muis'), [['kat', 'hond'], ['hond', 'muis']])
        """
        parts = list(parts)
        if not parts:
            raise ValueError("nothing to concatenate")
        settings = dict(parts[0].settings)
        for k, part in enumerate(parts[1:], start=1):
            if dict(part.settings) != settings:
                changed = sorted(key for key in set(settings) | set(part.settings)
                                 if settings.get(key) != part.settings.get(key))
                raise ValueError(f"part {k} was tokenised with other settings: {changed}")
        vocabulary, ids = _joined_ids([p.vocabulary for p in parts], [p.ids for p in parts])
        forms, form_ids = None, None
        if all(p.forms is not None for p in parts):
            forms, form_ids = _joined_ids([p.forms for p in parts], [p.form_ids for p in parts])
        doc_lengths = np.concatenate([np.diff(p.doc_offsets) for p in parts])
        sent_lengths = np.concatenate([np.diff(p.sent_offsets) for p in parts])
        documents = pd.concat([p.documents for p in parts], ignore_index=True)
        digest = hashlib.sha256("".join(p.fingerprint for p in parts).encode()).hexdigest()
        return Tokens(vocabulary, ids,
                      np.concatenate([[0], np.cumsum(doc_lengths)]).astype(np.int64),
                      np.concatenate([[0], np.cumsum(sent_lengths)]).astype(np.int64),
                      documents, settings, digest, forms=forms, form_ids=form_ids,
                      name_terms=tuple(sorted(set().union(*(p.name_terms for p in parts)))))

    # -- storage --------------------------------------------------------------

    def save(self, path: str | Path) -> Path:
        """Write the tokens to a folder (no pickle: ``.npy`` arrays, JSON, Parquet).

        The files are written into a new hidden folder beside ``path``,
        their sizes and SHA-256 recorded in ``meta.json``, and ``path``
        (a symbolic link) is pointed at it with one rename: a reader opens
        the old store or the new one, never a mix, an interrupted run leaves
        the old store as it was, and two processes saving the same store
        both succeed (see `analysis.store`).

        Returns
        -------
        pathlib.Path
            ``path``.

        Raises
        ------
        OSError
            When the store cannot be written, naming ``path``.
        """

        def write_files(folder: Path) -> dict[str, Any]:
            np.save(folder / "ids.npy", self.ids.astype(np.int32, copy=False), allow_pickle=False)
            np.save(folder / "doc_offsets.npy", self.doc_offsets.astype(np.int64, copy=False), allow_pickle=False)
            np.save(folder / "sent_offsets.npy", self.sent_offsets.astype(np.int64, copy=False), allow_pickle=False)
            (folder / "vocabulary.json").write_text(json.dumps(list(self.vocabulary), ensure_ascii=False),
                                                    encoding="utf-8")
            parquet_safe(self.documents).to_parquet(folder / "documents.parquet", index=False)
            if self.forms is not None:
                np.save(folder / "form_ids.npy", self.form_ids.astype(np.int32, copy=False), allow_pickle=False)
                (folder / "forms.json").write_text(json.dumps(list(self.forms), ensure_ascii=False),
                                                   encoding="utf-8")
            return {"format": "analysis.tokens", "version": FORMAT_VERSION,
                    "settings": dict(self.settings), "fingerprint": self.fingerprint,
                    "documents": len(self), "positions": len(self.ids), "forms": self.forms is not None,
                    "name_terms": list(self.name_terms)}

        return write_store(path, write_files)


def _joined_ids(vocabularies: list[Sequence[str]], ids: list[np.ndarray]) -> tuple[tuple[str, ...], np.ndarray]:
    """One sorted vocabulary for several, and each part's ids renumbered to it (GAP stays GAP)."""
    vocabulary = tuple(sorted(set().union(*vocabularies)))
    position = {term: i for i, term in enumerate(vocabulary)}
    out = []
    for terms, part in zip(vocabularies, ids, strict=True):
        remap = np.array([position[t] for t in terms] + [GAP], dtype=np.int32)
        out.append(remap[np.asarray(part)])  # GAP (-1) picks the last slot
    return vocabulary, np.concatenate(out).astype(np.int32)


def check_tokens(tokens: Any, name: str = "tokens", *, need_tokens: bool = False) -> Tokens:
    """``tokens`` when it is a `Tokens` of at least one document (and one
    token, with ``need_tokens``).

    Examples
    --------
    >>> check_tokens("De kat.")
    Traceback (most recent call last):
    ...
    TypeError: tokens must be a Tokens (see analysis.tokenize), got str
    """
    if not isinstance(tokens, Tokens):
        raise TypeError(f"{name} must be a Tokens (see analysis.tokenize), "
                        f"got {type(tokens).__name__}")
    if len(tokens) == 0:
        raise ValueError(f"{name} is an empty corpus (0 documents)")
    if need_tokens and tokens.n_tokens == 0:
        raise ValueError(f"{name} is an empty corpus: {len(tokens)} document(s) but no tokens "
                         "to count")
    return tokens


def parquet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` whose object columns hold str or None, as Parquet stores
    them (a metadata column may mix numbers, text and missing values)."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object:
            out[column] = out[column].map(lambda v: None if v is None or (isinstance(v, float) and np.isnan(v))
                                          else str(v))
    return out


def _subset_fingerprint(parent: str, ids: Iterable[str]) -> str:
    digest = hashlib.sha256(parent.encode())
    for doc_id in ids:
        digest.update(doc_id.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


def load_tokens(
    path: str | Path,
    *,
    corpus: Corpus | Iterable[Document] | None = None,
    settings: Mapping[str, Any] | None = None,
    mmap: bool = True,
    verify: bool = False,
) -> Tokens:
    """Open a token store written by `Tokens.save`.

    Parameters
    ----------
    path : path
        The store's folder.
    corpus : Corpus or iterable of Document, optional
        When given, its fingerprint must equal the stored one.
    settings : Mapping, optional
        When given, each setting must equal the stored one.
    mmap : bool
        Memory-map the id arrays (opening is instant, memory is paged in on
        use).
    verify : bool
        Also compare every file's SHA-256 with the one recorded when it was
        written (one read of the whole store; `tokenize` with ``cache=``
        always does). File sizes are checked on every open.

    Raises
    ------
    StaleTokensError
        When the corpus or the settings differ from those the store was made
        with, or it was written by an older version: a stale store is never
        silently reused.
    CorruptTokensError
        (a `StaleTokensError`) naming a file of the store that is missing,
        truncated or (with ``verify``) changed since it was written.
    FileNotFoundError, ValueError
        When the folder is missing or not a token store.
    """
    folder = Path(path)

    def read_files(where: Path, meta: Mapping[str, Any]) -> Tokens:
        _check_meta(folder, meta, corpus, settings)
        return _read_tokens(where, meta, mmap)

    return read_store(folder, read_files, verify=verify)


def _check_meta(folder: Path, meta: Mapping[str, Any], corpus: Any, settings: Mapping[str, Any] | None) -> None:
    if meta.get("format") != "analysis.tokens":
        raise ValueError(f"{str(folder)!r} is not a token store: format {meta.get('format')!r}")
    if meta.get("version") != FORMAT_VERSION:
        raise StaleTokensError(f"token store {str(folder)!r} has format version {meta.get('version')!r}, "
                               f"this version of analysis reads version {FORMAT_VERSION}")
    if settings is not None:
        stored = meta["settings"]
        wanted = _json_round_trip(dict(settings))
        changed = {k: (stored.get(k), v) for k, v in wanted.items() if stored.get(k) != v}
        if changed:
            raise StaleTokensError(f"token store {str(folder)!r} was made with other settings: "
                                   + ", ".join(f"{k}: stored {a!r}, wanted {b!r}" for k, (a, b) in changed.items()))
    if corpus is not None:
        actual = corpus_fingerprint(corpus)
        if actual != meta["fingerprint"]:
            raise StaleTokensError(f"token store {str(folder)!r} was made from another corpus "
                                   f"(fingerprint {meta['fingerprint'][:12]}…, corpus {actual[:12]}…)")


def _read_tokens(folder: Path, meta: Mapping[str, Any], mmap: bool) -> Tokens:
    """The Tokens in a store's files; a file that does not parse is named."""
    with_forms = bool(meta.get("forms"))
    names = ("ids.npy", "doc_offsets.npy", "sent_offsets.npy") + (("form_ids.npy",) if with_forms else ())
    arrays = {name: _read_array(folder / name, mmap) for name in names}
    vocabulary = _read_terms(folder / "vocabulary.json")
    forms = _read_terms(folder / "forms.json") if with_forms else None
    try:
        documents = pd.read_parquet(folder / "documents.parquet")
    except FileNotFoundError:
        raise
    except Exception as error:  # pyarrow raises its own error types for a damaged file
        raise CorruptTokensError(f"not a readable Parquet file ({error})", path=folder / "documents.parquet") from None
    documents = documents.astype(object).where(documents.notna(), None)
    try:
        return Tokens(vocabulary, arrays["ids.npy"], arrays["doc_offsets.npy"], arrays["sent_offsets.npy"],
                      documents, meta["settings"], meta["fingerprint"], forms=forms,
                      form_ids=arrays.get("form_ids.npy"), name_terms=tuple(meta.get("name_terms", ())))
    except ValueError as error:
        raise CorruptTokensError(f"its files disagree ({error})", path=folder) from None


def _read_array(path: Path, mmap: bool) -> np.ndarray:
    try:
        return np.load(path, mmap_mode="r" if mmap else None, allow_pickle=False)
    except (ValueError, OSError, EOFError) as error:
        if isinstance(error, FileNotFoundError):
            raise
        raise CorruptTokensError(f"not a readable array ({error})", path=path) from None


def _read_terms(path: Path) -> tuple[str, ...]:
    try:
        return tuple(json.loads(path.read_text(encoding="utf-8")))
    except (UnicodeDecodeError, json.JSONDecodeError, TypeError) as error:
        raise CorruptTokensError(f"not a JSON list of terms ({error})", path=path) from None


def _json_round_trip(value: Any) -> Any:
    return json.loads(json.dumps(value, ensure_ascii=False))


def corpus_fingerprint(documents: Iterable[Document]) -> str:
    """SHA-256 over every field of every document, in order: id, date label
    and precision, title, source, collection, path, line, metadata and text.

    Examples
    --------
    >>> from analysis.corpus import Document
    >>> corpus_fingerprint([Document("a", None, "x")]) == corpus_fingerprint([Document("a", None, "x")])
    True
    """
    digest = hashlib.sha256()
    for doc in documents:
        _update_fingerprint(digest, doc)
    return digest.hexdigest()


def _typed_str(value: Any) -> str:
    """A metadata value JSON cannot hold (a Timestamp, a numpy number), with its type."""
    return f"{type(value).__name__}:{value}"


# json.dumps(fields, ensure_ascii=False, default=_typed_str), with one encoder for every document
_fields_json = json.JSONEncoder(ensure_ascii=False, default=_typed_str).encode


def _update_fingerprint(digest: Any, doc: Document, row: dict[str, Any] | None = None) -> None:
    # Every field a Tokens carries: a store is stale when any of them changed. One update per document
    # (fields, NUL, text, NUL): the same bytes as four.
    row = field_row(doc) if row is None else row
    if len(row) == len(_FIXED_FIELDS):  # no metadata beyond the fixed fields: their order is known
        fields = [(key, row[key]) for key in _FIXED_FIELDS]
    else:
        fields = sorted(row.items(), key=lambda item: str(item[0]))
    digest.update(f"{_fields_json(fields)}\0{doc.text}\0".encode("utf-8", "surrogatepass"))


_FIXED_FIELDS = sorted(field_row(Document("any", None, "")))


# --------------------------------------------------------------------------
# tokenize


def tokenize(
    corpus: Corpus | Iterable[Document] | str | Path,
    *,
    language: str = "nl",
    lowercase: bool = True,
    stopwords: str | Iterable[str] | None = "nl",
    keep_punctuation: bool = False,
    keep_numbers: bool = False,
    min_length: int = 1,
    stem: bool = False,
    variants: Mapping[str, str] | str | Path | None = None,
    phrases: Iterable[str | Sequence[str]] | None = None,
    fold_diacritics: bool = False,
    padding: bool = True,
    n_jobs: int | None = None,
    cache: str | Path | None = None,
    progress: bool = False,
    names: bool = False,
    lemmatize: bool = False,
) -> Tokens:
    """Tokenise and normalise a corpus into a `Tokens`.

    Parameters
    ----------
    corpus : Corpus, iterable of Document, or path
        A path is streamed with `analysis.iter_documents`.
    language : str
        Tokeniser rules, ``"nl"`` or ``"en"``.
    lowercase : bool
        Lowercase every token (stopwords are matched lowercased either way).
    stopwords : str, iterable of str or None
        A list name for `analysis.stopwords` (``"nl"``, ``"nl+nl-news"``,
        ``"en"``), a file, your own words, or None to keep every word.
    keep_punctuation, keep_numbers : bool
        Keep tokens without a letter or digit / tokens that are numbers
        (``10.000``, ``2,5``, ``14.30``, ``2019-01``).
    min_length : int
        Drop tokens shorter than this many characters (after normalising).
    stem : bool
        Snowball stemming (NLTK's, for the language), after stopword removal.
    variants : dict or path, optional
        Spelling variants mapped to one form before counting, e.g.
        ``{"Poetin": "Putin"}`` or a two-column CSV; matched case-insensitively
        when ``lowercase=True``.
    phrases : iterable, optional
        Multi-word expressions merged into one token joined by ``_``:
        ``["wagner group", ("jevgeni", "prigozjin")]``, matched on the
        normalised tokens within a sentence, longest first, left to right.
    fold_diacritics : bool
        Fold ``ë`` to ``e``, ``ĳ`` to ``ij`` and so on.
    padding : bool
        Keep removed tokens (stopwords, punctuation, numbers, short tokens)
        as gaps (id ``-1``, ``""`` when iterating or in `Tokens.doc`), so
        that distances between the remaining tokens stay those of the text:
        n-grams and windows never span a removed word. Gaps are never
        counted (frequencies, dispersion, keyness and document lengths are
        the same either way). The default, as in quanteda and
        `analysis.Settings`; False joins the neighbours of a removed word.
    n_jobs : int or None
        Processes for tokenising (-1: every core); the result is identical
        for any value. None (the default) uses one process for a corpus of
        less than 8 million characters, and for a larger one also a process
        for each core that stood idle while the first 8 million were read
        (on a machine busy with other work, more processes only get in each
        other's way).
    cache : path, optional
        A token store folder: reused when it was made from this corpus
        (every field of every document) with these settings and its files
        are whole (sizes and checksums), written otherwise. A damaged store
        is rebuilt with a warning naming it; a store that cannot be written
        gives a warning naming ``cache``, and the tokens are still returned.
    progress : bool
        Show a progress bar.
    names : bool
        Keep each proper name found by `analysis.name_mentions` (case
        evidence from the whole corpus) as one term, as usually written and
        never lowercased or filtered (``Jevgeni Prigozjin``; ``Prigozjins``
        and ``Prigozjin`` merged into it; ``variants=`` applies).
    lemmatize : bool
        Count the lemmas of `analysis.lemmatize` instead of the word forms
        (``leden`` -> ``lid``), before the steps above.

    Returns
    -------
    Tokens

    Examples
    --------
    >>> from analysis.corpus import Document, parse_date
    >>> doc = Document("a", parse_date("2019-01"),
    ...                "Volgens Reuters zijn Wagner-huurlingen in Caracas. Het Kremlin ontkent.")
    >>> tokenize([doc]).sentences(0)  # removed words and punctuation leave gaps, ""
    [['', 'reuters', '', 'wagner-huurlingen', '', 'caracas', ''], ['', 'kremlin', 'ontkent', '']]
    >>> tokenize([doc], padding=False).sentences(0)
    [['reuters', 'wagner-huurlingen', 'caracas'], ['kremlin', 'ontkent']]
    >>> tokenize([doc], stopwords="nl+nl-news", phrases=["het kremlin"], padding=False).doc(0)
    ['reuters', 'wagner-huurlingen', 'caracas', 'het_kremlin', 'ontkent']
    """
    check_count("min_length", min_length)
    if n_jobs is not None:
        check_n_jobs(n_jobs)
    _tokens.sentence_tokens("", language)  # validates the language early
    stop_set = frozenset() if stopwords is None else _tokens.stopwords(stopwords)
    variant_map = {} if variants is None else _tokens.load_variants(variants)
    phrase_list = _parse_phrases(phrases)
    settings = {
        "language": language, "lowercase": lowercase,
        "stopwords": _describe_words(stopwords, stop_set),
        "keep_punctuation": keep_punctuation, "keep_numbers": keep_numbers,
        "min_length": min_length, "stem": stem,
        "variants": _digest(sorted(variant_map.items())) if variant_map else None,
        "phrases": [" ".join(p) for p in phrase_list], "fold_diacritics": fold_diacritics,
        "padding": padding, "tokenizer": _tokens.TOKENIZER_VERSION,
    }
    settings |= {key: True for key, on in (("names", names), ("lemmatize", lemmatize)) if on}
    fresh = _reiterable(corpus)
    if cache is not None and Path(cache, "meta.json").is_file():
        try:
            return load_tokens(cache, corpus=fresh(), settings=settings, verify=True)
        except CorruptTokensError as error:
            warnings.warn(f"{error}; rebuilding the token store {str(cache)!r}", stacklevel=2)
        except StaleTokensError:
            pass
    builder = _Builder(
        _Normaliser(lowercase=lowercase, fold=fold_diacritics, variants=variant_map),
        _Filter(stop_set, keep_punctuation, keep_numbers, min_length, _stemmer(language) if stem else None),
        phrase_list, padding,
    )
    if names or lemmatize:
        builder.terms_of = _NamesAndLemmas(names, lemmatize, language, variant_map)
    result = builder.build(fresh(), language=language, n_jobs=n_jobs, progress=progress, settings=settings)
    if cache is not None:
        try:
            result.save(cache)
        except OSError as error:
            warnings.warn(f"{error}; the tokens are returned but not stored", stacklevel=2)
    return result


def _reiterable(corpus: Corpus | Iterable[Document] | str | Path) -> Any:
    """A function giving a fresh iterator over the documents each time it is
    called: paths are re-read, a one-shot iterator is kept in memory."""
    if isinstance(corpus, (str, Path)):
        return lambda: iter_documents(corpus)
    if isinstance(corpus, (Corpus, list, tuple)):
        return lambda: iter(corpus)
    documents = list(corpus)
    return lambda: iter(documents)


def _describe_words(spec: Any, words: frozenset[str]) -> Any:
    if spec is None or isinstance(spec, str):
        return spec if spec is None or not Path(spec).is_file() else f"file:{_digest(sorted(words))}"
    return f"custom:{_digest(sorted(words))}"


def _digest(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, ensure_ascii=False).encode()).hexdigest()[:16]


def _parse_phrases(phrases: Iterable[str | Sequence[str]] | None) -> list[tuple[str, ...]]:
    if phrases is None:
        return []
    if isinstance(phrases, str):
        raise TypeError(f"phrases must be a list of phrases, got the str {phrases!r}")
    out = []
    for phrase in phrases:
        parts = tuple(phrase.split()) if isinstance(phrase, str) else tuple(phrase)
        if len(parts) < 2 or not all(isinstance(p, str) and p for p in parts):
            raise ValueError(f"a phrase needs at least two words, got {phrase!r}")
        out.append(parts)
    return sorted(set(out), key=lambda p: (-len(p), p))


def _chunks(documents: Iterable[Document], rows: list[dict], digest: Any) -> Iterator[list[str]]:
    texts: list[str] = []
    size = 0
    for doc in documents:
        if not isinstance(doc, Document):
            raise TypeError(f"tokenize takes Documents (or a Corpus or a path), got {type(doc).__name__}")
        row = field_row(doc)
        rows.append(row)
        _update_fingerprint(digest, doc, row)
        texts.append(doc.text)
        size += len(doc.text)
        if size >= _CHUNK_CHARS:
            yield texts
            texts, size = [], 0
    if texts:
        yield texts


def _chunks_and_jobs(chunks: Iterator[list[str]], n_jobs: int | None) -> tuple[Iterator[list[str]], int]:
    """The chunks again, and the processes to use. For ``n_jobs=None``: one,
    unless the first ``_PARALLEL_CHARS`` characters are there; then one more
    for each core that stood idle (on average) while they were read."""
    if n_jobs is not None:
        return chunks, n_jobs
    since = cpu_times()
    first, size = [], 0
    for chunk in chunks:
        first.append(chunk)
        size += sum(map(len, chunk))
        if size >= _PARALLEL_CHARS:
            break
    jobs = 1 if size < _PARALLEL_CHARS else min(check_n_jobs(-1), 1 + round(idle_cores(since)))
    return itertools.chain(first, chunks), jobs


@dataclass(frozen=True)
class _Normaliser:
    lowercase: bool
    fold: bool
    variants: Mapping[str, str]

    def __call__(self, surface: str) -> str:
        form = unicodedata.normalize("NFC", surface)
        if self.lowercase:
            form = form.lower()
        if self.fold:
            form = fold_diacritics(form)
        if self.variants:
            form = self._variants.get(form.lower() if self.lowercase else form, form)
        return form

    def many(self, surfaces: list[str]) -> list[str]:
        """The normal form of each surface (without folding or variants: mapped in C)."""
        if self.fold or self.variants:
            return list(map(self, surfaces))
        forms = list(map(unicodedata.normalize, itertools.repeat("NFC", len(surfaces)), surfaces))
        return list(map(str.lower, forms)) if self.lowercase else forms

    @cached_property
    def _variants(self) -> dict[str, str]:
        if not self.lowercase:
            return dict(self.variants)
        return {key.lower(): (value.lower()) for key, value in self.variants.items()}


def fold_diacritics(text: str) -> str:
    """Remove accents and split ligatures: ``Oekraïne`` -> ``Oekraine``, ``ĳs`` -> ``ijs``.

    Examples
    --------
    >>> fold_diacritics("geëindigd, ĳs, Guaidó")
    'geeindigd, ijs, Guaido'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


@dataclass(frozen=True)
class _Filter:
    """Which normal forms are removed, and what the rest become."""

    stopwords: frozenset[str]
    keep_punctuation: bool
    keep_numbers: bool
    min_length: int
    stemmer: Any

    def __call__(self, form: str) -> str | None:
        if not form.isalpha():  # letters only (most forms): no punctuation, no number
            if not self.keep_punctuation and not any(ch.isalnum() for ch in form):
                return None
            if not self.keep_numbers and _NUMBER.match(form):
                return None
        if form.lower() in self.stopwords or len(form) < self.min_length:
            return None
        return self.stemmer.stem(form) if self.stemmer else form

    def many(self, forms: list[str]) -> list[str | None]:
        """What each form becomes (None: removed); the forms of letters only asked in bulk."""
        if self.stemmer:
            return list(map(self, forms))
        gone = map(self.stopwords.__contains__, map(str.lower, forms))
        out = [None if stop or len(form) < self.min_length else form for form, stop in zip(forms, gone, strict=True)]
        for k in itertools.compress(range(len(forms)), map(operator.not_, map(str.isalpha, forms))):
            out[k] = self(forms[k])
        return out


def _number_new(index: dict[str, int], listed: list[str], words: list[str]) -> None:
    """Number the words `index` does not hold yet, in order of first sight, and list them (``listed[i]``
    is the word numbered ``i``)."""
    fresh = [word for word in dict.fromkeys(words) if word not in index]
    index.update(zip(fresh, range(len(listed), len(listed) + len(fresh)), strict=True))
    listed.extend(fresh)


class _Builder:
    """Turns chunks of surface tokens into a `Tokens`, one chunk at a time.

    Each chunk is normalised, merged into phrases and filtered as it arrives,
    so memory holds only the final ids (int32) and the vocabulary, never the
    surface tokens of the whole corpus. Term ids are given in order of first
    appearance and renumbered to the sorted vocabulary at the end.
    """

    def __init__(self, normal: _Normaliser, keep: _Filter, phrases: list[tuple[str, ...]], padding: bool):
        self.normal, self.keep, self.phrases, self.padding = normal, keep, phrases, padding
        self.form_index: dict[str, int] = {}  # normal form -> form id
        self.forms: list[str] = []  # form id -> normal form
        self.surface_form: dict[str, int] = {}  # surface type -> form id
        self.form_term = np.zeros(0, dtype=np.int32)  # form id -> term id, GAP, or -2 (not decided)
        self.phrase_forms: set[int] = set()  # merged phrases: never filtered
        self.term_index: dict[str, int] = {}
        self.terms: list[str] = []
        self.terms_of: _NamesAndLemmas | None = None  # names and lemmas (tokenize(names=, lemmatize=))
        self.name_forms: set[int] = set()  # form ids of names
        self.name_terms: set[int] = set()  # term ids of names
        self.written_index: dict[str, int] = {}  # word form as written (names and lemmas: what kwic shows) -> id
        self.written: list[str] = []
        for phrase in phrases:
            for word in phrase:
                self._form(word)

    def _form(self, form: str) -> int:
        found = self.form_index.get(form)
        if found is None:
            found = self.form_index[form] = len(self.forms)
            self.forms.append(form)
        return found

    def _form_ids(self, forms: list[str]) -> list[int]:
        """`_form` of each form, new ones numbered at once in order of first sight."""
        _number_new(self.form_index, self.forms, forms)
        return list(map(self.form_index.__getitem__, forms))

    def _terms_for(self, form_ids: np.ndarray) -> np.ndarray:
        """The term id (or GAP) of each form id, deciding new forms on first sight."""
        if len(self.form_term) < len(self.form_index):
            grown = np.full(len(self.form_index) * 2, -2, dtype=np.int32)
            grown[: len(self.form_term)] = self.form_term
            self.form_term = grown
        present = np.flatnonzero(np.bincount(form_ids))  # np.unique, without sorting every token
        undecided = present[self.form_term[present] == -2]
        if len(undecided):
            undecided_list = undecided.tolist()
            kept = self.keep.many([self.forms[k] for k in undecided_list])
            # a merged phrase (or a name) is never filtered; found with numpy, as they are few among the forms
            for j in np.flatnonzero(np.isin(undecided, list(self.phrase_forms))).tolist():
                kept[j] = self.forms[undecided_list[j]]
            _number_new(self.term_index, self.terms, [term for term in kept if term is not None])
            self.form_term[undecided] = [GAP if term is None else self.term_index[term] for term in kept]
            self.name_terms.update(self.form_term[undecided[np.isin(undecided, list(self.name_forms))]].tolist())
        return self.form_term[form_ids]

    def chunk(self, uniques: list[str], codes: np.ndarray, sent_lengths: np.ndarray, doc_sents: np.ndarray
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray | None]:
        """Final ids, non-empty sentence lengths, document lengths and (names or lemmas) written form ids
        of one chunk."""
        names_from = len(uniques)
        written = None
        if self.terms_of is not None:
            uniques, codes, sent_lengths, names_from, (written_types, written_codes) = self.terms_of(
                uniques, codes, sent_lengths)
            written = self._written_ids(written_types)[written_codes]
        surface_to_form = self._surface_forms(uniques, names_from)
        if self.padding and not self.phrases and self.terms_of is None:
            # Every position stays, so the sentences are as they came; and every type occurs in the chunk,
            # so each type's term is decided and looked up once, then gathered for the tokens.
            ids = self._terms_for(surface_to_form)[codes] if len(codes) else codes.astype(np.int32)
            lengths = np.asarray(sent_lengths, dtype=np.int64)
        else:
            forms = surface_to_form[codes] if len(codes) else codes.astype(np.int32)
            regrouped = self.phrases or not self.padding  # positions merge or go: the sentences change
            sent_index = np.repeat(np.arange(len(sent_lengths)), sent_lengths) if regrouped else None
            if self.phrases:
                forms, sent_index, written = self._merge_phrases(forms, sent_index, written)
            ids = self._terms_for(forms) if len(forms) else forms
            if not self.padding:
                kept = ids >= 0
                ids, sent_index = ids[kept], sent_index[kept]
                written = None if written is None else written[kept]
            lengths = (np.bincount(sent_index, minlength=len(sent_lengths)).astype(np.int64) if regrouped
                       else np.asarray(sent_lengths, dtype=np.int64))
        # tokens up to the end of each sentence, read at the end of each document
        upto = np.concatenate([[0], np.cumsum(lengths)])
        doc_lengths = np.diff(upto[np.concatenate([[0], np.cumsum(doc_sents)])]).astype(np.int64)
        return ids.astype(np.int32, copy=False), lengths[lengths > 0], doc_lengths, written

    def _surface_forms(self, uniques: list[str], names_from: int) -> np.ndarray:
        """The form id of each surface type of a chunk; the types from `names_from` on are names, never
        normalised."""
        out = np.empty(len(uniques), dtype=np.int32)
        # the types seen in an earlier chunk looked up at once, the new ones normalised at once
        surfaces = uniques[:names_from]
        new = [surface for surface in surfaces if surface not in self.surface_form]
        self.surface_form.update(zip(new, self._form_ids(self.normal.many(new)), strict=True))
        out[:names_from] = list(map(self.surface_form.__getitem__, surfaces))
        # a name as written, under a key no word has; the new ones numbered at once
        keys = ["\0" + name for name in uniques[names_from:]]
        new = [key for key in keys if key not in self.surface_form]
        new_forms = self._form_ids([key[1:] for key in new])
        self.surface_form.update(zip(new, new_forms, strict=True))
        self.phrase_forms.update(new_forms)
        self.name_forms.update(new_forms)
        out[names_from:] = list(map(self.surface_form.__getitem__, keys))
        return out

    def _written_ids(self, words: list[str]) -> np.ndarray:
        """The written-form id of each word, numbering new ones in order of first sight."""
        _number_new(self.written_index, self.written, words)
        return np.fromiter(map(self.written_index.__getitem__, words), dtype=np.int32, count=len(words))

    def _merge_phrases(self, forms: np.ndarray, sent_index: np.ndarray, written: np.ndarray | None = None
                       ) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
        """Replace each phrase occurrence by one token: longest phrases first,
        then left to right, never overlapping, never across a sentence (its
        written form: the written words joined by a space)."""
        alive = np.ones(len(forms), dtype=bool)
        forms = forms.copy()
        written = None if written is None else written.copy()
        for phrase in self.phrases:
            k = len(phrase)
            if len(forms) < k:
                continue
            n = len(forms) - k + 1
            hit = np.ones(n, dtype=bool)
            for offset, word in enumerate(phrase):
                hit &= forms[offset : offset + n] == self.form_index[word]
                hit &= alive[offset : offset + n]
                hit &= sent_index[offset : offset + n] == sent_index[:n]
            starts = np.flatnonzero(hit)
            if not len(starts):
                continue
            new_form = self._form("_".join(phrase))
            self.phrase_forms.add(new_form)
            last_end = -1
            for start in starts.tolist():
                if start <= last_end:
                    continue
                forms[start] = new_form
                if written is not None:
                    joined = " ".join(self.written[w] for w in written[start : start + k].tolist())
                    written[start] = self._written_ids([joined])[0]
                alive[start + 1 : start + k] = False
                last_end = start + k - 1
        return forms[alive], sent_index[alive], None if written is None else written[alive]

    def build(self, documents: Iterable[Document], *, language: str, n_jobs: int | None, progress: bool,
              settings: dict) -> Tokens:
        rows: list[dict] = []
        digest = hashlib.sha256()
        texts, n_jobs = _chunks_and_jobs(_chunks(documents, rows, digest), n_jobs)
        chunks = ((chunk, language) for chunk in texts)
        results: Iterable = map_in_order(_tokens.coded_sentences, chunks, n_jobs)
        if progress:
            from tqdm.auto import tqdm

            results = tqdm(results, desc="tokenising", unit="chunk")
        if self.terms_of is not None and self.terms_of.names:
            results = self._with_evidence(results)
        id_parts, sent_parts, doc_parts, written_parts = [], [], [], []
        for result in results:
            ids, sent_lengths, doc_lengths, written = self.chunk(*result)
            id_parts.append(ids)
            sent_parts.append(sent_lengths)
            doc_parts.append(doc_lengths)
            written_parts.append(written)
        if not rows:
            raise ValueError("cannot tokenize an empty corpus")
        ids = np.concatenate(id_parts) if id_parts else np.zeros(0, dtype=np.int32)
        del id_parts
        vocabulary, ids, name_terms = self._vocabulary(ids)
        forms, form_ids = self._written_forms(written_parts) if self.terms_of is not None else (None, None)
        sent_lengths = np.concatenate(sent_parts) if sent_parts else np.zeros(0, dtype=np.int64)
        doc_lengths = np.concatenate(doc_parts) if doc_parts else np.zeros(0, dtype=np.int64)
        frame = fields_frame(rows)
        return Tokens(vocabulary, ids,
                      np.concatenate([[0], np.cumsum(doc_lengths)]).astype(np.int64),
                      np.concatenate([[0], np.cumsum(sent_lengths)]).astype(np.int64),
                      frame, settings, digest.hexdigest(), forms=forms, form_ids=form_ids, name_terms=name_terms)

    def _vocabulary(self, ids: np.ndarray) -> tuple[tuple[str, ...], np.ndarray, tuple[str, ...]]:
        """The sorted vocabulary, the ids renumbered to it, and the names in it."""
        terms, names = self.terms, ()
        if self.name_terms and self.terms_of is not None:
            terms = self._merged_names(ids)
            names = tuple(sorted({terms[t] for t in self.name_terms}))
        vocabulary = sorted(set(terms))
        position = {term: i for i, term in enumerate(vocabulary)}
        renumber = np.empty(len(terms) + 1, dtype=np.int32)  # the extra last slot maps GAP (-1) to -1
        renumber[:-1] = [position[term] for term in terms]
        renumber[-1] = GAP
        return tuple(vocabulary), renumber[ids] if len(ids) else ids, names

    def _written_forms(self, parts: list[np.ndarray | None]) -> tuple[tuple[str, ...], np.ndarray]:
        """The written forms in use, sorted, and each position's written form id renumbered to them."""
        written = np.concatenate(parts).astype(np.int32) if parts else np.zeros(0, dtype=np.int32)
        used = np.flatnonzero(np.bincount(written, minlength=len(self.written))).tolist()
        order = sorted(used, key=self.written.__getitem__)
        renumber = np.full(len(self.written), GAP, dtype=np.int32)
        renumber[order] = np.arange(len(order), dtype=np.int32)
        return tuple(map(self.written.__getitem__, order)), renumber[written] if len(written) else written

    def _with_evidence(self, results: Iterable[tuple]) -> list[tuple]:
        """Every chunk's surface tokens, once the case evidence of all of them is known (names need the
        whole corpus's evidence; it is counted on the token streams, so the texts are read once)."""
        chunks = list(results)
        evidence = combine_evidence(stream_evidence(types, codes, sentence_starts(sent_lengths))
                                    for types, codes, sent_lengths, _ in chunks)
        self.terms_of = replace(self.terms_of, evidence=evidence)
        return chunks

    def _merged_names(self, ids: np.ndarray) -> list[str]:
        """Every term, names replaced by the name they merge into (Prigozjins -> Jevgeni Prigozjin)."""
        counts = np.bincount(ids[ids >= 0], minlength=len(self.terms))
        mentions = {self.terms[t]: int(counts[t]) for t in sorted(self.name_terms)}
        merged = canonical_names(mentions, variants=self.terms_of.variants or None)
        terms = list(self.terms)
        for t in self.name_terms:  # the few names, not a set test per term
            terms[t] = merged[terms[t]]
        return terms


@dataclass(frozen=True)
class _NamesAndLemmas:
    """Turns a chunk's surface tokens into lemmas and names, one token per name."""

    names: bool
    lemmatize: bool
    language: str
    variants: Mapping[str, str]
    evidence: CaseEvidence | None = None  # of the whole corpus, known once every chunk is tokenised

    def __call__(self, uniques: list[str], codes: np.ndarray, sent_lengths: np.ndarray
                 ) -> tuple[list[str], np.ndarray, np.ndarray, int, tuple[list[str], np.ndarray]]:
        """Types and stream of terms (lemmas, one token per name), sentence lengths, where the names start
        among the types (they come last), and the written types and stream beside them (a name as its words
        joined by a space)."""
        starts = sentence_starts(sent_lengths)
        types, stream = list(uniques), np.asarray(codes, dtype=np.int64)
        if self.lemmatize:
            types, stream = lemmatize_codes(uniques, stream, starts, language=self.language)
            stream = stream.astype(np.int64)
        if not self.names:
            return types, stream, sent_lengths, len(types), (uniques, codes)
        runs = name_runs(uniques, codes, starts, self.evidence)
        label_codes, labels = _run_labels(uniques, codes, runs)
        # names get types of their own, never a lemma's: a lemma spelled like a name elsewhere (a
        # capitalised word that is no name) stays a lemma, whichever chunk the two meet in
        names_from = len(types)
        types = [*types, *labels]
        stream[runs[:, 0]] = names_from + label_codes
        # the written types: each label after the surface types (a one-word label is one of them again, and
        # `_Builder._written_ids` gives both entries one id)
        written_types = [*uniques, *labels]
        written = np.asarray(codes, dtype=np.int64).copy()
        written[runs[:, 0]] = len(uniques) + label_codes
        inside = np.zeros(len(stream) + 1, dtype=np.int64)  # tokens of a name after its first
        np.add.at(inside, runs[:, 0] + 1, 1)
        np.add.at(inside, runs[:, 1], -1)
        keep = np.cumsum(inside[:-1]) == 0
        sentence = np.repeat(np.arange(len(sent_lengths)), sent_lengths)
        lengths = np.bincount(sentence[keep], minlength=len(sent_lengths)).astype(np.int64)
        return types, stream[keep], lengths, names_from, (written_types, written[keep])


def _run_labels(uniques: list[str], codes: np.ndarray, runs: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """Each name run as a code into its distinct labels (the run's words joined by a space)."""
    first, stop = runs[:, 0], runs[:, 1]
    labels = [uniques[c] for c in codes[first].tolist()]
    for i in np.flatnonzero(stop - first > 1).tolist():
        labels[i] = " ".join([uniques[c] for c in codes[first[i] : stop[i]].tolist()])
    label_codes, distinct = pd.factorize(pd.Series(labels, dtype=object), sort=False)
    return label_codes, distinct.tolist()


def _stemmer(language: str) -> Any:
    from nltk.stem.snowball import SnowballStemmer

    name = {"nl": "dutch", "en": "english"}[language]
    return SnowballStemmer(name)


# --------------------------------------------------------------------------
# find_phrases


@stamped
def find_phrases(
    tokens: Tokens,
    *,
    min_count: int = 5,
    measure: str = "npmi",
    top: int | None = None,
    keep_abbreviations: bool = False,
) -> pd.DataFrame:
    """Candidate two-word expressions: adjacent pairs scored by association.

    A candidate is two tokens next to each other in one sentence (gaps
    break adjacency). The 2x2 table for pair (a, b) counts, over all
    adjacent pairs in the corpus: O11 = pairs (a, b), R1 = pairs starting
    with a, C1 = pairs ending with b, N = all adjacent pairs.

    Parameters
    ----------
    tokens : Tokens
    min_count : int
        Keep pairs seen at least this often.
    measure : str
        Ranking score, a key of `analysis.measures.association_scores`
        (``"npmi"``, ``"pmi"``, ``"g2"``, ``"t_score"``, ``"log_dice"``, ...).
    top : int, optional
        Keep the best ``top``.
    keep_abbreviations : bool
        List pairs holding an initial, an abbreviation or a Roman numeral
        (``j. de``, ``enz. enz.``, ``artikel iii``;
        `analysis.tokens.is_abbreviation`) too. By default they are left out,
        as in `analysis.frequencies`; they still count in R1, C1 and N.

    Returns
    -------
    pandas.DataFrame
        ``phrase`` (words joined by a space, ready for ``tokenize(phrases=)``),
        ``first``, ``second``, ``count``, ``first_count``, ``second_count``
        and every association score; by ``measure`` descending, then phrase.

    Examples
    --------
    >>> from analysis.corpus import Document
    >>> docs = [Document(str(i), None, "De Wagner Group landde in Caracas.") for i in range(3)]
    >>> find_phrases(tokenize(docs, stopwords="nl"), min_count=3)["phrase"].tolist()
    ['group landde', 'wagner group']
    >>> find_phrases(tokenize(docs, stopwords="nl", padding=False), min_count=3)["phrase"].tolist()
    ['group landde', 'landde caracas', 'wagner group']
    """
    from analysis.measures import association_scores

    check_count("min_count", min_count)
    ids, sents = tokens.ids, tokens.sentence_index
    if len(ids) < 2:
        return _empty_phrases(measure)
    left, right = ids[:-1].astype(np.int64), ids[1:].astype(np.int64)
    ok = (left >= 0) & (right >= 0) & (sents[:-1] == sents[1:])
    left, right = left[ok], right[ok]
    n_pairs = len(left)
    if not n_pairs:
        return _empty_phrases(measure)
    size = len(tokens.vocabulary)
    keys, counts = np.unique(left * size + right, return_counts=True)
    first_counts = np.bincount(left, minlength=size)
    second_counts = np.bincount(right, minlength=size)
    keep = counts >= min_count
    keys, counts = keys[keep], counts[keep]
    a, b = keys // size, keys % size
    if not keep_abbreviations:  # listed no more, still counted in R1, C1 and N
        listed = ~(_tokens.abbreviation_mask(tokens.terms[a], names=tokens.name_terms)
                    | _tokens.abbreviation_mask(tokens.terms[b], names=tokens.name_terms))
        counts, a, b = counts[listed], a[listed], b[listed]
    scores = association_scores(counts.astype(float), first_counts[a].astype(float),
                                second_counts[b].astype(float), float(n_pairs))
    if measure not in scores:
        raise ValueError(f"measure must be one of {sorted(scores)}, got {measure!r}")
    frame = pd.DataFrame({
        "phrase": [f"{x} {y}" for x, y in zip(tokens.terms[a], tokens.terms[b], strict=True)],
        "first": tokens.terms[a], "second": tokens.terms[b], "count": counts,
        "first_count": first_counts[a], "second_count": second_counts[b], **scores,
    })
    frame = frame.sort_values([measure, "phrase"], ascending=[False, True], kind="mergesort")
    if top is not None:
        frame = frame.head(top)
    frame = frame.reset_index(drop=True)
    frame.attrs["measure"] = measure
    return frame


def _empty_phrases(measure: str) -> pd.DataFrame:
    frame = pd.DataFrame(columns=["phrase", "first", "second", "count", "first_count", "second_count", measure])
    frame.attrs["measure"] = measure
    return frame
