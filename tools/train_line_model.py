"""Train the cleaner's line classifier (tasks/rules/boilerplate/line_model.json) on the dev splits.

    .venv/bin/python tools/train_line_model.py            # train on every set's dev split, write the model
    .venv/bin/python tools/train_line_model.py --loso     # leave one set out: train on the others, score it

Examples: every non-empty line of every dev article of the labelled real sets (../shared/real and
tests/data/real/{extra,third,fourth}; texts from their caches), featurised after the pattern rules
ran (tasks.clean.apply_rules), labelled furniture when the set's labels list the line. The headline
line is left out (the title rule owns it). Logistic regression with L2 penalty, fitted by Newton's
method in numpy: deterministic, no extra dependency. The threshold is the lowest probability at which
at most MAX_BODY_LOSS of the body lines of the training data would be removed, judged on out-of-set probabilities.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tasks.clean import apply_rules, load_rules  # noqa: E402
from tasks.ingest import normalize_text  # noqa: E402
from tasks.line_features import FEATURES, page_features  # noqa: E402
from tasks.line_model import MODEL_FILE, model_from_dict  # noqa: E402
from tasks.real_corpus import DEFAULT_LABELS, _line_shift, load_corpus  # noqa: E402

CACHE = Path("~/.cache/newsetl").expanduser()
SETS = {
    "first": (DEFAULT_LABELS, CACHE / "real-texts"),
    "second": (REPO / "tests" / "data" / "real" / "extra", CACHE / "real-texts-extra"),
    "third": (REPO / "tests" / "data" / "real" / "third", CACHE / "real-texts-third"),
    "fourth": (REPO / "tests" / "data" / "real" / "fourth", CACHE / "real-texts-fourth"),
    "fifth": (REPO / "tests" / "data" / "real" / "fifth", CACHE / "real-texts-fifth"),
    "sixth": (REPO / "tests" / "data" / "real" / "sixth", CACHE / "real-texts-sixth"),
    "seventh": (REPO / "tests" / "data" / "real" / "seventh", CACHE / "real-texts-seventh"),
    "eighth": (REPO / "tests" / "data" / "real" / "eighth", CACHE / "real-texts-eighth"),
    "ninth": (REPO / "tests" / "data" / "real" / "ninth", CACHE / "real-texts-ninth"),
}
L2 = 1.0
MAX_BODY_LOSS = 0.003
VERSION = "1"


def examples(name: str, split: str = "dev") -> tuple[np.ndarray, np.ndarray, np.ndarray, str]:
    """Feature rows, labels (1 furniture), whether the model may remove the line (the rules kept it, it is not the
    first line left and lies outside the article's long paragraphs: LineModel.furniture), and a hash of the texts."""
    labels_root, cache = SETS[name]
    corpus = load_corpus(labels_root, cache)
    rules = load_rules()
    xs, ys, kept_flags = [], [], []
    digest = hashlib.sha256()
    for art_id in corpus.split.get(split, []):
        if art_id not in corpus.texts:
            continue
        raw, label = corpus.texts[art_id], corpus.labels[art_id]
        digest.update(label["sha256"].encode())
        shift = _line_shift(raw)
        _, lines, kept = apply_rules(normalize_text(raw), rules)
        idx, rows = page_features(lines, kept)
        candidates = set(page_features(lines, kept, candidates_only=True)[0])
        furniture = set(label["boilerplate_lines"])
        for i, row in zip(idx, rows):
            line_no = i + 1 + shift
            if line_no == label.get("title_line"):
                continue
            xs.append(row)
            ys.append(line_no in furniture)
            kept_flags.append(i in candidates)
    width = len(FEATURES)
    return (np.array(xs).reshape(-1, width), np.array(ys, dtype=float), np.array(kept_flags, dtype=bool),
            digest.hexdigest())


def fit(x: np.ndarray, y: np.ndarray) -> dict:
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    w = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], L2)
    penalty[-1] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-z @ w))
        grad = z.T @ (p - y) + penalty * w
        hess = (z * (p * (1 - p))[:, None]).T @ z + np.diag(penalty)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return {"features": list(FEATURES), "mean": mean.tolist(), "scale": scale.tolist(),
            "weights": w[:-1].tolist(), "bias": float(w[-1])}


def choose_threshold(probs: np.ndarray, y: np.ndarray, candidate: np.ndarray) -> float:
    """The lowest threshold at which the model removes at most MAX_BODY_LOSS of all body lines (of those it may
    remove, the most furniture-like first)."""
    body = np.sort(probs[candidate & (y == 0)])[::-1]
    allowed = int((y == 0).sum() * MAX_BODY_LOSS)
    if allowed >= len(body):
        return 0.5
    return float(min(max(body[allowed] + 1e-6, 0.5), 0.99))


def train(names: list[str]) -> tuple[dict, list[str]]:
    """A model fitted on every set named; its threshold from out-of-set probabilities (each set scored by a
    model fitted on the others), since lines the model was fitted on look more certain than a new page's."""
    parts = {n: examples(n) for n in names}
    data = fit(np.vstack([p[0] for p in parts.values()]), np.concatenate([p[1] for p in parts.values()]))
    data["threshold"], data["version"] = 0.5, VERSION
    probs, ys, kept = [], [], []
    for held in names:
        others = [n for n in names if n != held]
        fitted = fit(np.vstack([parts[n][0] for n in others]), np.concatenate([parts[n][1] for n in others]))
        model = model_from_dict({**fitted, "threshold": 0.5, "version": VERSION})
        probs.append(model.probabilities(parts[held][0]))
        ys.append(parts[held][1])
        kept.append(parts[held][2])
    p, y, k = np.concatenate(probs), np.concatenate(ys), np.concatenate(kept)
    data["threshold"] = round(choose_threshold(p, y, k), 4)
    return data, [p[3] for p in parts.values()]


def trained_sets() -> list[str]:
    """The sets that have a dev split (a set held out whole has none)."""
    return [n for n, (labels, _) in SETS.items()
            if json.loads((labels / "split.json").read_text(encoding="utf-8")).get("dev")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loso", action="store_true", help="leave one set out and score it (no file written)")
    args = parser.parse_args()
    names = trained_sets()
    if args.loso:
        for held in names:
            data, _ = train([n for n in names if n != held])
            model = model_from_dict(data)
            x, y, kept, _ = examples(held)
            p = model.probabilities(x)
            hit = kept & (p >= model.threshold)
            left = kept & (y == 1)
            print(f"{held:7s} threshold {model.threshold:.3f}: rule-kept furniture {int(left.sum())}, "
                  f"removed by the model {int((hit & (y == 1)).sum())}; rule-kept body {int((kept & (y == 0)).sum())}, "
                  f"lost {int((hit & (y == 0)).sum())}")
        return
    data, hashes = train(names)
    data["trained_on"] = {"sets": names, "split": "dev", "texts_sha256": hashlib.sha256("".join(hashes).encode())
                          .hexdigest()}
    MODEL_FILE.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {MODEL_FILE.relative_to(REPO)} (threshold {data['threshold']})")


if __name__ == "__main__":
    main()
