"""Bytes to normalised text: UTF-8 (a BOM dropped), cp1252 as a named
fallback, Unicode NFC, ``\\n`` line ends. Binary files are refused."""

from __future__ import annotations

import codecs
import unicodedata
import warnings
from collections.abc import Iterator
from pathlib import Path

from analysis.documents import CorpusError

__all__ = ["check_encoding", "head_text", "iter_lines", "normalise", "read_text", "text_lines"]

_BINARY = "binary file (NUL bytes; UTF-16 text must be saved as UTF-8)"
HEAD_BYTES = 64 * 1024


def normalise(text: str) -> str:
    """Unicode NFC with ``\\n`` line ends.

    Examples
    --------
    >>> normalise("cafe\\u0301\\r\\n")
    'café\\n'
    """
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def check_encoding(encoding: str | None, path: str | Path | None = None) -> None:
    """Refuse an encoding name Python does not know (naming the file when given)."""
    if encoding is None:
        return
    try:
        codecs.lookup(encoding)
    except LookupError:
        if path is None:
            raise ValueError(f"unknown encoding {encoding!r}") from None
        raise CorpusError("unknown encoding", path=path, value=encoding) from None


def _open(path: Path):
    try:
        return Path(path).open("rb")
    except OSError as error:
        raise CorpusError(f"cannot read the file ({error.strerror or error})", path=path) from None


def head_text(path: Path) -> str:
    """The first 64 KiB of a file decoded leniently, for recognising its format
    (an unreadable file gives ``""``: its reader reports it)."""
    try:
        with Path(path).open("rb") as handle:
            raw = handle.read(HEAD_BYTES)
    except OSError:
        return ""
    return normalise(raw.decode("utf-8", errors="replace").lstrip("\ufeff"))


def read_text(path: Path, encoding: str | None = None) -> str:
    """Read a whole file as normalised text (NFC, ``\\n`` line ends, no BOM).

    UTF-8 with or without BOM, line by line: a line that is not valid UTF-8
    is read as cp1252 (the others stay UTF-8), with one warning naming the
    file and those lines, unless ``encoding`` was given. Binary and
    unreadable files raise `CorpusError`.
    """
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        raise CorpusError(f"cannot read the file ({error.strerror or error})", path=path) from None
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise CorpusError(_BINARY, path=path, line=_line_of(raw, nul))
    if encoding is not None:
        try:
            return normalise(raw.decode(encoding).lstrip("\ufeff"))
        except UnicodeDecodeError as error:
            raise _decode_error(path, raw, error, encoding) from None
    try:
        return normalise(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        pass
    decode = _LineDecoder(path, None)
    lines = raw.splitlines(keepends=True)
    if lines and lines[0].startswith(codecs.BOM_UTF8):
        lines[0] = lines[0][len(codecs.BOM_UTF8):]
    text = "".join(decode(line, number) for number, line in enumerate(lines, start=1))
    decode.warn(stacklevel=3)
    return normalise(text)


def _decode_error(path: Path, raw: bytes, error: UnicodeDecodeError, encoding: str) -> CorpusError:
    return CorpusError(f"not valid {encoding} (byte {error.start})", path=path,
                       line=_line_of(raw, error.start), value=raw[error.start:error.end])


def _line_of(raw: bytes, offset: int) -> int:
    return raw.count(b"\n", 0, offset) + 1


def iter_lines(path: Path, encoding: str | None) -> Iterator[str]:
    """The file's lines (each with its line end), decoded and normalised one at
    a time: a file of any size is streamed, never read whole.

    UTF-8 (a BOM is dropped) unless ``encoding`` is given; a line that is not
    valid UTF-8 is read as cp1252 and the lines around it stay UTF-8, with one
    warning at the end naming the file and those lines. A read that fails
    half way (an I/O error) is a `CorpusError` naming the line.
    """
    handle = _open(path)
    try:
        check_encoding(encoding, path)
    except CorpusError:
        handle.close()
        raise
    decode = _LineDecoder(path, encoding)
    number = 0
    with handle:
        while True:
            try:
                raw = handle.readline()
            except OSError as error:
                raise CorpusError(f"cannot read the file ({error.strerror or error})", path=path,
                                  line=number + 1) from None
            if not raw:
                break
            number += 1
            if b"\x00" in raw:
                raise CorpusError(_BINARY, path=path, line=number)
            if number == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8):]
            yield normalise(decode(raw, number))
    decode.warn(stacklevel=3)


_LINES_NAMED = 10  # a warning names this many cp1252 lines, then counts the rest


class _LineDecoder:
    """Decodes line after line: the given encoding, or UTF-8 with cp1252 for
    each line that is not UTF-8 (remembered, for one warning)."""

    def __init__(self, path: Path, encoding: str | None):
        self.path = path
        self.encoding = encoding
        self.cp1252_lines: list[int] = []

    def __call__(self, raw: bytes, number: int) -> str:
        try:
            return raw.decode(self.encoding or "utf-8")
        except UnicodeDecodeError as error:
            if self.encoding:
                raise CorpusError(f"not valid {self.encoding} (byte {error.start})", path=self.path,
                                  line=number, value=raw[error.start:error.end]) from None
            first = error
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            raise CorpusError(f"not valid UTF-8 nor cp1252 (byte {first.start})",
                              path=self.path, line=number,
                              value=raw[first.start:first.end]) from None
        self.cp1252_lines.append(number)
        return text

    def warn(self, stacklevel: int) -> None:
        """One warning naming the lines read as cp1252, if any."""
        lines = self.cp1252_lines
        if not lines:
            return
        named = ", ".join(map(str, lines[:_LINES_NAMED]))
        more = f" and {len(lines) - _LINES_NAMED:,} more" if len(lines) > _LINES_NAMED else ""
        label = "line" if len(lines) == 1 else "lines"
        warnings.warn(f"{self.path}: not valid UTF-8 on {label} {named}{more}; read as cp1252 "
                      f"(the other lines as UTF-8)", stacklevel=stacklevel + 1)


def text_lines(path: Path, encoding: str | None) -> Iterator[str]:
    """The normalised lines of a text file without line ends, streamed
    (``read_text(path).split("\\n")`` without reading the file whole)."""
    for text in iter_lines(path, encoding):
        parts = text.split("\n")
        if text.endswith("\n"):
            parts.pop()
        yield from parts
