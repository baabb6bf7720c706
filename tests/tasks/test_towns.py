"""Small towns (1,000 to 15,000 people) after a locative preposition, in a language of their country."""

from __future__ import annotations

from tasks.entities import extract_entities


def locations(text: str, lang: str) -> list[tuple[str, str]]:
    rows = extract_entities({"article_id": "t", "text_clean": text, "lang": lang})
    return [(r["name"], r["surface"]) for r in rows if r["type"] == "location"]


def test_a_small_town_after_a_preposition_in_its_countrys_language():
    """Eighth set, dev (t15): two villages of Gelderland after "in" and "en"."""
    assert locations("Brand in Westervoort, ook in Angerlo rukte de brandweer uit.", "nl") == [
        ("Westervoort", "Westervoort"), ("Angerlo", "Angerlo")]


def test_a_declined_town_is_named_as_geonames_names_it():
    """Seventh set, dev (u21): "w Morawicy" is Morawica; eighth set, dev (t27): "la Bușteni"."""
    assert locations("Do wypadku doszło w Morawicy pod Kielcami.", "pl") == [("Morawica", "Morawicy"),
                                                                            ("Kielce", "Kielcami")]
    assert locations("Accidentul a avut loc la Bușteni, pe DN1.", "ro") == [("Bușteni", "Bușteni")]


def test_a_town_of_several_words_is_no_person():
    """Eighth set, dev (t09): "Nava de la Asunción" after "en" is a town, not a Nava."""
    assert locations("El herido fue trasladado en Nava de la Asunción.", "es") == [
        ("Nava de la Asunción", "Nava de la Asunción")]


def test_no_town_without_a_preposition_or_in_another_countrys_language():
    """Hosenfeld is a town of Hesse: named in German after "in", not as a sentence's first
    word, nor in Polish news; a Russian adjective made from a town's name ("на Новоорловской улице") is no town."""
    assert locations("Wohnhausbrand in Hosenfeld: 150.000 Euro Schaden.", "de") == [("Hosenfeld", "Hosenfeld")]
    assert locations("Hosenfeld meldet einen Brand.", "de") == []
    assert locations("Pożar domu w Hosenfeld.", "pl") == []
    assert locations("Пожар на Новоорловской улице.", "ru") == []


def test_an_everyday_word_is_no_town():
    """A village called Brand (Austria, Germany) is far rarer in German news than the word for a fire."""
    assert locations("Die Feuerwehr kämpfte in Brand gesetzten Häusern.", "de") == []
