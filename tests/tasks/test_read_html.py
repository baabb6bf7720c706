"""HTML pages (.html/.htm, and .txt or .jsonl text that is clearly HTML): trafilatura's article text and metadata."""

from __future__ import annotations

import json
from datetime import date

from tasks.clean import clean_articles
from tasks.ingest import discover_inputs, read_input
from tasks.readers import looks_like_html
from tasks.readers.html import EXTRACTOR_VERSION
from tests.web_fixtures import EMPTY_PAGE, PARAGRAPHS, page

TEXT = "Vestvik harbour reopens after storm\n\n" + "\n\n".join(PARAGRAPHS)


def _read(tmp_path, name: str, content: str | bytes):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    [file], _ = discover_inputs([tmp_path / name])
    return read_input(file)


def test_an_html_page_becomes_its_article_text_and_metadata(tmp_path):
    html = page()
    result = _read(tmp_path, "vestvik.html", html)
    assert (result.quarantined, result.skipped) == ([], [])
    [item] = result.items
    assert item.text_raw == TEXT
    for furniture in ("SCRIPT-SHOULD-NOT-SURVIVE", "NAV-HOME", "FOOTER-COPYRIGHT", "<p>"):
        assert furniture not in item.text_raw
    assert (item.title, item.url, item.author, item.source) == (
        "Vestvik harbour reopens after storm", "https://coastdaily.example/2025/01/15/vestvik", "Mara Lind",
        "Coast Daily")
    assert (item.published, item.published_precision, item.published_source) == (date(2025, 1, 15), "day", "html")
    assert (item.extractor, item.extractor_version, item.encoding) == ("trafilatura", EXTRACTOR_VERSION, "utf-8")
    assert item.raw_bytes == len(html.encode("utf-8"))
    assert item.extracted_bytes == len(TEXT.encode("utf-8"))
    assert item.source_item is None and item.source_line is None


def test_htm_and_a_declared_legacy_charset(tmp_path):
    html = page(paragraphs=["Fiskerne i Vestvik fikk større kvoter på torsdag, sa ministeren i en pressemelding."],
                charset="iso-8859-1")
    [item] = _read(tmp_path, "side.htm", html.encode("latin-1")).items
    assert item.encoding == "iso-8859-1"
    assert "større kvoter på torsdag" in item.text_raw


def test_a_txt_holding_a_web_page_is_extracted_like_the_html(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    from_txt = _read(tmp_path / "a", "saved-page.txt", page()).items[0]
    from_html = _read(tmp_path / "b", "vestvik.html", page()).items[0]
    assert from_txt.text_raw == TEXT and from_txt.extractor == "trafilatura"
    assert from_txt.content_sha256 == from_html.content_sha256  # one article: the second copy is a duplicate


def test_text_that_mentions_a_tag_is_not_html(tmp_path):
    text = "The <p> tag starts a paragraph, the editor wrote in her guide to the new website.\n"
    [item] = _read(tmp_path, "guide.txt", text).items
    assert item.text_raw == text.strip() and item.extractor is None
    assert not looks_like_html(text)
    assert looks_like_html("  <!doctype html><html><body><p>x</p></body></html>")
    assert looks_like_html("<html lang='de'><p>x</p></html>")
    assert looks_like_html("Saved from the web\n<div><body><p>a</p><p>b</p><a href=x>c</a></body></div>")


def test_a_jsonl_record_holding_html_keeps_its_own_fields(tmp_path):
    record = {"text": page(), "title": "Record title", "published": "2025-01-20", "source": "Wire"}
    other = {"text": page(published=None, title="Undated page", url="https://coastdaily.example/vestvik")}
    result = _read(tmp_path, "feed.jsonl", json.dumps(record) + "\n" + json.dumps(other) + "\n")
    first, second = result.items
    assert (first.source_line, first.title, first.source, first.published, first.published_source) == (
        1, "Record title", "Wire", date(2025, 1, 20), "record")
    assert first.url == "https://coastdaily.example/2025/01/15/vestvik"  # the page's, as the record has none
    assert "NAV-HOME" not in first.text_raw and first.extractor == "trafilatura"
    assert (second.source_line, second.title, second.published, second.published_source) == (
        2, "Undated page", None, None)


def test_a_page_with_no_article_text_is_quarantined(tmp_path):
    result = _read(tmp_path, "menu-only.html", EMPTY_PAGE)
    assert result.items == []
    [bad] = result.quarantined
    assert (bad.reason, bad.detail) == ("no_article_text", "no article text found in the HTML (only menus, scripts "
                                                           "or boilerplate, or an empty page)")


def test_the_html_date_survives_the_cleaner_and_the_title_is_not_repeated(tmp_path):
    [item] = _read(tmp_path, "vestvik.html", page()).items
    [article], removed = clean_articles([{**vars(item), "article_id": item.article_id}])
    assert (article["published"], article["published_source"]) == (date(2025, 1, 15), "html")
    assert article["title"] == "Vestvik harbour reopens after storm"
    assert article["text_clean"] == "\n\n".join(PARAGRAPHS)
    assert [r["reason"] for r in removed] == ["title"]
