"""The supported languages, read once from tasks/rules/languages.toml (the only place they are listed)."""

from __future__ import annotations

from pathlib import Path

from tasks.rulefiles import read_rules

_REGISTRY = read_rules(Path(__file__).parent / "rules" / "languages.toml", "language")
SUPPORTED: tuple[str, ...] = tuple(_REGISTRY["supported"])
CAPITALISED_NOUNS: frozenset[str] = frozenset(_REGISTRY.get("capitalised_nouns", ()))
