"""Furniture recognised by layout and timestamps, on lines written for these tests (no third-party text)."""

from datetime import date

import pytest

from tasks.clean import clean_articles, load_rules, remove_boilerplate, url_date
from tasks.layout import (after_read_more, bulleted_headlines, credit_caption, embedded_posts, navigation_lists, page_edges, related_block,
                          repeated_lines, stray_word, teaser_blocks)
from tasks.timestamps import timestamp_date

BODY = "The council approved the new budget on Tuesday after a long debate about school funding in the region."
BODY2 = "Opposition members said the plan would leave several rural schools without enough teachers next year."


def test_navigation_list_of_short_bullets():
    lines = ["Weather", "  • Oslo", "  • Bergen", "  • Tromsø", "", BODY, "  • Only one bullet here"]
    assert navigation_lists(lines) == [1, 2, 3]


def test_a_bulleted_list_of_sentences_is_content():
    lines = [BODY, "• The budget grows by four percent.", "• Schools get more money.", "• Roads get less."]
    assert navigation_lists(lines) == []


def test_teaser_run_at_the_end():
    lines = [BODY, "", "Storm closes ferry routes", "", "Minister resigns after vote", "", "Prices rise again",
             "", "Five things to know today"]
    assert teaser_blocks(lines) == [2, 4, 6, 8]


def test_teaser_run_in_the_head_keeps_the_headline_and_the_line_before_the_body():
    lines = ["News", "Sport", "Culture", "Council approves the budget for next year", "", "Tuesday morning", "",
             BODY]
    assert teaser_blocks(lines) == [0, 1, 2]
    assert teaser_blocks(["News", "Sport", "Culture", "Weather", "Council approves the budget", BODY]) == [0, 1, 2, 3]


def test_three_short_lines_are_not_a_teaser_run():
    assert teaser_blocks([BODY, "Reactions", "", "What comes next", "", "Background", "", BODY2]) == []


def test_a_caption_printed_twice_goes_both_times_a_headline_printed_again_only_once():
    caption = "Rescue workers search the rubble of a collapsed building in the city centre"
    assert repeated_lines([BODY, caption, "", caption, BODY2]) == [1, 3]
    headline = "Council approves the budget for next year"
    assert repeated_lines([headline, "", headline, "", BODY]) == [2]
    # far apart, a repeated sentence is the writer's, not the page's; a different line is no repeat
    assert repeated_lines([BODY, BODY2, "Still, " + BODY2, "a", "b", "c", "d", BODY]) == []


def test_a_caption_printed_again_with_its_credit_is_a_repeat():
    caption = "Rescue workers search the rubble of a collapsed building in the city centre."
    assert repeated_lines([BODY, caption, "", caption + " (Source: Example Agency)", BODY2]) == [1, 3]
    # in the page's head, the copy with the site's name added goes and the headline stays
    headline = "Council approves the budget for next year"
    assert repeated_lines([headline + " | Example Times", "", headline, "", BODY]) == [0]


def test_page_edges_head_and_tail():
    lines = ["Menu", "Local news", "Council approves the budget for next year", "", BODY, BODY2, "",
             "Related topics", "Budget"]
    assert page_edges(lines) == [0, 1, 7, 8]


def test_a_page_headed_by_one_word_has_a_section_name_not_a_headline():
    """Real pages (dev split): " date 2023-02 Istanbul" above the caption and the first paragraph; a two-word
    kicker alone above the body ("POLICIJA POTVRDILA") may be the headline and stays."""
    assert page_edges(["Istanbul", "", BODY, BODY2]) == [0]
    assert page_edges(["България", "", None, BODY]) == [0]  # (None: the timestamp below it, already removed)
    assert page_edges(["POLICIJA POTVRDILA", "", BODY, BODY2]) == []


def test_a_lone_short_last_line_may_be_the_article_cut_short():
    assert page_edges([BODY, "", "But the mayor"]) == []


def test_single_word_labels_but_not_two_word_sub_headings():
    lines = ["Council approves budget", "info", BODY, "Strong reactions", BODY2, "NULL", "Why?"]
    assert stray_word(lines) == [1, 5]


@pytest.mark.parametrize("line, expected", [
    ("Rescue workers search the rubble on Monday. Photo: Jane Doe/Getty Images", True),
    ("Rescue workers search the rubble on Monday / AFP", True),
    ("Getty Images Rescue workers search the rubble on Monday", True),
    ("Rescue workers search the rubble in the city on 18 December 2022. (Xinhua/Jane Doe)", True),
    ("Rescue workers search the rubble on Monday. (AP Photo/John Doe)", True),
    ("Rescue workers search the rubble, AFP reported on Monday.", False),
    ("AFP", False),
])
def test_captions_that_name_their_picture_source(line, expected):
    assert credit_caption(line, load_rules().photo_credits) is expected


@pytest.mark.parametrize("line, expected", [
    ("Published 16/09/2025 at 23:45", date(2025, 9, 16)),
    ("newswire.example| 2022-12-19 03:20:45|", date(2022, 12, 19)),
    ("29 січня 2026, 15:16", date(2026, 1, 29)),
    ("7. des. 2021 17:12 Sist oppdatert 8. des. 2021", date(2021, 12, 7)),
    ("Eklenme tarihi: 24/02/2022 – 6:31", date(2022, 2, 24)),
    ("17:34 UTC+8, 2022-02-05", date(2022, 2, 5)),
    ("December 31, 2021", date(2021, 12, 31)),
    # languages newsetl has no date rules for: CLDR month names of every language langdetect knows
    ("19 януари 2026, 18:54", date(2026, 1, 19)),
    ("2026. 02. 24. 14:01", date(2026, 2, 24)),
    ("Jana Nováková 28. dubna 2025 15:38", date(2025, 4, 28)),
    ("2024. november 22. 09:15", date(2024, 11, 22)),
    ("Julkaistu 3.5.2024 klo 10.12", date(2024, 5, 3)),
    ("الجمعة 22 نوفمبر 2024", date(2024, 11, 22)),
    ("2023年7月16日 10:05", date(2023, 7, 16)),
    ("The summit on 10 January 2022 ended with a joint statement.", None),
    ("Tickets for the 2022 final went on sale.", None),
    ("2022", None),
])
def test_timestamp_lines(line, expected):
    assert timestamp_date(line) == expected


def test_timestamp_lines_are_furniture_and_date_the_article():
    text = f"Council approves the budget\n\nPublished 16/09/2025 at 23:45\nUpdated 17/09/2025 at 08:11\n\n{BODY}"
    cleaned = remove_boilerplate(text)
    assert (cleaned.published, cleaned.published_precision, cleaned.published_source) == (
        date(2025, 9, 16), "day", "dateline")
    assert [(r.line_no, r.reason) for r in cleaned.removed] == [(1, "title"), (3, "timestamp"), (4, "timestamp")]
    assert cleaned.text_clean == BODY


def test_an_updated_line_alone_is_no_publication_date():
    cleaned = remove_boilerplate(f"Updated 24.05.2017 15:05\n\n{BODY}")
    assert cleaned.published is None and cleaned.text_clean == BODY


def test_a_month_header_is_refined_by_a_timestamp_in_that_month():
    cleaned = remove_boilerplate(f" date 2023-02\n06.02.2023 04:46\n\n{BODY}")
    assert (cleaned.published, cleaned.published_precision, cleaned.published_source) == (
        date(2023, 2, 6), "day", "dateline")


def test_a_date_in_the_body_is_not_a_publication_date():
    cleaned = remove_boilerplate(f"{BODY} The vote is on 10 January 2026.\n\n{BODY2}")
    assert cleaned.published is None


@pytest.mark.parametrize("line", ["12:21pm", "19 minutes ago", "hace 2 horas", "vor 5 Minuten", "tio minuter sedan",
                                  "Publisert For mindre enn 1 time siden"])
def test_clock_and_relative_times_are_timestamps(line):
    cleaned = remove_boilerplate(f"{BODY}\n{line}\n{BODY2}")
    assert [(r.text, r.reason) for r in cleaned.removed] == [(line, "timestamp")]


def test_publication_date_sources():
    rows = [{"article_id": "r", "text_raw": BODY, "published": date(2021, 1, 2), "published_precision": "day"},
            {"article_id": "h", "text_raw": f" date 2021-12-31\n{BODY}"},
            {"article_id": "d", "text_raw": f"December 31, 2021\n\n{BODY}"},
            {"article_id": "u", "text_raw": BODY, "url": "https://news.example/2021/12/30/budget.html"},
            {"article_id": "n", "text_raw": BODY}]
    cleaned, _ = clean_articles(rows)
    assert [(a["article_id"], a["published"], a["published_source"]) for a in cleaned] == [
        ("r", date(2021, 1, 2), "record"), ("h", date(2021, 12, 31), "header"), ("d", date(2021, 12, 31), "dateline"),
        ("u", date(2021, 12, 30), "url"), ("n", None, None)]


def test_url_dates():
    assert url_date("https://x.example/2021-12-31-budget") == (date(2021, 12, 31), "day")
    assert url_date("https://x.example/2021/13/40/") == (None, None)
    assert url_date(None) == (None, None)


def test_a_weekday_and_a_date_at_the_top_is_the_page_s_today_not_the_article_s_date():
    cleaned = remove_boilerplate(f"Úterý 17. března 2026\nCouncil approves the budget\n\n{BODY}")
    assert [(r.line_no, r.reason) for r in cleaned.removed] == [(1, "today_date"), (2, "title")]
    assert cleaned.published is None
    # with a clock time it is a publication stamp
    cleaned = remove_boilerplate(f"Council approves the budget\n\nÚterý 17. března 2026 15:38\n\n{BODY}")
    assert (cleaned.published, cleaned.published_source) == (date(2026, 3, 17), "dateline")


def test_a_stamp_just_above_the_first_sentence_dates_the_article_however_long_the_head():
    menu = [f"Section {n}" for n in range(1, 15)]
    text = "\n".join(menu + ["Council approves the budget", "Agency 11.07.2020 22:58", "", BODY])
    assert remove_boilerplate(text).published == date(2020, 7, 11)


def test_an_embedded_post_is_furniture_and_its_date_is_not_the_article_s():
    lines = [BODY, "", "Our thoughts are with everyone affected by the storm tonight.", "",
             "— Jane Example (@jane_example) September 8, 2022", "", "Roads reopen tomorrow. pic.twitter.com/AbC123", BODY2]
    assert embedded_posts(lines) == [2, 4, 6]
    cleaned = remove_boilerplate("\n".join(lines))
    assert cleaned.published is None and cleaned.text_clean == f"{BODY}\n\n{BODY2}"


def test_other_stories_below_a_you_might_also_like_line_go_when_their_block_is_mostly_furniture():
    """Shape of a real page (dev split, a Swedish aggregator): below "Du kanske också gillar" each other story
    is a caption, a headline, a summary sentence and "tio minuter sedan"; the summaries read like body."""
    summary = "Minst 45 människor har omkommit i en bussolycka i Sydafrika under torsdagen, enligt polisen."
    lines = [BODY, BODY2, "Du kanske också gillar", "Olycksbussen körde av en bro. Foto: ENCA/AP/TT",
             "Ett barn har hittats vid liv efter bussolyckan", summary, "tio minuter sedan"]
    kept = [BODY, BODY2, None, None, "Ett barn har hittats vid liv efter bussolyckan", summary, None]
    assert related_block(lines, kept, {2}) == [4, 5]
    # a "Read also" link inside the article, the article going on below it: the rest is mostly kept
    inside = [BODY, "Läs också", "Ett barn har hittats vid liv", BODY2, summary, BODY]
    assert related_block(inside, [BODY, None, None, BODY2, summary, BODY], {1}) == []


def test_the_headlines_under_a_read_also_line_go_with_it():
    lines = [BODY, "Read also:", "Storm closes ferry routes (NE 28.3.2018)", "", BODY2]
    assert after_read_more(lines, {1}) == [2]
    assert after_read_more(lines, set()) == []
    # in the page's head the line under a section name is the article's own headline
    assert after_read_more(["Section news", "Council approves the budget", BODY], {0}) == []
    cleaned = remove_boilerplate("\n".join(lines))
    assert [(r.line_no, r.reason) for r in cleaned.removed] == [(2, "read_more"), (3, "read_more")]


def test_teaser_runs_count_headlines_opened_by_a_dash():
    lines = [BODY, "", "Storm closes ferry routes", "", "– This is simply not good enough!", "",
             "Minister resigns after vote", "", "Prices rise again"]
    assert teaser_blocks(lines) == [2, 4, 6, 8]


@pytest.mark.parametrize("line, reason", [
    ("The minister visits the flooded village, pictured here on Monday", "photo_caption"),
    ("Her er hun fotografert i juli i fjor.", "photo_caption"),
    ("Los concejales, en una imagen de archivo.", "photo_caption"),
    ("Reading time: < 1 min", "reading_time"),
    ("5 min read", "reading_time"),
    ("Sunny 18.9ºC Ankara", "weather_widget"),
    ("This article is more than 1 year old", "age_notice"),
    ("(Rédigé par Jeanne Exemple, édité par Paul Exemple)", "author_byline"),
    ("[Fotoğraf: Example Ajansı]", "photo_caption"),
])
def test_furniture_lines_of_other_kinds(line, reason):
    cleaned = remove_boilerplate(f"{BODY}\n{line}\n{BODY2}")
    assert [(r.text, r.reason) for r in cleaned.removed] == [(line, reason)]


@pytest.mark.parametrize("line", [
    "He was photographed leaving the court on Tuesday, his lawyer said.",  # no caption word: "photographed" alone
    "The team scored 12 goals in 5 matches this season.",
    "Two years ago the council rejected a similar plan, and it may again.",
])
def test_content_lines_that_look_a_little_like_furniture_stay(line):
    assert remove_boilerplate(f"{BODY}\n{line}\n{BODY2}").removed == []


# ------------------------------------------------------------------ found on the second real set (other outlets)

def test_a_paragraph_wrapped_at_a_fixed_width_is_not_a_run_of_teasers():
    lines = ["The coach spoke after the match, angry about the injury",
             "of his captain, who left the pitch in the first half",
             "with a sore knee. \"Either something changes or we",
             "ruin the game,\" he told reporters after the",
             "final whistle, \"sixty games a year, and those who",
             "should rest always play, I am furious\"",
             BODY]
    assert teaser_blocks(lines) == []


def test_the_first_line_printed_again_keeps_its_first_copy_even_as_a_full_sentence():
    line = "Storms: 400 calls in one night for the fire brigade. Fifty call-outs in the valley."
    assert repeated_lines([line, "", line, "", BODY, BODY2]) == [2]
    other = "Residents were asked to stay indoors until the wind drops on Sunday evening."
    assert repeated_lines([line, "", BODY, "", BODY2, "", other, "", line]) == []  # far apart: both content


def test_a_stamp_with_a_time_of_day_may_carry_a_byline_word():
    assert timestamp_date("Redação Publicado em 19/02/2026, às 10h53") == date(2026, 2, 19)
    assert timestamp_date("Redação Publicado em 19/02/2026 em Santos") is None  # no time of day: one word too many


def test_an_update_stamp_in_catalan_does_not_date_the_article():
    got = remove_boilerplate(" date 2022-06 Els veïns temen que les millores durin setmanes\n\n"
                             "Actualitzada 20/06/2022 a les 20:30\n\n" + BODY)
    assert (got.published, got.published_precision) == (date(2022, 6, 1), "month")
    assert [r.reason for r in got.removed] == ["date_header", "title", "timestamp"]


@pytest.mark.parametrize("line, clause, day", [
    ("Alcalá de Henares, 21 de agosto de 2024.- Un incendio obligó a desalojar varias viviendas.",
     "Alcalá de Henares, 21 de agosto de 2024.- ", date(2024, 8, 21)),
    ("Paris, le 12 mars 2024 - Le gouvernement a présenté son budget.", "Paris, le 12 mars 2024 - ",
     date(2024, 3, 12)),
    # the outlet and the date in parentheses after the place (first set, dev c09)
    ("Miami, (UrduPoint / Pakistan Point News - 16th Jul, 2023 ) :Argentine superstar Lionel Messi has signed.",
     "Miami, (UrduPoint / Pakistan Point News - 16th Jul, 2023 ) :", date(2023, 7, 16)),
])
def test_a_dateline_with_a_full_date_is_stripped_and_dates_the_article(line, clause, day):
    got = remove_boilerplate(line + "\n\n" + BODY)
    assert (got.published, got.published_source) == (day, "dateline")
    assert [(r.text, r.reason) for r in got.removed] == [(clause, "dateline")]
    assert got.text_clean.split("\n")[0] == line[len(clause):]


def test_a_sentence_that_mentions_a_date_is_no_dateline():
    got = remove_boilerplate("Hier, 12 mars 2024, le gouvernement a présenté son budget.\n\n" + BODY)
    assert got.published is None and got.removed == []


@pytest.mark.parametrize("line", [
    "PARIS, (AFP) - Le gouvernement a présenté son budget.",  # no date in the parentheses
    "Rome, (the city where it happened in 2019) - the court heard the case again.",  # a year, no date
    "Miami, (UrduPoint / 16th Jul, 2023 / Pakistan Point News) :Argentine superstar Lionel Messi has signed.",
])
def test_parentheses_after_a_place_date_the_article_only_when_they_end_with_a_full_date(line):
    got = remove_boilerplate(line + "\n\n" + BODY)
    assert got.published_source != "dateline"


def test_a_short_line_opened_by_a_link_arrow_or_separator_is_navigation():
    from tasks.layout import link_markers
    lines = [BODY, "> Read the latest on the storm in our live page", "| Source", "/Embedded code/",
             "\"Quoted words open this paragraph,\" she said.", "/ " + BODY]
    assert link_markers(lines) == [1, 2, 3]


def test_a_capitalised_word_between_two_paragraphs_is_a_sub_heading_a_marker_in_capitals_is_not():
    """Real dev pages: "Kontroller" and "Brukaraktivitet" head the paragraphs below them; "ILMOITUS"
    (Finnish: advertisement) and "NULL" stand between paragraphs too, in capitals."""
    lines = [BODY, "Kontroller", BODY2, "ILMOITUS", BODY, "NULL", BODY2, "Publisert", "Oppdatert 24.05.2017", BODY,
             "Share"]
    assert stray_word(lines) == [3, 5, 7, 10]


def test_bulleted_headlines_after_the_body_link_to_other_stories():
    # the "related" list under a BBC story (dev split f06)
    lines = ["Britain votes to leave the EU after a long and bitter campaign.", "",
             "  • David Cameron resigns as prime minister", "",
             "  • Pound crashes as markets react to Brexit vote", "", "More text of the article follows here."]
    assert bulleted_headlines(lines) == [2, 4]


def test_headline_like_items_of_a_list_of_facts_are_content():
    # fifth set dev (v01): two of five items of the article's list read like headlines; the others carry figures
    lines = [BODY, "",
             "  • The merger of children's and adult's services and a 13 per cent funding cut to save £41.5m",
             "  • A loss of £3.4m to the council's housing services",
             "  • Swimming Bath closures in Levenshulme, Miles Platting and Moston",
             "  • Library closures in Levenshulme, Fallowfield, Burnage and Northenden",
             "  • A 3.7 per cent council tax hike.", "", BODY2]
    assert bulleted_headlines(lines) == []
    # with one item of figures among four headlines, the headlines are still links
    lines[2:7] = ["  • Storm closes the main bridge again", "  • Council sells the old harbour warehouses",
                  "  • Mayor opens the new library in the old town", "  • Ferry company cancels the winter routes",
                  "  • A 3.7 per cent council tax hike."]
    assert bulleted_headlines(lines) == [2, 3, 4, 5]


def test_hyphen_bulleted_headlines_after_the_body_link_to_other_stories():
    lines = [BODY, "- Storm closes the main bridge for the second time this winter", "",
             "- Council votes to sell the old harbour warehouses to a developer", BODY2]
    assert bulleted_headlines(lines) == [1, 3]


def test_a_title_case_line_between_two_paragraphs_is_a_sub_heading_not_an_author():
    """Dev page y26 (pl): "Chronologia Wydarzeń" and "Akcja Gaśnicza" head the paragraphs below them; an
    author line stands among the page's head lines ("Cheryl McCloud" / "Fort Myers News-Press")."""
    from tasks.layout import name_lines
    assert name_lines([BODY, "Chronologia Wydarzeń", BODY2, "Akcja Gaśnicza", BODY]) == []
    assert name_lines(["Hurricane Ian makes landfall near Cayo Costa", "", "Cheryl McCloud", "Fort Myers News-Press",
                       "", BODY]) == [2, 3]
    assert name_lines([BODY, "Svein Olav B. Langåker", None, None, BODY2]) == [1]  # timestamps removed below it
    assert name_lines([BODY, "Cheryl McCloud", BODY2]) == [1]  # a given name: an author between two paragraphs
    # fourth set dev z23: the page opens with the author's name above the first paragraph; a headline stays
    assert name_lines(["Tiina Judén", "", BODY, BODY2]) == [0]
    assert name_lines(["Storm Closes Bridge", "", BODY, BODY2]) == []


@pytest.mark.parametrize("items", [
    ["• Das Pfund verliert dramatisch an Wert.", "• Premier David Cameron hat seinen Rücktritt angekündigt."],
    ["  •  Bonita Beach to Chokoloskee...8-12 ft", "  •  Englewood to Bonita Beach...12-18 ft"],
    ["• Storm hits the coast tonight"],  # one item is no list
])
def test_bulleted_facts_of_the_article_are_kept(items):
    lines = ["The storm made landfall near the city late on Tuesday evening.", *items]
    assert bulleted_headlines(lines) == []


def test_bulleted_points_above_the_first_sentence_are_kept():
    lines = ["Storm latest", "• Thousands told to leave their homes", "• Schools closed across the region",
             "The storm made landfall near the city late on Tuesday evening."]
    assert bulleted_headlines(lines) == []
