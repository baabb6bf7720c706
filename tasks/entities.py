"""Entities: persons, organisations and locations with canonical English names, from the original text.

No model is needed. The rules follow Europe Media Monitor's recipe: gazetteers (CLDR country
names in every language through Babel, GeoNames cities, a list of well-known organisations and
persons), per-language trigger words (titles and roles), capitalised sequences with stop lists,
genitive and case endings, and rule-based name matching across spellings and scripts
(transliteration, phonetic skeletons, Jaro-Winkler on unidecoded names). Every word list lives
in tasks/rules/entities/*.toml; this module only knows the shapes of the rules.

Order of the passes over one article, and why:
1. gazetteer organisations, countries and regions (anywhere, longest match first, hyphen parts too);
2. persons from capitalised runs (known names, given names, triggers, honorifics, speech verbs);
3. unknown organisations ("Devon and Cornwall Police") from head words, outside persons;
4. surname-only mentions ("Putins", "Usjakov", "Ердогану") linked to a full name of the article;
5. cities last, and only on location-like spans (not part of a longer name: "Vladimir Putin").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from tasks.languages import SUPPORTED
from tasks.rulefiles import read_rules

from rapidfuzz.distance import JaroWinkler
from unidecode import unidecode

RULES_DIR = Path(__file__).parent / "rules" / "entities"
LANGS = SUPPORTED
PERSON, ORG, LOC = "person", "organization", "location"

# Priority when one key names several things: organisations, then countries, regions, cities.
_PRIO = {"org": 4, "country": 3, "region": 2, "city": 1}
# Declined forms of town names are indexed from this size on ("из Дубны" -> Dubna).
STEM_MIN_POPULATION = 50_000
# A region loses to a city of the same name only when the city is this big (Washington, New York).
BIG_CITY = 500_000
MAX_KEY_TOKENS = 8
# A role phrase before "<role phrase>, <Name>" is read back this many words at most.
ROLE_WINDOW = 7
# Name-matching thresholds measured in ../shared/reference/nlp-offline.md.
SURNAME_JW = 0.90
FIRSTNAME_JW = 0.75

_TOKEN = re.compile(
    r"(?:[^\W\d_]\.){2,}"                         # U.S., U.N.
    r"|[^\W\d_][^\W_]*(?:['’\-][^\W_]+)*"          # words, hyphen compounds, d'Italia, Türkiye'nin
    r"|['’]t\b"                                    # the Dutch particle 't
    r"|\d[\d.,]*[^\W_]*"                           # numbers (they break capitalised runs)
)
_ELISION = re.compile(r"^(?:[a-zà-ÿ]{1,4}|qu|nell|dell|dall|sull|all)['’](?=[^\W\d_])", re.IGNORECASE)
_APOS_SUFFIX = re.compile(r"['’][^\W\d_]*$")
_SENTENCE_END = set(".!?…:;\n\"“”«»„–—")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_UK_LETTERS = re.compile(r"[іїєґІЇЄҐ]")


# ---------------------------------------------------------------------------------------------
# folding, stemming, transliteration, skeletons


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Case- and accent-free ASCII form used as a gazetteer key ("Genève" -> "geneve", "Київ" -> "kyiv")."""
    return unidecode(unicodedata.normalize("NFKC", text).casefold()).lower().strip()


@dataclass(frozen=True)
class LangRules:
    lang: str
    triggers: frozenset[str]
    trigger_phrases: tuple[tuple[str, ...], ...]
    trigger_suffixes: tuple[str, ...]
    honorifics: frozenset[str]
    speech_verbs: frozenset[str]
    stopwords: frozenset[str]
    endings: tuple[str, ...]
    rewrites: tuple[tuple[str, str], ...]
    loc_preps: frozenset[str]
    org_heads: frozenset[str]
    alternations: tuple[tuple[str, str], ...]
    noun_markers: frozenset[str] = frozenset()
    role_words: frozenset[str] = frozenset()
    thing_prefixes: frozenset[str] = frozenset()
    org_suffixes: tuple[str, ...] = ()
    org_descriptors: frozenset[str] = frozenset()
    org_modifiers: frozenset[str] = frozenset()
    org_head_rewrites: tuple[tuple[str, str, frozenset[str]], ...] = ()
    place_heads: frozenset[str] = frozenset()
    place_heads_dropped: frozenset[str] = frozenset()
    place_preps: frozenset[str] = frozenset()
    region_nouns: frozenset[str] = frozenset()
    club_articles: frozenset[str] = frozenset()


@lru_cache(maxsize=None)
def _load_toml(name: str) -> dict:
    return read_rules(RULES_DIR / name, "entity")


@lru_cache(maxsize=None)
def _calendar_words(lang: str | None = None) -> frozenset[str]:
    """Month and weekday names from CLDR (never names of people or places): of one language and
    English when `lang` is given (an Italian "Marco" is a name, the Portuguese month "março" folds to
    the same word), of every pipeline language otherwise."""
    from babel import Locale

    words: set[str] = set()
    for lang in (LANGS if lang is None else dict.fromkeys((lang, "en"))):
        loc = Locale.parse(lang)
        for table in (loc.months, loc.days):
            for context in table.values():
                for width in ("wide", "abbreviated"):
                    for name in context.get(width, {}).values():
                        name = fold(name.strip("."))
                        if width == "wide" or len(name) >= 4:  # "ian." (ro) is also the name Ian
                            words.add(name)
    return frozenset(w for w in words if len(w) > 1)


@lru_cache(maxsize=None)
def lang_rules(lang: str) -> LangRules:
    data = _load_toml("languages.toml")
    common = data["all"]
    own = data.get(lang if lang in data else "en", {})
    en = data["en"]

    def words(key: str, include_en: bool = False) -> list[str]:
        out = list(common.get(key, [])) + list(own.get(key, []))
        if include_en and lang != "en":
            out += en.get(key, [])
        return out

    triggers = [fold(t) for t in words("triggers", include_en=True)]
    return LangRules(
        lang=lang,
        triggers=frozenset(t for t in triggers if " " not in t),
        trigger_phrases=tuple(tuple(t.split()) for t in triggers if " " in t),
        trigger_suffixes=tuple(sorted({fold(t) for t in own.get("trigger_suffixes", [])}, key=len, reverse=True)),
        honorifics=frozenset(fold(h).rstrip(".") for h in words("honorifics", include_en=True)),
        speech_verbs=frozenset(fold(v) for v in words("speech_verbs", include_en=True)),
        stopwords=frozenset(fold(s) for s in words("stopwords", include_en=True)),
        endings=tuple(sorted(own.get("endings", []), key=len, reverse=True)),
        rewrites=tuple((a, b) for a, b in own.get("rewrites", [])),
        loc_preps=frozenset(fold(p) for p in words("loc_preps", include_en=True)),
        org_heads=frozenset(fold(h) for h in words("org_heads", include_en=True)),
        alternations=tuple((a, b) for a, b in own.get("alternations", [])),
        noun_markers=frozenset(fold(w) for w in own.get("noun_markers", [])),
        role_words=frozenset(fold(w) for w in common.get("role_words", [])),
        thing_prefixes=frozenset(fold(w) for w in common.get("thing_prefixes", [])),
        org_suffixes=tuple(fold(w) for w in words("org_suffixes")),
        org_descriptors=frozenset(fold(w) for w in words("org_descriptors", include_en=True)),
        org_modifiers=frozenset(fold(w) for w in own.get("org_modifiers", [])),
        place_heads=frozenset(fold(w) for w in own.get("place_heads", [])),
        place_heads_dropped=frozenset(fold(w) for w in own.get("place_heads_dropped", [])),
        place_preps=frozenset(fold(w) for w in own.get("place_preps", [])),
        region_nouns=frozenset(fold(w) for w in own.get("region_nouns", [])),
        club_articles=frozenset(fold(w) for w in own.get("club_articles", [])),
        org_head_rewrites=tuple((old, new, frozenset(fold(x) for x in after))
                                for old, new, *rest in own.get("org_head_rewrites", [])
                                for after in [rest[0] if rest else []]),
    )


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
def transliterate(word: str, lang: str = "ru") -> str:
    """Cyrillic word -> usual English Latin form (ru: "Дмитрий" -> "Dmitry"; uk: "Володимир" -> "Volodymyr")."""
    if not _CYRILLIC.search(word):
        return word
    table_lang = "uk" if (lang == "uk" or _UK_LETTERS.search(word)) else "ru"
    table = _translit()["cyrillic"][table_lang]
    lower = word.casefold()
    multi = [(k, v) for k, v in table.items() if len(k.strip("^$")) > 1 or k.startswith("^") or k.endswith("$")]
    single = {k: v for k, v in table.items() if (k, v) not in multi}
    lower = _apply_rules(lower, multi)
    out = "".join(single.get(ch, ch) for ch in lower)
    out = unidecode(out)
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


@dataclass(frozen=True)
class Entry:
    kind: str  # org | country | region | city
    name: str
    population: int = 0
    short: str | None = None  # the alias, when it must match case-sensitively (3 letters or fewer)
    main: bool = True  # matched by the place's own name, not one of its alternate names
    cc: str = ""  # ISO country code of a country or city (to prefer the towns of the countries in the text)

    @property
    def type(self) -> str:
        return ORG if self.kind == "org" else LOC

    def rank(self) -> tuple:
        prio = _PRIO[self.kind]
        if self.kind == "city" and self.population >= BIG_CITY:
            prio = _PRIO["region"] + 0.5
        # a town's own name beats another town's alternate name unless that one is much bigger
        # (Falmouth is not Portland's old name; Odessa is Odesa rather than Odessa, Texas)
        return (prio, self.population * (5 if self.main else 1))


@dataclass
class Gazetteer:
    exact: dict[tuple[str, ...], list[Entry]] = field(default_factory=dict)
    by_lang: dict[str, dict[tuple[str, ...], list[Entry]]] = field(default_factory=dict)
    raw_aliases: list[tuple[str, Entry, str | None]] = field(default_factory=list)  # (alias, entry, lang)
    lead_lower: set[str] = field(default_factory=set)
    given_names: frozenset[str] = frozenset()
    common_given: frozenset[str] = frozenset()  # the hand list: names so common that they outrank a town
    given_skeletons: dict[str, list[str]] = field(default_factory=dict)
    persons: list["KnownPerson"] = field(default_factory=list)
    persons_by_skeleton: dict[str, list["KnownPerson"]] = field(default_factory=dict)
    persons_by_fold: dict[str, list["KnownPerson"]] = field(default_factory=dict)
    surname_count: dict[str, int] = field(default_factory=dict)
    persons_by_initial: dict[str, list["KnownPerson"]] = field(default_factory=dict)
    stem_cache: dict[str, dict[tuple[str, ...], list[Entry]]] = field(default_factory=dict)
    stemmable: list | None = None

    def add(self, alias: str, entry: Entry, lang: str | None = None) -> None:
        alias = alias.strip()
        toks = tokenize_words(alias)
        if not toks or len(toks) > MAX_KEY_TOKENS:
            return
        if len(alias) <= 3:
            entry = Entry(entry.kind, entry.name, entry.population, short=alias, main=entry.main, cc=entry.cc)
        key = tuple(fold(t) for t in toks)
        target = self.exact if lang is None else self.by_lang.setdefault(lang, {})
        bucket = target.setdefault(key, [])
        if entry not in bucket:
            bucket.append(entry)
        self.raw_aliases.append((alias, entry, lang))
        if toks[0][:1].islower():
            self.lead_lower.add(fold(toks[0]))

    def stems_for(self, rules: LangRules) -> dict[tuple[str, ...], list[Entry]]:
        """Stemmed keys of the aliases, per language, built on first use (case forms: "Москве" -> Moscow).

        Only aliases whose stemmed key differs from their plain key are indexed: the rest are
        found by the exact lookup already (this keeps the index small and quick to build).
        """
        cached = self.stem_cache.get(rules.lang)
        if cached is not None:
            return cached
        index: dict[tuple[str, ...], list[Entry]] = {}
        if rules.endings or rules.alternations:
            if self.stemmable is None:
                self.stemmable = [(_alias_tokens(alias), entry, lang) for alias, entry, lang in self.raw_aliases
                                  if not (entry.kind == "city" and entry.population < STEM_MIN_POPULATION)]
            for toks, entry, lang in self.stemmable:
                if lang not in (None, rules.lang):
                    continue
                stems = [stem(t, rules) for t in toks]
                if all(x == t.casefold() for x, t in zip(stems, toks)) and not any(
                        stems[-1].endswith(old) for old, _ in rules.alternations):
                    continue  # nothing to strip: the exact index finds it
                keys = [tuple(fold(x) for x in stems)]
                for old, new in rules.alternations:  # Київ -> Києв(а)
                    if stems[-1].endswith(old):
                        keys.append(tuple(fold(x) for x in stems[:-1] + [stems[-1][: -len(old)] + new]))
                for key in keys:
                    bucket = index.setdefault(key, [])
                    if entry not in bucket:
                        bucket.append(entry)
        self.stem_cache[rules.lang] = index
        return index


@lru_cache(maxsize=None)
def _alias_tokens(alias: str) -> tuple[str, ...]:
    return tuple(tokenize_words(alias))


@dataclass(frozen=True)
class KnownPerson:
    name: str
    first: str
    last: str


def tokenize_words(text: str) -> list[str]:
    return [m.group(0) for m in _TOKEN.finditer(text)]


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Load every gazetteer once per process (about a second, mostly the cities file)."""
    from babel import Locale

    g = Gazetteer()
    places = _load_toml("places.toml")
    never = _never_names()

    # organisations
    for spec in _load_toml("organizations.toml")["org"]:
        entry = Entry("org", spec["name"])
        for alias in [spec["name"], *spec.get("aliases", [])]:
            g.add(alias, entry)
        for lang, aliases in spec.get("lang", {}).items():
            for alias in aliases:
                g.add(alias, entry, lang)
    # countries and CLDR regions in every language
    skip = set(places["cldr_skip"])
    english = Locale.parse("en").territories
    wanted = {c for c in english if (len(c) == 2 and c.isalpha()) or c in places["cldr_regions"]} - skip
    names = places["english_names"]
    entries = {code: Entry("country", names.get(code, english[code]), cc=code) for code in wanted}
    for lang in LANGS:
        terr = Locale.parse(lang).territories
        for code in wanted:
            if code not in terr:
                continue
            for alias in _cldr_variants(terr[code]):
                g.add(alias, entries[code])
    for code, aliases in places["country_aliases"].items():
        for alias in aliases:
            g.add(alias, entries[code])
    # regions, seas, US states
    for name, aliases in places["regions"].items():
        entry = Entry("region", name)
        for alias in [name, *aliases]:
            g.add(alias, entry)
    cities = _load_toml("cities.toml")
    for state in cities["us_states"].values():
        g.add(state, Entry("region", state))
    # cities (main names always; alternates were filtered when the file was generated)
    for gid, row in cities["cities"].items():
        name, cc, pop, alts = row[0], row[1], int(row[2]), row[3:]
        entry = Entry("city", _city_name(name, cc), pop, cc=cc)
        alt_entry = Entry("city", entry.name, pop, main=False, cc=cc)
        for alias in [name, *alts]:
            if (len(alias) <= 2 or len(alias) == 3 and pop < 100_000 or fold(alias) in never) and not (
                    alias == name and pop >= 50_000 and len(alias) >= 3):
                continue  # a big town keeps its own name (Van, Ufa, Como); stop words are judged per article
            g.add(alias, entry if alias == name else alt_entry)
    # persons and given names
    persons_data = _load_toml("persons.toml")
    for group in persons_data["persons"].values():
        for full in group:
            parts = full.split()
            kp = KnownPerson(full, parts[0], parts[-1])
            g.persons.append(kp)
    for kp in g.persons:
        g.persons_by_skeleton.setdefault(skeleton(kp.last), []).append(kp)
        g.persons_by_fold.setdefault(fold(kp.last), []).append(kp)
        g.surname_count[fold(kp.last)] = g.surname_count.get(fold(kp.last), 0) + 1
        g.persons_by_initial.setdefault(fold(kp.last)[:1], []).append(kp)
    for full, aliases in persons_data.get("aliases", {}).items():
        for alias in aliases:
            g.persons_by_fold.setdefault(fold(alias), []).append(KnownPerson(full, alias, alias))
    given = _load_toml("names.toml")["given"]
    # the generated list (tools/build_gazetteer.py --given-names) widens the name starts; skeleton
    # matching of inflected forms stays on the short hand list, where collisions are rare
    g.common_given = frozenset(fold(n) for n in given)
    g.given_names = g.common_given | frozenset(
        fold(n) for n in _load_toml("given_names.toml")["given"])
    for n in given:
        g.given_skeletons.setdefault(skeleton(n), []).append(n)
    return g


def _cldr_variants(name: str) -> list[str]:
    """'Myanmar (Burma)' -> ['Myanmar (Burma)', 'Myanmar', 'Burma']; 'Congo - Kinshasa' -> kept whole."""
    out = [name]
    m = re.match(r"^(.*?)\s*\((.*?)\)$", name)
    if m:
        out += [m.group(1), m.group(2)]
    return out


def _city_name(name: str, cc: str) -> str:
    """GeoNames spells some names with cedillas or local suffixes; use the usual forms."""
    overrides = _load_toml("places.toml").get("city_names", {})
    if name in overrides:
        return overrides[name]
    if cc == "RO":  # Romanian uses comma-below letters; GeoNames has the older cedilla forms
        name = name.replace("ţ", "ț").replace("ş", "ș").replace("Ţ", "Ț").replace("Ş", "Ș")
    return name


@lru_cache(maxsize=1)
def _never_names() -> frozenset[str]:
    """Words that are never a single-word place name (stop words of every language, months, weekdays)."""
    out: set[str] = set()
    for lang in LANGS:
        r = lang_rules(lang)
        out |= r.stopwords | r.triggers | r.honorifics | r.speech_verbs | r.loc_preps
    return frozenset(out)


# ---------------------------------------------------------------------------------------------
# tokens of one article


@dataclass
class Tok:
    i: int
    start: int  # the core: elided article and apostrophe suffix removed
    end: int
    text: str  # core text
    full_start: int
    full_end: int
    cap: bool
    sent_start: bool
    joined: bool  # only spaces between the previous token and this one
    prev_gap: str
    f: str  # fold(text)


def tokens_of(text: str) -> list[Tok]:
    out: list[Tok] = []
    prev_end = 0
    for m in _TOKEN.finditer(text):
        s, e, t = m.start(), m.end(), m.group(0)
        cs, ce = s, e
        el = _ELISION.match(t)
        if el and len(t) > el.end() + 1:
            cs = s + el.end()
        core = text[cs:ce]
        suf = _APOS_SUFFIX.search(core)
        if suf and suf.start() > 0 and not core[suf.start() + 1: suf.start() + 2].isupper():
            ce = cs + suf.start()
        core = text[cs:ce]
        if not core:
            core, cs, ce = t, s, e
        gap = text[prev_end:s]
        stripped_gap = gap.strip(" \t")
        sent_start = not out or any(c in _SENTENCE_END for c in gap) or (
            bool(out) and text[out[-1].full_end - 1: out[-1].full_end] == "." and len(out[-1].text) > 2
            and not out[-1].text.isupper())
        out.append(Tok(len(out), cs, ce, core, s, e, core[:1].isupper(), sent_start,
                       joined=not stripped_gap, prev_gap=gap, f=fold(core)))
        prev_end = e
    return out


# ---------------------------------------------------------------------------------------------
# extraction


@dataclass
class Mention:
    type: str
    name: str
    start: int
    end: int
    tokens: tuple[int, ...]
    kind: str = ""  # how it was found, for debugging and linking
    first: str = ""  # person: first-name form as written (transliterated)
    last: str = ""  # person: surname as written (transliterated, stem)
    raw: tuple[str, ...] = ()  # person: the name words as written

    def surface(self, text: str) -> str:
        return text[self.start:self.end]


class _Article:
    """Working state for one article."""

    def __init__(self, article: dict):
        self.article = article
        self.text: str = article.get("text_clean") or ""
        self.lang: str = article.get("lang") if article.get("lang") in LANGS else "en"
        self.rules = lang_rules(self.lang)
        self.g = gazetteer()
        self.toks = tokens_of(self.text)
        self.used: set[int] = set()
        self.mentions: list[Mention] = []
        self.lower_words = {t.f for t in self.toks if t.text[:1].islower()}
        self.local_acronyms: dict[str, Entry] = {}
        self.context_cc: frozenset[str] = frozenset()  # countries the article names (set before the city pass)
        self._entry_of: dict[str, Entry] = {}

    # -- helpers -------------------------------------------------------------------------------
    def is_stop(self, t: Tok) -> bool:
        return t.f in self.rules.stopwords or t.f.rstrip(".") in self.rules.honorifics or t.f in self.rules.role_words

    def is_calendar(self, t: Tok) -> bool:
        """Month or weekday name (Theresa May keeps her surname: only leading words are checked)."""
        return t.f in _calendar_words(self.lang)

    def is_trigger(self, t: Tok) -> bool:
        f = t.f
        if f in self.rules.triggers or stem(f, self.rules) in self.rules.triggers:
            return True
        tail = f.rsplit("-", 1)[-1]
        if tail != f and (tail in self.rules.triggers or tail in _in_any_language("triggers")):
            return True
        return _ends_with_any(f, self.rules.trigger_suffixes, exact=False)

    def is_honorific(self, t: Tok) -> bool:
        return t.f.rstrip(".") in self.rules.honorifics

    def is_given(self, t: Tok) -> bool:
        if not t.cap or t.text.isupper():
            return False
        f = fold(transliterate(t.text, self.lang)) if _CYRILLIC.search(t.text) else t.f
        if f in self.g.given_names:
            return not (t.sent_start and f in self.lower_words)
        if _CYRILLIC.search(t.text) or self.lang in ("pl", "ro", "tr"):
            # inflected or transliterated forms: the stem in the full list ("Czesławem" -> Czesław),
            # else skeletons against the short hand list
            for form in word_variants(t.text, self.rules)[1:] if not _CYRILLIC.search(t.text) else ():
                if fold(form) in self.g.given_names and len(form) >= 4:
                    return True
            for form in word_variants(t.text, self.rules):
                latin = transliterate(form, self.lang) if _CYRILLIC.search(form) else form
                if len(latin) >= 4 and skeleton(latin) in self.g.given_skeletons:
                    return True
        return False

    @staticmethod
    def name_cap(t: Tok) -> bool:
        """Capitalised like a name word: "EU-kommissær", "PET-Kunststoff" and "Statnett-talsperson" are
        descriptors (the last hyphen part is lower-case); "Lund-Kristensen" and "Nord-Europa" are names."""
        return t.cap and not ("-" in t.text and t.text.rsplit("-", 1)[1][:1].islower())

    def joined(self, a: int, b: int) -> bool:
        """Tokens a..b-1 are separated by spaces only (no punctuation, no line break)."""
        return all(self.toks[k].joined for k in range(a + 1, b))

    def add(self, m: Mention) -> None:
        self.mentions.append(m)
        self.used.update(m.tokens)

    # -- pass 1: gazetteer organisations, countries, regions ----------------------------------
    def lookup(self, i: int, n: int, allow_city: bool) -> Entry | None:
        """Best gazetteer entry for tokens i..i+n-1: as written, after ending rewrites, then by stems."""
        toks = self.toks[i:i + n]
        head = tuple(t.f for t in toks[:-1])
        last = toks[-1]
        lang_index = self.g.by_lang.get(self.lang, {})
        keys = [head + (last.f,)]
        for old, new in self.rules.rewrites:  # Polish "Ankarze" -> "Ankara"
            if last.f.endswith(fold(old)) and len(last.f) - len(old) >= 2:
                keys.append(head + (last.f[: -len(old)] + fold(new),))
        cands: list[Entry] = []
        for key in keys:
            cands = list(self.g.exact.get(key, ())) + list(lang_index.get(key, ()))
            if cands:
                break
        if not cands and (self.rules.endings or self.rules.alternations):
            key = tuple(fold(stem(t.text, self.rules)) for t in toks)
            cands = list(self.g.stems_for(self.rules).get(key, ())) or [
                c for c in list(self.g.exact.get(key, ())) + list(lang_index.get(key, ()))
                if not (c.kind == "city" and c.population < 100_000)]  # "Konzern" is not Konz
            if cands and n == 1 and self.lang in _NOUN_CAPITALISING:
                # a German noun is not a place by its stem ("Mais" is not Maine): only the genitive of a
                # name written in full ("Russlands", "Kiews") counts
                f = last.f
                whole = {e for k in (f[:-1], f[:-2]) if len(k) >= 3
                         for e in list(self.g.exact.get((k,), ())) + list(lang_index.get((k,), ()))}
                cands = [c for c in cands if c in whole] if f.endswith("s") else []
        cands = [c for c in cands if (allow_city or c.kind != "city") and self._case_ok(c, toks)]
        if not cands:
            return None
        if self.context_cc and any(c.kind == "city" for c in cands):
            # "Fredericia" in an article about Denmark is the Danish town, not João Pessoa's old name
            near = [c for c in cands if c.kind != "city" or c.cc in self.context_cc]
            if near and any(c.kind == "city" for c in near):
                cands = near
        return max(cands, key=Entry.rank)

    @staticmethod
    def _case_ok(entry: Entry, toks: list[Tok]) -> bool:
        if entry.short is None:
            return any(t.cap for t in toks) or not toks[0].text[:1].isalpha()
        surface = " ".join(t.text for t in toks)
        if surface == entry.short:
            return True
        # genitive of a short all-caps alias: USAs, USA's
        return len(toks) == 1 and surface[:-1] == entry.short and surface[-1] in "s" and entry.short.isupper()

    def pass_gazetteer(self) -> None:
        toks = self.toks
        i = 0
        while i < len(toks):
            t = toks[i]
            if i in self.used or not (t.cap or t.f in self.g.lead_lower):
                i += 1
                continue
            hit = None
            for n in range(min(MAX_KEY_TOKENS, len(toks) - i), 0, -1):
                if n > 1 and not self.joined(i, i + n):
                    continue
                if any(k in self.used for k in range(i, i + n)):
                    continue
                if n == 1 and not t.cap:
                    continue
                entry = self.lookup(i, n, allow_city=False)
                if entry:
                    hit = (n, entry)
                    break
            if hit:
                n, entry = hit
                if n == 1 and entry.kind == "country" and self._country_is_person(i):
                    i += 1
                    continue
                self._add_entry(entry, i, i + n, "gazetteer")
                i += n
                continue
            if "-" in t.text:
                self._hyphen_parts(t)
            i += 1

    def _country_is_person(self, i: int) -> bool:
        """'Jordan Henderson', 'Israel Katz': a country name that is a given name, followed by a surname."""
        t = self.toks[i]
        nxt = self.toks[i + 1] if i + 1 < len(self.toks) else None
        return (t.f in self.g.given_names and nxt is not None and nxt.joined and nxt.cap
                and not self.is_stop(nxt) and not self.is_trigger(nxt))

    def _hyphen_parts(self, t: Tok) -> None:
        """'US-Präsident', 'Ukraina-konflikten', 'Kreml-talsperson', 'Benfica-trainer'."""
        pos = t.start
        for part in t.text.split("-"):
            ps, pe = pos, pos + len(part)
            pos = pe + 1
            if not part[:1].isupper():
                continue
            fake = Tok(t.i, ps, pe, part, ps, pe, True, False, True, "", fold(part))
            entry = self._lookup_single(fake)
            if entry:
                self.mentions.append(Mention(entry.type, entry.name, ps, pe, (), "hyphen"))
            elif ps == t.start and self._hyphen_org_head(t, part):
                self.mentions.append(Mention(ORG, part, ps, pe, (), "hyphen"))

    def _hyphen_org_head(self, t: Tok, part: str) -> bool:
        """'Statnett-Sprecherin', 'RWE-Tochter', 'Ørsted-chef': a name joined to a role or an
        organisation word is the organisation (a place or a person would have been found as such)."""
        tail = Tok(t.i, 0, 0, t.text.rsplit("-", 1)[1], 0, 0, True, False, True, "", fold(t.text.rsplit("-", 1)[1]))
        if part == t.text or len(part) < 2 or self.is_given(Tok(t.i, 0, 0, part, 0, 0, True, False, True, "", fold(part))):
            return False
        if fold(part) in self.g.persons_by_fold or fold(part) in _never_names():
            return False
        return self.is_trigger(tail) or self._is_descriptor(tail)

    def _lookup_single(self, t: Tok) -> Entry | None:
        saved = self.toks
        try:
            self.toks = [t]
            return self.lookup(0, 1, allow_city=False)
        finally:
            self.toks = saved

    def _add_entry(self, entry: Entry, a: int, b: int, kind: str) -> None:
        self._entry_of[entry.name] = entry
        start, end = self.toks[a].start, self.toks[b - 1].end
        self.add(Mention(entry.type, entry.name, start, end, tuple(range(a, b)), kind))
        self._acronym_after(entry, b)

    def _acronym_after(self, entry: Entry, b: int) -> None:
        """'Główny Urząd Statystyczny (GUS)': the bracketed acronym names the same organisation here."""
        if entry.kind != "org" or b >= len(self.toks):
            return
        t = self.toks[b]
        if t.text.isupper() and 2 <= len(t.text) <= 8 and t.prev_gap.strip() == "(":
            self.local_acronyms[t.text] = entry

    # -- pass 2: persons ---------------------------------------------------------------------
    def runs(self) -> list[list[int]]:
        """Maximal sequences of capitalised words (and name particles) joined by spaces, minus used ones."""
        out: list[list[int]] = []
        cur: list[int] = []
        particles = _shared_words("name_particles")
        for t in self.toks:
            ok = t.i not in self.used and (self.name_cap(t) or (t.f in particles and cur))
            if ok and cur and not t.joined:
                ok = False
                out.append(cur)
                cur = []
                if t.i not in self.used and self.name_cap(t):
                    cur = [t.i]
                continue
            if ok:
                cur.append(t.i)
            else:
                if cur:
                    out.append(cur)
                cur = []
        if cur:
            out.append(cur)
        # drop trailing particles
        cleaned = []
        for run in out:
            while run and not self.toks[run[-1]].cap:
                run = run[:-1]
            if run:
                cleaned.append(run)
        return cleaned

    def evidence_before(self, i: int) -> bool:
        """A trigger, honorific or speech verb right before token i ("president Biden", "sa Usjakov",
        "a déclaré M. Erdogan", "prime minister X"), or a trigger and one place or organisation
        ("Президентом Туреччини Реджепом", "prezydentem Turcji Recepem")."""
        k = i - 1
        if k < 0 or not self.toks[i].joined:
            return False
        t = self.toks[k]
        if self.is_trigger(t) or self.is_honorific(t) or t.f in self.rules.speech_verbs:
            return True
        if k >= 1 and t.joined:
            pair = f"{self.toks[k - 1].f} {t.f}"
            if pair in self.rules.speech_verbs or tuple(pair.split()) in self.rules.trigger_phrases:
                return True
            if k in self.used and self.is_trigger(self.toks[k - 1]):
                return True
        return False

    def role_before_comma(self, i: int) -> bool:
        """A role phrase closed by a comma right before token i: "la consejera de Presidencia de Cantabria,
        Isabel Urrutia", "Kommunstyrelsens ordförande i Kiruna, Anna-Karin ...", "sa directrice, Florence ...".
        The phrase is read back to the start of its clause (at most ROLE_WINDOW words, no other punctuation)."""
        if i == 0 or self.toks[i].prev_gap.strip() != ",":
            return False
        k = i - 1
        for _ in range(ROLE_WINDOW):
            t = self.toks[k]
            if self.is_trigger(t):
                return True
            if k >= 1 and (self.toks[k - 1].f, t.f) in self.rules.trigger_phrases:
                return True
            if t.sent_start or k == 0 or t.prev_gap.strip():
                return False
            k -= 1
        return False

    def evidence_after(self, j: int) -> bool:
        """A speech verb right after token j ("Peskov said")."""
        if j + 1 >= len(self.toks):
            return False
        t = self.toks[j + 1]
        return t.prev_gap.strip() in ("", ",") and t.f in self.rules.speech_verbs

    def pass_persons(self) -> None:
        for run in self.runs():
            self._person_from_run(run)

    def _person_from_run(self, run: list[int]) -> None:
        toks = [self.toks[i] for i in run]
        # strip leading stop words, triggers, honorifics
        lead = 0
        trigger = False
        while lead < len(toks) and (self.is_stop(toks[lead]) or self.is_trigger(toks[lead])
                                    or self.is_calendar(toks[lead])):
            trigger = trigger or self.is_trigger(toks[lead]) or self.is_honorific(toks[lead])
            lead += 1
        toks = toks[lead:]
        # the name starts at the first given name, or after the last trigger inside the run
        g_idx = next((k for k, t in enumerate(toks) if self.is_given(t) and k + 1 < len(toks)), None)
        last_trig = max((k for k, t in enumerate(toks) if self.is_trigger(t)), default=None)
        if g_idx is not None and (last_trig is None or last_trig < g_idx):
            name = toks[g_idx:]
            trigger = trigger or g_idx > 0
        elif last_trig is not None:
            name = toks[last_trig + 1:]
            trigger = True
        else:
            name = toks
        name = self._cut_at_particle(name)
        conj = next((k for k, t in enumerate(name) if t.f in _COORDINATORS), None)
        if conj is not None and conj < 2:  # "Roma e Napoli", "Italo e Trenord": two names, unlike "José Ortega y Gasset"
            name = name[:conj]
        while name and (self.is_stop(name[-1]) or not name[-1].cap):
            name = name[:-1]
        if not name:
            return
        if any(t.f in self.rules.org_heads for t in name):
            return  # "National Hurricane Center said": an organisation, left to the organisation pass
        particles = _shared_words("name_particles")
        if any((self.is_stop(t) and not (0 < k < len(name) - 1 and t.f in particles)) or self.is_trigger(t)
               for k, t in enumerate(name)):
            return
        if len(name) == 1 and self.is_calendar(name[0]):
            return
        first = name[0]
        evidence = trigger or self.evidence_before(first.i) or (len(name) >= 2 and self.role_before_comma(first.i))
        if len(name) >= 2 and not trigger and self._known_place(name):
            return  # "Vila Nova de Gaia", "Santa Cruz": a place whose first word is also a given name
        if len(name) >= 2:
            known = self.known_person(name)
            if known or self.is_given(name[0]) or evidence or self.evidence_after(name[-1].i):
                self._add_person(name, known, "full")
            return
        # a single word: needs evidence; a place or organisation after a speech verb stays what it is
        t = name[0]
        if not evidence or _is_acronym(t.text) or len(t.text) < 2:
            return
        prev = self.toks[t.i - 1] if t.i > 0 else None
        titled = trigger or (prev is not None and (self.is_trigger(prev) or self.is_honorific(prev)))
        if not titled and self.lookup(t.i, 1, allow_city=True):
            return
        self._add_person([t], None, "single")

    def _known_place(self, name: list[Tok]) -> bool:
        entry = self.lookup(name[0].i, name[-1].i - name[0].i + 1, allow_city=True) \
            if self.joined(name[0].i, name[-1].i + 1) else None
        return entry is not None and entry.type == LOC

    def _cut_at_particle(self, name: list[Tok]) -> list[Tok]:
        """End a name before a particle that starts something else: "Lena Hartmann-Beck | von der
        Universität", "Femke Wiersma | van Landbouw". A particle may follow given names anywhere, and a
        surname only in languages with compound surnames (Rebelo de Sousa, Souto de Moura)."""
        particles = _shared_words("name_particles")
        for k in range(1, len(name) - 1):
            if name[k].f not in particles or name[k].cap and name[k].f not in _SURNAME_PARTICLES_CAP \
                    or name[k - 1].f in particles:
                continue  # not a particle, or inside a chain ("van 't", "von der") already judged
            rest = name[k + 1:]
            after_surname = k >= 2 and not self.is_given(name[k - 1]) and self.lang not in _COMPOUND_SURNAME_LANGS
            org = self.lookup(rest[-1].i, 1, allow_city=False)
            if after_surname or any(t.f in self.rules.org_heads or t.f in self.rules.role_words
                                    or self._org_head_suffix(t) for t in rest) or (org is not None and org.kind == "org"):
                return name[:k]
        return name

    def _latin_forms(self, t: Tok) -> list[str]:
        """Latin spellings of a name word to compare: as written, and its case-stripped stems."""
        forms = []
        for v in word_variants(t.text, self.rules) if (self.rules.endings and t.text[:1].isupper()) else [t.text]:
            forms.append(transliterate(v, self.lang) if _CYRILLIC.search(v) else v)
        if _CYRILLIC.search(t.text):
            forms.insert(0, transliterate(t.text, self.lang))
        return list(dict.fromkeys(f for f in forms if f))

    def known_person(self, name: list[Tok]) -> KnownPerson | None:
        """Rule-based match against the well-known persons list (measured rule of the reference)."""
        last_forms = self._latin_forms(name[-1])
        first_forms = self._latin_forms(name[0])
        best, best_score = None, 0.0
        seen: set[str] = set()
        for lf in last_forms:
            cands = self.g.persons_by_fold.get(fold(lf), []) + self.g.persons_by_skeleton.get(skeleton(lf), [])
            if not cands:  # spellings whose skeletons differ (Makron/Macron): same initial, compare by JW
                cands = self.g.persons_by_initial.get(fold(lf)[:1], [])
            for kp in cands:
                if kp.name in seen:
                    continue
                if kp.first == kp.last:  # single-word alias ("Lula"): the whole name must be that word
                    continue
                s_jw = max(jw(f, kp.last) for f in last_forms)
                s_sk = any(skeleton(f) == skeleton(kp.last) for f in last_forms)
                if s_jw < SURNAME_JW and not s_sk:
                    continue
                f_jw = max(jw(f, kp.first) for f in first_forms)
                f_sk = any(skeleton(f) == skeleton(kp.first) for f in first_forms)
                unique = self.g.surname_count.get(fold(kp.last), 0) == 1
                # "L. Rasmussen" may be Lars Løkke Rasmussen; "Louise Rasmussen" is somebody else
                initial = len(name[0].text.rstrip(".")) <= 2 and \
                    any(fold(f)[:1] == fold(kp.first)[:1] for f in first_forms)
                if f_jw >= FIRSTNAME_JW or f_sk or (unique and initial and (s_jw >= 0.95 or s_sk) and len(kp.last) >= 6):
                    score = s_jw + f_jw
                    if score > best_score:
                        best, best_score = kp, score
                seen.add(kp.name)
        return best

    def _add_person(self, name: list[Tok], known: KnownPerson | None, kind: str) -> None:
        canonical = known.name if known else None
        first_latin = self._latin_forms(name[0])[-1]
        last_latin = self._latin_forms(name[-1])[-1]
        self.add(Mention(PERSON, canonical or "", name[0].start, name[-1].end, tuple(t.i for t in name), kind,
                         first=first_latin if len(name) > 1 else "", last=last_latin, raw=tuple(t.text for t in name)))

    # -- pass 3: unknown organisations -------------------------------------------------------
    def _org_head_suffix(self, t: Tok) -> bool:
        """A closed compound ending in an organisation head: "Bundesverband", "Havenbedrijf",
        "Energistyrelsen", "Arbetsförmedlingen" (the head alone, "Verband", does not count)."""
        f = t.f.rsplit("-", 1)[-1] if "-" in t.f else t.f
        return _ends_with_any(f, self.rules.org_suffixes, exact=False) or (
            "-" in t.f and self._org_head_suffix_stem(f))  # "Helmholtz-Zentrums"

    def _is_org_head(self, t: Tok) -> bool:
        return t.f in self.rules.org_heads or self._org_head_suffix(t)

    def _org_head_suffix_stem(self, f: str) -> bool:
        return f in self.rules.org_heads or stem(f, self.rules) in self.rules.org_heads

    def _extend_org(self, a: int, b: int, left: bool = True) -> tuple[int, int]:
        """Grow tokens a..b-1 over capitalised words and connector chains ("Instituto Português do Mar
        e da Atmosfera", "Ministerio para la Transición Ecológica"). Places and acronyms already found
        inside the span become part of it ("Devon and Cornwall Police", "DNB Markets")."""
        toks = self.toks
        connectors = _shared_words("org_connectors")
        absorbable = {k for m in self.mentions if (m.type == LOC or (m.type == ORG and len(m.tokens) == 1 and
                                                                     _is_acronym(m.surface(self.text))))
                      for k in m.tokens}
        free = lambda k: k not in self.used or k in absorbable  # noqa: E731
        modifiers = self.rules.org_modifiers
        while left and a - 1 >= 0 and toks[a].joined and free(a - 1):
            p = toks[a - 1]
            if self.name_cap(p) and (not self.is_stop(p) or p.f in modifiers) and not self.is_trigger(p) \
                    and not self.is_calendar(p) and not self._is_descriptor(p) and not self._starts_person(a - 1):
                a -= 1
                if p.f in modifiers:
                    break
            elif p.f in _COORDINATORS and a - 2 >= 0 and toks[a - 1].joined and self.name_cap(toks[a - 2]) \
                    and free(a - 2) and not self.is_stop(toks[a - 2]) and not self._in_person_run(a - 2):
                a -= 2
            else:
                break
        while b < len(toks) and toks[b].joined and free(b):
            q = toks[b]
            if self._starts_person(b) or self.is_trigger(q) and b + 1 < len(toks) and toks[b + 1].joined \
                    and self.name_cap(toks[b + 1]):
                break  # "İZSU | Genel Müdürü Gökhan ...": a role and a person, not part of the name
            if self.name_cap(q) and not self.is_stop(q) and not self.is_calendar(q):
                b += 1
                continue
            # one or two connectors, then a capitalised word: "do Mar", "e da Atmosfera", "för Technologie"
            # a connector, not a locative preposition of the article's language ("al Baskonia | en Málaga")
            n = 1 if q.f in connectors and not (q.f in _LOCATIVE_CONNECTORS and q.f in self.rules.loc_preps) else 0
            if n and b + 1 < len(toks) and toks[b + 1].f in connectors and toks[b + 1].joined:
                n = 2
            if n and b + n < len(toks) and all(toks[b + k].joined and free(b + k) for k in range(1, n + 1)) \
                    and self.name_cap(toks[b + n]) and not self.is_stop(toks[b + n]) \
                    and b + n not in self.used:  # "European Space Agency | and NASA": a second organisation
                b += n + 1
                continue
            break
        return a, b

    def _is_descriptor(self, t: Tok) -> bool:
        """A word saying what kind of organisation follows ("company", "Energiselskabet", "onderzoeksbureau").
        Capitalised inside a sentence, the bare word is the head of the name itself ("Banco Europeu de
        Investimento", "Club Brugge"), except in German where every noun is capitalised."""
        if _ends_with_any(t.f, self.rules.org_descriptors):
            return not t.cap or t.sent_start or self.lang in _NOUN_CAPITALISING
        return False

    def _starts_person(self, i: int) -> bool:
        """A given name followed by another name word: "Marek Zieliński-Brzoza" ends an organisation."""
        t = self.toks[i]
        return self.is_given(t) and i + 1 < len(self.toks) and self.toks[i + 1].joined and \
            self.name_cap(self.toks[i + 1]) and not self._is_org_head(self.toks[i + 1])

    def _in_person_run(self, i: int) -> bool:
        """Token i ends a capitalised run that starts with a given name or follows a trigger
        ("Ian Drummond-Smith | of Devon and Cornwall Police")."""
        k = i
        while k > 0 and self.toks[k].joined and self.name_cap(self.toks[k - 1]) and i - k < 4:
            k -= 1
        run = self.toks[k:i + 1]
        return any(self.is_given(t) for t in run[:-1]) or (k > 0 and (self.is_trigger(self.toks[k - 1])
                                                                       or self.is_honorific(self.toks[k - 1])))

    def _add_org(self, a: int, b: int, kind: str, head: int | None = None) -> None:
        toks = self.toks
        span = toks[a:b]
        words = [self.text[t.start:t.end] for t in span]
        if head is not None:  # the head in the nominative: "Institutului" -> "Institutul", "Bundesverbands"
            words[head - a] = self._org_head_nominative(toks[head])
        name = " ".join(words)
        inside = set(range(a, b))
        self.mentions = [m for m in self.mentions if not (m.tokens and set(m.tokens) <= inside)]
        self.add(Mention(ORG, name, span[0].start, span[-1].end, tuple(range(a, b)), kind))
        self._acronym_after(Entry("org", name), b)

    def _org_head_nominative(self, t: Tok) -> str:
        word = self.text[t.start:t.end]
        prev = self.toks[t.i - 1].f if t.i > 0 else ""
        for old, new, after in self.rules.org_head_rewrites:
            if word.casefold().endswith(old) and (not after or prev in after) and len(word) - len(old) >= 3:
                return word[: len(word) - len(old)] + new
        return word

    def pass_unknown_orgs(self) -> None:
        """Organisations nobody listed, from a head word: "Devon and Cornwall Police", "Tribunale di Milano",
        "Autoridade Nacional de Emergência e Proteção Civil", "Deutsche Forschungsgemeinschaft"; in languages
        that write common nouns in lower case, a capitalised institution compound alone ("Energistyrelsen")."""
        toks = self.toks
        for t in toks:
            if t.i in self.used or not self.name_cap(t) or not self._is_org_head(t):
                continue
            if self.is_calendar(t) or self._is_descriptor(t) and t.i + 1 < len(toks) and toks[t.i + 1].joined \
                    and self.name_cap(toks[t.i + 1]):
                continue  # "Oppositiepartij Leefbaar Rotterdam": the descriptor pass names what follows
            a, b = self._extend_org(t.i, t.i + 1)
            span = toks[a:b]
            names = [x for x in span if x.cap and not self._is_org_head(x)]
            if len(span) < 2 or not names:
                alone = len(span) == 1 and self._org_head_suffix(t) and self.lang not in _NOUN_CAPITALISING \
                    and not self._is_descriptor(t)
                if not alone:
                    continue
            self._add_org(a, b, "org_rule", head=t.i)

    def pass_descriptor_orgs(self) -> None:
        """A capitalised name right after a word that says what kind of organisation follows:
        "Energiselskabet Ørsted", "Gruvbolaget LKAB", "grid operator Statnett", "the regulator Ofwat",
        "onderzoeksbureau TNO", "Oppositiepartij Leefbaar Rotterdam", "der Konzern Nordex"."""
        toks = self.toks
        descriptors = self.rules.org_descriptors
        for t in toks[:-1]:
            if not _ends_with_any(t.f, descriptors):
                continue
            i = t.i + 1
            nxt = toks[i]
            if i in self.used or not nxt.joined or not self.name_cap(nxt) or self.is_stop(nxt) \
                    or self.is_trigger(nxt) or self.is_calendar(nxt):
                continue
            if self._starts_person(i) or fold(nxt.text) in self.g.persons_by_fold:
                continue  # "the company's Anna Verbeek", "på sin side Putin": a person
            a, b = self._extend_org(i, i + 1, left=False)
            if any(k in self.used for k in range(a, b)) and not all(k in self.used for k in range(a, b)):
                b = next(k for k in range(a, b) if k in self.used) if a not in self.used else a
            if b > a and not any(k in self.used for k in range(a, b)):
                if b - a == 1 and self.lookup(a, 1, allow_city=True) is not None and not _is_acronym(nxt.text):
                    continue  # "the club Valencia": the place's name, left to the gazetteer passes
                self._add_org(a, b, "descriptor")

    def pass_article_orgs(self) -> None:
        """Spanish, Italian and Portuguese put a masculine article before a club or company, never before a
        person or a town: "El Unicaja derrotó al Baskonia", "il Napoli", "o Porto" (the club)."""
        articles = self.rules.club_articles
        if not articles:
            return
        toks = self.toks
        for t in toks[1:]:
            prev = toks[t.i - 1]
            if t.i in self.used or prev.f not in articles or not t.joined or not self.name_cap(t) \
                    or self.is_stop(t) or self.is_trigger(t) or self.is_calendar(t) or self._starts_person(t.i):
                continue
            a, b = self._extend_org(t.i, t.i + 1, left=False)
            if any(k in self.used for k in range(a, b)):
                continue
            entry = self.lookup(a, b - a, allow_city=True)
            if entry is not None and entry.kind != "city":
                continue  # "el Reino Unido", "la India": countries and regions do take an article
            if b - a == 1 and (self.is_given(t) or self._is_org_head(t)) or fold(t.text) in self.g.persons_by_fold:
                continue  # "il Comune": the generic noun, not a name
            self._add_org(a, b, "article")

    def pass_acronyms(self) -> None:
        """Capitals-only words that name no place are organisations ("LKAB", "TNO", "SVT", "İZSU"), with
        the capitalised words that follow ("IF Metall", "DNB Markets"); an acronym introduced in brackets
        after an organisation's name is that organisation."""
        toks = self.toks
        stop = _shared_words("acronym_stop")
        for t in toks:
            if t.i in self.used or not _is_acronym(t.text) or t.text[-1] == "s" and not t.text.isupper():
                continue
            if t.f in stop or _ROMAN.fullmatch(t.text) or "-" in t.text or len(t.text) > 7:
                continue
            if not any(c.isalpha() for c in t.text[1:]) and not t.text[1:].isdigit():
                continue
            if t.text in self.local_acronyms:
                entry = self.local_acronyms[t.text]
                self.add(Mention(ORG, entry.name, t.start, t.end, (t.i,), "acronym"))
                continue
            if self.lookup(t.i, 1, allow_city=True) is not None:
                continue  # COPENHAGEN in a dateline
            a, b = self._extend_org(t.i, t.i + 1, left=False)
            if b < len(toks) and self.is_trigger(toks[b]):
                b = t.i + 1  # "İZSU Genel Müdürü ...": the capitalised words belong to the role
            self._add_org(a, b, "acronym")

    # -- pass 4: surname-only mentions and acronyms ------------------------------------------
    def pass_surnames(self, persons: dict[str, "PersonRecord"]) -> None:
        index: dict[str, list[PersonRecord]] = {}
        for rec in persons.values():
            for key in rec.keys:
                index.setdefault(key, []).append(rec)
        for t in self.toks:
            if t.i in self.used or not t.cap or self.is_stop(t) or self.is_trigger(t) or len(t.text) < 3:
                continue
            if t.text in self.local_acronyms:
                entry = self.local_acronyms[t.text]
                self.add(Mention(ORG, entry.name, t.start, t.end, (t.i,), "acronym"))
                continue
            if t.text.isupper():
                continue
            rec = None
            for form in self._latin_forms(t):
                for key in (fold(form), "sk:" + skeleton(form)):
                    recs = index.get(key)
                    if recs:
                        rec = max(recs, key=lambda r: (r.last_pos < t.start, r.last_pos if r.last_pos < t.start
                                                       else -r.last_pos))
                        break
                if rec:
                    break
            if rec and (fold(self._latin_forms(t)[0]) in rec.fold_keys or
                        max(jw(f, rec.surname) for f in self._latin_forms(t)) >= SURNAME_JW):
                self.add(Mention(PERSON, rec.name, t.start, t.end, (t.i,), "surname"))

    # -- pass 5: cities ------------------------------------------------------------------------
    def pass_cities(self) -> None:
        toks = self.toks
        self.context_cc = frozenset(self._context_countries())
        for i, t in enumerate(toks):
            if i in self.used or not t.cap or self.is_stop(t) or self.is_trigger(t) or self.is_calendar(t):
                continue
            for n in range(min(4, len(toks) - i), 0, -1):
                if n > 1 and not self.joined(i, i + n):
                    continue
                if any(k in self.used for k in range(i, i + n)):
                    continue
                if not toks[i + n - 1].cap:
                    continue
                entry = self.lookup(i, n, allow_city=True)
                if entry is None:
                    continue
                if entry.kind == "city" and not self._location_like(i, i + n, entry):
                    break
                self._add_entry(entry, i, i + n, "city")
                break

    def _context_countries(self) -> set[str]:
        """Countries of the article: named countries, and the countries of towns whose name is unambiguous."""
        out = {e.cc for m in self.mentions if m.type == LOC for e in [self._entry_of.get(m.name)] if e and e.cc}
        for t in self.toks:
            if t.i in self.used or not t.cap or len(t.text) < 4:
                continue
            cands = self.g.exact.get((t.f,), ())
            ccs = {c.cc for c in cands if c.kind == "city"}
            if len(ccs) == 1 and all(c.kind == "city" for c in cands) and max(c.population for c in cands) >= 100_000:
                out |= ccs
        return out

    def pass_place_heads(self) -> None:
        """Places named with a kind-of-place word: "serra da Estrela" -> Serra da Estrela, "place Stanislas"
        -> Place Stanislas, "rio Douro" -> Douro (rivers go by their name alone), "Новосибирской области"
        -> Novosibirsk Oblast."""
        toks = self.toks
        kept, dropped = self.rules.place_heads, self.rules.place_heads_dropped
        any_kept = _in_any_language("place_heads")
        particles = _shared_words("name_particles")
        for t in toks:
            if t.i in self.used or not (t.f in kept or t.f in dropped or (t.cap and t.f in any_kept)):
                continue
            k = t.i + 1
            while k < len(toks) and toks[k].joined and toks[k].f in particles and not toks[k].cap and k - t.i <= 2:
                k += 1
            b = k
            while b < len(toks) and toks[b].joined and b - k < 5 and b not in self.used:
                q = toks[b]
                if self.name_cap(q) and not self.is_stop(q) and not self.is_calendar(q):
                    b += 1
                elif q.f in particles and q.f not in _COORDINATORS and b > k and b + 1 < len(toks) \
                        and toks[b + 1].joined and self.name_cap(toks[b + 1]) and b + 1 not in self.used:
                    b += 2  # "Vila Nova de Gaia", "Kop van Zuid"
                else:
                    break
            if b == k:
                continue
            whole = t.f not in dropped
            entry = self.lookup(t.i, b - t.i, allow_city=True) if whole else self.lookup(k, b - k, allow_city=True)
            if entry is not None and entry.type == LOC:
                self._add_entry(entry, t.i if whole else k, b, "place_head")
                continue
            if t.f in dropped:
                name, a = self.text[toks[k].start:toks[b - 1].end], k
            else:
                body = self.text[t.start:toks[b - 1].end]
                name, a = body[:1].upper() + body[1:], t.i
            self.add(Mention(LOC, " ".join(name.split()), toks[a].start, toks[b - 1].end, tuple(range(a, b)),
                             "place_head"))
        self._oblasts()

    def _oblasts(self) -> None:
        """Russian and Ukrainian regions named by an adjective of their capital: "Новосибирской области"."""
        nouns = self.rules.region_nouns
        if not nouns:
            return
        for t in self.toks[:-1]:
            nxt = self.toks[t.i + 1]
            if t.i in self.used or not t.cap or nxt.f not in nouns or not nxt.joined:
                continue
            low = t.text.casefold()
            for ending in ("ской", "ская", "ского", "скому", "ском", "скую", "ська", "ської", "ській", "ську"):
                if low.endswith(ending):
                    city = t.text[: len(t.text) - len(ending)] + "ск"
                    entry = self._lookup_single(Tok(t.i, t.start, t.end, city, t.start, t.end, True, False, True,
                                                    "", fold(city))) or self._city_by_name(city)
                    if entry is not None and entry.kind == "city":
                        self.add(Mention(LOC, f"{entry.name} Oblast", t.start, nxt.end, (t.i, t.i + 1), "oblast"))
                    break

    def _city_by_name(self, word: str) -> Entry | None:
        cands = [c for c in self.g.exact.get((fold(word),), ()) if c.kind == "city"]
        return max(cands, key=Entry.rank) if cands else None

    def pass_unknown_places(self) -> None:
        """A capitalised name nobody listed, right after a locative preposition of the article's language
        ("perto de Manteigas" is not, "near Manteigas", "i Malmberget", "a Gondomar" are). Only where common
        nouns are written in lower case and names are not declined, and only for words that are nothing else:
        not a given name, a role, a month, an acronym or a word the article also writes in lower case."""
        if self.lang in _NOUN_CAPITALISING or self.lang in _DECLINING or not self.rules.place_preps:
            return
        toks = self.toks
        particles = _shared_words("name_particles")
        named = {fold(m.surface(self.text)) for m in self.mentions if m.type != LOC} | \
            {fold(w) for m in self.mentions if m.type == PERSON for w in m.raw}
        loc_ends = {m.tokens[-1] for m in self.mentions if m.type == LOC and m.tokens}
        for t in toks:
            if t.i in self.used or t.i < 2 or not self.name_cap(t) or t.sent_start or not t.joined:
                continue
            prev = toks[t.i - 1]
            if prev.f in _ARTICLES and prev.joined:  # "op de Kop van Zuid", "in the Thames Valley"
                prev = toks[t.i - 2]
            coordinated = prev.f in _COORDINATORS and prev.i - 1 in loc_ends  # "i Kiruna och Malmberget"
            if (prev.f not in self.rules.place_preps and not coordinated) or prev.i in self.used:
                continue
            if t.f in named:
                continue  # "Shares in Orsted": the company named earlier
            if prev.i >= 1 and any(prev.i - 1 in m.tokens for m in self.mentions if m.type == PERSON):
                continue  # "Linda Ekeberg i Statnett": a person's employer, not a place
            if any(c.isupper() for c in t.text[1:]):
                continue  # "LaLiga", "WhatsApp": brands, not places
            if self.is_stop(t) or self.is_trigger(t) or self.is_calendar(t) or self.is_given(t) or _is_acronym(t.text) \
                    or len(t.text) < 3 or t.f in self.lower_words or self._is_org_head(t) or self._is_descriptor(t):
                continue
            b = t.i + 1
            while b < len(toks) and toks[b].joined and b - t.i < 4:
                if self.name_cap(toks[b]) and b not in self.used and not self.is_stop(toks[b]):
                    b += 1
                elif toks[b].f in particles and toks[b].f not in _COORDINATORS and b + 1 < len(toks) \
                        and toks[b + 1].joined and self.name_cap(toks[b + 1]):
                    b += 2
                else:
                    break
            name = " ".join(self.text[t.start:toks[b - 1].end].split())
            self.add(Mention(LOC, name, t.start, toks[b - 1].end, tuple(range(t.i, b)), "after_prep"))
            loc_ends.add(b - 1)

    def _location_like(self, a: int, b: int, entry: Entry) -> bool:
        """A city name only where it is not part of a longer name ('Vladimir Putin', 'Anna Lund'),
        not a capitalised noun ('ein Ende'), and not a short foreign alias opening a sentence ('Ceny')."""
        toks = self.toks
        first = toks[a]
        if a > 0 and toks[a - 1].f in self.rules.noun_markers and b - a == 1:
            return False
        if a > 0 and toks[a - 1].f in self.rules.thing_prefixes and first.joined:
            return False
        if b - a == 1 and first.sent_start and not entry.main and len(first.text) < 5:
            return False
        nxt = toks[b] if b < len(toks) else None
        prev = toks[a - 1] if a > 0 else None
        suffixed = toks[b - 1].end < toks[b - 1].full_end  # "Moskova'da": a case suffix ends the name
        if nxt is not None and not suffixed and nxt.joined and nxt.cap and b not in self.used and not (
                self.is_stop(nxt) or self.is_trigger(nxt) or self.is_given(nxt)):
            return False
        if prev is not None and first.joined and (self.is_given(prev) or self.is_honorific(prev)) and \
                (a - 1) not in self.used:
            return False
        if b - a == 1:
            if first.f in self.g.common_given:
                return prev is not None and prev.f in self.rules.loc_preps
            if first.sent_start and first.f in self.lower_words:
                return False
        return True


# Connectors that are locative prepositions in some languages (Spanish "en", Norwegian "i").
_LOCATIVE_CONNECTORS = frozenset({"en", "in", "i", "à"})
# Articles that may stand between a preposition and a place's name.
_ARTICLES = frozenset({"de", "het", "the", "la", "le", "el", "il", "den", "det"})
# Coordinating words an organisation's name may span leftwards ("Devon and Cornwall Police").
_COORDINATORS = frozenset({"and", "&", "und", "og", "och", "en", "et", "y", "e", "i", "și", "ve", "и", "і", "та"})


@lru_cache(maxsize=200_000)
def _ends_with_any(word: str, endings: frozenset[str] | tuple[str, ...], exact: bool = True) -> bool:
    """The word is one of `endings` (when `exact`) or a compound ending in one with at least 3 letters
    before it. Cached: called for every token by several passes."""
    return any((exact and word == e) or (word.endswith(e) and len(word) >= len(e) + 3) for e in endings)


@lru_cache(maxsize=None)
def _in_any_language(attr: str) -> frozenset[str]:
    """One word set of the language rules, over every language: a capitalised "Serra" or "Sierra"
    opens a place's name, and "Präsident" is a role word, in any text."""
    return frozenset().union(*(getattr(lang_rules(lang), attr) for lang in LANGS))


@lru_cache(maxsize=None)
def _shared_words(key: str) -> frozenset[str]:
    """A word list of the [all] table of languages.toml, folded: acronyms that are not organisations
    (CEO, GDP, TV, units, currencies), name particles, organisation connectors."""
    return frozenset(fold(w) for w in _load_toml("languages.toml")["all"][key])


# Languages that decline names (a place after a preposition is not in its nominative form).
_DECLINING = frozenset({"pl", "ru", "uk", "tr", "ro"})
# Languages that capitalise every noun: a capitalised compound alone is not yet a name.
_NOUN_CAPITALISING = frozenset({"de"})
_ROMAN = re.compile(r"[IVXLC]+")
# Languages whose surnames are often two words joined by a particle (Souto de Moura, Lo Presti).
_COMPOUND_SURNAME_LANGS = frozenset({"pt", "es", "it", "fr", "ro"})
# Capitalised particles that still belong to a surname ("Van der Linden", "Lo Presti", "de La Vallière").
_SURNAME_PARTICLES_CAP = frozenset({"van", "von", "de", "da", "di", "del", "della", "lo", "la", "le", "li", "du", "der",
                                    "den", "ten", "ter", "dos", "das", "do"})


# ---------------------------------------------------------------------------------------------
# canonical person names


@dataclass
class PersonRecord:
    name: str
    surname: str
    keys: set[str]
    fold_keys: set[str]
    last_pos: int


def _is_acronym(word: str) -> bool:
    """All capitals, possibly a plural or genitive "s" ("NTB", "MPs", "USAs"): never a person's name."""
    core = word[:-1] if len(word) > 2 and word[-1] == "s" else word
    return len(core) >= 2 and core.isupper()


def looks_slavic(first: str, last: str) -> bool:
    """A Slavic surname ending, or a Slavic given name in a foreign spelling ("Witalij Kowal")."""
    endings = _translit()["slavic_surname_endings"]
    f_last = fold(last)
    if any(f_last.endswith(e) and len(f_last) > len(e) + 2 for e in endings):
        return True
    f_first = fold(first)
    return len(f_first) >= 5 and f_first.endswith(("ij", "yj", "ij")) and skeleton(first) in _slavic_given_skeletons()


@lru_cache(maxsize=1)
def _slavic_given_skeletons() -> dict[str, list[str]]:
    given = _load_toml("names.toml")["given"]
    start = given.index("Aleksandr")
    out: dict[str, list[str]] = {}
    for n in given[start:given.index("Aleksandar") + 1]:
        out.setdefault(skeleton(n), []).append(n)
    return out


def _respell(word: str, lang: str) -> str:
    rules = _translit()["respell"].get(lang, [])
    lower = word.lower()
    out = _apply_rules(lower, [tuple(r) for r in rules])
    return out


def _titlecase(word: str) -> str:
    return "-".join(p[:1].upper() + p[1:] for p in word.split("-"))


def nominative_name(tokens: list[str], lang: str, g: "Gazetteer") -> list[str]:
    """Undo the case ending of a declined name ("Czesławem Siekierskim" -> "Czesław Siekierski",
    "Іллі Рєпіна" -> "Ілля Рєпін"). Evidence first: the given name must become a known given name by
    one of the language's `given_case_rewrites`; only then is the surname rewritten by
    `surname_case_rewrites` (a feminine "Мисліна" or "Kowalska" in the nominative stays as it is)."""
    rules = _load_toml("languages.toml").get(lang, {})
    given_rw, surname_rw = rules.get("given_case_rewrites"), rules.get("surname_case_rewrites")
    if len(tokens) < 2 or not given_rw:
        return tokens

    def known(word: str) -> bool:
        latin = transliterate(word, lang) if _CYRILLIC.search(word) else word
        return fold(latin) in g.given_names or (bool(_CYRILLIC.search(word)) and skeleton(latin) in g.given_skeletons)

    first = tokens[0]
    if known(first):
        return tokens
    for old, new in given_rw:
        low = first.casefold()
        if low.endswith(old) and len(low) - len(old) >= 2:
            cand = first[: len(first) - len(old)] + new
            if known(cand):
                break
    else:
        return tokens
    last = tokens[-1]
    for old, new in surname_rw or []:
        if last.casefold().endswith(old) and len(last) - len(old) >= 3:
            last = last[: len(last) - len(old)] + new
            break
    return [cand, *tokens[1:-1], last]


# Letters of Latin-script Slavic and Baltic spellings: such a name is already in its own form
# (Czesław, Paweł, Šimečka) and is never respelled as if it were a transliteration.
_NATIVE_SLAVIC_LETTERS = frozenset("łśźżćńąęčšžřěůďťľĺŕėųū")


def english_person_name(tokens: list[str], lang: str) -> str:
    """Build the usual English form of a name nobody listed: transliterate Cyrillic, respell Slavic
    names written by the conventions of another language (Juri Uschakow -> Yuri Ushakov)."""
    words = [transliterate(t, lang) if _CYRILLIC.search(t) else t for t in tokens]
    cyrillic = bool(_CYRILLIC.search("".join(tokens)))
    native = not cyrillic and bool(_NATIVE_SLAVIC_LETTERS & set("".join(tokens).casefold()))
    if len(words) >= 2 and not native and (cyrillic or looks_slavic(words[0], words[-1])):
        src = lang if not cyrillic else "en"
        first = _respell(words[0], src) if src != "en" else words[0].lower()
        # Ukrainian names keep the national transliteration (Ihor, Valentyna), not the Russian form
        ukrainian = cyrillic and (lang == "uk" or bool(_UK_LETTERS.search("".join(tokens))))
        canon_first = _titlecase(first) if ukrainian else _canonical_given(first)
        last = _respell(words[-1], src) if src != "en" else words[-1].lower()
        last = _apply_rules(last, [tuple(r) for r in _translit()["surname_finals"]])
        middle = [w for w in words[1:-1]]
        words = [canon_first, *middle, _titlecase(last)]
    particles = _shared_words("name_particles")
    return " ".join(w if fold(w) in particles else (w[:1].upper() + w[1:]) for w in words)


def _canonical_given(first: str) -> str:
    cands = _slavic_given_skeletons().get(skeleton(first))
    if not cands:
        return _titlecase(first)
    return max(cands, key=lambda c: jw(c, first))


# ---------------------------------------------------------------------------------------------
# public functions


def extract_entities(article: dict) -> list[dict]:
    """Entity rows of one article: {article_id, type, name, surface, start_char, end_char}, one per mention."""
    a = _Article(article)
    if not a.text.strip():
        return []
    a.pass_gazetteer()
    a.pass_unknown_orgs()
    a.pass_descriptor_orgs()
    a.pass_article_orgs()
    a.pass_acronyms()
    a.pass_place_heads()
    a.pass_persons()
    persons = _resolve_persons(a)
    a.pass_surnames(persons)
    a.pass_cities()
    a.pass_unknown_places()
    return _rows(a)


def _resolve_persons(a: _Article) -> dict[str, PersonRecord]:
    """Give every person mention its canonical name; link single words to full names of the article."""
    full = [m for m in a.mentions if m.type == PERSON and m.kind == "full"]
    records: dict[str, PersonRecord] = {}
    # unknown full names: the same person may appear in several case forms; group by surname skeleton
    for m in full:
        if not m.name:
            m.name = english_person_name(nominative_name(list(m.raw), a.lang, a.g), a.lang)
    # longer names first, so that "Quintela Bastos" and "Van der Linden" find "Helena Quintela Bastos"
    # and "Saskia van der Linden" whatever their order in the text; ties keep the text order
    for m in sorted(full, key=lambda m: -len(m.tokens)):
        rec = next((other for other in records.values() if _same_person(m.last, m.first, other)
                    or _is_name_tail(m.name, other.name)), None)
        if rec is None:
            surname = m.name.split()[-1]
            rec = PersonRecord(m.name, surname, set(), set(), m.start)
            records[m.name] = rec
        else:
            m.name = rec.name
        for form in {m.last, m.name.split()[-1]}:
            rec.keys.update({fold(form), "sk:" + skeleton(form)})
            rec.fold_keys.add(fold(form))
        for form in a._latin_forms(a.toks[m.tokens[-1]]):
            rec.keys.update({fold(form), "sk:" + skeleton(form)})
            rec.fold_keys.add(fold(form))
        # every surname of a compound surname names the person alone ("Fernández" for Jaime Fernández
        # Bernabé); given names and particles do not
        for k in m.tokens[1:-1]:
            t = a.toks[k]
            if t.f not in _shared_words("name_particles") and not a.is_given(t) and len(t.text) >= 3:
                rec.keys.update({fold(t.text), "sk:" + skeleton(t.text)})
                rec.fold_keys.add(fold(t.text))
        rec.last_pos = max(rec.last_pos, m.start)
    # single words with evidence: a full name of the article, else a well-known person, else as written
    for m in [m for m in a.mentions if m.type == PERSON and m.kind == "single"]:
        rec = _find_record(a, m, records)
        if rec:
            m.name = rec.name
            continue
        known = _known_by_surname(a, a.toks[m.tokens[0]])
        m.name = known.name if known else english_person_name(list(m.raw), a.lang).split()[-1]
        if known and known.name not in records:
            kp_last = known.last
            records[known.name] = PersonRecord(known.name, kp_last, {fold(kp_last), "sk:" + skeleton(kp_last)},
                                               {fold(kp_last)}, m.start)
    return records


def _is_name_tail(short: str, long: str) -> bool:
    """'Quintela Bastos' is the tail of 'Helena Quintela Bastos', 'Van der Linden' of 'Saskia van der Linden':
    a later mention by the compound surname alone."""
    s, lg = [fold(w) for w in short.split()], [fold(w) for w in long.split()]
    return 2 <= len(s) < len(lg) and lg[-len(s):] == s


def _same_person(last: str, first: str, rec: PersonRecord) -> bool:
    rec_parts = rec.name.split()
    s_ok = jw(last, rec.surname) >= SURNAME_JW or skeleton(last) == skeleton(rec.surname)
    if not s_ok:
        return False
    f_ok = jw(first, rec_parts[0]) >= FIRSTNAME_JW or skeleton(first) == skeleton(rec_parts[0])
    return f_ok


def _find_record(a: _Article, m: Mention, records: dict[str, PersonRecord]) -> PersonRecord | None:
    forms = a._latin_forms(a.toks[m.tokens[0]])
    for rec in records.values():
        if any(fold(f) in rec.fold_keys or jw(f, rec.surname) >= SURNAME_JW or skeleton(f) == skeleton(rec.surname)
               for f in forms):
            return rec
    return None


def _known_by_surname(a: _Article, t: Tok) -> KnownPerson | None:
    """'Mr Putin' with no full name in the article: the well-known person, when the surname is unique."""
    g = a.g
    for form in a._latin_forms(t):
        cands = g.persons_by_fold.get(fold(form), [])
        if len(cands) == 1 and cands[0].first == cands[0].last:  # alias such as "Lula"
            return cands[0]
        cands = [kp for kp in cands if kp.first != kp.last]
        if len(cands) == 1 and len(fold(form)) >= 4:
            return cands[0]
    return None


def _rows(a: _Article) -> list[dict]:
    ms = sorted(a.mentions, key=lambda m: (m.start, -(m.end - m.start)))
    out: list[dict] = []
    last_end = -1
    for m in ms:
        if m.start < last_end or not m.name:
            continue
        out.append({"article_id": a.article.get("article_id"), "type": m.type, "name": m.name,
                    "surface": a.text[m.start:m.end], "start_char": m.start, "end_char": m.end})
        last_end = m.end
    return out


def extract_entities_batch(articles: list[dict]) -> list[dict]:
    """Stage function: entity rows of every article, in article order."""
    rows: list[dict] = []
    for art in articles:
        rows += extract_entities(art)
    return rows


def resolve_person(name: str, lang: str = "en") -> str:
    """Canonical English form of a person's name as written in `lang` (any script).

    A well-known person matched by rule gives the listed name ("Juri Uschakow" -> "Yuri Ushakov");
    otherwise the English form is built by transliteration and respelling rules.
    """
    art = _Article({"text_clean": name, "lang": lang, "article_id": None})
    toks = [t for t in art.toks if t.cap]
    if not toks:
        return name
    known = art.known_person(toks) if len(toks) >= 2 else _known_by_surname(art, toks[0])
    if known:
        return known.name
    return english_person_name([t.text for t in toks], lang)


def resolve_location(name: str, lang: str = "en") -> str | None:
    """Canonical English name of a place as written in `lang` ("Kiew" -> "Kyiv", "Russlands" -> "Russia")."""
    art = _Article({"text_clean": name, "lang": lang, "article_id": None})
    n = len(art.toks)
    if not n:
        return None
    entry = art.lookup(0, n, allow_city=True)
    return entry.name if entry and entry.type == LOC else None


def resolve_organization(name: str, lang: str = "en") -> str | None:
    """Canonical English name of a listed organisation ("Weißen Hauses" -> "White House")."""
    art = _Article({"text_clean": name, "lang": lang, "article_id": None})
    n = len(art.toks)
    if not n:
        return None
    entry = art.lookup(0, n, allow_city=False)
    return entry.name if entry and entry.type == ORG else None


def same_person(a: str, b: str) -> bool:
    """Whether two canonical-or-not person names denote the same person by the reference's rule."""
    pa, pb = a.split(), b.split()
    if not pa or not pb:
        return False
    if _is_name_tail(a, b) or _is_name_tail(b, a):
        return True
    s_ok = jw(pa[-1], pb[-1]) >= SURNAME_JW or skeleton(pa[-1]) == skeleton(pb[-1])
    if not s_ok:
        return False
    if len(pa) == 1 or len(pb) == 1:
        return True
    return jw(pa[0], pb[0]) >= FIRSTNAME_JW or skeleton(pa[0]) == skeleton(pb[0])
