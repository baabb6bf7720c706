"""The source_files ledger: what each source held when it was last read, and the rows a run adds.

Triage runs per batch, in input order, on keys only (the batch's text stays on disk): new items,
duplicates of stored articles, unchanged re-reads, bad items and skipped files reported before.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from tasks.ingest import Item, Quarantined
from tasks.triage import SeenSources, source_key, triage_items

if TYPE_CHECKING:
    from runtime.lake import Lake

# Item fields that go to the source_files ledger besides the source key (feed/WARC identity, HTML extraction).
LEDGER_EXTRAS = ("source_item", "extractor", "extractor_version", "raw_bytes", "extracted_bytes")


def load_ledger(lake: Lake) -> tuple[SeenSources, set[str]]:
    """Each source's latest content hash (what it held when last read), and the stored article ids."""
    ledger = lake.read("source_files", columns=["input_root", "source_file", "source_line", "source_item",
                                                "content_sha256", "detected_at"]).sort_by("detected_at")
    processed = SeenSources((source_key(r["input_root"], r["source_file"], r["source_line"], r["source_item"]),
                             r["content_sha256"]) for r in ledger.to_pylist())
    known = set(lake.read("articles", columns=["article_id"]).column("article_id").to_pylist())
    return processed, known


def item_keys(items: list[Item]) -> list[dict]:
    """What triage needs of each decoded item."""
    return [{"input_root": i.input_root, "source_file": i.source_file, "source_line": i.source_line,
             "content_sha256": i.content_sha256, "article_id": i.article_id, "encoding": i.encoding,
             **{f: getattr(i, f) for f in LEDGER_EXTRAS}} for i in items]


def quarantine_keys(quarantined: list[Quarantined]) -> list[dict]:
    """What triage needs of each item quarantined at read time."""
    return [{"input_root": q.input_root, "source_file": q.source_file, "source_line": q.source_line,
             "source_item": q.source_item, "content_sha256": q.content_sha256, "reason": q.reason}
            for q in quarantined]


def ledger_row(key: dict, outcome: str, article_id: str | None = None, reason: str | None = None) -> dict:
    return {"input_root": key["input_root"], "source_file": key["source_file"], "source_line": key["source_line"],
            "content_sha256": key["content_sha256"], "outcome": outcome, "reason": reason, "article_id": article_id,
            "encoding": key.get("encoding"), **{f: key.get(f) for f in LEDGER_EXTRAS}}


def triage_keys(keys: list[dict], processed: SeenSources,
                known: set) -> tuple[list[dict], list[tuple[str, str, int]], int]:
    """Triage one batch's items: ledger rows for new and duplicates, source keys of the new ones, #unchanged."""
    items = [Item(k["source_file"], k["source_line"], "", k["encoding"], k["content_sha256"],
                  input_root=k["input_root"], **{f: k[f] for f in LEDGER_EXTRAS}) for k in keys]
    triage = triage_items(items, processed, known)
    ledger = [ledger_row(vars(i), "new", i.article_id) for i in triage.new]
    ledger += [ledger_row(vars(i), "duplicate", dup_of) for i, dup_of in triage.duplicates]
    return (ledger, [source_key(i.input_root, i.source_file, i.source_line, i.source_item) for i in triage.new],
            len(triage.unchanged))


def set_aside(ledger: list[dict], rejected: set[str]) -> list[dict]:
    """The ledger after transform: new items that proved to be only boilerplate are quarantined."""
    return [{**r, "outcome": "quarantined", "article_id": None, "reason": "only_boilerplate"}
            if r["article_id"] in rejected else r for r in ledger]


def triage_bad(bad: list[dict], processed: SeenSources) -> tuple[list[dict], list[tuple[str, str, int]]]:
    """Items quarantined at read time: ledger rows for the newly bad, keys of those reported before.

    The key holds the content hash (or, for unreadable items, a fingerprint of the problem),
    so the same bad item is reported once, and again only when it changes.
    """
    ledger, seen_before = [], []
    for q in bad:
        key = source_key(q["input_root"], q["source_file"], q["source_line"], q["source_item"])
        if processed.holds(key, q["content_sha256"]):
            seen_before.append(key)
            continue
        processed.record(key, q["content_sha256"])
        ledger.append(ledger_row(q, "quarantined", reason=q["reason"]))
    return ledger, seen_before


def triage_skipped(skipped: list[dict], processed: SeenSources) -> list[dict]:
    """Ledger rows for files skipped on purpose, once per file and reason (a re-run adds none)."""
    ledger = []
    for f in skipped:
        key, mark = source_key(f["input_root"], f["source_file"], None, f["source_item"]), f"skipped:{f['reason']}"
        if not processed.holds(key, mark):
            processed.record(key, mark)
            ledger.append(ledger_row({**f, "source_line": None, "content_sha256": mark}, "skipped",
                                     reason=f["reason"]))
    return ledger


@dataclass
class BatchTriage:
    """One batch's ledger decisions: rows for new and duplicate items, the keys of the new ones, how many
    were unchanged, rows for newly bad items and skipped files, and keys of bad items reported before."""

    ledger: list[dict]
    new_items: list[tuple[str, str, int]]
    unchanged: int
    bad_ledger: list[dict]
    bad_seen_before: list[tuple[str, str, int]]


def triage_batch(keys: list[dict], bad: list[dict], skipped: list[dict], processed: SeenSources, known: set) -> BatchTriage:
    """Triage one ingested batch, in input order (`processed` and `known` learn as it goes)."""
    ledger, new_items, unchanged = triage_keys(keys, processed, known)
    bad_ledger, bad_seen_before = triage_bad(bad, processed)
    bad_ledger += triage_skipped(skipped, processed)
    return BatchTriage(ledger, new_items, unchanged, bad_ledger, bad_seen_before)
