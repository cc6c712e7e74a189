"""Parquet tables (``.parquet``, ``.pq``), read in batches of rows; the
"line" of a record is its 1-based row."""

from __future__ import annotations

from analysis.documents import CorpusError
from analysis.readers.base import FileJob, Reader, ReadOptions, ReadResult
from analysis.readers.columns import record_to_document, resolve_columns

__all__ = ["PARQUET", "read_parquet"]


def read_parquet(job: FileJob, options: ReadOptions) -> ReadResult:
    """Every row of a Parquet file as a document."""
    import pyarrow.parquet as pq

    try:
        table_file = pq.ParquetFile(job.path)
    except Exception as error:  # pyarrow raises its own error types
        raise CorpusError(f"not a readable Parquet file ({type(error).__name__}: {error})",
                          path=job.path) from None
    cols = resolve_columns(table_file.schema_arrow.names, options, job.path, line=None)
    if table_file.metadata.num_rows == 0:
        raise CorpusError("Parquet file has no rows", path=job.path)
    row = 0
    for batch in table_file.iter_batches(batch_size=4096):
        for record in batch.to_pylist():
            row += 1
            yield record_to_document(record, cols, options, job, row, row)


PARQUET = Reader("parquet", (".parquet", ".pq"), read_parquet,
                 description="Parquet table, one document per row")
