"""HTML pages: the article's text and metadata with trafilatura (dates by htmldate, through
trafilatura), so menus, scripts, footers and cookie banners never reach the cleaner.

The extracted text, not the markup, is the item: its hash is the article's identity, so the same
article saved as .txt and as .html is one article and a duplicate.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date

import htmldate  # noqa: F401  (trafilatura's date extraction; imported so a missing install fails early)
import trafilatura

from tasks.readers.errors import ReaderError

# A page trafilatura cannot parse is reported as the item's quarantine reason, not as log noise.
for _name in ("trafilatura", "htmldate", "courlan"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)

EXTRACTOR = "trafilatura"
EXTRACTOR_VERSION = trafilatura.__version__
# htmldate without its "extensive" search: dates from the page's metadata, structured data, URL and
# time elements only, never a date merely mentioned in the body (the cleaner's rule as well).
_DATE_PARAMS = {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d"}
_HTML_START = re.compile(r"\A\ufeff?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)[\s>]",
                         re.IGNORECASE | re.DOTALL)
_HTML_TAGS = re.compile(r"<(?:p|div|br|a|span|script|nav|article|h[1-6]|li|img|meta|link|table)\b[^>]*>",
                        re.IGNORECASE)
# Extracted text that has no line of this many words is a menu or a banner, not an article.
_MIN_SENTENCE_WORDS = 5
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """Clearly a web page: it opens with a doctype, <html>, <head> or <body>, or holds both <body
    and </body> with markup around them. A text that merely mentions a tag is not HTML."""
    head = text[:4096]
    if _HTML_START.match(head):
        return True
    lower = text.lower()
    return "<body" in lower and "</body>" in lower and len(_HTML_TAGS.findall(text[:20000])) >= 3


def declared_charset(data: bytes, content_type: str | None = None) -> str | None:
    """The charset the HTTP header or the page's <meta> declares, when Python knows it."""
    candidates = []
    if content_type:
        m = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", content_type, re.IGNORECASE)
        if m:
            candidates.append(m[1])
    m = _META_CHARSET.search(data[:4096])
    if m:
        candidates.append(m[1].decode("ascii", "replace"))
    for name in candidates:
        try:
            "".encode(name)
            return name.lower()
        except LookupError:
            continue
    return None


@dataclass
class Extracted:
    text: str  # paragraphs separated by blank lines
    title: str | None
    author: str | None
    url: str | None
    published: date | None
    sitename: str | None


def extract_html(html: str, url: str | None = None, fragment: bool = False) -> Extracted:
    """Main text and metadata of a page (or, with fragment=True, of a feed entry's HTML content).

    Raises ReaderError("no_article_text") when nothing that reads as an article is left.
    """
    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=not fragment, fast=True,
                                          include_comments=False, include_tables=True,
                                          date_extraction_params=_DATE_PARAMS)
    except Exception as exc:  # trafilatura parses anything; a failure is the page's, not the run's
        raise ReaderError("no_article_text", f"the HTML could not be parsed ({type(exc).__name__}: {exc})")
    text = (doc.text if doc is not None else "") or ""
    if not text.strip() and fragment:
        text = _fragment_text(html)
    lines = [line.strip() for line in text.split("\n")]
    text = "\n\n".join(line for line in lines if line)
    if not any(len(line.split()) >= _MIN_SENTENCE_WORDS for line in text.split("\n")):
        # without a fallback, trafilatura hands back a page's menu when it finds no article
        raise ReaderError("no_article_text", "no article text found in the HTML (only menus, scripts or "
                                             "boilerplate, or an empty page)")
    meta = doc if doc is not None and not fragment else None
    published = None
    if meta is not None and meta.date:
        try:
            published = date.fromisoformat(meta.date[:10])
        except ValueError:
            published = None
    return Extracted(text, _clean(meta.title) if meta else None, _clean(meta.author) if meta else None,
                     _clean(meta.url) if meta else None, published, _clean(meta.sitename) if meta else None)


def _fragment_text(html: str) -> str:
    """Text of a short HTML fragment that trafilatura finds too short to be an article."""
    import lxml.html

    try:
        tree = lxml.html.fragment_fromstring(html, create_parent="div")
    except Exception:
        return ""
    for bad in tree.xpath("//script|//style"):
        bad.drop_tree()
    for block in tree.xpath("//p|//br|//div|//li|//h1|//h2|//h3|//h4|//h5|//h6"):
        block.tail = "\n" + (block.tail or "")
    return tree.text_content()


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None

