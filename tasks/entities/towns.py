"""Towns of 1,000 to 15,000 people (towns.toml: GeoNames cities1000, written by tools/build_gazetteer.py --towns),
for one narrow use: a capitalised name right after a locative preposition ("in Hosenfeld", "w Morawicy", "en Nava
de la Asunción") in an article written in a language of the town's country.

They are kept out of the main gazetteer: there a village named like a surname or a word would answer every
lookup and block persons and organisations everywhere. Here a town needs the preposition, the language and a name
that is no everyday word of its country's languages (the tool leaves out "Brand", "Band" and "Coca")."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from tasks.entities.names import fold, stem
from tasks.entities.tokens import alias_words

# A town as a plain (name, country code, population) tuple: 100,000 of them load from the compiled cache in a
# tenth of the time objects take.
Town = tuple[str, str, int]
NAME, CC, POPULATION = 0, 1, 2


@dataclass
class Towns:
    by_country: dict[str, dict[tuple[str, ...], list[Town]]] = field(default_factory=dict)  # cc -> folded key -> towns
    by_stem: dict[str, dict[tuple[str, ...], list[Town]]] = field(default_factory=dict)  # lang -> stemmed keys
    # a country's towns from the compiled cache, read when an article first needs them (a worker reading German
    # news holds the towns of Germany, Austria and Switzerland, not the world's 100,000)
    load: Callable[[str], dict] | None = None

    def of_country(self, cc: str) -> dict[tuple[str, ...], list[Town]]:
        found = self.by_country.get(cc)
        if found is None:
            found = (self.load(cc) if self.load is not None else None) or {}
            self.by_country[cc] = found
        return found

    def candidates(self, words: list[str], rules, countries: frozenset[str], home: frozenset[str]) -> list[Town]:
        """Towns of those countries named by the words as written, or declined ("Morawicy" -> Morawica) in a
        town of the language's own countries (`home`)."""
        ordered = sorted(countries)
        key = tuple(fold(w) for w in words)
        found = [t for cc in ordered for t in self.of_country(cc).get(key, ())]
        if not found and rules.endings:
            stemmed = tuple(fold(stem(w, rules)) for w in words)
            found = self.stems(rules, home).get(stemmed) or [t for cc in ordered
                                                             for t in self.of_country(cc).get(stemmed, ())]
        return [t for t in found if t[CC] in countries]

    def stems(self, rules, home: frozenset[str]) -> dict[tuple[str, ...], list[Town]]:
        """The stemmed keys of the towns of one language's countries, where stemming changes them (built on
        first use)."""
        index = self.by_stem.get(rules.lang)
        if index is None:
            index = {}
            if rules.endings:
                for cc in sorted(home):
                    for key, found in self.of_country(cc).items():
                        stemmed = tuple(fold(stem(w, rules)) for w in alias_words(found[0][NAME]))
                        if stemmed != key:
                            index.setdefault(stemmed, []).extend(found)
            self.by_stem[rules.lang] = index
        return index


def read_towns(rows: dict[str, list]) -> Towns:
    """The towns of towns.toml (`{country code: [[name, population], ...]}`, tools/build_gazetteer.py --towns)."""
    towns = Towns()
    for cc, names in rows.items():
        index = towns.by_country.setdefault(cc, {})
        for name, pop in names:
            words = alias_words(name)
            if words:
                index.setdefault(tuple(fold(w) for w in words), []).append((name, cc, int(pop)))
    return towns
