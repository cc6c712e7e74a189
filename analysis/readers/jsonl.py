"""JSON Lines (``.jsonl``, ``.ndjson``): one JSON object per line, one
document per object; the columns are resolved from the first record."""

from __future__ import annotations

import json

from analysis.documents import CorpusError
from analysis.readers.base import FileJob, Reader, ReadOptions, ReadResult
from analysis.readers.columns import Columns, record_to_document, resolve_columns
from analysis.readers.decoding import iter_lines

__all__ = ["JSONL", "parse_json_record", "read_jsonl"]


def parse_json_record(line: str, path: str, line_no: int | None) -> dict | CorpusError:
    """One JSON Lines line as a dict, or the error naming file and line.

    Every way a line can fail is that line's error: invalid JSON, nesting
    too deep for the parser, an integer too long to convert, and strings
    that cannot be written as UTF-8 (a lone surrogate such as ``"\\ud800"``,
    which would fail later in every step that writes or encodes the text).

    Examples
    --------
    >>> parse_json_record('{"text": "x"}', "a.jsonl", 1)
    {'text': 'x'}
    >>> parse_json_record('{"text": "\\\\ud800"}', "a.jsonl", 2).reason
    "text that cannot be encoded as UTF-8 (a lone surrogate) in field 'text'"
    """
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        return CorpusError(f"invalid JSON ({error.msg} at column {error.colno})",
                           path=path, line=line_no, value=line.strip()[:60])
    except RecursionError:
        return CorpusError("invalid JSON (nested too deeply to read)", path=path, line=line_no,
                           value=line.strip()[:60])
    except ValueError as error:  # an integer of more than 4,300 digits, ...
        return CorpusError(f"invalid JSON ({error})", path=path, line=line_no, value=line.strip()[:60])
    if not isinstance(record, dict):
        return CorpusError("a JSON Lines record must be an object", path=path,
                           line=line_no, value=line.strip()[:60])
    bad = _unencodable(record)
    if bad is not None:
        field, value = bad
        return CorpusError(f"text that cannot be encoded as UTF-8 (a lone surrogate) in field {field!r}",
                           path=path, line=line_no, value=value[:60])
    return record


def _unencodable(value: object, field: str = "") -> tuple[str, str] | None:
    """The first (field, string) in a parsed record that is not valid Unicode text."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return field, value
        return None
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        if isinstance(key, str) and _unencodable(key) is not None:
            return field or key, key
        found = _unencodable(item, field or str(key))
        if found is not None:
            return found
    return None


def read_jsonl(job: FileJob, options: ReadOptions) -> ReadResult:
    """Every non-blank line of a JSON Lines file as a document."""
    cols: Columns | None = None
    number = 0
    # lines split at "\n" only: str.splitlines would also break at U+2028 inside a record
    for line_no, line in enumerate(iter_lines(job.path, options.encoding), start=1):
        if not line.strip():
            continue
        number += 1
        record = parse_json_record(line, str(job.path), line_no)
        if isinstance(record, CorpusError):
            yield record
            continue
        if cols is None:
            cols = resolve_columns(list(record), options, job.path, line=line_no)
        yield record_to_document(record, cols, options, job, line_no, number)
    if number == 0:
        raise CorpusError("JSON Lines file has no records", path=job.path)


JSONL = Reader("jsonl", (".jsonl", ".ndjson"), read_jsonl,
               description="JSON Lines: one object per line, one document per object")
