"""Stories: same event across languages together, same actors on another occasion apart, incremental ids."""

from __future__ import annotations

from datetime import date

from tasks.name_words import name_key, name_word_keys
from tasks.stories import assign_stories, link_names_across_story, stories_rows, story_id_for


def art(aid, lang="en", published=None, precision="day", text_en=None):
    return {"article_id": aid, "lang": lang, "published": published, "published_precision": precision,
            "text_en": text_en, "title": None}


def ent(aid, *items):
    return [{"article_id": aid, "type": t, "name": n} for t, n in items]


CALL = [("person", "Recep Tayyip Erdoğan"), ("person", "Volodymyr Zelensky"), ("location", "Turkey"),
        ("location", "Ukraine"), ("location", "Black Sea")]
BANK = [("organization", "Norges Bank"), ("person", "Ida Wolden Bache"), ("location", "Oslo")]


def dates(aid, *texts):
    return [{"article_id": aid, "date_text": t} for t in texts]


def nums(aid, *pairs):
    return [{"article_id": aid, "value": v, "unit": u} for v, u in pairs]


def test_same_event_across_languages_is_one_story_and_unrelated_stays_apart():
    arts = [art("a1", "tr", date(2023, 12, 14)), art("a2", "uk"), art("a3", "de"), art("n1", "nb", date(2023, 12, 14))]
    entities = ent("a1", *CALL) + ent("a2", *CALL[:4]) + ent("a3", *CALL) + ent("n1", *BANK)
    ds = dates("a1", "2023-12-14") + dates("a2", "--12-14") + dates("a3", "--12-14") + dates("n1", "2023-12-14")
    ns = nums("a1", (40, "minute")) + nums("a3", (40, "minute")) + nums("n1", (4.5, "percent"))
    got = assign_stories(arts, entities, ds, ns, {})
    assert got["a1"] == got["a2"] == got["a3"]
    assert got["n1"] != got["a1"]  # same date, nothing else in common


def test_same_actors_on_another_occasion_are_another_story():
    arts = [art("dec1", "tr", date(2023, 12, 14)), art("dec2", "uk"), art("feb1", "es", date(2024, 2, 8)),
            art("feb2", "it"), art("feb3", "nb", date(2024, 2, 8))]
    entities = [e for a in arts for e in ent(a["article_id"], *CALL)]
    ds = (dates("dec1", "2023-12-14") + dates("dec2", "--12-14") + dates("feb2", "--02-08")
          + dates("feb3", "2023-12-14"))  # feb3 mentions the December call
    ns = (nums("dec1", (200, "ship")) + nums("dec2", (200, "ship")) + nums("feb1", (50e6, "USD"))
          + nums("feb2", (50e6, "USD")) + nums("feb3", (50e6, "USD")))
    got = assign_stories(arts, entities, ds, ns, {})
    assert got["dec1"] == got["dec2"]
    assert got["feb1"] == got["feb2"] == got["feb3"]
    assert got["dec1"] != got["feb1"]


def test_without_dates_or_numbers_entities_and_english_text_decide():
    text = "Biden and Putin spoke by phone for fifty minutes about Ukraine and sanctions and Geneva talks."
    arts = [art("e1", text_en=text), art("e2", text_en=text + " The Kremlin was satisfied."),
            art("e3", text_en="Ajax beat Benfica in Amsterdam.")]
    entities = (ent("e1", ("person", "Joe Biden"), ("person", "Vladimir Putin"), ("location", "Ukraine"))
                + ent("e2", ("person", "Joe Biden"), ("person", "Vladimir Putin"), ("organization", "Kremlin"))
                + ent("e3", ("organization", "Ajax"), ("organization", "Benfica")))
    got = assign_stories(arts, entities, [], [], {})
    assert got["e1"] == got["e2"] != got["e3"]


def test_incremental_existing_assignments_never_change_and_new_articles_join():
    arts = [art("old1", "en", date(2023, 12, 14)), art("old2", "de", date(2023, 12, 14)), art("new1", "fr")]
    entities = ent("old1", *CALL) + ent("old2", *BANK) + ent("new1", *CALL)
    existing = {"old1": "s-existing-call", "old2": "s-existing-bank"}
    ds = dates("old1", "2023-12-14") + dates("new1", "--12-14")
    got = assign_stories(arts, entities, ds, [], existing)
    assert got["old1"] == "s-existing-call" and got["old2"] == "s-existing-bank"
    assert got["new1"] == "s-existing-call"
    # two existing stories never merge, even when they look alike
    arts2 = [art("x1"), art("x2")]
    ents2 = ent("x1", *CALL) + ent("x2", *CALL)
    got2 = assign_stories(arts2, ents2, [], [], {"x1": "s-1", "x2": "s-2"})
    assert got2 == {"x1": "s-1", "x2": "s-2"}


def test_story_ids_are_deterministic_and_order_independent():
    arts = [art("b"), art("a"), art("c")]
    entities = ent("a", *CALL) + ent("b", *CALL) + ent("c", *BANK)
    one = assign_stories(arts, entities, [], [], {})
    two = assign_stories(list(reversed(arts)), list(reversed(entities)), [], [], {})
    assert one == two
    assert one["a"] == story_id_for("a") and one["c"] == story_id_for("c")


def test_publication_dates_far_apart_are_never_one_story():
    arts = [art("p1", published=date(2023, 12, 14)), art("p2", published=date(2024, 2, 8))]
    entities = ent("p1", *CALL) + ent("p2", *CALL)
    got = assign_stories(arts, entities, [], [], {})
    assert got["p1"] != got["p2"]


def test_stories_rows_label_languages_first_published():
    arts = [{**art("a1", "tr", date(2023, 12, 14)), "story_id": "s-x"}, {**art("a2", "uk"), "story_id": "s-x"},
            {**art("n1", "nb", date(2023, 12, 15)), "story_id": "s-y"}]
    entities = ent("a1", *CALL) + ent("a2", *CALL) + ent("n1", *BANK)
    rows = {r["story_id"]: r for r in stories_rows(arts, entities)}
    assert rows["s-x"]["n_articles"] == 2 and rows["s-x"]["languages"] == ["tr", "uk"]
    assert rows["s-x"]["first_published"] == date(2023, 12, 14)
    assert "Recep Tayyip Erdoğan" in rows["s-x"]["label"] and "Volodymyr Zelensky" in rows["s-x"]["label"]
    assert rows["s-y"]["label"].startswith("Ida Wolden Bache")


def test_surnames_link_to_full_names_of_the_story():
    entities = [{"article_id": "a", "type": "person", "name": "Yuri Ushakov"},
                {"article_id": "b", "type": "person", "name": "Ushakov"},
                {"article_id": "b", "type": "person", "name": "Usjakov"},
                {"article_id": "c", "type": "person", "name": "Ushakov"}]
    got = link_names_across_story(entities, {"a": "s-1", "b": "s-1", "c": "s-2"})
    assert [e["name"] for e in got] == ["Yuri Ushakov", "Yuri Ushakov", "Yuri Ushakov", "Ushakov"]


def test_names_without_national_letters_are_the_same_entity_in_a_story():
    """An English wire writes "Orsted" and "Mikkel Brondum Skov": same names as "Ørsted", "Mikkel Brøndum Skov"."""
    arts = [art("da1", "da", date(2025, 10, 8)), art("en1", "en", date(2025, 10, 8))]
    entities = (ent("da1", ("organization", "Ørsted"), ("person", "Mikkel Brøndum Skov"), ("location", "Esbjerg"))
                + ent("en1", ("organization", "Orsted"), ("person", "Mikkel Brondum Skov"), ("location", "Copenhagen")))
    got = assign_stories(arts, entities, [], nums("da1", (4.2e9, "DKK")) + nums("en1", (4.2e9, "DKK")), {})
    assert got["da1"] == got["en1"]
    linked = link_names_across_story(entities, got)
    assert {e["name"] for e in linked if e["article_id"] == "en1"} == {"Ørsted", "Mikkel Brøndum Skov", "Copenhagen"}


def test_the_accented_spelling_wins_even_when_more_articles_drop_the_accents():
    """Dev split, the World Cup final: two English pages write "Nicolas Otamendi", the Spanish one "Nicolás
    Otamendi" (the name's own form, as the labels have it). A form in another script never wins."""
    entities = (ent("en1", ("person", "Nicolas Otamendi")) + ent("en2", ("person", "Nicolas Otamendi"))
                + ent("es1", ("person", "Nicolás Otamendi")) + ent("ru1", ("location", "Moskva"))
                + ent("ru2", ("location", "Москва")) + ent("ru3", ("location", "Москва")))
    story = {"en1": "s-1", "en2": "s-1", "es1": "s-1", "ru1": "s-2", "ru2": "s-2", "ru3": "s-2"}
    linked = link_names_across_story(entities, story)
    assert [e["name"] for e in linked] == ["Nicolás Otamendi"] * 3 + ["Moskva"] * 3


def test_a_forecast_date_near_the_publication_day_is_not_a_date_conflict():
    """en says "until Friday, January 17" (no date header); sv was published on the 14th."""
    arts = [art("en", "en"), art("sv", "sv", date(2025, 1, 14))]
    shared = [("organization", "Statnett"), ("location", "Norway"), ("location", "Germany")]
    entities = ent("en", *shared, ("person", "Linda Ekeberg")) + ent("sv", *shared, ("organization", "Energimyndigheten"))
    got = assign_stories(arts, entities, dates("en", "--01-17"), nums("en", (4.12, "NOK")) + nums("sv", (4.12, "NOK")), {})
    assert got["en"] == got["sv"]


def test_shared_figures_add_up():
    """Two figures in common (4.2 billion kroner, 6.3 percent) say more than one."""
    arts = [art("a", "da", date(2025, 10, 8)), art("b", "nb")]
    entities = (ent("a", ("organization", "Ørsted"), ("person", "Mikkel Brøndum Skov"), ("person", "Henrik Dalsgaard"),
                    ("organization", "Sydbank"), ("organization", "Energistyrelsen"), ("location", "Esbjerg"))
                + ent("b", ("organization", "Ørsted"), ("person", "Mikkel Brøndum Skov"), ("organization", "Equinor"),
                      ("organization", "DNB Markets"), ("person", "Ingrid Solheim Aamodt"), ("location", "Copenhagen")))
    ns = nums("a", (4.2e9, "DKK"), (6.3, "percent"), (900, "megawatt")) + nums("b", (4.2e9, "DKK"), (6.3, "percent"))
    got = assign_stories(arts, entities, [], ns, {})
    assert got["a"] == got["b"]


def test_a_person_spelled_differently_across_languages_links_the_story():
    """The same laureate as the Spanish and the German wire spell her, with only the capital in common besides."""
    arts = [art("es1", "es"), art("de1", "de"), art("nb1", "nb")]
    entities = (ent("es1", ("person", "Narges Mohammedi"), ("location", "Tehran"))
                + ent("de1", ("person", "Narges Mohammadi"), ("location", "Tehran"))
                + ent("nb1", ("person", "Ida Wolden Bache"), ("location", "Tehran")))
    got = assign_stories(arts, entities, [], [], {})
    assert got["es1"] == got["de1"]
    assert got["nb1"] != got["es1"]


def test_proper_nouns_no_entity_list_knows_link_articles_across_languages():
    # a ship and a strait nobody listed: the entity stage finds only countries, and each its own but one
    arts = [{**art("s1", "fr"), "text_clean": "Le porte-conteneurs Marvolo Queen bloque le détroit de Tarnish depuis "
                                               "mardi. Les remorqueurs de Velsenport tentent de le dégager."},
            {**art("s2", "es"), "text_clean": "El portacontenedores Marvolo Queen sigue encallado en el estrecho de "
                                               "Tarnish. Los remolcadores llegaron de Velsenport."},
            {**art("s3", "nl"), "text_clean": "De Belgische premier opende in Gent een nieuwe haven voor de "
                                               "containerschepen van Velsenport."}]
    entities = (ent("s1", ("location", "Egypt"), ("location", "France")) + ent("s2", ("location", "Egypt"), ("location", "Spain"))
                + ent("s3", ("location", "Egypt"), ("location", "Belgium")))
    got = assign_stories(arts, entities, [], [], {})
    assert got["s1"] == got["s2"]
    assert got["s3"] != got["s1"]  # one shared rare word is not enough


def test_name_words_are_capitalised_inside_a_sentence_and_not_months_or_known_entities():
    keys = name_word_keys("Storm hits Tarnish", "Ships left Velsenport on Monday. Harbour staff in July said "
                          "nothing. NATO was informed.", "en")
    assert keys == frozenset({name_key("Tarnish"), name_key("Velsenport")})
    # German capitalises every noun: only capitalised words outside its everyday words count ("Schiffe", "Hafen")
    assert name_word_keys(None, "Die Schiffe verließen Velsenport am Montag. Im Hafen warten Schlepper-Teams.",
                          "de") == frozenset({name_key("Velsenport")})
    assert name_word_keys(None, "Die Schiffe verließen Velsenport am Montag.", "lb") == frozenset()


def test_german_reports_share_a_rare_name_with_other_languages():
    """Dev S07 (the grounding of the Ever Given): the German report named the ship and the Great Bitter Lake
    but no entity the Dutch and English ones had, so it never joined them."""
    de = name_word_keys(None, "Bilder vom Container-Riesen Ever Given. Am Montag gelang es, die Ever Given "
                              "flottzumachen.", "de")
    nl = name_word_keys(None, "De vierhonderd meter lange Ever Given van rederij Evergreen ligt klem.", "nl")
    assert name_key("Given") in de & nl


def test_figures_in_a_language_without_number_rules_are_no_conflict():
    """Units stay words of the language there ("ihmistä"), so they cannot be compared with English
    units: a Finnish and a Swedish report of one earthquake are not told apart by their figures."""
    from tasks.stories import _Features
    arts = [{"article_id": "fi1", "lang": "fi", "title": "Maanjäristys", "text_clean": "Gaziantep", "text_en": None},
            {"article_id": "sv1", "lang": "sv", "title": "Jordbävning", "text_clean": "Gaziantep", "text_en": None}]
    numbers = [{"article_id": "fi1", "value": 284.0, "unit": "ihmistä"},
               {"article_id": "sv1", "value": 1000.0, "unit": "person"}]
    feats = _Features(arts, [], [], numbers)
    assert dict(feats.numbers) == {"sv1": ((1000.0, "person"),)}


def test_event_kinds_in_each_language_from_the_title_and_lead():
    from tasks.event_words import event_kinds

    # phrases of the shape the real dev split's earthquake and blackout stories carry (b07-b10, f01-f05)
    assert event_kinds("Kraftig jordskjelv i Tyrkia", "Over 2000 døde.", "nb") == {"earthquake"}
    assert event_kinds(None, "Maanjäristyksen uhrien määrä nousee", "fi") == {"earthquake"}
    assert event_kinds("Apagón en España y Portugal", "El corte de luz afectó a millones.", "es") == {"power_outage"}
    assert event_kinds("Stromausfall", "Im Erdbebengebiet fehlt Strom.", "de") == {"power_outage", "earthquake"}
    assert event_kinds("Тройное землетрясение", None, "ru") == {"earthquake"}
    # a word shorter than four letters counts only whole: "val" is an election, "valuta" is not
    assert event_kinds("Val i Sverige", None, "sv") == {"election"}
    assert event_kinds("Valutan faller", None, "sv") == frozenset()
    assert event_kinds("Jordskjelv", None, "xx") == frozenset()  # a language without words: nothing


def test_places_and_the_same_kind_of_event_make_one_story_places_alone_do_not():
    def article(aid, lang, title):
        return {**art(aid, lang), "title": title, "text_clean": ""}

    own = {"q1": "Adana", "q2": "Hatay", "q3": "Aleppo", "v1": "Ankara"}
    entities = [e for aid, place in own.items()
                for e in ent(aid, ("location", "Turkey"), ("location", "Syria"), ("location", place))]
    quakes = [article("q1", "nb", "Jordskjelv i Tyrkia"), article("q2", "sv", "Jordbävning i Turkiet"),
              article("q3", "fi", "Maanjäristys Turkissa")]
    got = assign_stories(quakes + [article("v1", "nb", "Valg i Tyrkia")], entities, [], [], {})
    assert got["q1"] == got["q2"] == got["q3"]
    assert got["v1"] != got["q1"]
    untitled = [{**a, "title": None} for a in quakes]
    got = assign_stories(untitled, entities, [], [], {})
    assert len({got["q1"], got["q2"], got["q3"]}) == 3


def test_a_national_service_named_in_two_reports_makes_no_story():
    """A fire in Chania and a storm in Larissa both name the Hellenic Fire Service (institutions.toml): a national
    service is in the news of many events, so it weighs like a place. A club both reports name is an actor."""
    arts = [art("fire", "el"), art("storm", "el")]
    service = [("organization", "Hellenic Fire Service"), ("location", "Greece")]
    entities = ent("fire", *service, ("location", "Chania")) + ent("storm", *service, ("location", "Larissa"))
    got = assign_stories(arts, entities, [], [], {})
    assert got["fire"] != got["storm"]
    club = [("organization", "Olympiacos"), ("location", "Greece")]
    entities = ent("fire", *club, ("location", "Chania")) + ent("storm", *club, ("location", "Larissa"))
    got = assign_stories(arts, entities, [], [], {})
    assert got["fire"] == got["storm"]


def test_a_local_body_named_in_two_reports_makes_no_story():
    """Two events in one town both name its city council (local_bodies.toml): like a national service, a town's
    council, court or police is in the news of many events there."""
    arts = [art("fire", "es"), art("storm", "es")]
    council = [("organization", "Tarragona City Council"), ("location", "Tarragona")]
    entities = ent("fire", *council, ("location", "Reus")) + ent("storm", *council, ("location", "Salou"))
    got = assign_stories(arts, entities, [], [], {})
    assert got["fire"] != got["storm"]
