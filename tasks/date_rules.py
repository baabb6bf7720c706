"""One language's date rules (tasks/rules/dates/, CLDR names, number words), compiled once per process."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tasks.languages import SUPPORTED
from tasks.rulefiles import read_rules
from tasks.textscan import WORD, alternation, longest_word

RULES_DIR = Path(__file__).parent / "rules" / "dates"
NUMBER_WORDS_FILE = Path(__file__).parent / "rules" / "numbers" / "number_words.toml"
LANGUAGES = SUPPORTED
_LEAP = 2000  # a leap year, for arithmetic on dates whose year is unknown
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MONTH_NUM = r"(?:0?[1-9]|1[0-2])"
_YEAR = r"(?:19|20)\d\d"


@dataclass(frozen=True)
class DateRules:
    lang: str
    month_of: dict[str, int]          # casefolded name -> 1..12
    weekday_of: dict[str, int]        # casefolded name -> 0 (Monday)..6
    number_of: dict[str, int]         # casefolded number word -> value
    patterns: tuple[tuple[str, str, re.Pattern], ...]   # (kind, trigger, pattern) in priority order
    # Where a pattern can match: a regex, or a set of lower-case words (looked up in the
    # article's word set: far cheaper than a regex alternation of 100 names).
    triggers: dict[str, re.Pattern | frozenset[str] | None]
    relative: re.Pattern | None               # all relative phrases: where one may start
    relative_each: tuple[re.Pattern, ...]     # each phrase alone, tried where `relative` matched
    relative_days: tuple[int, ...]            # days per unit of phrase i
    range_words: frozenset[str]
    year_offset: dict[str, int]
    past_words: frozenset[str]
    future_words: frozenset[str]
    no_month_only: frozenset[str]
    ambiguous_follow: re.Pattern | None
    weekday_needs_prep: frozenset[str]
    list_words: frozenset[str]
    day_articles: frozenset[str]
    range_open: re.Pattern | None     # "between", "entre", "zwischen" right before the first day
    future: re.Pattern | None         # a future marker in the clause before a weekday
    min_year: int
    max_year: int
    month_ahead_max: int
    max_range_days: int


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text.casefold().replace("’", "'").replace("ʼ", "'")).strip()


def _names(forms, title_case: bool) -> str:
    """Name alternation; title-case languages only accept the name capitalised."""
    if not title_case:
        return f"(?:{alternation(forms)})"
    caps = {f[:1].upper() + f[1:] for f in forms} | {f.upper() for f in forms if len(f) > 2}
    return f"(?-i:{alternation(caps)})"


def _read(path: Path) -> dict:
    return read_rules(path, "date")


@lru_cache(maxsize=1)
def _number_words() -> dict[str, dict[str, int]]:
    data = _read(NUMBER_WORDS_FILE)
    extra_dir = NUMBER_WORDS_FILE.parent
    out = {}
    for lang, words in data.items():
        merged = {_fold(w): int(v) for w, v in words.items()}
        own = extra_dir / f"{lang}.toml"
        if own.exists():
            merged.update({_fold(w): int(v) for w, v in _read(own).get("words", {}).items() if float(v).is_integer()})
        out[lang] = merged
    return out


@lru_cache(maxsize=None)
def load_rules(lang: str) -> DateRules | None:
    """Compile one language's date patterns (once per process); None for unsupported languages."""
    if lang not in LANGUAGES:
        return None
    generic = _read(RULES_DIR / "generic.toml")
    spec = _read(RULES_DIR / f"{lang}.toml")
    cldr = _read(RULES_DIR / "cldr_names.toml")[lang]
    title = spec.get("name_case", "any") == "title"

    months = [list(cldr["months"][i]) + list(spec.get("extra_months", [[]] * 12)[i]) for i in range(12)]
    abbrs = [list(cldr["months_abbr"][i]) for i in range(12)]
    weekdays = [list(cldr["weekdays"][i]) + list(spec.get("extra_weekdays", [[]] * 7)[i]) for i in range(7)]
    month_of: dict[str, int] = {}
    for i in range(12):
        for f in months[i] + abbrs[i]:
            month_of.setdefault(_fold(f), i + 1)
    weekday_of = {_fold(f): i for i, fs in enumerate(weekdays) for f in fs}

    all_months = [f for fs in months for f in fs]
    months_flat = all_months
    all_abbr = [f for fs in abbrs for f in fs]
    month_re = f"(?:{_names(all_months, title)}|{_names(all_abbr, title)}\\.?)"
    # Turkish writes "26 aralık", "kasım ayında" in lower case: next to a day or a month word the
    # name is safe in any case, alone it must be capitalised ("aralık" is also "interval").
    ctx_title = title and not spec.get("lower_with_context")
    day_month_re = month_re if not (title and spec.get("lower_with_context")) else \
        f"(?:{_names(all_months, False)}|{_names(all_abbr, False)}\\.?)"
    wide_month_re = _names(all_months, title)
    weekday_re = _names([f for fs in weekdays for f in fs], title)

    ordinal = spec.get("ordinal", r"\.?")
    day = rf"{_DAY}(?!\d)(?:{ordinal})" if ordinal else rf"{_DAY}(?!\d)"
    range_words = list(spec.get("range", []))
    list_words = list(spec.get("list", []))
    articles = list(spec.get("day_article", []))
    art_re = rf"(?:(?:{alternation(articles)})\s+)?" if articles else ""
    conn = (rf"(?:\s*(?:{alternation(generic['range'] + generic['list'])})\s*|\s+(?:{alternation(range_words + list_words)})\s+)"
            rf"{art_re}")
    link = spec.get("month_link", [])
    link_re = rf"(?:(?:{alternation(link)})\s+)?" if link else ""
    year_link = spec.get("year_link", [])
    year_words = spec.get("year_words", [])
    year_tail = rf"(?:\s*(?:{alternation(year_words)})(?!\w))?" if year_words else ""
    year_part = rf"(?:,?\s*(?:(?:{alternation(year_link)})\s+)?(?P<year>{_YEAR})(?![\d\w])(?![.,]\d){year_tail})?"

    patterns: list[tuple[str, str, re.Pattern]] = []
    flags = re.IGNORECASE
    patterns.append(("iso", "numeric", re.compile(
        rf"(?<![\w.\-/])(?P<date>(?P<year>{_YEAR})-(?P<m>{_MONTH_NUM})-(?P<d>{_DAY}))(?![\w\-/])")))
    seps = spec.get("numeric_dmy", [])
    if seps:
        patterns.append(("dmy", "numeric", re.compile(
            rf"(?<![\w.,/\-])(?P<date>(?P<d>{_DAY})(?P<sep>{alternation(seps)})(?P<m>{_MONTH_NUM})(?P=sep)(?P<year>{_YEAR}))"
            rf"(?!\d)(?![.,/]\d)")))
    patterns.append(("explicit", "names", re.compile(
        rf"(?<![\w.,:/])(?P<date>(?P<days>{day}(?:{conn}{day})*)\s*{link_re}(?P<month>{day_month_re})(?!\w){year_part})",
        flags)))
    if spec.get("month_first"):
        day_mf = rf"{_DAY}(?!\d)(?:{spec.get('ordinal_after_month', '')})"
        patterns.append(("explicit", "names", re.compile(
            rf"(?<!\w)(?P<date>(?P<month>{month_re})\s+(?P<days>{day_mf}(?:{conn}{day_mf})*)(?!\w)(?![%:]|[.,]\d)"
            rf"(?:,?\s+(?P<year>{_YEAR})(?![\d\w]))?)", flags)))
    dm_preps = spec.get("numeric_dm_preps", [])
    if dm_preps:
        patterns.append(("dm", "numeric", re.compile(
            rf"(?<!\w)(?:{alternation(dm_preps)})\s+(?P<date>(?P<d>{_DAY})\.(?P<m>{_MONTH_NUM})\.)(?![\d\w])", flags)))
    for pat in spec.get("day_only", []):
        patterns.append(("day_only", "all", re.compile(
            rf"(?<!\w)(?P<date>{pat.replace('{D}', f'(?P<d>{_DAY})')})(?![\d\w])", flags)))

    year_offset = {_fold(k): int(v) for k, v in {**spec.get("year_offset_after", {}),
                                                **spec.get("year_offset_before", {})}.items()}
    past_words = [*spec.get("past_before", []), *spec.get("past_after", [])]
    future_words = [*spec.get("future_before", []), *spec.get("future_after", [])]
    pre_mods = [*spec.get("past_before", []), *spec.get("future_before", []), *spec.get("year_offset_before", {})]
    post_mods = [*spec.get("past_after", []), *spec.get("future_after", [])]
    offsets_after = list(spec.get("year_offset_after", {}))
    month_preps = spec.get("month_preps", [])
    month_posts = spec.get("month_posts", [])
    prep_re = rf"(?:(?P<prep>{alternation(month_preps)})(?:\s+|(?<=-)))?" if month_preps else ""
    pre_re = rf"(?:(?P<pre>{alternation(pre_mods)})\s+)?" if pre_mods else ""
    post_re = rf"(?P<post>{alternation(month_posts)})?" if month_posts else ""
    tails = [rf",?\s*(?:(?:{alternation(year_link)})\s+)?(?P<year>{_YEAR})(?![\d\w])(?![.,]\d){year_tail}"]
    if offsets_after:
        tails.append(rf"\s+(?P<offset>{alternation(offsets_after)})(?!\w)")
    if post_mods:
        tails.append(rf"\s+(?P<postmod>{alternation(post_mods)})(?!\w)")
    patterns.append(("month", "names", re.compile(
        rf"(?<!\w){prep_re}(?P<date>{pre_re}(?P<month>{wide_month_re})(?!\w){post_re}(?:{'|'.join(tails)})?)",
        flags)))
    if not ctx_title and title and month_posts:
        patterns.append(("month", "names", re.compile(
            rf"(?<!\w)(?P<date>(?P<month>{_names(months_flat, False)})(?P<post>{alternation(month_posts)}))(?!\w)", flags)))

    year_preps = spec.get("year_preps", [])
    year_posts = spec.get("year_posts", [])
    opens = spec.get("range_open", [])
    open_re = rf"(?:(?P<open>{alternation(opens)})\s+)?" if opens else ""
    yprep2 = rf"(?:(?P<prep>{alternation(year_preps)})\s+)?" if year_preps else ""
    ylink = rf"\s+(?:{alternation(range_words + list_words)})\s+" if range_words + list_words else r"(?!x)x"
    patterns.append(("year_range", "year", re.compile(
        rf"(?<![\w.,]){open_re}{yprep2}(?P<date>(?P<y1>{_YEAR})(?P<sep>\s*[-–—/]\s*|{ylink})(?P<y2>{_YEAR}))"
        rf"(?![\d\w])(?![.,]\d)", flags)))
    yprep = rf"(?:(?P<prep>{alternation(year_preps)})\s+)?" if year_preps else ""
    ypost = rf"(?P<post>{alternation(year_posts)})(?!\w)|" if year_posts else ""
    ywords = rf"\s*(?P<yw>{alternation(year_words)})(?!\w)" if year_words else r"(?!x)x"
    patterns.append(("year", "year", re.compile(
        rf"(?<![\w.,]){yprep}(?P<date>(?P<year>{_YEAR})(?![\d\w])(?![.,]\d)(?:{ypost}{ywords})?)",
        flags)))

    wd_preps = spec.get("weekday_preps", [])
    wprep = rf"(?:(?P<prep>{alternation(wd_preps)})\s+)?" if wd_preps else ""
    suffix = spec.get("weekday_suffix", [])
    suffix_re = rf"(?:{alternation(suffix)})?" if suffix else ""
    post_wd = rf"(?:\s+(?P<postmod>{alternation(post_mods)})(?!\w))?" if post_mods else ""
    until = spec.get("weekday_future_preps", [])
    until_re = rf"(?:(?P<until>{alternation(until)})\s+)?" if until else ""
    patterns.append(("weekday", "names", re.compile(
        rf"(?<!\w){until_re}{wprep}(?P<date>{pre_re}(?P<wd>{weekday_re}){suffix_re}(?!\w){post_wd})", flags)))

    numbers = _number_words().get(lang, {})
    # A number is digits or up to two words, checked against the number words afterwards:
    # a 100-word alternation tried at every position would cost more than the whole stage.
    n_re = r"(?P<n>\d{1,3}|[^\W\d_]+(?:[\s-][^\W\d_]+)?)"
    each = [r["pattern"].replace("{N}", n_re) for r in spec.get("relative", [])]
    relative = re.compile(rf"(?<!\w)(?:{'|'.join(e.replace('?P<n>', '?:') for e in each)})(?!\w)", flags) if each else None
    relative_each = tuple(re.compile(rf"(?<!\w){e}(?!\w)", flags) for e in each)
    relative_days = tuple(int(r["days"]) for r in spec.get("relative", []))
    triggers = {
        "names": frozenset(longest_word(f) + sfx for f in all_months + all_abbr + [f for fs in weekdays for f in fs]
                           for sfx in ["", *spec.get("weekday_suffix", [])]),
        "relative": frozenset(w.lower() for r in spec.get("relative", [])
                              for w in WORD.findall(r["pattern"].replace("{N}", "")) if len(w) >= 4),
        "numeric": re.compile(r"\d[./-]\d"),
        "year": re.compile(rf"(?<!\d){_YEAR}(?!\d)"),
        "all": None,
    }

    follow = spec.get("ambiguous_month_follow")
    return DateRules(
        lang=lang, month_of=month_of, weekday_of=weekday_of, number_of=numbers,
        patterns=tuple(patterns), triggers=triggers, relative=relative, relative_each=relative_each,
        relative_days=relative_days,
        range_words=frozenset(_fold(w) for w in generic["range"] + range_words),
        year_offset=year_offset,
        past_words=frozenset(_fold(w) for w in past_words),
        future_words=frozenset(_fold(w) for w in future_words),
        no_month_only=frozenset(_fold(w) for w in spec.get("no_month_only", [])),
        ambiguous_follow=re.compile(follow) if follow else None,
        weekday_needs_prep=frozenset(_fold(w) for w in spec.get("weekday_needs_prep", [])),
        list_words=frozenset(_fold(w) for w in generic["list"] + list_words),
        day_articles=frozenset(_fold(w) for w in articles),
        range_open=(re.compile(rf"(?<!\w)(?:{alternation(opens)})\s+{art_re}$", flags) if opens else None),
        future=(re.compile(rf"(?<!\w)(?:{alternation(spec['future_markers'])})(?!\w)", flags)
                if spec.get("future_markers") else None),
        min_year=int(generic["min_year"]), max_year=int(generic["max_year"]),
        month_ahead_max=int(generic["month_ahead_max"]), max_range_days=int(generic["max_range_days"]),
    )


# ---------------------------------------------------------------- resolution helpers
