"""The rule and alias data (tasks/rules/entities/*.toml, CLDR through Babel), loaded once per process."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from runtime.compiled import content_key, load_compiled_part
from tasks.entities.data import LANGS, LOC, ORG, RULES_DIR, _load_toml, table_languages
from tasks.entities.names import fold, skeleton, stem
from tasks.entities.tokens import alias_words
from tasks.entities.towns import Towns, read_towns

# Priority when one key names several things: organisations, then countries, regions, cities.
_PRIO = {"org": 4, "country": 3, "region": 2, "city": 1}
# Declined forms of town names are indexed from this size on ("из Дубны" -> Dubna).
STEM_MIN_POPULATION = 50_000
# A region loses to a city of the same name only when the city is this big (Washington, New York).
BIG_CITY = 500_000
MAX_KEY_TOKENS = 8


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
    noun_suffixes: tuple[str, ...] = ()  # endings of nouns no name has, where every noun has a capital
    named_after: frozenset[str] = frozenset()  # "calle", "estadio": a street or building named after a person
    role_words: frozenset[str] = frozenset()
    thing_prefixes: frozenset[str] = frozenset()
    org_suffixes: tuple[str, ...] = ()
    org_descriptors: frozenset[str] = frozenset()
    org_modifiers: frozenset[str] = frozenset()
    org_head_rewrites: tuple[tuple[str, str, frozenset[str]], ...] = ()
    place_heads: frozenset[str] = frozenset()
    place_heads_dropped: frozenset[str] = frozenset()
    town_heads: frozenset[str] = frozenset()  # "staden", "gminy": a small town's name may follow
    place_preps: frozenset[str] = frozenset()
    region_nouns: frozenset[str] = frozenset()
    adjective_endings: tuple[str, ...] = ()
    club_articles: frozenset[str] = frozenset()
    event_words: frozenset[str] = frozenset()  # prizes and competitions (a word, or a compound's end)
    sport_words: frozenset[str] = frozenset()  # words only a sports report uses: where a club article is read


@lru_cache(maxsize=None)
def _calendar_words(lang: str | None = None) -> frozenset[str]:
    """Month and weekday names from CLDR (never names of people or places): of one language and
    English when `lang` is given (an Italian "Marco" is a name, the Portuguese month "março" folds to
    the same word), of every pipeline language otherwise."""
    import babel.localedata
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
    babel.localedata._cache.clear()  # every locale's CLDR data (about 1 MB each): only these names are kept
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
        noun_suffixes=tuple(fold(w) for w in own.get("noun_suffixes", [])),
        named_after=frozenset(fold(w) for w in own.get("named_after", [])),
        role_words=frozenset(fold(w) for w in common.get("role_words", [])),
        thing_prefixes=frozenset(fold(w) for w in common.get("thing_prefixes", [])),
        org_suffixes=tuple(fold(w) for w in words("org_suffixes")),
        org_descriptors=frozenset(fold(w) for w in words("org_descriptors", include_en=True)),
        org_modifiers=frozenset(fold(w) for w in own.get("org_modifiers", [])),
        place_heads=frozenset(fold(w) for w in own.get("place_heads", [])),
        place_heads_dropped=frozenset(fold(w) for w in own.get("place_heads_dropped", [])),
        town_heads=frozenset(fold(w) for w in own.get("town_heads", [])),
        place_preps=frozenset(fold(w) for w in own.get("place_preps", [])),
        region_nouns=frozenset(fold(w) for w in own.get("region_nouns", [])),
        adjective_endings=tuple(sorted(own.get("adjective_endings", []), key=len, reverse=True)),
        club_articles=frozenset(fold(w) for w in own.get("club_articles", [])),
        event_words=frozenset(fold(w) for w in own.get("event_words", [])),
        sport_words=frozenset(fold(w) for w in own.get("sport_words", [])),
        org_head_rewrites=tuple((old, new, frozenset(fold(x) for x in after))
                                for old, new, *rest in own.get("org_head_rewrites", [])
                                for after in [rest[0] if rest else []]),
    )


@dataclass(frozen=True, slots=True)
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
    # one-word aliases listed in lower case: the language writes the institution so ("riksdagen")
    lower_words: set[str] = field(default_factory=set)
    given_names: frozenset[str] = frozenset()
    common_given: frozenset[str] = frozenset()  # the hand list: names so common that they outrank a town
    given_skeletons: dict[str, list[str]] = field(default_factory=dict)
    persons: list["KnownPerson"] = field(default_factory=list)
    persons_by_skeleton: dict[str, list["KnownPerson"]] = field(default_factory=dict)
    persons_by_fold: dict[str, list["KnownPerson"]] = field(default_factory=dict)
    surname_count: dict[str, int] = field(default_factory=dict)
    persons_by_initial: dict[str, list["KnownPerson"]] = field(default_factory=dict)
    clubs: frozenset[str] = frozenset()  # the sports clubs' names (clubs.toml): a report naming one is about sport
    club_words: frozenset[str] = frozenset()  # folded words of their names ("tromsø" of Tromsø IL)
    stem_cache: dict[str, dict[tuple[str, ...], list[Entry]]] = field(default_factory=dict)
    lower_keys: set[tuple[str, ...]] = field(default_factory=set)  # keys of the aliases listed in lower case
    lead_stem_cache: dict[str, frozenset] = field(default_factory=dict)
    stemmable: list | None = None
    towns: Towns = field(default_factory=Towns)  # small towns, for the place after a preposition only (towns.py)
    frequent_words: dict[str, frozenset[str]] = field(default_factory=dict)  # lang -> its commonest words, folded
    load_part: Callable[[str], object] | None = None  # a part of the compiled gazetteer ("stems-pl"), on first use
    parts: frozenset[str] = frozenset()  # the names of the parts stored beside the compiled core

    def frequent(self, lang: str) -> frozenset[str]:
        """The language's most frequent words, folded (frequent_words.toml)."""
        words = self.frequent_words.get(lang)
        if words is None:
            words = (self.load_part(f"frequent-{lang}") if self.load_part is not None else None) or frozenset()
            self.frequent_words[lang] = words
        return words

    def names_in(self, lang: str) -> dict[tuple[str, ...], list[Entry]]:
        """The aliases matched in articles of one language only (its own CLDR country names, its joined Arabic or
        Hebrew forms), a part of their own loaded on first use: a run of Latin-script news never holds the 90,000
        Arabic-script and Hebrew forms (about 20 MB in every worker)."""
        index = self.by_lang.get(lang)
        if index is None:
            index = (self.load_part(f"names-{lang}") if self.load_part is not None else None) or {}
            self.by_lang[lang] = index
        return index

    def add(self, alias: str, entry: Entry, lang: str | None = None) -> None:
        alias = alias.strip()
        for form in joined_forms(alias):
            self._add(form, entry, lang)
        self._add(alias, entry, lang)

    def _add(self, alias: str, entry: Entry, lang: str | None) -> None:
        toks = alias_words(alias)
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
            self.lower_keys.add(key)
            if len(toks) == 1:
                self.lower_words.add(key[0])

    def lower_stems(self, rules: LangRules) -> tuple[frozenset[str], frozenset[tuple[str, ...]]]:
        """Stems of the aliases listed in lower case ("województwo świętokrzyskie"): of their first words and
        of their whole keys, for their case forms ("w województwie świętokrzyskim") in a language that declines."""
        cached = self.lead_stem_cache.get(rules.lang)
        if cached is None:
            keys = frozenset(tuple(fold(stem(t, rules)) for t in key) for key in self.lower_keys) \
                if rules.endings else frozenset()
            cached = (frozenset(k[0] for k in keys), keys)
            self.lead_stem_cache[rules.lang] = cached
        return cached

    def stems_for(self, rules: LangRules) -> dict[tuple[str, ...], list[Entry]]:
        """Stemmed keys of the aliases, per language, built on first use (case forms: "Москве" -> Moscow).

        Only aliases whose stemmed key differs from their plain key are indexed: the rest are
        found by the exact lookup already (this keeps the index small and quick to build).
        """
        cached = self.stem_cache.get(rules.lang)
        if cached is not None:
            return cached
        if self.load_part is not None and (loaded := self.load_part(f"stems-{rules.lang}")) is not None:
            self.stem_cache[rules.lang] = loaded
            return loaded
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


_ARABIC = re.compile(r"[\u0600-\u06FF]")
# Arabic writes "and", "in", "to", "by" and "so" as letters joined to the next word, before or in place of
# the article "al-": "والعراق" (and Iraq), "بليبيا" (in Libya), "للمغرب" (to Morocco: l- + al- -> lil-).
_ARABIC_PROCLITICS = ("و", "ف", "ب", "ك", "وب", "فب", "وك")


_HEBREW = re.compile(r"[\u05D0-\u05EA]")
# Hebrew joins "in", "to", "from", "and", "the", "that" to the next word: "בחיפה" (in Haifa), "לירושלים" (to Jerusalem)
_HEBREW_PROCLITICS = ("ב", "ל", "מ", "ו", "ה", "ש", "וב", "ול", "ומ", "שב", "של", "מה")


def joined_forms(alias: str) -> list[str]:
    """An Arabic or Hebrew name with the short words those scripts join to it; [] in other scripts."""
    if _HEBREW.match(alias):
        return [prefix + alias for prefix in _HEBREW_PROCLITICS]
    if not _ARABIC.match(alias):
        return []
    forms = [c + alias for c in _ARABIC_PROCLITICS]
    if alias.startswith("ال"):
        forms += ["ل" + alias[1:], "ول" + alias[1:], "فل" + alias[1:]]
    else:
        forms += ["ل" + alias, "ول" + alias, "فل" + alias]
    return forms


@lru_cache(maxsize=None)
def _alias_tokens(alias: str) -> tuple[str, ...]:
    return tuple(alias_words(alias))


@dataclass(frozen=True, slots=True)
class KnownPerson:
    name: str
    first: str
    last: str


@lru_cache(maxsize=1)
def _compiled_key() -> str:
    """The content key of the compiled gazetteer: every rule file and every module that reads them."""
    import babel

    from tasks.timestamps import CALENDAR_WORDS

    here = Path(__file__).resolve().parent
    sources = [*here.glob("*.py"), *RULES_DIR.glob("*.toml"), RULES_DIR.parent / "languages.toml",
               CALENDAR_WORDS, here.parent / "languages.py", here.parent / "rulefiles.py"]
    return content_key(sources, extra=f"babel {babel.__version__}")


def _compiled_part(part: str) -> object:
    return load_compiled_part("gazetteer", part, _compiled_key(), build_gazetteer_parts)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Every gazetteer, once per process: its core from the compiled cache (about 0.5 s), built from the rule files
    when they or the code that reads them changed (about 25 s, then stored). A language's stem index and frequent
    words and a country's towns are parts of their own, loaded when an article first needs them."""
    g = _compiled_part("core")
    g.load_part = lambda part: _compiled_part(part) if part in g.parts else None
    g.towns.load = lambda cc: g.load_part(f"towns-{cc}")
    return g


def build_gazetteer() -> Gazetteer:
    """The gazetteers from the rule files and CLDR, with the stem index of every supported language."""
    g = read_gazetteers()
    langs = sorted(set(LANGS) | set(table_languages()))
    for lang in langs:
        g.stems_for(lang_rules(lang))
        g.frequent_words[lang] = _frequent_words(lang)
    g.towns = read_towns(_load_toml("towns.toml")["towns"])
    g.stemmable = None  # only needed while building: every supported language's index is built
    g.raw_aliases = []
    return g


def build_gazetteer_parts() -> dict[str, object]:
    """The compiled gazetteer in parts: the core, and per language its own names, stem index and frequent words, per
    country its towns."""
    g = build_gazetteer()
    parts: dict[str, object] = {f"stems-{lang}": index for lang, index in g.stem_cache.items()}
    parts |= {f"frequent-{lang}": words for lang, words in g.frequent_words.items()}
    parts |= {f"towns-{cc}": towns for cc, towns in g.towns.by_country.items()}
    parts |= {f"names-{lang}": index for lang, index in g.by_lang.items()}
    parts["core"] = replace(g, by_lang={}, stem_cache={}, frequent_words={}, towns=Towns(), parts=frozenset(parts))
    return parts


def _frequent_words(lang: str) -> frozenset[str]:
    """The language's most frequent words (frequent_words.toml, from wordfreq), folded: "Kolem" (around) and "Máme"
    (we have) open Czech sentences, and only their stems look like a town abroad."""
    return frozenset(_load_toml("frequent_words.toml")["frequent_words"].get(lang, ()))


def read_gazetteers() -> Gazetteer:
    from babel import Locale

    g = Gazetteer()
    places = _load_toml("places.toml")
    never = _never_names()

    # organisations (political parties, companies, sports clubs and national public services in files of their own)
    for spec in [*_load_toml("organizations.toml")["org"], *_load_toml("institutions.toml")["org"],
                 *_load_toml("parties.toml")["org"],
                 *_load_toml("companies.toml")["org"], *_load_toml("clubs.toml")["org"]]:
        entry = Entry("org", spec["name"])
        by_lang = spec.get("lang", {})
        # a name listed under `lang` is matched in those languages only ("DNB": the Norwegian bank in Norwegian,
        # the Dutch central bank in Dutch)
        own = [] if any(spec["name"] in aliases for aliases in by_lang.values()) else [spec["name"]]
        for alias in [*own, *spec.get("aliases", [])]:
            g.add(alias, entry)
        for lang, aliases in by_lang.items():
            for alias in aliases:
                g.add(alias, entry, lang)
    # clubs: those of clubs.toml, and the organisations of the other lists named with a club's designator
    # ("Tromsø IL", "Randers FC", "Odense Boldklub")
    designators = frozenset(_load_toml("languages.toml")["all"]["club_designators"])
    clubs = [*_load_toml("clubs.toml")["org"],
             *(spec for spec in _load_toml("organizations.toml")["org"] if designators & set(spec["name"].split()))]
    g.clubs = frozenset(spec["name"] for spec in clubs)
    g.club_words = frozenset(fold(w) for spec in clubs for name in [spec["name"], *spec.get("aliases", [])]
                             for w in re.findall(r"[^\W\d_]{4,}", name))
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
    # ... and in every other language langdetect names, for articles in that language only ("България",
    # "Magyarország", "Ελλάδα"): a country's name in one language may be a word of another
    for lang in _other_cldr_languages():
        terr = Locale.parse(lang).territories
        for code in wanted:
            if code in terr:
                for alias in _cldr_variants(terr[code]):
                    g.add(alias, entries[code], lang)
    for code, aliases in places["country_aliases"].items():
        for alias in aliases:
            g.add(alias, entries[code])
    # regions, seas, US states
    for name, aliases in places["regions"].items():
        entry = Entry("region", name)
        for alias in [name, *aliases]:
            g.add(alias, entry)
    cities = _load_toml("cities.toml")
    # the everyday words of common_words.toml that are no stop word anywhere: towns abroad, never one at home
    everyday_abroad = frozenset(w for words in _load_toml("common_words.toml")["common_words"].values()
                                for w in words) - _never_names(with_common_words=False)
    for state in cities["us_states"].values():
        g.add(state, Entry("region", state))
    # cities (main names always; alternates were filtered when the file was generated)
    biggest: dict[str, tuple[int, Entry]] = {}  # English name -> the most populous town of that name
    alternate_of: dict[str, Entry] = {}  # geonameid -> the town's entry for its alternate names
    for gid, row in cities["cities"].items():
        name, cc, pop, alts = row[0], row[1], int(row[2]), row[3:]
        entry = Entry("city", _city_name(name, cc), pop, cc=cc)
        alt_entry = Entry("city", entry.name, pop, main=False, cc=cc)
        alternate_of[gid] = alt_entry
        for alias in [name, *alts]:
            if (len(alias) <= 2 or len(alias) == 3 and pop < 100_000 or fold(alias) in never) and not (
                    alias == name and pop >= 50_000 and len(alias) >= 3):
                if alias == name and fold(alias) in everyday_abroad and len(alias) > 3:
                    # "Alta" is a word in Spanish, and a town in Norway: found in articles of Norway's languages
                    for lang in _languages_of(cc):
                        g.add(alias, entry, lang)
                continue  # a big town keeps its own name (Van, Ufa, Como); stop words are judged per article
            g.add(alias, entry if alias == name else alt_entry)
            if alias == name and pop > biggest.get(fold(entry.name), (0, None))[0]:
                biggest[fold(entry.name)] = (pop, entry)
    _add_exemplar_cities(g, {k: e for k, (_, e) in biggest.items()})
    for lang, names in _load_toml("city_scripts.toml").items():  # Greek, Arabic, Hebrew ...: in that language only
        for alias, gid in names.items():
            if str(gid) in alternate_of:
                g.add(alias, alternate_of[str(gid)], lang)
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


def _add_exemplar_cities(g: Gazetteer, by_name: dict[str, Entry]) -> None:
    """CLDR names some 400 cities (its time zones' exemplar cities) in every language, among them the
    scripts GeoNames' alternates were filtered of ("القاهرة", "Αθήνα", "Le Caire"): each name is an alias of
    the most populous town of that English name, in articles of that language only."""
    from babel import Locale

    english = Locale.parse("en").time_zones
    for lang in [*LANGS, *_other_cldr_languages()]:
        for zone, names in Locale.parse(lang).time_zones.items():
            city = names.get("city")
            en_name = english.get(zone, {}).get("city") or zone.rsplit("/", 1)[-1].replace("_", " ")
            entry = by_name.get(fold(en_name))
            if city and entry is not None and fold(city) != fold(en_name) and len(city) > 3:
                g.add(city, entry, lang)


def _other_cldr_languages() -> list[str]:
    """The languages of the CLDR calendar file (every language langdetect names) that have no entity rules."""
    from tasks.rulefiles import read_rules
    from tasks.timestamps import CALENDAR_WORDS

    return [lang for lang in read_rules(CALENDAR_WORDS, "dates") if lang not in LANGS]


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
    if cc in _plain_name_countries():  # GeoNames' scholarly marks ("Thessaloníki", "Mādabā", "‘Ajlūn")
        name = "".join(c for c in unicodedata.normalize("NFD", name)
                       if not unicodedata.combining(c) and c not in "‘’ʻʼʿʾ")
        name = unicodedata.normalize("NFC", name)
    return name


@lru_cache(maxsize=1)
def _plain_name_countries() -> frozenset[str]:
    return frozenset(_load_toml("places.toml")["plain_city_names"]["countries"])


@lru_cache(maxsize=1)
@lru_cache(maxsize=2)
def _never_names(with_common_words: bool = True) -> frozenset[str]:
    """Words that are never a single-word place name: stop words of every language, months, weekdays, and the
    everyday words that name only small towns abroad (common_words.toml: "Redan", "Cela", "Sitten")."""
    out: set[str] = set()
    for lang in LANGS:
        r = lang_rules(lang)
        out |= r.stopwords | r.triggers | r.honorifics | r.speech_verbs | r.loc_preps
    if with_common_words:
        for words in _load_toml("common_words.toml")["common_words"].values():
            out.update(words)
    return frozenset(out)


@lru_cache(maxsize=None)
def _official_languages(cc: str) -> frozenset[str]:
    """A country's official languages (CLDR, de facto), Norwegian as nb and nn."""
    from babel.languages import get_official_languages

    langs = {lang.split("_")[0] for lang in get_official_languages(cc, de_facto=True)}
    if "no" in langs or "nb" in langs:
        langs |= {"nb", "nn"}
    return frozenset(langs)


def _languages_of(cc: str) -> list[str]:
    """The languages a country's own news is written in, English apart."""
    # not English: its index also serves the languages without rules, and everyday English words name many
    # American towns ("Green", "Urbana" in a Catalan article)
    return sorted(_official_languages(cc) - {"en"})


@lru_cache(maxsize=None)
def home_countries(lang: str) -> frozenset[str]:
    """The countries where a language is official: where the towns of its news are."""
    from babel import Locale

    return frozenset(cc for cc in Locale("en").territories if len(cc) == 2 and cc.isalpha()
                     and lang in _official_languages(cc))


# ---------------------------------------------------------------------------------------------


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
