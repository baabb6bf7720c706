"""One language's quote rules (tasks/rules/quotes/), compiled once per process."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tasks.languages import GENITIVE_S, SUPPORTED
from tasks.rulefiles import read_rules
from tasks.textscan import alternation


RULES_DIR = Path(__file__).parent / "rules" / "quotes"
LANGUAGES = SUPPORTED
# Every supported language has its quote words; so do some others (Catalan, Czech, Greek, ...) whose
# other stages fall back to language-independent shapes: a file in rules/quotes/ is what counts here.
WORDS_FOR = frozenset(p.stem for p in RULES_DIR.glob("*.toml")) - {"generic", "agencies"}
_TOKEN = re.compile(r"[^\W_][\w'’ʼ-]*")
_LETTER = re.compile(r"[^\W\d_]")
_GENITIVE_S = GENITIVE_S  # languages.toml
ANON = object()  # an attribution to an unnamed source


@dataclass(frozen=True)
class QuoteRules:
    lang: str
    verbs: re.Pattern
    post_only: frozenset[str]
    participles: frozenset[str]
    pro_drop: bool
    dash_quotes: bool | str           # True, or "attributed": only with a verb after the closing dash
    conjunctions: frozenset[str]
    addressee: re.Pattern | None      # "to" of "said to Reuters", "disse à Lusa"
    titles: frozenset[str]            # "Judge", "Rechtsanwalt", "Mme": written before a name, not part of it
    anonymous_of: re.Pattern | None   # "one of the", "один из": an unnamed member of a group
    compound_roles: bool
    according: re.Pattern | None
    according_post: re.Pattern | None
    pronouns: frozenset[str]
    anonymous: frozenset[str]
    anonymous_nouns: frozenset[str]
    roles: re.Pattern | None
    role_of: dict[str, str]
    role_matches: dict[str, frozenset[str]]
    pairs: dict[str, tuple[str, ...]]
    marks: re.Pattern
    dashes: str
    abbreviations: frozenset[str]
    scare_max_words: int
    heading_max_words: int
    max_quote_chars: int
    np_window: int
    post_max_words: int


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold().replace("’", "'").replace("ʼ", "'")
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=1)
def news_agencies() -> frozenset[str]:
    """Folded names of news agencies, outlets and platforms (rules/quotes/agencies.toml): never a quote's speaker,
    and, named as a credit, no organisation of the article (tasks/entities/extract.py)."""
    return frozenset(_fold(name) for name in read_rules(RULES_DIR / "agencies.toml", "quote")["agencies"])


def is_news_agency(name: str) -> bool:
    return _fold(name) in news_agencies()


def _read(path: Path) -> dict:
    return read_rules(path, "quote")


@lru_cache(maxsize=None)
def load_rules(lang: str) -> QuoteRules:
    """Compile one language's quote rules once per process (English words for other languages)."""
    if lang not in WORDS_FOR:
        lang = "en"
    generic = _read(RULES_DIR / "generic.toml")
    spec = _read(RULES_DIR / f"{lang}.toml")
    settings = generic["settings"]
    flags = re.IGNORECASE
    verbs = list(spec.get("verbs", [])) + list(spec.get("impersonal", []))  # "heißt es": tasks/speakers.py
    # compound tenses: "a déclaré", "a-t-il rappelé", "ha spiegato", "había dicho"
    verbs += [f"{aux} {pp}" for aux in spec.get("auxiliaries", []) for pp in spec.get("past_participles", [])]
    role_of = {_fold(w): key for key, words in spec.get("roles", {}).items() for w in words}
    role_words = [w for words in spec.get("roles", {}).values() for w in words]
    # Germanic compounds end in the role ("pressetalskvinne", "Regierungssprecher").
    role_start = "" if spec.get("compound_roles") else r"(?<!\w)"
    according = spec.get("according", [])
    according_post = spec.get("according_post", [])
    pairs = {k: tuple(v) for k, v in generic["pairs"].items()}
    marks = "".join(sorted(set(pairs) | {c for v in pairs.values() for c in v}))
    return QuoteRules(
        lang=lang,
        verbs=re.compile(rf"(?<![\w-])(?:{alternation(verbs)})(?![\w-])", flags),
        post_only=frozenset(_fold(v) for v in spec.get("post_only_verbs", [])),
        participles=frozenset(_fold(v) for v in spec.get("participles", [])),
        pro_drop=bool(spec.get("pro_drop")),
        dash_quotes=spec.get("dash_quotes") if spec.get("dash_quotes") == "attributed" else bool(spec.get("dash_quotes")),
        conjunctions=frozenset(_fold(w) for w in generic.get("conjunctions", [])),
        titles=frozenset(_fold(w).rstrip(".") for w in generic.get("titles", []) + spec.get("titles", [])),
        anonymous_of=(re.compile(rf"(?:{alternation(spec['anonymous_of'])})(?!\w)", flags)
                      if spec.get("anonymous_of") else None),
        compound_roles=bool(spec.get("compound_roles")),
        addressee=(re.compile(rf"(?<!\w)(?:{alternation(spec['addressee'])})\s+(?:the\s+)?$", flags)
                   if spec.get("addressee") else None),
        according=re.compile(rf"(?<!\w)(?:{alternation(according)})(?!\w)", flags) if according else None,
        according_post=(re.compile(rf"(?:{alternation(according_post)})(?!\w)", flags) if according_post else None),
        pronouns=frozenset(_fold(p) for p in spec.get("pronouns", [])),
        anonymous=frozenset(_fold(w) for w in spec.get("anonymous", [])),
        anonymous_nouns=frozenset(_fold(w) for w in spec.get("anonymous_nouns", [])),
        roles=re.compile(rf"{role_start}(?P<role>{alternation(role_words)})(?!\w)", flags) if role_words else None,
        role_of=role_of,
        role_matches={k: frozenset(v) for k, v in generic.get("role_matches", {}).items()},
        pairs=pairs,
        marks=re.compile("[" + re.escape(marks) + "]"),
        dashes="".join(settings["dashes"]),
        abbreviations=frozenset(settings["abbreviations"]),
        scare_max_words=int(settings["scare_max_words"]),
        heading_max_words=int(settings["heading_max_words"]),
        max_quote_chars=int(settings["max_quote_chars"]),
        np_window=int(settings["np_window"]),
        post_max_words=int(settings["post_max_words"]),
    )
