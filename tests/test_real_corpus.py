"""The cleaner on real pages: the labelled real corpus (../shared/real), texts from the local cache.

The texts are third-party writing and never in the repository: without them (as in a fresh
CI) these tests skip and say how to materialise them; with them, a figure below its floor
fails. The floors are today's figures on the frozen test split (never tuned on), so a change
that makes real pages worse cannot land; the issue's targets are printed by
`newsetl eval --real` and listed in the README's quality table.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from tasks.real_corpus import DEFAULT_LABELS, load_corpus, score, score_article, texts_dir

# Measured on the test split when these mechanisms landed (see the README's quality table); since 2026-12-06 a
# line removed in parts (the date header, then the rest of its line) counts as removed: 0.570 -> 0.640 removed,
# 0.975 -> 0.973 kept (a kicker on the header's line is body).
FLOORS = {"boilerplate_removed": 0.67, "body_kept": 0.973, "pub_date_right": 0.97}
INVENTED_CEILING = 0.05


@pytest.fixture(scope="module")
def corpus():
    if not (DEFAULT_LABELS / "labels").is_dir():
        pytest.skip(f"the real-corpus labels are not there ({DEFAULT_LABELS}): ../shared/real beside the clone")
    corpus = load_corpus()
    test_ids = corpus.split["test"]
    have = [i for i in test_ids if i in corpus.texts]
    if len(have) < 0.9 * len(test_ids):
        pytest.skip(f"{len(test_ids) - len(have)} of {len(test_ids)} test-split texts are not materialised in "
                    f"{texts_dir()}: follow ../shared/real/README.md (or set NEWSETL_REAL_TEXTS) to score real pages")
    return corpus


def test_real_pages_test_split_holds_its_floors(corpus):
    result = score(corpus, corpus.split["test"])
    figures = {k: result[k] for k in FLOORS}
    assert all(figures[k] >= floor for k, floor in FLOORS.items()), (figures, FLOORS)
    assert result["pub_date_invented"] <= INVENTED_CEILING, result["pub_date_invented"]


def test_dev_split_keeps_the_body(corpus):
    result = score(corpus, corpus.split["dev"])
    assert result["body_kept"] >= 0.98, [(i, p["body_lost"]) for i, p in result["per_article"].items()
                                         if p["body_lost"]]


def test_eval_real_without_texts_says_how_to_get_them(newsetl, tmp_path):
    if not (DEFAULT_LABELS / "labels").is_dir():
        pytest.skip(f"the real-corpus labels are not there ({DEFAULT_LABELS})")
    out = newsetl("eval", "--real", "--split", "dev", env={"NEWSETL_REAL_TEXTS": str(tmp_path)})
    assert out.returncode == 2
    assert out.stderr == (f"error: none of the 101 texts of the dev split is in {tmp_path}. Materialise them as "
                          "../shared/real/README.md says, or point NEWSETL_REAL_TEXTS at the folder that holds them.\n")


def test_eval_real_scores_a_split(newsetl, corpus):
    out = newsetl("eval", "--real", "--split", "test", "--json")
    result = json.loads(out.stdout)
    assert result["articles"] == len(corpus.split["test"]) and result["missing"] == 0
    assert result["bars"] == {"boilerplate_removed": 0.9, "body_kept": 0.98, "pub_date_right": 0.9}
    assert out.returncode == (1 if result["failures"] else 0)
    assert result["body_kept"] >= FLOORS["body_kept"]


def test_a_line_removed_in_parts_counts_as_removed():
    """' date 2023-02-08 World': the header goes as date_header, 'World' as page_edge: nothing of the line is left."""
    text = " date 2023-02-08 World\nRescuers search the rubble\n\nTeams worked through the night in the cold.\n"
    label = {"boilerplate_lines": [1], "boilerplate_inline": [], "title_line": 2, "pub_date": "2023-02-08"}
    record = {"published": date(2023, 2, 8), "published_precision": "day"}
    header = {"line_no": 1, "text": " date 2023-02-08 ", "reason": "date_header"}
    both = score_article(label, text, {"record": record,
                                       "removed": [header, {"line_no": 1, "text": "World", "reason": "page_edge"}]})
    assert (both["furniture"], both["furniture_removed"], both["body"], both["body_kept"]) == (1, 1, 2, 2)
    only_header = score_article(label, text, {"record": record, "removed": [header]})
    assert (only_header["furniture"], only_header["furniture_removed"]) == (1, 0)


def test_eval_needs_gold_or_real(newsetl):
    out = newsetl("eval")
    assert out.returncode == 2
    assert out.stderr == "error: give either --gold FILE or --real (not both).\n"


# ------------------------------------------------------------------ the project's second set (other outlets)

EXTRA_FLOORS = {"boilerplate_removed": 0.863, "body_kept": 0.951, "pub_date_right": 1.0}
EXTRA_INVENTED_CEILING = 0.16  # today's figure on its test split; the bar is 0.05


def _project_set(folder: str, env: str):
    """A labelled set of the project's (tests/data/real/<folder>) with the texts that are materialised; skips
    when none of its test split is (as in a fresh CI)."""
    import os
    from pathlib import Path

    from tasks.real_corpus import REPO

    cache = Path(os.environ.get(env, f"~/.cache/newsetl/real-texts-{folder}")).expanduser()
    corpus = load_corpus(REPO / "tests" / "data" / "real" / folder, cache)
    ids = [i for i in corpus.split["test"] if i in corpus.texts]
    if not ids:
        pytest.skip(f"the texts of tests/data/real/{folder} are not materialised in {cache}: follow "
                    f"tests/data/real/{folder}/README.md (or set {env})")
    return corpus, ids


def test_second_set_test_split_holds_its_floors():
    corpus, ids = _project_set("extra", "NEWSETL_REAL_TEXTS_EXTRA")
    result = score(corpus, ids)
    figures = {k: result[k] for k in EXTRA_FLOORS}
    assert all(figures[k] >= floor for k, floor in EXTRA_FLOORS.items()), (figures, EXTRA_FLOORS)
    assert result["pub_date_invented"] <= EXTRA_INVENTED_CEILING, result["pub_date_invented"]


# ------------------------------------------------------------------ the third set (other outlets again)

THIRD_FLOORS = {"boilerplate_removed": 0.812, "body_kept": 0.935, "pub_date_right": 1.0}
THIRD_INVENTED_CEILING = 0.0


def test_third_set_test_split_holds_its_floors():
    corpus, ids = _project_set("third", "NEWSETL_REAL_TEXTS_THIRD")
    result = score(corpus, ids)
    figures = {k: result[k] for k in THIRD_FLOORS}
    assert all(figures[k] >= floor for k, floor in THIRD_FLOORS.items()), (figures, THIRD_FLOORS)
    assert result["pub_date_invented"] <= THIRD_INVENTED_CEILING, result["pub_date_invented"]


# ------------------------------------------------------------------ the fourth set (pages that carry furniture)

# body kept 0.98 -> 0.96: the line classifier takes two all-capital kickers of a sports page ("23. FORDULÓ", a result
# line) for furniture; on the fifth and sixth sets, which no rule was written from, it removed 2 furniture lines
# more and no body line (see the README's Cleaning section)
FOURTH_FLOORS = {"boilerplate_removed": 0.437, "body_kept": 0.96, "pub_date_right": 1.0}


def test_fourth_set_test_split_holds_its_floors():
    corpus, ids = _project_set("fourth", "NEWSETL_REAL_TEXTS_FOURTH")
    result = score(corpus, ids)
    figures = {k: result[k] for k in FOURTH_FLOORS}
    assert all(figures[k] >= floor for k, floor in FOURTH_FLOORS.items()), (figures, FOURTH_FLOORS)
    assert result["pub_date_invented"] == 0.0, result["pub_date_invented"]


# ----------------------------------------------------- the fifth to ninth sets (held out, then split)

HELD_OUT_FLOORS = {
    "fifth": {"boilerplate_removed": 0.416, "body_kept": 0.875, "pub_date_right": 0.928},
    "sixth": {"boilerplate_removed": 0.71, "body_kept": 0.958, "pub_date_right": 1.0},
    "seventh": {"boilerplate_removed": 0.787, "body_kept": 0.938, "pub_date_right": 0.833},
    "eighth": {"boilerplate_removed": 0.736, "body_kept": 0.971, "pub_date_right": 0.888},
    "ninth": {"boilerplate_removed": 0.608, "body_kept": 0.929, "pub_date_right": 0.888},
}


@pytest.mark.parametrize("folder", sorted(HELD_OUT_FLOORS))
def test_held_out_sets_test_splits_hold_their_floors(folder):
    corpus, ids = _project_set(folder, f"NEWSETL_REAL_TEXTS_{folder.upper()}")
    result = score(corpus, ids)
    floors = HELD_OUT_FLOORS[folder]
    figures = {k: result[k] for k in floors}
    assert all(figures[k] >= floor for k, floor in floors.items()), (figures, floors)


def test_eval_real_reads_another_labelled_set(newsetl, tmp_path):
    out = newsetl("eval", "--real", "--labels", str(tmp_path))
    assert out.returncode == 2
    assert out.stderr == (f"error: the real-corpus labels are missing: expected {tmp_path / 'labels'} and "
                          f"{tmp_path / 'split.json'} (a folder with labels/ and split.json).\n")
