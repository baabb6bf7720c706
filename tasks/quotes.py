"""Quotes: direct speech with its speaker, in every language, from the original text.

Two shapes of quote are found: text between quote marks („…“, «…», “…”, "…", »…«, ‹…›, ‘…’),
including quotes that run over several paragraphs, and the dash quote (a paragraph opening
with "– "), read in the languages whose press uses it (`dash_quotes` in the language file:
nb, nn, da, sv, pl, ru, uk; elsewhere a leading dash is a list bullet).

The speaker comes from the attribution clause of the quote's sentence: a verb of saying from
the language's list with the name next to it ("…, sa Peskov", "“…,” Psaki said", "«…», —
заявил Песков"), an "according to" phrase, a pronoun ("sa han") or implicit subject
("dedi", "dijo") resolved to the subject of the last sentence naming a person, or a role
("sa rådgiveren", "the Kremlin spokesman") resolved to the person the article gives that
role. An anonymous source ("a senior official said") gives NULL. One- and two-word quotes
count only when such a clause ties them to a speaker; scare quotes, quoted headings and
quoted names are dropped.

Names are the canonical names of the entity rows (tasks/entities/); words are data in
tasks/rules/quotes/ (generic.toml and one file per language), compiled by tasks/quote_rules.py.
This module finds the quote spans; tasks/quote_attribution.py reads their attribution clauses
(with tasks/quote_context.py: the article's entities and roles), tasks/speakers.py what lies beyond.

The attribution grammar does not depend on the entity stage having found the speaker: a
capitalised full name after a role phrase is taken as written ("…», a déclaré la ministre
norvégienne de la Pêche, Marianne Sivertsen Næss", "ha detto l'amministratore delegato Giorgio
Furlani"; the name after the appositive comma wins over an organisation inside the role phrase),
and a speaker named by surname only is given the full name the article uses for that person
("Sivertsen Næss" -> "Marianne Sivertsen Næss"). A verb joined to the main clause by "and"
after the quote ("X called the launch “…” and said") belongs to the main clause's subject. Verbs
of saying in compound tenses are generated from auxiliaries and participles in the language
file ("a-t-il rappelé", "ha spiegato"). Portuguese and Spanish dash quotes ("— … — disse X")
count when an attribution follows the closing dash, and 'single-quoted' phrases are quotes too.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from tasks import speakers
from tasks.quote_attribution import _attribute, _attribute_dash, _words, abbreviation_dot
from tasks.quote_context import _Context
from tasks.quote_rules import _LETTER, _TOKEN, ANON, WORDS_FOR, QuoteRules, load_rules


# ------------------------------------------------------------------ finding quotes

@dataclass
class _Quote:
    segments: list[tuple[int, int]]       # content spans (one per paragraph it runs over)
    open_pos: int                         # the opening mark (or the dash)
    close_pos: int                        # the closing mark, or where the content ends
    para: int                             # paragraph of the opening
    close_para: int
    kind: str                             # mark | dash
    speaker: object = None                # canonical name, ANON, or None
    attributed: bool = False              # an attribution clause was found in its own sentence
    inherit: bool = False                 # may take the speaker of the quote before it
    dash_attr: tuple[int, int] | None = None
    extra: dict = field(default_factory=dict)

    @property
    def start(self) -> int:
        return self.segments[0][0]


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            lead = len(line) - len(line.lstrip())
            out.append((pos + lead, pos + len(line.rstrip())))
        pos += len(line) + 1
    return out


def _is_opening(text: str, pos: int, lo: int) -> bool:
    prev = text[pos - 1] if pos > lo else " "
    nxt = text[pos + 1] if pos + 1 < len(text) else " "
    if text[pos] in "„‚":
        return True
    if not (prev.isspace() or prev in "([{–—―-:/,;" or unicodedata.category(prev).startswith("P")):
        return False
    return not nxt.isspace() or text[pos] in "«‹»"


def _is_closing(text: str, pos: int) -> bool:
    prev = text[pos - 1]
    nxt = text[pos + 1] if pos + 1 < len(text) else " "
    if prev.isspace() and text[pos] not in "»›«‹":
        return False
    if text[pos] in '"”' and (prev.isalnum() or prev in ".,!?…") and nxt.isalpha():
        return True  # glued to the next word where a page lost its space ("cinq siècles"dépeint au Télégramme")
    return not (nxt.isalnum() or nxt == "_")


# Dutch press opens a quote with two commas and closes it with two apostrophes (",,Wij zullen ...’’, zei hij"):
# read as „ and ” (the same length, so every offset stays that of the article's text)
_LOW_COMMAS = re.compile(r"(?:(?<=[\s(])|^),,(?=[^\W\d_])", re.M)
_TWO_APOSTROPHES = re.compile(r"(?<=[\w.!?…])(?:’’|'')(?!\w)")


def _low_comma_quotes(text: str) -> str:
    if ",," not in text:
        return text
    return _TWO_APOSTROPHES.sub("” ", _LOW_COMMAS.sub(" „", text))


def _alternating_straight_marks(text: str, ps: int, pe: int) -> dict[int, bool]:
    """A paragraph quoting only with straight double quotes, an even number of them: they open and close in
    turn, whatever spaces pad them inside ('dans " plusieurs zones du Nord" en Espagne', '"si tout va bien ".',
    French guillemets turned into straight quotes). {position: opens}; empty when the paragraph has other quote
    marks or an odd number of straight ones (a quote going on into the next paragraph)."""
    span = text[ps:pe]
    if any(c in span for c in "“”„«»‹›"):  # (‘ and ’ are apostrophes as often as quotes)
        return {}
    marks = [ps + i for i, c in enumerate(span) if c == '"']
    if len(marks) < 2 or len(marks) % 2:
        return {}
    return {pos: k % 2 == 0 for k, pos in enumerate(marks)}


def _strip_span(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _marked_quotes(text: str, paras: list[tuple[int, int]], rules: QuoteRules, skip: set[int]) -> list[_Quote]:
    out: list[_Quote] = []
    carry: tuple[str, int, list[tuple[int, int]], int] | None = None  # open mark, pos, segments, para
    for pi, (ps, pe) in enumerate(paras):
        if pi in skip:
            carry = None
            continue
        opened: tuple[str, int] | None = None
        segs: list[tuple[int, int]] = []
        first_para = pi
        if carry is not None:
            m0 = rules.marks.match(text, ps)
            if m0 and m0.group() in rules.pairs:  # the quote goes on in this paragraph
                opened, segs, first_para = (carry[0], carry[1]), carry[2], carry[3]
                content_from = ps + 1
            carry = None
        alternating = _alternating_straight_marks(text, ps, pe) if opened is None else {}
        for m in rules.marks.finditer(text, ps, pe):
            pos, ch = m.start(), m.group()
            if opened is not None and pos < content_from:
                continue
            if opened is None:
                if ch in rules.pairs and alternating.get(pos, _is_opening(text, pos, ps)):
                    opened, content_from = (ch, pos), pos + 1
            elif ch in rules.pairs[opened[0]] and (not alternating[pos] if pos in alternating
                                                   else _is_closing(text, pos)):
                spans = segs + [(content_from, pos)]
                total = sum(e - s for s, e in spans)
                if 0 < total <= rules.max_quote_chars:
                    out.append(_Quote([_strip_span(text, s, e) for s, e in spans], opened[1], pos, first_para, pi, "mark"))
                opened, segs, first_para = None, [], pi
        if opened is not None:
            segs = segs + [(content_from, pe)]
            nxt = paras[pi + 1][0] if pi + 1 < len(paras) else None
            if nxt is not None and rules.marks.match(text, nxt) and rules.marks.match(text, nxt).group() in rules.pairs \
                    and sum(e - s for s, e in segs) < rules.max_quote_chars:
                carry = (opened[0], opened[1], segs, first_para)
            elif text[ps:opened[1]].strip() == "":
                # a paragraph (or run of paragraphs) opened as a quote and never closed
                out.append(_Quote([_strip_span(text, s, e) for s, e in segs], opened[1], pe, first_para, pi, "mark"))
    return [q for q in out if q.segments[0][0] < q.segments[0][1]]


def _dash_paragraph(text: str, ps: int, pe: int, rules: QuoteRules) -> bool:
    if text[ps] in rules.dashes:
        rest = text[ps + 1:pe].lstrip()
    elif text[ps] == "-" and text[ps + 1:ps + 2] == " ":
        rest = text[ps + 2:pe].lstrip()
    else:
        return False
    return bool(rest) and (rest[0].isupper() or rest[0] in "«„“\"") and len(rest.split()) >= 3


def _dash_quotes(text: str, pi: int, ps: int, pe: int, rules: QuoteRules) -> list[_Quote]:
    """'– Quote, sa X. – More quote.' -> the quoted parts, each with its attribution span."""
    out = []
    pos = ps
    while pos < pe:
        m = re.compile(rf"[{re.escape(rules.dashes)}-]\s*").match(text, pos)
        if not m:
            break
        start = m.end()
        attr = None
        for v in rules.verbs.finditer(text, start, pe):
            # the verb must follow a separator: ", sa X", " – powiedział X", ", — сказал он"
            # with at most three words (a subject: ", Peskov sa") in between
            seg = text[start:v.start()]
            seps = list(_DASH_SEP.finditer(seg))
            sep = seps[-1].start() if seps else -1
            if sep <= 0:
                continue
            between = seg[sep:].strip(" ,–—―-")
            if len(_TOKEN.findall(between)) <= 3:
                attr = (start + sep, v)
                break
        if attr is None:
            s, e = _strip_span(text, start, pe)
            out.append(_Quote([(s, e)], pos, pe, pi, pi, "dash"))
            break
        sep_pos, v = attr
        s, e = _strip_span(text, start, sep_pos)
        e = e - 1 if e > s and text[e - 1] in ",–—" else e
        s, e = _strip_span(text, s, e)
        # the attribution clause ends at the sentence end, or where a dash resumes the quote
        tail = next((t for t in _CLAUSE_END.finditer(text, v.end(), pe) if not abbreviation_dot(text, t, rules)), None)
        clause_end = tail.start() + (1 if tail and text[tail.start()] in ".!?…" else 0) if tail else pe
        q = _Quote([(s, e)], pos, sep_pos, pi, pi, "dash", dash_attr=(sep_pos, clause_end))
        q.extra["verb"] = v
        out.append(q)
        nxt = re.compile(r"[.!?…]?\s*,?\s*(?=[–—―]\s)").match(text, clause_end)
        pos = nxt.end() if nxt and nxt.end() < pe and text[nxt.end()] in rules.dashes else pe
    return [q for q in out if q.segments[0][1] - q.segments[0][0] > 0]


_CLAUSE_END = re.compile(r"[.!?…](?=\s|$)|\s[–—―-]\s|,\s*[–—―-]\s")


_DASH_SEP = re.compile(r",|\s[–—―](?=\s|[^\W\d_]|$)|\s-(?=\s)")  # a spaced hyphen too ("... većinom - rekao je")
# (a quote may end with the comma of its attribution: "'Ik hoop niet dat ... gebied,' aldus raadslid De Kleer")
_SINGLE = re.compile(r"(?<![\w'’])'(?=[^\W\d_])(?P<body>[^'\n]{2,300}?[^\W_.,!?]|[^'\n]{2,300}?[.!?,])'(?![\w'’])")


def _single_quoted(text: str, paras: list[tuple[int, int]], taken: list[tuple[int, int]]) -> list[_Quote]:
    """'teleurstellend, maar niet onverwacht': a phrase between ASCII single quotes (two words or
    more, no apostrophe inside, not inside another quote) is a quote; a lone apostrophe is not."""
    out = []
    for pi, (ps, pe) in enumerate(paras):
        for m in _SINGLE.finditer(text, ps, pe):
            s, e = m.span("body")
            if len(_words(m["body"])) < 2 or any(a <= m.start() < b for a, b in taken):
                continue
            out.append(_Quote([(s, e)], m.start(), m.end() - 1, pi, pi, "mark"))
    return out


# ------------------------------------------------------------------ sentences

_BOUNDARY = re.compile(r"[.!?…][\"”»“«’)\]]*\s+(?=[\w„“«\"–—―(])")


def _sentences(masked: str, offset: int, rules: QuoteRules) -> list[tuple[int, int]]:
    """Sentence spans of a paragraph whose quote contents are masked."""
    out, start = [], 0
    for m in _BOUNDARY.finditer(masked):
        before = masked[max(0, m.start() - 12):m.start()].split()
        word = before[-1].lower().rstrip(".") if before else ""
        nxt = masked[m.end():m.end() + 1]
        if masked[m.start()] == "." and (word in rules.abbreviations or (len(word) == 1 and word.isalpha())):
            continue
        if nxt.isalpha() and nxt.islower():
            continue
        out.append((offset + start, offset + m.end()))
        start = m.end()
    out.append((offset + start, offset + len(masked)))
    return out


# ------------------------------------------------------------------ main

def extract_quotes(article: dict, entities: list[dict]) -> list[dict]:
    """Quote rows of one article: {article_id, speaker, text, text_en (None), start_char}.

    `entities` are the article's entity rows (person/organization rows give the speakers'
    canonical names; rows of other articles are ignored).
    """
    text = _low_comma_quotes(article.get("text_clean") or "")
    aid = article.get("article_id")
    rules = load_rules(article.get("lang") or "en")
    if not text or not (rules.marks.search(text) or "'" in text or any(d in text for d in rules.dashes + "-")):
        return []
    entities = [e for e in entities if e.get("article_id") in (None, aid)]
    paras = _paragraphs(text)

    # a dash opening a paragraph is a quote in Nordic and Slavic press, a list bullet elsewhere
    dash_paras = {i for i, (ps, pe) in enumerate(paras) if rules.dash_quotes and _dash_paragraph(text, ps, pe, rules)}
    dash_found = {i: _dash_quotes(text, i, *paras[i], rules) for i in sorted(dash_paras)}
    if rules.dash_quotes == "attributed":
        # Spanish/Portuguese "— … — disse X": a dash paragraph is a quote only with its attribution
        dash_found = {i: qs for i, qs in dash_found.items() if any(q.extra.get("verb") for q in qs)}
        dash_paras = set(dash_found)
    quotes = _marked_quotes(text, paras, rules, dash_paras)
    for qs in dash_found.values():
        quotes.extend(qs)
    if "'" in text:
        quotes.extend(_single_quoted(text, [p if i not in dash_paras else (0, 0) for i, p in enumerate(paras)],
                                     [(q.open_pos, q.close_pos + 1) for q in quotes]))
    quotes.sort(key=lambda q: q.open_pos)
    if not quotes:
        return []
    spans = [seg for q in quotes for seg in q.segments]
    ctx = _Context(text, entities, rules, spans)

    # sentences of each paragraph with quote contents masked (a full stop inside a quote
    # does not end the sentence around it, except at the quote's own end)
    masked_text = list(text)
    for q in quotes:
        if q.kind != "mark":
            continue
        for s, e in q.segments:
            last = e - 1 if e > s and text[e - 1] in ".!?…" else e
            for i in range(s, last):
                masked_text[i] = "x" if not text[i].isspace() else " "
    masked = "".join(masked_text)
    sentences = {}
    for pi, (ps, pe) in enumerate(paras):
        sentences[pi] = _sentences(masked[ps:pe], ps, rules)
    ctx.sentences = sorted(s for ss in sentences.values() for s in ss)

    for q in quotes:
        if q.kind == "dash":
            _attribute_dash(ctx, q)
            continue
        sents = sentences[q.close_para]
        sent = next((s for s in sents if s[0] <= q.close_pos < s[1]), sents[-1])
        first_sents = sentences[q.para]
        first = next((s for s in first_sents if s[0] <= q.open_pos < s[1]), first_sents[0])
        lo = first[0] if q.para == q.close_para else sent[0]
        _attribute(ctx, q, (min(lo, q.open_pos), max(sent[1], q.close_pos + 1)),
                   masked[min(lo, q.open_pos):max(sent[1], q.close_pos + 1)])
        if q.para != q.close_para and not q.attributed:
            # a quote over several paragraphs: its attribution may stand in its first sentence
            _attribute(ctx, q, (first[0], q.open_pos), masked[first[0]:q.open_pos])

    # standalone quotes and quotes whose attribution stands before their sentence (tasks/speakers.py)
    speakers.beyond_sentence(ctx, quotes, paras, foreign=article.get("lang") not in WORDS_FOR)

    rows = []
    for q in quotes:
        body = "\n".join(text[s:e] for s, e in q.segments).strip()
        body = body.rstrip(",").rstrip()
        n_words = len(_words(body))
        if not _LETTER.search(body):
            continue
        own = q.attributed and q.speaker is not None and q.speaker is not ANON
        if n_words <= rules.scare_max_words and not own:
            continue  # scare quote: "satisfied", "results"
        ps, pe = paras[q.para]
        if q.kind == "mark" and q.para == q.close_para and text[ps:pe].strip(" \"'“”„«»‹›‘’") == body \
                and n_words <= rules.heading_max_words and body[-1:] not in ".!?…":
            continue  # a quoted heading
        if not (q.attributed or q.extra.get("inherited")) and n_words <= 5 and all(w[:1].isupper() for w in _words(body)):
            continue  # a quoted name or title: „Süddeutsche Zeitung“
        speaker = None if q.speaker is ANON else q.speaker
        if speaker is not None:
            # a surname-only person row -> the full name; an agency -> the person it quotes, or nobody
            speaker = speakers.final(ctx, ctx.full_name(speaker) or speaker, q)
        rows.append({"article_id": aid, "speaker": speaker, "text": body, "text_en": None, "start_char": q.start})
    return speakers.share_repeated(rows)
