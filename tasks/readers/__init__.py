"""Readers for web inputs: HTML pages, RSS/Atom feeds, WARC archives and compressed files.

They hand back neutral records (`Record`, `Problem`, `SkippedRecord`); tasks/ingest.py turns them
into its items, quarantine entries and skipped rows, so the accounting stays in one place. The
kinds and reasons are data, in tasks/readers/kinds.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from tasks.readers.errors import ReaderError
from tasks.readers.html import EXTRACTOR, EXTRACTOR_VERSION, Extracted, extract_html, looks_like_html


@dataclass
class Record:
    """One article-to-be from a web input: its (extracted) text and what is known about it."""

    text: str
    encoding: str
    source_line: int | None = None
    # Identity inside a feed or archive: the entry's guid/id (else link), the WARC-Record-ID.
    source_item: str | None = None
    url: str | None = None
    title: str | None = None
    author: str | None = None
    source: str | None = None
    published: date | None = None
    published_precision: str | None = None
    published_source: str | None = None
    captured_at: datetime | None = None
    extractor: str | None = None
    extractor_version: str | None = None
    raw_bytes: int | None = None
    extracted_bytes: int | None = None


@dataclass
class Problem:
    """One item set aside (quarantined); content_sha256 None means 'fingerprint the problem'."""

    reason: str
    detail: str
    source_line: int | None = None
    source_item: str | None = None
    content_sha256: str | None = None


@dataclass
class SkippedRecord:
    """A record of an archive not read on purpose (a request, a non-HTML response, ...)."""

    reason: str
    detail: str
    source_item: str


@dataclass
class Records:
    records: list[Record] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    skipped: list[SkippedRecord] = field(default_factory=list)

    def add(self, entry: Record | Problem | SkippedRecord) -> None:
        {Record: self.records, Problem: self.problems, SkippedRecord: self.skipped}[type(entry)].append(entry)


def html_record(html: str, encoding: str, raw_size: int, *, fragment: bool = False, **known) -> Record:
    """The article of one HTML page (or feed entry's HTML content, fragment=True); `known` metadata
    (from a feed entry, a WARC header, a .jsonl record) wins over what the page says, a known url
    included. Raises ReaderError when the HTML holds no article text."""
    page: Extracted = extract_html(html, known.get("url"), fragment=fragment)
    meta = {"url": page.url, "title": page.title, "author": page.author, "source": page.sitename,
            "published": page.published, "published_precision": "day" if page.published else None,
            "published_source": "html" if page.published else None}
    meta.update({k: v for k, v in known.items() if v is not None})
    return Record(page.text, encoding, extractor=EXTRACTOR, extractor_version=EXTRACTOR_VERSION,
                  raw_bytes=raw_size, extracted_bytes=len(page.text.encode("utf-8")), **meta)


__all__ = ["Record", "Problem", "SkippedRecord", "Records", "ReaderError", "html_record", "looks_like_html",
           "extract_html", "EXTRACTOR", "EXTRACTOR_VERSION"]
