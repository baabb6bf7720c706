"""Working state for one article: its tokens, the word tests every pass shares, and pass 1 (gazetteer names)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from tasks.entities.data import LANGS, ORG, table_languages
from tasks.entities.gazetteers import (MAX_KEY_TOKENS, Entry, _calendar_words, _ends_with_any, _in_any_language,
                                       _never_names, gazetteer, home_countries, lang_rules)
from tasks.entities.names import _CYRILLIC, SERBIAN_LETTERS, case_rewrites, fold, skeleton, stem, transliterate, word_variants
from tasks.entities.tokens import Mention, Tok, tokens_of
from tasks.languages import (CAPITALISED_NOUNS, COMPOUND_SURNAMES, DECLINING_NAMES, INFLECTED_GIVEN_NAMES,
                             SERBIAN_READ_AS, SUPPORTED)

# A role phrase before "<role phrase>, <Name>" is read back this many words at most.
ROLE_WINDOW = 7
# Connectors that are locative prepositions in some languages (Spanish "en", Norwegian "i").
_LOCATIVE_CONNECTORS = frozenset({"en", "in", "i", "à"})
# Articles that may stand between a preposition and a place's name.
_ARTICLES = frozenset({"de", "het", "the", "la", "le", "el", "il", "den", "det"})
# Coordinating words an organisation's name may span leftwards ("Devon and Cornwall Police").
_COORDINATORS = frozenset({"and", "&", "und", "og", "och", "en", "et", "y", "e", "i", "și", "ve", "и", "і", "та"})

# Languages that decline names (a place after a preposition is not in its nominative form).
_DECLINING = DECLINING_NAMES  # languages.toml
# A declined form reaches a town by its own name only, a city this big by any of its names (lookup)
STEM_ALTERNATE_POPULATION = 500_000


def _latin_marks(word: str) -> frozenset[str]:
    """The Latin letters with accents in a word ("Kolář" -> á, ř)."""
    return frozenset(c for c in word.casefold() if not c.isascii() and unicodedata.name(c, "").startswith("LATIN"))


# Languages that capitalise every noun: a capitalised compound alone is not yet a name.
# (languages.toml `capitalised_nouns`, among the languages with entity rules)
_NOUN_CAPITALISING = CAPITALISED_NOUNS & frozenset(SUPPORTED)
_ROMAN = re.compile(r"[IVXLC]+")
# Languages whose surnames are often two words joined by a particle (Souto de Moura, Lo Presti).
_COMPOUND_SURNAME_LANGS = COMPOUND_SURNAMES  # languages.toml
# Capitalised particles that still belong to a surname ("Van der Linden", "Lo Presti", "de La Vallière").
_SURNAME_PARTICLES_CAP = frozenset({"van", "von", "de", "da", "di", "del", "della", "lo", "la", "le", "li", "du", "der",
                                    "den", "ten", "ter", "dos", "das", "do"})


# ---------------------------------------------------------------------------------------------
# canonical person names


_FIRST_WORD_LENGTHS: dict[int, dict[str, frozenset[int]]] = {}  # id of a gazetteer index -> its table


def _first_word_lengths(index: dict[tuple[str, ...], list[Entry]]) -> dict[str, frozenset[int]]:
    """First word -> lengths of the keys of two words or more that start with it, once per index (the
    gazetteer and its indexes live as long as the process; nb, nn, da and sv share one stem index)."""
    found = _FIRST_WORD_LENGTHS.get(id(index))
    if found is None:
        lengths: dict[str, set[int]] = {}
        for key in index:
            if len(key) > 1:
                lengths.setdefault(key[0], set()).add(len(key))
        found = _FIRST_WORD_LENGTHS[id(index)] = {word: frozenset(ns) for word, ns in lengths.items()}
    return found


@lru_cache(maxsize=None)
def _key_lengths(lang: str, written: str) -> tuple[dict[str, frozenset[int]], ...]:
    """The first-word tables of every index `lookup` may try for an article of `lang` written in `written`:
    most capitalised words start no multi-word name, and the gazetteer pass then tries one length, not eight."""
    g, rules = gazetteer(), lang_rules(lang)
    indexes = [g.exact, g.names_in(lang), g.names_in(written)]
    if rules.endings or rules.alternations:
        indexes.append(g.stems_for(rules))
    unique = {id(index): index for index in indexes if index}
    return tuple(_first_word_lengths(index) for index in unique.values())


class ArticleBase:
    """Working state for one article."""

    def __init__(self, article: dict):
        self.article = article
        self.text: str = article.get("text_clean") or ""
        written = article.get("lang") or "en"  # a language without rules still has its country names
        if written in SERBIAN_READ_AS and SERBIAN_LETTERS.search(self.text):
            written = "sr"  # langdetect names no Serbian: its Cyrillic pages come as Macedonian, Bulgarian, Russian
        self.written_lang = written  # and its name case endings (rules/entities/name_cases.toml)
        # the word lists of the language written, where languages.toml has them, else English ones
        self.lang: str = written if written in table_languages() else \
            article.get("lang") if article.get("lang") in LANGS else "en"
        self.rules = lang_rules(self.lang)
        self.g = gazetteer()
        self.lang_index = self.g.names_in(self.lang) if written == self.lang or not self.g.names_in(written) \
            else {**self.g.names_in(self.lang), **self.g.names_in(written)}
        self.key_lengths = _key_lengths(self.lang, written)
        self._lengths_at: dict[int, frozenset[int]] = {}
        self.toks = tokens_of(self.text)
        self.used: set[int] = set()
        self.mentions: list[Mention] = []
        self.lower_words = {t.f for t in self.toks if t.text[:1].islower()}
        self.local_acronyms: dict[str, Entry] = {}
        self._sport: bool | None = None  # a sports report (PlaceMentions._sports_report), decided on first use
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
        if _CYRILLIC.search(t.text) or self.lang in INFLECTED_GIVEN_NAMES:
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
    def key_lengths_at(self, i: int) -> frozenset[int]:
        """Lengths of the multi-word gazetteer keys that start with token i, as written or stemmed."""
        found = self._lengths_at.get(i)
        if found is None:
            t = self.toks[i]
            stemmed = fold(stem(t.text, self.rules))
            found = frozenset().union(*(table.get(t.f, ()) for table in self.key_lengths),
                                      *(table.get(stemmed, ()) for table in self.key_lengths))
            self._lengths_at[i] = found
        return found

    def lookup(self, i: int, n: int, allow_city: bool) -> Entry | None:
        """Best gazetteer entry for tokens i..i+n-1: as written, after ending rewrites, then by stems."""
        if n > 1 and n not in self.key_lengths_at(i):
            return None  # no alias of n words starts with this word, as written or stemmed
        toks = self.toks[i:i + n]
        head = tuple(t.f for t in toks[:-1])
        last = toks[-1]
        lang_index = self.lang_index
        keys = [head + (last.f,)]
        rewrites = self.rules.rewrites if self.written_lang == self.lang else \
            self.rules.rewrites + case_rewrites(self.written_lang, "place")  # "Syyriassa" -> "Syyria"
        for old, new in rewrites:  # Polish "Ankarze" -> "Ankara"
            folded = fold(old)  # "ц" folds to "ts": cut the folded ending's length
            if last.f.endswith(folded) and len(last.f) - len(folded) >= 2:
                keys.append(head + (last.f[: -len(folded)] + fold(new),))
        cands: list[Entry] = []
        for key in keys:
            found = list(self.g.exact.get(key, ())) + list(lang_index.get(key, ()))
            if key is keys[0] and n == 1 and found and not last.text.isascii():
                found = self._same_marks(last.text, found)
            cands += found
            if found and any(c.kind != "city" or c.main for c in cands):
                break  # only other names of towns so far: a declined form may still be a town's own name
                # ("Makón" is Makó, not Macon, Georgia, whose Russian name reads "Makon")
        # only other names of towns abroad ("Łodzi" is an alternate name of Lodi, California): the stems may
        # still give a town at home (Łódź)
        alternates_only = bool(cands) and all(c.kind == "city" and not c.main and c.cc not in self.context_cc
                                              for c in cands)
        if (not cands or alternates_only) and (self.rules.endings or self.rules.alternations):
            stems = [stem(t.text, self.rules) for t in toks]
            key = tuple(fold(w) for w in stems)
            # a declined form names a town by its own name, or a big city by any of its names: "Landsbergis" is
            # no form of Landsberg, Gorzów's German name
            by_stem = [c for c in self.g.stems_for(self.rules).get(key, ())
                       if c.kind != "city" or c.main or c.population >= STEM_ALTERNATE_POPULATION]
            if alternates_only:
                home = home_countries(self.written_lang)
                cands = [c for c in by_stem if c.kind == "city" and c.cc in home] or cands
            else:
                cands = self._by_stem_only(by_stem, key, stems[0], last, n)
        lower = n == 1 and last.f in self.g.lower_words and not last.cap  # "riksdagen", listed in lower case
        # an alias listed in lower case, in a case form: "w województwie świętokrzyskim"
        lower_lead = n > 1 and not toks[0].cap and (head + (last.f,) in self.g.lower_keys or bool(self.rules.endings)
                                                    and tuple(fold(stem(t.text, self.rules)) for t in toks)
                                                    in self.g.lower_stems(self.rules)[1])
        cands = [c for c in cands if (allow_city or c.kind != "city") and (
            self._case_ok(c, toks) or lower and c.kind == "org" or lower_lead)]
        if not cands:
            return None
        if self.context_cc and any(c.kind == "city" for c in cands):
            # "Fredericia" in an article about Denmark is the Danish town, not João Pessoa's old name
            near = [c for c in cands if c.kind != "city" or c.cc in self.context_cc]
            if near and any(c.kind == "city" for c in near):
                cands = near
        if any(c.kind == "city" and not c.main for c in cands):
            # ... and so it is in any Danish article: a town's own name where the language is spoken beats
            # another town's other name
            home = home_countries(self.written_lang)
            if any(c.kind == "city" and c.main and c.cc in home for c in cands):
                cands = [c for c in cands if c.kind != "city" or c.main]
        return max(cands, key=Entry.rank)

    def _by_stem_only(self, by_stem: list[Entry], key: tuple[str, ...], first_stem: str, last: Tok, n: int
                      ) -> list[Entry]:
        """Entries that only the words' stems name, after the guards a stem needs."""
        lang_index = self.lang_index
        cands = by_stem or [c for c in list(self.g.exact.get(key, ())) + list(lang_index.get(key, ()))
                            if not (c.kind == "city" and c.population < 100_000)]  # "Konzern" is not Konz
        if n == 1 and cands and not first_stem.isascii():
            cands = self._same_marks(first_stem, cands)
        if cands and n == 1 and last.f in self.g.frequent(self.written_lang):
            # an everyday word's stem names no town abroad ("Kolem", around, is not Kolea in Algeria), and
            # opening a sentence only a town at home ("Sami", themselves, neither the SAMU nor Samoa)
            home = home_countries(self.written_lang)
            cands = [c for c in cands if c.kind == "city" and c.cc in home or
                     c.kind != "city" and not last.sent_start]
        if cands and n == 1 and self.lang in _NOUN_CAPITALISING:
            # a German noun is not a place by its stem ("Mais" is not Maine): only the genitive of a
            # name written in full ("Russlands", "Kiews") counts
            f = last.f
            whole = {e for k in (f[:-1], f[:-2]) if len(k) >= 3
                     for e in list(self.g.exact.get((k,), ())) + list(lang_index.get((k,), ()))}
            cands = [c for c in cands if c in whole] if f.endswith("s") else []
        return cands

    def _same_marks(self, word: str, found: list[Entry]) -> list[Entry]:
        """A town abroad is named by its own name with its own accents: Czech "Kolář" (a surname) is neither
        Kolar nor Kolār in India, which only fold like it. By another of its names (an exonym such as "Řezno"
        for Regensburg) a town is judged only when its own name has accents to disagree."""
        marks = _latin_marks(word)
        if not marks:
            return found
        near = home_countries(self.written_lang) | set(self.context_cc or ())

        def disagree(c: Entry) -> bool:
            own = _latin_marks(c.name)
            return not marks <= own and (c.main or bool(own))

        return [c for c in found if not (c.kind == "city" and c.cc not in near
                                         and c.population < STEM_ALTERNATE_POPULATION and disagree(c))]

    @staticmethod
    def _case_ok(entry: Entry, toks: list[Tok]) -> bool:
        if entry.short is None:
            return any(t.cap or t.caseless for t in toks) or not toks[0].text[:1].isalpha()
        surface = " ".join(t.text for t in toks)
        if surface == entry.short:
            return True
        # genitive of a short all-caps alias: USAs, USA's
        return len(toks) == 1 and surface[:-1] == entry.short and surface[-1] in "s" and entry.short.isupper()

    def pass_gazetteer(self) -> None:
        toks = self.toks
        lead_lower, lead_stems = self.g.lead_lower, self.g.lower_stems(self.rules)[0]
        i = 0
        while i < len(toks):
            t = toks[i]
            if i in self.used or not (t.cap or t.caseless or t.f in lead_lower or lead_stems and (
                    fold(stem(t.text, self.rules)) in lead_stems)):
                i += 1
                continue
            hit = None
            lengths = self.key_lengths_at(i)
            for n in range(min(MAX_KEY_TOKENS, len(toks) - i), 0, -1):
                if n > 1 and (n not in lengths or not self.joined(i, i + n)):
                    continue
                if any(k in self.used for k in range(i, i + n)):
                    continue
                if n == 1 and not t.cap and not t.caseless and t.f not in self.g.lower_words:
                    continue
                entry = self.lookup(i, n, allow_city=False)
                if entry:
                    hit = (n, entry)
                    break
            if hit:
                n, entry = hit
                if n == 1 and entry.kind in ("country", "region") and (
                        self._country_is_person(i) or self._surname_after_given(i) or self.is_stop(t)):
                    i += 1  # ... or a surname ("Luís Montenegro"), or a pronoun (Danish "Man" is not the Isle of Man)
                    continue
                if n == 1 and entry.kind == "org" and self._surname_after_given(i):
                    i += 1  # "Anna Ericsson", "Michael Dell": a company named after a family is a surname here
                    continue
                self._add_entry(entry, i, i + n, "gazetteer")
                i += n
                continue
            if "-" in t.text:
                self._hyphen_parts(t)
            i += 1

    def _country_is_person(self, i: int) -> bool:
        """'Jordan Henderson', 'Israel Katz', 'Lorraine Kelly': a country or region name that is a given name,
        followed by a surname."""
        t = self.toks[i]
        nxt = self.toks[i + 1] if i + 1 < len(self.toks) else None
        return (t.f in self.g.given_names and nxt is not None and nxt.joined and nxt.cap
                and not self.is_stop(nxt) and not self.is_trigger(nxt))

    def _surname_after_given(self, i: int) -> bool:
        t = self.toks[i]
        prev = self.toks[i - 1] if i > 0 else None
        return (prev is not None and t.joined and prev.cap and prev.f in self.g.given_names and not t.text.isupper()
                and not self.is_stop(prev) and not self.is_trigger(prev))

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
