"""RSS and Atom feeds with feedparser: one article per entry.

An entry's identity (`source_item`) is its guid/id, else its link, else a hash of its title and
content: never its position, so the next run of an updated feed (new entries on top, others
reordered) finds each known entry unchanged.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

import feedparser

from tasks.readers import Problem, Record, Records, ReaderError, html_record, looks_like_html

_FEED_START = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*|<\?[^>]*>\s*|<!DOCTYPE[^>]*>\s*)*"
                         rb"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE | re.DOTALL)
_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


def looks_like_feed(data: bytes) -> bool:
    """An RSS or Atom document: its first element is <rss>, <feed> or <rdf:RDF>."""
    return bool(_FEED_START.match(data[:4096]))


def read_feed(data: bytes) -> Records:
    """The entries of a feed as records; a feed that cannot be read, or has none, is one problem."""
    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    out = Records()
    if not parsed.entries:
        if parsed.bozo:
            exc = parsed.get("bozo_exception")
            out.add(Problem("bad_feed", f"not a well-formed RSS or Atom feed ({exc or 'unreadable XML'})"))
        elif not parsed.version:
            out.add(Problem("bad_feed", "the XML is not an RSS or Atom feed (no <rss>, <feed> or <rdf:RDF> root)"))
        else:
            out.add(Problem("empty_feed", f"the feed{_named(parsed)} has no entries"))
        return out
    feed_title = (parsed.feed.get("title") or "").strip() or None
    encoding = parsed.get("encoding") or "utf-8"
    for entry in parsed.entries:
        out.add(_entry(entry, feed_title, encoding))
    return out


def _named(parsed) -> str:
    title = (parsed.feed.get("title") or "").strip()
    return f" \"{title}\"" if title else ""


def entry_identity(entry) -> str:
    """guid/id, else link, else a hash of title and content."""
    for key in ("id", "link"):
        value = (entry.get(key) or "").strip()
        if value:
            return value
    body = "\n".join([entry.get("title") or "", _content(entry)[0]])
    return "sha256:" + hashlib.sha256(body.encode("utf-8")).hexdigest()[:32]


def _content(entry) -> tuple[str, str]:
    """The entry's full content when present, else its summary: (value, MIME type)."""
    for item in entry.get("content") or []:
        if (item.get("value") or "").strip():
            return item["value"], item.get("type") or "text/plain"
    detail = entry.get("summary_detail") or {}
    return entry.get("summary") or "", detail.get("type") or "text/html"


def entry_date(entry) -> date | None:
    """The publication (else update) date as the feed writes it, without shifting its zone."""
    for key in ("published", "updated"):
        value = (entry.get(key) or "").strip()
        if not value:
            continue
        m = _ISO_DAY.match(value)
        try:
            if m:
                return date(int(m[1]), int(m[2]), int(m[3]))
            return parsedate_to_datetime(value).date()
        except (TypeError, ValueError, IndexError):
            parsed = entry.get(f"{key}_parsed")
            if parsed:
                return datetime(*parsed[:3]).date()
    return None


def _entry(entry, feed_title: str | None, encoding: str) -> Record | Problem:
    identity = entry_identity(entry)
    value, mime = _content(entry)
    published = entry_date(entry)
    known = {"source_item": identity, "url": (entry.get("link") or "").strip() or None,
             "title": (entry.get("title") or "").strip() or None,
             "author": (entry.get("author") or "").strip() or None, "source": feed_title,
             "published": published, "published_precision": "day" if published else None,
             "published_source": "feed" if published else None}
    if not value.strip():
        return Problem("no_article_text", f"entry {identity} has neither content nor a summary",
                       source_item=identity)
    if "html" in mime or looks_like_html(value) or re.search(r"<(p|br|div|a|b|i|em|strong)\b", value):
        try:
            return html_record(value, encoding, len(value.encode("utf-8")), fragment=True, **known)
        except ReaderError as exc:
            return Problem(exc.reason, f"entry {identity}: {exc.detail}", source_item=identity)
    return Record(value, encoding, **known)
