"""Numbers: reported figures with their units, read with each language's separators.

"100.000 soldater" is 100000 soldiers in Norwegian, "3,9%" is 3.9 percent, "1,500" is 1500
in English but 1.5 in German. Separators, multipliers ("1,5 millioner"), unit words and
number words are data (tasks/rules/numbers/: generic.toml, one file per language and the
generated number_words.toml); units come out as English singulars in American spelling
("minute", "soldier", "kilometer", "liter"), symbols ("km/h", "mph") or ISO currency codes
("USD", "NOK"). In English an unlisted plain noun after a number is its unit ("78 gates" ->
gate); other languages need their lexicon, else the unit is NULL.

The lexicon of counted nouns is one table per concept with every language side by side
(rules/numbers/nouns.toml), so coverage does not depend on which language a test article
happened to use. A lexicon form is a stem: an inflected word matches when it is a form plus
one of the language's `endings` ("sjåfør" + "er", "пассажир" + "ов"), and in the compounding
languages the head of a compound is its unit ("bussjåfører" -> driver, "Verhandlungstagen" ->
day). A krone/krona/Krone/crown without its country takes it from the context: an adjective
next to it ("norska kronor"), else the last country named before it in its sentence ("in
southern Norway ... 4.12 crowns"), else the article's language (nb/nn NOK, da DKK, sv SEK),
else the country the article names most; only with no clue at all does it stay "crown".
"minus 14 градусов" and "−14 °C" are negative. A match score ("2-1", "2:1", "por 2 a 1") in
an article about sport is one row with unit "score" and no value (it is a result, not one
quantity), not two bare numbers.

What is not a figure: a bare number after a label word ("en el minuto 12", "legge 146",
"elområde 4", "page 5": `label_before`), numbers inside date mentions (the date stage's spans: "10. januar",
"i 2008", "two days later"), bare years (a four-digit 1900-2100 without a unit), ordinals
("10th", "2. verdenskrig", "1er"), clock times ("14:30", "kl. 14", "14 Uhr") and codes glued
to letters ("G7", "F-16", "COVID-19"). Number words count only with a unit or a multiplier
("fifty soldiers", "two million"): alone they are too often articles or idioms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tasks.languages import SUPPORTED
from tasks.rulefiles import read_rules
from tasks.textscan import alternation, finditer, longest_word, scan_of

RULES_DIR = Path(__file__).parent / "rules" / "numbers"
LANGUAGES = SUPPORTED
_DASHES = "-–—‒"


_TIME_UNITS = frozenset({"second", "minute", "hour", "day", "week", "month", "year"})
_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*[^\W_])?")


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
    unit: re.Pattern | None       # multiword or dotted unit forms right after ("per cent", "kr.", "norska kronor")
    link: re.Pattern | None       # a word between number and unit ("de", "di")
    unit_of: dict[str, str]       # folded single-word form (or stem) -> unit
    endings: tuple[str, ...]      # inflection endings a stem may take, longest first
    compound_heads: bool          # the head of a compound is the unit ("bussjåfører")
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
    share_of: re.Pattern | None       # "11 of the 33 seats": the first number counts the same thing
    minus: re.Pattern | None          # "minus 14 градусов"
    score: re.Pattern | None          # "2-1", "2:1", "2 a 1"
    score_cues: frozenset[str]        # stems of sport words that make N-M a score
    crown_cues: tuple[tuple[str, str], ...]   # (stem, ISO code) of countries using a krone
    crown_default: str | None
    label_before: re.Pattern | None   # "minuto 12", "legge 146", "elområde 4": a label, not a figure


def _fold(text: str) -> str:
    # "İki".casefold() is "i̇ki" (i + combining dot): fold it to the plain letter
    return re.sub(r"\s+", " ", text.casefold().replace("’", "'").replace("i\u0307", "i")).strip()


def _read(path: Path) -> dict:
    return read_rules(path, "number")


@lru_cache(maxsize=1)
def _nouns() -> dict:
    return _read(RULES_DIR / "nouns.toml")


def _is_word(form: str) -> bool:
    return _WORD.fullmatch(form) is not None


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
    # "1,5 millioner", "2.9-billion-kilometre": a multiplier after a space or a hyphen
    mult = re.compile(rf"(?:[ \u00a0]*|-){link_re}(?P<m>{alternation(spec.get('multipliers', {}))})(?![^\W\d_])",
                      flags)

    # Units: the concept table first, the language's own file over it (its forms are exact).
    forms: dict[str, str] = {}
    for unit, by_lang in _nouns().items():
        for f in by_lang.get(lang, []):
            forms.setdefault(f, unit)
    for unit, fs in spec.get("units", {}).items():
        for f in fs:
            forms[f] = unit
    unit_of = {_fold(f): u for f, u in forms.items()}
    multi = [f for f in forms if not _is_word(f)]
    unit = re.compile(rf"[ \u00a0]*{link_re}(?P<u>{alternation(multi)})(?![^\W\d_])", flags) if multi else None
    link_only = re.compile(rf"[ \u00a0]*(?:{alternation(link)})(?:\s+|(?<=')|(?<=’))", flags) if link else None

    words = {**_read(RULES_DIR / "number_words.toml").get(lang, {}), **spec.get("words", {})}
    word_of = {_fold(w): float(v) for w, v in words.items()}
    words_re = re.compile(rf"(?<!\w)(?P<w>{alternation(words)})(?!\w)", flags) if words else None

    cb, ca = spec.get("clock_before", []), spec.get("clock_after", [])
    rng = rf"(?:[{_DASHES}]|{alternation(spec.get('range', []))})"
    starts = spec.get("range_start", [])
    share = spec.get("share_of", [])
    minus = spec.get("minus", []) + generic.get("minus", [])
    links = spec.get("score_link", [])
    score = re.compile(rf"(?<![\w.,:/-])(?P<a>\d{{1,2}})(?:\s*[{_DASHES}:]\s*|\s+(?:{alternation(links)})\s+)"
                       rf"(?P<b>\d{{1,2}})(?![\w.,:/%-]|[.,]\d)" if links else
                       rf"(?<![\w.,:/-])(?P<a>\d{{1,2}})\s*[{_DASHES}:]\s*(?P<b>\d{{1,2}})(?![\w:/%-]|[.,]\d)")
    cues = generic.get("crown_countries", {})
    return NumberRules(
        lang=lang, group=frozenset(group), number=number,
        prefix=prefix, prefix_unit=prefix_unit, suffix=suffix, suffix_unit=suffix_unit,
        currency_mult=currency_mult, currency_mult_of=currency_mult_of,
        mult=mult, mult_of=mult_of, unit=unit, link=link_only, unit_of=unit_of,
        endings=tuple(sorted({_fold(e) for e in spec.get("endings", [])} - {""}, key=len, reverse=True)),
        compound_heads=bool(spec.get("compound_heads")),
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
        share_of=re.compile(rf"\s+(?:{alternation(share)})\s+$", flags) if share else None,
        minus=re.compile(rf"(?<!\w)(?:{alternation(minus)})\s*$", flags) if minus else None,
        score=score,
        score_cues=frozenset(_fold(w) for w in spec.get("score_cues", [])),
        crown_cues=tuple(sorted(((_fold(stem), code) for code, stems in cues.items() for stem in stems),
                                key=lambda c: -len(c[0]))),
        crown_default=generic.get("crown_default", {}).get(lang),
        label_before=(re.compile(rf"(?<!\w)(?:{alternation(spec['label_before'])})\.?\s*$", flags)
                      if spec.get("label_before") else None),
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
    value: float | None
    unit: str | None
    has_mult: bool
    mult: float


def unit_of_word(word: str, rules: NumberRules) -> str | None:
    """The unit a word names: a form, a form plus an inflection ending, or (compounding
    languages) a compound whose head is one ("bussjåfører" -> driver, "Verhandlungstagen" -> day).
    A compound head must have 4 letters before its ending unless it is a time unit ("tag"), so
    "Reaktoren" is not read as "Tor" + "en"."""
    w = _fold(word)
    if (u := rules.unit_of.get(w)) is not None:
        return u
    if (hit := _stem_unit(w, rules)) is not None:
        return hit[0]
    if rules.compound_heads:
        for i in range(2, len(w) - 2):
            tail = w[i:]
            u = rules.unit_of.get(tail)
            if u is not None and (len(tail) >= 4 or u in _TIME_UNITS):
                return u
            hit = _stem_unit(tail, rules)
            if hit is not None and (hit[1] >= 4 or hit[0] in _TIME_UNITS):
                return hit[0]
    return None


def _stem_unit(w: str, rules: NumberRules) -> tuple[str, int] | None:
    """(unit, stem length) of a word that is a form (3+ letters) plus one of the language's endings."""
    for e in rules.endings:
        if len(w) - len(e) >= 3 and w.endswith(e):
            u = rules.unit_of.get(w[: len(w) - len(e)])
            if u is not None:
                return u, len(w) - len(e)
    return None


def _compound_unit(word: str, rules: NumberRules, min_len: int = 3) -> str | None:
    """'minutters' (of '50-minutters') -> minute: the word starts with a unit form."""
    w = _fold(word)
    for form in rules.unit_forms:
        if len(form) >= min_len and w.startswith(form):
            return rules.unit_of[form]
    return None


_NEXT = re.compile(r"[ \u00a0\u202f]+([^\W\d_](?:[\w'’-]*[^\W_])?)(\.?)")


def _word_unit_at(text: str, pos: int, rules: NumberRules) -> tuple[int, str] | None:
    """(end, unit) of a unit word starting after whitespace at pos."""
    m = _NEXT.match(text, pos)
    if not m:
        return None
    word = m.group(1)
    if m.group(2) and (u := rules.unit_of.get(_fold(word + "."))):
        return m.end(), u
    u = unit_of_word(word, rules)
    return (m.end(1), u) if u is not None else None


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
    if rules.unit is not None and (m := rules.unit.match(text, end)):
        return m.end(), factor, has_mult, rules.unit_of.get(_fold(m["u"]))
    if hit := _word_unit_at(text, end, rules):
        return hit[0], factor, has_mult, hit[1]
    if rules.link is not None and (m := rules.link.match(text, end)) and (hit := _word_unit_at(text, m.end() - 1, rules)):
        return hit[0], factor, has_mult, hit[1]  # "500.000 de doze", "1,8 milioni di pendolari"
    if end < len(text) and text[end] in _DASHES and (m := re.compile(r"[^\W\d_]+").match(text, end + 1)):
        if u := _compound_unit(m.group(), rules):
            return m.end(), factor, has_mult, u
    if rules.unit_prefix_match and (m := re.compile(r"\s+([^\W\d_]+)").match(text, end)):
        if u := _compound_unit(m.group(1), rules):
            return m.end(), factor, has_mult, u
    # one or two words between the number and its unit: "100,000 Russian troops", "10 нових вагонів"
    gap_end = end
    for _ in range(2):
        m = _NEXT.match(text, gap_end)
        if not m or m.group(2):
            break
        w = _fold(m.group(1))
        if w in rules.stop or w in rules.word_of or w in rules.mult_of:
            break
        gap_end = m.end(1)
        if hit := _word_unit_at(text, gap_end, rules):
            return hit[0], factor, has_mult, hit[1]
    if fallback and rules.noun_fallback and (m := _PLAIN_NOUN.match(text, end)):
        word = m.group(1)
        low = word.lower()
        if word.islower() and len(low) >= 3 and low not in rules.stop and low not in rules.not_units \
                and not low.endswith(("ed", "ly", "ing")):
            # "49 close flybys": a word that is no plural before one that is: the second is the noun
            m2 = _PLAIN_NOUN.match(text, m.end())
            if m2 and not low.endswith("s") and m2.group(1).islower() and m2.group(1).endswith("s") \
                    and m2.group(1).lower() not in rules.stop and len(m2.group(1)) >= 4:
                return m2.end(), factor, has_mult, english_singular(m2.group(1).lower())
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


def _sport(text: str, rules: NumberRules) -> bool:
    """Does the article speak about a match? Two sport words (stems) in its text."""
    if not rules.score_cues:
        return False
    words = scan_of(text).words
    hits = 0
    for w in words:
        if any(w.startswith(c) for c in rules.score_cues):
            hits += 1
            if hits >= 2:
                return True
    return False


def _scores(text: str, rules: NumberRules, date_spans: list[tuple[int, int]]) -> list[_Hit]:
    """Match results ("2-1", "2:1", "por 2 a 1") of a sport article, without a unit after them."""
    if rules.score is None:
        return []
    cands = list(rules.score.finditer(text))
    if not cands or not _sport(text, rules):
        return []
    out = []
    for m in cands:
        s, e = m.span()
        if _inside(date_spans, s) or int(m["a"]) > 20 or int(m["b"]) > 20:
            continue
        if rules.clock_before and rules.clock_before.search(text, max(0, s - 24), s):
            continue
        end, _, has_mult, unit = _tail(text, e, rules, False, fallback=False)
        if unit is not None or has_mult:
            continue  # "9-10 soldiers" is a range of figures
        out.append(_Hit(s, e, None, "score", False, 1.0))
    return out


def _crown_country(text: str, hit: _Hit, rules: NumberRules) -> str:
    """NOK/SEK/DKK for a krone amount from its context (see the module docstring), else 'crown'."""
    def code(word: str) -> str | None:
        w = word.casefold()
        return next((c for stem, c in rules.crown_cues if w.startswith(stem)), None)

    near = _WORD.findall(text[hit.start:hit.end]) + _WORD.findall(text[hit.end:hit.end + 20])[:1]
    if c := next((code(w) for w in near if code(w)), None):
        return c
    sent = max(text.rfind(ch, 0, hit.start) for ch in ".!?\n") + 1
    before = [c for w in _WORD.findall(text[sent:hit.start]) if (c := code(w))]
    if before:
        return before[-1]
    if rules.crown_default:
        return rules.crown_default
    counts: dict[str, int] = {}
    for w in _WORD.findall(text):
        if c := code(w):
            counts[c] = counts.get(c, 0) + 1
    if counts:
        best = sorted(counts.items(), key=lambda kv: -kv[1])
        if len(best) == 1 or best[0][1] > best[1][1]:
            return best[0][0]
    return "crown"


def _name_like(text: str, start: int, word_end: int, end: int, rules: NumberRules) -> bool:
    """A capitalised number word inside a sentence before a capitalised noun is part of a name,
    in languages that write nouns in lower case."""
    if rules.lang == "de" or not text[start].isupper():
        return False
    before = text[max(0, start - 3):start].strip()
    if not before or before[-1] in ".!?:\"“«„—–-":
        return False  # sentence start
    nxt = _WORD.search(text, word_end, end)
    return nxt is not None and nxt.group()[0].isupper()


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
    hits: list[_Hit] = _scores(text, rules, date_spans)
    taken = date_spans + [(h.start, h.end) for h in hits]

    for m in rules.number.finditer(text):
        s, e = m.span("num")
        if _inside(taken, s):
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
            if rules.label_before is not None and rules.label_before.search(text, max(0, s - 24), s):
                continue  # "en el minuto 12", "la legge 146", "i elområde 4": a label, not a figure
        # "minus 14 градусов", "−14 °C"
        if rules.minus is not None and (mm := rules.minus.search(text, max(0, s - 12), s)):
            value, s = -value, mm.start()
        elif unit == "degree" and s > 0 and text[s - 1] in "−-" and (s == 1 or not text[s - 2].isalnum()):
            value, s = -value, s - 1
        hits.append(_Hit(s, end, value * factor, unit, has_mult, factor))

    pending: list[_Hit] = []  # number words without a unit: "deux (à trois semaines)"
    if rules.words is not None:
        scan = scan_of(text)
        for m in finditer(rules.words, text, scan.windows(rules.word_trigger, margin=2)):
            s, e = m.span("w")
            if _inside(taken, s) or any(h.start <= s < h.end for h in hits):
                continue
            # number words only with a listed unit or a multiplier: "two paths" is no figure
            end, factor, has_mult, unit = _tail(text, e, rules, False, fallback=False)
            value = rules.word_of.get(_fold(m["w"]))
            if value is None:
                continue
            value *= factor
            if unit is None and not has_mult:
                pending.append(_Hit(s, e, value, None, False, 1.0))
                continue
            if _name_like(text, s, e, end, rules):
                continue  # "Six Nations", "Tre Kronor": a name, not a count
            hits.append(_Hit(s, end, value, unit, has_mult, factor))

    hits.sort(key=lambda h: h.start)
    # "9-10 soldiers", "between 100,000 and 120,000 troops", "1-2 millioner": the first number
    # of a range takes the unit (and multiplier) of the second; "11 of the 33 seats" too.
    for a, b in zip(hits, hits[1:]):
        if a.value is None or b.value is None:
            continue
        between = text[a.end:b.start]
        dash = between.strip() in tuple(_DASHES)
        opened = rules.range_start is not None and rules.range_start.search(text, max(0, a.start - 20), a.start)
        if a.unit is None and b.unit is not None and rules.range_between.match(between) and (dash or opened):
            a.unit = b.unit
            if b.has_mult and not a.has_mult:
                a.value *= b.mult
        elif a.unit is None and b.unit is not None and rules.share_of is not None and rules.share_of.match(between):
            a.unit = b.unit
    # a number word before a range connector and a counted number: "deux à trois semaines"
    starts = {h.start: h for h in hits}
    for p in pending:
        m = re.compile(r"\s*\S+\s*").match(text, p.end)
        b = starts.get(m.end()) if m else None
        if b is not None and b.unit is not None and b.value is not None and rules.range_between.match(text[p.end:b.start]):
            hits.append(_Hit(p.start, p.end, p.value * (b.mult if b.has_mult else 1.0), b.unit, b.has_mult, b.mult))
    hits.sort(key=lambda h: h.start)
    for h in hits:
        if h.unit == "crown":
            h.unit = _crown_country(text, h, rules)
    return [{"article_id": article.get("article_id"), "surface": text[h.start:h.end], "value": h.value,
             "unit": h.unit, "start_char": h.start} for h in hits]
