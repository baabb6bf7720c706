"""Dates: explicit calendar dates in 16 languages, resolved against the publication date.

Every language's words are data (tasks/rules/dates/): month and weekday names generated
from CLDR (cldr_names.toml, see tasks/fact_data.py), plus a hand-written file per language
with inflected forms CLDR lacks, prepositions, "this year"/"last" modifiers and relative
phrases, compiled by tasks/date_rules.py. This module only knows the shapes of a date mention.

dateparser is deliberately not used: on whole texts it invents dates ("die" -> Tuesday,
"50-minute" -> 2050), loses the day of "10. januar" and reads "January 9-10" as 2110; the
shapes below cover what it would find on candidate spans, ~50x faster.

Resolution rules (reference = publication date, or its month for month precision):
- day and month without a year: the occurrence nearest the reference (Jan 10 with reference
  2021-12-31 -> 2022-01-10), or the past/next one when a modifier says so ("le 13 janvier
  prochain", "el pasado 7 de diciembre"); without a reference `--MM-DD`.
- month without a year: an explicit modifier wins ("i juni i år", "last June", "im Juni
  nächsten Jahres"); otherwise the month is taken as coming when it lies 1-3 months ahead
  of the reference ("talks planned for January", December) and as the latest past or current
  occurrence otherwise ("they met in June", December). Without a reference it is skipped.
- weekdays and day-only phrases ("el pasado día 7") need a day-precision reference:
  the latest such day on or before the reference, or the next one after "next"/"neste"/...
- relative phrases ("two days later") resolve from the nearest preceding day-level date.
- a weekday in a clause with a future marker ("will", "skal", "wird", "va") is the coming one.

Ranges and lists: "January 9-10", "12, 13 og 14" and "entre le 6 et le 12 janvier" (a list word
after an opening "between" word is a range; an article may stand before each day) give one row
per day; "zwischen 2007 und 2011", "between 2019 and 2022" and "l'hiver 2009-2010" give both
years. A bare year counts after a preposition or a time noun ("samma period 2023", "fjärde
kvartal 2024"). Weekdays may carry a time of day ("Dienstagmorgen", "tisdagsmorgonen") or be an
adjective ("niedzielną drugą turę"): the forms are data (`weekday_suffix`, `extra_weekdays`).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from tasks.calendar_dates import month_name_dates
from tasks.date_rules import DateRules, LANGUAGES, _LEAP, _fold, load_rules
from tasks.textscan import finditer, scan_of


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_bounds(ref: date) -> tuple[date, date]:
    start = ref.replace(day=1)
    end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return start, end


def _resolve_day_month(month: int, day: int, ref: date, precision: str, direction: int = 0) -> date | None:
    """The occurrence of month-day nearest the reference (or the past/next one)."""
    cands = [d for y in (ref.year - 1, ref.year, ref.year + 1) if (d := _valid(y, month, day))]
    if not cands:
        return None
    if precision == "month":
        lo, hi = _month_bounds(ref)
        anchor = ref.replace(day=15)
    else:
        lo = hi = anchor = ref
    if direction < 0:
        past = [d for d in cands if d <= hi]
        return max(past) if past else None
    if direction > 0:
        future = [d for d in cands if d >= lo]
        return min(future) if future else None
    return min(cands, key=lambda d: (abs((d - anchor).days), d))


def _resolve_month(month: int, ref: date, direction: int, ahead_max: int) -> int:
    """Year of a month mentioned without one (see the module docstring)."""
    if direction < 0:
        return ref.year if month < ref.month else ref.year - 1
    if direction > 0:
        return ref.year if month > ref.month else ref.year + 1
    ahead = (month - ref.month) % 12
    if 1 <= ahead <= ahead_max:
        return ref.year + (1 if month < ref.month else 0)
    return ref.year if month <= ref.month else ref.year - 1


def _row(article_id, surface, start, date_text, value, precision) -> dict:
    return {"article_id": article_id, "surface": surface, "date_text": date_text, "date": value,
            "precision": precision, "start_char": start}


def _day_row(article_id, surface, start, year, month, day, ref, precision, direction=0) -> dict | None:
    if year is not None:
        d = _valid(year, month, day)
        return _row(article_id, surface, start, d.isoformat(), d, "day") if d else None
    if _valid(_LEAP, month, day) is None:
        return None
    if ref is not None:
        d = _resolve_day_month(month, day, ref, precision, direction)
        if d:
            return _row(article_id, surface, start, d.isoformat(), d, "day")
    return _row(article_id, surface, start, f"--{month:02d}-{day:02d}", None, "month_day")


def _direction(rules: DateRules, *words: str | None) -> int:
    for w in words:
        if w:
            f = _fold(w)
            if f in rules.past_words:
                return -1
            if f in rules.future_words:
                return 1
    return 0


def _days_of(group: str, rules: DateRules, max_range: int, opened: bool = False) -> list[int]:
    """'9-10' -> [9, 10]; '12, 13 og 14' -> [12, 13, 14]; a short range expands to every day, and so
    does a two-day list opened by "between" ('entre le 6 et le 12' -> 6..12)."""
    nums = [int(n) for n in re.findall(r"\d+", group)]
    if len(nums) == 2:
        between = group[re.search(r"\d+", group).end():]
        between = _fold(re.sub(r"\d.*$", "", re.sub(r"^(?:st|nd|rd|th|er|e|ème|\.|:e|:a|º|°|o)+", "", between)))
        words = between.strip(" .").split()
        while words and words[-1] in rules.day_articles:
            words.pop()
        between = " ".join(words)
        is_range = between in rules.range_words or re.fullmatch(r"[-–—‒]", between) is not None \
            or opened and between in rules.list_words
        if is_range and 0 < nums[1] - nums[0] < max_range:
            return list(range(nums[0], nums[1] + 1))
    return nums


# ---------------------------------------------------------------- extraction

def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def extract_dates(article: dict, reference: date | None = None, stamped: date | None = None) -> list[dict]:
    """Date rows of one article: {article_id, surface, date_text, date, precision, start_char}.

    `reference` defaults to the article's publication date (with its precision); pass a
    story's date to resolve an undated article. `stamped`: the date of the page's own stamps that say
    when it changed, not when it was published ("Päivitetty 28.6.2025"), for days written without a
    year when there is no publication date. Languages without rules give ISO dates and dates
    written with their CLDR month names (tasks/calendar_dates.py).
    """
    text = article.get("text_clean") or ""
    aid = article.get("article_id")
    rules = load_rules(article.get("lang") or "") or load_rules("en")
    iso_only = (article.get("lang") or "") not in LANGUAGES
    if reference is not None:
        ref, precision = reference, "day"
    else:
        ref = article.get("published")
        precision = article.get("published_precision") or ("day" if ref else None)
    if ref is not None and precision not in ("day", "month"):
        precision = "day"
    day_ref = ref if precision == "day" else None

    rows: list[dict] = []
    taken: list[tuple[int, int]] = []
    windows: dict[str, list[tuple[int, int]]] = {}
    scan = scan_of(text)
    for kind, trigger, pattern in rules.patterns:
        if iso_only and kind != "iso":
            continue
        if trigger not in windows:
            windows[trigger] = scan.windows(rules.triggers[trigger])
        for m in finditer(pattern, text, windows[trigger]):
            start, end = m.span("date")
            if _overlaps(taken, start, end):
                continue
            new = _match_rows(kind, m, rules, aid, text, ref, precision, day_ref, rows, taken)
            if new:
                rows.extend(new)
                taken.append((start, end))
    if iso_only:  # no rules for this language: its CLDR month names still read "1 януари", "február 24-i"
        found = month_name_dates(text, article.get("lang") or "", aid, taken)
        rows.extend(resolve_yearless(found, ref) if ref is not None else found)
    else:
        rel_windows = scan.windows(rules.triggers["relative"])
        rows.extend(_relative_rows(text, rules, aid, rows, taken, rel_windows))
    if ref is None:
        # no publication date: a day written without its year takes the year nearest the latest full date the
        # article gives ("30. října" beside "7. listopadu 2021"), else the year nearest the page's update stamp
        full = [r["date"] for r in rows if r.get("precision") == "day" and r.get("date")]
        if full or stamped:
            rows = resolve_yearless(rows, max(full) if full else stamped)
    rows.sort(key=lambda r: (r["start_char"], r["date_text"]))
    return rows


def _match_rows(kind, m, rules: DateRules, aid, text, ref, precision, day_ref, rows, taken) -> list[dict]:
    start, end = m.span("date")
    surface = text[start:end]
    g = m.groupdict()
    if kind in ("iso", "dmy", "dm"):
        year = int(g["year"]) if g.get("year") else None
        if year is not None and not rules.min_year <= year <= rules.max_year:
            return []
        row = _day_row(aid, surface, start, year, int(g["m"]), int(g["d"]), ref, precision)
        return [row] if row else []

    if kind == "explicit":
        month = rules.month_of.get(_fold(g["month"]).rstrip("."))
        if month is None:
            return []
        if _fold(g["month"]) in rules.no_month_only and not g.get("year"):
            follow = rules.ambiguous_follow
            if follow is None or not follow.match(text, m.end("month")):
                return []
        year = int(g["year"]) if g.get("year") else None
        if year is not None and not rules.min_year <= year <= rules.max_year:
            return []
        # "el pasado 7 de diciembre", "le 13 janvier prochain": a modifier next to the date.
        before = text[max(0, start - 20):start]
        after = text[end:end + 20]
        direction = 0
        if year is None:
            w_before = re.findall(r"[^\W\d_]+", before)
            w_after = re.findall(r"[^\W\d_]+", after)
            direction = _direction(rules, " ".join(w_before[-2:]) if len(w_before) > 1 else None,
                                   w_before[-1] if w_before else None, w_after[0] if w_after else None)
        opened = rules.range_open is not None and rules.range_open.search(text, max(0, start - 30), start) is not None
        out = []
        for d in _days_of(g["days"], rules, rules.max_range_days, opened):
            row = _day_row(aid, surface, start, year, month, d, ref, precision, direction)
            if row:
                out.append(row)
        return out

    if kind == "day_only":
        if day_ref is None:
            return []
        day = int(g["d"])
        direction = -1 if g.get("past") else 1 if g.get("future") else 0
        cands = []
        for shift in (-1, 0, 1):
            y, mth = divmod(day_ref.year * 12 + day_ref.month - 1 + shift, 12)
            if d := _valid(y, mth + 1, day):
                cands.append(d)
        if direction < 0:
            cands = [d for d in cands if d <= day_ref]
            pick = max(cands) if cands else None
        elif direction > 0:
            cands = [d for d in cands if d >= day_ref]
            pick = min(cands) if cands else None
        else:
            pick = min(cands, key=lambda d: abs((d - day_ref).days)) if cands else None
        return [_row(aid, surface, start, pick.isoformat(), pick, "day")] if pick else []

    if kind == "month":
        fold = _fold(g["month"])
        month = rules.month_of.get(fold)
        if month is None:
            return []
        if g.get("year"):
            year = int(g["year"])
            if not rules.min_year <= year <= rules.max_year:
                return []
            return [_row(aid, surface, start, f"{year:04d}-{month:02d}", None, "month")]
        if fold in rules.no_month_only:
            return []
        if not (g.get("prep") or g.get("pre") or g.get("post") or g.get("offset") or g.get("postmod")):
            return []
        if ref is None:
            return []
        offset = None
        for key in ("offset", "pre"):
            if g.get(key) and _fold(g[key]) in rules.year_offset:
                offset = rules.year_offset[_fold(g[key])]
        if offset is not None:
            year = ref.year + offset
        else:
            year = _resolve_month(month, ref, _direction(rules, g.get("pre"), g.get("postmod")), rules.month_ahead_max)
        return [_row(aid, surface, start, f"{year:04d}-{month:02d}", None, "month")]

    if kind == "year_range":
        # "2009-2010", "zwischen 2007 und 2011": both years; a word link needs an opening word
        y1, y2 = int(g["y1"]), int(g["y2"])
        if not g["sep"].strip() in "-–—/" and not (g.get("open") or g.get("prep")):
            return []
        if not (rules.min_year <= y1 < y2 <= rules.max_year) or y2 - y1 > 50:
            return []
        return [_row(aid, g["y1"], m.start("y1"), f"{y1:04d}", None, "year"),
                _row(aid, g["y2"], m.start("y2"), f"{y2:04d}", None, "year")]

    if kind == "year":
        if not (g.get("prep") or g.get("post") or g.get("yw")):
            return []
        year = int(g["year"])
        if not rules.min_year <= year <= rules.max_year:
            return []
        return [_row(aid, surface, start, f"{year:04d}", None, "year")]

    if kind == "weekday":
        fold = _fold(g["wd"])
        wd = rules.weekday_of.get(fold)
        if wd is None:
            return []
        numbered = _DAY_IN_BRACKETS.match(text, m.end("date"))
        if numbered and ref is not None:  # "neste sábado (15)": the Brazilian press gives the day's number
            d = _numbered_weekday(int(numbered.group(1)), wd, ref)
            return [_row(aid, surface, start, d.isoformat(), d, "day")] if d else []
        if day_ref is None:
            return []
        if fold in rules.weekday_needs_prep and not g.get("prep") and not g["wd"][:1].isupper():
            return []
        # "torsdag 10. januar", "Thursday, January 10": the weekday belongs to the date.
        gap = text[m.end("date"):m.end("date") + 12]
        nxt = next((r for r in rows if r["precision"] in ("day", "month_day") and r["start_char"] >= m.end("date")
                    and r["start_char"] - m.end("date") <= 12), None)
        if nxt and re.fullmatch(r"[\s,]*(?:[^\W\d_]{1,3}\.?\s+)?", gap[: nxt["start_char"] - m.end("date")]):
            return []
        direction = 1 if g.get("until") else _direction(rules, g.get("pre"), g.get("postmod"))
        if direction == 0 and rules.future is not None:
            # "the union will meet on Friday", "Streiken skal starte fredag": the coming one
            lo = max(text.rfind(ch, 0, start) for ch in ".!?\n,;:") + 1
            if rules.future.search(text, max(lo, start - 80), start):
                d = day_ref + timedelta(days=(wd - day_ref.weekday()) % 7)
                return [_row(aid, surface, start, d.isoformat(), d, "day")]
        back = (day_ref.weekday() - wd) % 7
        if g.get("until"):  # "until Thursday", "natt til onsdag": this day or the next such day
            d = day_ref + timedelta(days=(wd - day_ref.weekday()) % 7)
        elif direction > 0:
            d = day_ref + timedelta(days=(wd - day_ref.weekday()) % 7 or 7)
        else:
            d = day_ref - timedelta(days=back or (7 if direction < 0 else 0))
        return [_row(aid, surface, start, d.isoformat(), d, "day")]
    return []


_DAY_IN_BRACKETS = re.compile(r"\s*\((\d{1,2})\)")


def _numbered_weekday(day: int, weekday: int, ref: date) -> date | None:
    """The date with that day of the month and that weekday nearest the reference (its month, the one before or
    the one after); None when no such date exists there."""
    found = []
    for shift in (-1, 0, 1):
        y, mth = divmod(ref.year * 12 + ref.month - 1 + shift, 12)
        try:
            d = date(y, mth + 1, day)
        except ValueError:
            continue
        if d.weekday() == weekday:
            found.append(d)
    return min(found, key=lambda d: abs((d - ref).days)) if found else None


def _relative_rows(text, rules: DateRules, aid, rows, taken, windows) -> list[dict]:
    """"two days later" -> the nearest preceding day-level date plus two days."""
    first_anchor = min((r["start_char"] for r in rows if r["precision"] in ("day", "month_day")), default=None)
    if rules.relative is None or first_anchor is None:
        return []
    found = []
    for lo, hi in windows:
        pos = max(lo, first_anchor)
        while pos < hi and (m := rules.relative.search(text, pos, hi)):
            pos = m.start() + 1
            hit = _relative_hit(text, m.start(), hi, rules)
            if hit is None or _overlaps(taken, hit[0], hit[1]):
                continue
            found.append(hit)
            taken.append(hit[:2])
            pos = hit[1]
    out = []
    for start, end, delta in sorted(found):
        anchors = [r for r in rows + out if r["start_char"] < start and r["precision"] in ("day", "month_day")]
        if not anchors:
            continue
        # The latest day of the nearest date: "9-10 January ... two days later" counts from the 10th.
        anchor = max(anchors, key=lambda r: (r["start_char"], r["date_text"][-5:]))
        surface = text[start:end]
        if anchor["date"] is not None:
            d = anchor["date"] + timedelta(days=delta)
            out.append(_row(aid, surface, start, d.isoformat(), d, "day"))
        else:
            mm, dd = int(anchor["date_text"][2:4]), int(anchor["date_text"][5:7])
            d = date(_LEAP, mm, dd) + timedelta(days=delta)
            out.append(_row(aid, surface, start, f"--{d.month:02d}-{d.day:02d}", None, "month_day"))
    return out


def _relative_hit(text: str, pos: int, hi: int, rules: DateRules) -> tuple[int, int, int] | None:
    """(start, end, days) of the first relative phrase at pos whose number is a number."""
    for pattern, per_unit in zip(rules.relative_each, rules.relative_days):
        m = pattern.match(text, pos, hi)
        if not m:
            continue
        n_text = m.groupdict().get("n")
        if n_text is None:
            return m.start(), m.end(), per_unit
        if n_text.isdigit():
            return m.start(), m.end(), int(n_text) * per_unit
        n = rules.number_of.get(_fold(n_text))
        if n is not None:
            return m.start(), m.end(), n * per_unit
        # the two-word number token took a word before the number: "planned two (days later)"
        last = re.split(r"[\s-]+", n_text)[-1]
        if (n := rules.number_of.get(_fold(last))) is not None:
            return m.end("n") - len(last), m.end(), n * per_unit
    return None


def resolve_yearless(rows: list[dict], reference: date) -> list[dict]:
    """Give `--MM-DD` rows the year nearest `reference` (a story's date); other rows unchanged."""
    out = []
    for r in rows:
        if r.get("precision") == "month_day" and r.get("date_text", "").startswith("--"):
            mm, dd = int(r["date_text"][2:4]), int(r["date_text"][5:7])
            d = _resolve_day_month(mm, dd, reference, "day")
            if d:
                r = {**r, "date_text": d.isoformat(), "date": d, "precision": "day"}
        out.append(r)
    return out
