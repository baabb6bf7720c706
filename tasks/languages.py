"""The supported languages, read once from tasks/rules/languages.toml (the only place they are listed)."""

from __future__ import annotations

from pathlib import Path

from tasks.rulefiles import read_rules

SUPPORTED: tuple[str, ...] = tuple(read_rules(Path(__file__).parent / "rules" / "languages.toml",
                                              "language")["supported"])
