"""WARC archives: streamed record by record; HTML responses become articles, the rest is skipped with a
reason, a bad record is quarantined alone, a truncated archive keeps what came before the damage."""

from __future__ import annotations

import lzma
from datetime import date, datetime, timezone

import zstandard

from tasks.ingest import discover_inputs, read_input
from tests.web_fixtures import PNG, page, rid, warc_bytes

A = "https://valleypost.example/2025/02/03/bridge"
B = "https://valleypost.example/library"
PAGE_A = page("Footbridge opens in Torsby", ["A new footbridge across the river Lenna opened in Torsby on Monday, "
                                             "ending a detour of three kilometres."], url=A, published="2025-02-03")
PAGE_B = page("Library extends its hours", ["The town library of Torsby will stay open until nine in the evening "
                                            "on weekdays from March."], url=B, published=None)
RECORDS = [
    ("warcinfo", None, b"", None),
    ("request", A, b"", None),
    ("response", A, PAGE_A.encode(), "text/html; charset=utf-8"),
    ("response", "https://valleypost.example/logo.png", PNG, "image/png"),
    ("metadata", A, b"fetchTimeMs: 120\n", "application/warc-fields"),
    ("response", B, PAGE_B.encode(), "text/html"),
    ("response", "https://valleypost.example/api.json", b'{"ok": true}', "application/json"),
]


def _read(tmp_path, name: str, data: bytes, max_bytes: int | None = None):
    path = tmp_path / name
    path.write_bytes(data)
    [file], _ = discover_inputs([path])
    return read_input(file) if max_bytes is None else read_input(file, max_bytes)


def test_html_responses_become_articles_and_other_records_are_skipped(tmp_path):
    result = _read(tmp_path, "crawl.warc.gz", warc_bytes(RECORDS))
    assert result.quarantined == []
    assert [(i.source_item, i.url, i.title, i.published, i.published_source) for i in result.items] == [
        (rid(3), A, "Footbridge opens in Torsby", date(2025, 2, 3), "html"),
        (rid(6), B, "Library extends its hours", None, None)]  # no date in the page: the cleaner may use the URL
    first = result.items[0]
    assert first.captured_at == datetime(2025, 2, 5, 8, 0, tzinfo=timezone.utc)
    assert first.text_raw == ("Footbridge opens in Torsby\n\nA new footbridge across the river Lenna opened in "
                              "Torsby on Monday, ending a detour of three kilometres.")
    assert (first.extractor, first.raw_bytes, first.source_line) == ("trafilatura", len(PAGE_A.encode()), None)
    assert [(s.source_item, s.reason) for s in result.skipped] == [
        (rid(1), "warc_warcinfo"), (rid(2), "warc_request"), (rid(4), "not_html"), (rid(5), "warc_metadata"),
        (rid(7), "not_html")]
    assert result.skipped[2].detail.startswith("a response of type image/png at offset ")
    assert result.skipped[2].detail.endswith(" (https://valleypost.example/logo.png), not an HTML page")


def test_a_bad_record_is_quarantined_with_its_offset_and_the_others_kept(tmp_path):
    records = [RECORDS[2], ("response", "https://valleypost.example/broken", PNG, "text/html"), RECORDS[5]]
    result = _read(tmp_path, "crawl.warc", warc_bytes(records, gzip=False))
    assert [i.source_item for i in result.items] == [rid(1), rid(3)]
    [bad] = result.quarantined
    assert (bad.reason, bad.source_item) == ("bad_warc_record", rid(2))
    offset = len(warc_bytes(records[:1], gzip=False))
    assert bad.detail == (f"the record at offset {offset} (https://valleypost.example/broken): the file is a PNG "
                          "image, not text")


def test_an_html_response_without_article_text_is_quarantined(tmp_path):
    records = [("response", "https://valleypost.example/menu", b"<html><body><nav>Home</nav></body></html>",
                "text/html")]
    [bad] = _read(tmp_path, "menu.warc.gz", warc_bytes(records)).quarantined
    assert (bad.reason, bad.source_item) == ("no_article_text", rid(1))


def test_a_truncated_gzip_archive_keeps_the_records_before_the_damage(tmp_path):
    data = warc_bytes([RECORDS[2], RECORDS[5], RECORDS[2]])
    cut = len(warc_bytes([RECORDS[2], RECORDS[5]])) + 200  # inside the third record
    result = _read(tmp_path, "cut.warc.gz", data[:cut])
    assert [i.source_item for i in result.items] == [rid(1), rid(2)]
    [bad] = result.quarantined
    offset = len(warc_bytes([RECORDS[2], RECORDS[5]]))
    assert (bad.reason, bad.source_item) == ("truncated", f"offset:{offset}")
    assert bad.detail == (f"the archive ends inside a record that starts after offset {offset} (where the last "
                          "whole record ends); the records before it are kept")
    # cut inside the page rather than its headers: the record is named
    [bad] = _read(tmp_path, "cut2.warc.gz", data[:len(data) - 20]).quarantined
    assert bad.detail == (f"the archive ends inside the record at offset {offset} ({A}); the records before it "
                          "are kept")


def test_a_truncated_plain_archive_keeps_the_records_before_the_damage(tmp_path):
    data = warc_bytes([RECORDS[2], RECORDS[5]], gzip=False)
    first = len(warc_bytes([RECORDS[2]], gzip=False))
    result = _read(tmp_path, "cut.warc", data[:first + 300])  # inside the second record's headers
    assert [i.source_item for i in result.items] == [rid(1)]
    # the offset where the first record's content ends (the blank lines that close it come after)
    assert [(q.reason, q.source_item) for q in result.quarantined] == [("truncated", f"offset:{first - 4}")]
    result = _read(tmp_path, "cut.warc", data[:len(data) - 10])  # inside the second record's page
    assert [(q.reason, q.source_item) for q in result.quarantined] == [("truncated", f"offset:{first}")]


def test_an_archive_that_is_not_warc_is_quarantined(tmp_path):
    [bad] = _read(tmp_path, "notes.warc", b"these are my notes, not an archive\n" * 3).quarantined
    assert bad.reason == "bad_warc_record" and bad.source_item == "offset:0"
    assert bad.detail == ("the archive cannot be read from offset 0 on (no WARC record starts here); the 0 records "
                          "before it are kept")


def test_xz_and_zstd_archives_are_streamed_too(tmp_path):
    plain = warc_bytes(RECORDS, gzip=False)
    for name, data in (("c.warc.xz", lzma.compress(plain)), ("c.warc.zst", zstandard.ZstdCompressor().compress(plain))):
        result = _read(tmp_path, name, data)
        assert [i.source_item for i in result.items] == [rid(3), rid(6)], name
        assert len(result.skipped) == 5


def test_a_page_over_the_limit_is_quarantined_alone(tmp_path):
    big = page("Long", ["word " * 400]).encode()
    result = _read(tmp_path, "big.warc.gz", warc_bytes([RECORDS[2], ("response", B, big, "text/html")]), 1500)
    assert [i.source_item for i in result.items] == [rid(1)]
    assert [(q.reason, q.source_item) for q in result.quarantined] == [("too_large", rid(2))]
