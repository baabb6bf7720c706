"""Link a run's new articles to each other and to stored ones: stories, then what stories resolve.

After the per-article stages, three things need more than one article:
- which story each new article belongs to (tasks.stories.assign_stories),
- a surname-only person named in full elsewhere in the story ("Usjakov" -> "Yuri Ushakov"),
  which also renames quote speakers,
- the dates of an article with no publication date that only a reference day resolves: a yearless
  date ("10. januar"), a weekday ("nesta segunda-feira (28)"), a day alone ("no dia 11"), read
  again against the story's date.
`link_articles` decides all three from a few columns of every article (so memory stays small
for big runs); `apply_links` then rewrites one batch's rows at a time. Stored articles keep
their story; only new articles' rows change.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from tasks.dates import extract_dates, resolve_yearless
from tasks.event_words import event_kinds
from tasks.name_words import name_word_keys
from tasks.stories import assign_stories, link_names_across_story

# Columns link_articles needs; linking_view keeps of the texts only what tells stories apart.
# what linking compares of an article's own text, formed in the worker processes (with_link_keys)
LINK_KEY_COLUMNS = ["name_words", "event_kinds"]
ARTICLE_COLUMNS = ["article_id", "published", "published_precision", "lang", "title", "text_en", *LINK_KEY_COLUMNS]
# what apply_links reads of an article: the text and language, to read an undated article's dates again
ARTICLE_LINK_COLUMNS = ["article_id", "published", "lang", "text_clean"]
ENTITY_COLUMNS = ["article_id", "type", "name"]
DATE_COLUMNS = ["article_id", "date_text"]  # linking compares day-precision dates by their text
NUMBER_COLUMNS = ["article_id", "value", "unit"]
TEXT_LEAD_CHARS = 2000


@dataclass
class Links:
    assignments: dict[str, str] = field(default_factory=dict)  # new article -> story
    renames: dict[tuple[str, str], str] = field(default_factory=dict)  # (article, person name) -> full name
    references: dict[str, date] = field(default_factory=dict)  # story -> date for yearless dates


def with_link_keys(article: dict) -> dict:
    """The article with what linking compares of its text: the sound keys of its name words and the kinds of
    event it names. Formed per article in the extraction workers, so linking reads two short lists per
    article instead of every text of the run."""
    title, text, lang = article.get("title"), article.get("text_clean"), article.get("lang")
    return {**article, "name_words": sorted(name_word_keys(title, text, lang)),
            "event_kinds": sorted(event_kinds(title, text, lang))}


def linking_view(article: dict) -> dict:
    """An article as linking sees it: the lead of its English text, and instead of its own text the sound
    keys of its name words and its kinds of event (formed here for stored articles, which keep none), so a
    run of 100,000 articles does not hold their texts."""
    view = {k: sys.intern(v) if k in ("lang", "published_precision") and v else v  # a few values, 100,000 rows
            for k, v in article.items() if k != "text_clean"}
    text = article.get("text_en")
    view["text_en"] = text[:TEXT_LEAD_CHARS] if text else text
    if article.get("name_words") is None or article.get("event_kinds") is None:
        article = with_link_keys(article)
    # tuples of shared strings, not sets: a tenth of the memory for the 100,000 articles of a big run
    view["name_words"] = tuple(map(sys.intern, article["name_words"]))
    kinds = frozenset(article["event_kinds"])
    if text and article.get("lang") != "en":  # English text, when translated, names the kind in English too
        kinds |= event_kinds(None, text, "en")
    view["event_kinds"] = tuple(sorted(map(sys.intern, kinds)))
    return view


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
                  stored_assignments: dict[str, str]) -> Links:
    """new/stored: {articles, entities, dates, numbers} with the *_COLUMNS above."""
    articles = stored["articles"] + new["articles"]
    entities = stored["entities"] + new["entities"]
    assignments = assign_stories(articles, entities, stored["dates"] + new["dates"],
                                 stored["numbers"] + new["numbers"], stored_assignments)
    new_ids = {a["article_id"] for a in new["articles"]}
    linked = link_names_across_story(entities, assignments)
    renames = {(old["article_id"], old["name"]): fresh["name"] for old, fresh in zip(entities, linked)
               if old["name"] != fresh["name"] and old["article_id"] in new_ids}
    return Links({aid: sid for aid, sid in assignments.items() if aid in new_ids}, renames,
                 story_reference_dates(articles, assignments))


def apply_links(rows: dict[str, list[dict]], links: Links) -> dict[str, list[dict]]:
    """One batch's articles, entities, dates and quotes with their story, full names and resolved dates."""
    articles = [{**a, "story_id": links.assignments.get(a["article_id"])} for a in rows["articles"]]
    entities = [{**e, "name": links.renames.get((e["article_id"], e["name"]), e["name"])} for e in rows["entities"]]
    quotes = [{**q, "speaker": links.renames.get((q["article_id"], q["speaker"]), q["speaker"])}
              for q in rows["quotes"]]
    by_article: dict[str, list[dict]] = defaultdict(list)
    for row in rows["dates"]:
        by_article[row["article_id"]].append(row)
    dates: list[dict] = []
    for art in articles:
        own = by_article.get(art["article_id"], [])
        reference = links.references.get(art["story_id"])
        if art.get("published") is None and reference is not None:
            if art.get("text_clean"):  # weekdays and days alone need a reference day to be dates at all
                own = extract_dates({"article_id": art["article_id"], "text_clean": art["text_clean"],
                                     "lang": art.get("lang")}, reference)
            elif own:
                own = resolve_yearless(own, reference)
        dates += own
    return {"articles": [{k: v for k, v in a.items() if k != "text_clean"} for a in articles], "entities": entities,
            "dates": dates, "quotes": quotes}
