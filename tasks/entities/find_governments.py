"""Pass 6: a country's government named by the common noun ("Sjednica Vlade", "hallitus esitti"), as
"Government of <country>" (rules/entities/governments.toml)."""

from __future__ import annotations

from functools import lru_cache

from tasks.entities.data import LOC, ORG, _load_toml
from tasks.entities.names import fold
from tasks.entities.tokens import Mention, alias_words

# the "of" between an institution and its country ("Government of Spain", "Gobierno de España")
OF_COUNTRY = frozenset({"of", "de", "di", "da", "del", "do", "van", "von", "der", "des"})


@lru_cache(maxsize=None)
def government_words(lang: str) -> tuple[str | None, frozenset[str], bool]:
    """(home country, folded forms of the noun, whether it must be capitalised) for one language."""
    spec = _load_toml("governments.toml")
    return (spec["home"].get(lang), frozenset(fold(w) for w in spec["words"].get(lang, [])),
            lang in spec["capital"])


def _place_codes(name: str, article) -> tuple[bool, set[str]]:
    """Whether an English place name is a country, and the ISO codes of the countries (else of the listed towns)
    it names, from the gazetteer."""
    entries = article.g.exact.get(tuple(fold(w) for w in alias_words(name)), ())
    countries = {e.cc for e in entries if e.kind == "country"}
    return bool(countries), countries or {e.cc for e in entries if e.kind == "city" and e.main}


class GovernmentMentions:
    def pass_governments(self) -> None:
        home, words, capital = government_words(self.written_lang)
        if not words:
            return
        places = [(m, *_place_codes(m.name, self)) for m in self.mentions if m.type == LOC]
        countries = {m.tokens[0]: m.name for m, is_country, _ in places if m.tokens and is_country}
        # the countries of the places the article names ("a brit kormány" in an article that names Britain is
        # Britain's government, not Hungary's)
        named = set().union(*(codes for _, _, codes in places)) | set(self.context_cc)
        alone = home is not None and named <= _place_codes(home.removeprefix("the "), self)[1]
        # where the noun is also a verb, a sentence's first word counts only beside a capitalised one inside a
        # sentence ("Vlada strah u gradu": fear prevails in the town)
        inside = any(t.f in words and t.cap and not t.sent_start for t in self.toks)
        for t in self.toks:
            if t.i in self.used or t.f not in words or capital and not (t.cap and (inside or not t.sent_start)):
                continue
            k = t.i + 1
            if k < len(self.toks) and self.toks[k].f in OF_COUNTRY:
                k += 1
            after = countries.get(k) if k < len(self.toks) and self.toks[k].joined else None
            country = after if after is not None else (home if alone else None)
            if country is None:
                continue
            self.add(Mention(ORG, f"Government of {country}", t.start, t.end, (t.i,), "government"))
