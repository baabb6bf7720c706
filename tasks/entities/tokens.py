"""The words of a text with their offsets, and the mentions found over them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tasks.entities.names import VOWEL_MARKS, fold


_TOKEN = re.compile(
    r"(?:[^\W\d_]\.){2,}"                         # U.S., U.N.
    rf"|[^\W\d_](?:[^\W_]|[{VOWEL_MARKS}])*(?:['’\-][^\W_]+)*"  # words (vowel marks inside: "عمّان"), hyphen
    # compounds, d'Italia, Türkiye'nin
    r"|['’]t\b"                                    # the Dutch particle 't
    r"|\d[\d.,]*[^\W_]*"                           # numbers (they break capitalised runs)
)
_ELISION = re.compile(r"^(?:[a-zà-ÿ]{1,4}|qu|nell|dell|dall|sull|all)['’](?=[^\W\d_])", re.IGNORECASE)
_APOS_SUFFIX = re.compile(r"['’][^\W\d_]*$")
_SENTENCE_END = re.compile(r"[.!?…:;\n\"“”«»„–—]")


def tokenize_words(text: str) -> list[str]:
    return [m.group(0) for m in _TOKEN.finditer(text)]


_ALIAS_ELISION = re.compile(r"^(?:d|l|dell|dall|nell|sull|all|qu)['’](?=[A-ZÀ-ÖØ-Þ])", re.IGNORECASE)


def alias_words(alias: str) -> list[str]:
    """The words of a gazetteer alias as an article's tokens will read them: after the first word, an elided
    article before a capital goes ("Côte d'Ivoire" -> Côte, Ivoire; "Valle d'Aosta"), as tokens_of drops it, or
    the alias could never match the text. Apostrophes inside names ("Nal'chik", "O'Fallon") stay."""
    words = tokenize_words(alias)
    return words[:1] + [_ALIAS_ELISION.sub("", w) if _ALIAS_ELISION.match(w) and len(w) > 3 else w for w in words[1:]]


@dataclass(slots=True)
class Tok:
    i: int
    start: int  # the core: elided article and apostrophe suffix removed
    end: int
    text: str  # core text
    full_start: int
    full_end: int
    cap: bool
    sent_start: bool
    joined: bool  # only spaces between the previous token and this one
    prev_gap: str
    f: str  # fold(text)
    caseless: bool = False  # a script without capitals (Arabic, Hebrew): capitalisation says nothing


def _caseless(word: str) -> bool:
    return word[:1].isalpha() and not word[:1].isupper() and not word[:1].islower()


def tokens_of(text: str) -> list[Tok]:
    out: list[Tok] = []
    prev_end = 0
    for m in _TOKEN.finditer(text):
        s, e = m.span()
        t = core = m.group(0)
        cs, ce = s, e
        if "'" in t or "’" in t:  # an elided article ("d'Italia") or an apostrophe suffix ("Türkiye'nin")
            el = _ELISION.match(t)
            if el and len(t) > el.end() + 1:
                cs = s + el.end()
            core = text[cs:ce]
            suf = _APOS_SUFFIX.search(core)
            if suf and suf.start() > 0 and not core[suf.start() + 1: suf.start() + 2].isupper():
                ce = cs + suf.start()
            core = text[cs:ce]
            if not core:
                core, cs, ce = t, s, e
        gap = text[prev_end:s]
        if gap == " ":
            joined, ends_sentence = True, False
        else:
            joined, ends_sentence = not gap.strip(" \t"), _SENTENCE_END.search(gap) is not None
        sent_start = not out or ends_sentence or (
            text[out[-1].full_end - 1: out[-1].full_end] == "." and len(out[-1].text) > 2
            and not out[-1].text.isupper())
        out.append(Tok(len(out), cs, ce, core, s, e, core[:1].isupper(), sent_start, joined, gap, fold(core),
                       _caseless(core)))
        prev_end = e
    _quiet_shouting_lines(text, out)
    return out


SHOUTING_WORDS = 4


def _quiet_shouting_lines(text: str, toks: list[Tok]) -> None:
    """A line in capitals ("MELİKGAZİ BELEDİYESİ VE HAYIRSEVER İŞBİRLİĞİ İLE ...", a kicker or a shouted
    headline) says nothing of which words are names: its words count as lower-case."""
    line: list[Tok] = []
    for t in [*toks, None]:
        if t is None or (line and "\n" in text[line[-1].full_end:t.full_start]):
            words = [w for w in line if w.text[:1].isalpha()]
            if len(words) >= SHOUTING_WORDS and all(w.text.isupper() and len(w.text) > 1 for w in words):
                for w in line:
                    w.cap = False
            line = []
        if t is not None:
            line.append(t)


# ---------------------------------------------------------------------------------------------
# extraction


@dataclass(slots=True)
class Mention:
    type: str
    name: str
    start: int
    end: int
    tokens: tuple[int, ...]
    kind: str = ""  # how it was found, for debugging and linking
    first: str = ""  # person: first-name form as written (transliterated)
    last: str = ""  # person: surname as written (transliterated, stem)
    raw: tuple[str, ...] = ()  # person: the name words as written

    def surface(self, text: str) -> str:
        return text[self.start:self.end]
