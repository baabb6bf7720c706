"""The supported languages and their traits, read once from tasks/rules/languages.toml.

That file is the only place languages are listed: every stage reads its list (SUPPORTED) and
the traits it needs from here. Adding a language is one line there plus its rule files.
"""

from __future__ import annotations

from pathlib import Path

from tasks.rulefiles import read_rules

_REGISTRY = read_rules(Path(__file__).parent / "rules" / "languages.toml", "language")
SUPPORTED: tuple[str, ...] = tuple(_REGISTRY["supported"])
CAPITALISED_NOUNS: frozenset[str] = frozenset(_REGISTRY.get("capitalised_nouns", ()))
DETECTABLE: tuple[str, ...] = tuple(_REGISTRY["detectable"])
SERBIAN_READ_AS: frozenset[str] = frozenset(_REGISTRY["serbian_read_as"])
SIBLINGS: tuple[frozenset[str], ...] = tuple(frozenset(g) for g in _REGISTRY["siblings"])
ORDINAL_DOT: frozenset[str] = frozenset(_REGISTRY["ordinal_dot"])
GENITIVE_S: frozenset[str] = frozenset(_REGISTRY["genitive_s"])
DECLINING_NAMES: frozenset[str] = frozenset(_REGISTRY["declining_names"])
INFLECTED_GIVEN_NAMES: frozenset[str] = frozenset(_REGISTRY["inflected_given_names"])
COMPOUND_SURNAMES: frozenset[str] = frozenset(_REGISTRY["compound_surnames"])
