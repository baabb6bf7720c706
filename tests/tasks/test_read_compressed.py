"""Compressed inputs: .gz, .bz2, .xz and .zst of every kind, streamed; damage has its reason."""

from __future__ import annotations

import bz2
import gzip
import json
import lzma

import pytest
import zstandard

from tasks.ingest import discover_inputs, read_input
from tasks.readers.kinds import kind_of
from tests.web_fixtures import FERRY, SALMON, page, rss

COMPRESS = {".gz": gzip.compress, ".bz2": bz2.compress, ".xz": lzma.compress,
            ".zst": zstandard.ZstdCompressor().compress}
TEXT = "Fishermen in Vestvik got larger quotas on Thursday, the minister said in a statement.\n"


def _read(tmp_path, name: str, data: bytes, max_bytes: int | None = None):
    path = tmp_path / name
    path.write_bytes(data)
    [file], _ = discover_inputs([path])
    assert file.skip_reason is None, file.skip_detail
    return read_input(file) if max_bytes is None else read_input(file, max_bytes)


def test_kinds_and_compressions_come_from_the_name():
    assert kind_of("x.txt.gz") == ("text", "gzip")
    assert kind_of("x.jsonl.xz") == ("jsonl", "xz")
    assert kind_of("X.HTML.BZ2") == ("html", "bz2")
    assert kind_of("x.xml.zst") == ("feed", "zstd")
    assert kind_of("x.warc.gz") == ("warc", "gzip")
    assert kind_of("page.htm") == ("html", None)
    assert kind_of("x.gz") is None and kind_of("x.tar.gz") is None and kind_of("notes.md") is None


@pytest.mark.parametrize("suffix", list(COMPRESS))
def test_every_kind_reads_the_same_compressed(tmp_path, suffix):
    compress = COMPRESS[suffix]
    [txt] = _read(tmp_path, f"a.txt{suffix}", compress(TEXT.encode())).items
    assert (txt.text_raw, txt.source_file) == (TEXT.strip(), f"a.txt{suffix}")
    lines = [{"text": TEXT, "title": "Quotas"}, {"text": "Second article about the harbour of Vestvik, reopened."}]
    jsonl = _read(tmp_path, f"b.jsonl{suffix}", compress("\n".join(map(json.dumps, lines)).encode())).items
    assert [(i.source_line, i.title) for i in jsonl] == [(1, "Quotas"), (2, None)]
    [html] = _read(tmp_path, f"c.html{suffix}", compress(page().encode())).items
    assert (html.title, html.extractor) == ("Vestvik harbour reopens after storm", "trafilatura")
    assert html.raw_bytes == len(page().encode())  # decompressed size
    feed = _read(tmp_path, f"d.xml{suffix}", compress(rss([FERRY, SALMON]).encode())).items
    assert [i.source_item for i in feed] == ["tm-1", "tm-2"]


@pytest.mark.parametrize("suffix,name", [(".gz", "gzip"), (".bz2", "bzip2"), (".xz", "xz"), (".zst", "zstd")])
def test_a_truncated_stream_is_quarantined(tmp_path, suffix, name):
    data = COMPRESS[suffix]((TEXT * 200).encode())
    [bad] = _read(tmp_path, f"cut.txt{suffix}", data[:len(data) // 2]).quarantined
    assert bad.reason == "truncated"
    assert bad.detail.startswith(f"the {name} stream ends early (")
    assert bad.detail.endswith("): the file was cut short; copy it again")


def test_a_truncated_gzip_says_so_exactly(tmp_path):
    data = gzip.compress((TEXT * 200).encode())
    [bad] = _read(tmp_path, "cut.txt.gz", data[:len(data) // 2]).quarantined
    assert (bad.reason, bad.detail) == ("truncated", "the gzip stream ends early (Compressed file ended before the "
                                                     "end-of-stream marker was reached): the file was cut short; "
                                                     "copy it again")


def test_data_that_is_not_what_its_name_says_is_quarantined(tmp_path):
    [bad] = _read(tmp_path, "fake.txt.gz", TEXT.encode()).quarantined
    assert (bad.reason, bad.detail) == ("corrupt_archive", "the gzip data does not decompress (Not a gzipped file "
                                                           "(b'Fi'))")
    [bad] = _read(tmp_path, "fake.jsonl.zst", TEXT.encode()).quarantined
    assert bad.reason == "corrupt_archive" and bad.detail.startswith("the zstd data does not decompress (")


def test_a_small_file_that_inflates_past_the_limit_is_refused_while_reading(tmp_path):
    bomb = gzip.compress(b"a" * 5_000_000)  # 5 MB of one letter: a few KB compressed
    assert len(bomb) < 10_000
    [bad] = _read(tmp_path, "bomb.txt.gz", bomb, max_bytes=1_000_000).quarantined
    assert (bad.reason, bad.detail) == ("too_large", "it holds more than 1 MB once decompressed, the limit for one "
                                                     "article; split it, or raise NEWSETL_MAX_ITEM_MB")
