"""Furniture recognised by layout and timestamps, on lines written for these tests (no third-party text)."""

from datetime import date

import pytest

from tasks.clean import clean_articles, load_rules, remove_boilerplate, timestamp_date, url_date
from tasks.layout import credit_caption, navigation_lists, page_edges, repeated_lines, stray_word, teaser_blocks

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
    # far apart, a repeated sentence is the writer's, not the page's
    assert repeated_lines([BODY, BODY2, BODY2 + " x", "a", "b", "c", "d", BODY]) == []


def test_page_edges_head_and_tail():
    lines = ["Menu", "Local news", "Council approves the budget for next year", "", BODY, BODY2, "",
             "Related topics", "Budget"]
    assert page_edges(lines) == [0, 1, 7, 8]


def test_a_lone_short_last_line_may_be_the_article_cut_short():
    assert page_edges([BODY, "", "But the mayor"]) == []


def test_single_word_labels_but_not_two_word_sub_headings():
    lines = ["Council approves budget", "info", BODY, "Strong reactions", BODY2, "NULL", "Why?"]
    assert stray_word(lines) == [1, 5]


@pytest.mark.parametrize("line, expected", [
    ("Rescue workers search the rubble on Monday. Photo: Jane Doe/Getty Images", True),
    ("Rescue workers search the rubble on Monday / AFP", True),
    ("Getty Images Rescue workers search the rubble on Monday", True),
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


@pytest.mark.parametrize("line", ["12:21pm", "19 minutes ago", "hace 2 horas", "vor 5 Minuten"])
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
