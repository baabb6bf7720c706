"""The stage: the passes in their order over one article, and the rows they give."""

from __future__ import annotations

import re

from tasks.entities.data import ORG
from tasks.entities.find_local_bodies import NESTED_PLACE
from tasks.entities.mentions import _Article
from tasks.entities.resolve import _resolve_persons
from tasks.quote_rules import is_news_agency


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
# the place a dateline's agency mark follows: "", "Hamburg ", "NEW YORK, "
_PLACE_BEFORE_MARK = re.compile(r"\s*(?:[A-ZÀ-ÖØ-ÞĀ-ŽΑ-ΩА-Я][\w.'’-]*[\s,]*){0,3}")
_SENTENCE_END = re.compile(r"(?:^|[.!?…»”\"]\s+)$")


def _agency_credit(text: str, start: int, end: int, name: str) -> bool:
    """An agency named as a credit, not as an organisation in the story: glued to a photographer's name by a
    slash ("EPA/CHRISTOPHE PETIT TESSON", "AFP/Getty Images", a line ending "Gollnow/dpa"), in capitals ending
    its line after a sentence ("... since 1986. REUTERS"), or marking a dateline ("Hamburg (dpa/lno)."). The
    labelling conventions count credits as neither persons nor organisations."""
    surface = text[start:end]
    agency = is_news_agency(name)  # by the name it resolved to: "(Ap)" is Norway's Labour Party, not AP
    if (surface.isupper() or agency) and _SLASHED.match(text, end):
        return True  # a photo agency too ("EPA/..."), which the agency list leaves out: "the EPA said" is a speaker
    if not agency:
        return False
    line_start = text.rfind("\n", 0, start) + 1
    opening, closing = text.rfind("(", max(0, start - 12), start + 1), text.find(")", end, end + 12)
    if 0 <= opening and 0 <= closing and _PARENTHESISED_MARK.fullmatch(text, opening, closing + 1) \
            and _PLACE_BEFORE_MARK.fullmatch(text, line_start, opening):
        return True  # "Hamburg (dpa/lno). Mehr als ...", not "Olav Traaen (NRK)"
    line_end = text.find("\n", end)
    after = text[end:line_end if line_end >= 0 else len(text)]
    if after.strip(" .,;:)-–—"):
        return False
    # "Foto: Sebastian Gollnow/dpa" ends its line; "... since 1986. REUTERS" too
    return bool(re.search(r"[^\W\d_]\s*/\s*$", text[line_start:start])) or \
        surface.isupper() and bool(_SENTENCE_END.search(text[line_start:start]))

