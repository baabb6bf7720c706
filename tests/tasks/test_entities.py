"""Entities: cross-lingual resolution, genitives and case forms, gazetteer traps, offsets."""

from __future__ import annotations

import pytest

from tasks.entities.tokens import alias_words
from tasks.entities import (extract_entities, extract_entities_batch, resolve_location, resolve_organization,
                            resolve_person, same_person, skeleton, transliterate)


def ents(text: str, lang: str) -> list[dict]:
    rows = extract_entities({"article_id": "t", "text_clean": text, "lang": lang})
    for r in rows:  # offsets always point at the surface text
        assert text[r["start_char"]:r["end_char"]] == r["surface"], r
    return rows


def names(text: str, lang: str, type_: str) -> set[str]:
    return {r["name"] for r in ents(text, lang) if r["type"] == type_}


@pytest.mark.parametrize("written,lang,canonical", [
    ("Jury Usjakov", "nb", "Yuri Ushakov"),
    ("Juri Uschakow", "de", "Yuri Ushakov"),
    ("Yuri Ushakov", "en", "Yuri Ushakov"),
    ("Wladimir Putin", "de", "Vladimir Putin"),
    ("Dmitrij Peskov", "nb", "Dmitry Peskov"),
    ("Dmitrij Pieskow", "pl", "Dmitry Peskov"),
    ("Владимир Путин", "ru", "Vladimir Putin"),
    ("Володимир Зеленський", "uk", "Volodymyr Zelensky"),
    ("Wolodymyr Selenskyj", "de", "Volodymyr Zelensky"),
    ("Anthony Blinken", "en", "Antony Blinken"),
])
def test_person_variants_resolve_to_one_canonical_name(written, lang, canonical):
    assert resolve_person(written, lang) == canonical


@pytest.mark.parametrize("written,lang,canonical", [
    # not in the well-known list: the English form is built by rule
    ("Юрий Гагарин", "ru", "Yuri Gagarin"),
    ("Jurij Gagarin", "de", "Yuri Gagarin"),
    ("Олександр Усик", "uk", "Oleksandr Usyk"),
    ("Сергей Иванов", "ru", "Sergey Ivanov"),
])
def test_unknown_names_get_english_form_by_rule(written, lang, canonical):
    assert resolve_person(written, lang) == canonical


@pytest.mark.parametrize("text, expected", [
    # the mother's surname after a listed person's name is still that person (fifth set, dev v11)
    ("Al presentar el informe, la presidenta Claudia Sheinbaum Pardo aseveró que el salario mínimo crecerá.",
     {"Claudia Sheinbaum"}),
    # a generation is not a surname: the son is not his father
    ("El empresario Donald Trump Jr. visitó la feria de Madrid el lunes por la tarde.", {"Donald Trump Jr"}),
])
def test_a_second_surname_after_a_known_person(text, expected):
    assert names(text, "es", "person") == expected


def test_different_people_with_one_surname_stay_apart():
    assert resolve_person("Jill Biden", "en") == "Jill Biden"
    assert not same_person("Joe Biden", "Jill Biden")
    assert not same_person("Sergei Lavrov", "Sergei Ryabkov")
    assert same_person("Jury Usjakov", "Yuri Ushakov")


def test_transliteration_and_skeletons():
    assert transliterate("Дмитрий", "ru") == "Dmitry"
    assert transliterate("Київ", "uk") == "Kyiv"
    assert skeleton("Usjakov") == skeleton("Uschakow") == skeleton("Ushakov")


@pytest.mark.parametrize("written,lang,canonical", [
    ("Kiew", "de", "Kyiv"), ("Kiev", "en", "Kyiv"), ("Київ", "uk", "Kyiv"), ("Genève", "nb", "Geneva"),
    ("Genf", "de", "Geneva"), ("Moskva", "nb", "Moscow"), ("Russlands", "nb", "Russia"),
    ("USAs", "nb", "United States"), ("Russlands", "de", "Russia"), ("Москве", "ru", "Moscow"),
    ("Warszawie", "pl", "Warsaw"), ("Türkei", "de", "Turkey"), ("Vereinigten Staaten", "de", "United States"),
])
def test_places_in_any_language_and_case(written, lang, canonical):
    assert resolve_location(written, lang) == canonical


def test_names_with_an_elided_article_match_the_text():
    """The text's tokens drop "d'" and "l'" before a capital; the aliases must too, or "Côte d'Ivoire" never matched."""
    text = "Le président de la Côte d'Ivoire est venu sur la Côte d'Azur. Le Conseil de l'Europe a parlé."
    found = {(r["type"], r["name"]) for r in ents(text, "fr")}
    assert found == {("location", "Ivory Coast"), ("location", "French Riviera"),
                     ("organization", "Council of Europe")}
    assert names("La Banca d'Italia e la Valle d'Aosta.", "it", "location") == {"Aosta Valley"}
    # only an article after the first word goes; apostrophes inside names stay
    assert alias_words("Côte d’Ivoire") == ["Côte", "Ivoire"]
    assert alias_words("Nal'chik") == ["Nal'chik"] and alias_words("O'Fallon") == ["O'Fallon"]


def test_first_level_regions_in_their_own_languages():
    """Regions of real pages (dev split) that the gazetteer lacked: Spanish autonomous communities, Italian regions."""
    text = "Los incendios arrasan Castilla y León y Extremadura, y también la Comunidad de Madrid."
    assert names(text, "es", "location") == {"Castile and León", "Extremadura", "Community of Madrid"}
    # a region whose name is a given name, followed by a surname, is a person (as countries: "Jordan Henderson")
    assert {(r["type"], r["name"]) for r in ents("Lorraine Kelly spoke of the storms in Lorraine.", "en")} == {
        ("person", "Lorraine Kelly"), ("location", "Lorraine")}
    assert names("L'alluvione in Emilia-Romagna ha colpito Faenza.", "it", "location") == {"Emilia-Romagna", "Faenza"}


@pytest.mark.parametrize("written,lang,canonical", [
    ("Weißen Hauses", "de", "White House"), ("Det hvite hus", "nb", "White House"),
    ("Maison Blanche", "fr", "White House"), ("Kreml", "de", "Kremlin"), ("Кремле", "ru", "Kremlin"),
    ("OSZE", "de", "OSCE"), ("OSSE", "it", "OSCE"), ("Nato", "nb", "NATO"), ("EU", "en", "European Union"),
    # speakers of real pages (dev split): "El Comité Noruego del Nobel ha decidido ...", "... said the Coast Guard"
    ("Comité Noruego del Nobel", "es", "Norwegian Nobel Committee"), ("Nobelkomiteen", "nb", "Norwegian Nobel Committee"),
    ("U.S. Coast Guard", "en", "United States Coast Guard"),
])
def test_organisations_with_multilingual_aliases(written, lang, canonical):
    assert resolve_organization(written, lang) == canonical


def test_genitives_and_surname_linking_in_norwegian():
    text = ("USAs president Joe Biden og Russlands president Vladimir Putin snakket sammen. "
            "Putin advarte Biden, uttalte Putins rådgiver Jury Usjakov. – Det blir feil, sa Usjakov.")
    rows = ents(text, "nb")
    by_surface = {r["surface"]: r["name"] for r in rows}
    assert by_surface["USAs"] == "United States"
    assert by_surface["Russlands"] == "Russia"
    assert by_surface["Putins"] == "Vladimir Putin"
    assert by_surface["Usjakov"] == "Yuri Ushakov"
    assert {r["name"] for r in rows if r["type"] == "person"} == {"Joe Biden", "Vladimir Putin", "Yuri Ushakov"}


def test_honorific_and_title_mentions_link_to_the_full_name():
    text = "Joe Biden spoke to Vladimir Putin. Later Mr Putin said President Biden was wrong."
    rows = ents(text, "en")
    assert {r["surface"]: r["name"] for r in rows if r["type"] == "person"} == {
        "Joe Biden": "Joe Biden", "Vladimir Putin": "Vladimir Putin", "Putin": "Vladimir Putin",
        "Biden": "Joe Biden"}


def test_gazetteer_traps_are_not_places():
    text = "Joe Biden and Vladimir Putin spoke. The talks went on. Vladimir said nothing, Joe neither."
    locations = {r["surface"] for r in ents(text, "en") if r["type"] == "location"}
    assert not locations & {"Joe", "The", "Vladimir"}
    assert names("Die Gespräche dauerten lange. Er sagte, ein Ende sei nicht in Sicht.", "de", "location") == set()
    # the city of Vladimir is still found where the text makes it a place
    assert names("The train went from Moscow to Vladimir on Monday.", "en", "location") == {"Moscow", "Vladimir"}


def test_everyday_words_that_name_small_towns_abroad_are_not_places():
    """Sentence-initial words of real pages (dev split) read as towns: Swedish "Redan" (already), French "Durant"
    (during); common_words.toml keeps them out, while the names of big towns stay (Londres, Nice; and "Cela",
    a town of 90,000 in Angola, stays a town too)."""
    assert names("Redan på fredagen stängdes vägen vid Göteborg.", "sv", "location") == {"Gothenburg"}
    assert names("Il pleut souvent à Londres. Durant la nuit, il a plu à Nice.", "fr", "location") == {
        "London", "Nice"}
    # a frequent Norwegian word that is the name of a Norwegian town stays the town
    assert names("Kampen ble spilt i Molde søndag.", "nb", "location") == {"Molde"}


def test_demonyms_are_not_locations():
    assert names("Den russiske presidenten og russisk økonomi.", "nb", "location") == set()
    assert names("Der russischen Regierung zufolge sprach der ukrainische Präsident.", "de", "location") == set()
    assert names("The Russian side and the Ukrainian president met.", "en", "location") == set()


def test_cyrillic_case_forms_and_persons():
    text = "Президент Турции Реджеп Тайип Эрдоган провел разговор с Владимиром Зеленским в Стамбуле."
    rows = ents(text, "ru")
    assert {r["name"] for r in rows if r["type"] == "person"} == {"Recep Tayyip Erdoğan", "Volodymyr Zelensky"}
    assert {r["name"] for r in rows if r["type"] == "location"} == {"Turkey", "Istanbul"}


def test_polish_and_ukrainian_declension():
    assert names("Zełenski podziękował Ankarze i spotkał się w Stambule z Recepem Tayyipem Erdoganem.",
                 "pl", "location") == {"Ankara", "Istanbul"}
    assert names("Анкара посередник між Києвом і Москвою.", "uk", "location") == {"Ankara", "Kyiv", "Moscow"}


def test_org_names_swallow_the_places_inside_them():
    rows = ents("Chief Superintendent Ian Drummond-Smith of Devon and Cornwall Police said so.", "en")
    assert {(r["type"], r["name"]) for r in rows} == {("person", "Ian Drummond-Smith"),
                                                     ("organization", "Devon and Cornwall Police")}
    rows = ents("Norges Bank hever renten.", "nb")
    assert [(r["type"], r["name"]) for r in rows] == [("organization", "Norges Bank")]


def test_hyphen_compounds_and_apostrophe_suffixes():
    assert names("Kreml-Sprecher Dmitri Peskow sagte das.", "de", "organization") == {"Kremlin"}
    assert names("US-Präsident Joe Biden reiste ab.", "de", "location") == {"United States"}
    assert names("Türkiye'nin İstanbul'da yaptığı görüşme.", "tr", "location") == {"Turkey", "Istanbul"}
    assert names("la ricostruzione dell'Ucraina", "it", "location") == {"Ukraine"}


def test_batch_and_empty_articles():
    arts = [{"article_id": "a", "text_clean": "Olaf Scholz in Berlin.", "lang": "de"},
            {"article_id": "b", "text_clean": "", "lang": "und"}]
    rows = extract_entities_batch(arts)
    assert {r["article_id"] for r in rows} == {"a"}
    assert {r["name"] for r in rows} == {"Olaf Scholz", "Berlin"}


# --- error classes found on the held-out set (tests/data/holdout_entities); each failed before its fix ---

def test_a_surname_introduced_as_a_person_never_becomes_a_town():
    # "Kadis" is an alternate name of Cádiz, "Ferrara" and "Messina" are towns
    text = "Le commissaire européen Costas Kadis a indiqué à Bruxelles que Kadis reviendra."
    assert {(r["type"], r["name"]) for r in ents(text, "fr") if r["surface"] == "Kadis"} == {("person", "Costas Kadis")}
    text = ("Il Tribunale ha condannato l'ex amministratore delegato, Marco Ferrara, e Giulia Messina. "
            "Ferrara e Messina erano presenti.")
    rows = ents(text, "it")
    assert {r["surface"]: r["type"] for r in rows if r["surface"] in ("Ferrara", "Messina")} == {
        "Ferrara": "person", "Messina": "person"}


def test_hyphenated_role_prefix_is_not_part_of_the_name():
    assert names("EU-kommissær Costas Kadis sa i Brussel at partene møtes.", "nb", "person") == {"Costas Kadis"}


def test_compound_surname_mentions_link_to_the_full_name():
    text = "Fiskeriminister Marianne Sivertsen Næss sa at avtalen er god. – Vi er fornøyd, sa Sivertsen Næss til NTB."
    assert names(text, "nb", "person") == {"Marianne Sivertsen Næss"}
    text = "El escolta Jaime Fernández Bernabé añadió 15 puntos. Fernández fue elegido mejor jugador."
    assert {r["name"] for r in ents(text, "es") if r["surface"] == "Fernández"} == {"Jaime Fernández Bernabé"}


def test_role_phrase_then_comma_introduces_a_person():
    text = '"Pedimos calma", dijo la consejera de Presidencia de Cantabria, Isabel Urrutia, en Santander.'
    assert "Isabel Urrutia" in names(text, "es", "person")
    text = "Kommunstyrelsens ordförande i Kiruna, Anna-Karin Vikström Lindh, kallar varslet oroande."
    assert names(text, "sv", "person") == {"Anna-Karin Vikström Lindh"}


def test_role_after_a_speech_verb_and_given_names_beyond_the_hand_list():
    text = '"Abbiamo rinforzato la squadra", ha detto l\'amministratore delegato Giorgio Furlani.'
    assert names(text, "it", "person") == {"Giorgio Furlani"}
    assert names("Wethouder Saskia van der Linden noemde het besluit goed. Van der Linden verwacht meer.",
                 "nl", "person") == {"Saskia van der Linden"}


def test_name_ends_before_a_particle_that_starts_an_organisation_or_portfolio():
    assert names("Ein Team um die Biochemikerin Lena Hartmann-Beck von der Universität Göttingen.", "de",
                 "person") == {"Lena Hartmann-Beck"}
    assert names("Minister Femke Wiersma van Landbouw, Visserij en Natuur was tevreden.", "nl",
                 "person") == {"Femke Wiersma"}


def test_a_month_of_another_language_is_still_a_given_name():
    # "Marco" folds like the Portuguese month "março"
    assert names("Lo ha detto Marco Ferrara ieri.", "it", "person") == {"Marco Ferrara"}


def test_different_given_name_is_a_different_person_and_acronym_plurals_are_not_persons():
    assert names("Reporting by Louise Rasmussen in Copenhagen.", "en", "person") == {"Louise Rasmussen"}
    assert names("Environment Secretary Steve Reed told MPs on Monday that it was ready.", "en",
                 "person") == {"Steve Reed"}


def test_declined_and_native_slavic_names():
    # Polish instrumental case; a Polish name written in Polish is not respelled as a transliteration
    assert "Czesław Siekierski" in names("Hansen spotkał się z ministrem rolnictwa Czesławem Siekierskim.", "pl",
                                         "person")
    assert names("Polens Minister Czesław Siekierski sprach.", "de", "person") == {"Czesław Siekierski"}
    assert resolve_person("Witalij Kowal", "de") == "Vitaly Koval"
    # a Western surname with an ending Slavic names share is respelled only with a Slavic given name
    assert resolve_person("Stéphane Moulin", "fr") == "Stéphane Moulin"
    assert resolve_person("Charles Chaplin", "fr") == "Charles Chaplin"
    assert resolve_person("Wladimir Putin", "de") == "Vladimir Putin"
    # Ukrainian names keep the national transliteration; -ёв is written -ev
    assert names("Міський голова Ігор Терехов подякував.", "uk", "person") == {"Ihor Terekhov"}
    assert names("сказал директор института Павел Логачёв.", "ru", "person") == {"Pavel Logachev"}


def test_a_surname_two_persons_share_means_the_one_named_last():
    """Third set dev y01: after "Emmanuel Macron and Brigitte Macron", "President Macron" is resolved to the
    first full name, and the surname keeps meaning him until the other one is named again."""
    text = ("French President Emmanuel Macron and First Lady Brigitte Macron welcomed the guests. "
            "In his speech, President Macron thanked the firefighters. Macron said the bells ring again. "
            "Later Macron met the donors.")
    rows = extract_entities({"article_id": "a", "lang": "en", "text_clean": text, "title": None})
    assert [r["name"] for r in rows if r["type"] == "person" and r["surface"] == "Macron"] == ["Emmanuel Macron"] * 3


def test_a_given_name_with_particles_is_a_person_not_an_organisation():
    """Third set dev y14: "doelpuntenmaker" ends like an organisation word ("maker"), but "Richard van der
    Venne" after it is a person; "Paris Archbishop Laurent Ulrich" starts at the given name after the role."""
    assert names("Misschien was de wissel van doelpuntenmaker Richard van der Venne de reden.", "nl",
                 "person") == {"Richard van der Venne"}
    assert names("Paris Archbishop Laurent Ulrich officiated the reopening.", "en", "person") == {"Laurent Ulrich"}
    assert names("Paris Hilton arrived in London on Monday.", "en", "person") == {"Paris Hilton"}


def test_a_capitalised_descriptor_inside_a_sentence_is_part_of_the_name():
    # third set dev y13: "Omroep Brabant" (a broadcaster); at a sentence's start the word is only capitalised
    assert names("Dat meldt Omroep Brabant op zaterdag.", "nl", "organization") == {"Omroep Brabant"}
    assert names("Energiselskabet Ørsted dropper projektet.", "da", "organization") == {"Ørsted"}


def test_organisations_nobody_listed():
    assert names("Energiselskabet Ørsted dropper projektet, siger analytiker fra Sydbank.", "da",
                 "organization") == {"Ørsted", "Sydbank"}
    assert names("Gruvbolaget LKAB varslar 200 anställda. Facket IF Metall ska förhandla.", "sv",
                 "organization") == {"LKAB", "IF Metall"}
    assert names("Oppositiepartij Leefbaar Rotterdam stemde tegen, volgens onderzoeksbureau TNO.", "nl",
                 "organization") == {"Leefbaar Rotterdam", "TNO"}
    assert names("Thames Water was backed by the fund Cheyne Capital, the regulator Ofwat said.", "en",
                 "organization") == {"Thames Water", "Cheyne Capital", "Ofwat"}
    assert names("O Instituto Português do Mar e da Atmosfera (IPMA) prevê calor. O IPMA avisa.", "pt",
                 "organization") == {"Instituto Português do Mar e da Atmosfera"}
    assert names("Grund seien Kälte und Flaute, sagte Statnett-Sprecherin Linda Ekeberg.", "de",
                 "organization") == {"Statnett"}
    assert names("El Unicaja derrotó al Baskonia en Málaga en un partido de baloncesto.", "es",
                 "organization") == {"Unicaja", "Baskonia"}
    # outside a sports report the article comes before rivers and institutions, not clubs (dev e11 of the first
    # set: a flood report; sixth w09)
    assert names("Il Senio, il Marzeno e il Lamone, che hanno già superato le soglie, restano sorvegliati.", "it",
                 "organization") == set()
    assert names("Así lo ha confirmado el Consorcio esta mañana.", "es", "organization") == set()
    # prizes and competitions take the club's article too, and are no organisation (dev g09, c06, c08)
    assert names("Narges Mohammadi recibió el Premio Nobel de la Paz.", "es", "organization") == set()
    assert names("Messi jugará el Mundial de Clubes con el Inter Miami.", "es", "organization") == {"Inter Miami CF"}
    assert names("Messi ha vinto il Pallone d'Oro per l'ottava volta.", "it", "organization") == set()
    # leagues after a locative preposition are no places (dev a15, a13), and the club's town before them names the
    # club (a sports report: first set dev a15 labels no Molde, Haugesund or Bodø as places)
    assert names("Molde vant i Eliteserien i fjor.", "nb", "location") == set()
    assert names("Randers spiller i Superligaen næste sæson.", "da", "location") == set()
    assert names("Laget vann i Allsvenskan i år.", "sv", "location") == set()
    assert names("Forschende des Helmholtz-Zentrums für Umweltforschung in Leipzig.", "de",
                 "organization") == {"Helmholtz-Zentrum für Umweltforschung"}


def test_organisation_names_stop_at_persons_and_descriptors():
    rows = ents("Ifølge analytiker Ingrid Solheim Aamodt i DNB Markets sliter havvind.", "nb")
    assert {(r["type"], r["name"]) for r in rows} == {("person", "Ingrid Solheim Aamodt"),
                                                     ("organization", "DNB Markets")}
    rows = ents("İZSU Genel Müdürü Gökhan Yıldırım Demirtaş açıkladı.", "tr")
    assert {(r["type"], r["name"]) for r in rows} == {("organization", "İZSU"), ("person", "Gökhan Yıldırım Demirtaş")}


def test_places_nobody_listed_and_place_heads():
    assert names("O incêndio na serra da Estrela obrigou a evacuar aldeias do concelho de Manteigas.", "pt",
                 "location") == {"Serra da Estrela", "Manteigas"}
    assert names("Gruvbolaget varslar anställda i Kiruna och Malmberget.", "sv", "location") == {"Kiruna", "Malmberget"}
    assert names("Губернатор Новосибирской области Андрей Травников назвал запуск важным.", "ru",
                 "location") == {"Novosibirsk Oblast"}
    # a company named earlier is not a place after "in"; an employer after a person is not a place
    assert names("Danish company Orsted cancelled it. Shares in Orsted fell.", "en", "location") == set()
    assert names("Det sa kommunikasjonssjef Linda Ekeberg i Statnett til NTB.", "nb", "location") == set()


def test_towns_of_the_countries_in_the_text_and_common_words():
    # Fredericia (Denmark) is also an old name of João Pessoa; German nouns are not places by their stem
    assert names("Ørsted teilte in Fredericia mit, die Aktie fiel in Kopenhagen.", "de", "location") == {
        "Fredericia", "Copenhagen"}
    assert names("Quoten für Weizen, Mais und Zucker aus der Ukraine.", "de", "location") == {"Ukraine"}
    assert names("Reading the judgment on Friday (14 March), the judge spoke. Thames Water is based in Reading.",
                 "en", "location") == {"Reading"}
    assert names("Kuraklıktan Van ve Konya illeri de etkileniyor.", "tr", "location") == {"Van", "Konya"}


def test_two_names_joined_by_and_are_not_one_person():
    assert names("Scioperi a Roma e Napoli, con Italo e Trenord fermi.", "it", "person") == set()
    assert names("Scioperi a Roma e Napoli, con Italo e Trenord fermi.", "it", "location") == {"Rome", "Naples"}
    assert names("El filósofo José Ortega y Gasset escribió.", "es", "person") == {"José Ortega y Gasset"}


def test_an_organisation_does_not_swallow_the_next_one_after_and():
    assert names("The European Space Agency and NASA said on Monday.", "en", "organization") == {
        "European Space Agency", "NASA"}


def test_inter_is_the_club_only_in_italian():
    assert names("Il a parlé sur France Inter mardi.", "fr", "organization") == set()
    assert names("L'Inter ha vinto a Milano.", "it", "organization") == {"Inter Milan"}


def test_news_agencies_named_in_the_body():
    assert names("O investigador disse à Lusa que a água aqueceu.", "pt", "organization") == {"Lusa"}
    assert names("Det oplyser politiet til Ritzau.", "da", "organization") == {"Ritzau"}


@pytest.mark.parametrize("text, lang, canonical", [
    ("Storbritanniens drottning Elizabeth II har avlidit, meddelar palatset.", "sv", "Queen Elizabeth II"),
    ("Kuningatar Elisabet II on kuollut, kertoo palatsi.", "fi", "Queen Elizabeth II"),
    ("Der Papst Benedikt XVI. wurde 95 Jahre alt, teilte der Vatikan mit.", "de", "Pope Benedict XVI"),
])
def test_a_listed_alias_of_several_words_gives_the_canonical_name(text, lang, canonical):
    assert canonical in names(text, lang, "person")


@pytest.mark.parametrize("text, lang, expected", [
    ("От 1 януари България е част от еврозоната, заедно с Хърватия.", "bg", {"Bulgaria", "Croatia"}),
    ("A döntés Magyarország és Ausztria határán született.", "hu", {"Hungary", "Austria"}),
])
def test_country_names_in_a_language_without_entity_rules(text, lang, expected):
    assert expected <= names(text, lang, "location")


@pytest.mark.parametrize("text, lang, expected", [
    # Finnish declines the surname only; the base form written elsewhere is the evidence
    ("Meteorologin Juha Virtasen mukaan tuuli voimistuu. – Myrsky tulee illalla, Virtanen sanoo.", "fi",
     {"Juha Virtanen"}),
    ("Meteorologi Juha Föhrin mukaan tuuli voimistuu. – Myrsky tulee illalla, Föhr sanoo.", "fi", {"Juha Föhr"}),
    # a "-nen" surname in a local case needs no evidence (dev b16)
    ("Puolustaja Mikko Lehtosella oli vaikea ilta.", "fi", {"Mikko Lehtonen"}),
    ("Pelaaja Jens Jensen ja Mikko Lehtosesta kerrottiin.", "fi", {"Jens Jensen", "Mikko Lehtonen"}),
    # without it the name stays as written: a nominative may end like a case form
    ("Pääministeri Sanna Marin vieraili Tampereella.", "fi", {"Sanna Marin"}),
    # Croatian: no nominative surname ends in -ića; the given name beside it is declined too
    ("Trener je pohvalio igru Gabriela Vidovića nakon utakmice.", "hr", {"Gabriel Vidović"}),
    # Czech: a surname seen in the nominative puts the declined given name back as well
    ("Podle slov Eduarda Prieta je situace vážná. Prieto dodal, že síť je stabilní.", "cs", {"Eduardo Prieto"}),
    # Ukrainian: a masculine genitive that also reads as a feminine nominative (ninth set, dev, s35)
    ("Про це стало відомо з повідомлення міського голови Ірпіня Олександра Маркушина. "
     "Маркушин додав, що місто відновлять.", "uk", {"Oleksandr Markushyn"}),
    ("Про це повідомила речниця Олександра Маркушина.", "uk", {"Oleksandra Markushyna"}),
])
def test_declined_names_come_back_to_the_nominative_with_evidence(text, lang, expected):
    assert names(text, lang, "person") == expected


@pytest.mark.parametrize("text, expected", [
    ("A főpolgármester, Karácsony Gergely szerint a rendezvény megtartható.", {"Gergely Karácsony"}),
    ("Karikó Katalinnak ítélték oda a díjat, jelentette be a bizottság.", {"Katalin Karikó"}),
    # a foreign name keeps its order: its last word is no given name
    ("Donald Trump és Orbán Viktor telefonon beszélt.", {"Donald Trump", "Viktor Orbán"}),
])
def test_hungarian_names_are_written_family_name_first(text, expected):
    assert names(text, "hu", "person") == expected


@pytest.mark.parametrize("text, lang, expected", [
    ("Maanjäristys tuntui myös Syyriassa, Libanonissa ja Egyptissä.", "fi", {"Syria", "Lebanon", "Egypt"}),
    # the genitive of a name ending in a consonant (dev b07)
    ("Järistys tuntui myös Israelin rannikolla ja Iranin rajalla.", "fi", {"Israel", "Iran"}),
    ("A tüntetést Budapesten tartották, Magyarországon ez ritka.", "hu", {"Budapest", "Hungary"}),
    ("Výpadek proudu zasáhl Španělsko i Portugalsko, v Evropě je to vzácné.", "cs", {"Spain", "Portugal", "Europe"}),
    ("Potres je pogodio Hrvatsku, a osjetio se i u Zagrebu.", "hr", {"Croatia", "Zagreb"}),
])
def test_case_forms_of_places_in_languages_without_date_rules(text, lang, expected):
    assert names(text, lang, "location") == expected


@pytest.mark.parametrize("text, lang, expected", [
    ("Traffic through the Suez Canal resumed on Monday.", "en", {"Suez Canal"}),
    ("Le trafic a repris dans le canal de Suez lundi.", "fr", {"Suez Canal"}),
    ("Schiffe fahren wieder durch den Suezkanal.", "de", {"Suez Canal"}),
    ("Dronningen døde på Balmoral slott torsdag.", "nb", {"Balmoral Castle"}),
    ("Elle est détenue à la prison d'Evin depuis 2021.", "fr", {"Evin Prison"}),
    ("Los vuelos del aeropuerto de Lisboa fueron cancelados.", "es", {"Lisbon Airport"}),
    # dev d02: the gazetteer's English name already carries the kind of place
    ("Les navires attendent au sud de la péninsule du Sinaï depuis lundi.", "fr", {"Sinai Peninsula"}),
    # not landmarks: a common noun, an adjective after the word, a kind of prison
    ("They walked along the canal to the old bridge.", "en", set()),
    ("El apagón afectó a toda la Península Ibérica.", "es", {"Iberian Peninsula"}),  # a region of the gazetteer
    ("Sie sitzt in einem Hochsicherheitsgefängnis.", "de", set()),
])
def test_landmarks_are_named_in_english(text, lang, expected):
    assert names(text, lang, "location") == expected


@pytest.mark.parametrize("text, lang, expected", [
    ("Dronningen ble hedret av kong Harald og prins Harry.", "nb", {"King Harald V", "Prince Harry"}),
    ("La princesse Anne et le roi Charles étaient présents.", "fr", {"Princess Anne", "King Charles III"}),
    ("Prinz Charles besuchte Balmoral.", "de", {"King Charles III"}),
    # a given name without a title is nobody in particular
    ("Hennes sønn Charles var til stede.", "nb", set()),
])
def test_royal_titles_name_the_person(text, lang, expected):
    assert names(text, lang, "person") == expected


@pytest.mark.parametrize("text, lang, expected", [
    # Greek names in Latin letters by ELOT 743 (the passport convention)
    ("Ο προπονητής Πέδρο Μαρτίνς δήλωσε ικανοποιημένος.", "el", {"Pedro Martins"}),
    ("Ο σμηναγός Νικόλαος Ευστρατίου σκοτώθηκε.", "el", {"Nikolaos Efstratiou"}),
    # a middle initial does not end the name
    ("Det sa redaktør Geir K. Hus til avisa.", "nb", {"Geir K. Hus"}),
])
def test_greek_names_and_middle_initials(text, lang, expected):
    assert names(text, lang, "person") == expected


@pytest.mark.parametrize("text, lang", [
    ("STORM SURGE WARNING issued for the coast on Tuesday.", "en"),
    ("Las autoridades de EE. UU. confirmaron el acuerdo.", "es"),
    ("Le match reprend à 17H00 selon les organisateurs.", "fr"),
])
def test_capitals_that_are_no_organisation(text, lang):
    assert names(text, lang, "organization") == set()


@pytest.mark.parametrize("text, lang, expected", [
    # party abbreviations of one or two letters, only in that language's news; the English canonical name
    ("Kristersson fick stöd av M, KD, L och SD.", "sv",
     {"Moderate Party", "Christian Democrats", "Liberals", "Sweden Democrats"}),
    ("Omröstningen i riksdagens kammare skedde strax före tolv.", "sv", {"Riksdag"}),  # listed in lower case
    ("Marta Cordomí (CUP) i Rafel Caballeria (ERC) hi van votar.", "ca",
     {"Popular Unity Candidacy", "Republican Left of Catalonia"}),
    ("Jairo Jorge (PSDB) disse que o último Censo do IBGE mostra isso.", "pt",
     {"Brazilian Social Democracy Party", "Brazilian Institute of Geography and Statistics"}),
    ("Secondo i dati dell'Istituto Nazionale di Geofisica e Vulcanologia (INGV) la scossa è stata lieve.", "it",
     {"National Institute of Geophysics and Volcanology"}),
    ("Lørdag morgen varsler DMI stormende kuling.", "da", {"Danish Meteorological Institute"}),
    ("Prosjektet er støtta av Kulturdepartementet.", "nn", {"Ministry of Culture"}),
    ("La décision a été approuvée au Sénat puis à l'Assemblée nationale.", "fr", {"Senate", "National Assembly"}),
    ("Messi joined Inter Miami in Major League Soccer.", "en", {"Inter Miami CF", "Major League Soccer"}),
    ("Le Mondial des clubs oppose le FC Barcelone et le LA Galaxy.", "fr", {"FC Barcelona", "LA Galaxy"}),
    ("Η ΕΛΣΤΑΤ και η Τράπεζα της Ελλάδος δημοσίευσαν στοιχεία.", "el",
     {"Hellenic Statistical Authority", "Bank of Greece"}),
    # a police district named by a compass point: the point in English (fourth set, dev z19)
    ("Ifølgje Vest politidistrikt går annan trafikk sakte forbi staden.", "nn", {"West Police District"}),
    ("Sør-Øst politidistrikts operasjonssentral fikk melding klokken 14.", "nb", {"South-East Police District"}),
])
def test_national_institutions_and_parties_get_their_english_names(text, lang, expected):
    assert names(text, lang, "organization") == expected


@pytest.mark.parametrize("text, lang", [
    ("Vegen E39 er stengd ved Lavik.", "nn"),
    ("Files op de A6 en de A7 richting Lelystad.", "nl"),
    ("Hun spilte for G19 og U23 i fjor.", "nb"),
    ("The ship carries 20,000 TEU and a ROV was sent down.", "en"),
])
def test_roads_age_groups_and_units_are_no_organisation(text, lang):
    assert names(text, lang, "organization") == set()


def test_downing_street_with_its_number_is_the_address():
    assert names("In einer Rede vor seinem Amtssitz Downing Street 10 sagte Cameron das.", "de",
                 "location") == {"10 Downing Street"}
    assert names("Downing Street said the talks would go on.", "en", "organization") == {"Downing Street"}


@pytest.mark.parametrize("text, lang, expected", [
    # the government by its common noun, in an article that names no other country (second set, dev x37)
    ("Orešković je otvorio sjednicu Vlade u Banskim dvorima.", "hr", {"Government of Croatia"}),
    ("Eduskunta äänestää iltapäivällä hallitukselle luottamuslauseen Helsingissä.", "fi", {"Government of Finland"}),
    ("Nu închidem Trezoreria pe 20, a spus premierul. Guvernul a decis asta.", "ro", {"Government of Romania"}),
    # whose government, when the country is named right after the noun
    ("Premiér řekl, že vláda Španělska jedná o výpadku.", "cs", {"Government of Spain"}),
    # another country named: the noun may be its government ("a brit kormány"), so nobody's
    ("Nagy-Britannia: a brit kormány első feladata most a stabilizálás.", "hu", set()),
    ("Hallitus esitti budjetin. Tukholmassa sitä ei kommentoitu.", "fi", set()),
    # the Croatian noun is also a verb ("fear prevails"): a sentence's first word alone is not the government
    ("Vlada strah u gradu nakon potresa.", "hr", set()),
    # languages of several countries are left alone
    ("Le gouvernement a annoncé des mesures.", "fr", set()),
])
def test_a_government_named_by_its_common_noun(text, lang, expected):
    assert {n for n in names(text, lang, "organization") if n.startswith("Government")} == expected


@pytest.mark.parametrize("text, lang, expected", [
    # parties by their native names and, in their own language only, their abbreviations (second set, dev x23)
    ("Kokoomuksen ja SDP:n kannatus nousi, RKP pysyi ennallaan.", "fi",
     {"National Coalition Party", "Social Democratic Party of Finland", "Swedish People's Party"}),
    ("HDZ i SDP su se sukobili oko proračuna.", "hr", {"Croatian Democratic Union", "Social Democratic Party of Croatia"}),
    # an abbreviation of another language's party is nobody's here
    ("The RKP figures were published on Monday.", "en", {"RKP"}),
    # national parliaments by their own names, declined or in lower case (second set, dev x23 and x37)
    ("Eduskunta äänestää iltapäivällä luottamuslauseen.", "fi", {"Parliament of Finland"}),
    ("Jutro nakon što su dobili povjerenje u Hrvatskom saboru.", "hr", {"Croatian Parliament"}),
    ("Poslanecká sněmovna schválila zákon.", "cs", {"Chamber of Deputies of the Czech Republic"}),
])
def test_parties_and_parliaments_by_their_own_names(text, lang, expected):
    assert names(text, lang, "organization") == expected


@pytest.mark.parametrize("text, lang, expected_locations, expected_persons", [
    # a town of several words is found before the persons (second set, dev x03)
    ("El fuego llegó concretamente hasta San Fernando de Henares y otras zonas.", "es",
     {"San Fernando de Henares"}, set()),
    ("Los vecinos viven a apenas 20 kilómetros de Alcalá de Henares.", "es", {"Alcalá de Henares"}, set()),
])
def test_towns_of_several_words_before_persons(text, lang, expected_locations, expected_persons):
    assert names(text, lang, "location") == expected_locations
    assert names(text, lang, "person") == expected_persons


@pytest.mark.parametrize("text, lang, expected", [
    # a town whose name is an everyday word abroad ("alta" in Spanish) is found in its own country's language
    # (second set, dev x19)
    ("Det er ikke bare i Alta det har vært vanskelig å holde veiene åpne.", "nb", {"Alta"}),
    ("La presión alta preocupa. Alta tensión en Madrid.", "es", {"Madrid"}),
    # English is left out: its everyday words name many American towns
    ("El partit Green va guanyar, i la Urbana també.", "ca", set()),
])
def test_towns_named_by_an_everyday_word_abroad(text, lang, expected):
    assert names(text, lang, "location") == expected


def test_places_in_a_script_without_capitals():
    """Arabic has no capitals: countries and the CLDR-named cities of the article's language are found
    with the letters for "and", "in" and "to" joined to them (third set dev y52)."""
    text = "وقال الوزير في القاهرة إن المغرب وليبيا وسوريا والعراق تواجه أزمة، وعاد بالقاهرة."
    assert names(text, "ar", "location") == {"Cairo", "Morocco", "Libya", "Syria", "Iraq"}


def test_cities_by_their_cldr_names_in_the_articles_language():
    assert names("Η σύσκεψη έγινε στην Αθήνα χθες.", "el", "location") == {"Athens"}
    assert names("Le président est arrivé au Caire lundi.", "fr", "location") == {"Cairo"}


def test_bulgarian_names_keep_their_national_transliteration():
    """Third set dev y37, y38: "Румен Радев" is Rumen (not the Russian Roman), "Александър" Aleksandar."""
    assert names("Президентът Румен Радев се срещна с Александър Джартов.", "bg", "person") == {
        "Rumen Radev", "Aleksandar Dzhartov"}


def test_an_initial_before_a_conjunction_ends_the_first_of_two_names():
    # third set dev y19: "Alexis M. y Walter ..." is two people; "José Ortega y Gasset" one
    assert names("Los acusados Alexis M. y Walter Soto fueron condenados.", "es", "person") == {
        "Alexis M.", "Walter Soto"}
    # an initial keeps its full stop, and ends a name though "S" is a stop word (third set dev y19)
    assert names("Condenaron a Walter S. y Alberto H. ayer.", "es", "person") == {"Walter S.", "Alberto H."}
    assert names("Lo escribió José Ortega y Gasset en Madrid.", "es", "person") == {"José Ortega y Gasset"}


def test_both_words_in_the_instrumental_are_put_back_even_for_a_foreign_name():
    """Third set dev y35 (uk): a Bulgarian prime minister and president in the Ukrainian instrumental."""
    assert names("Він зустрінеться з прем'єр-міністром Миколою Денковим і президентом Руменом Радєвим.", "uk",
                 "person") == {"Mykola Denkov", "Rumen Radiev"}
    assert names("Артем Петров приїхав до Києва.", "uk", "person") == {"Artem Petrov"}


def test_a_town_whose_name_starts_with_a_stop_word():
    # fourth set dev z01: "Los Angeles" was read as "Angeles" (Angeles City, the Philippines)
    assert names("Flights from Los Angeles were cancelled on Tuesday.", "en", "location") == {"Los Angeles"}
    assert names("The new law is in force.", "en", "location") == set()


def test_well_known_companies_and_family_names():
    """companies.toml: "Lufthansa" in German text (every noun is capitalised there, so only a list finds it);
    a company named after a family is a surname after a given name."""
    assert names("Der Warnstreik hat die Lufthansa lahmgelegt.", "de", "organization") == {"Lufthansa"}
    assert names("Ericsson varslar 1 000 anställda.", "sv", "organization") == {"Ericsson"}
    assert names("Ministern Anna Ericsson talade.", "sv", "person") == {"Anna Ericsson"}
    assert names("Michael Dell said so on Monday.", "en", "organization") == set()


def test_a_name_listed_under_a_language_is_matched_in_that_language_only():
    # "DNB": the Norwegian bank in Norwegian, De Nederlandsche Bank in Dutch
    assert names("DNB kutter renten.", "nb", "organization") == {"DNB"}
    assert names("DNB waarschuwt voor inflatie.", "nl", "organization") == {"De Nederlandsche Bank"}


# ------------------------------------------------ town names in Greek, Arabic and Hebrew script (city_scripts.toml)

def test_towns_named_in_greek_arabic_and_hebrew_script():
    # fifth and sixth sets' dev pages: Heraklion in Greek, Jordan's governorate towns in Arabic, Haifa in Hebrew
    # with "in" joined to it
    assert names("Σεισμός αισθητός στο Ηράκλειο το πρωί.", "el", "location") >= {"Heraklion"}
    assert names("و24 في إربد، و1 في العقبة", "ar", "location") == {"Irbid", "Aqaba"}
    assert names("שיבושי תנועה בעיר התחתית בחיפה", "he", "location") == {"Haifa"}


def test_everyday_arabic_words_are_not_the_towns_that_fold_like_them():
    # "من" (from) folds like an Arabic spelling of Amman, "خامس" (fifth) and "وصل" (arrived) like others
    assert names("وقال من جهته إن اليوم الخامس وصل فيه الوفد", "ar", "location") == set()


def test_vowel_marks_do_not_split_a_word():
    assert alias_words("عَمّان في") == ["عَمّان", "في"]
    from tasks.entities.names import fold
    assert fold("عمّان") == fold("عمان")


def test_a_capitalised_german_noun_after_an_article_is_no_person():
    # fifth and sixth sets' dev pages (dpa, APA): "Sprecher des Landeskommandos", "Frau des Hauptangeklagten"
    text = ("Es habe sich um Sturmschäden gehandelt, sagte Klaus Stebal, Sprecher des Landeskommandos. "
            "Die Frau des Hauptangeklagten erhielt eine Bewährungsstrafe.")
    assert names(text, "de", "person") == {"Klaus Stebal"}


def test_a_british_councillors_title_is_not_part_of_the_name():
    # sixth set dev (w01): "Coun Carl Ollerhead ... But Coun Ollerhead said"
    text = ("Coun Carl Ollerhead, executive member for finance, spoke first. "
            "But Coun Ollerhead said the move was the only option.")
    assert names(text, "en", "person") == {"Carl Ollerhead"}


def test_serbian_cyrillic_is_transliterated_by_serbian_latin():
    assert transliterate("Ђоковић", "ru") == "Đoković"  # langdetect has no Serbian: the letters decide
    assert transliterate("Јакшић", "sr") == "Jakšić"
    assert transliterate("Владимир", "ru") == "Vladimir"


# ------------------------------------------------ sports clubs (clubs.toml)

def test_sports_clubs_are_organisations_by_their_english_names():
    # sixth set dev (w17, w35): Polish and Argentine league reports
    assert names("Lech Poznań pokonał Pogoń Szczecin 2:1 w sobotę.", "pl", "organization") >= {"Lech Poznań"}
    assert names("Estudiantes de La Plata recibe a Boca Juniors el domingo.", "es", "organization") >= {
        "Estudiantes de La Plata", "Boca Juniors"}


def test_a_clubs_name_that_is_a_town_is_the_club_only_where_the_town_is_called_otherwise():
    # "Napoli" is Naples in Italian, the club in English; "Наполи" (the club in Russian) folds like "Napoli"
    assert names("Il sindaco di Napoli ha parlato ieri.", "it", "organization") == set()
    assert names("Napoli beat Inter Milan on Sunday.", "en", "organization") >= {"SSC Napoli"}
    assert names("«Наполи» обыграл «Интер» в воскресенье.", "ru", "organization") >= {"SSC Napoli"}


def test_no_club_alias_is_read_as_a_place_in_every_language():
    import tomllib

    from tasks.entities.gazetteers import gazetteer
    from tasks.entities.names import fold
    from tasks.entities.tokens import alias_words
    from tests.conftest import REPO

    g = gazetteer()
    places = {k for k, v in g.exact.items() if any(e.kind in ("city", "country", "region") for e in v)}
    clubs = tomllib.loads((REPO / "tasks/rules/entities/clubs.toml").read_text(encoding="utf-8"))["org"]
    local = {c["name"]: {a for v in c.get("lang", {}).values() for a in v} for c in clubs}
    clashes = [(c["name"], a) for c in clubs for a in [c["name"], *c.get("aliases", [])]
               if a not in local[c["name"]] and tuple(fold(t) for t in alias_words(a)) in places]
    assert clashes == []


def test_everyday_words_that_are_other_names_of_mid_sized_towns_are_not_places():
    """Serbian "Након" (after) is an alternate name of Nakhon Si Thammarat (100,000 people), Italian "Sala" (hall)
    one of Salé: dev-split pages read them as places. A capital keeps every name ("Атина", Athens)."""
    assert names("Након утакмице тренер је говорио у Београду.", "sr", "location") == {"Belgrade"}
    assert names("La riunione nella Sala Rossa di Torino.", "it", "location") == {"Turin"}
    assert names("Премијер је отпутовао у Атину.", "sr", "location") == {"Athens"}


def test_names_declined_in_both_words():
    """Dev-split shapes: a Russian genitive whose given name looks like another name ("Олега" ~ Olga), a
    Ukrainian -ко surname, a Czech masculine genitive with a fleeting e; a Czech feminine name stays as written."""
    assert names("Суд приговорил Олега Сенцова к 20 годам.", "ru", "person") == {"Oleg Sentsov"}
    assert names("Встреча с Ольгой Петровой прошла в Москве.", "ru", "person") == {"Olga Petrova"}
    assert names("Другий гол забив після передачі Дениса Безбородька.", "uk", "person") == {"Denys Bezborodko"}
    assert names("Zákrok Davida Bičíka a gól Jana Jelínka rozhodly.", "cs", "person") == {"David Bičík", "Jan Jelínek"}
    assert names("Film Adama Martince získal cenu.", "cs", "person") == {"Adam Martinec"}  # first set, dev (f12)
    assert names("Petra Kvitová vyhrála turnaj.", "cs", "person") == {"Petra Kvitová"}


@pytest.mark.parametrize("text, lang, expected", [
    # dev-split shapes: a Moscow police story, Jordanian and Lebanese health ministries, a Moroccan interior ministry
    ("Об этом сообщили в пресс-службе столичного главка МВД России.", "ru", "Ministry of Internal Affairs"),
    ("وقالت وزارة الصحة إن الحصيلة ارتفعت.", "ar", "Ministry of Health"),
    ("وأعلنت وزارة الداخلية عن حصيلة جديدة.", "ar", "Ministry of Interior"),
    ("Ministerstwo Zdrowia podało nowe dane.", "pl", "Ministry of Health"),
    ("Le ministère de l'Intérieur a confirmé.", "fr", "Ministry of Interior"),
    ("Das Bundesgesundheitsministerium teilte mit.", "de", "Ministry of Health"),
    ("Dışişleri Bakanlığı'ndan yapılan açıklamada", "tr", "Ministry of Foreign Affairs"),
    ("Ministerul Finanţelor a anunţat", "ro", "Ministry of Finance"),
])
def test_a_ministry_is_named_by_its_portfolio(text, lang, expected):
    assert names(text, lang, "organization") == {expected}


def test_a_towns_own_name_where_the_language_is_spoken_beats_another_towns_other_name():
    """Seventh set, dev: "Fredericia" in a Danish article is the Danish town, not João Pessoa's old name; the
    Hungarian "Makón" is Makó, not Macon (Georgia), whose Russian name folds to "Makon"; Danish "Man" (one) at
    the start of a sentence is no Isle of Man."""
    assert names("Man kørte til Fredericia i går.", "da", "location") == {"Fredericia"}
    assert names("Makón és Szegeden esett a hó.", "hu", "location") == {"Makó", "Szeged"}
    assert names("He flew from Paris to Cordoba.", "en", "location") == {"Paris", "Córdoba"}


def test_the_and_of_a_list_of_names_is_no_particle():
    """Seventh set, dev: "Pimenta, André Gomes, Ayrton, Jorge Iguarán e Catarino" lists players."""
    assert names("Marcaram Pimenta, Jorge Iguarán e Catarino, que bisou.", "pt", "person") == {"Jorge Iguarán"}
    assert names("O marechal Artur da Costa e Silva governou.", "pt", "person") == {"Artur da Costa e Silva"}


def test_a_country_after_a_given_name_is_a_surname():
    """First set, dev (f02): Portugal's prime minister, not the country."""
    rows = ents("O primeiro-ministro Luís Montenegro visitou Montenegro e Portugal.", "pt")
    assert {(r["type"], r["name"]) for r in rows} == {("person", "Luís Montenegro"), ("location", "Montenegro"),
                                                     ("location", "Portugal")}


def test_first_level_regions_under_their_english_titles_and_in_case_forms():
    """Seventh set, dev (u21, u23): Czech regions as their adjective and "kraj", a Polish voivodeship written in
    lower case and declined ("w województwie świętokrzyskim"), named as English Wikipedia titles them; the
    historical region keeps its own name."""
    assert names("Výstraha platí pro Karlovarský kraj a Liberecký kraj.", "cs", "location") == {
        "Karlovy Vary Region", "Liberec Region"}
    assert names("Wypadek w województwie świętokrzyskim koło Kielc.", "pl", "location") == {
        "Świętokrzyskie Voivodeship", "Kielce"}
    assert names("W województwie małopolskim pada, a Małopolska czeka.", "pl", "location") == {
        "Lesser Poland Voivodeship", "Lesser Poland"}



def test_nicknames_and_consorts_of_listed_persons():
    """First set, dev (c06, b01): "Leo Messi" is Lionel Messi; "Königin Camilla" is Queen Camilla."""
    assert names("Leo Messi jugará en Miami.", "es", "person") == {"Lionel Messi"}
    assert names("König Charles und Königin Camilla reisten nach Berlin.", "de", "person") == {
        "King Charles III", "Queen Camilla"}


def test_a_street_or_a_facility_is_no_person():
    """First set, dev (h02, d20): "Yalı Caddesi", "Çağrı Merkezi", "Bonita Beach"; "Park" is a surname too."""
    assert names("Antalya Muratpaşa Yalı Caddesi üzerinde kaza oldu. 112 Çağrı Merkezi aradı.", "tr", "person") == set()
    assert names("Residents of Bonita Beach were evacuated.", "en", "person") == set()
    assert names("Police closed the road where Jenny Park lives.", "en", "person") == {"Jenny Park"}


def test_a_polish_surname_in_a_or_e_is_put_back_beside_a_declined_given_name():
    """Fourth set, dev (z26): "z marszałkiem Szymonem Hołownią" is Szymon Hołownia; no nominative ends in -ą, -ę."""
    assert names("Rolnicy spotkali się z marszałkiem Szymonem Hołownią w Sejmie.", "pl", "person") == {
        "Szymon Hołownia"}
    assert names("Rolnicy widzieli Szymona Hołownię w Sejmie.", "pl", "person") == {"Szymon Hołownia"}


@pytest.mark.parametrize("text, lang, expected", [
    # credits are neither persons nor organisations (labelling conventions): an agency glued to the photographer's
    # name (first set, dev d12), in capitals ending a caption (dev c04), marking a dateline (fifth set, dev v05)
    ("Paris, 16 mars 2023. EPA/CHRISTOPHE PETIT TESSON/keystone-sda.ch\n\nLa veille encore, la ministre a parlé.",
     "fr", set()),
    ("His teammate led Argentina to their first world title since 1986. REUTERS\n\nThe final was in Qatar.",
     "en", set()),
    ("Hamburg (dpa/lno). Mehr als drei Millionen Euro an Corona-Hilfen hat sich eine Bande erschlichen.", "de", set()),
    # in the story they stay: an outlet after a person (first set, dev a15), an agency with a slash in its own name
    # (dev h19), a party whose short name folds like an agency's (third set, dev y44)
    ("Juryen bestod av Olav Traaen (NRK) og Morten Morisbak Skjønsberg.", "nb", {"NRK"}),
    ("Πριν από το καλοκαίρι, το ΑΠΕ/ΜΠΕ βρέθηκε στη μονάδα.", "el", {"Athens-Macedonian News Agency"}),
    ("Agnar Aarskog (Ap) og Harald Rydland var opptekne av dei signala.", "nn", {"Labour Party"}),
])
def test_agency_credits_are_no_organisations(text, lang, expected):
    assert names(text, lang, "organization") == expected


def test_an_unknown_acronym_in_another_script_is_no_organisation():
    # no list knows it, so its English name cannot be given; on the dev pages such acronyms were common nouns
    # (third y35: "ЗМІ", the media; fourth z34: "СИЗО", a remand prison)
    assert names("Нагадаємо: напередодні болгарські ЗМІ повідомили, що Зеленський може відвідати Софію.", "uk",
                 "organization") == set()
    assert names("Сенцов и Кольченко провели пять лет в СИЗО.", "ru", "organization") == set()
    # nor one of two letters standing alone (sixth dev w03: "ED", an emergency department)
    assert names("It has the second highest number of patients waiting on trolleys at any ED across the country.",
                 "en", "organization") == set()
    # a Latin-script one of three letters or more is still taken: it may be the organisation's own name
    assert names("Gruvbolaget LKAB varslar 200 anställda.", "sv", "organization") == {"LKAB"}


def test_everyday_words_opening_an_institution_name_are_no_town():
    # eighth dev t09 and sixth dev w09: "El Centro" (California) and "Centro" (Mexico) are towns too
    assert names("El Centro de Emergencias 1-1-2 de Castilla y León informó del accidente.", "es",
                 "location") == {"Castile and León"}
    assert names("Así lo ha confirmado el Centro de Coordinación de Emergencias de la Generalitat.", "es",
                 "location") == set()
    assert names("Vive en El Centro, en California.", "es", "location") >= {"El Centro"}


def test_a_kind_of_place_word_names_the_place_after_it():
    # second set dev x07 ("gminy Kobylnica"); first set dev b08 (a Swedish report on Turkey, the town unaccented)
    assert names("Na miejscu zatrzymano 26-letniego mieszkańca gminy Kobylnica.", "pl", "location") == {"Kobylnica"}
    assert names("Skalvet i Turkiet inträffade 26 kilometer från staden Nurdagi i södra Turkiet.", "sv",
                 "location") == {"Turkey", "Nurdağı"}


def test_a_case_that_says_in_a_place_marks_a_small_town():
    # fourth set dev z23 (Finnish inessive), third set dev y29 (Hungarian inessive): no preposition before them
    assert names("Puumalassa Stubb sai 62,6 prosenttia äänistä.", "fi", "location") == {"Puumala"}
    assert names("Egy fa dőlt egy autóra Ballószögben is.", "hu", "location") == {"Ballószög"}
    # the adessive also says "has" of a person: no town read from it
    assert names("Puumalalla on uusi kunnanjohtaja.", "fi", "location") == set()


def test_croatian_kod_before_a_declined_small_town():
    # first set dev h15 ("kod Vodica", the genitive of Vodice) and f14 ("kod Gline": Glina)
    assert names("Poljak sletio s ceste kod Vodica i udario u ogradu.", "hr", "location") == {"Vodice"}
    assert names("Potres jačine 4,1 po Richteru s epicentrom kod Gline.", "hr", "location") == {"Glina"}


def test_german_abstract_nouns_are_no_persons():
    # first set dev f07: German capitalises every noun; "-enzen" and "-heit" end no name
    text = "Nun zieht der britische Premier Konsequenzen. Cameron sagte, der Wille der Mehrheit werde respektiert."
    assert names(text, "de", "person") == set()
    assert names("Bundeskanzler Olaf Scholz sprach mit Lukas Hartung und Frank Koch.", "de",
                 "person") == {"Olaf Scholz", "Lukas Hartung", "Frank Koch"}


def test_a_street_district_or_building_named_after_a_person_is_a_place():
    # second set dev x33, third set dev y20, sixth set dev w19
    text = "Les associacions de veïns del carrer Pere Martell no han rebut la resposta de l'Ajuntament."
    assert names(text, "ca", "person") == set() and names(text, "ca", "location") == {"Pere Martell"}
    text = "O incêndio começou em uma residência no bairro Simão Bolívar e acabou se espalhando."
    assert names(text, "pt", "person") == set() and names(text, "pt", "location") == {"Simão Bolívar"}
    assert names("Accidentul s-a produs pe strada Traian Vuia din municipiu.", "ro", "person") == set()


def test_in_a_sports_report_a_clubs_town_names_the_club():
    # first set dev a12 ("Tromsø scorer": Tromsø IL), third set dev y14 (FC Utrecht); "i Tromsø" stays a place
    text = "Sogndal har ikkje slått Tromsø på Alfheim sidan 2005. Etter at Tromsø scorer får dei køyre kampen."
    assert names(text, "nn", "location") == set()
    assert names(text + " Kampen i Tromsø enda 2-0.", "nn", "location") == {"Tromsø"}
    # outside a sports report the town is a place
    assert names("Sogndal har fått ny veg mot Tromsø.", "nn", "location") == {"Tromsø"}


def test_an_honour_or_office_after_a_name_is_no_part_of_it():
    # eighth set dev t01 ("Mr Recorder James Wood KC")
    assert names("Mr Recorder James Wood KC sentenced him to 876 days in prison.", "en", "person") == {"James Wood"}
    assert names("Jane Roe MP said the plan was wrong.", "en", "person") == {"Jane Roe"}


def test_an_abbreviated_rank_before_a_name_is_no_name():
    # first set dev d19 ("Coast Guard Rear Adm. John Mauger told reporters")
    assert names("\"We found debris,\" Coast Guard Rear Adm. John Mauger told reporters.", "en",
                 "person") == {"John Mauger"}
