"""Triage: which items are new articles, duplicates of stored ones, or unchanged re-reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tasks.ingest import Item


@dataclass
class Triage:
    new: list[Item] = field(default_factory=list)
    duplicates: list[tuple[Item, str]] = field(default_factory=list)  # (item, article it duplicates)
    unchanged: list[Item] = field(default_factory=list)


def source_key(input_root: str | None, source_file: str, source_line: int | None,
               source_item: str | None = None) -> tuple[str, str, int, str]:
    """What identifies one source across runs: its input folder, its path there, its .jsonl line, and
    for a feed entry or an archived page its identity in the file (guid/id or link; WARC-Record-ID)."""
    return (input_root or "", source_file, source_line or 0, source_item or "")


def triage_items(items: list[Item], processed: dict[tuple[str, str, int, str], str], known_articles: set[str]) -> Triage:
    """Split items into new articles, duplicates (content already stored) and unchanged re-reads.

    `processed` maps each source_key to the content_sha256 its latest item had; an item is
    unchanged only when its source still holds that content (an edit reverted to an older
    text is a duplicate of that text, and current again). `known_articles` holds the ids
    already stored. Both are updated as items are claimed, so a second copy within the same
    run is a duplicate too.
    """
    out = Triage()
    for item in items:
        key = source_key(item.input_root, item.source_file, item.source_line, item.source_item)
        if processed.get(key) == item.content_sha256:
            out.unchanged.append(item)
        elif item.article_id in known_articles:
            out.duplicates.append((item, item.article_id))
        else:
            out.new.append(item)
            known_articles.add(item.article_id)
        processed[key] = item.content_sha256
    return out
