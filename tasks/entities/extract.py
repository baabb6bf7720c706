"""The stage: the passes in their order over one article, and the rows they give."""

from __future__ import annotations

from tasks.entities.find_local_bodies import NESTED_PLACE
from tasks.entities.mentions import _Article
from tasks.entities.resolve import _resolve_persons


def extract_entities(article: dict) -> list[dict]:
    """Entity rows of one article: {article_id, type, name, surface, start_char, end_char}, one per mention."""
    a = _Article(article)
    if not a.text.strip():
        return []
    a.pass_landmarks()
    a.pass_local_bodies()
    a.pass_gazetteer()
    a.pass_ministries()
    a.pass_unknown_orgs()
    a.pass_descriptor_orgs()
    a.pass_article_orgs()
    a.pass_acronyms()
    a.pass_place_heads()
    a.pass_multiword_cities()
    a.pass_towns(min_words=2)
    a.pass_persons()
    persons = _resolve_persons(a)
    a.pass_surnames(persons)
    a.pass_cities()
    a.pass_towns()
    a.pass_unknown_places()
    a.pass_governments()
    return _rows(a)


def _rows(a: _Article) -> list[dict]:
    ms = sorted(a.mentions, key=lambda m: (m.start, -(m.end - m.start)))
    out: list[dict] = []
    last_end = -1
    for m in ms:
        if m.start < last_end and m.kind != NESTED_PLACE or not m.name:
            continue  # overlapping mentions: the first and longest wins, but a body keeps its place
        out.append({"article_id": a.article.get("article_id"), "type": m.type, "name": m.name,
                    "surface": a.text[m.start:m.end], "start_char": m.start, "end_char": m.end})
        last_end = max(last_end, m.end)
    return out


def extract_entities_batch(articles: list[dict]) -> list[dict]:
    """Stage function: entity rows of every article, in article order."""
    rows: list[dict] = []
    for art in articles:
        rows += extract_entities(art)
    return rows
