"""RSS and Atom feeds: one article per entry, identified by guid/id (else link), never by position."""

from __future__ import annotations

from datetime import date

from tasks.ingest import discover_inputs, read_input
from tasks.triage import SeenSources, triage_items
from tests.web_fixtures import BRIDGE, FERRY, SALMON, atom, rss


def _read(tmp_path, name: str, content: str | bytes):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    [file], _ = discover_inputs([path])
    return read_input(file)


def test_an_rss_feed_gives_one_article_per_entry(tmp_path):
    result = _read(tmp_path, "tidemark.rss", rss([FERRY, SALMON]))
    assert (result.quarantined, result.skipped) == ([], [])
    ferry, salmon = result.items
    assert [(i.source_item, i.title, i.url, i.author, i.source, i.published, i.published_source) for i in
            result.items] == [
        ("tm-1", "Ferry fares frozen", "https://tidemark.example/ferry", "Ola Strand", "Tidemark News",
         date(2025, 2, 11), "feed"),  # the date as the feed writes it (23:15 -0500), not shifted to UTC
        ("tm-2", "Salmon farm fined", "https://tidemark.example/salmon", "Kari Vik", "Tidemark News",
         date(2025, 2, 10), "feed")]
    assert ferry.text_raw == ("The county council froze ferry fares to the outer islands for 2025.\n\n"
                              "Islanders had protested against a rise of 12 percent.")
    assert ferry.extractor == "trafilatura" and ferry.source_line is None
    assert ferry.raw_bytes == len(FERRY["html"].encode()) and ferry.extracted_bytes == len(ferry.text_raw.encode())


def test_an_atom_feed_prefers_full_content_and_falls_back_to_link(tmp_path):
    full, plain = _read(tmp_path, "valley.atom", atom()).items
    assert (full.source_item, full.title, full.url, full.author, full.source, full.published) == (
        "urn:valley:1", "Library extends hours", "https://valleypost.example/library", "Jonas Pihl", "Valley Post",
        date(2025, 2, 4))
    assert full.text_raw == "The town library of Torsby will stay open until nine in the evening from March."
    # no id: the link is the identity; a plain-text summary is stored as it is
    assert (plain.source_item, plain.published, plain.extractor) == (
        "https://valleypost.example/no-id", date(2025, 2, 5), None)
    assert plain.text_raw == "Only a plain summary about the new school bus routes in Torsby."


def test_an_updated_feed_is_unchanged_for_known_entries_and_new_for_the_new_one(tmp_path):
    first = _read(tmp_path, "tidemark.xml", rss([FERRY, SALMON])).items
    processed, known = SeenSources(), set()
    assert len(triage_items(first, processed, known).new) == 2
    # the next fetch: a new entry on top, the others in another order
    second = _read(tmp_path, "tidemark.xml", rss([BRIDGE, SALMON, FERRY])).items
    triage = triage_items(second, processed, known)
    assert [i.source_item for i in triage.new] == ["tm-3"]
    assert sorted(i.source_item for i in triage.unchanged) == ["tm-1", "tm-2"]
    assert triage.duplicates == []


def test_entries_without_guid_or_link_are_identified_by_their_content(tmp_path):
    bare = {"title": "Council meets", "html": "<p>The council of Torsby meets on Friday to vote on the budget.</p>"}
    [item] = _read(tmp_path, "bare.rss", rss([bare])).items
    assert item.source_item.startswith("sha256:") and len(item.source_item) == 39
    [again] = _read(tmp_path, "bare.rss", rss([FERRY, bare])).items[1:]
    assert again.source_item == item.source_item


def test_a_txt_holding_a_feed_is_read_as_a_feed(tmp_path):
    result = _read(tmp_path, "saved-feed.txt", rss([SALMON]))
    assert [i.source_item for i in result.items] == ["tm-2"]


def test_malformed_xml_is_quarantined(tmp_path):
    result = _read(tmp_path, "broken.xml", "<rss><channel><<<title>oops</title>")
    assert result.items == []
    [bad] = result.quarantined
    assert (bad.reason, bad.detail, bad.source_item) == (
        "bad_feed", "not a well-formed RSS or Atom feed (<unknown>:2:15: not well-formed (invalid token))", None)


def test_xml_that_is_not_a_feed_is_quarantined(tmp_path):
    [bad] = _read(tmp_path, "sitemap.xml", '<?xml version="1.0"?><urlset><url>x</url></urlset>').quarantined
    assert (bad.reason, bad.detail) == (
        "bad_feed", "the XML is not an RSS or Atom feed (no <rss>, <feed> or <rdf:RDF> root)")


def test_a_feed_with_no_entries_is_quarantined(tmp_path):
    [bad] = _read(tmp_path, "quiet.rss", rss([])).quarantined
    assert (bad.reason, bad.detail) == ("empty_feed", 'the feed "Tidemark News" has no entries')


def test_an_entry_with_no_text_is_quarantined_alone(tmp_path):
    empty = {"guid": "tm-9", "title": "Photo gallery", "link": "https://tidemark.example/gallery"}
    result = _read(tmp_path, "mixed.rss", rss([FERRY, empty]))
    assert [i.source_item for i in result.items] == ["tm-1"]
    [bad] = result.quarantined
    assert (bad.reason, bad.detail, bad.source_item) == ("no_article_text", "entry tm-9 has neither content nor a "
                                                                            "summary", "tm-9")
