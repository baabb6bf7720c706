"""Numbers: reported figures with their units, read with each language's separators.

"100.000 soldater" is 100000 soldiers in Norwegian, "3,9%" is 3.9 percent, "1,500" is 1500
in English but 1.5 in German. Separators, multipliers ("1,5 millioner"), unit words and
number words are data (tasks/rules/numbers/: generic.toml, one file per language and the
generated number_words.toml); units come out as English singulars in American spelling
("minute", "soldier", "kilometer", "liter"), symbols ("km/h", "mph") or ISO currency codes
("USD", "NOK"). In English an unlisted plain noun after a number is its unit ("78 gates" ->
gate); other languages need their lexicon, else the unit is NULL.

What is not a figure: numbers inside date mentions (the date stage's spans: "10. januar",
"i 2008", "two days later"), bare years (a four-digit 1900-2100 without a unit), ordinals
("10th", "2. verdenskrig", "1er"), clock times ("14:30", "kl. 14", "14 Uhr") and codes glued
to letters ("G7", "F-16", "COVID-19"). Number words count only with a unit or a multiplier
("fifty soldiers", "two million"): alone they are too often articles or idioms.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tasks.textscan import alternation, finditer, longest_word, scan_of

RULES_DIR = Path(__file__).parent / "rules" / "numbers"
LANGUAGES = ("nb", "nn", "da", "sv", "de", "nl", "fr", "es", "it", "pt", "pl", "ro", "tr", "ru", "uk", "en")
_DASHES = "-–—‒"


@dataclass(frozen=True)
class NumberRules:
    lang: str
    group: frozenset[str]
    number: re.Pattern            # digit tokens
    prefix: re.Pattern            # currency symbol/code (or "yüzde") ending right before a number
    prefix_unit: dict[str, str]
    suffix: re.Pattern            # "%", "km", "USD" right after a number
    suffix_unit: dict[str, str]
    currency_mult: re.Pattern
    currency_mult_of: dict[str, float]
    mult: re.Pattern
    mult_of: dict[str, float]
    unit: re.Pattern              # unit word right after (optionally after a link word: "de", "di")
    gap_unit: re.Pattern          # one or two words, then a unit word: "100,000 Russian troops"
    unit_of: dict[str, str]
    unit_forms: tuple[str, ...]   # longest first, for compounds ("50-minutters", "50-minütigen")
    unit_prefix_match: bool
    number_suffix: re.Pattern | None  # a case ending glued to the number ("200'den")
    noun_fallback: bool               # English: an unlisted plain noun is the unit ("10,000 homes")
    not_units: frozenset[str]
    words: re.Pattern | None      # number words
    word_of: dict[str, float]
    word_trigger: frozenset[str]
    stop: frozenset[str]
    clock_before: re.Pattern | None
    clock_after: re.Pattern | None
    ordinal_dot: str              # none | lower | any
    range_between: re.Pattern
    range_start: re.Pattern | None    # "from", "between": a word range only after these


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text.casefold().replace("’", "'")).strip()


def _read(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"number rules file {path} is not valid TOML: {exc}") from None


@lru_cache(maxsize=None)
def load_rules(lang: str) -> NumberRules:
    """Compile one language's number patterns once per process (English rules for others)."""
    if lang not in LANGUAGES:
        lang = "en"
    generic = _read(RULES_DIR / "generic.toml")
    spec = _read(RULES_DIR / f"{lang}.toml")
    flags = re.IGNORECASE

    group = [g for g in spec.get("group", []) if len(g) == 1]
    gchars = re.escape("".join(sorted(set(group) | {".", ","})))
    number = re.compile(
        rf"(?<![\w.,:/])(?<![^\W\d_][{_DASHES}])(?P<num>\d{{1,3}}(?:(?P<g>[{gchars}])\d{{3}}(?!\d))(?:(?P=g)\d{{3}}(?!\d))*"
        rf"(?:[.,]\d+)?|\d+(?:[.,]\d+)?)")

    prefix_unit = {**generic.get("prefix", {}), **spec.get("prefix", {})}
    prefix = re.compile(rf"(?:(?<![^\W\d_])(?P<p>{alternation(prefix_unit)}))[ \u00a0]?$")
    suffix_unit = dict(generic.get("suffix", {}))
    suffix = re.compile(rf"[ \u00a0\u202f]?(?P<s>{alternation(suffix_unit)})(?![^\W\d_])")
    currency_mult_of = {k.lower(): float(v) for k, v in generic.get("currency_multipliers", {}).items()}
    currency_mult = re.compile(rf"(?P<cm>{alternation(currency_mult_of)})(?!\w)", flags)
    mult_of = {_fold(k): float(v) for k, v in spec.get("multipliers", {}).items()}
    link = spec.get("unit_link", [])
    link_re = rf"(?:(?:{alternation(link)})\s*)?" if link else ""
    mult = re.compile(rf"[ \u00a0]*{link_re}(?P<m>{alternation(spec.get('multipliers', {}))})(?![^\W\d_])", flags)
    unit_of = {_fold(f): unit for unit, forms in spec.get("units", {}).items() for f in forms}
    unit_alt = alternation(f for forms in spec.get("units", {}).values() for f in forms)
    unit = re.compile(rf"[ \u00a0]*{link_re}(?P<u>{unit_alt})(?![^\W\d_])", flags)
    gap_unit = re.compile(rf"(?P<gap>(?:\s+[^\W\d_][\w'’-]*){{1,2}}?)\s+(?P<u>{unit_alt})(?![^\W\d_])", flags)

    words = {**_read(RULES_DIR / "number_words.toml").get(lang, {}), **spec.get("words", {})}
    word_of = {_fold(w): float(v) for w, v in words.items()}
    words_re = re.compile(rf"(?<!\w)(?P<w>{alternation(words)})(?!\w)", flags) if words else None

    cb, ca = spec.get("clock_before", []), spec.get("clock_after", [])
    rng = rf"(?:[{_DASHES}]|{alternation(spec.get('range', []))})"
    starts = spec.get("range_start", [])
    return NumberRules(
        lang=lang, group=frozenset(group), number=number,
        prefix=prefix, prefix_unit=prefix_unit, suffix=suffix, suffix_unit=suffix_unit,
        currency_mult=currency_mult, currency_mult_of=currency_mult_of,
        mult=mult, mult_of=mult_of, unit=unit, gap_unit=gap_unit, unit_of=unit_of,
        unit_forms=tuple(sorted(unit_of, key=len, reverse=True)),
        unit_prefix_match=bool(spec.get("unit_prefix_match")),
        number_suffix=re.compile(spec["number_suffix"]) if spec.get("number_suffix") else None,
        noun_fallback=bool(spec.get("noun_fallback")),
        not_units=frozenset(_fold(w) for w in spec.get("not_units", [])),
        words=words_re, word_of=word_of, word_trigger=frozenset(longest_word(w) for w in words),
        stop=frozenset(_fold(w) for w in spec.get("stop", [])),
        # "kl. 14", "klokken 8 og 9"; "14 Uhr", "zwischen 8 und 9 Uhr", "4 heures du matin"
        clock_before=(re.compile(rf"(?<!\w)(?:{alternation(cb)})\s+(?:\d{{1,2}}(?:[.:]\d\d)?\s*{rng}\s*)?$", flags)
                      if cb else None),
        clock_after=(re.compile(rf"(?:\s*{rng}\s*\d{{1,2}}(?:[.:]\d\d)?)?\s*(?:{alternation(ca)})(?!\w)", flags)
                     if ca else None),
        ordinal_dot=spec.get("ordinal_dot", "none"),
        range_between=re.compile(rf"\s*{rng}\s*$", flags),
        range_start=re.compile(rf"(?<!\w)(?:{alternation(starts)})\s+$", flags) if starts else None,
    )


def parse_number(token: str, group_sep: str | None, rules: NumberRules) -> float:
    """'100.000' -> 100000 (nb), '3,9' -> 3.9, '1,500' -> 1500 (en) but 1.5 (de)."""
    if group_sep and (group_sep in rules.group or token.count(group_sep) > 1):
        token = token.replace(group_sep, "")
    return float(token.replace(",", "."))


@dataclass
class _Hit:
    start: int
    end: int
    value: float
    unit: str | None
    has_mult: bool
    mult: float


def _compound_unit(word: str, rules: NumberRules, min_len: int = 3) -> str | None:
    """'minutters' (of '50-minutters') -> minute: the word starts with a unit form."""
    w = _fold(word)
    for form in rules.unit_forms:
        if len(form) >= min_len and w.startswith(form):
            return rules.unit_of[form]
    return None


def _tail(text: str, pos: int, rules: NumberRules, currency: bool,
          fallback: bool = True) -> tuple[int, float, bool, str | None]:
    """After a number: (end, multiplier, had multiplier, unit) from the text at pos."""
    end, factor, has_mult, unit = pos, 1.0, False, None
    if currency and (m := rules.currency_mult.match(text, end)):
        factor, has_mult, end = rules.currency_mult_of[m["cm"].lower()], True, m.end()
    if m := rules.mult.match(text, end):
        factor, has_mult, end = factor * rules.mult_of.get(_fold(m["m"]), 1.0), True, m.end()
    if currency:
        return end, factor, has_mult, None
    if m := rules.suffix.match(text, end):
        return m.end(), factor, has_mult, rules.suffix_unit[m["s"]]
    if m := rules.unit.match(text, end):
        return m.end(), factor, has_mult, rules.unit_of.get(_fold(m["u"]))
    if end < len(text) and text[end] in _DASHES and (m := re.compile(r"[^\W\d_]+").match(text, end + 1)):
        if u := _compound_unit(m.group(), rules):
            return m.end(), factor, has_mult, u
    if rules.unit_prefix_match and (m := re.compile(r"\s+([^\W\d_]+)").match(text, end)):
        if u := _compound_unit(m.group(1), rules):
            return m.end(), factor, has_mult, u
    if m := rules.gap_unit.match(text, end):
        gap = [_fold(w) for w in m["gap"].split()]
        if not any(w in rules.stop or w in rules.word_of or w in rules.mult_of for w in gap):
            return m.end(), factor, has_mult, rules.unit_of.get(_fold(m["u"]))
    if fallback and rules.noun_fallback and (m := _PLAIN_NOUN.match(text, end)):
        word = m.group(1)
        low = word.lower()
        if word.islower() and len(low) >= 3 and low not in rules.stop and low not in rules.not_units \
                and not low.endswith(("ed", "ly", "ing")):
            return m.end(), factor, has_mult, english_singular(low)
    return end, factor, has_mult, unit


_PLAIN_NOUN = re.compile(r"[ \u00a0]+([^\W\d_]+)(?![\w'’-])")
_IRREGULAR = {"people": "person", "children": "child", "men": "man", "women": "woman", "feet": "foot",
              "teeth": "tooth", "mice": "mouse", "geese": "goose", "police": "police", "staff": "staff",
              "series": "series", "species": "species", "aircraft": "aircraft", "news": "news"}


def english_singular(word: str) -> str:
    """'homes' -> 'home', 'countries' -> 'country', 'people' -> 'person' (for unlisted English units)."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes", "zzes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    return any(s <= pos < e for s, e in spans)


def extract_numbers(article: dict, dates: list[dict] | None = None) -> list[dict]:
    """Number rows of one article: {article_id, surface, value, unit, start_char}.

    `dates` are the article's date rows (computed here when not given): a number inside a
    date mention is part of the date, not a figure.
    """
    text = article.get("text_clean") or ""
    rules = load_rules(article.get("lang") or "en")
    if dates is None:
        from tasks.dates import extract_dates

        dates = extract_dates(article)
    date_spans = [(d["start_char"], d["start_char"] + len(d["surface"])) for d in dates]
    hits: list[_Hit] = []

    for m in rules.number.finditer(text):
        s, e = m.span("num")
        if _inside(date_spans, s):
            continue
        nxt = text[e:e + 2]
        if nxt[:1] == ":" and nxt[1:2].isdigit() or nxt[:1] == "/" or text[s - 1:s] == "/":
            continue  # clock time, fraction, page reference
        if rules.ordinal_dot != "none" and nxt[:1] == "." and e + 2 < len(text) and nxt[1:2] == " ":
            follower = text[e + 2]
            if follower.isalpha() and (rules.ordinal_dot == "any" or follower.islower()):
                continue  # "2. verdenskrig", "der 2. Weltkrieg"
        value = parse_number(m["num"], m["g"], rules)
        pm = rules.prefix.search(text, max(0, s - 8), s)
        currency = pm is not None and rules.prefix_unit[pm["p"]] != "percent"
        if rules.number_suffix is not None and (sm := rules.number_suffix.match(text, e)):
            e, nxt = sm.end(), " "
        year_like = re.fullmatch(r"\d{4}", m["num"]) is not None and 1900 <= value <= 2100
        if rules.clock_after and value <= 24 and rules.clock_after.match(text, e):
            continue  # "14 Uhr", "zwischen 8 und 9 Uhr", "4 heures du matin"
        # "the 2014 annexation": a year-like number takes only a listed unit, not any noun after it
        end, factor, has_mult, unit = _tail(text, e, rules, currency, fallback=not year_like)
        if pm is not None:
            unit, s = rules.prefix_unit[pm["p"]], pm.start("p")
        if end == e and nxt[:1].isalpha():
            continue  # glued to letters: "5G", "10th", "1er"
        if unit is None and not has_mult:
            if year_like:
                continue  # a bare year
            if rules.clock_before and value <= 24 and rules.clock_before.search(text, max(0, s - 24), s):
                continue
        hits.append(_Hit(s, end, value * factor, unit, has_mult, factor))

    if rules.words is not None:
        scan = scan_of(text)
        for m in finditer(rules.words, text, scan.windows(rules.word_trigger, margin=2)):
            s, e = m.span("w")
            if _inside(date_spans, s) or any(h.start <= s < h.end for h in hits):
                continue
            # number words only with a listed unit or a multiplier: "two paths" is no figure
            end, factor, has_mult, unit = _tail(text, e, rules, False, fallback=False)
            if unit is None and not has_mult:
                continue
            hits.append(_Hit(s, end, rules.word_of[_fold(m["w"])] * factor, unit, has_mult, factor))

    hits.sort(key=lambda h: h.start)
    # "9-10 soldiers", "between 100,000 and 120,000 troops", "1-2 millioner": the first number
    # of a range takes the unit (and multiplier) of the second.
    for a, b in zip(hits, hits[1:]):
        between = text[a.end:b.start]
        dash = between.strip() in tuple(_DASHES)
        opened = rules.range_start is not None and rules.range_start.search(text, max(0, a.start - 20), a.start)
        if a.unit is None and b.unit is not None and rules.range_between.match(between) and (dash or opened):
            a.unit = b.unit
            if b.has_mult and not a.has_mult:
                a.value *= b.mult
    return [{"article_id": article.get("article_id"), "surface": text[h.start:h.end], "value": h.value,
             "unit": h.unit, "start_char": h.start} for h in hits]
