"""Link a run's new articles to each other and to stored ones: stories, then what stories resolve.

After the per-article stages, three things need more than one article:
- which story each new article belongs to (tasks.stories.assign_stories),
- a surname-only person named in full elsewhere in the story ("Usjakov" -> "Yuri Ushakov"),
  which also renames quote speakers,
- a yearless date ("10. januar") in an article with no publication date, resolved with the
  story's date.
Stored articles keep their story; only the new ones' rows change here.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from tasks.dates import resolve_yearless
from tasks.stories import assign_stories, link_names_across_story


def story_reference_dates(articles: list[dict], assignments: dict[str, str]) -> dict[str, date]:
    """The date a story's yearless dates are read against: its latest day-precise publication date,
    else its latest month-precise one."""
    best: dict[str, tuple[int, date]] = {}
    for a in articles:
        sid, published = assignments.get(a["article_id"]), a.get("published")
        if sid is None or published is None:
            continue
        rank = (1 if a.get("published_precision") == "day" else 0, published)
        if sid not in best or rank > best[sid]:
            best[sid] = rank
    return {sid: rank[1] for sid, rank in best.items()}


def link_articles(new: dict[str, list[dict]], stored: dict[str, list[dict]],
                  stored_assignments: dict[str, str]) -> dict:
    """new/stored: {articles, entities, dates, numbers} (+ quotes for new).

    Returns {"assignments": article_id -> story_id for the new articles, "entities", "dates",
    "quotes": the new articles' rows after linking}.
    """
    articles = stored["articles"] + new["articles"]
    entities = stored["entities"] + new["entities"]
    assignments = assign_stories(articles, entities, stored["dates"] + new["dates"],
                                 stored["numbers"] + new["numbers"], stored_assignments)
    new_ids = {a["article_id"] for a in new["articles"]}

    linked = [e for e in link_names_across_story(entities, assignments) if e["article_id"] in new_ids]
    renamed = {(old["article_id"], old["name"]): fresh["name"]
               for old, fresh in zip(new["entities"], linked) if old["name"] != fresh["name"]}
    quotes = [{**q, "speaker": renamed.get((q["article_id"], q["speaker"]), q["speaker"])} for q in new["quotes"]]

    references = story_reference_dates(articles, assignments)
    by_article: dict[str, list[dict]] = defaultdict(list)
    for row in new["dates"]:
        by_article[row["article_id"]].append(row)
    dates: list[dict] = []
    for art in new["articles"]:
        rows = by_article.get(art["article_id"], [])
        reference = references.get(assignments.get(art["article_id"]))
        if art.get("published") is None and reference is not None and rows:
            rows = resolve_yearless(rows, reference)
        dates += rows
    return {"assignments": {aid: sid for aid, sid in assignments.items() if aid in new_ids},
            "entities": linked, "dates": dates, "quotes": quotes}
