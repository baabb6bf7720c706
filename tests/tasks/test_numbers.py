"""Numbers stage: each language's separators, units normalised to English, and what is not a figure."""

from __future__ import annotations

from datetime import date

import pytest

from tasks.dates import extract_dates
from tasks.numbers import LANGUAGES, english_singular, extract_numbers, load_rules, parse_number


def nums(text: str, lang: str, published: date | None = None) -> list[tuple[str, float, str | None]]:
    art = {"article_id": "a1", "text_clean": text, "lang": lang, "published": published,
           "published_precision": "day" if published else None}
    return [(r["surface"], r["value"], r["unit"]) for r in extract_numbers(art)]


@pytest.mark.parametrize("lang,text,expected", [
    ("nb", "De snakket på telefon i 50 minutter torsdag kveld.", ("50 minutter", 50.0, "minute")),
    ("nb", "etter å ha samlet rundt 100.000 soldater ved grensen", ("100.000 soldater", 100000.0, "soldier")),
    ("nb", "Veksten var 3,9% i fjor.", ("3,9%", 3.9, "percent")),
    ("en", "shares closed at $41.28 on Friday", ("$41.28", 41.28, "USD")),
    ("de", "Die Verhandlungen dauerten 7,5 Stunden.", ("7,5 Stunden", 7.5, "hour")),
    ("en", "after the 50-minute phone call", ("50-minute", 50.0, "minute")),
    ("fr", "Près de 100 000 militaires sont massés à la frontière.", ("100 000 militaires", 100000.0, "soldier")),
    ("nb", "Prosjektet koster 1,5 millioner.", ("1,5 millioner", 1500000.0, None)),
    ("nb", "1,5 millioner kroner", ("1,5 millioner kroner", 1500000.0, "NOK")),
    ("de", "Das Telefongespräch dauerte etwa 50 Minuten.", ("50 Minuten", 50.0, "minute")),
    ("de", "ein 50-minütiges Telefonat", ("50-minütiges", 50.0, "minute")),
    ("nb", "en 50-minutters samtale", ("50-minutters", 50.0, "minute")),
    ("es", "Unos 100.000 soldados rusos", ("100.000 soldados", 100000.0, "soldier")),
    ("es", "un crédito de 1,5 millones de dólares", ("1,5 millones de dólares", 1500000.0, "USD")),
    ("it", "una telefonata di 50 minuti", ("50 minuti", 50.0, "minute")),
    ("pt", "cerca de 3,9 por cento", ("3,9 por cento", 3.9, "percent")),
    ("pl", "inflacja wyniosła 6,2 proc.", ("6,2 proc.", 6.2, "percent")),
    ("pl", "100 tys. żołnierzy", ("100 tys. żołnierzy", 100000.0, "soldier")),
    ("ro", "ploi de 150 de litri pe metru pătrat", ("150 de litri", 150.0, "liter")),
    ("ro", "peste 300 de persoane au fost evacuate", ("300 de persoane", 300.0, "person")),
    ("tr", "enflasyon yüzde 64,8 oldu", ("yüzde 64,8", 64.8, "percent")),
    ("tr", "faiz %3,5 arttı", ("%3,5", 3.5, "percent")),
    ("tr", "limanlardan 200'den fazla gemi ayrıldı", ("200'den fazla gemi", 200.0, "ship")),
    ("tr", "50 dakikalık görüşme", ("50 dakikalık", 50.0, "minute")),
    ("ru", "около 100 тысяч военнослужащих", ("100 тысяч военнослужащих", 100000.0, "soldier")),
    ("ru", "разговор длился около 40 минут", ("40 минут", 40.0, "minute")),
    ("uk", "пройшли понад 200 суден", ("200 суден", 200.0, "ship")),
    ("sv", "upp till 40 centimeter snö", ("40 centimeter", 40.0, "centimeter")),
    ("da", "renten hæves til 4,5 procent", ("4,5 procent", 4.5, "percent")),
    ("nl", "Ruim 52.000 toeschouwers zagen de wedstrijd.", ("52.000 toeschouwers", 52000.0, "spectator")),
    ("nn", "i 50 minutt", ("50 minutt", 50.0, "minute")),
    ("en", "more than 100,000 Russian troops", ("100,000 Russian troops", 100000.0, "troop")),
    ("en", "gusts of up to 100mph", ("100mph", 100.0, "mph")),
    ("en", "left 10,000 homes without power", ("10,000 homes", 10000.0, "home")),
    ("en", "a $5bn loan", ("$5bn", 5e9, "USD")),
    ("de", "10 Milliarden Euro", ("10 Milliarden Euro", 1e10, "EUR")),
])
def test_value_and_unit(lang, text, expected):
    assert expected in nums(text, lang)


@pytest.mark.parametrize("lang,text,expected", [
    ("en", "fifty minutes", ("fifty minutes", 50.0, "minute")),
    ("nb", "femti soldater", ("femti soldater", 50.0, "soldier")),
    ("de", "fünfzig Soldaten", ("fünfzig Soldaten", 50.0, "soldier")),
    ("fr", "cinquante soldats", ("cinquante soldats", 50.0, "soldier")),
    ("ru", "двадцать пять минут", ("двадцать пять минут", 25.0, "minute")),
    ("tr", "yirmi beş dakika", ("yirmi beş dakika", 25.0, "minute")),
    ("en", "two million people", ("two million people", 2e6, "person")),
])
def test_number_words_with_a_unit(lang, text, expected):
    assert nums(text, lang) == [expected]


def test_number_words_alone_or_before_an_unlisted_noun_are_not_figures():
    assert nums("one of two paths; the two leaders spoke", "en") == []
    assert nums("De to landene og en time", "nb") == []


def test_separators_follow_the_language():
    assert nums("1,500 soldiers", "en") == [("1,500 soldiers", 1500.0, "soldier")]
    assert nums("1,500 Soldaten", "de") == [("1,500 Soldaten", 1.5, "soldier")]
    assert nums("1.500 Soldaten", "de") == [("1.500 Soldaten", 1500.0, "soldier")]
    assert nums("1.000,5 Tonnen", "de") == [("1.000,5 Tonnen", 1000.5, "ton")]
    assert nums("1,250,000 people", "en") == [("1,250,000 people", 1250000.0, "person")]
    assert nums("rose 3.9 percent", "en") == [("3.9 percent", 3.9, "percent")]


def test_parse_number_directly():
    en, de, nb = load_rules("en"), load_rules("de"), load_rules("nb")
    assert parse_number("100.000", ".", nb) == 100000.0
    assert parse_number("3,9", None, nb) == 3.9
    assert parse_number("41.28", None, en) == 41.28
    assert parse_number("1,500", ",", de) == 1.5


def test_years_are_not_numbers():
    assert nums("Nato åpnet for medlemskap i 2008.", "nb") == []
    assert nums("the 2014 annexation of Crimea", "en") == []
    assert nums("2000 soldiers", "en") == [("2000 soldiers", 2000.0, "soldier")]  # a count with a unit is a figure


def test_day_numbers_inside_dates_are_not_numbers():
    assert nums("10. januar skal utsendinger møtes", "nb", date(2021, 12, 31)) == []
    assert nums("on January 9-10 in Geneva, 50 minutes", "en") == [("50 minutes", 50.0, "minute")]
    assert nums("Talks on January 10. Two days later NATO meets.", "en") == []


def test_the_date_rows_given_are_used():
    art = {"article_id": "a1", "text_clean": "on December 7, a 50-minute call", "lang": "en", "published": None}
    dates = extract_dates(art)
    assert [r["surface"] for r in dates] == ["December 7"]
    assert [r["surface"] for r in extract_numbers(art, dates)] == ["50-minute"]
    assert [r["surface"] for r in extract_numbers(art, [])] == ["7", "50-minute"]  # without date spans the day leaks


@pytest.mark.parametrize("lang,text", [
    ("en", "the 10th round"), ("en", "the 2nd time"), ("nb", "under 2. verdenskrig"), ("de", "im 2. Weltkrieg"),
    ("fr", "le 1er tour"), ("en", "at 14:30 GMT"), ("nb", "kl. 14 i dag"), ("de", "um 14 Uhr"),
    ("en", "the G7 summit"), ("en", "F-16 jets"), ("en", "COVID-19 rules"), ("en", "open 24/7"), ("tr", "2. Dünya Savaşı"),
])
def test_ordinals_clock_times_and_codes_are_not_figures(lang, text):
    assert nums(text, lang) == []


def test_a_range_shares_its_unit():
    assert nums("9-10 soldiers", "en") == [("9", 9.0, "soldier"), ("10 soldiers", 10.0, "soldier")]
    assert nums("mellom 1 og 2 millioner kroner", "nb") == [("1", 1e6, "NOK"), ("2 millioner kroner", 2e6, "NOK")]


def test_bare_numbers_have_no_unit():
    assert nums("Nato har 30 medlemmer og 12 av dem", "nb") == [("30 medlemmer", 30.0, "member"), ("12", 12.0, None)]


def test_unsupported_language_uses_english_conventions():
    assert nums("noin 50 minutes", "fi") == [("50 minutes", 50.0, "minute")]


def test_english_singular():
    assert [english_singular(w) for w in ["homes", "countries", "people", "children", "boxes", "gates", "news"]] == \
        ["home", "country", "person", "child", "box", "gate", "news"]


def test_every_language_has_rules_with_units():
    for lang in LANGUAGES:
        r = load_rules(lang)
        assert {"minute", "percent", "soldier", "USD"} <= set(r.unit_of.values()) | set(r.prefix_unit.values()), lang


def test_offsets_point_into_text_clean():
    text = "Russland har samlet rundt 100.000 soldater, og samtalen varte i 50 minutter."
    art = {"article_id": "a1", "text_clean": text, "lang": "nb", "published": None}
    for r in extract_numbers(art):
        assert text[r["start_char"]:r["start_char"] + len(r["surface"])] == r["surface"]
        assert r["article_id"] == "a1"


def test_clock_ranges_are_times_not_figures():
    assert nums("Forbruket nådde 25.400 megawatt mellom klokken 8 og 9.", "nb") == [
        ("25.400 megawatt", 25400.0, "megawatt")]
    assert nums("Der Verbrauch erreichte zwischen 8 und 9 Uhr 25.400 Megawatt.", "de") == [
        ("25.400 Megawatt", 25400.0, "megawatt")]
    assert nums("mobilisées depuis 4 heures du matin", "fr") == []


def test_a_word_range_needs_its_opening_preposition():
    assert nums("I Sverige steg priset i elområde 4 till 3,20 kronor.", "sv") == [
        ("4", 4.0, None), ("3,20 kronor", 3.2, "SEK")]
    assert nums("rose from 4 to 5 percent", "en") == [("4", 4.0, "percent"), ("5 percent", 5.0, "percent")]


def test_currency_words_follow_the_language_and_the_adjective():
    assert nums("4,12 norska kronor", "sv") == [("4,12 norska kronor", 4.12, "NOK")]
    assert nums("4,12 kronor", "sv") == [("4,12 kronor", 4.12, "SEK")]
    assert nums("4,12 kroner", "da") == [("4,12 kroner", 4.12, "DKK")]
    assert nums("4,12 kroner", "nb") == [("4,12 kroner", 4.12, "NOK")]
    assert nums("4,12 Kronen, das sind rund 35 Cent", "de") == [("4,12 Kronen", 4.12, "crown"), ("35 Cent", 35.0, "cent")]
