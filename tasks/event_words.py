"""Kinds of event an article names (earthquake, election, ceasefire...), in its own language.

Without translation, two articles about one event in different languages share names at best;
the words for what happened are the other half of "same story". The kinds and their words per
language are data (tasks/rules/stories/events.toml); story linking compares the kinds two
articles name in their title and lead.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from tasks.rulefiles import read_rules

EVENTS_FILE = Path(__file__).parent / "rules" / "stories" / "events.toml"
PREFIX_MIN_CHARS = 4  # a shorter word ("val", "sel") is matched only whole
LEAD_CHARS = 2000


@lru_cache(maxsize=1)
def _events() -> dict[str, dict[str, list[str]]]:
    return read_rules(EVENTS_FILE, "event words")


@lru_cache(maxsize=None)
def _matcher(lang: str) -> tuple[re.Pattern, dict[str, str]] | None:
    """One alternation of every word of the language (longest first) and the kind of each word."""
    kind_of: dict[str, str] = {}
    for kind, words in _events().items():
        for word in words.get(lang, []):
            kind_of[word.casefold()] = kind
    if not kind_of:
        return None
    parts = [re.escape(w) + (r"\w*" if len(w) >= PREFIX_MIN_CHARS else r"(?!\w)")
             for w in sorted(kind_of, key=len, reverse=True)]
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + ")"), kind_of


def event_kinds(title: str | None, text: str | None, lang: str | None) -> frozenset[str]:
    """The kinds of event the title and the lead of the text name, in the article's language."""
    matcher = _matcher(lang) if lang else None
    if matcher is None:
        return frozenset()
    pattern, kind_of = matcher
    lead = ((title or "") + "\n" + (text or "")[:LEAD_CHARS]).casefold()
    kinds = set()
    for match in pattern.finditer(lead):
        found = match.group(0)
        kind = kind_of.get(found) or _kind_of_prefix(found, kind_of)
        if kind:
            kinds.add(kind)
    return frozenset(kinds)


def _kind_of_prefix(found: str, kind_of: dict[str, str]) -> str | None:
    """The kind of the longest listed word `found` begins with ("erdbebengebiet" -> "erdbeben")."""
    for end in range(len(found), PREFIX_MIN_CHARS - 1, -1):
        kind = kind_of.get(found[:end])
        if kind:
            return kind
    return None
