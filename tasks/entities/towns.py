"""Towns of 1,000 to 15,000 people (towns.toml: GeoNames cities1000, written by tools/build_gazetteer.py --towns),
for one narrow use: a capitalised name right after a locative preposition ("in Hosenfeld", "w Morawicy", "en Nava
de la Asunción") in an article written in a language of the town's country.

They are kept out of the main gazetteer: there a village named like a surname or a word would answer every
lookup and block persons and organisations everywhere. Here a town needs the preposition, the language and a name
that is no everyday word of its country's languages (the tool leaves out "Brand", "Band" and "Coca")."""

from __future__ import annotations

from dataclasses import dataclass, field

from tasks.entities.names import fold, stem
from tasks.entities.tokens import alias_words

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


def read_towns(rows: dict[str, list]) -> Towns:
    """The towns of towns.toml (`{country code: [[name, population], ...]}`, tools/build_gazetteer.py --towns)."""
    towns = Towns()
    for cc, names in rows.items():
        for name, pop in names:
            words = alias_words(name)
            if words:
                towns.by_key.setdefault(tuple(fold(w) for w in words), []).append((name, cc, int(pop)))
    return towns


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
