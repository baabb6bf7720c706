"""Reading the rule files under tasks/rules/: TOML, with an error that names the file."""

from __future__ import annotations

import tomllib
from pathlib import Path


def read_rules(path: Path, what: str) -> dict:
    """The parsed file; a syntax error says which file and where, instead of a bare TOML error."""
    try:
        return tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{what} rules file {path} is not valid TOML: {exc}") from None
