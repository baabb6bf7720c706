"""Pass 1b: local public bodies named with their place, under English names (rules/entities/local_bodies.toml):
"Tribunale di Sala Consilina" -> Court of Sala Consilina, "İstanbul Büyükşehir Belediyesi" -> Istanbul Metropolitan
Municipality, "Komendy Powiatowej Policji w Krakowie" -> Kraków County Police Headquarters. The place is read in
whatever case the language puts it and named as the gazetteer names it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tasks.entities.article import _COORDINATORS
from tasks.entities.data import LOC, ORG, _load_toml
from tasks.entities.gazetteers import _shared_words
from tasks.entities.names import case_rewrites
from tasks.entities.tokens import Mention, tokens_of
from tasks.languages import DECLINING_NAMES

NESTED_PLACE = "place_in_body"  # the kind of a place mention inside a body's (extract._rows keeps both)
PLACE_WORDS = 3  # a place of at most this many words ("Sala Consilina", "České Budějovice")
_NAME_PARTS = re.compile(r"[-'’]")  # "Pohjois-Savon", "L'Aquila": each part capitalised, no acronym ("BeC")


@dataclass(frozen=True)
class BodyTemplate:
    before: tuple[str, ...]  # folded words before the place ("tribunale", "di")
    after: tuple[str, ...]  # folded words after it ("buyuksehir", "belediyesi")
    english: str  # "Court of {place}"


@lru_cache(maxsize=None)
def body_templates(lang: str) -> dict[str, tuple[BodyTemplate, ...]]:
    """A language's templates keyed by their first fixed word (the word after the place when the place
    comes first), the longest first."""
    out: dict[str, list[BodyTemplate]] = {}
    for native, english in _load_toml("local_bodies.toml").get(lang, {}).get("bodies", []):
        head, tail = native.split("{place}")
        tpl = BodyTemplate(tuple(t.f for t in tokens_of(head)), tuple(t.f for t in tokens_of(tail)), english)
        if tpl.before or tpl.after:
            out.setdefault((tpl.before or tpl.after)[0], []).append(tpl)
    return {k: tuple(sorted(v, key=lambda t: -(len(t.before) + len(t.after)))) for k, v in out.items()}


@lru_cache(maxsize=None)
def _place_as_written(lang: str) -> bool:
    return bool(_load_toml("local_bodies.toml").get(lang, {}).get("place_as_written"))


@lru_cache(maxsize=1)
def _english_shapes() -> re.Pattern:
    """Every English template as one pattern: a name of this shape is a local body."""
    shapes = {english for spec in _load_toml("local_bodies.toml").values() for _, english in spec.get("bodies", [])}
    parts = sorted(re.escape(s).replace(re.escape("{place}"), ".+") for s in shapes)
    return re.compile("|".join(parts) if parts else r"(?!)")


def is_local_body(name: str) -> bool:
    """"Court of Sala Consilina", "Tarragona City Council": a body of one place, which, like a national service,
    acts in many unrelated events there (story linking weighs it so)."""
    return _english_shapes().fullmatch(name) is not None


class LocalBodyMentions:
    def pass_local_bodies(self) -> None:
        index = body_templates(self.written_lang)
        if not index:
            return
        for t in self.toks:
            if t.i in self.used or t.f not in index:
                continue
            for tpl in index[t.f]:
                if self._match_body(t.i, tpl):
                    break

    def _fixed(self, i: int, words: tuple[str, ...]) -> bool:
        """Tokens i.. are these words, joined by spaces, none taken yet."""
        if i < 0 or i + len(words) > len(self.toks):
            return False
        return all(self.toks[i + k].f == w and (k == 0 or self.toks[i + k].joined) and i + k not in self.used
                   for k, w in enumerate(words))

    def _place_word(self, k: int) -> bool:
        """A word of a place's name: capitalised like one, no acronym ("Govern de BeC"), not taken yet."""
        t = self.toks[k]
        return (k not in self.used and self.name_cap(t) and not self.is_stop(t) and not self.is_calendar(t)
                and all(part[1:] == part[1:].lower() for part in _NAME_PARTS.split(t.text)))

    def _linker(self, k: int) -> bool:
        """'de', 'y', 'la' inside a place's name ("Castilla y León", "Castelló de la Plana")."""
        t = self.toks[k]
        return k not in self.used and not t.cap and (t.f in _shared_words("name_particles") or t.f in _COORDINATORS)

    def _place_after(self, a: int) -> list[int]:
        """Where a place that starts at token a may end (exclusive), the longest first: its capitalised words, and
        linking words only between them."""
        toks, ends, b, words = self.toks, [], a, 0
        while b < len(toks) and words < PLACE_WORDS and (b == a or toks[b].joined):
            if self._place_word(b):
                b += 1
                words += 1
                ends.append(b)
            elif b > a and self._linker(b) and b + 1 < len(toks) and toks[b + 1].joined and self._place_word(b + 1):
                b += 1
            else:
                break
        return ends[::-1]

    def _match_body(self, i: int, tpl: BodyTemplate) -> bool:
        toks = self.toks
        if tpl.before:  # "Tribunale di {place}": the place follows, then the words after it, if any
            if not self._fixed(i, tpl.before):
                return False
            a = i + len(tpl.before)
            if a >= len(toks) or not toks[a].joined:
                return False
            spans = [(a, e) for e in self._place_after(a)
                     if not tpl.after or (e < len(toks) and toks[e].joined and self._fixed(e, tpl.after))]
            first = i
        else:  # "{place} Belediyesi": the place comes first
            if not self._fixed(i, tpl.after) or i == 0 or not toks[i].joined:
                return False
            a = i
            while a > 0 and i - a < PLACE_WORDS and (a == i or toks[a].joined) and self._place_word(a - 1):
                a -= 1
            spans = [(s, i) for s in range(a, i)]
            if len(spans) > 1 and toks[a].sent_start:
                spans = spans[1:] + spans[:1]  # "Dün Muratpaşa Belediyesi": a sentence's first word last
            first = None
        place = self._place_of(spans)
        if place is None:
            return False
        name, (a, e), listed = place
        start = first if first is not None else a
        end = e + len(tpl.after)
        if self.lookup(start, end - start, allow_city=False) is not None:
            return False  # listed under its own name: the gazetteer pass names it
        self.add(Mention(ORG, tpl.english.replace("{place}", name), toks[start].start, toks[end - 1].end,
                         tuple(range(start, end)), "local_body"))
        if listed:  # the place is named too ("Tribunal de Rennes" names Rennes): a mention inside the body's
            self.mentions.append(Mention(LOC, name, toks[a].start, toks[e - 1].end, tuple(range(a, e)), NESTED_PLACE))
        return True

    def _place_of(self, spans: list[tuple[int, int]]) -> tuple[str, tuple[int, int], bool] | None:
        """(the place's name, its span, whether the gazetteer knows it): the first span it knows, in its English
        form; else, where names are not declined, the first span without linking words as written (a declined name
        nobody listed stays unread: "Grad Petrinju" gives no "City of Petrinju")."""
        for a, e in spans:
            entry = self.lookup(a, e - a, allow_city=True)
            if entry is not None and entry.type == LOC:
                return entry.name, (a, e), True
        if (self.written_lang in DECLINING_NAMES or case_rewrites(self.written_lang, "place")) \
                and not _place_as_written(self.written_lang):
            return None
        plain = [(a, e) for a, e in spans if not any(self._linker(k) for k in range(a, e))]
        if not plain:
            return None
        a, e = plain[0]
        return self.text[self.toks[a].start:self.toks[e - 1].end], (a, e), False
