"""The cleaner's line classifier: its features, its model file, and how the cleaner applies it."""

import json

import numpy as np
import pytest

from tasks.clean import load_rules, remove_boilerplate
from tasks.line_features import FEATURES, _char_counts, page_features
from tasks.line_model import MODEL_FILE, LineModel, load_line_model, model_from_dict

PAGE = ["Home | World | Sport", "", "The minister said on Monday that the new bridge over the river will open in the "
        "spring of next year, two years later than planned.", "", "Read more", "Follow us on Facebook"]


def feature(rows, k, name):
    return rows[k][FEATURES.index(name)]


def test_characters_are_counted_in_every_script():
    assert _char_counts(["Ab1 Ωδ", "Пётр 12", "😀x"]) == [(6, 4, 1, 2), (7, 4, 2, 1), (2, 1, 0, 0)]


def test_features_of_a_small_page():
    kept = list(PAGE)
    kept[5] = None  # as if a rule had removed the last line
    idx, rows = page_features(PAGE, kept)
    assert idx == [0, 2, 4, 5]
    assert rows.shape == (4, len(FEATURES))
    assert feature(rows, 0, "symbols") == 1.0  # "|" twice in 20 characters, capped
    assert feature(rows, 0, "before_body") == 1.0 and feature(rows, 0, "after_body") == 0.0
    assert feature(rows, 1, "sentence_end") == 1.0
    assert feature(rows, 1, "before_body") == 0.0 and feature(rows, 1, "after_body") == 0.0
    assert feature(rows, 1, "function_words") == pytest.approx(14 / 25)  # the, on, that, the, new, over, the, will, in, the, of, next, two, than
    assert feature(rows, 2, "after_body") == 1.0
    assert feature(rows, 2, "next_removed") == 1.0 and feature(rows, 2, "prev_removed") == 0.0
    assert feature(rows, 3, "bottom3") == 1.0 and feature(rows, 3, "position") == 1.0
    assert feature(rows, 2, "short_run") == pytest.approx(np.log1p(2))


def test_the_model_file_matches_the_features():
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    assert data["features"] == list(FEATURES)
    assert 0.5 <= data["threshold"] < 1.0
    assert data["trained_on"]["split"] == "dev"
    assert load_line_model().threshold == data["threshold"]


def test_a_model_trained_on_other_features_is_refused():
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    data["features"] = data["features"][:-1]
    with pytest.raises(ValueError, match="line_model.json was trained on other features; run "
                                         "tools/train_line_model.py"):
        model_from_dict(data)


def _model_of(weights: dict[str, float], bias: float, threshold: float) -> LineModel:
    w = np.array([weights.get(f, 0.0) for f in FEATURES])
    return LineModel("test", np.zeros(len(FEATURES)), np.ones(len(FEATURES)), w, bias, threshold)


def test_the_cleaner_removes_what_the_model_flags_with_its_score():
    # a model that takes every line after the last sentence for furniture
    model = _model_of({"after_body": 10.0}, -5.0, 0.9)
    text = PAGE[2] + "\n\nThe Oslo weather today"
    cleaned = remove_boilerplate(text, load_rules(), model=model)
    assert [(r.line_no, r.text, r.reason) for r in cleaned.removed] == [(3, "The Oslo weather today",
                                                                          "classifier:0.99")]
    assert cleaned.text_clean == PAGE[2]


def test_the_headline_and_lines_inside_the_article_are_never_the_classifiers():
    model = _model_of({}, 10.0, 0.5)  # everything is furniture
    text = ("Storm closes the ferry routes\n"
            "A storm closed the ferry routes along the Norwegian coast on Sunday, the institute said, and more routes will close "
            "on Monday.\n\n"
            "Winds and waves\n\n"
            "Winds reached thirty metres per second along the whole coast on Sunday night, the forecasters of the institute "
            "said today.\n\n"
            "Tagline at the end")
    cleaned = remove_boilerplate(text, load_rules(), model=model)
    assert [(r.line_no, r.reason) for r in cleaned.removed] == [(8, "classifier:1.00")]
    assert cleaned.text_clean.splitlines()[0] == "Storm closes the ferry routes"


def test_training_on_the_dev_splits_reproduces_the_model_file():
    import sys

    from tasks.real_corpus import REPO, load_corpus
    sys.path.insert(0, str(REPO / "tools"))
    import train_line_model

    for name, (labels, cache) in train_line_model.SETS.items():
        corpus = load_corpus(labels, cache)
        if any(i not in corpus.texts for i in corpus.split.get("dev", [])):
            pytest.skip(f"the dev texts of the {name} set are not all materialised in {cache}: "
                        "the model cannot be retrained here")
    data, _ = train_line_model.train(list(train_line_model.trained_sets()))
    saved = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    assert data["threshold"] == saved["threshold"]
    assert np.allclose(data["weights"], saved["weights"], atol=1e-9)
    assert data["bias"] == pytest.approx(saved["bias"], abs=1e-9)
