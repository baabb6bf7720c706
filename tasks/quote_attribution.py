"""Attribution: the speaker of a quote from the clause around it (verbs of saying, names, roles)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tasks import speakers
from tasks.quote_context import _Context, _Ent, _possessive
from tasks.quote_rules import ANON, QuoteRules, _TOKEN, _fold

if TYPE_CHECKING:
    from tasks.quotes import _Quote


def _words(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _is_modifier(ctx: _Context, e: _Ent, lang: str, window_end: int) -> bool:
    """"Putin’s (adviser Ushakov)", "Putins (rådgiver Usjakov)", "советник Путина (Юрий Ушаков)"."""
    if _possessive(ctx, e):
        return True
    nxt = [p for p in ctx.ents if e.end <= p.start < min(window_end, e.end + 60) and p.type == "person"]
    if nxt:
        # "советник Путина Юрий Ушаков": nothing, or only a role, between two names
        between = ctx.text[e.end:nxt[0].start].strip()
        if not between:
            return True
        roles = ctx.rules.roles
        if roles is not None and "," not in between and len(_words(between)) <= 4:
            covered = sum(len(m.group()) for m in roles.finditer(between))
            if covered and all(w[:1].islower() or roles.fullmatch(w) for w in _words(between)):
                return True
    return False


_HARD = re.compile(r"[;!?()\[\]]|:(?![^\W\d_])|(?<![A-ZÀ-Þ])(?<!\b[A-Z][a-z])(?<!\b[A-Z][a-z][a-z])\.(?=\s|$)")


def _pronoun_in_verb(text: str, verb_end: int, rules: QuoteRules) -> bool:
    """Does the verb of saying ending at verb_end carry its subject pronoun ("a-t-il rappelé", "dit-elle", and
    the inverted "zei hij", "sagte er" of a verb-second language)?"""
    words = _TOKEN.findall(text[max(0, verb_end - 25):verb_end])[-2:]
    return any(part in rules.pronouns for w in words if "-" in w for part in _fold(w).split("-")[1:]) \
        or bool(words) and text[verb_end - len(words[-1]):verb_end] == words[-1] and _fold(words[-1]) in rules.pronouns


def abbreviation_dot(text: str, m: re.Match, rules: QuoteRules) -> bool:
    """The full stop of a title or rank ("mówi st. kpt. Wojciech Strugacz"), not the clause's end."""
    if text[m.start()] != ".":
        return False
    word = text[max(0, m.start() - 12):m.start()].split()[-1:] or [""]
    return word[0].lower() in rules.abbreviations or (len(word[0]) == 1 and word[0].isalpha())


# Roles whose holder speaks for the organisation named with them ("a Kremlin spokesman said": the Kremlin); any
# other role's holder speaks for themselves ("the coach of Dinamo said" is not Dinamo speaking)
SPEAKING_FOR_ORGS = frozenset({"spokesperson"})
# "dijo ante la prensa el ministro Juan Pérez": a subject after the addressee phrase starts within these words
SUBJECT_AFTER_ADDRESSEE_WORDS = 7


def _speaker_after(ctx: _Context, lo: int, hi: int, according: bool = False) -> object:
    """Speaker named right after a verb (verb-subject order): "said Psaki", "sa han", "sa en tjenesteperson"."""
    text, rules = ctx.text, ctx.rules
    hi = min(hi, lo + rules.np_window)
    stop = next((m for m in _HARD.finditer(text, lo, hi) if not abbreviation_dot(text, m, rules)), None)
    hi = stop.start() if stop else hi
    # another quote ends the search, a word or two in quote marks does not ("kommenteeris nädalavahetuse «saaki»
    # Põhja prefektuuri liiklusjärelevalvekeskuse juht Hannes Kullamäe")
    q = next((s for s, e in ctx.quote_spans if lo <= s < hi and len(_words(text[s:e])) > rules.scare_max_words), None)
    hi = min(hi, q - 1) if q is not None else hi
    if according:  # "according to the Kremlin, Putin told Biden": the source ends at the comma
        comma = text.find(",", lo, hi)
        if comma > 0 and ctx.in_span(lo, comma):
            hi = comma
    lead = ctx.in_span(lo, min(hi, lo + 20))
    if lead and lead[0].type == "organization" and rules.addressee is not None and not according \
            and rules.addressee.fullmatch(text[lo:lead[0].start].strip() + " ") is not None:
        lo = lead[0].end  # "disse à Lusa a bióloga marinha Catarina Sousa": the outlet spoken to comes first
    toks = [(m.start(), _fold(m.group())) for m in _TOKEN.finditer(text, lo, hi)]
    if _pronoun_in_verb(text, lo, rules):
        return ctx.person_before(lo) or None  # "« … », a-t-il rappelé sur RTL"
    if not toks:
        return None
    first = toks[0][1]
    ents = ctx.in_span(lo, hi)
    if not according and _addressee_follows(ctx, toks, ents):
        return ctx.person_before(lo) or None  # the subject was left out: the person named last
    if first in rules.anonymous or first in rules.anonymous_nouns:
        if not (ents and ents[0].start == toks[0][0]) and not _described_person(ctx, toks, ents):
            return ANON
    for pos, t in toks[:3]:
        if t in rules.pronouns or any(part in rules.pronouns for part in t.split("-")[1:]):
            if not ents or ents[0].start > pos:
                return ctx.person_before(pos) or None
        org = speakers.pronoun_speaker(ctx, t, pos) if pos == toks[0][0] else speakers._NOT
        if org is not speakers._NOT and (not ents or ents[0].start > pos):
            return org  # "“…,” it said", "skriver de"
    if ents and not according and ents[0].type != "person":
        # "said Gina Zanetti, the mission's scientist at NASA": a name the entity stage missed, before an organisation
        local = _local_name(ctx, lo, ents[0].start, toks) if not _TOKEN.match(text, toks[0][0]).group()[:1].isupper() \
            else _bare_name(text, [t for t in toks if t[0] < ents[0].start], ctx)
        if local is not None:
            return local
    heads = [e for e in ents if not _is_modifier(ctx, e, rules.lang, hi)]
    # "disse à Lusa a bióloga Catarina Sousa", "sa til NTB": an organisation spoken to is not the speaker
    heads = [e for e in heads if not (e.type == "organization" and rules.addressee is not None
                                      and rules.addressee.search(text, max(lo, e.start - 12), e.start))]
    if not heads and ents and all(e.type == "organization" for e in ents) and rules.addressee is not None \
            and all(rules.addressee.search(text, max(lo, e.start - 12), e.start) for e in ents):
        ents = []
    if heads:
        head = heads[0]
        if head.type == "organization" and rules.roles is not None:
            # "aseguró el portavoz del Kremlin, Dmitri Peskov": the organisation belongs to a role
            later = next((e for e in heads if e.type == "person"), None)
            phrase = _words(text[lo:head.start])
            role_phrase = bool(rules.roles.search(text, lo, head.start)) or bool(phrase) and phrase[0][:1].islower()
            if later is not None and (rules.roles.search(text, lo, later.start) or role_phrase):
                return later.name
            # "ha spiegato il segretario nazionale dell'Usb Lavoro Privato, Marco Bernardini": the
            # entity stage missed the person named after the role phrase
            if later is None and not according and role_phrase and \
                    (name := _appositive_name(ctx, head.end, hi)) is not None:
                return name
            if later is None and role_phrase and isinstance(who := _role_in(ctx, lo, head.end, True), str):
                return who  # "oświadczył prezes NBP": the NBP's president named nearby
            role = rules.roles.search(text, lo, head.start)
            if later is None and role is not None and rules.role_of.get(_fold(role["role"])) not in SPEAKING_FOR_ORGS:
                return None  # "poručio je trener Dinama": Dinamo's coach speaks, and the text names no coach
        return head.name
    if ents:
        return ents[-1].name
    if not according and (name := _local_name(ctx, lo, hi, toks)) is not None:
        return name  # "ha detto l'amministratore delegato Giorgio Furlani": the name stands right here
    role = _role_in(ctx, lo, hi, first_only=True)
    if role is not None or (role := speakers.institution(ctx, lo, hi)) is not None:
        return role
    return _bare_name(text, toks, ctx, single=according)


def _addressee_follows(ctx: _Context, toks: list[tuple[int, str]], ents: list) -> bool:
    """In a language that leaves subjects out, the verb's complement follows it, not its subject: whom it
    addresses, in lower case, with no name in the first words ("“…”, comprometió ante miles de personas
    reunidas en el Zócalo")."""
    rules, text = ctx.rules, ctx.text
    if not rules.pro_drop or rules.addressee is None or len(toks) < 2 or not text[toks[1][0]].islower() \
            or not rules.addressee.search(text, toks[0][0], toks[1][0]):
        return False
    subject_until = toks[min(len(toks), SUBJECT_AFTER_ADDRESSEE_WORDS) - 1][0]
    return not any(e.start <= subject_until for e in ents)


DESCRIBED_MAX_WORDS = 6


def _described_person(ctx: _Context, toks: list[tuple[int, str]], ents: list) -> bool:
    """"sade en uppenbart glad men också rörd Alexander Stubb", "said a visibly relieved Olaf Scholz": an article
    and a few lower-case words describe the person named next, who speaks. Not "said a spokesman for Joe Biden"
    (a role noun, or a short word such as a preposition, before the name)."""
    person = next((e for e in ents if e.type == "person"), None)
    if person is None or (ents and ents[0] is not person):
        return False
    between = [(pos, t) for pos, t in toks[1:] if pos < person.start]
    if not between or len(between) > DESCRIBED_MAX_WORDS:
        return False
    text, rules = ctx.text, ctx.rules
    words = [text[pos:pos + len(t)] for pos, t in between]
    return all(w[:1].islower() for w in words) and len(between[-1][1]) >= 4 \
        and not any(t in rules.anonymous_nouns for _, t in between) \
        and not (rules.roles is not None and rules.roles.search(text, toks[0][0], person.start))


def _speaker_before(ctx: _Context, lo: int, hi: int, quote_start: int) -> object:
    """Speaker named right before a verb (subject-verb order): "Psaki said", "he said", "the spokeswoman added"."""
    text, rules = ctx.text, ctx.rules
    toks = [(m.start(), _fold(m.group())) for m in _TOKEN.finditer(text, lo, hi)]
    if not toks:
        return None
    last_pos, last = toks[-1]
    if last in rules.pronouns or (org := speakers.pronoun_speaker(ctx, last, last_pos)) is not speakers._NOT:
        return ctx.person_before(last_pos) if last in rules.pronouns else org
    if (name := speakers.appositive_subject(ctx, lo, hi)) is not None:
        return name  # "Jorge Mas, uno de los propietarios del Inter Miami, dijo"
    if last in rules.anonymous_nouns or " ".join(t for _, t in toks[-2:]) in rules.anonymous_nouns:
        return ANON
    head = [t for _, t in toks[:5]]
    if head and head[0] in rules.anonymous and any(t in rules.anonymous_nouns for t in head[1:]):
        return ANON  # "A senior Hamas official, speaking on condition of anonymity, said"
    if rules.anonymous_of is not None and rules.anonymous_of.match(text, toks[0][0]) and \
            not ctx.in_span(lo, hi):
        return ANON  # "One of the market participants called the decision “…”"
    ents = ctx.in_span(lo, hi)
    if ents and ents[-1].type == "organization" and (name := _appositive_name(ctx, ents[-1].end, hi)) is not None \
            and not ctx.in_span(ents[-1].end, hi)[1:]:
        return name  # "El técnico del Getafe, José Bordalás, se quejó": the person after the organisation
    if ents and ents[-1].type == "organization":
        # "Analytiker Kristoffer Berg i DNB Carnegie mener", "Gina Zanetti of NASA said": the person the
        # organisation qualifies is the subject
        person = next((p for p in reversed(ents[:-1]) if p.type == "person"), None)
        if person is not None and len(_words(text[person.end:ents[-1].start])) <= 3 \
                and not re.search(r"[.;:]", text[person.end:ents[-1].start]):
            return person.name
        if (name := speakers.sentence_subject(ctx, lo, hi, ents)) is not None:
            return name  # "Messi firmó con el Inter Miami y aseguró que …"
    if ents:
        e = ents[-1]
        between = text[e.end:hi]
        if rules.roles is not None and (m := rules.roles.search(text, e.end, hi)) and len(_words(between)) <= 5:
            # "Putin's adviser said", "the Kremlin spokesman said": the role names the speaker
            key = rules.role_of[_fold(m["role"])]
            quals = ctx._qualifiers(lo, hi, m) | frozenset(_fold(w)[:4] for w in e.name.split() if len(w) >= 4)
            named = ctx.resolve_role(key, quals, quote_start)
            if named and named != e.name:
                return named
        return e.name
    if (name := _name_before(ctx, lo, hi)) is not None:
        return name
    role = _role_in(ctx, lo, hi, first_only=False)
    if role is not None or (role := speakers.institution(ctx, lo, hi)) is not None:
        return role
    if toks[0][1] in rules.pronouns:
        return ctx.person_before(toks[0][0])  # "Il a appelé les Français à se faire vacciner : « … »"
    return None


def _role_in(ctx: _Context, lo: int, hi: int, first_only: bool) -> object:
    rules = ctx.rules
    if rules.roles is None:
        return None
    found = list(rules.roles.finditer(ctx.text, lo, hi))
    if not found:
        return None
    m = found[0] if first_only else found[-1]
    words_before = _words(ctx.text[max(lo, m.start() - 40):m.start()])
    if words_before and _fold(words_before[-1]) in rules.anonymous:
        return ANON  # "a spokesman", "en talsperson"
    key = rules.role_of[_fold(m["role"])]
    return ctx.resolve_role(key, ctx._qualifiers(lo, hi, m), m.start()) \
        or speakers.nearby_person(ctx, key, m.start())


def _local_name(ctx: _Context, lo: int, hi: int, toks: list[tuple[int, str]]) -> str | None:
    """A person named after a role phrase that the entity stage did not list: the name after
    the appositive comma ("dijo la consejera de Presidencia de Cantabria, Isabel Urrutia"), else
    the first run of capitalised words after lower-case role words ("ha detto l'amministratore
    delegato Giorgio Furlani"). Only when the words before it are lower case or a role."""
    text, rules = ctx.text, ctx.rules
    toks = [t for t in toks if t[0] < hi]
    if not toks or _TOKEN.match(text, toks[0][0]).group()[:1].isupper():
        return None  # a capitalised word right after the verb is handled as a bare name
    comma = text.find(",", lo, hi)
    if comma > 0 and (rules.roles is not None and rules.roles.search(text, lo, comma)
                      or all(not w[:1].isupper() for w in _words(text[lo:comma])[:2])):
        name = _appositive_name(ctx, comma, hi)
        if name is not None:
            return name
    for i, (pos, _) in enumerate(toks[:8]):
        w = _TOKEN.match(text, pos).group()
        prev = _fold(_TOKEN.match(text, toks[i - 1][0]).group()) if i else ""
        if not w[:1].isupper() or i and _TOKEN.match(text, toks[i - 1][0]).group()[:1].isupper():
            continue  # only the start of a run of capitalised words
        if prev in _OF_WORDS or re.fullmatch(r"\w{1,4}['’]\w+", prev) and prev.split("'")[0] + "'" in _OF_ELIDED:
            continue  # "de Presidencia de Cantabria", "dell'Usb Lavoro": a complement of the role, no name
        # "ha detto l'amministratore delegato Giorgio Furlani", "disse à Lusa a bióloga marinha Catarina Sousa, …"
        if (name := _bare_name(text, toks[i:], ctx)) is not None:
            return name
    return None


_OF_WORDS = frozenset(("de", "of", "del", "della", "delle", "dei", "degli", "di", "do", "da", "dos", "das", "von", "vom",
                       "des", "du", "af", "av", "för", "van", "z", "ze", "din", "al", "at", "i", "in", "en", "for"))
_OF_ELIDED = frozenset(("dell'", "dall'", "nell'", "d'", "de l'", "all'"))


def _is_title(word: str, rules: QuoteRules) -> bool:
    """A word written before a name that is not part of it: a title or role ("Judge", "Richter",
    "Betriebsratschefin"), an acronym ("NASA", "U.S.") or a possessive ("NASA's")."""
    w = _fold(word).rstrip(".")
    if w in rules.titles or word.endswith(("'s", "’s")) or len(word) >= 2 and word.replace(".", "").isupper():
        return True
    if rules.roles is not None:
        if rules.roles.fullmatch(word):
            return True
        if rules.compound_roles and (m := rules.roles.search(word)) and m.end() == len(word):
            return True
    return False


def _strip_titles(run: list[str], rules: QuoteRules) -> list[str]:
    while len(run) > 1 and _is_title(run[0], rules):
        run = run[1:]
    return run


def _name_before(ctx: _Context, lo: int, hi: int) -> str | None:
    """A capitalised full name right before a verb that the entity stage did not list
    ("U.S. Attorney Marcus Bell said", "NASA Administrator Bill Nelson called")."""
    text = ctx.text
    toks = list(_TOKEN.finditer(text, lo, hi))
    if not toks or text[toks[-1].end():hi].strip(" ,"):
        return None
    i = len(toks)
    while i > 0 and len(toks) - i < 6 and (toks[i - 1].group()[:1].isupper()
                                             or toks[i - 1].group() in _PARTICLES and i < len(toks)):
        i -= 1
    run = toks[i:]
    while len(run) > 2 and (len(run[0].group()) == 1 or _is_title(run[0].group(), ctx.rules)):
        run = run[1:]  # "U.S. Attorney Marcus Bell": initials and titles before the name
    if len(run) < 2 or _is_title(run[-1].group(), ctx.rules):
        return None  # "İstanbul Valisi": a role, not a name
    return _bare_name(text, [(t.start(), _fold(t.group())) for t in run], ctx)


def _appositive_name(ctx: _Context, pos: int, hi: int) -> str | None:
    """The full name right after pos, after a comma or not ("…, Marco Bernardini, …",
    "prezes Narodowego Banku Polskiego Adam Glapiński")."""
    text = ctx.text
    m = re.compile(r"\s*,?\s*").match(text, pos)
    if not m:
        return None
    toks = [(t.start(), _fold(t.group())) for t in _TOKEN.finditer(text, m.end(), hi)]
    return _bare_name(text, toks, ctx)


def _bare_name(text: str, toks: list[tuple[int, str]], ctx: _Context | None = None, single: bool = False) -> str | None:
    """A capitalised full name the entity stage did not list ("said Jonas Gahr Støre"): kept as written.

    A single capitalised word is taken when it is the surname of a person of the article, or
    (`single`) after "according to" ("enligt Handelsbanken")."""
    run = []
    prev_end = None
    for pos, _ in toks[:5]:
        w = _TOKEN.match(text, pos).group()
        if prev_end is not None and (gap := text[prev_end:pos].strip()):
            if gap != "." or len(run[-1]) != 1:
                break  # a comma or a dash ends the name; an initial's dot does not ("Geir K. Hus")
            run[-1] += "."
        prev_end = pos + len(w)
        if w[:1].isupper() and w.replace("-", "").replace("'", "").replace("’", "").isalpha():
            run.append(w)
        elif run and w in _PARTICLES:
            run.append(w)
        else:
            break
    if run and run[-1] in _PARTICLES:
        run = run[:-1]
    if ctx is not None:
        run = _strip_titles(run, ctx.rules)
    joined = "".join(run).replace(".", "")  # "Geir K. Hus": an initial's dot
    if len(run) >= 2 and all(not ch.isdigit() for ch in joined) and _LATIN.fullmatch(joined):
        if ctx is not None and any(e.start <= toks[0][0] < e.end and e.type == "location" for e in ctx.all_ents):
            return None
        name = " ".join(run)
        if ctx is not None:
            ctx.add_person(text.find(name, toks[0][0]), name)
        return name
    if len(run) == 1 and ctx is not None and (full := ctx.full_name(run[0])):
        return full
    if len(run) == 1 and single and _LATIN.fullmatch(run[0]) and len(run[0]) > 2 and "'" not in run[0] \
            and "’" not in run[0] and (ctx is None or not any(e.start <= toks[0][0] < e.end for e in ctx.all_ents)):
        return run[0]
    return None


_LATIN = re.compile(r"[A-Za-zÀ-ɏḀ-ỿ'’-]+")
_PARTICLES = frozenset(("van", "von", "de", "der", "den", "da", "di", "del", "la", "le", "'t", "bin", "al", "dos", "das", "du"))


def _attribute(ctx: _Context, q: _Quote, sent: tuple[int, int], masked_sent: str) -> None:
    """Find the attribution of a marked quote in its sentence and set q.speaker / q.attributed."""
    text, rules = ctx.text, ctx.rules
    s_lo, s_hi = sent
    q_lo, q_hi = q.open_pos, q.close_pos + 1
    pre_lo = s_lo
    post_hi = s_hi
    masked = lambda a, b: masked_sent[a - s_lo:b - s_lo]  # noqa: E731

    # (a) a verb right after the quote: "“…,” said Psaki", "«…», — заявил Песков", "…“, so Psaki"
    for v in rules.verbs.finditer(masked_sent, max(0, q_hi - s_lo), post_hi - s_lo):
        v_lo, v_hi = s_lo + v.start(), s_lo + v.end()
        gap = masked(q_hi, v_lo)
        if "," in gap and (who := speakers.appositive_subject(ctx, q_hi, v_lo)) is not None:
            return _set(q, who)  # "“…,” Jane Roe, the chief executive, wrote"
        # the clause starts after the last comma: "“…” in the event of an invasion, Biden told Putin"
        clause_lo = q_hi + gap.rfind(",") + 1 if "," in gap else q_hi
        if len(_words(masked(clause_lo, v_lo))) > rules.post_max_words or _HARD.search(gap):
            break
        subject = _words(masked(clause_lo, v_lo))
        if subject and all(_fold(w) in rules.conjunctions for w in subject):
            break  # "X called the launch “…” and said": the main clause before the quote names the speaker
        direct = not _words(gap)  # nothing but punctuation between the quote and the verb
        if not direct and subject and any(v_hi <= o < post_hi for o, _ in ctx.quote_spans) \
                and any(_fold(b.group()) not in rules.post_only
                        for b in rules.verbs.finditer(masked_sent, 0, max(0, q_lo - s_lo))):
            break  # "X a assuré “…” à la panne, il a estimé que “…”": the later verb has a quote of its own
        if not direct and not subject and _fold(v.group()) in rules.participles:
            break  # "…“appropriately” if …, adding that …": the participle continues the main clause
        before = _speaker_before(ctx, clause_lo, v_lo, q.start) if subject else None
        who = before if before is not None else _speaker_after(ctx, v_hi, post_hi)
        if who is None and direct:
            who = ctx.person_before(q.start)  # implicit subject: "…", dedi. / «…», dijo. / «…», a-t-il dit.
        if who is None and not direct and not subject:
            break  # a verb further on without a subject of its own: look before the quote
        _set(q, who)
        return
    # (b) "…, according to the Kremlin"
    if rules.according is not None:
        m = rules.according.search(masked_sent, max(0, q_hi - s_lo), post_hi - s_lo)
        if m and not _HARD.search(masked(q_hi, s_lo + m.start())):
            who = _speaker_after(ctx, s_lo + m.end(), post_hi, according=True)
            if who is not None:
                _set(q, who)
                return
    # (c) a verb before the quote: "Lavrov ruled out any “concessions.”", "sa Peskov: «…»"
    verbs = [v for v in rules.verbs.finditer(masked_sent, 0, max(0, q_lo - s_lo))
             if _fold(v.group()) not in rules.post_only]
    acc = list(rules.according.finditer(masked_sent, 0, max(0, q_lo - s_lo))) if rules.according else []
    if verbs:
        v = verbs[-1]
        v_lo, v_hi = s_lo + v.start(), s_lo + v.end()
        if acc and acc[-1].start() >= v.start():  # "according to" is a verb too in some lists
            who = _speaker_after(ctx, s_lo + acc[-1].end(), q_lo, according=True)
        elif _fold(v.group()) in rules.participles:
            ents = ctx.in_span(pre_lo, v_lo)  # "Putin warned Biden …, saying …": the main clause's subject
            who = ents[0].name if ents else ctx.person_before(v_lo)
        else:
            who = _speaker_before(ctx, pre_lo, v_lo, q.start)
            lead_in = text[v_hi:q_lo]
            if who is None and len(_words(lead_in)) <= 5 and lead_in.rstrip().endswith((":", ",", "،")):  # "،": the Arabic comma
                who = _speaker_after(ctx, v_hi, q_lo)  # "sa Peskov: «…»", "erklärte Psaki, „…“"
            if who is None and rules.pro_drop and not _words(masked(pre_lo, v_lo)):
                who = ctx.person_before(v_lo)  # "Dijo: «…»", "Powiedział, że „…”"
        _set(q, who)
        return
    if acc:
        who = _speaker_after(ctx, s_lo + acc[-1].end(), q_lo, according=True)
        if who is not None:
            _set(q, who)
            return
    # (d) postposition: "Erdoğan'a göre", "dem Kreml zufolge"
    if rules.according_post is not None:
        for span_lo, span_hi in ((pre_lo, q_lo), (q_hi, post_hi)):
            m = rules.according_post.search(masked_sent, span_lo - s_lo, span_hi - s_lo)
            if m:
                ents = ctx.in_span(span_lo, s_lo + m.start())
                if ents:
                    _set(q, ents[-1].name)
                    return
    # (e) an introduction ending with a colon: "Putin on the call: “…”"
    pre = text[pre_lo:q_lo].rstrip()
    if pre.endswith(":"):
        who = _speaker_before(ctx, pre_lo, pre_lo + len(pre) - 1, q.start)
        if who is not None:
            _set(q, who)
            return
    # standalone quote sentence: may inherit the speaker of the quote just before it
    if not _words(masked(pre_lo, q_lo)) and not _words(masked(q_hi, post_hi)):
        q.inherit = True


def _set(q: _Quote, who: object) -> None:
    q.attributed = True
    q.speaker = who


def _attribute_dash(ctx: _Context, q: _Quote) -> None:
    v = q.extra.get("verb")
    if v is None:
        q.inherit = True
        return
    sep, end = q.dash_attr
    who = _speaker_before(ctx, sep + 1, v.start(), q.start) if _words(ctx.text[sep + 1:v.start()]) else None
    if who is None:
        who = _speaker_after(ctx, v.end(), end)
    if who is None and not _words(ctx.text[sep + 1:v.start()]):
        who = ctx.person_before(q.start)
    _set(q, who)
