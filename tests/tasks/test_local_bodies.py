"""Local public bodies named with their place, under English names (tasks/rules/entities/local_bodies.toml)."""

from __future__ import annotations

import pytest

from tasks.entities import extract_entities
from tasks.entities.find_local_bodies import is_local_body


def organisations(text: str, lang: str) -> list[tuple[str, str]]:
    rows = extract_entities({"article_id": "t", "text_clean": text, "lang": lang})
    return [(r["name"], r["surface"]) for r in rows if r["type"] == "organization"]


@pytest.mark.parametrize("text, lang, expected", [
    # fourth set, dev (z10): the place after the body, as written
    ("Il Tribunale di Sala Consilina ha deciso. La Procura di Sala Consilina indaga.", "it",
     [("Court of Sala Consilina", "Tribunale di Sala Consilina"),
      ("Sala Consilina Public Prosecutor's Office", "Procura di Sala Consilina")]),
    # first set, dev (h02): the place before the body; a sentence's first word is no part of it
    ("Dün Muratpaşa Belediyesi açıklama yaptı.", "tr", [("Muratpaşa Municipality", "Muratpaşa Belediyesi")]),
    # seventh set, dev (u21): the body in the genitive, the place in the locative, named as the gazetteer names it
    ("Osoby mogą zgłaszać się do Komendy Powiatowej Policji w Krakowie pod nr tel. 47 83 57 640.", "pl",
     [("Kraków County Police Headquarters", "Komendy Powiatowej Policji w Krakowie")]),
    # linking words inside the place's name
    ("Actuaron los Bomberos de Castilla y León.", "es",
     [("Castile and León Fire Brigade", "Bomberos de Castilla y León")]),
])
def test_a_local_body_is_named_in_english_with_its_place(text, lang, expected):
    assert organisations(text, lang) == expected


def test_no_body_of_an_acronym_or_of_a_declined_place_nobody_listed():
    """First set, dev (c12, f14): "Govern de BeC" names no place; "Grad Petrinju" is Petrinja declined, which no
    list gives, so no "City of Petrinju"."""
    assert ("Government of BeC", "Govern de BeC") not in organisations("Ho ha dit el Govern de BeC avui.", "ca")
    assert all(not name.startswith("City of") for name, _ in organisations("Grad Petrinju je objavio popis.", "hr"))


def test_local_bodies_are_known_by_the_shape_of_their_english_names():
    assert is_local_body("Court of Sala Consilina") and is_local_body("Istanbul Metropolitan Municipality")
    assert not is_local_body("Olympiacos") and not is_local_body("European Commission")
