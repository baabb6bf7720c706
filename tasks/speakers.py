"""Speakers beyond the quote's own attribution clause (issue 15, point 2).

tasks/quote_attribution.py reads the attribution clause of a quote's sentence; this module holds
what reaches further, and what corrects a name once found:

* standalone quotes: the speaker of the quote before them (also along a run of dash paragraphs),
  of the next dash quote (not for an interviewer's question), of a lead-in paragraph ending with a
  colon ("sagde han:" / "Selon X :") or reporting speech ("…, men han avviser at …"), or of an
  attribution in the sentence just before ("According to X, … She has been “…”"); a dash
  sub-heading ("– På vei ut av krisen") takes nobody's;
* impersonal attributions ("heißt es", "heter det i uttalelsen fra X", "se lee"): the source named
  there, else the statement quoted just before, else NULL;
* an appositive subject: "“…,” Jane Roe, the company's chief executive, wrote";
* institutions: "the committee said", "police said", "selon la préfecture" -> the organisation of
  the article that the noun names; an organisational pronoun ("it said", "skriver de") -> the
  organisation that spoke just before; nothing when the article names no such organisation;
* role phrases with no role on record ("le président français a salué") -> the person the sentence
  before names (its subject when it names several), else the one person of the text just before;
* news agencies and outlets are never speakers (rules/quotes/agencies.toml): the person they quote
  speaks instead, or nobody;
* languages without word lists: a person in a short clause right after the quote or in a short
  lead-in before it;
* a quote printed twice (a pull quote above the article, the same words in the body): the speaker
  of the attributed copy.

Words are data: `institutions`, `org_pronouns`, `neuter_pronouns` and `impersonal` in each
language's file under tasks/rules/quotes/, agencies in agencies.toml. Unattributed quotes keep no
speaker: nothing is carried forward past a paragraph without an attribution.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tasks.rulefiles import read_rules
from tasks.textscan import alternation

RULES_DIR = Path(__file__).parent / "rules" / "quotes"
_TOKEN = re.compile(r"[^\W_][\w'’ʼ-]*")


def _fold(text: str) -> str:
    from tasks.quote_rules import _fold as fold
    return fold(text)


@dataclass(frozen=True)
class SpeakerRules:
    institutions: re.Pattern | None   # "committee", "police", "préfecture": an organisation speaks
    org_pronouns: frozenset[str]      # "it", "they", "de": the organisation named before
    neuter_pronouns: frozenset[str]   # "it": never a person, so also a name the entity stage took for one
    impersonal: re.Pattern | None     # "heißt es", "heter det": the statement quoted before goes on
    agencies: frozenset[str]          # folded names of news agencies and outlets


@lru_cache(maxsize=None)
def load(lang: str) -> SpeakerRules:
    from tasks.quote_rules import WORDS_FOR, news_agencies
    spec = read_rules(RULES_DIR / f"{lang if lang in WORDS_FOR else 'en'}.toml", "quote")
    inst = spec.get("institutions", [])
    imp = spec.get("impersonal", [])
    flags = re.IGNORECASE
    # Germanic compounds end in the noun ("Polizeisprecher" is a role, "Bundespolizei" an institution)
    start = "" if spec.get("compound_roles") else r"(?<!\w)"
    return SpeakerRules(
        institutions=re.compile(rf"{start}(?:{alternation(inst)})(?!\w)", flags) if inst else None,
        org_pronouns=frozenset(_fold(w) for w in spec.get("org_pronouns", [])),
        neuter_pronouns=frozenset(_fold(w) for w in spec.get("neuter_pronouns", [])),
        impersonal=re.compile(rf"(?<!\w)(?:{_with_gaps(imp)})(?!\w)", flags) if imp else None,
        agencies=news_agencies(),
    )


IMPERSONAL_GAP_WORDS = 6


def _with_gaps(phrases: list[str]) -> str:
    """An alternation of phrases where " … " stands for a few words of any kind ("ist … zu lesen": "ist in der
    Mitteilung des Palastes zu lesen")."""
    gap = rf"(?:\s+[^\s.!?]+){{0,{IMPERSONAL_GAP_WORDS}}}\s+"
    plain = [p for p in phrases if "…" not in p]
    gapped = [gap.join(alternation([part.strip()]) for part in p.split("…")) for p in phrases if "…" in p]
    return "|".join(gapped + [alternation(plain)])


def _stems(words) -> set[str]:
    return {_fold(w)[:5] for w in words if len(w) >= 4}


# ------------------------------------------------------------------ organisations

def institution(ctx, lo: int, hi: int) -> str | None:
    """"the Nobel committee said", "police said": the article's organisation the noun names.

    The noun (or a qualifier next to it: "Nobel") must share a stem with the organisation's name;
    the organisation named last before `hi` wins. None when the article names none.
    """
    rules = load(ctx.rules.lang)
    if rules.institutions is None:
        return None
    found = list(rules.institutions.finditer(ctx.text, lo, hi))
    if not found:
        return None
    m = found[-1]
    words = _TOKEN.findall(ctx.text[max(lo, m.start() - 30):m.end()])[-3:]
    want = _stems(words)
    head = _fold(m.group())[:5]
    orgs = [e for e in ctx.all_ents if e.type == "organization" and e.name]
    best, best_score = None, 0
    for e in orgs:
        have = _stems(e.name.split()) | _stems(e.surface.split())
        if head not in have and not any(h.startswith(head[:4]) for h in have):
            continue
        score = (len(want & have), e.start < hi, e.start)
        if best is None or score > best_score:
            best, best_score = e, score
    return best.name if best is not None else None


def organisation_before(ctx, pos: int, neuter: bool = False) -> str | None:
    """"“…,” it said", "skriver de": the organisation that is the subject (first entity) of the last
    sentence before pos naming one, else None; after a neuter pronoun ("it") also a subject the
    entity stage typed as a person ("Red Electrica")."""
    before = [e for e in ctx.ents if e.end <= pos]
    if not before:
        return None
    s_start = max((s for s, _ in ctx.sentences if s <= before[-1].start), default=0)
    first = next(e for e in before if e.start >= s_start)
    return first.name if first.type == "organization" or neuter else None


def pronoun_speaker(ctx, token: str, pos: int) -> object:
    """An organisational pronoun ("it", "they", "de") -> organisation_before; else the marker
    that the token is no pronoun of this kind."""
    rules = load(ctx.rules.lang)
    if token in rules.org_pronouns:
        return organisation_before(ctx, pos, token in rules.neuter_pronouns)
    return _NOT


_NOT = object()


# ------------------------------------------------------------------ persons

def appositive_subject(ctx, lo: int, hi: int) -> str | None:
    """"David Beckham, otro de los propietarios del Inter Miami, recordó": a person followed by an
    appositive between commas, right before the verb (hi), is the subject, not the organisation
    inside the appositive."""
    text = ctx.text
    if not text[lo:hi].rstrip().endswith(","):
        return None
    persons = [e for e in ctx.in_span(lo, hi) if e.type == "person"]
    for p in persons:
        rest = text[p.end:hi].strip()
        if not rest.startswith(",") or rest == ",":
            continue
        inner = rest[1:-1]
        if "," in inner or any(e.type == "person" for e in ctx.in_span(p.end, hi)):
            continue
        if len(_TOKEN.findall(inner)) <= 24 and not re.search(r"[.;:!?\"“”«»]", inner):
            return p.name
    return None


def sentence_subject(ctx, lo: int, hi: int, ents: list) -> str | None:
    """"Leo Messi firmó su contrato con el Inter Miami y aseguró": a person opening the clause is its
    subject when the organisation after it is an object (lower-case words between it and the verb)."""
    first = ents[0]
    toks = _TOKEN.findall(ctx.text[lo:first.start])
    between = _TOKEN.findall(ctx.text[ents[-1].end:hi])
    if first.type != "person" or toks or not between or any(w[:1].isupper() for w in between):
        return None
    if ctx.text[first.end:first.end + 3].startswith(("'s", "’s", ",")):
        return None  # a possessive, or an appositive (appositive_subject reads those)
    return first.name


def nearby_person(ctx, key: str, pos: int) -> str | None:
    """A role with no role on record ("Le président français a salué", "oświadczył prezes NBP"):
    the person of the sentence before, or of the same sentence, when exactly one is named there.
    Not when the article gives the role to someone (then tasks/quote_attribution.py resolved or refused it)."""
    wanted = ctx.rules.role_matches.get(key, frozenset()) | {key}
    if any(k in wanted for k, _, _ in ctx.role_map()):
        return None
    sents = [s for s in ctx.sentences if s[0] < pos]
    if not sents:
        return None
    lo = sents[-2][0] if len(sents) >= 2 else sents[-1][0]
    names = {e.name for e in ctx.persons if lo <= e.start < pos}
    if len(names) > 1:  # several: the one opening the sentence before is its subject ("Macron a tweeté …")
        opener = [e for e in ctx.persons if lo <= e.start < pos and not _TOKEN.search(ctx.text, lo, e.start)]
        names = {opener[0].name} if opener else names
    if not names:  # nobody in those sentences: the one person of the text just before
        names = {e.name for e in ctx.persons if pos - NEARBY_CHARS <= e.start < pos}
    return names.pop() if len(names) == 1 else None


NEARBY_CHARS = 500  # how far back a role phrase may point to the one person named there


# ------------------------------------------------------------------ beyond the sentence

def beyond_sentence(ctx, quotes: list, paras: list[tuple[int, int]], foreign: bool = False) -> None:
    """Speakers of quotes without an attribution in their own sentence (q.speaker, q.extra["inherited"]).

    `foreign`: the article's language has no word lists (English ones stand in); a person named in
    a short clause right after the quote, or in a short lead-in ending with ":" or ",", speaks it."""
    from tasks.quote_attribution import _speaker_before
    text = ctx.text
    if foreign:
        for q in quotes:
            if q.speaker is None and q.kind == "mark" and (who := _shape_only(ctx, q)) is not None:
                q.speaker, q.attributed = who, True
    for i, q in enumerate(quotes):
        if (who := _impersonal(ctx, q, quotes[:i])) is not _NOT:
            q.speaker, q.attributed = who, True  # None when the statement's source is not named
            continue
        if q.attributed or not q.inherit:
            if not q.attributed and q.kind == "mark":
                _previous_sentence(ctx, q)
            continue
        prev = quotes[i - 1] if i > 0 else None
        opens_para = text[paras[q.para][0]:q.open_pos].strip() == ""
        body = text[q.segments[0][0]:q.segments[-1][1]].rstrip(" \"'”»“«")
        if q.kind == "dash" and body[-1:] not in ".!?…" \
                and len(_TOKEN.findall(body)) <= ctx.rules.heading_max_words:
            continue  # "– På vei ut av krisen": a sub-heading written with a dash, nobody's words
        chained = q.kind == "dash" and prev is not None and prev.kind == "dash" \
            and prev.extra.get("inherited")
        if prev is not None and (prev.attributed or chained) and prev.speaker is not None \
                and (prev.close_para == q.para or (prev.close_para == q.para - 1 and opens_para)):
            q.speaker, q.extra["inherited"] = prev.speaker, True  # a run of quote paragraphs
            continue
        if q.kind == "dash" and i + 1 < len(quotes):
            nxt = quotes[i + 1]
            # not for a question: "– Were you there? / – No, … said X" is an interview
            if nxt.kind == "dash" and nxt.para == q.para + 1 and nxt.attributed \
                    and text[q.segments[-1][1] - 1] != "?":
                q.speaker, q.extra["inherited"] = nxt.speaker, True
                continue
        if opens_para and q.para > 0:
            ps, pe = paras[q.para - 1]
            if text[ps:pe].rstrip().endswith(":"):
                q.speaker = _speaker_before(ctx, ps, pe - 1, q.start)  # "sagde han:", "Selon X :"
                q.extra["inherited"] = True
                continue
            if (who := _heading_name(ctx, ps, pe)) is not None:
                q.speaker, q.extra["inherited"] = who, True  # "Le plus satisfait : Leonardo Jardim (Monaco)"
                continue
            last = next((s for s in reversed(ctx.sentences) if s[0] < pe), None)
            if last is not None and last[0] >= ps and text[q.segments[-1][1] - 1] != "?" \
                    and not any(last[0] <= x < pe for x, _ in ctx.quote_spans) \
                    and (who := attribution_in(ctx, last[0], pe, q.start)) is not None:
                # "…, men han avviser at Sogndal har et problem. / – Nei, vi har flere som …"
                q.speaker, q.extra["inherited"] = who, True
                continue
        if q.kind == "mark":
            _previous_sentence(ctx, q)
    # last, in every language: the shape of an attribution whose verb no list knows ("„…,“ popsal kuriózní
    # situaci Mareš": a person in a short clause right after the quote)
    for q in quotes:
        if q.speaker is None and not q.attributed and q.kind == "mark" \
                and (who := _shape_only(ctx, q)) is not None:
            q.speaker, q.attributed = who, True
        elif q.speaker is None and not q.attributed and q.kind == "dash" \
                and (who := _said_to_outlet(ctx, q)) is not None:
            q.speaker, q.attributed = who, True


HEADING_NAME_MAX_WORDS = 12


def _heading_name(ctx, ps: int, pe: int) -> str | None:
    """A short unfinished line naming one person, right above a paragraph that opens with a quote
    nobody is said to speak: the heading of an interview or a round-up of reactions."""
    line = ctx.text[ps:pe].rstrip()
    if not line or line[-1] in ".!?…\"”»“«" or len(_TOKEN.findall(line)) > HEADING_NAME_MAX_WORDS:
        return None
    names = {e.name for e in ctx.persons if ps <= e.start < pe}
    return names.pop() if len(names) == 1 else None


SHAPE_MAX_WORDS_BEFORE = 4


def _shape_only(ctx, q) -> str | None:
    """Language-independent attribution: "“…”, kratko je rekao Kovačević." (a person after at most four words
    after the quote, in the clause the quote's sentence goes on with) or "وقال كيروش في المؤتمر الصحفي، "…""
    (a lead-in of at most eight words ending with a comma or colon, one person in it)."""
    text = ctx.text
    s_lo, s_hi = next(((s, e) for s, e in ctx.sentences if s <= q.close_pos < e), (q.open_pos, len(text)))
    after = text[q.close_pos + 1:s_hi]
    if "," in after.lstrip(" ,–—-"):  # "…“, poděkovala režisérka Liljy Ingolfsdottirová, která …"
        after = after[:after.index(",", len(after) - len(after.lstrip(" ,–—-")))]
    comma_inside = text[q.close_pos - 1:q.close_pos] == ","  # „…,“ (Czech, German, Polish)
    if (comma_inside or re.match(r"\s*[,–—-]", after)) and "\n" not in after.strip():
        persons = [e for e in ctx.persons if q.close_pos < e.start < s_hi]
        # the words before the name, not the name's own ("glosoval to v poločase Miroslav Koubek")
        if persons and len(_TOKEN.findall(text, q.close_pos + 1, persons[0].start)) <= SHAPE_MAX_WORDS_BEFORE:
            return persons[0].name
    lead = text[max(s_lo, text.rfind("\n", 0, q.open_pos) + 1):q.open_pos].rstrip()
    if lead.endswith((",", "،", ":")) and len(_TOKEN.findall(lead)) <= 8:
        names = {e.name for e in ctx.persons if q.open_pos - len(lead) <= e.start < q.open_pos}
        if len(names) == 1:
            return names.pop()
    return None


ELLIPTICAL_MAX_WORDS = 12


def _said_to_outlet(ctx, q) -> str | None:
    """A dash quote closed by its speaker and the outlet spoken to, the verb left out: "– Vegen er delvis
    sperra, operasjonsleiar Stein Rune Halleraker i Vest politidistrikt til NTB." The last clause (after
    the last comma) is short, names one person, and ends with "to" and a capitalised name."""
    rules = ctx.rules
    if rules.addressee is None:
        return None
    text = ctx.text
    lo, hi = q.segments[-1]
    clause_start = text.rfind(", ", lo, hi)
    if clause_start < 0:
        return None
    clause = text[clause_start + 2:hi].rstrip(" .")
    words = clause.split()
    if not 3 <= len(words) <= ELLIPTICAL_MAX_WORDS or not words[-1][:1].isupper():
        return None
    if rules.addressee.search(clause, 0, len(clause) - len(words[-1])) is None:
        return None  # "... til NTB": the word before the outlet is "to"
    # (the clause lies inside the dash quote's span, where the context keeps no persons)
    names = {e.name for e in ctx.all_ents if e.type == "person" and clause_start < e.start < hi}
    return names.pop() if len(names) == 1 else None


IMPERSONAL_REACH = 80  # characters after the quote: "…", ist in der Mitteilung des Palastes zu lesen


def _impersonal(ctx, q, before: list) -> object:
    """"– …, heter det i uttalelsen fra Buckingham Palace", "…», heißt es weiter": the source named in
    the clause, else the speaker of a quote in the two paragraphs before, else the organisation
    named last in the two sentences before; _NOT when the quote has no impersonal attribution."""
    rules = load(ctx.rules.lang)
    if rules.impersonal is None:
        return _NOT
    text = ctx.text
    lo, hi = q.dash_attr if q.dash_attr else (q.close_pos + 1, q.close_pos + 1)
    if not q.dash_attr:
        hi = next((e for s, e in ctx.sentences if s <= q.close_pos < e), len(text))
    m = rules.impersonal.search(text, lo, min(hi, lo + IMPERSONAL_REACH))
    if m is None:
        return _NOT
    named = [e for e in ctx.ents if m.end() <= e.start < hi  # any type: "Palace" may be read as a person
             and _fold(e.name) not in rules.agencies]  # ("… på Twitter": where it was said, not who)
    if named:
        return named[0].name
    prev = next((p for p in reversed(before) if isinstance(p.speaker, str)), None)
    if prev is not None and prev.close_para >= q.para - 3:
        return prev.speaker
    sents = [s for s in ctx.sentences if s[1] <= q.open_pos][-2:]
    orgs = [e for e in ctx.ents
            if sents and sents[0][0] <= e.start < q.open_pos and e.type == "organization"]
    return orgs[-1].name if orgs else None


def _previous_sentence(ctx, q) -> None:
    """"According to the committee, her struggle came at a cost. She has been “arrested …”": an
    "according to" source or a verb of saying with its speaker in the sentence just before, in
    the same paragraph, speaks the quote."""
    text = ctx.text
    sents = [s for s in ctx.sentences if s[1] <= q.open_pos]
    if not sents:
        return
    lo, hi = sents[-1]
    if "\n" in text[hi:q.open_pos] or any(lo <= s < hi for s in (x[0] for x in ctx.quote_spans)):
        return  # another paragraph, or a sentence with a quote of its own
    lead = [_fold(w) for w in _TOKEN.findall(text[hi:q.open_pos])]
    pronouns = ctx.rules.pronouns | load(ctx.rules.lang).org_pronouns
    if lead and not (len(lead) <= 4 and (lead[0] in pronouns or all(w in ctx.rules.conjunctions for w in lead))):
        return  # the quote's own sentence has a subject of its own ("citizens asked “…”"); "Und: „…“" has none
    who = attribution_in(ctx, lo, hi, q.start)
    if who is not None:
        q.speaker, q.extra["inherited"] = who, True


def attribution_in(ctx, lo: int, hi: int, quote_start: int) -> str | None:
    """The speaker of an attribution in lo..hi with no quote of its own: an "according to"
    source, else the subject (or the name after) the first verb of saying."""
    from tasks.quote_attribution import _speaker_after, _speaker_before
    rules, text = ctx.rules, ctx.text
    who = None
    if rules.according is not None and (m := rules.according.search(text, lo, hi)):
        who = _speaker_after(ctx, m.end(), hi, according=True)
    if who is None and rules.according_post is not None and (m := rules.according_post.search(text, lo, hi)):
        ents = ctx.in_span(lo, m.start())  # "Föhrin mukaan", "Erdoğan'a göre", "dem Kreml zufolge"
        if ents and not text[ents[-1].end:m.start()].strip(" '’"):
            who = ents[-1].name
    if who is None:
        verbs = [v for v in rules.verbs.finditer(text, lo, hi) if _fold(v.group()) not in rules.post_only]
        if not verbs:
            return None
        v = verbs[0]
        if _TOKEN.search(text, lo, v.start()):
            who = _speaker_before(ctx, lo, v.start(), quote_start)
        if who is None:
            who = _speaker_after(ctx, v.end(), hi)
    return who if isinstance(who, str) else None


def final(ctx, speaker: object, q=None) -> object:
    """News agencies and outlets are never speakers: the one person named in the quote's sentence
    speaks instead ("Reuters quoted Peskov as saying", "said Reuters analyst John Doe"), else nobody.
    A name cut at a middle initial ("Geir K") gets the surname the text gives it ("Geir K. Hus")."""
    if isinstance(speaker, str) and _fold(speaker) in load(ctx.rules.lang).agencies:
        if q is None:
            return None
        sent = [(s, e) for s, e in ctx.sentences if s <= q.close_pos and e > q.open_pos]
        lo, hi = (sent[0][0], sent[-1][1]) if sent else (q.open_pos, q.close_pos)
        names = {e.name for e in ctx.persons if lo <= e.start < hi}
        return names.pop() if len(names) == 1 else None
    if isinstance(speaker, str) and re.search(r"\s[A-ZÀ-Þ]$", speaker):
        m = re.search(re.escape(speaker) + r"\.\s?([^\W\d_][\w'’-]+)", ctx.text)
        if m and m.group(1)[:1].isupper():
            return f"{speaker}. {m.group(1)}"
    if isinstance(speaker, str):
        return _entity_spelling(ctx, speaker)
    return speaker


def _entity_spelling(ctx, speaker: str) -> str:
    """A name the quote stage read itself, in a case form or the other order ("Szymon Hołownią", "Tanczos Barna"),
    is the article's person as the entity stage names it (Szymon Hołownia, Barna Tánczos)."""
    from tasks.entities.names import fold

    names = {e.name for e in ctx.ents if e.type == "person"}
    words = fold(speaker).split()
    if speaker in names or len(words) < 2:
        return speaker
    for name in sorted(names):
        other = fold(name).split()
        if len(other) == len(words) and (all(map(_same_stem, words, other))
                                         or all(map(_same_stem, words[::-1], other))):
            return name
    return speaker


def _same_stem(a: str, b: str) -> bool:
    """One word in two case forms, folded: all but the last two letters alike ("holowni-a", "holowni-a")."""
    keep = max(3, min(len(a), len(b)) - 2)
    return a[:keep] == b[:keep] and abs(len(a) - len(b)) <= 3


REPEAT_MIN_WORDS = 4  # shorter quotes repeat by chance ("we will win")


def _quote_key(text: str) -> str:
    return " ".join(_TOKEN.findall(text.casefold()))


def share_repeated(rows: list[dict]) -> list[dict]:
    """A quote printed twice, as a pull quote above the article and again in the body where its speaker is
    named, takes the speaker of its attributed copy (one copy's words contain the other's). Copies that
    name different speakers give none."""
    keys = [_quote_key(r["text"]) for r in rows]
    out = []
    for row, key in zip(rows, keys):
        if row["speaker"] is None and len(key.split()) >= REPEAT_MIN_WORDS:
            found = {other["speaker"] for other, k in zip(rows, keys)
                     if other is not row and other["speaker"] is not None and (key in k or k in key)
                     and len(k.split()) >= REPEAT_MIN_WORDS}
            if len(found) == 1:
                row = {**row, "speaker": found.pop()}
        out.append(row)
    return out
