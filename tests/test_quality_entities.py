"""Issue-4 quality bars, on the pure pipeline (ingest, clean, language, every extractor, stories).

Runs on the seeds (../shared/seeds beside the clone) and on the project's own gold set
(tests/data/gold) and prints both metric tables (`pytest -s` shows them). Reproduce the tables:
    .venv/bin/pytest -s tests/test_quality_entities.py -k table
"""

from __future__ import annotations

import itertools

import pytest

from tasks.evaluate import BARS, ENTITY_BARS, OWN_GOLD_BARS, check_bars, evaluate, format_report
from tests.pipeline_helpers import GOLD_DIR, SEEDS_DIR, cached_articles, extract_tables, load_gold

_RESULTS: dict[str, tuple[dict, dict]] = {}


def result_for(name: str) -> tuple[dict, dict]:
    if name not in _RESULTS:
        folder = SEEDS_DIR if name == "seeds" else GOLD_DIR
        if not (folder / "gold.json").exists():
            pytest.fail(f"gold file missing: {folder / 'gold.json'}")
        tables = extract_tables(cached_articles(folder))
        _RESULTS[name] = (evaluate(load_gold(folder), tables), tables)
    return _RESULTS[name]


@pytest.mark.parametrize("name,bars", [("seeds", BARS), ("gold", OWN_GOLD_BARS)])
def test_print_metrics_table(name, bars):
    result, _ = result_for(name)
    print(f"\n=== {name}: {SEEDS_DIR if name == 'seeds' else GOLD_DIR}\n{format_report(result, bars)}")
    assert result["articles"]["matched"] == result["articles"]["total"]


@pytest.mark.parametrize("name", ["seeds", "gold"])
def test_entity_bars(name):
    result, _ = result_for(name)
    assert check_bars(result, ENTITY_BARS) == [], result["details"]


def test_all_five_seed_articles_are_one_story():
    _, tables = result_for("seeds")
    assert len({a["story_id"] for a in tables["articles"]}) == 1


def test_gold_stories_pair_f1():
    result, _ = result_for("gold")
    assert result["stories"]["pair_f1"] >= OWN_GOLD_BARS["stories.pair_f1"], result["stories"]


def test_gold_stories_with_shared_actors_stay_apart():
    """Stories that share two or more persons in the gold (a December call and a February meeting of
    the same leaders) must not share a story id."""
    result, tables = result_for("gold")
    gold = load_gold(GOLD_DIR)
    story_of = {a["source_file"]: a["story_id"] for a in tables["articles"]}
    persons: dict[str, set[str]] = {}
    files: dict[str, list[str]] = {}
    for g in gold["articles"]:
        persons.setdefault(g["story"], set()).update(g["persons"])
        files.setdefault(g["story"], []).append(g["file"])
    pairs = [(s1, s2) for s1, s2 in itertools.combinations(sorted(persons), 2) if len(persons[s1] & persons[s2]) >= 2]
    assert pairs, "the gold set must hold two stories that share actors"
    for s1, s2 in pairs:
        ids1 = {story_of[f] for f in files[s1]}
        ids2 = {story_of[f] for f in files[s2]}
        assert not ids1 & ids2, (s1, s2, ids1, ids2)


def test_gold_set_shape():
    """The gold set the other extractors rely on: 24+ articles, 10+ languages, a story in 4+ languages."""
    gold = load_gold(GOLD_DIR)
    arts = gold["articles"]
    assert len(arts) >= 24 and len({a["lang"] for a in arts}) >= 10
    langs_by_story: dict[str, set[str]] = {}
    for a in arts:
        langs_by_story.setdefault(a["story"], set()).add(a["lang"])
    assert max(len(v) for v in langs_by_story.values()) >= 4
    assert sum(1 for v in langs_by_story.values() if len(v) == 1) >= 5  # unrelated articles
    assert {"ru", "uk"} & {a["lang"] for a in arts}
    assert any(a["published"] for a in arts) and any(not a["published"] for a in arts)


def test_entity_offsets_point_at_the_surface():
    for name in ("seeds", "gold"):
        _, tables = result_for(name)
        texts = {a["article_id"]: a["text_clean"] for a in tables["articles"]}
        for e in tables["entities"]:
            assert texts[e["article_id"]][e["start_char"]:e["end_char"]] == e["surface"], e
