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


@lru_cache(maxsize=None)
def institution_names() -> frozenset[str]:
    """Canonical names of institutions.toml: national services (police, rescue, weather, broadcasters) that
    act in many unrelated events, so that naming one says little about which event an article reports."""
    return frozenset(spec["name"] for spec in _load_toml("institutions.toml")["org"])


@lru_cache(maxsize=None)
def table_languages() -> tuple[str, ...]:
    """The languages with a table of their own in languages.toml (the supported ones and more: an article in
    Czech or Greek reads its own prepositions and case endings, not English ones)."""
    return tuple(k for k in _load_toml("languages.toml") if k != "all")
