"""Pass 3: organisations nobody listed, from head words, descriptors and acronyms."""

from __future__ import annotations

from tasks.entities.article import _COORDINATORS, _LOCATIVE_CONNECTORS, _NOUN_CAPITALISING, _ROMAN
from tasks.entities.data import LOC, ORG
from tasks.entities.gazetteers import Entry, _ends_with_any, _shared_words
from tasks.entities.names import _is_acronym, fold, stem
from tasks.entities.tokens import Mention, Tok


class OrganizationMentions:
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
        """A given name followed by another name word, perhaps after particles: "Marek Zieliński-Brzoza",
        "Richard van der Venne" end an organisation."""
        t = self.toks[i]
        if not self.is_given(t):
            return False
        particles = _shared_words("name_particles")
        k = i + 1
        while k < len(self.toks) and k - i <= 3 and self.toks[k].joined and self.toks[k].f in particles:
            k += 1
        return k < len(self.toks) and self.toks[k].joined and self.name_cap(self.toks[k]) \
            and not self._is_org_head(self.toks[k])

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
                named = t.cap and not t.sent_start and t.f in descriptors and t.i not in self.used \
                    and self.lang not in _NOUN_CAPITALISING  # German capitalises "Gewerkschaft Verdi" anyway
                if b - a == 1 and self.lookup(a, 1, allow_city=True) is not None and not _is_acronym(nxt.text) \
                        and not named:
                    continue  # "the club Valencia": the place's name, left to the gazetteer passes
                # a capitalised descriptor inside a sentence is the name's first word: "meldt Omroep Brabant"
                self._add_org(t.i if named else a, b, "descriptor")

    def pass_article_orgs(self) -> None:
        """Spanish, Italian and Portuguese put a masculine article before a club or company, never before a
        person or a town: "El Unicaja derrotó al Baskonia", "il Napoli", "o Porto" (the club). Prizes and
        competitions take it too ("el Mundial", "il Pallone d'Oro"): their words (`event_words`) start no club.
        Only a sports report (`sport_words`) has clubs so named."""
        articles = self.rules.club_articles
        toks = self.toks
        if not articles or not any(t.f in self.rules.sport_words for t in toks):
            return  # outside a sports report the article comes before institutions and rivers: "el Estado", "il Senio"
        for t in toks[1:]:
            prev = toks[t.i - 1]
            if t.i in self.used or prev.f not in articles or not t.joined or not self.name_cap(t) \
                    or self.is_stop(t) or self.is_trigger(t) or self.is_calendar(t) or self._starts_person(t.i) \
                    or t.f in self.rules.event_words:  # "el Premio Nobel", "il Giro": an event, not a club
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

    def _caps_lock(self, t: Tok) -> bool:
        """t is one of several capitals-only words in a row that no list knows as one name."""
        def caps(k: int) -> bool:
            w = self.toks[k].text
            return len(w) >= 2 and w.isupper() and any(c.isalpha() for c in w) and k not in self.used
        near = [k for k in (t.i - 1, t.i + 1) if 0 <= k < len(self.toks)
                and (self.toks[max(k, t.i)].joined) and caps(k)]
        return bool(near) and self.lookup(min(near + [t.i]), 2, allow_city=True) is None

    def pass_acronyms(self) -> None:
        """Capitals-only words that name no place are organisations ("LKAB", "TNO", "SVT", "İZSU"), with
        the capitalised words that follow ("IF Metall", "DNB Markets"); an acronym introduced in brackets
        after an organisation's name is that organisation. One in another script that no list knows is left out:
        its canonical English name cannot be told (on the real dev pages such acronyms were common nouns,
        "ЗМІ" the media, or unnamed bodies); so is one of two letters standing alone ("ED", "KM": 1 organisation
        of 10 there)."""
        toks = self.toks
        stop = _shared_words("acronym_stop")
        for t in toks:
            if t.i in self.used or not _is_acronym(t.text) or t.text[-1] == "s" and not t.text.isupper():
                continue
            if t.f in stop or _ROMAN.fullmatch(t.text) or "-" in t.text or len(t.text) > 7:
                continue
            if not any(c.isalpha() for c in t.text[1:]) or t.text[0].isdigit():
                continue  # "E39", "A6" roads, "U23" an age group, "O2" a formula, "17H00" a time ("G7" is listed)
            if self._caps_lock(t):
                continue  # "STORM SURGE WARNING", "ZAVRŠILA U BOLNICI": a line in capitals, not acronyms
            if t.text in self.local_acronyms:
                entry = self.local_acronyms[t.text]
                self.add(Mention(ORG, entry.name, t.start, t.end, (t.i,), "acronym"))
                continue
            if self.lookup(t.i, 1, allow_city=True) is not None:
                continue  # COPENHAGEN in a dateline
            if not _latin_letters(t.text):
                continue  # "ЗМІ" (the media), "СИЗО": no list knows it, so no English name can be given
            a, b = self._extend_org(t.i, t.i + 1, left=False)
            if b == t.i + 1 and sum(c.isalpha() for c in t.text) <= 2:
                continue  # "ED", "KM": two capitals alone abbreviate too many things to name a body ("IF Metall" does)
            if b < len(toks) and self.is_trigger(toks[b]):
                b = t.i + 1  # "İZSU Genel Müdürü ...": the capitalised words belong to the role
            self._add_org(a, b, "acronym")


def _latin_letters(word: str) -> bool:
    """Every letter of the word is of the Latin script ("İZSU", "SMURD"; not "УТСК" or "ΕΛ.ΑΣ.")."""
    return all(c < "\u0250" for c in word if c.isalpha())
