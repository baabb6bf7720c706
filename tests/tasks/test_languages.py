"""The supported languages are listed once (tasks/rules/languages.toml) and every stage has its words for each."""

import tomllib
from pathlib import Path

from tasks import dates, entities, fact_data, numbers, quotes
from tasks.languages import SUPPORTED

RULES = Path(__file__).resolve().parents[2] / "tasks" / "rules"


def test_every_stage_uses_the_one_list():
    assert SUPPORTED == ("nb", "nn", "da", "sv", "de", "nl", "fr", "es", "it", "pt", "pl", "ro", "tr", "ru", "uk",
                         "en")
    assert dates.LANGUAGES is numbers.LANGUAGES is quotes.LANGUAGES is entities.LANGS is SUPPORTED
    assert fact_data.LANGUAGES == list(SUPPORTED)


def test_every_supported_language_has_its_rule_files_and_cldr_names():
    cldr = tomllib.loads((RULES / "dates" / "cldr_names.toml").read_text(encoding="utf-8"))
    for lang in SUPPORTED:
        assert lang in cldr, lang
        for stage in ("dates", "numbers", "quotes"):
            assert (RULES / stage / f"{lang}.toml").exists(), (stage, lang)
