"""The stage: the passes in their order over one article, and the rows they give."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from tasks.entities.data import ORG
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
        if m.type == ORG and _agency_credit(a.text, m.start, m.end, m.name):
            continue
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


# a photographer's or another agency's name of two words after a slash: "EPA/CHRISTOPHE PETIT TESSON", "AFP/Getty
# Images" (not "ΑΠΕ/ΜΠΕ", one agency's name written with a slash)
_SLASHED = re.compile(r"/\s*[^\W\d_][\w.'’-]*\s+[^\W\d_]*[A-ZÀ-ÖØ-ÞΑ-ΩА-Я][\w.'’-]*")
_PARENTHESISED_MARK = re.compile(r"\([^\W\d_]+(?:\s*/\s*[^\W\d_]+)*\)")  # "(dpa/lno)", "(AFP)", "(Belga)"
_DATELINE_PLACE = re.compile(r"\s*(?:[A-ZÀ-ÖØ-ÞĀ-ŽΑ-ΩА-Я][\w.'’-]*[\s,]*){0,3}")  # "", "Hamburg ", "NEW YORK, "
_SENTENCE_END = re.compile(r"(?:^|[.!?…»”\"]\s+)$")


def _agency_credit(text: str, start: int, end: int, name: str) -> bool:
    """An agency named as a credit, not as an organisation in the story: glued to a photographer's name by a slash
    ("EPA/CHRISTOPHE PETIT TESSON", "AFP/Getty Images", a line ending "Gollnow/dpa"), or in capitals ending its line
    after a sentence ("... since 1986. REUTERS"). The labelling conventions count credits as neither persons nor
    organisations."""
    surface = text[start:end]
    agency = _fold(name) in _agencies()  # by the name it resolved to: "(Ap)" is Norway's Labour Party, not AP
    if (surface.isupper() or agency) and _SLASHED.match(text, end):
        return True  # a photo agency too ("EPA/..."), which the agency list leaves out: "the EPA said" is a speaker
    if not agency:
        return False
    line_start = text.rfind("\n", 0, start) + 1
    opening, closing = text.rfind("(", max(0, start - 12), start + 1), text.find(")", end, end + 12)
    if 0 <= opening and 0 <= closing and _PARENTHESISED_MARK.fullmatch(text, opening, closing + 1) \
            and _DATELINE_PLACE.fullmatch(text, line_start, opening):
        return True  # "Hamburg (dpa/lno). Mehr als ...": the agency's mark on a dateline, not "Olav Traaen (NRK)"
    line_end = text.find("\n", end)
    after = text[end:line_end if line_end >= 0 else len(text)]
    if after.strip(" .,;:)-–—"):
        return False
    # "Foto: Sebastian Gollnow/dpa" ends its line; "... since 1986. REUTERS" too
    return bool(re.search(r"[^\W\d_]\s*/\s*$", text[line_start:start])) or \
        surface.isupper() and bool(_SENTENCE_END.search(text[line_start:start]))


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c)).strip()


@lru_cache(maxsize=1)
def _agencies() -> frozenset[str]:
    from tasks.rulefiles import read_rules

    path = Path(__file__).resolve().parent.parent / "rules" / "quotes" / "agencies.toml"
    return frozenset(_fold(name) for name in read_rules(path, "quote")["agencies"])
