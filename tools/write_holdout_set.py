"""Writes tests/data/holdout_entities/gold.json: hand-read facts of the held-out articles beside it.

The held-out set exists to measure whether the entity rules GENERALISE: its topics, people,
organisations and places appear neither in ../shared/seeds nor in tests/data/gold, and it was
annotated before the extractor was run on it. Do not edit annotations to match output unless
the annotation itself was wrong. Run after changing an article: .venv/bin/python tools/write_holdout_set.py
"""

from __future__ import annotations

from pathlib import Path

from gold_format import art, write_gold

HOLDOUT = Path(__file__).resolve().parents[1] / "tests" / "data" / "holdout_entities"

PIRES, BASTOS = "Duarte Nogueira Pires", "Helena Quintela Bastos"
SKOV = "Mikkel Brøndum Skov"
HANSEN, SIEKIERSKI, KOVAL = "Christophe Hansen", "Czesław Siekierski", "Vitalii Koval"

ABOUT = (
    "Held-out reference facts, read by hand before any extractor ran on these articles; same format as "
    "../shared/seeds/gold.json and tests/data/gold/gold.json. Conventions are those of tests/data/gold: names are "
    "canonical forms (evaluation folds case, whitespace and diacritics); entities are every named person, "
    "organisation and location in the cleaned body (not in captions, bylines, datelines or read-more lines listed "
    "in 'boilerplate'); a place inside an organisation's name (Tribunale di Milano, Nasdaq Copenhagen, Câmara "
    "Municipal do Porto) does not count; a hyphen compound counts (RWE-Tochter -> RWE, EU-Mercosur -> European "
    "Union), a closed compound does not (Bundeslandwirtschaftsminister); demonyms and adjectives (Hamburger, "
    "nancéienne, polonez) are not locations. Persons are named without honorifics (Sir Adrian Montague -> Adrian "
    "Montague), Cyrillic names in their usual English form. Organisations keep the name they use themselves "
    "(Energistyrelsen, Deutscher Bauernverband, Institutul Național de Statistică, in the nominative) unless they "
    "have an established English name (European Union, European Investment Bank, Agence France-Presse); an "
    "acronym introduced in brackets is the same organisation. Competitions, projects and publications are not "
    "entities. 'dates' are explicitly mentioned calendar dates (day precision, or month with an explicit year); "
    "--MM-DD means the article has no year and no date header; weekdays, bare months and bare years are not "
    "listed. 'numbers' are figures written with digits, 'value unit' with the unit as an English plural noun "
    "('2300 hectares', '6.3 percent'); money as the full amount and the ISO 4217 code ('4200000000 DKK'); sports "
    "scores, clock times and years are not listed. 'quotes' give the speaker (canonical name, or null) and the "
    "first words in the article's language; quoted fragments of one or two words are not listed. 'story' is the "
    "same for articles about the same event: A (wildfire in Serra da Estrela, 11-12 August 2025, pt/es/en/fr), "
    "B (Ørsted cancels an offshore wind farm, 8 October 2025, da/nb/en/de), C (farmers' protest in Warsaw and "
    "the Hansen-Siekierski meeting, 14 March 2025, pl/en/fr) and D (EU ministers agree quotas for Ukrainian "
    "imports in Brussels, 26 May 2025, de/nl/ro) - C and D share actors (Hansen, Siekierski) but not the event; "
    "E-P are unrelated single articles."
)


ARTICLES = [
    # --- story A: wildfire in Serra da Estrela, Portugal (4 languages) ---
    art("h01_pt.txt", "pt", "A", "2025-08-12", "Incêndio na serra da Estrela obriga a evacuar três aldeias", "Lusa",
        [" date 2025-08-12", "Incêndio na serra da Estrela obriga", "Bombeiros combatem as chamas perto de Manteigas",
         "Lusa", "Partilhe:"],
        ["Um incêndio que deflagrou", "A ministra da Administração Interna"],
        [PIRES, BASTOS],
        ["Autoridade Nacional de Emergência e Proteção Civil", "Guarda Nacional Republicana",
         "Instituto Português do Mar e da Atmosfera"],
        ["Serra da Estrela", "Manteigas", "Guarda", "Covilhã", "Spain"],
        ["2025-08-14"], ["2300 hectares", "450 firefighters", "12 aircraft", "38 degrees"],
        [(PIRES, "A situação é muito complexa"), (BASTOS, "não faltarão meios")],
        caption_credit="Paulo Novais / Lusa"),
    art("h02_es.txt", "es", "A", None, "Portugal pide ayuda a España para frenar el fuego en la sierra de la Estrela",
        None,
        ["Portugal pide ayuda a España", "Foto: Miguel Pereira da Silva / EFE", "Síguenos en Google News"],
        ["Un incendio forestal declarado", "Unos 450 bomberos luchan"],
        [BASTOS, PIRES], ["Ministerio para la Transición Ecológica", "RTP"],
        ["Portugal", "Spain", "Serra da Estrela", "Manteigas", "Covilhã"],
        [], ["2300 hectares", "450 firefighters"],
        [(BASTOS, "Agradecemos la rapidez de nuestros vecinos")], caption_credit="Miguel Pereira da Silva / EFE"),
    art("h03_en.txt", "en", "A", "2025-08-12", None, "Reuters",
        [" date 2025-08-12", "LISBON, Aug 12 (Reuters) -", "Reporting by Catarina Demony"],
        ["A wildfire in Portugal's Serra da Estrela", "About 450 firefighters", "Portugal has been hit"],
        [PIRES, BASTOS], ["European Union", "IPMA"],
        ["Portugal", "Serra da Estrela", "Manteigas", "Covilhã", "Spain"],
        [], ["2300 hectares", "450 firefighters", "12 aircraft", "38 degrees", "100 people"],
        [(PIRES, "The wind changed direction several times")]),
    art("h04_fr.txt", "fr", "A", None, "Portugal : un incendie ravage la Serra da Estrela, trois villages évacués", None,
        ["Portugal : un incendie ravage", "Photo : Patricia de Melo Moreira / AFP", "Lire aussi :"],
        ["Les pompiers portugais luttaient", "Un pompier de 34 ans"],
        [PIRES, BASTOS], ["Agence France-Presse", "IPMA"],
        ["Portugal", "Serra da Estrela", "Manteigas", "Spain", "Guarda", "Castelo Branco"],
        [], ["2300 hectares", "38 degrees", "34 years"],
        [(PIRES, "Nous avons engagé tous les moyens")], caption_credit="Patricia de Melo Moreira / AFP"),
    # --- story B: Ørsted cancels the Havørn offshore wind farm, Wednesday 8 October 2025 (4 languages) ---
    art("h05_da.txt", "da", "B", "2025-10-08", "Ørsted skrotter havvindmøllepark i Nordsøen og nedskriver milliarder",
        "Ritzau",
        [" date 2025-10-08", "Ørsted skrotter havvindmøllepark", "Ørsteds hovedkontor i Fredericia", "Ritzau",
         "Læs også:"],
        ["Energiselskabet Ørsted dropper", "Aktien faldt 6,3 procent"],
        [SKOV, "Sofie Lund-Kristensen", "Henrik Dalsgaard"],
        ["Ørsted", "Nasdaq Copenhagen", "Energistyrelsen", "Sydbank"], ["Jutland", "Esbjerg"],
        [], ["4200000000 DKK", "900 megawatts", "800000 households", "60 employees", "6.3 percent"],
        [(SKOV, "Stigende renter og højere priser")], caption_credit="Bo Amstrup / Ritzau Scanpix"),
    art("h06_nb.txt", "nb", "B", None, "Ørsted dropper havvindpark i Nordsjøen – taper 4,2 milliarder", "NTB",
        ["Ørsted dropper havvindpark i Nordsjøen", "NTB"],
        ["Det danske energiselskapet Ørsted", "Aksjen falt 6,3 prosent"],
        [SKOV, "Ingrid Solheim Aamodt"], ["Ørsted", "Equinor", "Aker Offshore Wind", "DNB Markets", "E24"],
        ["Jutland", "Northern Europe", "Copenhagen"],
        [], ["4200000000 DKK", "6.3 percent"],
        [(SKOV, "Høyere renter og dyrere komponenter"), ("Ingrid Solheim Aamodt", "Vi kommer til å se flere")]),
    art("h07_en.txt", "en", "B", "2025-10-08", "Orsted scraps Danish offshore wind farm, takes $650 million hit", "Reuters",
        [" date 2025-10-08", "Orsted scraps Danish offshore wind farm", "COPENHAGEN, Oct 8 (Reuters) -",
         "(Reporting by Louise Rasmussen"],
        ["Danish energy company Orsted said", "Denmark's climate minister"],
        [SKOV, "Sofie Lund-Kristensen"], ["Ørsted"],
        ["North Sea", "Copenhagen", "United States", "United Kingdom", "Denmark"],
        [], ["900 megawatts", "4200000000 DKK", "650000000 USD", "6.3 percent"],
        [(SKOV, "Higher interest rates and more expensive")]),
    art("h08_de.txt", "de", "B", None, "Ørsted stoppt Windpark vor Dänemarks Küste", "dpa",
        ["Ørsted stoppt Windpark vor Dänemarks Küste", "dpa"],
        ["Der dänische Energiekonzern Ørsted", "Auch in Deutschland steht"],
        [SKOV], ["Ørsted", "Nordex", "RWE", "RWE Offshore Wind", "Bundesverband WindEnergie"],
        ["North Sea", "Fredericia", "Copenhagen", "Germany"],
        [], ["4200000000 DKK", "560000000 EUR", "6.3 percent"],
        [(SKOV, "Höhere Zinsen und teurere Komponenten")]),
    # --- story C: farmers' protest in Warsaw, Hansen meets Siekierski, Friday 14 March 2025 (3 languages) ---
    art("h09_pl.txt", "pl", "C", "2025-03-14", "Rolnicy protestowali w Warszawie. Komisarz Hansen obiecał zmiany", "PAP",
        [" date 2025-03-14", "Rolnicy protestowali w Warszawie.", "Protest rolników przed siedzibą premiera. Fot.",
         "PAP", "Udostępnij:"],
        ["Kilka tysięcy rolników z całej Polski", "Przewodniczący związku"],
        [HANSEN, SIEKIERSKI, "Marek Zieliński-Brzoza"],
        ["European Union", "Mercosur", "Sejm", "Solidarność Rolników Indywidualnych"],
        ["Poland", "Warsaw", "Ukraine"],
        ["2025-04-02"], ["18 percent"],
        [(HANSEN, "Rozumiemy obawy polskich rolników")], caption_credit="Paweł Supernak / PAP"),
    art("h10_en.txt", "en", "C", None, "EU farm chief Hansen meets Polish minister as thousands protest in Warsaw",
        None,
        ["EU farm chief Hansen meets Polish minister", "By Aleksandra Krzysztoszek", "Share this article"],
        ["EU Agriculture Commissioner Christophe Hansen", "The protest passed peacefully"],
        [HANSEN, SIEKIERSKI], ["European Union", "Mercosur"], ["Warsaw", "Poland"],
        ["--03-14", "--04-02"], [],
        [(HANSEN, "We understand the concerns of Polish farmers")]),
    art("h11_fr.txt", "fr", "C", "2025-03-14",
        "Pologne : des milliers d'agriculteurs manifestent à Varsovie contre le Mercosur", "AFP",
        [" date 2025-03-14", "Pologne : des milliers d'agriculteurs", "Avec AFP", "Partager :"],
        ["Plusieurs milliers d'agriculteurs polonais", "Pour Siekierski, la Pologne"],
        [HANSEN, SIEKIERSKI, "Étienne de La Vallière"], ["European Union", "Mercosur"],
        ["Warsaw", "Poland", "France"],
        [], [],
        [(HANSEN, "Nous comprenons les inquiétudes")]),
    # --- story D: EU agriculture ministers agree import quotas in Brussels, Monday 26 May 2025 (3 languages) ---
    art("h12_de.txt", "de", "D", "2025-05-26", "EU-Agrarminister einigen sich auf Quoten für ukrainisches Getreide", None,
        [" date 2025-05-26", "EU-Agrarminister einigen sich", "Mehr zum Thema:"],
        ["Die Landwirtschaftsminister der EU", "Auch der Deutsche Bauernverband"],
        [HANSEN, SIEKIERSKI, KOVAL, "Alois Rainer"], ["European Union", "Deutscher Bauernverband", "CSU"],
        ["Brussels", "Ukraine", "Poland"],
        ["2025-06-06"], ["3500000000 EUR"],
        [(HANSEN, "Wir schützen unsere Märkte")]),
    art("h13_nl.txt", "nl", "D", None, "EU beperkt invoer van Oekraïens graan met nieuwe quota", None,
        ["EU beperkt invoer van Oekraïens graan", "Door onze correspondent in Brussel", "Lees ook:"],
        ["De landbouwministers van de Europese Unie", "De Oekraïense landbouwminister"],
        [HANSEN, "Femke Wiersma", SIEKIERSKI, KOVAL], ["European Union"], ["Brussels", "Ukraine"],
        ["--06-06"], ["3500000000 EUR"],
        [(HANSEN, "We beschermen onze markten")]),
    art("h14_ro.txt", "ro", "D", "2025-05-27", "Consiliul UE a aprobat noi cote pentru importurile agricole din Ucraina",
        None,
        [" date 2025-05-27", "Consiliul UE a aprobat noi cote", "Sursa foto: Facebook / Florin Barbu"],
        ["Miniștrii agriculturii din statele membre", "Potrivit Institutului Național de Statistică"],
        ["Florin Barbu", HANSEN, SIEKIERSKI, KOVAL], ["European Union", "Institutul Național de Statistică"],
        ["Brussels", "Ukraine", "Romania"],
        ["2025-06-06"], ["1200000 tonnes"],
        [("Florin Barbu", "Fermierii români au fost protejați")], caption_credit="Facebook / Florin Barbu"),
    # --- unrelated single-article stories ---
    art("h15_tr.txt", "tr", "E", "2025-07-21", "İzmir'de kuraklık alarmı: Su kesintileri 15 ilçeye yayıldı", None,
        [" date 2025-07-21", "İzmir'de kuraklık alarmı:", "Fotoğraf: AA", "Haberin devamı için tıklayın"],
        ["İzmir Büyükşehir Belediyesi, barajlardaki", "Meteoroloji Genel Müdürlüğü verilerine"],
        ["Gökhan Yıldırım Demirtaş", "Cemil Tugay"],
        ["İzmir Büyükşehir Belediyesi", "İZSU", "Devlet Su İşleri", "Meteoroloji Genel Müdürlüğü"],
        ["İzmir", "Ankara", "Van", "Konya"],
        [], ["12 percent", "15 districts", "4500000 people", "12 months", "40 percent"],
        [("Gökhan Yıldırım Demirtaş", "Her damla suyu korumak zorundayız")], caption_credit="AA"),
    art("h16_uk.txt", "uk", "F", None, "У Харкові після ремонту відкрився художній музей", "Укрінформ",
        ["У Харкові після ремонту відкрився", "Як повідомляє Укрінформ,", "Фото: Харківська міська рада",
         "Читайте також:"],
        ["Директорка музею Валентина Мисліна", "Експозицію присвячено творам"],
        ["Valentyna Myslina", "Ihor Terekhov", "Ilya Repin", "Maria Prymachenko"], ["Kharkiv Art Museum"],
        ["Kharkiv"],
        ["2022-02"], ["1200 people"],
        [("Valentyna Myslina", "Ми хочемо показати")], caption_credit="Харківська міська рада"),
    art("h17_ru.txt", "ru", "G", None, "Новосибирские физики запустили новый ускоритель", "ТАСС",
        ["Новосибирские физики запустили", "Как сообщает ТАСС,", "Читайте также:"],
        ["«Это первый за тридцать лет", "Губернатор Новосибирской области"],
        ["Pavel Logachev", "Andrey Travnikov"], ["Budker Institute of Nuclear Physics"],
        ["Novosibirsk", "Russia", "Tomsk", "Dubna", "Novosibirsk Oblast"],
        [], ["7 years", "12000000000 RUB"],
        [("Pavel Logachev", "Это первый за тридцать лет")]),
    art("h18_it.txt", "it", "H", "2025-04-09", "Crac di Ferrovie Lombarde Nord, condannati due ex manager", None,
        [" date 2025-04-09", "Crac di Ferrovie Lombarde Nord", "Leggi anche:", "Riproduzione riservata"],
        ["Il Tribunale di Milano ha condannato", "La società, che gestiva"],
        ["Marco Ferrara", "Giulia Messina", "Anna Maria Lo Presti", "Luca Bergamo", "Chiara Benedetti"],
        ["Tribunale di Milano", "Ferrovie Lombarde Nord", "Regione Lombardia"], ["Varese", "Como"],
        ["2021-03"], ["18000000 EUR", "240 employees"],
        [("Luca Bergamo", "Faremo sicuramente appello"), ("Chiara Benedetti", "È una sentenza equilibrata")]),
    art("h19_es.txt", "es", "I", "2025-11-16", "El Unicaja tumba al Baskonia y sigue líder de la Liga Endesa", None,
        [" date 2025-11-16", "El Unicaja tumba al Baskonia", "Sigue toda la actualidad deportiva"],
        ["El Unicaja derrotó este domingo", "El pabellón registró"],
        ["Alberto Díaz", "Jaime Fernández Bernabé", "Ibon Navarro", "Markus Howard", "Paolo Galbiati"],
        ["Unicaja", "Baskonia", "Joventut"], ["Málaga", "Badalona"],
        ["2025-11-23"], ["18 points", "15 points", "22 points", "10200 spectators"],
        [("Ibon Navarro", "Hemos defendido muy bien"), ("Paolo Galbiati", "Hemos regalado demasiado")]),
    art("h20_nl.txt", "nl", "J", None, "Rotterdamse raad stemt in met walstroom voor cruiseschepen", None,
        ["Rotterdamse raad stemt in met walstroom", "Foto: ANP / Robin Utrecht", "Lees ook:"],
        ["De gemeenteraad van Rotterdam", "Oppositiepartij Leefbaar Rotterdam"],
        ["Saskia van der Linden", "Rik Verbrugge-Haan"], ["Havenbedrijf Rotterdam", "Leefbaar Rotterdam", "TNO"],
        ["Rotterdam", "Wilhelminakade", "Katendrecht", "Kop van Zuid", "Antwerp"],
        [], ["45000000 EUR", "100 ships", "80 percent"],
        [("Saskia van der Linden", "een grote stap voor schonere lucht")], caption_credit="ANP / Robin Utrecht"),
    art("h21_sv.txt", "sv", "K", "2025-06-03", "LKAB varslar 200 anställda i Kiruna och Malmberget", None,
        [" date 2025-06-03", "LKAB varslar 200 anställda", "Dela artikeln:"],
        ["Gruvbolaget LKAB varslar", "Facket IF Metall"],
        ["Jan Moström", "Anna-Karin Vikström Lindh"], ["LKAB", "SVT", "IF Metall", "Arbetsförmedlingen"],
        ["Kiruna", "Malmberget", "Europe", "Norrbotten", "Gällivare"],
        [], ["200 employees", "3.1 percent"],
        [("Jan Moström", "Det här är ett tungt besked"), ("Anna-Karin Vikström Lindh", "Vi måste nu se till")]),
    art("h22_en.txt", "en", "L", "2025-02-18", "Thames Water wins court approval for £3bn emergency loan", None,
        [" date 2025-02-18", "Thames Water wins court approval", "Photograph: Jordan Pettitt/PA", "Most viewed"],
        ["Thames Water has won approval", "The regulator Ofwat"],
        ["Leech", "Adrian Montague", "Steve Reed"], ["Thames Water", "High Court", "Cheyne Capital", "Ofwat"],
        ["United Kingdom", "Reading", "London", "Thames Valley"],
        [], ["3000000000 GBP", "16000000 customers", "16000000000 GBP"],
        [("Leech", "a special administration regime"), ("Adrian Montague", "the breathing space it needs")],
        caption_credit="Jordan Pettitt/PA"),
    art("h23_fr.txt", "fr", "M", "2025-09-20", "À Nancy, le musée des Beaux-Arts rouvre après deux ans de travaux", None,
        [" date 2025-09-20", "À Nancy, le musée des Beaux-Arts rouvre", "Par Claire Dumont-Ricard", "Lire aussi :"],
        ["Le musée des Beaux-Arts de Nancy a rouvert", "Le maire de Nancy"],
        ["Florence Lebrun-Vasseur", "Rachida Dati", "Claude Lorrain", "Émile Friant", "Mathieu Klein"],
        ["Musée des Beaux-Arts de Nancy", "Métropole du Grand Nancy", "Daum"], ["Nancy", "Place Stanislas"],
        [], ["14000000 EUR", "120000 visitors"],
        [("Florence Lebrun-Vasseur", "Nous avons voulu un musée"), ("Mathieu Klein", "un symbole du renouveau")]),
    art("h24_de.txt", "de", "N", None, "Forscher entdecken Enzym, das Plastik in wenigen Tagen zersetzt", None,
        ["Forscher entdecken Enzym", "Foto: Swen Pförtner / dpa", "Mehr zum Thema:"],
        ["Ein Team um die Biochemikerin", "Der Chemiker Martin Wendland"],
        ["Lena Hartmann-Beck", "Tobias Kranich", "Martin Wendland"],
        ["Universität Göttingen", "Helmholtz-Zentrum für Umweltforschung", "Deutsche Forschungsgemeinschaft",
         "Karlsruher Institut für Technologie"],
        ["Halle", "Leipzig", "Essen"],
        [], ["40 degrees", "2400000 EUR"],
        [("Lena Hartmann-Beck", "Wir waren selbst überrascht"), ("Martin Wendland", "einen wichtigen Schritt")],
        caption_credit="Swen Pförtner / dpa"),
    art("h25_nb.txt", "nb", "O", "2025-04-24", "Tromsø kutter i skolebudsjettet", "NTB",
        [" date 2025-04-24", "Tromsø kutter i skolebudsjettet", "Ordfører Gunnar Wilhelmsen i bystyresalen", "NTB"],
        ["Bystyret i Tromsø vedtok", "Opposisjonen, med Høyre"],
        ["Gunnar Wilhelmsen", "Silje Marie Nordby-Hætta"],
        ["Arbeiderpartiet", "Statsforvalteren", "Sivilombudet", "Høyre", "Rødt"],
        ["Tromsø", "Kvaløya", "Sommarøy", "Brensholmen"],
        [], ["38000000 NOK", "4000 signatures"],
        [("Gunnar Wilhelmsen", "Dette er den tyngste saken")], caption_credit="Rune Stoltz Bertinussen / NTB"),
    art("h26_pt.txt", "pt", "P", "2025-05-14", "Porto aprova nova linha de metro até Gondomar", None,
        [" date 2025-05-14", "Porto aprova nova linha de metro", "Leia também:"],
        ["A Câmara Municipal do Porto aprovou", "O vereador da oposição"],
        ["Rui Moreira", "Eduardo Souto de Moura", "Sérgio Aires"],
        ["Câmara Municipal do Porto", "Metro do Porto", "European Investment Bank"],
        ["Boavista", "Gondomar", "Douro", "Campo Alegre", "Vila Nova de Gaia", "Campanhã"],
        [], ["435000000 EUR"],
        [("Rui Moreira", "É a obra mais importante"), ("Sérgio Aires", "os moradores de Campanhã")]),
]

CROSS_SOURCE = {
    "agree": [
        "story A: more than 2,300 hectares burned, three villages near Manteigas evacuated, about 450 firefighters "
        "(h01-h04)",
        "story B: Ørsted writes down 4.2 billion Danish kroner, the shares fell 6.3 percent (h05-h08)",
        "story D: the quotas apply from 6 June 2025; Ukraine loses about 3.5 billion euros a year (h12-h14)",
    ],
    "disagree": [
        "stories C and D share Hansen, Siekierski, the European Union, Poland and Ukraine, but are two events "
        "(a meeting in Warsaw on 14 March 2025, a Council decision in Brussels on 26 May 2025)",
        "h07 spells Orsted and Mikkel Brondum Skov without the Danish letters",
    ],
}


def main() -> None:
    write_gold(HOLDOUT, ABOUT, ARTICLES, CROSS_SOURCE)


if __name__ == "__main__":
    main()
