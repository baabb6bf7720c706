"""Run the pure pipeline stages (ingest, clean, language) on a folder, without Prefect.

Tests and benchmarks of later stages (entities, dates, numbers, quotes, stories) need
article dicts exactly as the flow builds them; this is the one place that knows how.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from tasks.clean import clean_articles
from tasks.ingest import discover_inputs, read_input
from tasks.language import detect_languages

REPO = Path(__file__).resolve().parents[1]
SEEDS_DIR = (REPO / ".." / "shared" / "seeds").resolve()
GOLD_DIR = REPO / "tests" / "data" / "gold"


def load_articles(folder: str | Path) -> list[dict]:
    """Articles of a folder as the flow sees them after the language stage.

    `text_en` is text_clean for English articles and None otherwise (no translation model).
    """
    files, _ = discover_inputs([folder])
    items = [i for f in files for i in read_input(f).items]
    articles, _ = clean_articles([{**vars(i), "article_id": i.article_id} for i in items])
    articles, _ = detect_languages(articles)
    return [{**a, "text_en": a["text_clean"] if a["lang"] == "en" else None} for a in articles]


@lru_cache(maxsize=8)
def _cached(folder: str) -> tuple[dict, ...]:
    return tuple(load_articles(folder))


def cached_articles(folder: str | Path) -> list[dict]:
    """load_articles, computed once per process per folder (copies, so callers may mutate)."""
    return [dict(a) for a in _cached(str(Path(folder).resolve()))]


def load_gold(folder: str | Path) -> dict:
    return json.loads((Path(folder) / "gold.json").read_text(encoding="utf-8"))


def extract_tables(articles: list[dict], existing_stories: dict[str, str] | None = None) -> dict[str, list[dict]]:
    """Run every extraction stage on articles as the flow does and return the evaluation tables:
    articles (with story_id), entities (linked across stories), dates, numbers, quotes."""
    from tasks.dates import extract_dates, resolve_yearless
    from tasks.entities import extract_entities_batch
    from tasks.link import story_reference_dates
    from tasks.numbers import extract_numbers
    from tasks.quotes import extract_quotes
    from tasks.stories import assign_stories, link_names_across_story

    entities = extract_entities_batch(articles)
    dates: list[dict] = []
    numbers: list[dict] = []
    for art in articles:
        own_dates = extract_dates(art)
        dates += own_dates
        numbers += extract_numbers(art, own_dates)
    assignments = assign_stories(articles, entities, dates, numbers, existing_stories or {})
    entities = link_names_across_story(entities, assignments)
    # as the flow's link stage: yearless dates of an undated article are read against its story's date
    references = story_reference_dates(articles, assignments)
    undated = {a["article_id"]: references.get(assignments.get(a["article_id"])) for a in articles
               if a.get("published") is None}
    own_dates: dict[str, list[dict]] = {}
    for d in dates:
        own_dates.setdefault(d["article_id"], []).append(d)
    dates = [d for aid, rows in own_dates.items()
             for d in (resolve_yearless(rows, undated[aid]) if undated.get(aid) else rows)]
    by_article: dict[str, list[dict]] = {}
    for e in entities:
        by_article.setdefault(e["article_id"], []).append(e)
    quotes = [q for art in articles for q in extract_quotes(art, by_article.get(art["article_id"], []))]
    return {
        "articles": [{**a, "story_id": assignments.get(a["article_id"])} for a in articles],
        "entities": entities, "dates": dates, "numbers": numbers, "quotes": quotes,
    }
