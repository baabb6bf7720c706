"""What linking needs from storage: the stored articles a new one may join, and the stories table after a run."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING


from runtime.staging import compact_rows
from schemas import TABLES
from tasks.link import ARTICLE_COLUMNS, DATE_COLUMNS, ENTITY_COLUMNS, LINK_KEY_COLUMNS, NUMBER_COLUMNS, linking_view
from tasks.stories import stories_rows

if TYPE_CHECKING:
    from runtime.lake import Lake

# how far back stored articles are candidates for a new article's story
STORY_WINDOW_DAYS = 45
STORY_CONTEXT_LIMIT = 20_000


def lead(article: dict) -> dict:
    """The article as linking compares it: the lead of its English text, the sound keys of its name words."""
    return linking_view(article)


def story_context(lake: Lake, new_articles: list[dict],
                  superseded: set[str]) -> tuple[dict[str, list[dict]], dict[str, str]]:
    """Stored articles that new ones may join: published near the new ones (or undated), newest first.

    Text is fetched only for the articles kept, and only what linking compares is kept of it.
    """
    empty = {t: [] for t in ("articles", "entities", "dates", "numbers")}
    brief = [c for c in ARTICLE_COLUMNS if c not in ("text_en", *LINK_KEY_COLUMNS)] + ["story_id", "ingested_at"]
    stored = lake.read("articles", columns=brief)
    if stored.num_rows == 0:
        return empty, {}
    dates = [a["published"] for a in new_articles if a.get("published")]
    window = timedelta(days=STORY_WINDOW_DAYS)
    rows = [r for r in stored.to_pylist() if r["article_id"] not in superseded]
    if dates:
        lo, hi = min(dates) - window, max(dates) + window
        rows = [r for r in rows if r["published"] is None or lo <= r["published"] <= hi]
    rows = sorted(rows, key=lambda r: r["ingested_at"], reverse=True)[:STORY_CONTEXT_LIMIT]
    ids = [r["article_id"] for r in rows]
    context = {}
    for table, columns in (("articles", ["article_id", "text_en", "text_clean"]), ("entities", ENTITY_COLUMNS),
                           ("dates", DATE_COLUMNS), ("numbers", NUMBER_COLUMNS)):
        context[table] = compact_rows(lake.read(table, columns=columns, article_ids=ids),
                                      distinct=table != "articles")
    texts = {r["article_id"]: r for r in context["articles"]}
    context["articles"] = [lead({**r, "text_en": texts.get(r["article_id"], {}).get("text_en"),
                                 "text_clean": texts.get(r["article_id"], {}).get("text_clean")}) for r in rows]
    return context, {r["article_id"]: r["story_id"] for r in rows if r["story_id"]}


def stories_table(lake: Lake, touched: set[str], new_articles: list[dict], new_entities: list[dict],
                  renames: dict, superseded: set[str]) -> list[dict]:
    """The stories table after this run: stored rows of untouched stories, fresh rows for touched ones.

    A story that lost a member to a newer version is recounted (and gone if nothing is left).
    """
    # only the renamed rows are copied: a run of 100,000 articles has about 400,000 entity rows
    new_entities = [e if (e["article_id"], e["name"]) not in renames
                    else {**e, "name": renames[(e["article_id"], e["name"])]} for e in new_entities]
    stored = lake.read("articles", columns=["article_id", "story_id", "published", "lang", "title"]).to_pylist()
    touched = touched | {r["story_id"] for r in stored if r["article_id"] in superseded and r["story_id"]}
    old = lake.read("stories", columns=list(TABLES["stories"].fields)).to_pylist()
    keep = [{k: v for k, v in r.items() if k != "run_id"} for r in old if r["story_id"] not in touched]
    members = [r for r in stored if r["story_id"] in touched and r["article_id"] not in superseded]
    stored_entities = [] if not members else lake.read(
        "entities", columns=["article_id", "type", "name"], article_ids=[r["article_id"] for r in members]).to_pylist()
    return keep + stories_rows(members + new_articles, stored_entities + new_entities)
