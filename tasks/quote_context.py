"""What speaker resolution knows of an article: its entities, quote spans and role phrases."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tasks.quote_rules import _GENITIVE_S, _TOKEN, QuoteRules, _fold


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
        # a sentence whose only persons are possessives ("På Haavistos fest sade han:") names nobody who speaks:
        # the sentence before it does
        plain_before = [e for e in before if not _possessive(self, e)]
        last = plain_before[-1] if plain_before else before[-1]
        s_start = max((s for s, _ in self.sentences if s <= last.start), default=0)
        in_sent = [e for e in before if s_start <= e.start <= last.start]
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
