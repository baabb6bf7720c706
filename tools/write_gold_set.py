"""Writes tests/data/gold/gold.json: the hand-read facts of the gold articles beside it.

Kept as a script (not hand-edited JSON) so the annotations stay readable and diffable;
run it after changing an article or an annotation: .venv/bin/python tools/write_gold_set.py
"""

from __future__ import annotations

from pathlib import Path

from gold_format import art, write_gold

GOLD = Path(__file__).resolve().parents[1] / "tests" / "data" / "gold"

ERDOGAN, ZELENSKY, PESKOV = "Recep Tayyip Erdoğan", "Volodymyr Zelensky", "Dmitry Peskov"
BACHE = "Ida Wolden Bache"

ABOUT = (
    "Reference facts for the gold articles in this folder, read by hand; same format as ../shared/seeds/gold.json. "
    "Names are canonical English forms (evaluation folds case, whitespace and diacritics). 'boilerplate' lists line "
    "prefixes (or a leading clause) that the cleaner must remove; 'keep' lists prefixes of lines that must survive. "
    "Entities: every named person, organisation and location mentioned in the cleaned body (not in removed lines); "
    "locations inside an organisation's name (Norges Bank, Türkiye Cumhuriyet Merkez Bankası) do not count; a hyphen "
    "compound counts (Kreml-Sprecher -> Kremlin, UN-brokered -> United Nations), a closed compound does not "
    "(Riksbankschefen); demonyms and adjectives (turc, ukrainischen, Russian) are not locations. "
    "'dates' are explicitly mentioned calendar dates (day precision, or month with an explicit year); a value "
    "--MM-DD means the article has no year and no date header; weekdays, bare months and bare years are not listed. "
    "'numbers' are figures written with digits, as 'value unit' with the unit as an English plural noun "
    "('40 minutes', '4.5 percent', '52000 spectators'); money as the full amount and the ISO 4217 code "
    "('50000000 USD'). 'quotes' give the speaker (canonical name, or null) and the first words in the article's "
    "language. 'story' is the same for articles about the same event: stories A and B share actors "
    "(Erdoğan, Zelensky, Peskov) but are different events (a phone call on 14 December 2023, a meeting in Istanbul "
    "on 8 February 2024); C, D and the single-article stories are unrelated to them."
)


ARTICLES = [
    # --- story A: Erdoğan-Zelensky phone call, Thursday 14 December 2023 (6 languages) ---
    art("g01_tr.txt", "tr", "A", "2023-12-14", "Erdoğan ile Zelenskiy telefonda görüştü", "AA",
        [" date 2023-12-14", "Erdoğan ile Zelenskiy telefonda görüştü", "Foto: Murat Kula / AA", "AA"],
        ["Cumhurbaşkanı Recep Tayyip Erdoğan, Ukrayna", "Ağustostan bu yana", "İki lider, 14 Aralık'taki"],
        [ERDOGAN, ZELENSKY], [],
        ["Ukraine", "Black Sea", "Russia", "Turkey", "Istanbul", "Odesa"],
        ["2023-12-14"], ["40 minutes", "200 ships"],
        [(ERDOGAN, "Türkiye, tarafları İstanbul'da")], caption_credit="Murat Kula / AA"),
    art("g02_uk.txt", "uk", "A", None, "Зеленський провів телефонну розмову з Ердоганом", "Укрінформ",
        ["Зеленський провів телефонну розмову", "Як повідомляє Укрінформ,", "Фото: Офіс Президента України",
         "Читайте також:"],
        ["Президент України Володимир Зеленський", "Глава президентської адміністрації"],
        [ZELENSKY, ERDOGAN, "Andriy Yermak"], [],
        ["Ukraine", "Turkey", "Black Sea", "Odesa", "Ankara", "Kyiv", "Moscow"],
        ["--12-14"], ["200 ships"],
        [(ZELENSKY, "Я вдячний Президенту Ердогану")], caption_credit="Офіс Президента України"),
    art("g03_en.txt", "en", "A", "2023-12-15", None, "Reuters",
        [" date 2023-12-15", "Reuters", "Photo: Turkish Presidency", "Sign up for our daily newsletter"],
        ["Turkish President Recep Tayyip Erdogan told", "Kremlin spokesman Dmitry Peskov"],
        [ERDOGAN, ZELENSKY, PESKOV], ["United Nations", "Kremlin"],
        ["Turkey", "Black Sea", "Ankara", "Russia", "Ukraine", "Odesa", "Kyiv", "Moscow"],
        ["2023-12-14"], ["40 minutes", "200 ships"],
        [(ERDOGAN, "continue to make every effort"), (ZELENSKY, "We discussed the return of our people")],
        caption_credit="Turkish Presidency / Handout via Reuters"),
    art("g04_de.txt", "de", "A", None, "Erdoğan bietet Selenskyj Vermittlung an", "dpa",
        ["Erdoğan bietet Selenskyj Vermittlung an", "Lesen Sie mehr:", "dpa"],
        ["Der türkische Präsident Recep Tayyip Erdoğan", "Kreml-Sprecher Dmitri Peskow"],
        [ERDOGAN, ZELENSKY, PESKOV], ["Kremlin"],
        ["Ankara", "Black Sea", "Turkey", "Istanbul", "Odesa", "Kyiv", "Russia", "Moscow"],
        ["--12-14"], ["40 minutes", "200 ships"],
        [(ERDOGAN, "Die Türkei ist bereit")]),
    art("g05_fr.txt", "fr", "A", "2023-12-15", "Erdogan propose à Zelensky d'accueillir de nouvelles négociations", None,
        [" date 2023-12-15", "Erdogan propose à Zelensky", "Photo : Ozan Kose / AFP", "Lire aussi :"],
        ["Le président turc Recep Tayyip Erdogan", "Le Kremlin, par la voix"],
        [ERDOGAN, ZELENSKY, PESKOV], ["Kremlin"],
        ["Black Sea", "Turkey", "Istanbul", "Ankara", "Odesa", "Kyiv"],
        ["2023-12-14"], ["200 ships"],
        [(ERDOGAN, "La Turquie est prête à réunir")], caption_credit="Ozan Kose / AFP"),
    art("g06_ru.txt", "ru", "A", None, "Песков: в Кремле не знают о новой турецкой инициативе", "ТАСС",
        ["Песков: в Кремле не знают", "Как сообщает ТАСС,", "Читайте также:"],
        ["в Кремле не располагают", "Накануне, 14 декабря"],
        [PESKOV, ERDOGAN, ZELENSKY], ["Kremlin"],
        ["Turkey", "Ukraine", "Russia", "Istanbul", "Ankara", "Moscow"],
        ["--12-14"], ["40 minutes"],
        [(PESKOV, "Мы не получали никаких новых")]),
    # --- story B: Zelensky visits Erdoğan in Istanbul, Thursday 8 February 2024 (5 languages) ---
    art("g07_es.txt", "es", "B", "2024-02-08",
        "Zelenski y Erdogan se reúnen en Estambul para hablar de la seguridad en el mar Negro", None,
        [" date 2024-02-08", "Zelenski y Erdogan se reúnen", "Foto: Tolga Bozoglu / EFE", "Síguenos en Google News"],
        ["El presidente de Ucrania", "El Kremlin, a través"],
        [ZELENSKY, ERDOGAN, PESKOV], ["Kremlin"],
        ["Ukraine", "Istanbul", "Turkey", "Russia", "Ankara", "Moscow"],
        ["2024-02-06"], ["50000000 USD"],
        [(ERDOGAN, "Turquía está dispuesta a acoger")], caption_credit="Tolga Bozoglu / EFE"),
    art("g08_it.txt", "it", "B", None, "Zelensky a Istanbul da Erdogan, vertice sulla sicurezza nel Mar Nero", "ANSA",
        ["Zelensky a Istanbul da Erdogan", "ANSA", "Leggi anche:"],
        ["Il presidente ucraino Volodymyr Zelensky", "Il portavoce del Cremlino"],
        [ZELENSKY, ERDOGAN, PESKOV], ["Kremlin"],
        ["Istanbul", "Black Sea", "Ukraine", "Turkey", "Kyiv", "Moscow", "Ankara", "Russia"],
        ["--02-08"], ["50000000 USD"],
        [(ERDOGAN, "Siamo pronti a fare tutto il possibile")]),
    art("g09_pl.txt", "pl", "B", "2024-02-09", "Zełenski w Stambule. Erdogan proponuje szczyt pokojowy", "PAP",
        [" date 2024-02-09", "Zełenski w Stambule.", "Zdjęcie: Murat Cetinmuhurdar / PAP", "PAP"],
        ["Prezydent Ukrainy Wołodymyr Zełenski", "– Turcja jest gotowa"],
        [ZELENSKY, ERDOGAN, PESKOV], ["Kremlin"],
        ["Ukraine", "Istanbul", "Turkey", "Black Sea", "Russia", "Ankara", "Moscow"],
        ["2024-02-08"], ["50000000 USD"],
        [(ERDOGAN, "Turcja jest gotowa zorganizować")], caption_credit="Murat Cetinmuhurdar / PAP"),
    art("g10_en.txt", "en", "B", None, "Zelensky meets Erdogan in Istanbul as Turkey offers to host peace summit",
        "Ukrinform",
        ["Zelensky meets Erdogan in Istanbul", "Follow Ukrinform on Google News"],
        ["Ukrainian President Volodymyr Zelensky held talks", "The Kremlin dismissed"],
        [ZELENSKY, ERDOGAN, PESKOV], ["Kremlin"],
        ["Istanbul", "Turkey", "Ankara", "Ukraine", "Russia", "Black Sea", "Moscow"],
        ["--02-08"], ["50000000 USD"],
        [(ERDOGAN, "Turkey is ready to do its part"), (ZELENSKY, "I am grateful to President Erdogan")]),
    art("g11_nb.txt", "nb", "B", "2024-02-08",
        "Zelenskyj møtte Erdoğan i Istanbul: – Tyrkia er klar til å være vertskap", "NTB",
        [" date 2024-02-08", "Zelenskyj møtte Erdoğan i Istanbul:", "Zelenskyj og Erdoğan under pressekonferansen",
         "NTB"],
        ["Ukrainas president Volodymyr Zelenskyj", "– Tyrkia er klar til å være vertskap for"],
        [ZELENSKY, ERDOGAN, PESKOV], ["Kremlin"],
        ["Ukraine", "Turkey", "Istanbul", "Russia"],
        ["2023-12-14"], ["50000000 USD"],
        [(ERDOGAN, "Tyrkia er klar til å være vertskap")], caption_credit="Umit Bektas / Reuters / NTB"),
    # --- story C: Norges Bank raises its policy rate, 14 December 2023 (3 languages) ---
    art("g12_nb.txt", "nb", "C", "2023-12-14", None, "NTB",
        [" date 2023-12-14", "Sentralbanksjef Ida Wolden Bache under pressekonferansen", "NTB", "Les også:"],
        ["Norges Bank hever styringsrenten", "Også Den europeiske sentralbanken"],
        [BACHE], ["Norges Bank", "European Central Bank"], ["Oslo", "Norway", "Frankfurt"],
        ["2023-12-14"], ["4.5 percent", "4.8 percent", "4 percent"],
        [(BACHE, "Renten er satt opp for å få ned prisveksten")], caption_credit="Javad Parsa / NTB"),
    art("g13_sv.txt", "sv", "C", None, "Norges Bank höjer räntan – kronan stärks", "TT",
        ["Norges Bank höjer räntan – kronan stärks", "TT", "Läs också:"],
        ["Den norska centralbanken Norges Bank", "I Sverige ligger styrräntan"],
        [BACHE, "Erik Thedéen"], ["Norges Bank", "Riksbank"], ["Oslo", "Norway", "Sweden"],
        ["--12-14"], ["4.5 percent", "4.8 percent", "4 percent"],
        [(BACHE, "Vi bedömer att det behövs")]),
    art("g14_da.txt", "da", "C", "2023-12-15", "Norges Bank hæver renten overraskende", "Ritzau",
        [" date 2023-12-15", "Norges Bank hæver renten overraskende", "Ritzau"],
        ["Den norske centralbank, Norges Bank", "Nationalbanken i København"],
        [BACHE], ["Norges Bank", "Danmarks Nationalbank"], ["Oslo", "Copenhagen"],
        ["2023-12-14"], ["4.5 percent", "3.6 percent"],
        [(BACHE, "Vi mener, at en lidt højere rente")]),
    # --- story D: Ajax - Benfica (2 languages) ---
    art("g15_nl.txt", "nl", "D", "2024-02-23", "Ajax wint van Benfica en zet grote stap richting kwartfinale", "ANP",
        [" date 2024-02-23", "Ajax wint van Benfica en zet", "ANP", "Lees ook:"],
        ["Ajax heeft donderdagavond", "Benfica-trainer Roger Schmidt"],
        ["Brian Brobbey", "Steven Bergwijn", "Ángel Di María", "John van 't Schip", "Roger Schmidt"],
        ["Ajax", "Benfica"], ["Amsterdam", "Europe", "Lisbon"],
        ["2024-02-29"], ["52000 spectators"],
        [("John van 't Schip", "We hebben laten zien")]),
    art("g16_pt.txt", "pt", "D", None, "Benfica perde em Amesterdão e complica a eliminatória", "Lusa",
        ["Benfica perde em Amesterdão", "Lusa", "Leia também:"],
        ["O Benfica perdeu esta quinta-feira", "A segunda mão está marcada"],
        ["Brian Brobbey", "Steven Bergwijn", "Ángel Di María", "Roger Schmidt"],
        ["Benfica", "Ajax"], ["Amsterdam", "Lisbon"],
        ["--02-29"], ["52000 spectators"],
        [("Roger Schmidt", "Não entrámos bem no jogo")]),
    # --- unrelated single-article stories ---
    art("g17_ro.txt", "ro", "E", "2023-09-13", "Inundații în județul Galați: peste 300 de persoane, evacuate", "Agerpres",
        [" date 2023-09-13", "Inundații în județul Galați:", "Foto: ISU Galați", "Agerpres"],
        ["Ploile torențiale căzute", "Ministrul Afacerilor Interne"],
        ["Marcel Ciolacu", "Cătălin Predoiu"], ["European Union"], ["Galați", "Romania", "Tecuci", "Brăila"],
        ["2023-09-12"], ["24 hours", "300 people", "150 liters"],
        [("Marcel Ciolacu", "Nimeni nu va fi lăsat singur")], caption_credit="ISU Galați"),
    art("g18_it.txt", "it", "F", None, "Acqua alta a Venezia, il Mose alzato per la prima volta in stagione", None,
        ["Acqua alta a Venezia, il Mose", "Foto: Andrea Merola / ANSA", "Leggi anche:"],
        ["Le barriere del Mose", "Secondo il Comune"],
        ["Luigi Brugnaro"], [], ["Venice", "Chioggia"],
        ["--10-02"], ["140 centimeters", "78 gates", "5 hours"],
        [("Luigi Brugnaro", "Il sistema ha funzionato perfettamente")], caption_credit="Andrea Merola / ANSA"),
    art("g19_pl.txt", "pl", "G", "2024-01-15", "Inflacja w Polsce spadła do 6,2 proc. w grudniu", "PAP",
        [" date 2024-01-15", "Inflacja w Polsce spadła do 6,2 proc. w grudniu", "Zdjęcie: Tomasz Gzell / PAP", "PAP"],
        ["Inflacja w Polsce w grudniu 2023", "– Dezinflacja postępuje"],
        ["Adam Glapiński"], ["Statistics Poland", "National Bank of Poland"], ["Poland", "Warsaw"],
        ["2023-12", "2024-02-07"], ["6.2 percent", "6.9 percent", "9.3 percent", "5.75 percent"],
        [("Adam Glapiński", "Dezinflacja postępuje szybciej")], caption_credit="Tomasz Gzell / PAP"),
    art("g20_ru.txt", "ru", "H", None, "В Москве открыли три новые станции Большой кольцевой линии", None,
        ["В Москве открыли три новые станции", "Читайте также:"],
        ["Мэр Москвы Сергей Собянин", "Строительство линии началось"],
        ["Sergey Sobyanin"], [], ["Moscow"],
        ["--12-09"], ["70 kilometers", "400000 passengers"],
        [("Sergey Sobyanin", "Мы завершили строительство самого")]),
    art("g21_es.txt", "es", "I", None, "España cierra 2023 con un récord de 85 millones de turistas internacionales", None,
        ["España cierra 2023 con un récord", "Foto: Europa Press", "Lea también:"],
        ["España recibió 85,1 millones", "Reino Unido, Francia y Alemania"],
        ["Jordi Hereu"], [],
        ["Spain", "Catalonia", "Balearic Islands", "Canary Islands", "Madrid", "United Kingdom", "France", "Germany"],
        ["--02-01"], ["85100000 tourists", "18.7 percent", "108662000000 EUR"],
        [("Jordi Hereu", "Son cifras históricas")], caption_credit="Europa Press"),
    art("g22_fr.txt", "fr", "J", None, "Rugby : les Bleus s'imposent face à l'Italie à Lille", None,
        ["Rugby : les Bleus s'imposent", "Suivez-nous sur Google Actualités"],
        ["L'équipe de France a battu", "Le demi de mêlée Maxime Lucu"],
        ["Fabien Galthié", "Maxime Lucu", "Grégory Alldritt"], [], ["France", "Italy", "Lille", "Wales"],
        ["--02-25", "--03-10"], ["49000 spectators"],
        [("Fabien Galthié", "On a montré du caractère")]),
    art("g23_de.txt", "de", "K", "2023-11-28", "VW-Betriebsrat warnt vor Stellenabbau in Wolfsburg", None,
        [" date 2023-11-28", "VW-Betriebsrat warnt vor Stellenabbau", "Foto: Julian Stratenschulte / dpa"],
        ["Der Betriebsrat von Volkswagen", "Das Sparprogramm soll"],
        ["Thomas Schäfer", "Daniela Cavallo"], ["Volkswagen", "Deutsche Presse-Agentur", "IG Metall"],
        ["Wolfsburg", "Germany", "Lower Saxony"],
        ["2023-12-13"], ["10000000000 EUR", "120000 people", "20 percent"],
        [("Daniela Cavallo", "Wir werden keine betriebsbedingten")], caption_credit="Julian Stratenschulte / dpa"),
    art("g24_sv.txt", "sv", "L", None, "Snökaos i Skåne – hundratals bilister satt fast i natt", None,
        ["Snökaos i Skåne", "Foto: Johan Nilsson / TT"],
        ["Kraftigt snöfall orsakade", "Infrastrukturminister Andreas Carlson"],
        ["Anna Lindqvist", "Andreas Carlson"], [], ["Scania", "Malmö", "Kristianstad", "Lund"],
        ["--01-03"], ["10 hours", "40 centimeters"],
        [("Anna Lindqvist", "Vi har aldrig varit med om")], caption_credit="Johan Nilsson / TT"),
    art("g25_tr.txt", "tr", "M", "2024-01-25", "Merkez Bankası politika faizini yüzde 45'e yükseltti", None,
        [" date 2024-01-25", "Merkez Bankası politika faizini", "Foto: AA"],
        ["Türkiye Cumhuriyet Merkez Bankası (TCMB)", "Bir sonraki toplantı"],
        ["Hafize Gaye Erkan"], ["Central Bank of the Republic of Turkey"], [],
        ["2024-02-21"], ["250 basis points", "42.5 percent", "45 percent", "64.8 percent"],
        [("Hafize Gaye Erkan", "Enflasyonda ana eğilimin")], caption_credit="AA"),
    art("g26_en.txt", "en", "N", "2023-11-02", "Storm Ciarán: thousands without power in Cornwall as 100mph winds hit", None,
        [" date 2023-11-02", "Storm Ciarán: thousands without power", "Photo: Ben Birchall / PA", "Leave a Reply"],
        ["Storm Ciarán has left", "Prime Minister Rishi Sunak"],
        ["Ian Drummond-Smith", "Rishi Sunak"], ["Met Office", "Devon and Cornwall Police"],
        ["Cornwall", "Devon", "Plymouth", "Penzance", "Falmouth"],
        ["2023-11-02"], ["10000 homes", "100 mph"],
        [("Ian Drummond-Smith", "This is a very dangerous storm")], caption_credit="Ben Birchall / PA"),
]

CROSS_SOURCE = {
    "agree": [
        "story A: the call took place on 14 December 2023 and lasted about 40 minutes (g01, g03, g04, g06; g05 says "
        "'une quarantaine de minutes'); more than 200 ships have used the corridor (g01-g05)",
        "story B: Turkey pledged 50 million dollars of humanitarian aid (g07-g11)",
        "story C: Norges Bank raised its policy rate to 4.5 percent on 14 December 2023 (g12-g14)",
    ],
    "disagree": [
        "g11 (story B) mentions the 14 December call of story A: a shared date does not make one story",
        "g12-g14 (story C) share the date 14 December 2023 with story A but nothing else",
    ],
}


def main() -> None:
    write_gold(GOLD, ABOUT, ARTICLES, CROSS_SOURCE)


if __name__ == "__main__":
    main()
