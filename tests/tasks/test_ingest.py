import gzip
import json

import pytest

from tasks.ingest import (
    DecodeError,
    InputFile,
    Item,
    decode_text,
    discover_inputs,
    normalize_text,
    parse_jsonl,
    parse_published,
    read_input,
)
from tasks.triage import SeenSources, triage_items

NORWEGIAN = "Russlands president Vladimir Putin møtte Biden i Genève. Ærlig talt, sa Østby på Åsane.\n" * 3
SPANISH = "La compañía canceló sus travesías entre Santander y Portsmouth hasta el miércoles.\n" * 3
GERMAN = "Der Sprecherin des Weißen Hauses zufolge habe US-Präsident Joe Biden gesprochen.\n" * 3


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252", "latin-1"])
@pytest.mark.parametrize("text", [NORWEGIAN, SPANISH, GERMAN], ids=["nb", "es", "de"])
def test_every_common_encoding_decodes_to_the_same_text(encoding, text):
    decoded, detected = decode_text(text.encode(encoding))
    assert decoded.lstrip("\ufeff") == text
    assert detected


def test_cp1252_wins_ties_with_central_european_code_pages():
    # charset-normalizer scores cp1250 level with cp1252 here; cp1250 would give "compańía".
    decoded, encoding = decode_text(SPANISH.encode("cp1252"))
    assert "compañía" in decoded and encoding == "cp1252"


def test_cyrillic_cp1251():
    text = "Президент России Владимир Путин провёл телефонный разговор с Джо Байденом.\n" * 3
    decoded, _ = decode_text(text.encode("cp1251"))
    assert decoded == text


def test_a_few_invalid_bytes_in_utf8_are_replaced_not_fatal():
    data = NORWEGIAN.encode() + b"\xff\xfe broken \xc3" + NORWEGIAN.encode()
    decoded, encoding = decode_text(data)
    assert decoded.count("\ufffd") >= 1 and "Åsane" in decoded
    assert encoding.startswith("utf-8 (") and "replaced" in encoding


@pytest.mark.parametrize("data,kind", [
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG image"),
    (gzip.compress(b"hello world" * 100), "gzip archive"),
    (b"%PDF-1.7\n" + bytes(range(256)), "PDF document"),
])
def test_binary_files_are_refused_with_their_kind(data, kind):
    with pytest.raises(DecodeError) as exc:
        decode_text(data)
    assert exc.value.reason == "binary" and kind in exc.value.detail


def test_normalize_text_nfc_newlines_and_control_characters():
    decomposed = "Gene\u0300ve\r\nline two\rline three\x00\x07  \n"
    assert normalize_text(decomposed) == "Genève\nline two\nline three"


def test_parse_published_precision():
    assert parse_published("2021-12-31T10:00:00Z") == (__import__("datetime").date(2021, 12, 31), "day")
    assert parse_published("2021-12")[1] == "month"
    assert parse_published("2021-13-45") == (None, None)
    assert parse_published("yesterday") == (None, None)
    assert parse_published(None) == (None, None)


def test_jsonl_good_lines_become_items_bad_lines_are_quarantined():
    lines = [
        json.dumps({"text": "Erste Meldung über das Wetter in Oslo.", "url": "https://x/1", "published": "2025-01-14",
                    "source": "dpa", "title": "Wetter"}),
        "{not json",
        json.dumps({"text": 42}),
        "",
        json.dumps({"text": "   "}),
        json.dumps({"text": "Second story.", "published": "garbage"}),
    ]
    result = parse_jsonl("feed.jsonl", "\n".join(lines), "utf-8")
    assert [i.source_line for i in result.items] == [1, 6]
    first = result.items[0]
    assert (first.url, first.source, first.title, str(first.published), first.published_precision) == (
        "https://x/1", "dpa", "Wetter", "2025-01-14", "day")
    assert result.items[1].published is None
    assert [(q.source_line, q.reason) for q in result.quarantined] == [(2, "bad_jsonl"), (3, "bad_jsonl"), (5, "empty")]
    assert "not valid JSON" in result.quarantined[0].detail
    assert '"text"' in result.quarantined[1].detail


def test_discover_inputs_is_recursive_sorted_and_marks_what_it_skips(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("x")
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "feed.jsonl").write_text("{}")
    (tmp_path / "notes.md").write_text("x")
    (tmp_path / ".hidden.txt").write_text("x")
    (tmp_path / ".dir" / "deeper").mkdir(parents=True)
    (tmp_path / ".dir" / "inner.txt").write_text("x")
    (tmp_path / ".dir" / "deeper" / "more.txt").write_text("x")
    (tmp_path / "loop").symlink_to(tmp_path)  # a symlinked directory loop must not hang the walk
    files, problems = discover_inputs([tmp_path, tmp_path / "nope"])
    root = tmp_path.absolute().as_posix()
    assert [(f.source_file, f.input_root, f.skip_reason) for f in files] == [
        (".dir/", root, "hidden"), (".hidden.txt", root, "hidden"), ("a.txt", root, None),
        ("b/two.txt", root, None), ("feed.jsonl", root, None), ("loop/", root, "folder_link"),
        ("notes.md", root, "unsupported_kind")]
    assert files[0].skip_detail == ("hidden folder, not read (2 files inside); rename it without the leading dot "
                                    "to ingest it")
    assert files[-1].skip_detail == ("newsetl reads .atom, .htm, .html, .jsonl, .rss, .txt, .warc, .xml (each also "
                                     "compressed: .gz, .bz2, .xz, .zst) files; .md files are not read")
    assert [p.reason for p in problems] == ["missing_input"]
    skipped = read_input(files[1])
    assert (skipped.items, skipped.quarantined) == ([], [])
    assert [vars(s) for s in skipped.skipped] == [{
        "input_root": root, "source_file": ".hidden.txt", "reason": "hidden",
        "detail": "hidden file, not read; rename it without the leading dot to ingest it", "source_item": None}]


def test_the_same_relative_path_under_two_input_folders_is_two_sources(tmp_path):
    for folder in ("in1", "in2"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.txt").write_text("Same text.")
    files, _ = discover_inputs([tmp_path / "in1", tmp_path / "in2"])
    items = [i for f in files for i in read_input(f).items]
    assert [(i.input_root, i.source_file) for i in items] == [
        ((tmp_path / "in1").as_posix(), "a.txt"), ((tmp_path / "in2").as_posix(), "a.txt")]
    triage = triage_items(items, SeenSources(), set())
    assert [i.input_root for i in triage.new] == [(tmp_path / "in1").as_posix()]
    assert [(i.input_root, dup) for i, dup in triage.duplicates] == [((tmp_path / "in2").as_posix(),
                                                                     items[0].article_id)]
    assert triage.unchanged == []


def test_read_input_quarantines_with_reasons(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"  \n\t\n")
    png = tmp_path / "pic.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 2048)
    outcomes = {f.name: read_input(InputFile(f, f.name), max_bytes=1024).quarantined[0].reason
                for f in (empty, png, big)}
    assert outcomes == {"empty.txt": "empty", "pic.txt": "binary", "big.txt": "too_large"}
    gone = read_input(InputFile(tmp_path / "gone.txt", "gone.txt")).quarantined[0]
    assert gone.reason == "disappeared"


def _item(name, sha, line=None):
    return Item(name, line, "", "utf-8", sha)


def test_triage_duplicates_unchanged_and_new():
    processed = SeenSources([(("", "old.txt", 0, ""), "a" * 64)])
    known = {"a" * 16}
    items = [_item("old.txt", "a" * 64), _item("copy.txt", "a" * 64), _item("new.txt", "b" * 64),
             _item("new-copy.txt", "b" * 64)]
    triage = triage_items(items, processed, known)
    assert [i.source_file for i in triage.unchanged] == ["old.txt"]
    assert [(i.source_file, dup) for i, dup in triage.duplicates] == [("copy.txt", "a" * 16), ("new-copy.txt", "b" * 16)]
    assert [i.source_file for i in triage.new] == ["new.txt"]
    # a second pass over the same items finds them all processed
    again = triage_items(items, processed, known)
    assert len(again.unchanged) == 4 and not again.new and not again.duplicates


def test_triage_an_edit_and_its_revert():
    processed = SeenSources([(("", "story.txt", 0, ""), "a" * 64)])
    known = {"a" * 16}
    edited = triage_items([_item("story.txt", "b" * 64)], processed, known)
    assert [i.content_sha256 for i in edited.new] == ["b" * 64]
    assert processed.holds(("", "story.txt", 0, ""), "b" * 64) and len(processed) == 1
    assert not processed.holds(("", "story.txt", 0, ""), "a" * 64)
    # back to the first text: not unchanged (the source held another text since), a duplicate of the first
    reverted = triage_items([_item("story.txt", "a" * 64)], processed, known)
    assert [(i.source_file, dup) for i, dup in reverted.duplicates] == [("story.txt", "a" * 16)]
    assert reverted.unchanged == [] and reverted.new == []
