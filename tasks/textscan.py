"""Cheap candidate scanning shared by the dates and numbers stages.

Python's `re` tries every alternative of a 100-word alternation at every position of a
text, which costs more than the rest of an extraction stage. These helpers find where
words of interest occur through the article's set of lower-case words (one findall and a
set intersection), then the stage runs its detailed patterns only in windows around them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

WORD = re.compile(r"[^\W\d_]+")
MARGIN = 60  # characters around a hit that a detailed pattern may cover


def alternation(words: Iterable[str]) -> str:
    """Regex alternation of literal words/phrases, longest first; spaces match any whitespace."""
    forms = sorted({w for w in words if w}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in forms) or r"(?!x)x"


def longest_word(form: str) -> str:
    """The longest run of letters of a form: the key under which the form is looked up."""
    return max(WORD.findall(form.lower()) or [form.lower()], key=len)


class Scan:
    """One article's text with its lower-case form and word set, computed once."""

    __slots__ = ("text", "low", "words")

    def __init__(self, text: str):
        self.text = text
        self.low = text.lower()
        self.words = set(WORD.findall(self.low))

    def hits(self, trigger: re.Pattern | frozenset[str] | None) -> list[tuple[int, int]]:
        """(start, end) of a trigger's hits: regex matches, or occurrences of trigger words."""
        text = self.text
        if trigger is None:
            return [(0, len(text))]
        if isinstance(trigger, re.Pattern):
            return [m.span() for m in trigger.finditer(text)]
        found = trigger & self.words
        if not found:
            return []
        if len(self.low) != len(text):  # lower() changed the length (Turkish İ): offsets would drift
            return [(0, len(text))]
        spans = []
        for w in found:
            i = self.low.find(w)
            while i >= 0:
                spans.append((i, i + len(w)))
                i = self.low.find(w, i + 1)
        return sorted(spans)

    def windows(self, trigger, margin: int = MARGIN) -> list[tuple[int, int]]:
        """Merged windows around a trigger's hits, ending on whitespace so look-aheads see a word end."""
        text = self.text
        out: list[tuple[int, int]] = []
        for start, end in self.hits(trigger):
            lo = max(0, start - margin)
            hi = text.find(" ", min(len(text), end + margin))
            hi = len(text) if hi < 0 else hi
            if out and lo <= out[-1][1]:
                out[-1] = (out[-1][0], max(out[-1][1], hi))
            else:
                out.append((lo, hi))
        return out


_last: tuple[str, Scan] | None = None


def scan_of(text: str) -> Scan:
    """The Scan of a text, reused when the stages run one after another on the same article."""
    global _last
    last = _last
    if last is not None and last[0] is text:
        return last[1]
    scan = Scan(text)
    _last = (text, scan)
    return scan


def finditer(pattern: re.Pattern, text: str, windows: list[tuple[int, int]]) -> Iterator[re.Match]:
    """Matches of a pattern inside the windows (each match once: windows do not overlap)."""
    last_end = -1
    for lo, hi in windows:
        for m in pattern.finditer(text, max(lo, last_end), hi):
            last_end = m.end()
            yield m
