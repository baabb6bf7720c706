"""Translating what is already stored or staged: quotes through the sentence cache, and stored articles
whose model was missing when they were read and is installed now (their lake parts are rewritten)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from runtime.lake import part_name

if TYPE_CHECKING:
    from runtime.lake import Lake


def drain_new_cache_entries(cache) -> list[dict]:
    """Sentences translated since the last call (each process keeps its own cache in memory)."""
    return cache.take_new_entries_arrow().to_pylist()


def translate_quotes(quotes: list[dict], articles: list[dict], translator, cache, only: set | None = None):
    """text_en of quotes through the same sentence cache (English quotes keep their text)."""
    from tasks.translate import translate_texts

    lang_of = {a["article_id"]: a["lang"] for a in articles}
    out = [dict(q) for q in quotes]
    by_lang: dict[str, list[int]] = {}
    for i, q in enumerate(out):
        if only is not None and q["article_id"] not in only:
            continue
        by_lang.setdefault(lang_of.get(q["article_id"], "und"), []).append(i)
    for lang, idx in by_lang.items():
        for i, text_en in zip(idx, translate_texts([out[i]["text"] for i in idx], lang, translator, cache)):
            out[i]["text_en"] = text_en
    return out


def backfill_stored(lake: Lake, translator, cache, run_id: str) -> dict | None:
    """Translate stored articles (and their quotes) whose model is installed now; None when none waits.

    Returns how many were translated out of how many waited, and the lake parts added and removed.
    """
    from tasks.translate import translate_articles

    status = lake.read("articles", columns=["article_id", "lang", "translation_status"])
    waiting = {(aid, lang) for aid, lang, st in zip(*(status.column(c).to_pylist() for c in status.column_names))
               if st == "model_missing" and translator.route(lang) is not None}
    if not waiting:
        return None
    added: dict[str, list[str]] = {}
    removed: dict[str, list[str]] = {}
    ids = {aid for aid, _ in waiting}
    translated: dict[str, dict] = {}
    for k, path in enumerate(p for p in lake.files("articles") if _part_has(lake, "articles", p, ids)):
        rows = lake.read_part("articles", path).to_pylist()
        todo = [r for r in rows if r["article_id"] in ids]
        done, _ = translate_articles(todo, translator, cache)
        translated.update({r["article_id"]: r for r in done})
        rows = [translated.get(r["article_id"], r) for r in rows]
        _replace_part(lake, "articles", path, rows, part_name(run_id, f"backfill{k:04d}"), added, removed)
    by_lang = {aid: translated[aid]["lang"] for aid in translated}
    for k, path in enumerate(p for p in lake.files("quotes") if _part_has(lake, "quotes", p, ids)):
        rows = lake.read_part("quotes", path).to_pylist()
        rows = translate_quotes(rows, [{"article_id": a, "lang": l} for a, l in by_lang.items()], translator, cache,
                                only=ids)
        _replace_part(lake, "quotes", path, rows, part_name(run_id, f"backfill{k:04d}"), added, removed)
    ok = sum(1 for r in translated.values() if r["translation_status"] == "translated")
    return {"translated": ok, "waiting": len(ids), "added": added, "removed": removed}


def _part_has(lake: Lake, table: str, path: Path, ids: set[str]) -> bool:
    col = lake.read_part(table, path, columns=["article_id"]).column("article_id")
    return not ids.isdisjoint(col.to_pylist())


def _replace_part(lake: Lake, table: str, old: Path, rows: list[dict], name: str, added: dict, removed: dict) -> None:
    added.setdefault(table, []).append(lake.write_part(table, rows, name))
    removed.setdefault(table, []).append(old.relative_to(lake.root).as_posix())
