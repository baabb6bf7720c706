"""Passes 2 and 4: persons from capitalised runs, then surname-only mentions of them."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tasks.entities.article import (ROLE_WINDOW, _COMPOUND_SURNAME_LANGS, _COORDINATORS,
                                    _SURNAME_PARTICLES_CAP)
from tasks.entities.data import LOC, ORG, PERSON
from tasks.entities.gazetteers import KnownPerson, _shared_words
from tasks.entities.names import (royal_titles, FIRSTNAME_JW, SURNAME_JW, _CYRILLIC, _is_acronym, case_rewrites,
                                  family_name_first, fold, jw, skeleton, stem, transliterate, undo_case,
                                  word_variants)
from tasks.entities.tokens import Mention, Tok

if TYPE_CHECKING:
    from tasks.entities.resolve import PersonRecord

# a capitalised surname, not a generation ("Jr", "III"): "Donald Trump Jr." is not Donald Trump
_SECOND_SURNAME = re.compile(r"(?!(?:Jr|Sr|Jnr|Snr|I{1,3}|IV|V|VI{0,3})\.?$)[^\W\d_][^\W\d_'’-]{2,}")


class PersonMentions:
    # -- pass 2: persons ---------------------------------------------------------------------
    def runs(self) -> list[list[int]]:
        """Maximal sequences of capitalised words (and name particles) joined by spaces, minus used ones."""
        out: list[list[int]] = []
        cur: list[int] = []
        particles = _shared_words("name_particles")
        conjunctions = _shared_words("particle_conjunctions")
        for t in self.toks:
            ok = t.i not in self.used and (self.name_cap(t) or (t.f in particles and cur))
            if ok and cur and t.f in conjunctions and self.toks[cur[0]].prev_gap.strip().endswith(","):
                ok = False  # the "e" of a list of names
            if ok and len(cur) >= 1 and self._after_middle_initial(t):
                cur.append(t.i)  # "Geir K. Hus", "Svein Olav B. Langåker": the initial's full stop
                continue
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

    def _after_middle_initial(self, t: Tok) -> bool:
        """t follows "<Given> X." (a middle initial after a known given name) with only a space between."""
        if t.i < 2 or t.prev_gap.strip() != ".":
            return False
        initial, given = self.toks[t.i - 1], self.toks[t.i - 2]
        return len(initial.text) == 1 and initial.text.isupper() and initial.joined and self.is_given(given)

    def evidence_before(self, i: int) -> bool:
        """A trigger, honorific or speech verb right before token i ("president Biden", "sa Usjakov",
        "a déclaré M. Erdogan", "prime minister X"), or a trigger and one place or organisation
        ("Президентом Туреччини Реджепом", "prezydentem Turcji Recepem")."""
        k = i - 1
        if k < 0 or not self.toks[i].joined:
            return False
        t = self.toks[k]
        if self.is_trigger(t) or self.is_honorific(t) or t.f in self.rules.speech_verbs or t.f in royal_titles():
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
        while len(toks) > 2 and toks[-1].f in _shared_words("postnominals"):
            toks = toks[:-1]  # "James Wood KC", "Jane Roe MP": the honour or office after a name is no part of it
        # the name starts at the first given name, or after the last trigger inside the run
        g_idx = next((k for k, t in enumerate(toks) if self.is_given(t) and k + 1 < len(toks)), None)
        if g_idx is not None and self._place_first(toks, g_idx):
            # "Paris Archbishop Laurent Ulrich": a town that is also a given name, then a role, then the name
            g_idx = next(k for k in range(g_idx + 1, len(toks) - 1)
                         if self.is_given(toks[k]) and not self.is_given(toks[k - 1]))
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
        if conj is not None and (conj < 2 or len(name[conj - 1].text) == 1):
            # "Roma e Napoli", "Italo e Trenord", "Alexis M. y Walter S.": two names, unlike "José Ortega y Gasset"
            if conj >= 2 and len(name) > conj + 1:
                self._person_from_run([t.i for t in name[conj + 1:]])  # the second name of the pair
            name = name[:conj]
        while name and (self.is_stop(name[-1]) and not self._initial(name, len(name) - 1) or not name[-1].cap):
            name = name[:-1]
        if not name:
            return
        if any(t.f in self.rules.org_heads for t in name):
            return  # "National Hurricane Center said": an organisation, left to the organisation pass
        if self.rules.noun_suffixes and any(t.f.endswith(self.rules.noun_suffixes) for t in name) \
                and self.known_person(name) is None:
            return  # "der britische Premier Konsequenzen", "Wille der Mehrheit": abstract nouns, no name
        if len(name) >= 2 and name[-1].f in _shared_words("place_tails"):
            return  # "Yalı Caddesi", "Bonita Beach": a street or a place, not a person
        particles = _shared_words("name_particles")
        if any((self.is_stop(t) and not (0 < k < len(name) - 1 and t.f in particles) and not self._initial(name, k))
               or self.is_trigger(t) for k, t in enumerate(name)):
            return
        if len(name) == 1 and self.is_calendar(name[0]):
            return
        first = name[0]
        evidence = trigger or self.evidence_before(first.i) or (len(name) >= 2 and self.role_before_comma(first.i))
        if len(name) >= 2 and not trigger and self._known_place(name):
            return  # "Vila Nova de Gaia", "Santa Cruz": a place whose first word is also a given name
        if len(name) >= 2:
            known = self.known_person(name)
            if known is None and (given := self._given_name_last(name)) is not None:
                self._add_person(name, None, "full", raw=(given, *(t.text for t in name[:-1])))
                return
            if known or self.is_given(name[0]) or evidence or self.evidence_after(name[-1].i):
                if self._named_after(name):
                    return
                self._add_person(name, known, "full")
            return
        # a single word: needs evidence; a place or organisation after a speech verb stays what it is
        t = name[0]
        if not evidence or _is_acronym(t.text) or len(t.text) < 2:
            return
        prev = self.toks[t.i - 1] if t.i > 0 else None
        if prev is not None and prev.f in self.rules.noun_markers:
            return  # German "Frau des Hauptangeklagten", "Chef der Bande": a noun after an article
        titled = trigger or (prev is not None and (self.is_trigger(prev) or self.is_honorific(prev)))
        if not titled and self.lookup(t.i, 1, allow_city=True):
            return
        if (org := self._org_by_first_word(t)) is not None:
            self.add(Mention(ORG, org, t.start, t.end, (t.i,), "short"))
            return  # "doplnil kouč Viktorie": the club Viktoria Plzeň by its first word, declined
        self._add_person([t], None, "single")

    def _named_after(self, name: list[Tok]) -> bool:
        """A person's name right after a street, district or building word ("carrer Pere Martell", "bairro Simão
        Bolívar", "ul. Jana Pawła II"): the place of that name, added as written (its words are no towns either:
        "Simão" is no Simao in China)."""
        before = self.toks[name[0].i - 1] if name[0].i > 0 else None
        if before is None or before.f not in self.rules.named_after or before.cap \
                or name[0].prev_gap.strip() not in ("", "."):
            return False
        self.add(Mention(LOC, " ".join(t.text for t in name), name[0].start, name[-1].end, tuple(t.i for t in name),
                         "named_after"))
        return True

    def _org_by_first_word(self, t: Tok) -> str | None:
        """The organisation of several words found in the article whose first word this is, in some case
        form, unless it is a well-known person's surname."""
        word = stem(t.text, self.rules)
        org = next((m.name for m in self.mentions if m.type == ORG and len(m.tokens) >= 2
                    and stem(self.toks[m.tokens[0]].text, self.rules) == word), None)
        if org is None or any(self.g.persons_by_fold.get(fold(form)) for form in self._latin_forms(t)):
            return None
        return org

    def _place_first(self, toks: list[Tok], g: int) -> bool:
        """The given name at g is a known place, and a given name after a word that is none starts the
        rest of the run: the run opens with the place, not with the person."""
        entry = self.lookup(toks[g].i, 1, allow_city=True)
        return entry is not None and entry.type == LOC and any(
            self.is_given(toks[k]) and not self.is_given(toks[k - 1]) for k in range(g + 1, len(toks) - 1))

    def _given_name_last(self, name: list[Tok]) -> str | None:
        """In a language that writes the family name first, the given name that ends a two-word name
        ("Karácsony Gergely", "Karikó Katalinnak" -> Katalin), else None."""
        if len(name) != 2 or not family_name_first(self.written_lang):
            return None
        last = name[-1]
        if self.is_given(last):
            return last.text
        return undo_case(last.text, case_rewrites(self.written_lang, "surname"), lambda b: fold(b) in self.g.given_names)

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
        """Rule-based match against the well-known persons list (measured rule of the reference); a name with one
        more surname after a listed person's own ("Claudia Sheinbaum Pardo": Spanish names carry the mother's
        surname last, English text leaves it out) is that person when given name and surname are the listed ones."""
        found = self._known_person(name)
        if found is None and len(name) >= 3 and _SECOND_SURNAME.fullmatch(name[-1].text):
            shorter = self._known_person(name[:-1])
            if shorter is not None and fold(name[0].text) == fold(shorter.first) \
                    and fold(name[-2].text) == fold(shorter.last):
                return shorter
        return found

    def _known_person(self, name: list[Tok]) -> KnownPerson | None:
        if len(name) > 1:  # a name of several words listed as an alias ("Elizabeth II", "Papst Franziskus")
            whole = fold(" ".join(t.text for t in name))
            listed = [kp for kp in self.g.persons_by_fold.get(whole, []) if kp.first == kp.last]
            if listed:
                return listed[0]
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

    def _add_person(self, name: list[Tok], known: KnownPerson | None, kind: str,
                    raw: tuple[str, ...] | None = None) -> None:
        """`raw`: the name words in given-name-first order when the text writes them otherwise."""
        canonical = known.name if known else None
        raw = raw or tuple(self._with_initial_dot(t) for t in name)
        first_tok, last_tok = (name[-1], name[0]) if raw[0] != name[0].text else (name[0], name[-1])
        first_latin = self._latin_forms(first_tok)[-1] if raw[0] == first_tok.text else raw[0]
        last_latin = self._latin_forms(last_tok)[-1]
        self.add(Mention(PERSON, canonical or "", name[0].start, name[-1].end, tuple(t.i for t in name), kind,
                         first=first_latin if len(name) > 1 else "", last=last_latin, raw=raw))


    def _dotted_initial(self, t: Tok) -> bool:
        """A capital letter written with its full stop ("S." of "Walter S.")."""
        return len(t.text) == 1 and t.text.isupper() and self.text.startswith(".", t.end)

    def _initial(self, name: list[Tok], k: int) -> bool:
        """Word k of the name is an initial after a given name ("Walter S.", "Katrine I. Ankervold"): part of the
        name, though "S" or "I" is a stop word somewhere."""
        return k > 0 and self._dotted_initial(name[k]) and self.is_given(name[0])

    def _with_initial_dot(self, t: Tok) -> str:
        """An initial keeps its full stop ("Alberto H."), as the name is written."""
        return t.text + "." if self._dotted_initial(t) else t.text

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
                rec.last_pos = max(rec.last_pos, t.start)
