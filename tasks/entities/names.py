"""Name keys that agree across scripts and spellings: folding, stems, transliteration, skeletons."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING

from rapidfuzz.distance import JaroWinkler
from unidecode import unidecode

from tasks.entities.data import _load_toml

if TYPE_CHECKING:
    from tasks.entities.gazetteers import LangRules

# Name-matching thresholds measured in ../shared/reference/nlp-offline.md.
SURNAME_JW = 0.90
FIRSTNAME_JW = 0.75
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_GREEK = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]")
_UK_LETTERS = re.compile(r"[іїєґІЇЄҐ]")
SERBIAN_LETTERS = re.compile(r"[ђћЂЋ]")  # Serbian only (ј, љ, њ, џ are Macedonian too)
_MK_LETTERS = re.compile(r"[ѓќѕЃЌЅ]")


@lru_cache(maxsize=1)
def royal_titles() -> dict[str, str]:
    """Royal titles in every language, folded word -> English title (rules/entities/royal_titles.toml):
    "prinsesse Anne" is a person, Princess Anne."""
    return {fold(w): en for en, words in _load_toml("royal_titles.toml")["titles"].items() for w in words}


@lru_cache(maxsize=None)
def case_rewrites(lang: str, key: str) -> tuple[tuple[str, str], ...]:
    """A language's case endings on names (rules/entities/name_cases.toml), longest first."""
    pairs = _load_toml("name_cases.toml").get(lang, {}).get(key, [])
    return tuple(sorted(((old, new) for old, new in pairs), key=lambda p: -len(p[0])))


def undo_case(word: str, pairs: tuple[tuple[str, str], ...], accept) -> str | None:
    """The word with the first of `pairs` undone whose result `accept` takes, else None."""
    low = word.casefold()
    for old, new in pairs:
        if low.endswith(old) and len(low) - len(old) >= 3:
            base = word[: len(word) - len(old)] + new
            if base != word and accept(base):
                return base
    return None


def family_name_first(lang: str) -> bool:
    """Languages that write the family name before the given name ("Karácsony Gergely")."""
    return bool(_load_toml("name_cases.toml").get(lang, {}).get("family_name_first"))


# Arabic and Hebrew vowel marks and the Arabic tatweel: written or not, the same word ("عمّان", "عمان"); part of
# a word for the tokenizer, dropped by fold
_VOWEL_MARK_RANGES = ((0x0591, 0x05C7), (0x064B, 0x065F), (0x0670, 0x0670), (0x0640, 0x0640))
VOWEL_MARKS = "".join(f"{chr(a)}-{chr(b)}" for a, b in _VOWEL_MARK_RANGES)  # for a regex character class
_VOWEL_MARKS = dict.fromkeys(c for a, b in _VOWEL_MARK_RANGES for c in range(a, b + 1))


@lru_cache(maxsize=200_000)  # a word is folded at each of its mentions: news vocabularies are small
def fold(text: str) -> str:
    """Case- and accent-free ASCII form used as a gazetteer key ("Genève" -> "geneve", "Київ" -> "kyiv")."""
    return unidecode(unicodedata.normalize("NFKC", text).casefold().translate(_VOWEL_MARKS)).lower().strip()


def stem(word: str, rules: LangRules) -> str:
    """Strip case/genitive endings ("Russlands" -> "russland", "Москве" -> "москв"); lower-case."""
    return _stem(word, rules.endings)


@lru_cache(maxsize=300_000)
def _stem(word: str, endings: tuple[str, ...]) -> str:
    w = word.casefold()
    for _ in range(2):  # twice, so that "Hauses" and "Haus" meet at the same stem
        for ending in endings:
            if w.endswith(ending) and len(w) - len(ending) >= 3:
                w = w[: -len(ending)]
                break
        else:
            break
    return w


def word_variants(word: str, rules: LangRules) -> list[str]:
    """The word, its stem, and its stems after ending rewrites (Polish "Ankarze" -> "Ankara")."""
    out = [word.casefold()]
    for old, new in rules.rewrites:
        if word.casefold().endswith(old) and len(word) - len(old) >= 2:
            out.append(word.casefold()[: -len(old)] + new)
    out.append(stem(word, rules))
    return list(dict.fromkeys(out))


@lru_cache(maxsize=None)
def _translit() -> dict:
    return _load_toml("transliteration.toml")


@lru_cache(maxsize=None)
def _translit_table(*path: str) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """A transliteration table split once: rules of several letters or anchored (applied in order), then
    single letters."""
    table = _translit()
    for key in path:
        table = table[key]
    multi = [(k, v) for k, v in table.items() if len(k.strip("^$")) > 1 or k.startswith("^") or k.endswith("$")]
    return multi, {k: v for k, v in table.items() if (k, v) not in multi}


def _apply_rules(word: str, rules: list[tuple[str, str]] | dict) -> str:
    items = rules.items() if isinstance(rules, dict) else rules
    for old, new in items:
        if old.startswith("^"):
            if word.startswith(old[1:]):
                word = new + word[len(old) - 1:]
        elif old.endswith("$"):
            if word.endswith(old[:-1]):
                word = word[: len(word) - len(old) + 1] + new
        else:
            word = word.replace(old, new)
    return word


@lru_cache(maxsize=50_000)
def _greek_to_latin(word: str) -> str:
    bare = "".join(c for c in unicodedata.normalize("NFD", word.casefold()) if not unicodedata.combining(c))
    multi, single = _translit_table("greek")
    out = unidecode("".join(single.get(ch, ch) for ch in _apply_rules(bare, multi)))
    return out[:1].upper() + out[1:] if word[:1].isupper() else out


@lru_cache(maxsize=1 << 16)
def transliterate(word: str, lang: str = "ru") -> str:
    """Cyrillic word -> usual English Latin form (ru: "Дмитрий" -> "Dmitry"; uk: "Володимир" -> "Volodymyr")."""
    if _GREEK.search(word) and not _CYRILLIC.search(word):
        return _greek_to_latin(word)
    if not _CYRILLIC.search(word):
        return word
    if SERBIAN_LETTERS.search(word):  # (langdetect has no Serbian: such a page may be read as Macedonian or Russian)
        table_lang = "sr"
    elif lang == "uk" or _UK_LETTERS.search(word):
        table_lang = "uk"
    elif lang in _translit()["cyrillic"]:  # a language with a table of its own (bg, sr, mk)
        table_lang = lang
    else:
        table_lang = "mk" if _MK_LETTERS.search(word) else "ru"
    multi, single = _translit_table("cyrillic", table_lang)
    lower = _apply_rules(word.casefold(), multi)
    out = "".join(single.get(ch, ch) for ch in lower)
    if table_lang != "sr":
        out = unidecode(out)  # (Serbian Latin keeps its marks: Đoković)
    return out[:1].upper() + out[1:] if word[:1].isupper() else out


@lru_cache(maxsize=100_000)
def skeleton(name: str) -> str:
    """Phonetic skeleton of one name word: equal skeletons = same name in another spelling."""
    s = fold(name)
    s = re.sub(r"[^a-z]", "", s)
    if not s:
        return ""
    s = _apply_rules(s, _translit()["skeleton"])
    head, tail = s[0], re.sub(r"[aeiouy]", "", s[1:])
    return re.sub(r"(.)\1+", r"\1", head + tail)


def jw(a: str, b: str) -> float:
    return JaroWinkler.similarity(fold(a), fold(b))


# ---------------------------------------------------------------------------------------------
# gazetteers


def _is_acronym(word: str) -> bool:
    """All capitals, possibly a plural or genitive "s" ("NTB", "MPs", "USAs"): never a person's name."""
    core = word[:-1] if len(word) > 2 and word[-1] == "s" else word
    return len(core) >= 2 and core.isupper()
