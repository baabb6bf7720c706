"""Where the entity rule files live, and reading each one once per process."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from tasks.languages import SUPPORTED
from tasks.rulefiles import read_rules


RULES_DIR = Path(__file__).resolve().parents[1] / "rules" / "entities"
LANGS = SUPPORTED
PERSON, ORG, LOC = "person", "organization", "location"


@lru_cache(maxsize=None)
def _load_toml(name: str) -> dict:
    return read_rules(RULES_DIR / name, "entity")
