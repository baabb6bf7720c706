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
tasks/rules/quotes/ (generic.toml and one file per language).

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
from functools import lru_cache
from pathlib import Path

from tasks import speakers
from tasks.languages import SUPPORTED
from tasks.rulefiles import read_rules
from tasks.textscan import alternation

RULES_DIR = Path(__file__).parent / "rules" / "quotes"
LANGUAGES = SUPPORTED
_TOKEN = re.compile(r"[^\W_][\w'’ʼ-]*")
_LETTER = re.compile(r"[^\W\d_]")
_GENITIVE_S = {"nb", "nn", "da", "sv", "de"}
ANON = object()  # an attribution to an unnamed source


@dataclass(frozen=True)
class QuoteRules:
    lang: str
    verbs: re.Pattern
    post_only: frozenset[str]
    participles: frozenset[str]
    pro_drop: bool
    dash_quotes: bool | str           # True, or "attributed": only with a verb after the closing dash
    conjunctions: frozenset[str]
    addressee: re.Pattern | None      # "to" of "said to Reuters", "disse à Lusa"
    titles: frozenset[str]            # "Judge", "Rechtsanwalt", "Mme": written before a name, not part of it
    anonymous_of: re.Pattern | None   # "one of the", "один из": an unnamed member of a group
    compound_roles: bool
    according: re.Pattern | None
    according_post: re.Pattern | None
    pronouns: frozenset[str]
    anonymous: frozenset[str]
    anonymous_nouns: frozenset[str]
    roles: re.Pattern | None
    role_of: dict[str, str]
    role_matches: dict[str, frozenset[str]]
    pairs: dict[str, tuple[str, ...]]
    marks: re.Pattern
    dashes: str
    abbreviations: frozenset[str]
    scare_max_words: int
    heading_max_words: int
    max_quote_chars: int
    np_window: int
    post_max_words: int


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold().replace("’", "'").replace("ʼ", "'")
    return re.sub(r"\s+", " ", text).strip()


def _read(path: Path) -> dict:
    return read_rules(path, "quote")


@lru_cache(maxsize=None)
def load_rules(lang: str) -> QuoteRules:
    """Compile one language's quote rules once per process (English words for other languages)."""
    if lang not in LANGUAGES:
        lang = "en"
    generic = _read(RULES_DIR / "generic.toml")
    spec = _read(RULES_DIR / f"{lang}.toml")
    settings = generic["settings"]
    flags = re.IGNORECASE
    verbs = list(spec.get("verbs", [])) + list(spec.get("impersonal", []))  # "heißt es": tasks/speakers.py
    # compound tenses: "a déclaré", "a-t-il rappelé", "ha spiegato", "había dicho"
    verbs += [f"{aux} {pp}" for aux in spec.get("auxiliaries", []) for pp in spec.get("past_participles", [])]
    role_of = {_fold(w): key for key, words in spec.get("roles", {}).items() for w in words}
    role_words = [w for words in spec.get("roles", {}).values() for w in words]
    # Germanic compounds end in the role ("pressetalskvinne", "Regierungssprecher").
    role_start = "" if spec.get("compound_roles") else r"(?<!\w)"
    according = spec.get("according", [])
    according_post = spec.get("according_post", [])
    pairs = {k: tuple(v) for k, v in generic["pairs"].items()}
    marks = "".join(sorted(set(pairs) | {c for v in pairs.values() for c in v}))
    return QuoteRules(
        lang=lang,
        verbs=re.compile(rf"(?<![\w-])(?:{alternation(verbs)})(?![\w-])", flags),
        post_only=frozenset(_fold(v) for v in spec.get("post_only_verbs", [])),
        participles=frozenset(_fold(v) for v in spec.get("participles", [])),
        pro_drop=bool(spec.get("pro_drop")),
        dash_quotes=spec.get("dash_quotes") if spec.get("dash_quotes") == "attributed" else bool(spec.get("dash_quotes")),
        conjunctions=frozenset(_fold(w) for w in generic.get("conjunctions", [])),
        titles=frozenset(_fold(w).rstrip(".") for w in generic.get("titles", []) + spec.get("titles", [])),
        anonymous_of=(re.compile(rf"(?:{alternation(spec['anonymous_of'])})(?!\w)", flags)
                      if spec.get("anonymous_of") else None),
        compound_roles=bool(spec.get("compound_roles")),
        addressee=(re.compile(rf"(?<!\w)(?:{alternation(spec['addressee'])})\s+(?:the\s+)?$", flags)
                   if spec.get("addressee") else None),
        according=re.compile(rf"(?<!\w)(?:{alternation(according)})(?!\w)", flags) if according else None,
        according_post=(re.compile(rf"(?:{alternation(according_post)})(?!\w)", flags) if according_post else None),
        pronouns=frozenset(_fold(p) for p in spec.get("pronouns", [])),
        anonymous=frozenset(_fold(w) for w in spec.get("anonymous", [])),
        anonymous_nouns=frozenset(_fold(w) for w in spec.get("anonymous_nouns", [])),
        roles=re.compile(rf"{role_start}(?P<role>{alternation(role_words)})(?!\w)", flags) if role_words else None,
        role_of=role_of,
        role_matches={k: frozenset(v) for k, v in generic.get("role_matches", {}).items()},
        pairs=pairs,
        marks=re.compile("[" + re.escape(marks) + "]"),
        dashes="".join(settings["dashes"]),
        abbreviations=frozenset(settings["abbreviations"]),
        scare_max_words=int(settings["scare_max_words"]),
        heading_max_words=int(settings["heading_max_words"]),
        max_quote_chars=int(settings["max_quote_chars"]),
        np_window=int(settings["np_window"]),
        post_max_words=int(settings["post_max_words"]),
    )


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
    return not (nxt.isalnum() or nxt == "_")


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
        for m in rules.marks.finditer(text, ps, pe):
            pos, ch = m.start(), m.group()
            if opened is not None and pos < content_from:
                continue
            if opened is None:
                if ch in rules.pairs and _is_opening(text, pos, ps):
                    opened, content_from = (ch, pos), pos + 1
            elif ch in rules.pairs[opened[0]] and _is_closing(text, pos):
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
        tail = re.compile(r"[.!?…](?=\s|$)|\s[–—―]\s|,\s*[–—―]\s").search(text, v.end(), pe)
        clause_end = tail.start() + (1 if tail and text[tail.start()] in ".!?…" else 0) if tail else pe
        q = _Quote([(s, e)], pos, sep_pos, pi, pi, "dash", dash_attr=(sep_pos, clause_end))
        q.extra["verb"] = v
        out.append(q)
        nxt = re.compile(r"[.!?…]?\s*,?\s*(?=[–—―]\s)").match(text, clause_end)
        pos = nxt.end() if nxt and nxt.end() < pe and text[nxt.end()] in rules.dashes else pe
    return [q for q in out if q.segments[0][1] - q.segments[0][0] > 0]


_DASH_SEP = re.compile(r",|\s[–—―](?=\s|[^\W\d_]|$)")
_SINGLE = re.compile(r"(?<![\w'’])'(?=[^\W\d_])(?P<body>[^'\n]{2,300}?[^\W_.,!?]|[^'\n]{2,300}?[.!?])'(?![\w'’])")


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


# ------------------------------------------------------------------ entities and roles

@dataclass(frozen=True)
class _Ent:
    start: int
    end: int
    name: str
    type: str
    surface: str


class _Context:
    """The article's entities, quote spans and role map, for speaker resolution."""

    def __init__(self, text: str, entities: list[dict], rules: QuoteRules, quote_spans: list[tuple[int, int]]):
        self.text = text
        self.rules = rules
        self.quote_spans = quote_spans
        all_ents = [_Ent(int(e["start_char"]), int(e["end_char"]), e["name"], e["type"], e.get("surface") or "")
                    for e in entities if e.get("name") and e.get("start_char") is not None]
        self.all_ents = sorted(all_ents, key=lambda e: e.start)
        ents = [e for e in self.all_ents if e.type in ("person", "organization")]
        self.ents = [e for e in ents if not self.in_quote(e.start)]
        self.persons = [e for e in self.ents if e.type == "person"]
        self.person_names = sorted({e.name for e in ents if e.type == "person"}, key=len, reverse=True)
        self._roles: list[tuple[str, frozenset[str], _Ent]] | None = None
        self.sentences: list[tuple[int, int]] = []

    def add_person(self, start: int, name: str) -> None:
        """A person the quote stage read itself ("ha detto l'amministratore delegato Giorgio Furlani"):
        later pronouns and bare verbs ("«…», afirmou.") may stand for it."""
        if start < 0 or any(e.start <= start < e.end for e in self.ents):
            return
        self.persons = sorted(self.persons + [_Ent(start, start + len(name), name, "person", name)], key=lambda e: e.start)
        if name not in self.person_names:
            self.person_names.append(name)

    def full_name(self, name: str) -> str | None:
        """The one longer person name of the article that ends with `name` ("Ekström" ->
        "Johanna Ekström", "Sivertsen Næss" -> "Marianne Sivertsen Næss"); None if none or several."""
        toks = _fold(name).split()
        if not toks:
            return None
        found = {p for p in self.person_names
                 if len(p.split()) > len(toks) and _fold(p).split()[-len(toks):] == toks}
        return found.pop() if len(found) == 1 else None

    def in_quote(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self.quote_spans)

    def in_span(self, lo: int, hi: int) -> list[_Ent]:
        return [e for e in self.ents if lo <= e.start < hi]

    def person_before(self, pos: int) -> str | None:
        """Who "he"/"han"/a bare verb stands for: the subject of the last sentence before pos naming a person.

        In that sentence: the person next to a verb of saying, else the first one not in a
        possessive ("Kuleba welcomed Macron's words. “…,” he wrote" -> Kuleba).
        """
        before = [e for e in self.persons if e.end <= pos]
        if not before:
            return None
        last = before[-1]
        s_start = max((s for s, _ in self.sentences if s <= last.start), default=0)
        in_sent = [e for e in before if e.start >= s_start]
        for e in in_sent:
            near = self.text[max(s_start, e.start - 25):min(pos, e.end + 25)]
            if self.rules.verbs.search(near) and not _possessive(self, e):
                return e.name
        plain = [e for e in in_sent if not _possessive(self, e)]
        return (plain or in_sent)[0].name

    # roles ----------------------------------------------------------
    def role_map(self) -> list[tuple[str, frozenset[str], _Ent]]:
        """(role key, qualifier words, person) for every person introduced with a role."""
        if self._roles is not None:
            return self._roles
        out = []
        text, rules = self.text, self.rules
        if rules.roles is not None:
            for p in self.persons:
                lo = max(0, p.start - 70)
                cut = max(text.rfind(c, lo, p.start) for c in ".!?\n")
                lo = max(lo, cut + 1)
                for m in rules.roles.finditer(text, lo, p.start):
                    if any(e.type == "person" for e in self.in_span(m.end(), p.start)):
                        continue  # the role belongs to a person between it and p
                    out.append((rules.role_of[_fold(m["role"])], self._qualifiers(self._phrase_start(lo, m.start()), p.start, m), p))
                tail = text[p.end:p.end + 70]
                if tail.startswith((",", " (")):
                    stop = min([i for i in (tail.find(c, 1) for c in ".!?\n),") if i > 0] or [len(tail)])
                    for m in rules.roles.finditer(text, p.end, p.end + stop):
                        out.append((rules.role_of[_fold(m["role"])], self._qualifiers(p.end, p.end + stop, m), p))
        self._roles = out
        return out

    def _phrase_start(self, lo: int, pos: int) -> int:
        """Start of the noun phrase ending at pos: after the last person, comma or conjunction before it."""
        start = lo
        for e in self.persons:
            if lo <= e.end <= pos:
                start = max(start, e.end)
        for m in _PHRASE_BREAK.finditer(self.text, start, pos):
            start = m.end()
        return start

    def _qualifiers(self, lo: int, hi: int, m: re.Match) -> frozenset[str]:
        """Words that narrow a role: "Kremlin" spokesman, "utenrikspolitiske" rådgiver, "Ukrainian" president,
        "Sprecherin des Weißen Hauses", the "Kreml" of "Kremlsprecher" (4-letter stems, so "russische" meets
        "Russlands")."""
        text = self.text
        before = _TOKEN.findall(text[max(lo, m.start() - 40):m.start()])[-3:]
        token_start = m.start()
        while token_start > lo and (text[token_start - 1].isalpha()):
            token_start -= 1
        words = before + ([text[token_start:m.start()]] if token_start < m.start() else [])
        tail = _OF.match(text, m.end(), min(hi, m.end() + 40))
        if tail:
            words += _TOKEN.findall(tail.group("what"))
        for e in self.in_span(max(lo, m.start() - 40), min(hi, m.end() + 40)):
            if e.type == "organization":
                words += e.name.split()
        return frozenset(_fold(w)[:4] for w in words if len(w) >= 4 and _fold(w) not in _NOT_QUALIFIERS)

    def resolve_role(self, key: str, quals: frozenset[str], before: int) -> str | None:
        wanted = self.rules.role_matches.get(key, frozenset()) | {key}
        cands = [(k, q, p) for k, q, p in self.role_map() if k in wanted]
        if not cands:
            return None

        def score(c):
            k, q, p = c
            overlap = len(q & quals)
            return (overlap, k == key, p.start < before, -abs(before - p.start))

        best = max(cands, key=score)
        if quals and not best[1] & quals and all(q for _, q, _ in cands):
            return None  # "the Ukrainian president" when only a French one is named
        return best[2].name


# ------------------------------------------------------------------ attribution

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


_OF = re.compile(r"\s+(?:of the|of|de la|de l'|de|du|des|del|della|dello|di|do|da|dei|der|des|dem|av|i|för|van|von|ze|z)\s+"
                 r"(?P<what>[^\W\d_][\w'’-]*(?:\s+[^\W\d_][\w'’-]*)?)")
_NOT_QUALIFIERS = frozenset(["said", "says", "told", "sagte", "their", "that", "this", "with", "from", "also"])


def _possessive(ctx: "_Context", e: "_Ent") -> bool:
    """"Putin’s", "Putins" (nb/de/sv/da genitive): the name modifies what follows."""
    after = ctx.text[e.end:e.end + 3]
    if after.startswith(("'s", "’s", "' ", "’ ", ":s")):  # "SJ:s presskommunikatör"
        return True
    return ctx.rules.lang in _GENITIVE_S and e.surface.endswith("s") and not e.name.split()[-1].lower().endswith("s")


_PHRASE_BREAK = re.compile(r"[,;]|(?<!\w)(?:and|og|und|et|y|e|i|и|і|та|ve|și|och|en|oraz|ou|or|oder|eller)(?!\w)")
_HARD = re.compile(r"[;!?()\[\]]|:(?![^\W\d_])|(?<![A-ZÀ-Þ])(?<!\b[A-Z][a-z])(?<!\b[A-Z][a-z][a-z])\.(?=\s|$)")


def _pronoun_in_verb(text: str, verb_end: int, rules: QuoteRules) -> bool:
    """Does the verb of saying ending at verb_end carry its subject pronoun ("a-t-il rappelé", "dit-elle")?"""
    words = _TOKEN.findall(text[max(0, verb_end - 25):verb_end])[-2:]
    return any(part in rules.pronouns for w in words if "-" in w for part in _fold(w).split("-")[1:])


def _speaker_after(ctx: _Context, lo: int, hi: int, according: bool = False) -> object:
    """Speaker named right after a verb (verb-subject order): "said Psaki", "sa han", "sa en tjenesteperson"."""
    text, rules = ctx.text, ctx.rules
    hi = min(hi, lo + rules.np_window)
    stop = _HARD.search(text, lo, hi)
    hi = stop.start() if stop else hi
    q = next((s for s, e in ctx.quote_spans if lo <= s < hi), None)
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
    if first in rules.anonymous or first in rules.anonymous_nouns:
        if not (ents and ents[0].start == toks[0][0]):
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
        return head.name
    if ents:
        return ents[-1].name
    if not according and (name := _local_name(ctx, lo, hi, toks)) is not None:
        return name  # "ha detto l'amministratore delegato Giorgio Furlani": the name stands right here
    role = _role_in(ctx, lo, hi, first_only=True)
    if role is not None or (role := speakers.institution(ctx, lo, hi)) is not None:
        return role
    return _bare_name(text, toks, ctx, single=according)


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
        if acc and acc[-1].start() > v.start():
            who = _speaker_after(ctx, s_lo + acc[-1].end(), q_lo, according=True)
        elif _fold(v.group()) in rules.participles:
            ents = ctx.in_span(pre_lo, v_lo)  # "Putin warned Biden …, saying …": the main clause's subject
            who = ents[0].name if ents else ctx.person_before(v_lo)
        else:
            who = _speaker_before(ctx, pre_lo, v_lo, q.start)
            lead_in = text[v_hi:q_lo]
            if who is None and len(_words(lead_in)) <= 5 and lead_in.rstrip().endswith((":", ",")):
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


# ------------------------------------------------------------------ main

def extract_quotes(article: dict, entities: list[dict]) -> list[dict]:
    """Quote rows of one article: {article_id, speaker, text, text_en (None), start_char}.

    `entities` are the article's entity rows (person/organization rows give the speakers'
    canonical names; rows of other articles are ignored).
    """
    text = article.get("text_clean") or ""
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
    speakers.beyond_sentence(ctx, quotes, paras, foreign=article.get("lang") not in LANGUAGES)

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
    return rows
