"""Issue 5 quality bars: dates, numbers and quotes on the seeds and on our own gold set.

Runs the pure pipeline (ingest, clean, language), the entities stage and the three fact
extractors on ../shared/seeds and tests/data/gold, scores them against gold.json and
fails below the bars. `pytest -s tests/test_quality_facts.py` prints the metric tables.

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
from tests.pipeline_helpers import GOLD_DIR, SEEDS_DIR, cached_articles, load_gold

# The issue-5 bars; numbers only on our own gold (the seeds' figures are no bar).
BARS = {"dates.recall": 0.90, "quotes.found": 0.80, "quotes.speaker_accuracy": 0.80, "numbers.recall": 0.85}
SETS = {"seeds": (SEEDS_DIR, ["dates.recall", "quotes.found", "quotes.speaker_accuracy"]),
        "gold": (GOLD_DIR, ["dates.recall", "quotes.found", "quotes.speaker_accuracy", "numbers.recall"])}
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


def test_gold_set_is_large_and_multilingual_enough():
    gold = load_gold(GOLD_DIR)
    langs = {a["lang"] for a in gold["articles"]}
    assert len(gold["articles"]) >= 24 and len(langs) >= 10
    assert sum(len(a.get("numbers", [])) for a in gold["articles"]) >= 20
    assert sum(len(a.get("quotes", [])) for a in gold["articles"]) >= 20
