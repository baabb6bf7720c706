"""Issue 5 quality bars: dates, numbers and quotes on the seeds, our own gold set and a held-out set.

Runs the pure pipeline (ingest, clean, language), the entities stage and the three fact
extractors on ../shared/seeds, tests/data/gold and tests/data/holdout_facts, scores them
against gold.json and fails below the bars. `pytest -s tests/test_quality_facts.py` prints
the metric tables.

tests/data/holdout_facts holds 28 articles in 15 languages on topics unlike the other two sets,
annotated before the extractors were run on them (see its gold.json "about"): the seeds and
tests/data/gold were used to write the rules, so their scores overstate quality; the held-out
set is the check that the rules generalise. Its "blind" split (h17-h28) was first scored only after
the fixes made on the "dev" split (h01-h16), and is reported on its own line; that first look
(dates 0.91, numbers 0.91, quotes found 1.00, speakers 0.77) is the honest estimate for unseen
text, since the general classes it showed were fixed afterwards (see gold.json "about").

Scoring is tasks.evaluate.evaluate (the code behind `newsetl eval`): a gold `--MM-DD` date
is found by any row whose date_text ends with `-MM-DD`, any other gold date must equal a
row's date_text; a gold number "50 minutes" is found by a row with value 50 and unit minute;
a gold quote is found when an extracted quote's normalised text starts with its normalised
`starts`, and speaker accuracy is measured over the found quotes.
"""

from __future__ import annotations

from functools import lru_cache

import pytest

from tasks.dates import extract_dates
from tasks.evaluate import evaluate
from tasks.numbers import extract_numbers
from tasks.quotes import extract_quotes
from tests.pipeline_helpers import GOLD_DIR, REPO, SEEDS_DIR, cached_articles, load_gold

HOLDOUT_DIR = REPO / "tests" / "data" / "holdout_facts"

# The issue-5 bars; numbers only on our own gold (the seeds' figures are no bar).
BARS = {"dates.recall": 0.90, "quotes.found": 0.80, "quotes.speaker_accuracy": 0.80, "numbers.recall": 0.85}
ALL = ["dates.recall", "quotes.found", "quotes.speaker_accuracy", "numbers.recall"]
SETS = {"seeds": (SEEDS_DIR, ["dates.recall", "quotes.found", "quotes.speaker_accuracy"]),
        "gold": (GOLD_DIR, ALL),
        "holdout": (HOLDOUT_DIR, ALL)}
_FACT_MISSES = ("dates_missed", "numbers_missed", "quotes_missed", "speakers_wrong")


def _entities_stage():
    try:
        from tasks.entities import extract_entities
    except ImportError as exc:  # the entities stage is built in parallel (issue 4)
        pytest.skip(f"tasks.entities.extract_entities is not available ({exc}); quote speakers need its names")
    return extract_entities


@lru_cache(maxsize=None)
def _run(name: str) -> tuple[dict, dict[str, list[dict]]]:
    folder = SETS[name][0]
    if not (folder / "gold.json").exists():
        pytest.fail(f"gold file missing: {folder / 'gold.json'}")
    extract_entities = _entities_stage()
    tables = {"articles": [], "entities": [], "dates": [], "numbers": [], "quotes": []}
    for a in cached_articles(folder):
        ents = extract_entities(a)
        dates = extract_dates(a)
        tables["articles"].append({"article_id": a["article_id"], "source_file": a["source_file"], "lang": a["lang"]})
        tables["entities"] += ents
        tables["dates"] += dates
        tables["numbers"] += extract_numbers(a, dates)
        tables["quotes"] += extract_quotes(a, ents)
    return load_gold(folder), tables


def _report(name: str, result: dict, wanted: list[str]) -> str:
    counts = {"dates.recall": (result["dates"]["hit"], result["dates"]["total"]),
              "numbers.recall": (result["numbers"]["hit"], result["numbers"]["total"]),
              "quotes.found": (result["quotes"]["n_found"], result["quotes"]["total"]),
              "quotes.speaker_accuracy": (result["quotes"]["speaker_correct"], result["quotes"]["n_found"])}
    lines = [f"\n{name}: facts quality ({SETS[name][0]}, {result['articles']['matched']} articles)",
             f"{'metric':<24} {'hits':>5} {'of':>5} {'value':>6} {'bar':>5}  ok"]
    for m in wanted:
        h, t = counts[m]
        v = result[m.split(".")[0]][m.split(".")[1]]
        lines.append(f"{m:<24} {h:>5} {t:>5} {v:>6.3f} {BARS[m]:>5.2f}  {'yes' if v >= BARS[m] else 'NO'}")
    for file, info in sorted(result["details"].items()):
        for key in _FACT_MISSES:
            if key in info and (key != "numbers_missed" or "numbers.recall" in wanted):
                lines.append(f"  {file}: {key.replace('_', ' ')}: {info[key]}")
    return "\n".join(lines)


@pytest.mark.slow
@pytest.mark.parametrize("name", list(SETS))
def test_facts_meet_the_bars(name):
    gold, tables = _run(name)
    result = evaluate(gold, tables)
    wanted = SETS[name][1]
    print(_report(name, result, wanted))
    assert not result["missing"], f"gold articles not ingested: {result['missing']}"
    for m in wanted:
        section, key = m.split(".")
        assert result[section][key] >= BARS[m], f"{name}: {m} = {result[section][key]:.3f} below {BARS[m]}\n" \
            + _report(name, result, wanted)


@pytest.mark.slow
def test_holdout_blind_split_is_reported():
    """The blind half of the held-out set on its own (printed with -s); it must meet the bars too."""
    gold, tables = _run("holdout")
    blind = {**gold, "articles": [a for a in gold["articles"] if a.get("split") == "blind"]}
    result = evaluate(blind, tables)
    print(_report("holdout", result, ALL).replace("holdout: facts", "holdout (blind split only): facts"))
    assert result["articles"]["matched"] == len(blind["articles"]) >= 10
    for m in ALL:
        section, key = m.split(".")
        assert result[section][key] >= BARS[m], f"holdout blind: {m} = {result[section][key]:.3f} below {BARS[m]}"


def test_holdout_set_is_large_multilingual_and_varied_enough():
    """20+ articles in 10+ languages, the quote styles and date forms issue 5 names, and a blind split."""
    gold = load_gold(HOLDOUT_DIR)
    arts = gold["articles"]
    langs = {a["lang"] for a in arts}
    assert len(arts) >= 20 and len(langs) >= 10
    assert {"nb", "sv", "da", "de", "nl", "fr", "es", "it", "pt", "pl", "ro", "tr", "en"} <= langs
    assert langs & {"ru", "uk"}
    assert sum(len(a["dates"]) for a in arts) >= 80 and sum(len(a["numbers"]) for a in arts) >= 80
    quotes = [q for a in arts for q in a["quotes"]]
    assert len(quotes) >= 40 and any(q["speaker"] is None for q in quotes)
    assert {a.get("split") for a in arts} == {"dev", "blind"}
    texts = "\n".join((HOLDOUT_DIR / a["file"]).read_text(encoding="utf-8") for a in arts)
    for mark in ("«", "»", "„", "“", "”", "\n– ", "\n— ", "'"):  # guillemets, German, English, dash quotes, single
        assert mark in texts, mark
    for a in arts:
        assert (HOLDOUT_DIR / a["file"]).exists(), a["file"]
        for key in ("persons", "organizations", "locations", "dates", "numbers", "quotes", "story", "boilerplate",
                    "keep", "title", "source", "published"):
            assert key in a, (a["file"], key)


def test_gold_set_is_large_and_multilingual_enough():
    gold = load_gold(GOLD_DIR)
    langs = {a["lang"] for a in gold["articles"]}
    assert len(gold["articles"]) >= 24 and len(langs) >= 10
    assert sum(len(a.get("numbers", [])) for a in gold["articles"]) >= 20
    assert sum(len(a.get("quotes", [])) for a in gold["articles"]) >= 20
