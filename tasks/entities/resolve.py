"""Resolving to canonical names: one English name per person of an article, and by name alone."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from tasks.entities.data import LOC, ORG, PERSON, _load_toml
from tasks.entities.gazetteers import Gazetteer, KnownPerson, _shared_words
from tasks.entities.mentions import _Article
from tasks.entities.names import (royal_titles, FIRSTNAME_JW, SURNAME_JW, _CYRILLIC, _GREEK, _UK_LETTERS, _apply_rules, _translit,
                                  case_rewrites, fold, jw, skeleton, transliterate, undo_case)
from tasks.entities.tokens import Mention, Tok


@dataclass
class PersonRecord:
    name: str
    surname: str
    keys: set[str]
    fold_keys: set[str]
    last_pos: int


def looks_slavic(first: str, last: str) -> bool:
    """A Slavic surname ending, or a Slavic given name in a foreign spelling ("Witalij Kowal")."""
    rules = _translit()
    f_last, f_first = fold(last), fold(first)
    slavic_given = skeleton(first) in _slavic_given_skeletons()
    for endings, need_given in ((rules["slavic_surname_endings"], False), (rules["slavic_surname_endings_weak"], True)):
        if any(f_last.endswith(e) and len(f_last) > len(e) + 2 for e in endings) and (slavic_given or not need_given):
            return True
    return len(f_first) >= 5 and f_first.endswith(("ij", "yj", "ij")) and slavic_given


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


def nominative_name(tokens: list[str], lang: str, g: "Gazetteer", written: frozenset[str] = frozenset()) -> list[str]:
    """Undo the case ending of a declined name ("Czesławem Siekierskim" -> "Czesław Siekierski",
    "Іллі Рєпіна" -> "Ілля Рєпін"). Evidence first: the given name must become a known given name by
    one of the language's `given_case_rewrites`; only then is the surname rewritten by
    `surname_case_rewrites` (a feminine "Мисліна" or "Kowalska" in the nominative stays as it is).
    A genitive that reads as a feminine nominative ("Олександра Маркушина") is undone when the article
    writes the surname's base form elsewhere (`written`: "..., – написав Маркушин")."""
    rules = _load_toml("languages.toml").get(lang, {})
    given_rw, surname_rw = rules.get("given_case_rewrites"), rules.get("surname_case_rewrites")
    if len(tokens) < 2 or not given_rw:
        return tokens
    base_written = any(tokens[-1].casefold().endswith(old) and len(tokens[-1]) - len(old) >= 3
                       and tokens[-1][: len(tokens[-1]) - len(old)] + new in written for old, new in surname_rw or [])

    def known(word: str, exact: bool = False) -> bool:
        latin = transliterate(word, lang) if _CYRILLIC.search(word) else word
        return fold(latin) in g.given_names or (not exact and bool(_CYRILLIC.search(word))
                                                and skeleton(latin) in g.given_skeletons)

    first = tokens[0]
    # both words in the instrumental, the one case whose endings no nominative has ("Миколою Денковим",
    # "Руменом Радєвим"): undone even when the given name is foreign
    instrumental = rules.get("instrumental_endings")
    pair = instrumental and any(tokens[-1].casefold().endswith(e) for e in instrumental["surname"]) and next(
        ((g, n) for g, n in instrumental["given"] if first.casefold().endswith(g) and len(first) - len(g) >= 3), None)
    if pair:
        cand = first[: len(first) - len(pair[0])] + pair[1]
    elif known(first, exact=True) and not base_written:
        return tokens
    else:
        # a given name only like a known one ("Олега" ~ Olga) is still read as declined when undoing
        # an ending gives a known name exactly ("Олег")
        loose = known(first)
        for old, new in given_rw:
            low = first.casefold()
            if low.endswith(old) and len(low) - len(old) >= 2:
                cand = first[: len(first) - len(old)] + new
                if known(cand, exact=loose):
                    break
        else:
            return tokens
    last = tokens[-1]
    for old, new in surname_rw or []:
        if last.casefold().endswith(old) and len(last) - len(old) >= 3:
            last = last[: len(last) - len(old)] + new
            break
    return [cand, *tokens[1:-1], last]


def base_form_in_article(raw: list[str], lang: str, written: frozenset[str], given_names: frozenset[str]) -> list[str]:
    """A declined name put back in the nominative where the evidence allows: the surname loses a case
    ending when the article writes its base form elsewhere ("Föhrin" -> "Föhr" beside "Föhr sanoo",
    "Lehtosella" -> "Lehtonen") or when no nominative ends so ("Vidovića"); then, in languages that
    decline given names, the given name beside it too ("Gabriela Vidovića" -> "Gabriel Vidović").
    Without evidence the name stays as written (a nominative "Marin" is not "Mar")."""
    last = raw[-1]
    base = undo_case(last, case_rewrites(lang, "always"), lambda b: True) or \
        undo_case(last, case_rewrites(lang, "surname"), lambda b: b in written)
    if base is None:
        return declined_alike(raw, lang, given_names)
    out = [*raw[:-1], base]
    if len(raw) >= 2 and (given := undo_case(raw[0], case_rewrites(lang, "given"), lambda b: fold(b) in given_names)):
        out[0] = given
    return out


@lru_cache(maxsize=None)
def _agreeing(lang: str) -> tuple[tuple[tuple[str, str, str], ...], str]:
    """A language's agreeing case endings, the longest surname ending first, and its fleeting-e consonants."""
    rules = _load_toml("name_cases.toml").get(lang, {})
    return tuple(sorted(map(tuple, rules.get("agreeing", [])), key=lambda r: -len(r[1]))), rules.get("fleeting_e", "")


def declined_alike(raw: list[str], lang: str, given_names: frozenset[str]) -> list[str]:
    """A masculine name whose two words carry agreeing case endings (name_cases.toml `agreeing`: "Davida
    Bičíka" -> David Bičík), undone when the given name without its ending is a known one."""
    agreeing, fleeting_e = _agreeing(lang)
    if len(raw) != 2:
        return raw
    first, last = raw
    for given_end, surname_end, nominative in agreeing:
        if not (first.endswith(given_end) and last.endswith(surname_end) and len(last) - len(surname_end) >= 3):
            continue
        given = first[: len(first) - len(given_end)]
        if fold(given) not in given_names:
            continue
        surname = last[: len(last) - len(surname_end)] + nominative
        if not nominative and len(surname) >= 2 and surname[-1] in "kc" and surname[-2] in fleeting_e:
            surname = surname[:-1] + "e" + surname[-1]
        return [given, surname]
    return raw


# Letters of Latin-script Slavic and Baltic spellings: such a name is already in its own form
# (Czesław, Paweł, Šimečka) and is never respelled as if it were a transliteration.
_NATIVE_SLAVIC_LETTERS = frozenset("łśźżćńąęčšžřěůďťľĺŕėųū")
_NATIVE_FEMININE_ENDINGS = ("ová", "ská", "cká")  # Czech and Slovak: "Petra Kvitová" stays, not "Petro"


def english_person_name(tokens: list[str], lang: str) -> str:
    """Build the usual English form of a name nobody listed: transliterate Cyrillic, respell Slavic
    names written by the conventions of another language (Juri Uschakow -> Yuri Ushakov)."""
    words = [transliterate(t, lang) if _CYRILLIC.search(t) or _GREEK.search(t) else t for t in tokens]
    cyrillic = bool(_CYRILLIC.search("".join(tokens)))
    native = not cyrillic and (bool(_NATIVE_SLAVIC_LETTERS & set("".join(tokens).casefold()))
                               or tokens[-1].endswith(_NATIVE_FEMININE_ENDINGS))
    if len(words) >= 2 and not native and (cyrillic or looks_slavic(words[0], words[-1])):
        src = lang if not cyrillic else "en"
        first = _respell(words[0], src) if src != "en" else words[0].lower()
        # Ukrainian and Bulgarian names keep their national transliteration (Ihor, Valentyna, Rumen,
        # Aleksandar), not the Russian form
        national = cyrillic and (lang in ("uk", "bg") or bool(_UK_LETTERS.search("".join(tokens))))
        canon_first = _titlecase(first) if national else _canonical_given(first)
        last = _respell(words[-1], src) if src != "en" else words[-1].lower()
        last = _apply_rules(last, [tuple(r) for r in _translit()["surname_finals"]])
        middle = [w for w in words[1:-1]]
        words = [canon_first, *middle, _titlecase(last)]
    particles = _shared_words("name_particles")
    words = [f"{w}." if len(w) == 1 and w.isupper() and k < len(words) - 1 else w for k, w in enumerate(words)]
    return " ".join(w if fold(w) in particles else (w[:1].upper() + w[1:]) for w in words)


def _canonical_given(first: str) -> str:
    cands = _slavic_given_skeletons().get(skeleton(first))
    if not cands:
        return _titlecase(first)
    return max(cands, key=lambda c: jw(c, first))


# ---------------------------------------------------------------------------------------------
# public functions


def _resolve_persons(a: _Article) -> dict[str, PersonRecord]:
    """Give every person mention its canonical name; link single words to full names of the article."""
    full = [m for m in a.mentions if m.type == PERSON and m.kind == "full"]
    records: dict[str, PersonRecord] = {}
    declines = bool(case_rewrites(a.written_lang, "surname") or case_rewrites(a.written_lang, "always"))
    capitalised = frozenset(t.text for t in a.toks if t.cap)  # the forms the article writes
    written = capitalised if declines else frozenset()
    # unknown full names: the same person may appear in several case forms; group by surname skeleton
    for m in full:
        if not m.name:
            raw = list(m.raw)
            if written:
                raw = base_form_in_article(raw, a.written_lang, written, a.g.given_names)
            m.name = english_person_name(nominative_name(raw, a.lang, a.g, capitalised), a.written_lang)
    # longer names first, so that "Quintela Bastos" and "Van der Linden" find "Helena Quintela Bastos"
    # and "Saskia van der Linden" whatever their order in the text; ties keep the text order
    for m in sorted(full, key=lambda m: -len(m.tokens)):
        rec = next((other for other in records.values() if _same_person(m.last, m.first, other)
                    or _is_name_tail(m.name, other.name)), None)
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
        # every surname of a compound surname names the person alone ("Fernández" for Jaime Fernández
        # Bernabé); given names and particles do not
        for k in m.tokens[1:-1]:
            t = a.toks[k]
            if t.f not in _shared_words("name_particles") and not a.is_given(t) and len(t.text) >= 3:
                rec.keys.update({fold(t.text), "sk:" + skeleton(t.text)})
                rec.fold_keys.add(fold(t.text))
        rec.last_pos = max(rec.last_pos, m.start)
    # single words with evidence: a royal title, a full name of the article, else a well-known person,
    # else as written
    for m in [m for m in a.mentions if m.type == PERSON and m.kind == "single"]:
        if (royal := royal_name(a, m)) is not None:
            m.name = royal
            continue
        rec = _find_record(a, m, records)
        if rec:
            m.name = rec.name
            rec.last_pos = max(rec.last_pos, m.start)  # the person last named is the one a surname means next
            continue
        known = _known_by_surname(a, a.toks[m.tokens[0]])
        raw = list(m.raw)
        if written and not known:  # a surname alone in a case form: "s Milanovićem" is Milanović
            raw = base_form_in_article(raw, a.written_lang, written, a.g.given_names)
        m.name = known.name if known else english_person_name(raw, a.written_lang).split()[-1]
        if known and known.name not in records:
            kp_last = known.last
            records[known.name] = PersonRecord(known.name, kp_last, {fold(kp_last), "sk:" + skeleton(kp_last)},
                                               {fold(kp_last)}, m.start)
    return records


@lru_cache(maxsize=1)
def _royal_titles() -> tuple[dict[str, str], dict[str, list[str]]]:
    """(folded title word -> English title, "<Title> <Given>" -> listed persons whose name it starts)."""
    titles = royal_titles()
    aliases = _load_toml("persons.toml").get("aliases", {})
    heads = list(_load_toml("persons.toml")["persons"]["heads"]) + list(aliases)
    listed: dict[str, list[str]] = {}
    for name in dict.fromkeys(heads):
        words = name.split()
        if len(words) >= 3 and words[0] in set(titles.values()):
            listed.setdefault(" ".join(words[:2]), []).append(name)
    for name, forms in aliases.items():  # "Prince Charles" was King Charles III's title
        for form in forms:
            if form.split()[0] in set(titles.values()) and len(form.split()) == 2:
                listed[form] = [name]
    return titles, listed


def royal_name(a: _Article, m: Mention) -> str | None:
    """A given name after a royal title: "kong Harald" -> King Harald V (listed with its number),
    "prins Harry" -> Prince Harry; None without a title right before the name."""
    i = m.tokens[0]
    if i == 0 or len(m.tokens) != 1:
        return None
    titles, listed = _royal_titles()
    before = a.toks[i - 1]
    two = fold(a.toks[i - 2].text + " " + before.text) if i >= 2 else ""
    title = titles.get(two) or titles.get(before.f)
    if title is None or not a.toks[i].joined:
        return None
    given = english_person_name([a.toks[i].text], a.lang).split()[-1]
    if fold(given).endswith("s") and fold(given[:-1]) in a.g.given_names:
        given = given[:-1]  # "kong Haralds" (genitive)
    named = listed.get(f"{title} {given}", [])
    return named[0] if len(named) == 1 else f"{title} {given}"


def _is_name_tail(short: str, long: str) -> bool:
    """'Quintela Bastos' is the tail of 'Helena Quintela Bastos', 'Van der Linden' of 'Saskia van der Linden':
    a later mention by the compound surname alone."""
    s, lg = [fold(w) for w in short.split()], [fold(w) for w in long.split()]
    return 2 <= len(s) < len(lg) and lg[-len(s):] == s


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
    if _is_name_tail(a, b) or _is_name_tail(b, a):
        return True
    s_ok = jw(pa[-1], pb[-1]) >= SURNAME_JW or skeleton(pa[-1]) == skeleton(pb[-1])
    if not s_ok:
        return False
    if len(pa) == 1 or len(pb) == 1:
        return True
    return jw(pa[0], pb[0]) >= FIRSTNAME_JW or skeleton(pa[0]) == skeleton(pb[0])
