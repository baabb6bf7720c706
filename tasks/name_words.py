"""Name words: the words an article writes with a capital inside a sentence, by their sound.

Proper nouns survive translation, so two articles about one event in different languages share them
("Ever Given", a rare surname, a strait) even where no gazetteer knows the name. Story linking
(tasks/stories.py) compares their sound keys, weighted by rarity.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

NAME_WORD_MIN_CHARS = 4
NAME_WORDS_LEAD_CHARS = 2000  # the title and this much of the text: where an article names its event

_NAME_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
_SENTENCE_STOP = (".", "!", "?", ":", "…", "»", "«", "\"", "“", "”", "„")


EVERYDAY_WORDS = Path(__file__).parent / "rules" / "stories" / "everyday_words.toml"


@lru_cache(maxsize=1)
def _everyday_words() -> dict[str, frozenset[str]]:
    """The most frequent words of each language that capitalises every noun (tools/build_common_words.py)."""
    from tasks.rulefiles import read_rules

    if not EVERYDAY_WORDS.exists():
        return {}
    return {lang: frozenset(words) for lang, words in read_rules(EVERYDAY_WORDS, "stories")["everyday_words"].items()}


@lru_cache(maxsize=1)
def _calendar_words() -> frozenset[str]:
    """Month and weekday names of every language (CLDR): capitalised in many languages, never a name."""
    from tasks.rulefiles import read_rules
    from tasks.timestamps import CALENDAR_WORDS

    words: set[str] = set()
    for spec in read_rules(CALENDAR_WORDS, "dates").values():
        words.update(w.casefold() for forms in spec["months"] for w in forms)
        words.update(w.casefold() for w in spec["weekdays"])
    return frozenset(words)


@lru_cache(maxsize=200_000)
def name_key(word: str) -> str:
    """One word of a name by its sound (its folded spelling when the sound key is too short to tell)."""
    from tasks.entities import fold, skeleton

    key = skeleton(word)
    return key if len(key) >= 3 else fold(word)


def name_word_keys(title: str | None, text: str | None, lang: str | None) -> frozenset[str]:
    """Sound keys of the words written with a capital inside a sentence (never its first word), from the
    title and the lead of the text. In a language that capitalises every noun (German) a capital marks a
    name only on a word outside the language's everyday words (and not a hyphenated compound); with no
    list of those (Luxembourgish) the language gives none."""
    from tasks.languages import CAPITALISED_NOUNS

    everyday = None
    if lang in CAPITALISED_NOUNS:
        everyday = _everyday_words().get(lang)
        if everyday is None:
            return frozenset()
    calendar = _calendar_words()
    keys = set()
    for line in ((title or "") + "\n" + (text or "")[:NAME_WORDS_LEAD_CHARS]).split("\n"):
        previous = ""
        for word in line.split():
            core = _NAME_WORD.search(word)
            if core and previous and not previous.endswith(_SENTENCE_STOP):
                name = core.group(0).strip("'’-")
                if len(name) >= NAME_WORD_MIN_CHARS and name[0].isupper() and not name.isupper() \
                        and name.casefold() not in calendar \
                        and (everyday is None or ("-" not in name and name.casefold() not in everyday)):
                    keys.add(name_key(name))
            previous = word
    return frozenset(keys)
