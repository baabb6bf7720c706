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
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rapidfuzz.distance import JaroWinkler
from unidecode import unidecode

RULES_DIR = Path(__file__).parent / "rules" / "entities"
LANGS = ("nb", "nn", "da", "sv", "de", "nl", "fr", "es", "it", "pt", "pl", "ro", "tr", "ru", "uk", "en")
PERSON, ORG, LOC = "person", "organization", "location"

# Priority when one key names several things: organisations, then countries, regions, cities.
_PRIO = {"org": 4, "country": 3, "region": 2, "city": 1}
# A region loses to a city of the same name only when the city is this big (Washington, New York).
BIG_CITY = 500_000
MAX_KEY_TOKENS = 8
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


@lru_cache(maxsize=None)
def _load_toml(name: str) -> dict:
    path = RULES_DIR / name
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"entity rules file {path} is not valid TOML: {exc}") from None


@lru_cache(maxsize=None)
def _calendar_words() -> frozenset[str]:
    """Month and weekday names of every pipeline language, from CLDR (never names of people or places)."""
    from babel import Locale

    words: set[str] = set()
    for lang in LANGS:
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
            entry = Entry(entry.kind, entry.name, entry.population, short=alias, main=entry.main)
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
                                  if not (entry.kind == "city" and entry.population < 100_000)]
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
    entries = {code: Entry("country", names.get(code, english[code])) for code in wanted}
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
        entry = Entry("city", _city_name(name, cc), pop)
        alt_entry = Entry("city", entry.name, pop, main=False)
        for alias in [name, *alts]:
            if len(alias) <= 3 or fold(alias) in never:
                continue
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
    g.given_names = frozenset(fold(n) for n in given)
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

    # -- helpers -------------------------------------------------------------------------------
    def is_stop(self, t: Tok) -> bool:
        return t.f in self.rules.stopwords or t.f.rstrip(".") in self.rules.honorifics or t.f in self.rules.role_words

    def is_calendar(self, t: Tok) -> bool:
        """Month or weekday name (Theresa May keeps her surname: only leading words are checked)."""
        return t.f in _calendar_words()

    def is_trigger(self, t: Tok) -> bool:
        f = t.f
        if f in self.rules.triggers or stem(f, self.rules) in self.rules.triggers:
            return True
        tail = f.rsplit("-", 1)[-1]
        if tail != f and (tail in self.rules.triggers or tail in _all_trigger_words()):
            return True
        return any(f.endswith(s) and len(f) > len(s) + 2 for s in self.rules.trigger_suffixes)

    def is_honorific(self, t: Tok) -> bool:
        return t.f.rstrip(".") in self.rules.honorifics

    def is_given(self, t: Tok) -> bool:
        if not t.cap or t.text.isupper():
            return False
        f = fold(transliterate(t.text, self.lang)) if _CYRILLIC.search(t.text) else t.f
        if f in self.g.given_names:
            return not (t.sent_start and f in self.lower_words)
        if _CYRILLIC.search(t.text) or self.lang in ("pl", "ro", "tr"):
            # inflected or transliterated forms: compare skeletons against the given-name list
            for form in word_variants(t.text, self.rules):
                latin = transliterate(form, self.lang) if _CYRILLIC.search(form) else form
                if len(latin) >= 4 and skeleton(latin) in self.g.given_skeletons:
                    return True
        return False

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
        cands = [c for c in cands if (allow_city or c.kind != "city") and self._case_ok(c, toks)]
        if not cands:
            return None
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

    def _lookup_single(self, t: Tok) -> Entry | None:
        saved = self.toks
        try:
            self.toks = [t]
            return self.lookup(0, 1, allow_city=False)
        finally:
            self.toks = saved

    def _add_entry(self, entry: Entry, a: int, b: int, kind: str) -> None:
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
        particles = _particles()
        for t in self.toks:
            ok = t.i not in self.used and (t.cap or (t.f in particles and cur))
            if ok and cur and not t.joined:
                ok = False
                out.append(cur)
                cur = []
                if t.i not in self.used and t.cap:
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
        while name and (self.is_stop(name[-1]) or not name[-1].cap):
            name = name[:-1]
        if not name:
            return
        if any(t.f in self.rules.org_heads for t in name):
            return  # "National Hurricane Center said": an organisation, left to the organisation pass
        particles = _particles()
        if any((self.is_stop(t) and not (0 < k < len(name) - 1 and t.f in particles)) or self.is_trigger(t)
               for k, t in enumerate(name)):
            return
        if len(name) == 1 and self.is_calendar(name[0]):
            return
        first = name[0]
        evidence = trigger or self.evidence_before(first.i)
        if len(name) >= 2:
            known = self.known_person(name)
            if known or self.is_given(name[0]) or evidence or self.evidence_after(name[-1].i):
                self._add_person(name, known, "full")
            return
        # a single word: needs evidence; a place or organisation after a speech verb stays what it is
        t = name[0]
        if not evidence or t.text.isupper() or len(t.text) < 2:
            return
        prev = self.toks[t.i - 1] if t.i > 0 else None
        titled = trigger or (prev is not None and (self.is_trigger(prev) or self.is_honorific(prev)))
        if not titled and self.lookup(t.i, 1, allow_city=True):
            return
        self._add_person([t], None, "single")

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
                initial = any(fold(f)[:1] == fold(kp.first)[:1] for f in first_forms)
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
    def pass_unknown_orgs(self) -> None:
        heads = self.rules.org_heads
        connectors = _org_connectors()
        toks = self.toks
        for t in toks:
            if t.i in self.used or not t.cap or t.f not in heads:
                continue
            a = t.i
            loc_tokens = {k for m in self.mentions if m.type == LOC for k in m.tokens}
            free = lambda k: k not in self.used or k in loc_tokens  # noqa: E731
            while a - 1 >= 0 and toks[a].joined and free(a - 1):
                p = toks[a - 1]
                if p.cap and not self.is_stop(p) and not self.is_trigger(p):
                    a -= 1
                elif p.f in connectors and a - 2 >= 0 and toks[a - 1].joined and toks[a - 2].cap \
                        and free(a - 2) and not self.is_stop(toks[a - 2]):
                    a -= 2
                else:
                    break
            b = t.i + 1
            while b < len(toks) and toks[b].joined and free(b):
                q = toks[b]
                if q.cap and not self.is_stop(q):
                    b += 1
                elif q.f in connectors and b + 1 < len(toks) and toks[b + 1].joined and toks[b + 1].cap \
                        and free(b + 1):
                    b += 2
                else:
                    break
            span = toks[a:b]
            names = [x for x in span if x.cap and x.f not in heads]
            if len(span) < 2 or not names:
                continue
            surface = self.text[span[0].start:span[-1].end]
            name = " ".join(surface.split())
            inside = set(range(a, b))
            self.mentions = [m for m in self.mentions if not (m.type == LOC and set(m.tokens) <= inside and m.tokens)]
            self.add(Mention(ORG, name, span[0].start, span[-1].end, tuple(range(a, b)), "org_rule"))
            entry = Entry("org", name)
            self._acronym_after(entry, b)

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
        for i, t in enumerate(toks):
            if i in self.used or not t.cap or self.is_stop(t) or self.is_trigger(t):
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
            if first.f in self.g.given_names:
                return prev is not None and prev.f in self.rules.loc_preps
            if first.sent_start and first.f in self.lower_words:
                return False
        return True


@lru_cache(maxsize=1)
def _particles() -> frozenset[str]:
    return frozenset(fold(p) for p in _load_toml("languages.toml")["all"]["name_particles"])


@lru_cache(maxsize=1)
def _org_connectors() -> frozenset[str]:
    return frozenset(fold(p) for p in _load_toml("languages.toml")["all"]["org_connectors"])


@lru_cache(maxsize=1)
def _all_trigger_words() -> frozenset[str]:
    out: set[str] = set()
    for lang in LANGS:
        out |= lang_rules(lang).triggers
    return frozenset(out)


# ---------------------------------------------------------------------------------------------
# canonical person names


@dataclass
class PersonRecord:
    name: str
    surname: str
    keys: set[str]
    fold_keys: set[str]
    last_pos: int


def looks_slavic(first: str, last: str) -> bool:
    endings = _translit()["slavic_surname_endings"]
    f_last = fold(last)
    return any(f_last.endswith(e) and len(f_last) > len(e) + 2 for e in endings)


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


def english_person_name(tokens: list[str], lang: str) -> str:
    """Build the usual English form of a name nobody listed: transliterate Cyrillic, respell Slavic
    names written by the conventions of another language (Juri Uschakow -> Yuri Ushakov)."""
    words = [transliterate(t, lang) if _CYRILLIC.search(t) else t for t in tokens]
    if len(words) >= 2 and (_CYRILLIC.search("".join(tokens)) or looks_slavic(words[0], words[-1])):
        src = lang if not _CYRILLIC.search("".join(tokens)) else "en"
        first = _respell(words[0], src) if src != "en" else words[0].lower()
        canon_first = _canonical_given(first)
        last = _respell(words[-1], src) if src != "en" else words[-1].lower()
        last = _apply_rules(last, [tuple(r) for r in _translit()["surname_finals"]])
        middle = [w for w in words[1:-1]]
        words = [canon_first, *middle, _titlecase(last)]
    particles = _particles()
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
    a.pass_persons()
    persons = _resolve_persons(a)
    a.pass_unknown_orgs()
    a.pass_surnames(persons)
    a.pass_cities()
    return _rows(a)


def _resolve_persons(a: _Article) -> dict[str, PersonRecord]:
    """Give every person mention its canonical name; link single words to full names of the article."""
    full = [m for m in a.mentions if m.type == PERSON and m.kind == "full"]
    records: dict[str, PersonRecord] = {}
    # unknown full names: the same person may appear in several case forms; group by surname skeleton
    for m in full:
        if not m.name:
            m.name = english_person_name(list(m.raw), a.lang)
    # merge unknown names whose surname and first name match by rule onto the first one seen
    for m in full:
        rec = None
        for other in records.values():
            if _same_person(m.last, m.first, other):
                rec = other
                break
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
    s_ok = jw(pa[-1], pb[-1]) >= SURNAME_JW or skeleton(pa[-1]) == skeleton(pb[-1])
    if not s_ok:
        return False
    if len(pa) == 1 or len(pb) == 1:
        return True
    return jw(pa[0], pb[0]) >= FIRSTNAME_JW or skeleton(pa[0]) == skeleton(pb[0])
