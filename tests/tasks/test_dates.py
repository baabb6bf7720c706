"""Dates stage: exact values per language and for every trap listed in issue 5 and the reference notes."""

from __future__ import annotations

from datetime import date

import pytest

from tasks.dates import LANGUAGES, extract_dates, load_rules, resolve_yearless

FRI = date(2021, 12, 31)  # a Friday; the reference date of most tests
DEC = date(2021, 12, 1)   # month-precision reference (published 2021-12)


def rows(text: str, lang: str, published: date | None = None, precision: str | None = None, **kw) -> list[dict]:
    if published is not None and precision is None:
        precision = "day"
    art = {"article_id": "a1", "text_clean": text, "lang": lang, "published": published,
           "published_precision": precision}
    return extract_dates(art, **kw)


def values(text: str, lang: str, published: date | None = None, precision: str | None = None) -> list[str]:
    return [r["date_text"] for r in rows(text, lang, published, precision)]


# ------------------------------------------------------------------ the examples of the issue

def test_norwegian_day_dot_month_keeps_the_day_and_resolves_forward():
    # dateparser returns only "januar" here; the reference is the publication month (2021-12)
    [r] = rows("10. januar skal utsendinger fra USA og Russland holde sikkerhetssamtaler i Genève.", "nb", DEC, "month")
    assert (r["surface"], r["date_text"], r["date"], r["precision"], r["start_char"]) == \
        ("10. januar", "2022-01-10", date(2022, 1, 10), "day", 0)


def test_german_am_07_dezember_without_reference_stays_yearless():
    [r] = rows("Bei dem Videogipfel am 07. Dezember diskutierten Biden und Putin.", "de")
    assert (r["surface"], r["date_text"], r["date"], r["precision"]) == ("07. Dezember", "--12-07", None, "month_day")


def test_january_9_10_is_two_days_not_the_year_2110():
    got = rows("bilateral dialogue on strategic stability on January 9-10 in Geneva", "en", FRI)
    assert [(r["date_text"], r["surface"]) for r in got] == [("2022-01-09", "January 9-10"), ("2022-01-10", "January 9-10")]


def test_nordic_range_with_dots_and_en_dash():
    assert values("Møtene holdes 9.–10. januar i Genève.", "nb", FRI) == ["2022-01-09", "2022-01-10"]


def test_on_the_10th_dot_january():
    assert values("the forthcoming Russia-US talks on the 10th. January in Geneva", "en") == ["--01-10"]


@pytest.mark.parametrize("lang,text,expected", [
    ("fr", "La réunion aura lieu le 13 janvier à Vienne.", "2022-01-13"),
    ("ru", "Переговоры пройдут 10 января в Женеве.", "2022-01-10"),
    ("en", "Representatives plan to meet in Geneva on January 10th.", "2022-01-10"),
    ("en", "Biden and Putin last had a video call on December 7th.", "2021-12-07"),
    ("es", "Se reunieron el 7 de diciembre por videoconferencia.", "2021-12-07"),
    ("it", "Il vertice è previsto per il 10 gennaio.", "2022-01-10"),
    ("pt", "O encontro está marcado para 10 de janeiro.", "2022-01-10"),
    ("pl", "Spotkanie odbędzie się 10 stycznia w Genewie.", "2022-01-10"),
    ("uk", "Переговори відбудуться 10 січня у Женеві.", "2022-01-10"),
    ("tr", "Görüşmeler 10 Ocak'ta Cenevre'de yapılacak.", "2022-01-10"),
    ("ro", "Negocierile vor avea loc pe 10 ianuarie la Geneva.", "2022-01-10"),
    ("nl", "De gesprekken vinden plaats op 10 januari in Genève.", "2022-01-10"),
    ("sv", "Samtalen hålls den 10 januari i Genève.", "2022-01-10"),
    ("da", "Samtalerne finder sted den 10. januar i Genève.", "2022-01-10"),
    ("nn", "Samtalane skal haldast 10. januar i Genève.", "2022-01-10"),
    ("de", "Für den 10. Januar ist ein Treffen in Genf geplant.", "2022-01-10"),
])
def test_yearless_day_month_in_every_language_resolves_to_the_nearest_occurrence(lang, text, expected):
    assert values(text, lang, FRI) == [expected]


@pytest.mark.parametrize("lang,text", [
    ("nb", "13. januar 2022"), ("nn", "13. januar 2022"), ("da", "13. januar 2022"), ("sv", "13 januari 2022"),
    ("de", "13. Januar 2022"), ("nl", "13 januari 2022"), ("fr", "13 janvier 2022"), ("es", "13 de enero de 2022"),
    ("it", "13 gennaio 2022"), ("pt", "13 de janeiro de 2022"), ("pl", "13 stycznia 2022 r."), ("ro", "13 ianuarie 2022"),
    ("tr", "13 Ocak 2022"), ("ru", "13 января 2022 года"), ("uk", "13 січня 2022 року"), ("en", "January 13, 2022"),
])
def test_full_dates_in_every_language(lang, text):
    [r] = rows(f"… {text} …", lang)
    assert (r["surface"], r["date_text"], r["date"], r["precision"]) == (text, "2022-01-13", date(2022, 1, 13), "day")


def test_every_supported_language_has_rules():
    from tasks.languages import SUPPORTED

    assert LANGUAGES is SUPPORTED  # the registry, tasks/rules/languages.toml
    for lang in LANGUAGES:
        r = load_rules(lang)
        assert len({m for m in r.month_of.values()}) == 12 and len(set(r.weekday_of.values())) == 7


def test_inflected_month_forms_from_cldr_and_rules():
    # genitive from CLDR, prepositional/locative added in the language files
    assert values("в январе", "ru", FRI) == ["2022-01"]
    assert values("w styczniu", "pl", FRI) == ["2022-01"]
    assert values("у січні", "uk", FRI) == ["2022-01"]
    assert values("20 stycznia", "pl", FRI) == ["2022-01-20"]


def test_el_pasado_dia_7():
    [r] = rows("La reunión del pasado día 7 terminó sin acuerdo.", "es", FRI)
    assert (r["date_text"], r["precision"]) == ("2021-12-07", "day")
    assert rows("La reunión del pasado día 7 terminó sin acuerdo.", "es") == []  # no month to hang it on


def test_yearless_resolution_is_nearest_to_the_reference_across_new_year():
    assert values("on January 10 and on December 7", "en", FRI) == ["2022-01-10", "2021-12-07"]
    assert values("on January 10 and on December 7", "en", date(2022, 2, 15)) == ["2022-01-10", "2021-12-07"]
    assert values("on January 10 and on December 7", "en", date(2022, 11, 20)) == ["2023-01-10", "2022-12-07"]


def test_past_and_future_modifiers_on_yearless_dates():
    assert values("le 13 janvier prochain", "fr", date(2022, 1, 20)) == ["2023-01-13"]
    assert values("el pasado 7 de diciembre", "es", date(2021, 12, 1)) == ["2020-12-07"]


# ------------------------------------------------------------------ month-only and year-only

def test_month_with_this_year():
    [r] = rows("Biden og Putin møttes i Genève i juni i år.", "nb", DEC, "month")
    assert (r["surface"], r["date_text"], r["date"], r["precision"]) == ("juni i år", "2021-06", None, "month")


@pytest.mark.parametrize("lang,text,expected", [
    ("en", "Biden and Putin met in Geneva in June.", "2021-06"),            # six months back: the past June
    ("en", "talks planned for January between the two countries", "2022-01"),  # one month ahead: the coming one
    ("en", "They will meet next June.", "2022-06"),
    ("en", "They met last January.", "2021-01"),
    ("de", "Das Treffen im Juni nächsten Jahres", "2022-06"),
    ("de", "seit Anfang Dezember", "2021-12"),
    ("fr", "Ils se sont rencontrés en juin dernier.", "2021-06"),
    ("es", "a finales de enero", "2022-01"),
    ("nb", "i juni i fjor", "2020-06"),
    ("tr", "Görüşmeler Ocak ayında yapılacak.", "2022-01"),
])
def test_month_only_mentions(lang, text, expected):
    assert values(text, lang, FRI) == [expected]


def test_month_with_explicit_year_needs_no_reference():
    assert values("Inflation in December 2023 was high.", "en") == ["2023-12"]
    assert values("w grudniu 2023 r. inflacja spadła", "pl") == ["2023-12"]


def test_month_only_without_reference_or_context_is_skipped():
    assert values("Biden and Putin met in Geneva in June.", "en") == []
    assert values("June was hot.", "en", FRI) == []  # no preposition, modifier or year


@pytest.mark.parametrize("lang,text,surface", [
    ("nb", "Nato åpnet for medlemskap i 2008, men siden har ingenting skjedd.", "2008"),
    ("en", "annexed Crimea in 2014", "2014"),
    ("ru", "в 2008 году", "2008 году"),
    ("pl", "w 2008 roku", "2008 roku"),
    ("tr", "2008'de", "2008'de"),
    ("de", "im Jahr 2008", "2008"),
])
def test_year_only_mentions(lang, text, surface):
    [r] = rows(text, lang)
    assert (r["surface"], r["date_text"], r["date"], r["precision"]) == (surface, "2008" if "2008" in text else "2014",
                                                                         None, "year")


def test_a_bare_four_digit_number_is_not_a_year_mention():
    assert rows("Russland har samlet 2008 soldater ved grensen.", "nb") == []


# ------------------------------------------------------------------ weekdays

@pytest.mark.parametrize("lang,text", [
    ("nb", "diskuterte på telefon torsdag kveld"), ("en", "Biden told Putin on Thursday"),
    ("de", "eine am Donnerstag abgegebene Erklärung"), ("fr", "jeudi, les deux présidents"),
    ("es", "el jueves por la noche"), ("it", "giovedì sera"), ("ru", "в четверг вечером"),
    ("pl", "w czwartek wieczorem"), ("uk", "у четвер ввечері"), ("tr", "Perşembe günü"), ("sv", "i torsdags"),
])
def test_weekday_resolves_to_the_past_week(lang, text):
    [r] = rows(text, lang, FRI)
    assert (r["date_text"], r["precision"]) == ("2021-12-30", "day")


def test_weekday_genitive_and_definite_forms():
    assert values("Torsdagens telefonsamtale", "nb", FRI) == ["2021-12-30"]


def test_weekday_on_the_publication_day_is_that_day_and_next_means_coming():
    assert values("on Friday", "en", FRI) == ["2021-12-31"]
    assert values("next Monday", "en", FRI) == ["2022-01-03"]
    assert values("last Friday", "en", FRI) == ["2021-12-24"]
    assert values("pe 12 septembrie, cod roșu până joi seară", "ro", date(2023, 9, 13)) == ["2023-09-12", "2023-09-14"]


def test_weekdays_need_a_day_precise_reference():
    assert values("torsdag kveld", "nb") == []
    assert values("torsdag kveld", "nb", DEC, "month") == []  # published 2021-12 only: which Thursday?


def test_weekday_next_to_a_date_is_part_of_it():
    assert values("torsdag 10. januar", "nb", FRI) == ["2022-01-10"]
    assert values("Thursday, January 10", "en", FRI) == ["2022-01-10"]


# ------------------------------------------------------------------ relative phrases

def test_two_days_later_counts_from_the_date_before_it():
    text = "Representatives plan to meet in Geneva on January 10th. Talks between Russia and NATO are planned two days later."
    assert [(r["surface"], r["date_text"]) for r in rows(text, "en", FRI)] == \
        [("January 10th", "2022-01-10"), ("two days later", "2022-01-12")]
    assert [r["date_text"] for r in rows(text, "en")] == ["--01-10", "--01-12"]


def test_relative_phrases_in_other_languages():
    assert values("Møtet er 10. januar. To dager senere møtes Nato.", "nb", FRI) == ["2022-01-10", "2022-01-12"]
    assert values("Das Treffen ist am 10. Januar, am Tag danach tagt die NATO.", "de", FRI) == ["2022-01-10", "2022-01-11"]
    assert values("La réunion a lieu le 10 janvier ; le lendemain, l'OTAN se réunit.", "fr", FRI) == ["2022-01-10", "2022-01-11"]


def test_relative_phrase_without_an_anchor_is_skipped():
    assert rows("Talks are planned two days later.", "en", FRI) == []


# ------------------------------------------------------------------ junk that dateparser produces

def test_german_function_words_are_not_weekdays():
    text = "Die Spannungen mit der Ukraine, so hieß es, seien die größte Sorge. Mit Verbündeten sprach er so."
    assert rows(text, "de", FRI) == []


def test_fifty_minute_is_not_the_year_2050():
    assert rows("after the 50-minute phone call, almost an hour", "en", FRI) == []


def test_lower_case_may_and_march_are_not_months_in_english():
    assert rows("Russia may march on Kyiv; 10 may follow.", "en", FRI) == []


def test_romanian_mai_and_luni_ambiguities():
    assert rows("Cu 10 mai mulți soldați. În mai multe orașe. De trei luni.", "ro", FRI) == []
    assert values("Pe 10 mai, la Geneva.", "ro", FRI) == ["2022-05-10"]


def test_turkish_lower_case_pazar_is_a_market_not_sunday():
    assert rows("Pazar yeri kalabalıktı; pazar açıldı.", "tr", FRI) == [] or \
        values("pazar açıldı.", "tr", FRI) == []


def test_iso_and_numeric_dates():
    assert values("Published 2022-01-10.", "en") == ["2022-01-10"]
    assert values("Sitzung am 10.01.2022 in Berlin, am 7.12. in Bonn", "de", FRI) == ["2022-01-10", "2021-12-07"]
    assert values("rose 3.9 percent and 100.000 soldiers", "en") == []


def test_invalid_calendar_dates_are_dropped():
    assert rows("on February 30, in the night", "en", FRI) == []
    assert rows("den 31. april", "nb", FRI) == []


def test_unsupported_language_reads_iso_dates_before_month_names():
    assert values("Kokous pidetään 10. tammikuuta 2022-01-10.", "fi") == ["2022-01-10"]


@pytest.mark.parametrize("text, lang, published, expected", [
    # day month [year], with the language's own month forms (genitives included)
    ("От 1 януари страната е в еврозоната.", "bg", date(2026, 1, 19), ["2026-01-01"]),
    ("La sessió del 29 de novembre 2018 va durar poc.", "ca", None, ["2018-11-29"]),
    ("Utakmica je odigrana 12. svibnja 2024. u Zagrebu, a 3. lipnja slijedi uzvrat.", "hr", None,
     ["2024-05-12", "2024-06-03"]),  # (no publication date: the year of the latest full date in the text)
    ("Η συνάντηση έγινε στις 5 Μαρτίου 2023 στην Αθήνα.", "el", None, ["2023-03-05"]),
    # month day with a case ending, and year month (month precision)
    ("A tanács a február 24-i ülésén döntött, legutóbb 2024. szeptemberében lépett.", "hu", None,
     ["--02-24", "2024-09"]),
    ("A díjat december 10-én adják át.", "hu", date(2023, 10, 2), ["2023-12-10"]),
])
def test_languages_without_rules_read_dates_written_with_their_cldr_month_names(text, lang, published, expected):
    assert values(text, lang, published) == expected


def test_a_bare_month_name_in_a_language_without_rules_is_not_a_date():
    assert values("Maj Sjöwall skrev om listopad och om Mars.", "hr") == []


# ------------------------------------------------------------------ later resolution with a story's date

def test_resolve_yearless_uses_the_story_date():
    got = rows("Bei dem Videogipfel am 07. Dezember und am 10. Januar", "de")
    assert [r["date_text"] for r in got] == ["--12-07", "--01-10"]
    resolved = resolve_yearless(got, date(2021, 12, 30))
    assert [(r["date_text"], r["date"], r["precision"]) for r in resolved] == [
        ("2021-12-07", date(2021, 12, 7), "day"), ("2022-01-10", date(2022, 1, 10), "day")]
    assert got[0]["date_text"] == "--12-07"  # input rows are not modified


def test_explicit_reference_argument_overrides_the_missing_publication_date():
    got = rows("am 07. Dezember", "de", reference=date(2021, 12, 30))
    assert [(r["date_text"], r["precision"]) for r in got] == [("2021-12-07", "day")]


def test_offsets_point_into_text_clean():
    text = "Bei dem Videogipfel am 07. Dezember diskutierten sie. Für den 10. Januar ist ein Treffen geplant."
    for r in rows(text, "de"):
        assert text[r["start_char"]:r["start_char"] + len(r["surface"])] == r["surface"]


def test_until_a_weekday_may_be_the_same_day():
    # "natt til onsdag" in an article of Wednesday 2025-03-12 is that night, not the next week
    assert values("Partene ble enige natt til onsdag.", "nb", date(2025, 3, 12)) == ["2025-03-12"]
    assert values("The offer stands until Friday.", "en", date(2025, 3, 12)) == ["2025-03-14"]


def test_since_points_to_the_past_occurrence():
    assert values("more than 35,000 people had been killed since October 7", "en", date(2024, 5, 10)) == ["2023-10-07"]
    assert values("seit dem 7. Oktober", "de", date(2024, 5, 10)) == ["2023-10-07"]
    assert values("переговоры с 9 по 10 января", "ru", FRI) == ["2022-01-09", "2022-01-10"]  # "с … по" is a range


# ------------------------------------------------------------------ error classes found on articles from elsewhere
# (issue 5 generalisation: tests/data/holdout_facts and the example inbox)

@pytest.mark.parametrize("lang,text,expected", [
    ("de", "zwischen 2007 und 2011 an Steuergeschäften beteiligt", ["2007", "2011"]),
    ("en", "poured $312 million into the company between 2019 and 2022.", ["2019", "2022"]),
    ("fr", "un niveau inédit depuis l'hiver 2009-2010.", ["2009", "2010"]),
    ("es", "entre 2015 y 2019 desvió 23,4 millones", ["2015", "2019"]),
])
def test_a_range_or_list_of_years_gives_both_years(lang, text, expected):
    assert values(text, lang) == expected


def test_a_word_between_two_years_needs_an_opening_word():
    assert values("Bei 2007 und 2011 Soldaten", "de") == []


@pytest.mark.parametrize("lang,text,expected", [
    ("sv", "en ökning med 23 procent jämfört med samma period 2023.", ["2023"]),
    ("nb", "driftsresultatet for fjerde kvartal 2024 ble svakere", ["2024"]),
    ("it", "come previsto dalla legge 146 del 1990.", ["1990"]),
])
def test_a_bare_year_after_a_time_noun_is_a_year(lang, text, expected):
    assert values(text, lang) == expected


@pytest.mark.parametrize("lang,text,expected", [
    ("fr", "Entre le 6 et le 12 janvier, 1 245 personnes ont été hospitalisées.",
     [f"2025-01-{d:02d}" for d in range(6, 13)]),
    ("pt", "durante uma expedição realizada entre 3 e 7 de junho de 2023.", [f"2023-06-{d:02d}" for d in range(3, 8)]),
    ("es", "El juicio se celebró entre el 9 y el 13 de septiembre.", [f"2024-09-{d:02d}" for d in range(9, 14)]),
    ("de", "Die Messe findet zwischen dem 3. und 5. März statt.", ["2025-03-03", "2025-03-04", "2025-03-05"]),
])
def test_between_and_opens_a_range_of_days_with_articles(lang, text, expected):
    assert values(text, lang, date(2025, 1, 16) if lang in ("fr", "de") else date(2024, 10, 24)) == expected


def test_a_list_of_two_days_without_between_stays_two_days():
    assert values("le 6 et le 12 janvier", "fr", date(2025, 1, 16)) == ["2025-01-06", "2025-01-12"]


@pytest.mark.parametrize("lang,text,expected", [
    ("de", "hat der Strompreis am Dienstagmorgen einen Rekord erreicht", "2025-01-14"),
    ("de", "Der SC Freiburg hat am Samstagnachmittag gewonnen", "2025-01-11"),
    ("sv", "Elpriset nådde på tisdagsmorgonen rekordnivå", "2025-01-14"),
    ("nl", "Ajax heeft donderdagavond in Amsterdam gewonnen", "2025-01-09"),
    ("nb", "Ulykken skjedde torsdagskvelden", "2025-01-09"),
])
def test_weekday_with_a_time_of_day_in_one_word(lang, text, expected):
    assert values(text, lang, date(2025, 1, 14)) == [expected]


def test_polish_weekday_adjective():
    assert values("Anna Kowalczyk wygrała niedzielną drugą turę wyborów", "pl", date(2024, 4, 22)) == ["2024-04-21"]


def test_turkish_lower_case_month_next_to_a_day_or_a_month_word():
    assert values("tüketici fiyatları kasım ayında yüzde 2,24 arttı", "tr", date(2024, 12, 3)) == ["2024-11"]
    assert values("26 aralık tarihinde toplanacak", "tr", date(2024, 12, 3)) == ["2024-12-26"]
    assert values("bu aralıkta fiyatlar arttı", "tr", date(2024, 12, 3)) == []


@pytest.mark.parametrize("lang,text", [
    ("en", "The union will meet the employers on Friday."),
    ("nb", "Partene skal møtes igjen fredag."),
    ("de", "Die Gewerkschaft wird am Freitag erneut verhandeln."),
    ("fr", "Les syndicats vont se réunir vendredi."),
])
def test_a_weekday_after_a_future_marker_is_the_coming_one(lang, text):
    # published on Wednesday 2025-01-15: the coming Friday, not the one before
    assert values(text, lang, date(2025, 1, 15)) == ["2025-01-17"]


def test_a_weekday_without_a_future_marker_stays_in_the_past_week():
    assert values("Les syndicats se sont réunis vendredi.", "fr", date(2025, 1, 15)) == ["2025-01-10"]


@pytest.mark.parametrize("lang,text,expected", [
    ("sv", "Trafiken står still fram till och med onsdag.", "2025-01-15"),
    ("nb", "Stengningen gjelder til og med onsdag.", "2025-01-15"),
    ("pl", "Utrudnienia potrwają do środy.", "2025-01-15"),
])
def test_until_and_including_a_weekday_and_slavic_case_forms(lang, text, expected):
    assert values(text, lang, date(2025, 1, 13)) == [expected]  # published on a Monday


@pytest.mark.parametrize("lang,text,surface", [
    ("pl", "Od poniedziałku obowiązują nowe przepisy.", "poniedziałku"),
    ("ru", "Новые правила действуют с понедельника.", "понедельника"),
])
def test_genitive_weekday_forms(lang, text, surface):
    [r] = rows(text, lang, date(2025, 1, 16))
    assert (r["surface"], r["date_text"]) == (surface, "2025-01-13")


@pytest.mark.parametrize("lang,text,expected", [
    ("ru", "Регулятор повысил прогноз на 2025 год.", "2025"),
    ("pt", "O clube prometeu reforços para 2026.", "2026"),
    ("en", "The company plans to hire more staff for 2026.", "2026"),
    ("nl", "De groei trekt in de tweede helft van 2025 verder aan.", "2025"),
    ("de", "Die Zinsen sollen in der zweiten Hälfte 2025 sinken.", "2025"),
])
def test_a_year_after_for_or_half_of(lang, text, expected):
    assert values(text, lang) == [expected]


def test_an_undated_article_reads_its_weekdays_again_with_its_story_date():
    """Dev f02: "nesta segunda-feira (28)" in a page with no publication date is no date on its own; linked
    to a story whose articles were published on Monday 28 April 2025, it is that day."""
    from tasks.link import Links, apply_links

    text = "Um apagão atingiu nesta segunda-feira (28) Portugal e partes da Espanha."
    article = {"article_id": "a1", "text_clean": text, "lang": "pt", "published": None}
    assert rows(text, "pt") == []
    links = Links({"a1": "s1"}, {}, {"s1": date(2025, 4, 28)})
    linked = apply_links({"articles": [article], "entities": [], "dates": [], "quotes": []}, links)
    assert [(r["surface"], r["date_text"], r["precision"]) for r in linked["dates"]] == [
        ("segunda-feira", "2025-04-28", "day")]
    assert linked["articles"] == [{"article_id": "a1", "lang": "pt", "published": None, "story_id": "s1"}]
    # an article with its own publication date keeps the dates read against it
    dated = {**article, "published": date(2025, 4, 29)}
    assert apply_links({"articles": [dated], "entities": [], "dates": [], "quotes": []}, links)["dates"] == []


def test_a_day_without_its_year_takes_the_year_of_the_articles_latest_full_date():
    # fifth set dev (v23): no publication date; "30 October" sits beside "7 November 2021"
    rows = extract_dates({"article_id": "t", "lang": "en", "text_clean":
                          "The match on 30 October was postponed. The replay is on 7 November 2021 in Lviv."})
    assert sorted(r["date_text"] for r in rows) == ["2021-10-30", "2021-11-07"]
    # with a publication date, that date decides, as before
    rows = extract_dates({"article_id": "t", "lang": "en", "published": date(2024, 11, 2), "published_precision": "day",
                          "text_clean": "The match on 30 October was postponed. It was first held on 7 November 2021."})
    assert sorted(r["date_text"] for r in rows) == ["2021-11-07", "2024-10-30"]


def test_a_day_without_its_year_takes_the_year_of_the_pages_update_stamp():
    """Third set, dev (y47): no publication date and no full date in the text, but an "updated" stamp (furniture,
    removed) gives the year."""
    from tasks.transform import transform_articles

    text = ("Poliisi tutkii onnettomuutta\n\nUutista päivitetty poliisin tiedotteen pohjalta 28.6.2025 kello 13.05.\n\n"
            "Onnettomuus tapahtui lauantaina 28. kesäkuuta illalla Kuopiossa, kun henkilöauto ajoi ojaan.")
    out = transform_articles([{"article_id": "a", "text_raw": text, "source_file": "a.txt", "title": None,
                               "published": None}])
    assert [(r["reason"], r["text"][:18]) for r in out["removed_lines"]][-1] == ("timestamp", "Uutista päivitetty")
    assert [(r["surface"], r["date_text"]) for r in out["dates"]] == [("28. kesäkuuta", "2025-06-28")]
    assert out["articles"][0]["published"] is None
    # the stamp is no date of the article's text: without a day to resolve, no row
    assert extract_dates({"article_id": "b", "lang": "fi", "text_clean": "Auto ajoi ojaan."},
                         stamped=date(2025, 6, 28)) == []


def test_a_weekday_with_its_day_number_in_brackets_takes_the_month_of_the_reference():
    """First set, dev (c07): the Brazilian press writes "neste sábado (15)"; a page dated only to its month (July
    2023) still dates it, to the Saturday the 15th of that month or a neighbouring one."""
    found = rows("O astro argentino chegou a Miami neste sábado (15). O contrato foi assinado.", "pt",
                 date(2023, 7, 1), "month")
    assert [(r["surface"], r["date_text"]) for r in found] == [("sábado", "2023-07-15")]
    # a day number that falls on no such weekday near the reference dates nothing
    assert rows("O astro chegou neste sábado (16).", "pt", date(2023, 7, 1), "month") == []
