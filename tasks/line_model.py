"""The cleaner's line classifier: logistic regression over tasks.line_features, weights in a data file.

Trained by tools/train_line_model.py on the dev splits of the labelled real sets (tests/data/real);
the file records its version, the features it expects, the training data's hash and the threshold
chosen for precision (a body line lost costs more than a menu line kept).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from tasks.line_features import FEATURES, page_features

MODEL_FILE = Path(__file__).parent / "rules" / "boilerplate" / "line_model.json"


@dataclass(frozen=True)
class LineModel:
    version: str
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float
    threshold: float

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        z = ((rows - self.mean) / self.scale) @ self.weights + self.bias
        return 1.0 / (1.0 + np.exp(-z))

    def furniture(self, lines: list[str], kept: list[str | None]) -> list[tuple[int, float]]:
        """(line index, probability) of each line the rules kept that the model takes for furniture.

        Only around the article: the first line left (the headline's place) and the lines between its
        first and last long paragraphs (sub-headings, short sentences) are never the model's to remove.
        """
        idx, rows = page_features(lines, kept, candidates_only=True)
        if not idx:
            return []
        return [(i, float(p)) for i, p in zip(idx, self.probabilities(rows)) if p >= self.threshold]


def model_from_dict(data: dict) -> LineModel:
    if tuple(data["features"]) != FEATURES:
        raise ValueError(f"{MODEL_FILE.name} was trained on other features; run tools/train_line_model.py")
    return LineModel(data["version"], np.array(data["mean"]), np.array(data["scale"]), np.array(data["weights"]),
                     float(data["bias"]), float(data["threshold"]))


@lru_cache(maxsize=1)
def load_line_model(path: Path = MODEL_FILE) -> LineModel:
    return model_from_dict(json.loads(path.read_text(encoding="utf-8")))
