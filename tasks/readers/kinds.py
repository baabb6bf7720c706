"""What newsetl reads, as data: file name endings -> kind and compression, and the reasons
the web readers give. Discovery (tasks/ingest.py), the readers and the README's outcome table
all go by these tables.
"""

from __future__ import annotations

# The last suffix (after a compression suffix, if any) names the kind.
KINDS: dict[str, str] = {
    ".txt": "text",
    ".jsonl": "jsonl",
    ".html": "html",
    ".htm": "html",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".warc": "warc",
}
# A compression suffix may follow any kind (x.txt.gz, x.jsonl.xz, x.html.bz2, x.xml.zst, x.warc.gz).
COMPRESSIONS: dict[str, str] = {".gz": "gzip", ".bz2": "bz2", ".xz": "xz", ".zst": "zstd"}
# Kinds that hold many items: their files may be FEED_FACTOR times larger than one article.
MULTI_ITEM_KINDS = {"jsonl", "feed"}

# Reasons the web readers set items aside with (quarantined) or skip them with (skipped),
# and what each means; the README's outcome table lists every one (a test checks it).
QUARANTINE_REASONS: dict[str, str] = {
    "truncated": "a compressed stream or WARC archive that ends early (the records before the damage are kept)",
    "corrupt_archive": "compressed data that does not decompress (not the format its name says, bad checksum)",
    "bad_feed": "a .xml/.rss/.atom file that is not a well-formed RSS or Atom feed",
    "empty_feed": "a feed with no entries",
    "no_article_text": "an HTML page (or feed entry) in which no article text was found",
    "bad_warc_record": "a WARC record that cannot be read (its offset is in the detail); the others are kept",
}
SKIP_REASONS: dict[str, str] = {
    "not_html": "a WARC response whose payload is not an HTML page (an image, a script, JSON, ...)",
    "warc_request": "a WARC request record (what the crawler sent)",
    "warc_warcinfo": "a WARC warcinfo record (about the archive itself)",
    "warc_metadata": "a WARC metadata record",
    "warc_revisit": "a WARC revisit record (a capture identical to an earlier one, without its payload)",
    "warc_other": "any other WARC record type (resource, conversion, continuation)",
}


def kind_of(name: str) -> tuple[str, str | None] | None:
    """('html', 'gzip') for 'page.html.gz', ('text', None) for 'a.txt'; None for kinds newsetl does not read."""
    lower = name.lower()
    compression = None
    for suffix, codec in COMPRESSIONS.items():
        if lower.endswith(suffix):
            compression, lower = codec, lower[:-len(suffix)]
            break
    for suffix, kind in KINDS.items():
        if lower.endswith(suffix) and len(lower) > len(suffix):
            return kind, compression
    return None


def supported_names() -> str:
    """The endings newsetl reads, for messages: '.atom, .htm, ... (each also .gz, .bz2, .xz, .zst)'."""
    return (", ".join(sorted(KINDS)) + " (each also compressed: " + ", ".join(COMPRESSIONS) + ")")
