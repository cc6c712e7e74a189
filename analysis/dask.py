"""The same tokenise and count steps over Dask partitions: `analysis.dask`.

An optional extra (``pip install -e .[dask]``). Give a `dask.bag.Bag` of
documents (`analysis.Document` objects or dicts with ``text``, ``date``,
``id``, ... fields) or a `dask.dataframe.DataFrame` with such columns; each
partition is tokenised with `analysis.tokenize` and counted on a worker,
and the partial counts are summed in a tree of tasks into the result types
of the single-machine functions:

* `frequencies` -> the DataFrame of `analysis.frequency.frequencies`;
* `cooccurrence` -> an `analysis.collocation.Cooccurrence`;
* `collocates` -> the DataFrame of `analysis.collocation.collocates`;
* `tokenize` -> one `analysis.Tokens` (the partitions joined with
  `Tokens.concat`).

The results equal the single-machine results on the same documents in the
same order: same rows, same order, same numbers. That is exact, not an
approximation, because partitions split *between* documents and nothing is
counted across a document boundary (n-grams, windows, sentences), so the
counts of the whole are the sums of the counts of the parts; vocabulary
pruning (``min_count``, ``max_vocabulary``) and every ratio and score are
computed once, after the sums, from the global counts.

Which scheduler runs the tasks is Dask's business: the default local one,
or a ``distributed.Client`` made before the call (a `LocalCluster` or a
real cluster)::

    from distributed import Client
    client = Client("tcp://scheduler:8786")
    docs = analysis.dask.read_documents("archive/*.jsonl")
    table = analysis.dask.frequencies(docs, by="month")

To tokenise once and count many times, keep the tokens on the cluster with
`tokenize_partitions` (``.persist()``) and give that to the counting
functions instead of the documents.
"""

from __future__ import annotations

import dataclasses
import functools
import glob
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse

from analysis.checks import check_choice, check_count, check_window, ngram_orders
from analysis.collocation import (
    COLLOCATE_COLUMNS,
    CONTEXTS,
    COUNTS,
    Cooccurrence,
    check_measure,
    collocates_table,
    empty_collocates,
    window_label,
)
from analysis.corpus import CorpusError, Document, DocumentStream
from analysis.counting import (
    context_counts,
    context_marginals,
    frequency_table,
    node_counts,
    prune_vocabulary,
    window_counts,
)
from analysis.frequency import frequencies as single_frequencies
from analysis.periods import CALENDAR, period_range
from analysis.provenance import stamped
from analysis.query import listed_terms, match_term
from analysis.readers import (
    FORMATS,
    FileJob,
    FilePlan,
    ReadOptions,
    parse_json_record,
    plan_files,
    record_to_document,
    resolve_columns,
)
from analysis.tokenized import Tokens
from analysis.tokenized import tokenize as _tokenize
from analysis.tokens import abbreviation_mask

__all__ = [
    "TokenPartitions",
    "collocates",
    "cooccurrence",
    "frequencies",
    "read_documents",
    "read_jsonl",
    "read_parquet",
    "to_documents",
    "tokenize",
    "tokenize_partitions",
]

_SPLIT_EVERY = 8  # partial results merged per reduction task


def _dask() -> Any:
    """The top-level ``dask`` package (this module is ``analysis.dask``; imports are absolute)."""
    try:
        import dask
        import dask.bag  # noqa: F401
    except ImportError as error:  # pragma: no cover - the extra is installed in the tests
        raise ImportError("analysis.dask needs the dask extra: pip install -e .[dask]") from error
    return dask


# --------------------------------------------------------------------------
# reading


def read_documents(
    paths: str | Path | Sequence[str | Path],
    *,
    format: str = "auto",
    text: str | None = None,
    date: str | None = None,
    id: str | None = None,
    title: str | None = None,
    source: str | None = None,
    encoding: str | None = None,
    require_date: bool | None = None,
    on_error: str = "raise",
    collection: str | None = None,
) -> Any:
    """Documents read on the workers, one partition per file.

    The files are those `analysis.load_corpus` would read for ``paths``
    (glob patterns are expanded first), and each is read by the same code,
    so ids, dates, collections, metadata and the errors for bad records
    (file and line) are exactly those of `analysis.load_corpus`.

    Parameters
    ----------
    paths : path, glob pattern, or list of them
        Files or folders.
    format, text, date, id, title, source, encoding, require_date, collection
        As in `analysis.load_corpus`.
    on_error : {"raise", "skip"}
        ``"skip"`` leaves bad records out; the warning that counts them is
        raised on the worker that read the file (duplicate ids are not
        checked).

    Returns
    -------
    dask.bag.Bag
        Of `analysis.Document`, one partition per file, in sorted file
        order.

    Examples
    --------
    >>> from analysis.config import corpus_dir
    >>> docs = read_documents(corpus_dir() / "news")
    >>> [doc.id for doc in docs.compute()]
    ['2019-01-wagner-caracas.txt']
    """
    dask = _dask()
    check_choice("format", format, FORMATS)
    check_choice("on_error", on_error, ("raise", "skip"))
    jobs = plan_files(_expand_globs(paths), format=format).jobs
    columns = {"text": text, "date": date, "id": id, "title": title, "source": source}
    options = ReadOptions(columns, encoding, require_date, collection)
    read = dask.delayed(_read_job, pure=True)
    return dask.bag.from_delayed([read(job, options, on_error) for job in jobs])


def _expand_globs(paths: str | Path | Sequence[str | Path]) -> list[str | Path]:
    given = [paths] if isinstance(paths, (str, Path)) else list(paths)
    out: list[str | Path] = []
    for item in given:
        if not Path(item).exists() and glob.has_magic(str(item)):
            matches = sorted(glob.glob(str(item), recursive=True))
            if not matches:
                raise FileNotFoundError(f"no file matches {str(item)!r}")
            out.extend(matches)
        else:
            out.append(item)
    return out


def _read_job(job: FileJob, options: ReadOptions, on_error: str) -> list[Document]:
    """One planned file's documents, as `analysis.iter_documents` reads them."""
    return list(DocumentStream(functools.partial(FilePlan, (job,)), options, on_error=on_error))


def read_jsonl(paths: str | Path | Sequence[str | Path], *, blocksize: int | str | None = None) -> Any:
    """JSON Lines records (dicts) read with `dask.bag.read_text`.

    Parameters
    ----------
    paths : path, glob pattern or list
        ``.jsonl`` files (compressed ones too, by suffix, as Dask reads them).
    blocksize : int or str, optional
        Split files into blocks of about this many bytes (``"64MiB"``), at
        line ends; None gives one partition per file.

    Returns
    -------
    dask.bag.Bag
        Of dicts, blank lines left out. A line that is not a JSON object
        raises `analysis.CorpusError` naming the file and the line's start
        when the partition is computed. Records without an id column get
        ``part<k>#<n>`` ids (use `read_documents` for the ``file#line`` ids
        of `analysis.load_corpus`).

    Examples
    --------
    >>> import json, tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.jsonl").write_text(json.dumps({"id": "x", "text": "hoi"}) + "\\n")
    >>> read_jsonl(folder / "a.jsonl").compute()
    [{'id': 'x', 'text': 'hoi'}]
    """
    dask = _dask()
    given = [paths] if isinstance(paths, (str, Path)) else list(paths)
    lines = dask.bag.read_text([str(p) for p in given], blocksize=blocksize, include_path=True)
    return lines.map_partitions(_parse_lines)


def _parse_lines(items: Iterable[tuple[str, str]]) -> list[dict]:
    out = []
    for line, path in items:
        if not line.strip():
            continue
        record = parse_json_record(line, path, None)
        if isinstance(record, CorpusError):
            raise record
        out.append(record)
    return out


def read_parquet(paths: str | Path | Sequence[str | Path], **options: Any) -> Any:
    """A `dask.dataframe.DataFrame` of Parquet files (`dask.dataframe.read_parquet`).

    Give it to the counting functions as it is; its ``text``, ``date``,
    ``id``, ... columns are found like `analysis.load_corpus` finds them.
    """
    _dask()
    import dask.dataframe

    given = paths if isinstance(paths, (str, Path)) else [str(p) for p in paths]
    return dask.dataframe.read_parquet(str(given) if isinstance(given, Path) else given, **options)


def to_documents(
    collection: Any,
    *,
    text: str | None = None,
    date: str | None = None,
    id: str | None = None,
    title: str | None = None,
    source: str | None = None,
    require_date: bool | None = None,
    collection_name: str | None = None,
) -> Any:
    """A bag of `analysis.Document` from a bag of records or Documents, or a dataframe.

    Records (dicts, or dataframe rows) become Documents by the rules of
    `analysis.load_corpus` for tables: the columns are named or guessed
    (``text``/``body``/``content``, ``date``/``published``, ``id``/
    ``doc_id``, ...), other fields go into the metadata. A record without an
    id column gets the id ``part<k>#<n>`` (partition ``k``, record ``n``).

    Raises
    ------
    analysis.CorpusError
        When a partition is computed and a record is bad (no text, an
        impossible date), naming the partition, the record and the value.

    Examples
    --------
    >>> import dask.bag
    >>> bag = dask.bag.from_sequence([{"id": "a", "date": "2019-01", "text": "De kat."}])
    >>> to_documents(bag).compute()
    [Document(id='a', date='2019-01', text='De kat.')]
    """
    dask = _dask()
    columns = {"text": text, "date": date, "id": id, "title": title, "source": source}
    parts = _partitions(collection)
    convert = dask.delayed(_to_documents, pure=True)
    return dask.bag.from_delayed([convert(part, k, columns, require_date, collection_name)
                                  for k, part in enumerate(parts)])


def _partitions(collection: Any) -> list[Any]:
    """The partitions of a bag or dataframe as Delayed objects."""
    if isinstance(collection, TokenPartitions):
        return list(collection.parts)
    to_delayed = getattr(collection, "to_delayed", None)
    if to_delayed is None:
        raise TypeError("expected a dask.bag.Bag of documents or records, a dask.dataframe.DataFrame "
                        f"or TokenPartitions, got {type(collection).__name__}")
    return list(to_delayed())


def _to_documents(part: Any, index: int, columns: Mapping[str, str | None], require_date: bool | None,
                  collection: str | None) -> list[Document]:
    records = part.to_dict("records") if isinstance(part, pd.DataFrame) else part
    options = ReadOptions(dict(columns), None, require_date, collection)
    name = f"part{index}"
    job = FileJob(Path(name), name, "jsonl")
    out: list[Document] = []
    cols = None
    for number, record in enumerate(records, start=1):
        if isinstance(record, Document):
            out.append(record)
            continue
        if not isinstance(record, Mapping):
            raise TypeError(f"partition {index} holds a {type(record).__name__}, not a Document or a dict")
        if cols is None:
            cols = resolve_columns(list(record), options, job.path, line=number)
        doc = record_to_document(record, cols, options, job, number, number)
        if isinstance(doc, CorpusError):
            raise doc
        if doc.path == name:
            doc = dataclasses.replace(doc, path=None, line=None)
        out.append(doc)
    return out


# --------------------------------------------------------------------------
# tokenising


@dataclass(frozen=True)
class TokenPartitions:
    """One `analysis.Tokens` per partition, as Dask tasks (or results held on the cluster).

    Made by `tokenize_partitions`; give it to `frequencies`, `cooccurrence`
    and `collocates` in place of the documents to tokenise only once.

    Attributes
    ----------
    parts : tuple of dask.delayed.Delayed
        Each gives the Tokens of one partition (None for an empty one).
    settings : dict
        The `analysis.tokenize` settings of every part.
    """

    parts: tuple[Any, ...]
    settings: dict[str, Any] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.parts)

    def __repr__(self) -> str:
        return f"<TokenPartitions: {len(self.parts)} partitions>"

    def persist(self) -> TokenPartitions:
        """Compute the parts and keep them (on the cluster's workers with a distributed Client)."""
        return TokenPartitions(tuple(_dask().persist(*self.parts)), self.settings)

    def compute(self) -> Tokens:
        """All partitions as one Tokens (`Tokens.concat`, documents in partition order)."""
        parts = [p for p in _dask().compute(*self.parts) if p is not None]
        if not parts:
            raise ValueError("cannot tokenize an empty corpus")
        return parts[0] if len(parts) == 1 else Tokens.concat(parts)


def tokenize_partitions(collection: Any, **options: Any) -> TokenPartitions:
    """Tokenise every partition on the workers, lazily.

    Parameters
    ----------
    collection : dask.bag.Bag or dask.dataframe.DataFrame
        Documents, records, or a dataframe (see `to_documents`).
    **options
        Options of `analysis.tokenize` (``stopwords``, ``stem``,
        ``phrases``, ...); ``n_jobs``, ``cache`` and ``progress`` are not
        taken (the workers are the parallelism).

    Returns
    -------
    TokenPartitions

    Examples
    --------
    >>> import dask.bag
    >>> from analysis import Document
    >>> bag = dask.bag.from_sequence([Document("a", None, "de kat"), Document("b", None, "de hond")],
    ...                              npartitions=2)
    >>> parts = tokenize_partitions(bag, stopwords=None)
    >>> len(parts), parts.compute().vocabulary
    (2, ('de', 'hond', 'kat'))
    """
    if isinstance(collection, TokenPartitions):
        if options and _settings(options) != collection.settings:
            raise ValueError("these TokenPartitions were tokenised with other settings")
        return collection
    for name in ("n_jobs", "cache", "progress"):
        if name in options:
            raise TypeError(f"tokenize_partitions does not take {name}=; the workers are the parallelism")
    settings = _settings(options)
    dask = _dask()
    step = dask.delayed(_tokenize_part, pure=True)
    parts = tuple(step(part, k, options) for k, part in enumerate(_partitions(collection)))
    return TokenPartitions(parts, settings)


def _settings(options: Mapping[str, Any]) -> dict[str, Any]:
    """The settings `analysis.tokenize` records for these options (checks them early)."""
    return dict(_tokenize([Document("x", None, "x")], **options).settings)


def _tokenize_part(part: Any, index: int, options: Mapping[str, Any]) -> Tokens | None:
    if isinstance(part, Tokens) or part is None:
        return part
    docs = _to_documents(part, index, {}, None, None)
    if not docs:
        return None
    return _tokenize(docs, **options)


def tokenize(collection: Any, **options: Any) -> Tokens:
    """Tokenise on the workers and join the parts into one `analysis.Tokens`.

    Equal to `analysis.tokenize` over the same documents in the same order
    (vocabulary, ids, offsets, document table, settings), except for the
    fingerprint, which is taken over the parts' fingerprints.

    Examples
    --------
    >>> import dask.bag
    >>> from analysis import Document
    >>> bag = dask.bag.from_sequence([Document("a", None, "de kat"), Document("b", None, "de hond")],
    ...                              npartitions=2)
    >>> list(tokenize(bag, stopwords=None))
    [['de', 'kat'], ['de', 'hond']]
    """
    return tokenize_partitions(collection, **options).compute()


# --------------------------------------------------------------------------
# the reduction


def _tree(parts: list[Any], step: Callable[..., Any], merge: Callable[[Any, Any], Any], *args: Any) -> Any:
    """``step(part, *args)`` on every part, then a tree of ``merge``, as one Delayed."""
    dask = _dask()
    mapped = [dask.delayed(step, pure=True)(part, *args) for part in parts]
    if not mapped:
        raise ValueError("the collection has no partitions")
    combine = dask.delayed(functools.partial(_merge_all, merge), pure=True)
    while len(mapped) > 1:
        mapped = [combine(mapped[i : i + _SPLIT_EVERY]) for i in range(0, len(mapped), _SPLIT_EVERY)]
    return mapped[0]


def _merge_all(merge: Callable[[Any, Any], Any], items: list[Any]) -> Any:
    items = [item for item in items if item is not None]
    return functools.reduce(merge, items) if items else None


def _union(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[tuple[str, ...], np.ndarray, np.ndarray]:
    """The sorted union of two sorted vocabularies and where each one's terms land in it."""
    if a == b:
        same = np.arange(len(a), dtype=np.int64)
        return a, same, same
    union = tuple(sorted(set(a).union(b)))
    position = {term: i for i, term in enumerate(union)}
    return (union, np.array([position[t] for t in a], dtype=np.int64),
            np.array([position[t] for t in b], dtype=np.int64))


def _compute(delayed: Any) -> Any:
    return _dask().compute(delayed)[0]


# --------------------------------------------------------------------------
# frequencies


@dataclass
class _FreqPart:
    frame: pd.DataFrame  # group, n, term, count, doc_count (no duplicates)
    sizes: pd.DataFrame  # group, n, size
    group_docs: dict[str, int]
    total_tokens: int
    total_ngrams: dict[int, int]


@stamped
def frequencies(
    collection: Any,
    *,
    by: str | None = None,
    ngram: int | tuple[int, int] = 1,
    min_count: int = 1,
    top: int | None = None,
    **tokenize_options: Any,
) -> pd.DataFrame:
    """`analysis.frequency.frequencies` over Dask partitions.

    Every partition is tokenised and counted on a worker (every term, every
    group, no pruning); the counts, document counts and group sizes are
    summed; then ``min_count``, ``per_10k``, ``doc_share``, ``rank``, the
    order and ``top`` are computed once, from the sums, exactly as the
    single-machine function computes them.

    Parameters
    ----------
    collection : dask.bag.Bag, dask.dataframe.DataFrame or TokenPartitions
    by, ngram, min_count, top
        As in `analysis.frequency.frequencies`.
    **tokenize_options
        Options of `analysis.tokenize` (ignored for TokenPartitions).

    Returns
    -------
    pandas.DataFrame
        The table `analysis.frequency.frequencies` gives on the same
        documents, with the same ``attrs``.

    Examples
    --------
    >>> import dask.bag
    >>> from analysis import Document, parse_date
    >>> docs = [Document("a", parse_date("2019-01"), "De kat zit."),
    ...         Document("b", parse_date("2019-02"), "De hond zit.")]
    >>> table = frequencies(dask.bag.from_sequence(docs, npartitions=2), stopwords=None)
    >>> table[["term", "count", "doc_count", "rank"]]
       term  count  doc_count  rank
    0    de      2          2     1
    1   zit      2          2     1
    2  hond      1          1     3
    3   kat      1          1     3
    """
    orders = ngram_orders(ngram)
    check_count("min_count", min_count)
    check_count("top", top, optional=True)
    if by is not None and not isinstance(by, str):
        raise ValueError(f"by must be a calendar period or a documents column name, got {by!r}")
    parts = tokenize_partitions(collection, **tokenize_options)
    total = _compute(_tree(list(parts.parts), _freq_part, _freq_merge, by, ngram))
    if total is None or total.total_tokens == 0:
        raise ValueError("the collection has no tokens to count")
    return _freq_finish(total, by=by, ngram=ngram, orders=orders, min_count=min_count, top=top)


def _freq_part(tokens: Tokens | None, by: str | None, ngram: Any) -> _FreqPart | None:
    if tokens is None:
        return None
    labels = tokens.labels(by) if by is not None else np.full(len(tokens), "(all)", dtype=object)
    names, counts = np.unique(labels.astype(str), return_counts=True)
    group_docs = dict(zip(names.tolist(), counts.tolist(), strict=True))
    if tokens.n_tokens == 0:
        empty = pd.DataFrame({"group": pd.Series(dtype=object), "n": pd.Series(dtype=np.int64),
                              "term": pd.Series(dtype=object), "count": pd.Series(dtype=np.int64),
                              "doc_count": pd.Series(dtype=np.int64)})
        sizes = pd.DataFrame({"group": pd.Series(dtype=object), "n": pd.Series(dtype=np.int64),
                              "size": pd.Series(dtype=np.int64)})
        orders = [ngram] if isinstance(ngram, int) else list(range(ngram[0], ngram[1] + 1))
        return _FreqPart(empty, sizes, group_docs, 0, dict.fromkeys(orders, 0))
    table = single_frequencies(tokens, by=by, ngram=ngram)
    group = table[by] if by is not None else pd.Series("(all)", index=table.index, dtype=object)
    n = table["n"] if "n" in table.columns else pd.Series(table.attrs["ngram"] if isinstance(
        table.attrs["ngram"], int) else 1, index=table.index, dtype=np.int64)
    frame = pd.DataFrame({"group": group.to_numpy(dtype=object), "n": n.to_numpy(dtype=np.int64),
                          "term": table["term"].to_numpy(dtype=object),
                          "count": table["count"].to_numpy(dtype=np.int64),
                          "doc_count": table["doc_count"].to_numpy(dtype=np.int64)})
    totals = {int(k): int(v) for k, v in table.attrs["total_ngrams"].items()}
    if by is not None:
        sizes = (pd.DataFrame({"group": frame["group"], "n": frame["n"],
                               "size": table["group_tokens"].to_numpy(dtype=np.int64)})
                 .drop_duplicates(["group", "n"]).reset_index(drop=True))
    else:
        sizes = pd.DataFrame({"group": ["(all)"] * len(totals), "n": list(totals),
                              "size": list(totals.values())}).astype({"n": np.int64, "size": np.int64})
    return _FreqPart(frame, sizes, group_docs, int(table.attrs["total_tokens"]), totals)


def _freq_merge(a: _FreqPart, b: _FreqPart) -> _FreqPart:
    frame = (pd.concat([a.frame, b.frame], ignore_index=True)
             .groupby(["group", "n", "term"], sort=False, as_index=False)[["count", "doc_count"]].sum())
    sizes = (pd.concat([a.sizes, b.sizes], ignore_index=True)
             .groupby(["group", "n"], sort=False, as_index=False)["size"].sum())
    docs = dict(a.group_docs)
    for key, value in b.group_docs.items():
        docs[key] = docs.get(key, 0) + value
    totals = {n: a.total_ngrams.get(n, 0) + b.total_ngrams.get(n, 0)
              for n in sorted(set(a.total_ngrams) | set(b.total_ngrams))}
    return _FreqPart(frame, sizes, docs, a.total_tokens + b.total_tokens, totals)


def _freq_finish(total: _FreqPart, *, by: str | None, ngram: Any, orders: list[int], min_count: int,
                 top: int | None) -> pd.DataFrame:
    if by is None:
        groups = ["(all)"]
    elif by in CALENDAR:
        groups = period_range(list(total.group_docs), by)
    else:
        groups = sorted(total.group_docs)
    frame = total.frame[total.frame["count"] >= min_count]
    frame = frame.merge(total.sizes, on=["group", "n"], how="left", validate="many_to_one")
    terms = frame["term"].to_numpy(dtype=object)
    term_key = np.empty(len(terms), dtype=np.int64)
    term_key[np.argsort(terms, kind="stable")] = np.arange(len(terms))
    return frequency_table(
        groups=groups, group_docs=np.array([total.group_docs.get(g, 0) for g in groups], dtype=np.int64),
        row=pd.Index(groups).get_indexer(frame["group"]).astype(np.int64), term_key=term_key, terms=terms,
        n=frame["n"].to_numpy(dtype=np.int64), count=frame["count"].to_numpy(dtype=np.int64),
        doc_count=frame["doc_count"].to_numpy(dtype=np.int64), size=frame["size"].to_numpy(dtype=np.int64),
        by=by, ngram=ngram, orders=orders, top=top, total_tokens=total.total_tokens,
        total_ngrams={n: total.total_ngrams.get(n, 0) for n in orders})


# --------------------------------------------------------------------------
# cooccurrence


@dataclass
class _CoPart:
    vocabulary: tuple[str, ...]
    matrix: scipy.sparse.csr_matrix | None  # unused: the matrices are summed over the kept terms
    counts: np.ndarray  # int64, over vocabulary
    n_tokens: int


def cooccurrence(
    collection: Any,
    *,
    context: str = "window",
    window: int | tuple[int, int] = 5,
    count: str = "frequency",
    min_count: int = 1,
    vocabulary: Iterable[str] | None = None,
    sentence_bounded: bool = False,
    max_vocabulary: int | None = None,
    **tokenize_options: Any,
) -> Any:
    """`analysis.collocation.cooccurrence` over Dask partitions.

    Each partition's matrix is counted on a worker over its own vocabulary
    (every term, no pruning); the matrices are aligned to the union of the
    vocabularies and summed, with the term frequencies. Pruning
    (``min_count``, ``max_vocabulary``, ``vocabulary``) then keeps the rows
    and columns of the kept terms: a pruned term is a position that is never
    paired, so the pairs among kept terms are the same either way, and the
    result equals the single-machine one (weighted counts up to the order of
    floating-point sums).

    Parameters
    ----------
    collection : dask.bag.Bag, dask.dataframe.DataFrame or TokenPartitions
    context, window, count, min_count, vocabulary, sentence_bounded, max_vocabulary
        As in `analysis.collocation.cooccurrence`.
    **tokenize_options
        Options of `analysis.tokenize`.

    Returns
    -------
    analysis.collocation.Cooccurrence

    Examples
    --------
    >>> import dask.bag
    >>> from analysis import Document
    >>> bag = dask.bag.from_sequence([Document("a", None, "de kat zag de hond"),
    ...                               Document("b", None, "de hond")], npartitions=2)
    >>> co = cooccurrence(bag, window=2, stopwords=None)
    >>> co.count("de", "hond"), co.n
    (2, 16)
    """
    check_choice("context", context, CONTEXTS)
    check_choice("count", count, COUNTS)
    left, right = check_window(window)
    check_count("min_count", min_count, minimum=1)
    check_count("max_vocabulary", max_vocabulary, minimum=1, optional=True)
    if context != "window":
        if count == "weighted":
            raise ValueError(f"count='weighted' needs context='window', got context={context!r}")
        if sentence_bounded and context == "document":
            raise ValueError("sentence_bounded=True contradicts context='document'")
    if vocabulary is not None and isinstance(vocabulary, str):
        raise TypeError(f"vocabulary must be a list of terms, got the str {vocabulary!r}")
    vocabulary = None if vocabulary is None else list(vocabulary)
    parts = tokenize_partitions(collection, **tokenize_options)
    # First the term counts (cheap), to prune with global counts; then each
    # partition counts only the kept terms, laid out in the same order, so
    # the matrices add as they are.
    total = _compute(_tree(list(parts.parts), _count_part, _count_merge))
    if total is None or total.n_tokens == 0:
        raise ValueError("cannot count co-occurrences in an empty corpus")
    keep, pruned = prune_vocabulary(total.counts, total.vocabulary, min_count=min_count,
                                    max_vocabulary=max_vocabulary,
                                    listed=listed_terms(vocabulary, parts.settings))
    kept = np.flatnonzero(keep)
    if len(kept) < 2:
        terms = [total.vocabulary[i] for i in kept.tolist()]
        raise ValueError(f"co-occurrence needs at least 2 terms, got vocabulary {terms!r} "
                         f"(min_count={min_count!r}, max_vocabulary={max_vocabulary!r})")
    kept_terms = tuple(total.vocabulary[i] for i in kept.tolist())
    options = {"context": context, "window": (left, right), "count": count,
               "sentence_bounded": sentence_bounded}
    matrix = _compute(_tree(list(parts.parts), _co_part, _co_sum, options, kept_terms))
    matrix = matrix.tocsr()
    matrix.sort_indices()
    settings = {"context": context, "window": (left, right), "count": count,
                "sentence_bounded": bool(sentence_bounded), "min_count": min_count,
                "max_vocabulary": max_vocabulary, "vocabulary": vocabulary is not None}
    return Cooccurrence(matrix, kept_terms, total.counts[kept].astype(np.int64), int(total.n_tokens),
                        settings, pruned)


def _count_part(tokens: Tokens | None) -> _CoPart | None:
    if tokens is None or tokens.n_tokens == 0:
        return None
    counts = tokens.counts().astype(np.int64)
    present = np.flatnonzero(counts > 0)
    return _CoPart(tuple(tokens.vocabulary[i] for i in present.tolist()), None, counts[present],
                   tokens.n_tokens)


def _count_merge(a: _CoPart, b: _CoPart) -> _CoPart:
    union, where_a, where_b = _union(a.vocabulary, b.vocabulary)
    counts = np.zeros(len(union), dtype=np.int64)
    counts[where_a] += a.counts
    counts[where_b] += b.counts
    return _CoPart(union, None, counts, a.n_tokens + b.n_tokens)


def _co_part(tokens: Tokens | None, options: Mapping[str, Any], kept: tuple[str, ...]
             ) -> scipy.sparse.csr_matrix | None:
    """The partition's matrix over the kept terms (global order); other terms are positions never paired."""
    if tokens is None or tokens.n_tokens == 0:
        return None
    position = {term: i for i, term in enumerate(kept)}
    remap = np.array([position.get(term, -1) for term in tokens.vocabulary] + [-1], dtype=np.int64)
    ids = remap[tokens.ids]  # gaps (-1) pick the last slot
    size = len(kept)
    left, right = options["window"]
    if options["context"] == "window":
        return window_counts(ids, tokens, size, left, right, options["count"], options["sentence_bounded"])
    return context_counts(ids, tokens, size, options["context"], options["count"])


def _co_sum(a: scipy.sparse.csr_matrix, b: scipy.sparse.csr_matrix) -> scipy.sparse.csr_matrix:
    return (a + b).tocsr()


# --------------------------------------------------------------------------
# collocates


@dataclass
class _NodePart:
    vocabulary: tuple[str, ...]
    o11: np.ndarray  # int64: context words around the node
    c1: np.ndarray  # float64: pairs with the term as context word
    counts: np.ndarray  # int64: term frequencies
    r1: int
    n: int
    node_count: int
    terms: list[str]
    merged: list[str]
    n_docs: int
    n_tokens: int


@stamped
def collocates(
    collection: Any,
    node: str,
    *,
    window: int | tuple[int, int] = 5,
    measure: str = "log_dice",
    min_count: int | float = 1,
    by: str | None = None,
    top: int | None = None,
    sentence_bounded: bool = False,
    keep_abbreviations: bool = False,
    **tokenize_options: Any,
) -> pd.DataFrame:
    """`analysis.collocation.collocates` over Dask partitions.

    On each partition a worker gathers the node's windows (``o11`` per
    term, the node's context slots ``R1``) and every position's context
    slots (``C1`` per term, ``N``), as the single-machine function does;
    these are summed over the partitions (per group with ``by``) and
    scored once with `analysis.measures`.

    Parameters
    ----------
    collection : dask.bag.Bag, dask.dataframe.DataFrame or TokenPartitions
    node, window, measure, min_count, by, top, sentence_bounded
        As in `analysis.collocation.collocates`.
    **tokenize_options
        Options of `analysis.tokenize`.

    Returns
    -------
    pandas.DataFrame
        The table `analysis.collocation.collocates` gives on the same
        documents.

    Examples
    --------
    >>> import dask.bag
    >>> from analysis import Document
    >>> bag = dask.bag.from_sequence([Document("a", None, "de kat zag de hond"),
    ...                               Document("b", None, "de hond zag de kat")], npartitions=2)
    >>> collocates(bag, "hond", window=1, stopwords=None)[["term", "o11", "node_count"]]
      term  o11  node_count
    0   de    2           2
    1  zag    1           2
    """
    left, right = check_window(window)
    measure = check_measure(measure)
    if not isinstance(min_count, (int, float, np.integer, np.floating)) or min_count < 0:
        raise ValueError(f"min_count must be a number >= 0, got {min_count!r}")
    check_count("top", top, minimum=0, optional=True)
    if not isinstance(node, str) or not node.strip():
        raise ValueError(f"node must be a non-empty str, got {node!r}")
    parts = tokenize_partitions(collection, **tokenize_options)
    options = {"node": node, "left": left, "right": right, "sentence_bounded": sentence_bounded, "by": by}
    total: dict[str, _NodePart] | None = _compute(_tree(list(parts.parts), _node_part, _node_merge, options))
    if not total:
        raise ValueError("cannot count collocates in an empty corpus")
    attrs = {"node": node, "measure": measure, "window": window_label(left, right)}
    if by is None:
        frame = _node_frame(total["(all)"], node, measure, min_count, top, keep_abbreviations)
        frame.attrs.update(attrs)
        return frame
    frames = []
    for group in sorted(total):
        part = total[group]
        if part.node_count == 0:
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            frame = _node_frame(part, node, measure, min_count, top, keep_abbreviations)
        if len(frame):
            frames.append(frame.assign(**{by: group}))
    if not frames:
        everything = functools.reduce(_node_part_merge, total.values())
        frame = empty_collocates(f"node {node!r} does not occur in {_tokens_repr(everything)}")
        frame.insert(0, by, pd.Series(dtype=object))
    else:
        frame = pd.concat(frames, ignore_index=True)
        frame = frame[[by, *COLLOCATE_COLUMNS]]
    frame.attrs.update(attrs, by=by)
    return frame


def _tokens_repr(part: _NodePart) -> str:
    return f"<Tokens: {part.n_docs:,} documents, {part.n_tokens:,} tokens, {len(part.vocabulary):,} types>"


def _node_frame(part: _NodePart, node: str, measure: str, min_count: Any, top: int | None,
                keep_abbreviations: bool = False) -> pd.DataFrame:
    if part.node_count == 0:
        return empty_collocates(f"node {node!r} does not occur in {_tokens_repr(part)}")
    terms = np.array(part.vocabulary, dtype=object)
    listed = (part.o11 >= min_count) & (part.o11 > 0)
    if not keep_abbreviations:
        listed &= ~abbreviation_mask(terms)
    cols = np.flatnonzero(listed)
    counts = part.o11[cols]
    frame = collocates_table(node, terms[cols], counts, counts.astype(np.float64),
                             np.full(len(cols), float(part.r1)), part.c1[cols], float(part.n),
                             np.ones(len(cols), dtype=bool), part.node_count, part.counts[cols], measure, top)
    frame.attrs["terms"] = sorted(set(part.terms)) + sorted(set(part.merged))
    if not len(frame):
        frame.attrs["message"] = f"node {node!r} has no collocate with o11 >= {min_count!r}"
    return frame


def _node_part(tokens: Tokens | None, options: Mapping[str, Any]) -> dict[str, _NodePart] | None:
    if tokens is None:
        return None
    by = options["by"]
    if by is None:
        return {"(all)": _partition_node_counts(tokens, options)}
    labels = tokens.labels(by)
    return {group: _partition_node_counts(tokens.select(labels == group), options)
            for group in sorted(set(labels.tolist()))}


def _partition_node_counts(tokens: Tokens, options: Mapping[str, Any]) -> _NodePart:
    left, right = options["left"], options["right"]
    bound = tokens.sentence_index if options["sentence_bounded"] else tokens.doc_index
    size = len(tokens.vocabulary)
    found = match_term(tokens, options["node"])
    if len(found):
        o11, r1 = node_counts(tokens, found.starts, found.ends, left, right, bound)
    else:
        o11, r1 = np.zeros(size, dtype=np.int64), 0
    c1, n_pairs = context_marginals(tokens, left, right, bound)
    merged_name = "_".join(options["node"].split())
    merged = [t for t in found.terms if t == merged_name and len(options["node"].split()) > 1]
    plain = [t for t in found.terms if t not in merged]
    return _NodePart(tuple(tokens.vocabulary), o11.astype(np.int64), c1, tokens.counts().astype(np.int64),
                     int(r1), n_pairs, len(found.starts), plain, merged, len(tokens), tokens.n_tokens)


def _node_merge(a: dict[str, _NodePart], b: dict[str, _NodePart]) -> dict[str, _NodePart]:
    out = dict(a)
    for group, part in b.items():
        out[group] = _node_part_merge(out[group], part) if group in out else part
    return out


def _node_part_merge(a: _NodePart, b: _NodePart) -> _NodePart:
    union, where_a, where_b = _union(a.vocabulary, b.vocabulary)

    def add(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        out = np.zeros(len(union), dtype=x.dtype)
        out[where_a] += x
        out[where_b] += y
        return out

    return _NodePart(union, add(a.o11, b.o11), add(a.c1, b.c1), add(a.counts, b.counts), a.r1 + b.r1,
                     a.n + b.n, a.node_count + b.node_count, sorted(set(a.terms) | set(b.terms)),
                     sorted(set(a.merged) | set(b.merged)), a.n_docs + b.n_docs, a.n_tokens + b.n_tokens)
