"""Pass 5: cities and unlisted places, only on location-like spans."""

from __future__ import annotations

from tasks.entities.article import _ARTICLES, _COORDINATORS, _DECLINING, _NOUN_CAPITALISING
from tasks.entities.data import LOC, PERSON
from tasks.entities.gazetteers import Entry, _ends_with_any, _in_any_language, _shared_words, home_countries
from tasks.entities.names import _is_acronym, case_rewrites, fold, undo_case
from tasks.entities.towns import NAME, POPULATION
from tasks.entities.tokens import Mention, Tok


class PlaceMentions:
    # -- pass 5: cities ------------------------------------------------------------------------
    def pass_cities(self) -> None:
        toks = self.toks
        self.context_cc = frozenset(self._context_countries())
        for i, t in enumerate(toks):
            if t.caseless and i not in self.used:
                self._caseless_city(i)
                continue
            if i in self.used or not t.cap or self.is_trigger(t) or self.is_calendar(t):
                continue
            for n in range(min(4, len(toks) - i), 0, -1):
                if n > 1 and not self.joined(i, i + n):
                    continue
                if n == 1 and self.is_stop(t):
                    continue  # a stop word may start a town's name only: "Los Angeles", "New Delhi", "La Paz"
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

    def _caseless_city(self, i: int) -> None:
        """In a script without capitals any word may be a name: only the names listed for the article's
        language count ("القاهرة", with its joined "and"/"in": "وبالقاهرة")."""
        index = self.g.names_in(self.written_lang)
        for n in range(min(3, len(self.toks) - i), 0, -1):
            if any(k in self.used for k in range(i, i + n)) or (n > 1 and not self.joined(i, i + n)):
                continue
            cands = [e for e in index.get(tuple(t.f for t in self.toks[i:i + n]), ()) if e.kind == "city"]
            if cands:
                self._add_entry(max(cands, key=Entry.rank), i, i + n, "city")
                return

    def pass_multiword_cities(self) -> None:
        """Towns of two words or more before the persons: "San Fernando de Henares" is a town, not a
        "Fernando de Henares" after a "San" (a name like "Santa Cruz" before or after a given name is left
        to the later passes by _location_like)."""
        toks = self.toks
        particles = _shared_words("name_particles")
        for i, t in enumerate(toks):
            if i in self.used or not t.cap or not any(n > 1 for n in self.key_lengths_at(i)) \
                    or self.is_trigger(t) or self.is_calendar(t):
                continue
            for n in range(min(4, len(toks) - i), 1, -1):
                if n not in self.key_lengths_at(i) or not self.joined(i, i + n) \
                        or any(k in self.used for k in range(i, i + n)) or not toks[i + n - 1].cap:
                    continue
                entry = self.lookup(i, n, allow_city=True)
                if entry is not None and entry.kind == "city" and self._location_like(i, i + n, entry) \
                        and not (i >= 2 and toks[i - 1].f in particles and self.is_given(toks[i - 2])):
                    self._add_entry(entry, i, i + n, "city")  # ("José de San Martín" is a person)
                    break

    def _context_countries(self) -> set[str]:
        """Countries of the article: named countries, and the countries of towns whose name is unambiguous."""
        out = {e.cc for m in self.mentions if m.type == LOC for e in [self._entry_of.get(m.name)] if e and e.cc}
        for t in self.toks:
            if t.i in self.used or not t.cap or len(t.text) < 4:
                continue
            cands = self.g.exact.get((t.f,), ())
            if cands and not t.text.isascii():
                cands = self._same_marks(t.text, list(cands))  # "Kolář" makes no Indian article of itself
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
            for ending in self.rules.adjective_endings:  # longest first (languages.toml)
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

    def pass_towns(self, min_words: int = 1) -> None:
        """A small town right after a locative preposition or a kind-of-place word, in an article written in a
        language of its country or about it ("in Hosenfeld", "w Morawicy", "en Nava de la Asunción", "gminy
        Kobylnica", "staden Nurdagi" in a Swedish report on Turkey), named as GeoNames names it (towns.py). Towns
        of several words go before the persons (`min_words=2`: "Nava de la Asunción" is no person), the rest
        after."""
        preps = self.rules.loc_preps | self.rules.place_preps | self.rules.town_heads
        toks = self.toks
        home = home_countries(self.written_lang)
        countries = home | self.context_cc
        town_cases = case_rewrites(self.written_lang, "town") if min_words == 1 else ()
        for t in toks:
            if town_cases and t.i not in self.used and self.name_cap(t) \
                    and (name := self._declined_town(t, town_cases, home)):
                self.add(Mention(LOC, name, t.start, t.end, (t.i,), "town"))
                continue
            if t.i in self.used or t.i == 0 or not self.name_cap(t) or not t.joined:
                continue
            prev = toks[t.i - 1]
            if prev.f not in preps or prev.i in self.used:
                continue
            for n in range(min(4, len(toks) - t.i), min_words - 1, -1):
                b = t.i + n
                if (n > 1 and not self.joined(t.i, b)) or any(k in self.used for k in range(t.i, b)) \
                        or not toks[b - 1].cap:
                    continue
                if self._name_goes_on(b):
                    continue  # "in Angerlo Noord", "en Cepeda de la Mora": part of a longer name
                if n == 1 and (self.is_stop(t) or self.is_trigger(t) or self.is_calendar(t) or self.is_given(t)
                               or _is_acronym(t.text) or t.f in self.lower_words or self._is_org_head(t)
                               or t.text.casefold().endswith(self.rules.adjective_endings)):
                    break
                found = self.g.towns.candidates([k.text for k in toks[t.i:b]], self.rules, countries, home)
                if found:
                    name = max(found, key=lambda town: town[POPULATION])[NAME]
                    self.add(Mention(LOC, name, t.start, toks[b - 1].end, tuple(range(t.i, b)), "town"))
                    break

    def _sports_report(self) -> bool:
        """The article reports on sport: it uses a word only sport uses (`sport_words`) or names a listed club."""
        if self._sport is None:
            self._sport = any(t.f in self.rules.sport_words for t in self.toks) or any(
                m.name in self.g.clubs for m in self.mentions)
        return self._sport

    def _declined_town(self, t: Tok, endings: tuple[tuple[str, str], ...], home: frozenset[str]) -> str | None:
        """A small town of the language's own countries (`home`) with an ending that says "in" or "from" it
        ("Puumalassa", "Ballószögben"): the case itself marks a place, as a preposition would, and ends the name."""
        if self.is_given(t) or self.is_trigger(t):
            return None
        found: list = []

        def town(base: str) -> bool:
            found[:] = self.g.towns.candidates([base], self.rules, home, home)
            return bool(found)
        return max(found, key=lambda x: x[POPULATION])[NAME] if undo_case(t.text, endings, town) else None

    def _name_goes_on(self, b: int) -> bool:
        """Token b continues the name before it: a capitalised word, or particles then one ("de la Mora")."""
        toks, particles = self.toks, _shared_words("name_particles")
        k = b
        while k < len(toks) and toks[k].joined and toks[k].f in particles and not toks[k].cap and k - b < 2:
            k += 1
        return k < len(toks) and toks[k].joined and self.name_cap(toks[k]) and not self.is_stop(toks[k])

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
            if _ends_with_any(t.f, self.rules.event_words):
                continue  # "i Eliteserien", "en el Mundial": a competition, not a place
            b = t.i + 1
            while b < len(toks) and toks[b].joined and b - t.i < 4:
                if self.name_cap(toks[b]) and b not in self.used and not self.is_stop(toks[b]):
                    b += 1
                elif toks[b].f in particles and toks[b].f not in _COORDINATORS and self._name_goes_on(b):
                    b += 2 if self.name_cap(toks[b + 1]) else 3  # "Pozuelo de Alarcón", "Cepeda de la Mora"
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
        if b - a == 1 and entry.kind == "city" and first.f in self.g.club_words and self._sports_report() \
                and not (prev is not None and prev.f in self.rules.place_preps):
            return False  # "Tromsø scorer", "mot Haugesund": in a sports report a club's town names the club
        if nxt is not None and nxt.f in _shared_words("genitive_links") and b + 1 < len(toks) and toks[b + 1].cap \
                and all(t.f in self.g.frequent(self.lang) for t in toks[a:b]):
            return False  # "El Centro de Emergencias": everyday words opening an institution's name, not El Centro
        if b - a == 1:
            if first.f in self.g.common_given:
                return prev is not None and prev.f in self.rules.loc_preps
            if first.sent_start and first.f in self.lower_words:
                return False
        return True
