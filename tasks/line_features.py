"""Language-independent features of a page's lines, for the cleaner's line classifier.

The pattern rules know the furniture they were written for; a real page always carries some they
do not. What every outlet's furniture shares is its shape: short, no sentence end, few of the
language's everyday words, many capitals, digits or symbols, at the top or bottom of the page, in a
run of other short lines, next to lines the rules removed. Body text is the opposite, and lies
between long paragraphs (jusText's context). Each feature is a number in a small range, computed
from the text alone, so one model serves every language.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from pathlib import Path

import numpy as np

FUNCTION_WORDS_FILE = Path(__file__).parent / "rules" / "boilerplate" / "function_words.txt"

FEATURES = (
    "position", "top3", "bottom3", "log_words", "log_chars", "sentence_end", "colon_end", "sentences",
    "digits", "upper", "capitalised_words", "symbols", "link", "function_words", "title_overlap", "clock_or_year",
    "before_body", "after_body", "prev_removed", "next_removed", "prev_log_words", "next_log_words",
    "prev_sentence_end", "next_sentence_end", "short_run", "bullet", "quote_open", "own_paragraph",
)

_TOKEN = re.compile(r"\w+")
_STOPS, _CLOSERS = tuple(".!?…。؟"), "'\"»”’)"
_INNER_END = re.compile(r"[.!?…。؟]['\"»”’)]*\s+\S")
_SYMBOL = re.compile(r"[|•·»«/@#©›‹>_+=*\\\[\]{}~^]")
_LINK = re.compile(r"https?://|www\.|\S@\S|(?:^|\s)[@#]\w|\.(?:com|org|net|html?)\b", re.I)
_CLOCK_OR_YEAR = re.compile(r"\b\d{1,2}[:.h]\d{2}\b|\b(?:19|20)\d\d\b")
_BULLET = re.compile(r"^\s*[-–—•*·►▶>»+]\s")
_ALPHA_START = re.compile(r"\b[^\W\d_]")
_QUOTE_OPEN = re.compile(r"^\s*[\"«“„‘'‹—–]")
LONG_BODY_WORDS = 20  # a line this long that ends a sentence is running text


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    lines = FUNCTION_WORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(w for w in lines if w and not w.startswith("#"))


@lru_cache(maxsize=1)
def _char_classes() -> np.ndarray:
    """Per code point of the Basic Multilingual Plane: 1 letter, 2 digit, 4 upper case (bit flags)."""
    chars = [chr(c) for c in range(0x10000)]
    return (np.fromiter(map(str.isalpha, chars), bool, 0x10000).astype(np.uint8)
            | np.fromiter(map(str.isdigit, chars), bool, 0x10000).astype(np.uint8) << 1
            | np.fromiter(map(str.isupper, chars), bool, 0x10000).astype(np.uint8) << 2)


def _char_counts(texts: list[str]) -> list[tuple[int, int, int, int]]:
    """(characters, letters, digits, upper-case letters) of each non-empty text, in one vectorised pass."""
    points = np.frombuffer("".join(texts).encode("utf-32-le"), dtype=np.uint32)
    classes = _char_classes()[np.where(points < 0x10000, points, 0)]
    starts = np.cumsum([0] + [len(t) for t in texts[:-1]])
    letters = np.add.reduceat(classes & 1, starts)
    digits = np.add.reduceat((classes >> 1) & 1, starts)
    upper = np.add.reduceat((classes >> 2) & 1, starts)
    return list(zip([len(t) for t in texts], letters.tolist(), digits.tolist(), upper.tolist()))


def _ends_sentence(text: str) -> bool:
    return text.rstrip().rstrip(_CLOSERS)[-1:] in _STOPS


def page_features(lines: list[str], kept: list[str | None], candidates_only: bool = False
                  ) -> tuple[list[int], np.ndarray]:
    """Features of the non-empty lines of one page: (line indexes, matrix rows in FEATURES order).

    `kept` is the page after the pattern rules (None where a rule removed the line, the rest of the line
    where a rule removed a clause). With `candidates_only`, only the lines the classifier may remove: kept by
    the rules, not the first line left (the headline's place), and outside the article's long paragraphs.
    """
    common = function_words()
    idx = [i for i, line in enumerate(lines) if line.strip()]
    if not idx:
        return [], np.zeros((0, len(FEATURES)))
    texts = [(kept[i] if kept[i] is not None else lines[i]).strip() for i in idx]
    removed = [kept[i] is None for i in idx]
    tokens = [_TOKEN.findall(t) for t in texts]
    words = [len(t) for t in tokens]
    ends = [_ends_sentence(t) for t in texts]
    long_body = [w >= LONG_BODY_WORDS and e for w, e in zip(words, ends)]
    first_long = next((k for k, b in enumerate(long_body) if b), len(idx))
    last_long = max((k for k, b in enumerate(long_body) if b), default=-1)
    title_words = {w.lower() for w in tokens[0]}
    n = len(idx)
    # runs of short lines with no sentence end (menus, tag lists, teasers)
    short = [w < 8 and not e for w, e in zip(words, ends)]
    run = [0] * n
    k = 0
    while k < n:
        j = k
        while j < n and short[j]:
            j += 1
        for m in range(k, j):
            run[m] = j - k
        k = max(j, k + 1)
    chosen = range(n)
    if candidates_only:
        first_kept = next((k for k in range(n) if not removed[k]), None)
        chosen = [k for k in range(n) if not removed[k] and k != first_kept and (k < first_long or k > last_long)]
        if not chosen:
            return [], np.zeros((0, len(FEATURES)))
    counts = _char_counts([texts[k] for k in chosen])
    rows = []
    for c, k in enumerate(chosen):
        i, text, toks = idx[k], texts[k], tokens[k]
        size, letters, digits, upper = counts[c]
        firsts = _ALPHA_START.findall(text)
        lowered = list(map(str.lower, toks))
        prev_k, next_k = k - 1, k + 1
        rows.append((
            k / (n - 1) if n > 1 else 0.0,
            k < 3,
            n - 1 - k < 3,
            math.log1p(words[k]),
            math.log1p(size),
            ends[k],
            text.endswith(":"),
            min(len(_INNER_END.findall(text)), 5) / 5,
            digits / size,
            upper / (letters or 1),
            sum(map(str.isupper, firsts)) / len(firsts) if firsts else 0.0,
            min(len(_SYMBOL.findall(text)) / size * 10, 1.0),
            bool(_LINK.search(text)),
            sum(map(common.__contains__, lowered)) / len(toks) if toks else 0.0,
            (sum(map(title_words.__contains__, lowered)) / len(toks) if toks else 0.0) if k else 0.0,
            bool(_CLOCK_OR_YEAR.search(text)),
            k < first_long,
            k > last_long,
            removed[prev_k] if prev_k >= 0 else 1.0,
            removed[next_k] if next_k < n else 1.0,
            math.log1p(words[prev_k]) if prev_k >= 0 else 0.0,
            math.log1p(words[next_k]) if next_k < n else 0.0,
            ends[prev_k] if prev_k >= 0 else 0.0,
            ends[next_k] if next_k < n else 0.0,
            math.log1p(run[k]),
            bool(_BULLET.match(text)),
            bool(_QUOTE_OPEN.match(text)),
            (i == 0 or not lines[i - 1].strip()) and (i + 1 >= len(lines) or not lines[i + 1].strip()),
        ))
    return [idx[k] for k in chosen], np.array(rows, dtype=float)
