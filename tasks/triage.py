"""Triage: which items are new articles, duplicates of stored ones, or unchanged re-reads."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
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


def _digest(value: object) -> int:
    return int.from_bytes(hashlib.blake2b(repr(value).encode(), digest_size=8).digest(), "big")


class SeenSources:
    """Each source's latest content: source_key -> the content hash (or skip or problem mark) it last held.

    Kept as 64-bit digests of both, about 120 bytes a source instead of 400: the run's process holds
    one entry per source of the whole lake and of the run for as long as the run lasts.
    """

    def __init__(self, latest: Iterable[tuple[tuple, str]] = ()):
        self._latest: dict[int, int] = {}
        for key, content in latest:
            self.record(key, content)

    def holds(self, key: tuple, content: str) -> bool:
        """Whether the source's latest content is `content`."""
        return self._latest.get(_digest(key)) == _digest(content)

    def record(self, key: tuple, content: str) -> None:
        self._latest[_digest(key)] = _digest(content)

    def __len__(self) -> int:
        return len(self._latest)


def triage_items(items: list[Item], processed: SeenSources, known_articles: set[str]) -> Triage:
    """Split items into new articles, duplicates (content already stored) and unchanged re-reads.

    `processed` knows each source's latest content hash; an item is unchanged only when its
    source still holds that content (an edit reverted to an older text is a duplicate of that
    text, and current again). `known_articles` holds the ids already stored. Both are updated
    as items are claimed, so a second copy within the same run is a duplicate too.
    """
    out = Triage()
    for item in items:
        key = source_key(item.input_root, item.source_file, item.source_line, item.source_item)
        if processed.holds(key, item.content_sha256):
            out.unchanged.append(item)
        elif item.article_id in known_articles:
            out.duplicates.append((item, item.article_id))
        else:
            out.new.append(item)
            known_articles.add(item.article_id)
        processed.record(key, item.content_sha256)
    return out
