"""The CPU-bound stages of one chunk of new articles, in order: clean, language, extraction.

One plain function over plain data, so a worker process (or a Dask worker) can run a whole
chunk with one hand-over: article dicts in, rows for every table out. Each stage keeps its
own module; this one only chains them and times them.
"""

from __future__ import annotations

import time
from collections import defaultdict
from datetime import date

from schemas import EXTRACTED_TABLES, PER_ARTICLE_TABLES
from tasks.clean import clean_articles
from tasks.dates import extract_dates
from tasks.entities import extract_entities
from tasks.language import detect_languages
from tasks.link import with_link_keys
from tasks.numbers import extract_numbers
from tasks.quotes import extract_quotes
from tasks.timestamps import written_dates

TABLES = PER_ARTICLE_TABLES  # what a transform returns rows of


# one short article that goes through every stage, so that each stage loads its rules and models
_WARM_UP = {"article_id": "warm-up", "title": None, "published": None, "source_file": "warm-up.txt",
            "text_raw": 'Berlin, 3 March 2024 (Reuters) - Angela Merkel met the United Nations. "We agree," she said.'}


def warm_up() -> None:
    """Load every stage's rules and models in this process (a worker runs it before its first batch)."""
    transform_articles([dict(_WARM_UP)])


def extract_fields(articles: list[dict], removed: list[dict] | None = None) -> dict[str, list[dict]]:
    """Entities, dates, numbers and quotes of each article (from its original text)."""
    out: dict[str, list[dict]] = defaultdict(list)
    stamped = update_stamps(removed or [])
    for art in articles:
        entities = extract_entities(art)
        dates = extract_dates(art, stamped=stamped.get(art["article_id"]))
        out["entities"] += entities
        out["dates"] += dates
        out["numbers"] += extract_numbers(art, dates)
        out["quotes"] += extract_quotes(art, entities)
    return out


def update_stamps(removed: list[dict]) -> dict[str, date]:
    """The latest date of each article's removed timestamp lines (a page's "updated" stamp dates it roughly)."""
    out: dict[str, date] = {}
    for r in removed:
        if r["reason"] == "timestamp":
            for _, _, day in written_dates(r["text"]):
                out[r["article_id"]] = max(day, out.get(r["article_id"], day))
    return out


def transform_articles(items: list[dict]) -> dict:
    """Clean, detect language and extract; articles that are nothing but boilerplate are set aside.

    Returns {table: rows} for TABLES, plus "only_boilerplate" (the set-aside articles with
    the reasons of their removed lines) and "seconds" (CPU seconds per stage).
    """
    seconds: dict[str, float] = {}
    t0 = time.perf_counter()
    cleaned, removed = clean_articles(items)
    empty = {a["article_id"] for a in cleaned if not a["text_clean"].strip()}
    reasons: dict[str, set[str]] = defaultdict(set)
    for r in removed:
        if r["article_id"] in empty:
            reasons[r["article_id"]].add(r["reason"])
    only_boilerplate = [{**a, "reasons": sorted(reasons[a["article_id"]])} for a in cleaned if a["article_id"] in empty]
    cleaned = [a for a in cleaned if a["article_id"] not in empty]
    removed = [r for r in removed if r["article_id"] not in empty]
    t1 = time.perf_counter()
    articles, paragraphs = detect_languages(cleaned)
    t2 = time.perf_counter()
    fields = extract_fields(articles, removed)
    articles = [with_link_keys(a) for a in articles]
    t3 = time.perf_counter()
    seconds = {"clean": t1 - t0, "language": t2 - t1, "extract": t3 - t2}
    return {"articles": articles, "removed_lines": removed, "paragraphs": paragraphs, **{
        t: fields.get(t, []) for t in EXTRACTED_TABLES},
        "only_boilerplate": only_boilerplate, "seconds": seconds}


def merge_results(parts: list[dict]) -> dict:
    """Concatenate the results of several chunks (in order) and add up their seconds."""
    merged: dict = {t: [] for t in (*TABLES, "only_boilerplate")}
    merged["seconds"] = defaultdict(float)
    for part in parts:
        for table in (*TABLES, "only_boilerplate"):
            merged[table] += part[table]
        for stage, secs in part["seconds"].items():
            merged["seconds"][stage] += secs
    merged["seconds"] = dict(merged["seconds"])
    return merged
