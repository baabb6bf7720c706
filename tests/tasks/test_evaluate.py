"""Evaluation metrics: entity P/R, dates (yearless), numbers (plural units), quotes, story pair-F1, bars."""

from __future__ import annotations

from tasks.evaluate import BARS, OWN_GOLD_BARS, check_bars, evaluate, format_report, norm_quote, singular

GOLD = {"articles": [
    {"file": "a.txt", "story": "A", "persons": ["Joe Biden", "Recep Tayyip Erdoğan"], "organizations": ["NATO"],
     "locations": ["Geneva", "Russia"], "dates": ["--01-10", "2022-01-12"], "numbers": ["50 minutes", "100000 soldiers"],
     "quotes": [{"speaker": "Joe Biden", "starts": "We will respond"}, {"speaker": None, "starts": "Biden vil presse"}]},
    {"file": "sub/b.txt", "story": "A", "persons": [], "organizations": [], "locations": [], "dates": [],
     "numbers": [], "quotes": []},
    {"file": "c.txt", "story": "B", "persons": [], "organizations": [], "locations": [], "dates": [],
     "numbers": ["3 people"], "quotes": []},
]}


def tables(story_c="s2"):
    return {
        "articles": [{"article_id": "1", "source_file": "in/a.txt", "story_id": "s1"},
                     {"article_id": "2", "source_file": "b.txt", "story_id": "s1"},
                     {"article_id": "3", "source_file": "c.txt", "story_id": story_c}],
        "entities": [
            {"article_id": "1", "type": "person", "name": "joe  biden"},
            {"article_id": "1", "type": "person", "name": "Recep Tayyip Erdogan"},  # accents folded
            {"article_id": "1", "type": "person", "name": "Joe Biden"},  # duplicates count once
            {"article_id": "1", "type": "organization", "name": "Kremlin"},  # false positive
            {"article_id": "1", "type": "location", "name": "Geneva"},
        ],
        "dates": [{"article_id": "1", "date_text": "2022-01-10"}, {"article_id": "1", "date_text": "--01-12"}],
        "numbers": [{"article_id": "1", "value": 50.0, "unit": "minute"},
                    {"article_id": "1", "value": 100000, "unit": "soldiers"},
                    {"article_id": "3", "value": 3, "unit": "person"}],
        "quotes": [{"article_id": "1", "speaker": "Joe Biden", "text": "“We will respond decisively,” he said"},
                   {"article_id": "1", "speaker": "Jen Psaki", "text": "– Biden vil presse på"}],
    }


def test_entity_precision_recall_micro_over_distinct_names():
    r = evaluate(GOLD, tables())
    assert r["persons"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "tp": 2, "fp": 0, "fn": 0}
    assert r["organizations"]["precision"] == 0.0 and r["organizations"]["recall"] == 0.0
    assert r["locations"]["precision"] == 1.0 and r["locations"]["recall"] == 0.5
    assert r["articles"] == {"matched": 3, "total": 3}


def test_dates_yearless_gold_matches_resolved_rows_and_full_gold_needs_equality():
    r = evaluate(GOLD, tables())
    # --01-10 matches 2022-01-10; 2022-01-12 does not match the yearless row --01-12
    assert (r["dates"]["hit"], r["dates"]["total"]) == (1, 2)


def test_numbers_singularise_gold_units():
    assert singular("minutes") == "minute" and singular("people") == "person" and singular("USD") == "usd"
    assert singular("centuries") == "century" and singular("percent") == "percent"
    r = evaluate(GOLD, tables())
    assert (r["numbers"]["hit"], r["numbers"]["total"]) == (2, 3)  # "soldiers" row is not singular


def test_quotes_found_by_prefix_and_speaker_accuracy():
    assert norm_quote("“We  WILL respond,”") == "we will respond"
    r = evaluate(GOLD, tables())
    assert r["quotes"]["found"] == 1.0
    assert r["quotes"]["speaker_accuracy"] == 0.5  # None expected, "Jen Psaki" given


def test_story_pair_f1():
    assert evaluate(GOLD, tables())["stories"]["pair_f1"] == 1.0
    r = evaluate(GOLD, tables(story_c="s1"))
    assert (r["stories"]["pairs_tp"], r["stories"]["pairs_fp"], r["stories"]["pairs_fn"]) == (1, 2, 0)
    assert round(r["stories"]["pair_f1"], 3) == 0.5


def test_missing_articles_count_as_misses_and_fail_the_bars():
    t = tables()
    t["articles"] = t["articles"][1:]
    r = evaluate(GOLD, t)
    assert r["missing"] == ["a.txt"] and r["persons"]["recall"] == 0.0
    assert any("not found" in f for f in check_bars(r, BARS))


def test_bars_and_report():
    r = evaluate(GOLD, tables())
    failures = check_bars(r, BARS)
    assert any(f.startswith("organizations.recall") for f in failures)
    assert not any(f.startswith("persons.") for f in failures)
    assert "numbers.recall" in OWN_GOLD_BARS and "numbers.recall" not in BARS
    report = format_report(r, BARS)
    assert "persons.recall" in report and "FAIL" in report and "PASS" in report
