"""WARC web archives with warcio, streamed record by record: memory holds one record's payload
(at most the size limit of one article), whatever the size of the archive.

Each `response` record with an HTML payload becomes an article (its target URI is `url`, its
WARC-Date `captured_at`); every other record is skipped with a reason. A record that cannot be
read is quarantined with its offset, and the others are kept; an archive cut short keeps the
records before the damage and quarantines the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator

from tasks.readers import Problem, Record, ReaderError, SkippedRecord, html_record
from tasks.readers.kinds import SKIP_REASONS

HTML_TYPES = ("text/html", "application/xhtml+xml")
# (bytes, content type) -> (text, encoding); raises ReaderError. Given by tasks/ingest.py.
Decode = Callable[[bytes, str | None], tuple[str, str]]


def iter_warc(stream: BinaryIO, max_bytes: int, decode: Decode) -> Iterator[Record | Problem | SkippedRecord]:
    """Records, problems and skipped records of an archive, in order, one at a time."""
    counted = _Counting(stream)
    iterator = _QuietIterator(counted)
    seen, offset, end = 0, 0, 0
    try:
        for record in iterator:
            if record.format != "warc" or not record.rec_type:  # warcio reads any text as a legacy ARC record
                raise ValueError("no WARC record starts here")
            seen += 1
            entry, offset = _one(record, iterator, max_bytes, decode)
            yield entry
            if isinstance(entry, Problem) and entry.reason == "truncated":
                return
            end = offset + iterator.get_record_length()
        # warcio stops without a word when the archive ends inside a record's headers
        if counted.count > end + _SLACK:
            yield Problem("truncated", f"the archive ends inside a record that starts after offset {end} (where "
                                       "the last whole record ends); the records before it are kept",
                          source_item=f"offset:{end}")
    except Exception as exc:  # warcio cannot go on: the archive is damaged from here on
        at = getattr(iterator, "offset", offset)
        damaged = isinstance(exc, EOFError) or "end of file" in str(exc).lower() or "truncat" in str(exc).lower()
        yield Problem("truncated" if damaged else "bad_warc_record",
                      f"the archive cannot be read from offset {at} on ({_why(exc)}); "
                      f"the {seen} record{'s' if seen != 1 else ''} before it are kept",
                      source_item=f"offset:{at}")


class _QuietIterator(ArchiveIterator):
    """warcio's iterator without its stderr warning on a damaged record (the quarantine row says it)."""

    INC_RECORD = ""


# Bytes that may follow the last record without being one (newlines).
_SLACK = 4


class _Counting:
    """A stream that counts the bytes read from it (offsets are counted in the same bytes as warcio's)."""

    def __init__(self, stream: BinaryIO):
        self._stream, self.count = stream, 0

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        self.count += len(data)
        return data

    def readline(self, size: int = -1) -> bytes:
        data = self._stream.readline(size)
        self.count += len(data)
        return data


def _one(record, iterator: ArchiveIterator, max_bytes: int,
         decode: Decode) -> tuple[Record | Problem | SkippedRecord, int]:
    """The record's outcome and its offset (asked only once its payload is read: warcio's
    get_record_offset reads the record to its end)."""
    payload, error = None, None
    if record.rec_type == "response" and _is_html(record):
        try:
            payload = record.content_stream().read(max_bytes + 1)
        except Exception as exc:
            error = exc
    cut_short = getattr(record.raw_stream, "limit", 0) > 0 and payload is not None and len(payload) <= max_bytes
    offset = iterator.get_record_offset()
    return _outcome(record, offset, payload, error, cut_short, max_bytes, decode), offset


def _content_type(record) -> str:
    return (record.http_headers.get_header("Content-Type") if record.http_headers else None) or ""


def _is_html(record) -> bool:
    return _content_type(record).split(";")[0].strip().lower() in HTML_TYPES


def _outcome(record, offset: int, payload: bytes | None, error: Exception | None, cut_short: bool, max_bytes: int,
             decode: Decode) -> Record | Problem | SkippedRecord:
    headers = record.rec_headers
    identity = headers.get_header("WARC-Record-ID") or f"offset:{offset}"
    uri = headers.get_header("WARC-Target-URI")
    kind = record.rec_type
    if kind != "response":
        reason = f"warc_{kind}" if f"warc_{kind}" in SKIP_REASONS else "warc_other"
        return SkippedRecord(reason, f"a {kind} record at offset {offset}{_for(uri)}, not a page", identity)
    content_type = _content_type(record)
    if not _is_html(record):
        return SkippedRecord("not_html", f"a response of type {content_type.split(';')[0].strip() or 'unknown'} at "
                                         f"offset {offset}{_for(uri)}, not an HTML page", identity)
    if error is not None:
        return Problem("bad_warc_record", f"the record at offset {offset}{_for(uri)} cannot be read "
                                          f"({type(error).__name__}: {error})", source_item=identity)
    if len(payload) > max_bytes:
        return Problem("too_large", f"the page at offset {offset}{_for(uri)} is more than the "
                                    f"{max_bytes / 1e6:.0f} MB limit for one article", source_item=identity)
    if cut_short:  # fewer bytes than its Content-Length: the archive ends here
        return Problem("truncated", f"the archive ends inside the record at offset {offset}{_for(uri)}; "
                                    "the records before it are kept", source_item=f"offset:{offset}")
    try:
        text, encoding = decode(payload, content_type)
        return html_record(text, encoding, len(payload), url=uri, captured_at=_warc_date(headers),
                           source_item=identity)
    except ReaderError as exc:
        reason = exc.reason if exc.reason in ("no_article_text", "empty") else "bad_warc_record"
        return Problem(reason, f"the record at offset {offset}{_for(uri)}: {exc.detail}", source_item=identity)


def _why(exc: Exception) -> str:
    return str(exc) if type(exc) is ValueError else f"{type(exc).__name__}: {exc}"


def _for(uri: str | None) -> str:
    return f" ({uri})" if uri else ""


def _warc_date(headers) -> datetime | None:
    value = headers.get_header("WARC-Date")
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
