"""The gold-file format shared by the hand-written annotation scripts (write_gold_set.py,
write_holdout_set.py): one helper per article, one writer that checks the folder first."""

from __future__ import annotations

import json
from pathlib import Path


def art(file, lang, story, published, title, source, boilerplate, keep, persons, organizations, locations,
        dates, numbers, quotes, caption_credit=None):
    """One article's entry, in the key order of ../shared/seeds/gold.json; quotes as (speaker, first words)."""
    out = {"file": file, "lang": lang, "published": published, "title": title, "source": source, "story": story,
           "boilerplate": boilerplate}
    if caption_credit:
        out["caption_credit"] = caption_credit
    out.update({"keep": keep, "persons": persons, "organizations": organizations, "locations": locations,
                "dates": dates, "numbers": numbers,
                "quotes": [{"speaker": s, "starts": t} for s, t in quotes]})
    return out


def write_gold(folder: Path, about: str, articles: list[dict], cross_source: dict) -> None:
    """gold.json beside the articles; every .txt of the folder must be annotated, and only those."""
    files = {p.name for p in folder.glob("*.txt")}
    listed = [a["file"] for a in articles]
    assert sorted(listed) == sorted(files), (sorted(set(files) - set(listed)), sorted(set(listed) - set(files)))
    gold = {"about": about, "articles": articles, "cross_source": cross_source}
    (folder / "gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {folder / 'gold.json'}: {len(articles)} articles, "
          f"{len({a['lang'] for a in articles})} languages, {len({a['story'] for a in articles})} stories")
