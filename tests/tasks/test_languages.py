"""The supported languages are listed once (tasks/rules/languages.toml) and every stage has its words for each."""

import ast
import tomllib
from pathlib import Path

from tasks import dates, entities, fact_data, numbers, quote_rules
from tasks.languages import DETECTABLE, SUPPORTED

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "tasks" / "rules"
REGISTRY = tomllib.loads((RULES / "languages.toml").read_text(encoding="utf-8"))


def test_every_stage_uses_the_one_list():
    assert SUPPORTED == tuple(REGISTRY["supported"])
    assert dates.LANGUAGES is numbers.LANGUAGES is quote_rules.LANGUAGES is entities.LANGS is SUPPORTED
    assert fact_data.LANGUAGES == list(SUPPORTED)
    assert fact_data.CALENDAR_LANGUAGES == list(DETECTABLE)


def test_every_supported_language_has_its_rule_files_and_cldr_names():
    cldr = tomllib.loads((RULES / "dates" / "cldr_names.toml").read_text(encoding="utf-8"))
    for lang in SUPPORTED:
        assert lang in cldr, lang
        for stage in ("dates", "numbers", "quotes"):
            assert (RULES / stage / f"{lang}.toml").exists(), (stage, lang)


def test_no_module_lists_languages_itself():
    """A list, set or tuple of three or more language codes in Python code is a second copy of the registry."""
    codes = set(DETECTABLE) | set(SUPPORTED) | {c for group in REGISTRY["siblings"] for c in group}
    copies = []
    for folder in ("newsetl", "flows", "tasks", "warehouse", "schemas", "bench"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, (ast.List, ast.Set, ast.Tuple)) and len(node.elts) >= 3 and all(
                        isinstance(e, ast.Constant) and e.value in codes for e in node.elts):
                    copies.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert copies == []
