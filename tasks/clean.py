"""Clean: strip site boilerplate from article text, keeping every removed line for lineage.

Rules are data (tasks/rules/boilerplate/*.toml: one generic file and one per language);
this module only knows the four shapes a rule can take: a whole line, a photo caption,
an agency lead-in clause, and the structural title/kicker check at the top of the text.
All rule files apply to every article: boilerplate is often in another language than the
article (English share prompts on a Greek site, say), and the patterns are anchored to
whole lines, so they do not collide.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import accumulate
from pathlib import Path

from tasks.layout import (after_read_more, bulleted_headlines, credit_caption, embedded_posts, first_body_line,
                          link_markers, name_lines, navigation_lists, page_edges, related_block, repeated_lines,
                          stray_word, teaser_blocks)
from tasks.line_model import LineModel, load_line_model
from tasks.rulefiles import read_rules
from tasks.timestamps import (CLOCK, WORD, dated_dateline, leading_timestamp, page_date_widget, timestamp_date,
                              undated_timestamp, written_dates)

RULES_DIR = Path(__file__).parent / "rules" / "boilerplate"

# ` date 2021-12` or ` date 2021-12-31` at the very start; may share its line with the first sentence.
# The day may carry an ISO 8601 time: "T10:00:00+01:00", "T10:00:00.123Z", " 10:00". The date is the
# local one written there; the time and offset are checked, never used to shift it.
_DATE_HEADER = re.compile(
    r"^[ \t]*date[ \t]+(?P<year>\d{4})-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2})"
    r"(?:[Tt ](?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,]\d+)?)?"
    r"(?:[Zz]|[+-](?P<offset_hour>\d{2})(?::?(?P<offset_minute>\d{2}))?)?)?)?(?=\s|$)[ \t]*")
_CLOCK_LIMITS = {"hour": 23, "minute": 59, "second": 60, "offset_hour": 23, "offset_minute": 59}
_SENTENCE_END = ".!?…:;\"”»«'’)"


@dataclass(frozen=True)
class Rule:
    kind: str  # line | caption | lead_in
    reason: str
    pattern: re.Pattern
    origin: str  # rule file it came from, for debugging
    max_chars: int  # the longest text the pattern can match: longer lines need not be tried
    not_first_line: bool = False  # the page's first line is its headline even in this shape ("VIDEO: ...")


@dataclass(frozen=True)
class Rules:
    line: tuple[Rule, ...]
    caption: tuple[Rule, ...]
    lead_in: tuple[Rule, ...]
    agencies: frozenset[str]
    agency_prefixes: frozenset[str] = frozenset()
    share_platforms: tuple[str, ...] = ()
    share_verbs: frozenset[str] = frozenset()
    photo_credits: frozenset[str] = frozenset()  # picture sources (agencies included), casefolded
    updated_words: frozenset[str] = frozenset()  # "updated" in every language: such a line is no publication date
    ago_words: tuple[str, ...] = ()  # "ago" in every language: "19 minuter sedan" is a timestamp
    caption_words: re.Pattern | None = None  # "pictured", "fotografert", "imagen de archivo": a photo caption
    published_words: frozenset[str] = frozenset()  # "published": a dated line with it is the publication stamp
    read_more_words: frozenset[str] = frozenset()  # "read also", "Читайте", "Lue myös": a link to another story
    page_notices: frozenset[str] = frozenset()  # "Opens in new window", "Image 0 of 0": a widget's own words


@dataclass(frozen=True)
class RemovedLine:
    line_no: int
    text: str
    reason: str


@dataclass
class Cleaned:
    text_clean: str
    removed: list[RemovedLine] = field(default_factory=list)
    published: date | None = None
    published_precision: str | None = None
    published_source: str | None = None  # header | dateline | url; None when unknown
    title: str | None = None
    source: str | None = None
    credit: str | None = None


# A whole-line rule names a widget, a prompt or a credit: none is a paragraph of this length, so longer lines
# (most of an article's body) skip the line rules
LINE_RULE_MAX_CHARS = 400


@lru_cache(maxsize=None)
def load_rules(rules_dir: Path = RULES_DIR) -> Rules:
    kinds: dict[str, list[Rule]] = {"line": [], "caption": [], "lead_in": []}
    agencies: set[str] = set()
    words: dict[str, set[str]] = {"agency_prefixes": set(), "share_platforms": set(), "share_verbs": set(),
                                  "photo_credits": set(), "updated_words": set(), "ago_words": set(),
                                  "caption_words": set(), "published_words": set(), "read_more_words": set(),
                                  "page_notices": set()}
    for path in sorted(rules_dir.glob("*.toml"), key=lambda p: (p.stem != "generic", p.stem)):
        data = read_rules(path, "boilerplate")
        agencies.update(data.get("agencies", []))
        for key, values in words.items():
            values.update(w.casefold() for w in data.get(key, []))
        for kind, rules in kinds.items():
            for spec in data.get(kind, []):
                try:
                    pattern = re.compile(spec["pattern"])
                except re.error as exc:
                    raise ValueError(f"{path.name}: bad {kind} pattern {spec['pattern']!r}: {exc}") from None
                rules.append(Rule(kind, spec["reason"], pattern, path.name, _max_width(pattern),
                                  spec.get("not_first_line", False)))
    return Rules(tuple(kinds["line"]), tuple(kinds["caption"]), tuple(kinds["lead_in"]),
                 frozenset(a.casefold() for a in agencies), frozenset(words["agency_prefixes"]),
                 tuple(sorted(words["share_platforms"])), frozenset(words["share_verbs"]),
                 frozenset(words["photo_credits"] | {a.casefold() for a in agencies}),
                 frozenset(words["updated_words"]), tuple(sorted(words["ago_words"])),
                 _any_word(words["caption_words"]), frozenset(words["published_words"]),
                 frozenset(_bare(w) for w in words["read_more_words"]),
                 frozenset(_notice_key(w) for w in words["page_notices"]))


def _max_width(pattern: re.Pattern) -> int:
    from re import _parser  # the stdlib's own parser knows how long a match can be
    return min(_parser.parse(pattern.pattern, pattern.flags).getwidth()[1], 1 << 30)


def _any_word(words: set[str]) -> re.Pattern | None:
    if not words:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")(?!\w)",
                      re.IGNORECASE)


def split_date_header(first_line: str) -> tuple[str | None, date | None, str | None, str]:
    """Return (header text, published, precision, rest of the line)."""
    m = _DATE_HEADER.match(first_line)
    if not m:
        return None, None, None, first_line
    year, month, day = int(m["year"]), int(m["month"]), int(m["day"]) if m["day"] else None
    try:
        published = date(year, month, day or 1)
    except ValueError:
        published = None
    if any(m[part] and int(m[part]) > limit for part, limit in _CLOCK_LIMITS.items()):
        published = None  # "2021-12-31T25:00" is as broken as "2021-13-45"
    precision = None if published is None else ("day" if day else "month")
    return m.group(0), published, precision, first_line[m.end():]


# Only a timestamp among the first lines dates the article: lower down it belongs to an embedded post or a teaser.
DATELINE_WITHIN = 10
STAMP_ABOVE_BODY = 4  # ... or just above the article's first sentence, however long the page's head
TODAY_WITHIN = 3  # a weekday and a date with no time at the very top is the page's "today", not the article's date
CREDIT_REASONS = ("photo_credit", "photo_caption")  # a line below a dated line that names a picture's source
UPDATE_NOTE_MAX_WORDS = 14  # "updated ... <date> <time>" in a short sentence is a page stamp
CAPTION_MAX_CHARS = 300  # a caption word in a longer line is the article talking about a picture


def _updated_only(line: str, rules: Rules) -> bool:
    """'Oppdatert 24.05.2017 15:05': the line says when the page changed, not when it was published.
    A line that also says "published" ('Publisert 06.02.2023 Oppdatert 06.02.2023') dates the article by
    its earliest date, so only a line that starts with an updated word is set aside."""
    first = WORD.search(line)
    return bool(first) and first.start() < 3 and first.group(0).casefold() in rules.updated_words


# A name alone in parentheses on its own line, after the agencies: a picture's or a story's credit ("(Jan Novák)")
_PARENTHESISED_CREDIT = re.compile(r"\((?=[^()\d©]{2,40}\))[^()\s][^()\d©]{0,38}[^()\s]\)")


def _says_published(line: str, rules: Rules) -> bool:
    return any(w.casefold() in rules.published_words for w in WORD.findall(line))


def _update_note(line: str, rules: Rules) -> bool:
    """A short sentence saying when the page was updated, with a date and a time of day ("Uutista päivitetty
    poliisin tiedotteen pohjalta 28.6.2025 kello 13.05."): furniture."""
    if len(line.split()) > UPDATE_NOTE_MAX_WORDS or not CLOCK.search(line):
        return False
    return any(w.casefold() in rules.updated_words for w in WORD.findall(line)) and len(written_dates(line)) == 1


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"[\W_]+", " ", text).strip()


def _bare(text: str) -> str:
    """Case and accents folded ("ΔΕΙΤΕ ΕΠΙΣΗΣ" = "δείτε επίσης", "İlgili" = "ilgili"), spaces collapsed."""
    text = unicodedata.normalize("NFD", text.casefold())
    if not text.isascii():  # (ASCII has no marks to drop)
        text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.split())


_DIGITS = re.compile(r"\d+")
NOTICE_MAX_CHARS = 120


def _notice_key(line: str) -> str:
    """'Image 3 of 12' and 'image 0 of 0' alike: folded, digit runs as 0, no closing punctuation."""
    return _DIGITS.sub("0", _bare(line)).rstrip(" .!:…")


READ_MORE_MAX_CHARS = 250
_READ_MORE_HEAD = re.compile(r"^([^:|»›>]{2,40}?)\s*(?:[:|»›>]\s*(.*))?$")


def _read_more_link(line: str, rules: Rules) -> bool:
    """'Читайте: Ірпінь та Кашкайш стали містами-побратимами', 'Lue myös', 'Czytaj też » ...': a link to
    another story under a phrase of the read_more_words, alone or before a colon."""
    m = len(line) <= READ_MORE_MAX_CHARS and _READ_MORE_HEAD.match(line)
    return bool(m) and _bare(m.group(1).rstrip(" .…-–—")) in rules.read_more_words


def _agency_byline(line: str, rules: Rules) -> str | None:
    """'NTB', '(AP)', '— Reuters', 'AFP/NTB', 'Avec AFP' -> the agency text; else None."""
    core = line.strip().strip("()[]—–-•*. ").strip()
    first, _, rest = core.partition(" ")
    if rest and first.casefold().rstrip(":") in rules.agency_prefixes:
        core = rest.strip()
    return core if core and core.casefold() in rules.agencies else None


SHARE_SENTENCE_WORDS = 6


def _share_prompt(line: str, rules: Rules) -> bool:
    """'Sigue toda la actualidad en nuestro canal de WhatsApp': an imperative to follow a platform."""
    if len(line) > 160 or (line.endswith(".") and len(line.split()) > SHARE_SENTENCE_WORDS):
        return False  # "Share prices fell after the social media post.": a sentence of the article
    first = line.split(" ", 1)[0].casefold().strip(",:!")
    folded = line.casefold()
    return first in rules.share_verbs and any(p in folded for p in rules.share_platforms)


def _looks_like_title(line: str) -> bool:
    words = line.split()
    return 3 <= len(words) <= 25 and not line.rstrip().endswith(tuple(_SENTENCE_END))  # ":" opens a list


def remove_boilerplate(text_raw: str, rules: Rules | None = None, known_title: str | None = None,
                       model: LineModel | None = None) -> Cleaned:
    """Remove boilerplate lines and clauses; return the clean text and what was removed.

    The pattern and layout rules go first; the line classifier (`model`) then judges the lines they kept.
    """
    out, lines, kept = apply_rules(text_raw, rules or load_rules(), known_title)
    for i, p in (model or load_line_model()).furniture(lines, kept):
        out.removed.append(RemovedLine(i + 1, lines[i], f"classifier:{p:.2f}"))
        kept[i] = None

    # 4. reassemble: single blank lines between blocks, no blank lines at the edges
    body: list[str] = []
    for line in kept:
        if line is None:
            continue
        if line.strip():
            body.append(line.strip())
        elif body and body[-1] != "":
            body.append("")
    out.text_clean = "\n".join(body).strip("\n")
    out.removed.sort(key=lambda r: (r.line_no, r.reason))
    return out


def apply_rules(text_raw: str, rules: Rules, known_title: str | None = None
                ) -> tuple[Cleaned, list[str], list[str | None]]:
    """The pattern and layout rules: what they removed, the page's lines, and what is left of each (None: removed)."""
    lines = text_raw.split("\n")
    out = Cleaned(text_clean="")
    kept: list[str | None] = list(lines)  # None marks a removed line

    def remove(i: int, text: str, reason: str) -> None:
        out.removed.append(RemovedLine(i + 1, text, reason))
        kept[i] = None

    # 1. date header on the first line
    header, out.published, out.published_precision, rest = split_date_header(lines[0]) if lines else (None,) * 4
    if header is not None:
        reason = "date_header" if out.published else "date_header_invalid"
        out.removed.append(RemovedLine(1, header, reason))
        kept[0] = rest
        lines[0] = rest
        out.published_source = "header" if out.published else None
    stamped: list[date] = []
    dated_at: dict[int, date] = {}  # lines that open with a dateline or a timestamp clause: their date
    above_count = list(accumulate((1 if x.strip() else 0 for x in lines), initial=0))  # non-blank lines above
    body_start = first_body_line(lines)
    top = next((i for i, line in enumerate(lines) if line.strip()), -1)

    # 2. posts embedded from social media (their signature carries a date that is not the article's), then
    # whole-line rules, captions, bylines and lead-in clauses
    for i in embedded_posts(lines):
        remove(i, lines[i], "embedded_post")
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped or kept[i] is None:
            continue
        if undated_timestamp(stripped, rules.ago_words):
            remove(i, line, "timestamp")
            continue
        size = len(stripped)
        rule = size <= LINE_RULE_MAX_CHARS and next(
            (r for r in rules.line if size <= r.max_chars and not (r.not_first_line and i == top)
             and r.pattern.fullmatch(stripped)), None)
        if rule:
            remove(i, line, rule.reason)
            source = rule.pattern.fullmatch(stripped).groupdict().get("source")
            out.source = out.source or source
            continue
        agency = _agency_byline(stripped, rules)
        if agency:
            remove(i, line, "agency_byline")
            out.source = out.source or agency
            continue
        if _PARENTHESISED_CREDIT.fullmatch(stripped):
            remove(i, line, "photo_credit")
            continue
        if _share_prompt(stripped, rules):
            remove(i, line, "share_prompt")
            continue
        if _read_more_link(stripped, rules):
            remove(i, line, "read_more")
            continue
        if size <= NOTICE_MAX_CHARS and _notice_key(stripped) in rules.page_notices:
            remove(i, line, "widget_notice")
            continue
        stamp = timestamp_date(stripped)
        if stamp:
            above = above_count[i]
            if above < TODAY_WITHIN and page_date_widget(stripped) and not _says_published(stripped, rules):
                remove(i, line, "today_date")
                continue
            remove(i, line, "timestamp")
            if not _updated_only(stripped, rules) and (above < DATELINE_WITHIN or 0 <= body_start - i <= STAMP_ABOVE_BODY):
                stamped.append(stamp)
            continue
        if _update_note(stripped, rules):
            remove(i, line, "timestamp")  # the page's change date, not its publication date
            continue
        if len(stripped) <= 400:
            hit = next(((r, m) for r in rules.caption if (m := r.pattern.search(stripped))), None)
            if hit:
                rule, m = hit
                remove(i, line, rule.reason)
                out.credit = out.credit or m.group("credit").strip()
                continue
        if credit_caption(stripped, rules.photo_credits) or (
                rules.caption_words and len(stripped) <= CAPTION_MAX_CHARS and rules.caption_words.search(stripped)):
            remove(i, line, "photo_caption")
            continue
        for rule in rules.lead_in:
            m = rule.pattern.match(line)
            if m and m.end() < len(line):
                out.removed.append(RemovedLine(i + 1, m.group(0), rule.reason))
                kept[i] = line[m.end():]
                out.source = out.source or m.groupdict().get("source")
                break
        else:
            near_top = above_count[i] < DATELINE_WITHIN
            dateline = dated_dateline(line) if near_top else None
            stamp = leading_timestamp(line) if near_top and not dateline else None
            if dateline or stamp:
                clause, day = dateline or stamp
                out.removed.append(RemovedLine(i + 1, clause, "dateline" if dateline else "timestamp"))
                kept[i] = line[len(clause):]
                stamped.append(day)
                dated_at[i] = day

    # a dated line right above a picture's credit is the picture's caption ("Zagreb, 28.11.2017 - Održana je
    # konferencija ... / foto HINA/ Tomislav PAVLEK"): its date is the photo's, not the article's
    for i, day in dated_at.items():
        below = next((j for j in range(i + 1, len(lines)) if lines[j].strip()), None)
        if below is not None and kept[below] is None and any(
                r.line_no == below + 1 and r.reason in CREDIT_REASONS for r in out.removed):
            if kept[i] is not None and kept[i].strip():
                remove(i, kept[i], "photo_caption")
            stamped.remove(day)

    # 2b. furniture by layout: widget lists, runs of other stories' headlines, captions printed twice
    headers = {r.line_no - 1 for r in out.removed if r.reason == "read_more" and len(r.text.split()) <= 4}
    for i in after_read_more(kept, headers):
        remove(i, lines[i], "read_more")
    for detector, reason in ((navigation_lists, "navigation_list"), (bulleted_headlines, "linked_headlines"),
                             (teaser_blocks, "teaser_list"),
                             (repeated_lines, "repeated_line"), (page_edges, "page_edge"),
                             (link_markers, "link_marker"),
                             (stray_word, "stray_word"), (name_lines, "author_line")):
        for i in detector(kept):
            if kept[i] is not None:
                remove(i, lines[i], reason)
    for i in related_block(lines, kept, headers):
        remove(i, lines[i], "related_block")

    # the publication date: the header's, else the earliest timestamp line's ("published" precedes "updated")
    # (a header of month precision is refined by a timestamp line's day in that month)
    if stamped and (out.published is None or (out.published_precision == "month" and min(stamped).replace(day=1)
                                               == out.published)):
        out.published, out.published_precision, out.published_source = min(stamped), "day", "dateline"

    # 3. a headline as the first line, and kicker/headline lines that repeat it
    first = next((i for i, line in enumerate(kept) if line is not None and line.strip()), None)
    title = known_title
    if first is not None and kept[first] is not None:
        candidate = kept[first].strip()
        followed_by_blank = first + 1 < len(lines) and not lines[first + 1].strip()
        if not title and _looks_like_title(candidate) and followed_by_blank:
            title = candidate
            remove(first, lines[first], "title")
        elif title and _fold(candidate) == _fold(title):
            remove(first, lines[first], "title")
    if title:
        folded_title = _fold(title)
        seen = 0
        for i in range(first + 1 if first is not None else 0, len(lines)):
            if kept[i] is None or not kept[i].strip():
                continue
            seen += 1
            if seen > 3:
                break
            piece = _fold(kept[i])
            if len(piece.split()) >= 2 and piece in folded_title and piece != folded_title:
                # a kicker or a part of the headline; the headline printed again whole is a repeated paragraph
                remove(i, lines[i], "title_repeat")
            else:
                break
    out.title = title
    return out, lines, kept


_URL_DATE = re.compile(r"(?<![\d])((?:19|20)\d\d)[/_-](0[1-9]|1[0-2])[/_-](0[1-9]|[12]\d|3[01])(?![\d])")


def url_date(url: str | None) -> tuple[date | None, str | None]:
    """A publication date from a URL path (/2021/12/31/, -2021-12-31-): the last resort."""
    m = _URL_DATE.search(url or "")
    if not m:
        return None, None
    try:
        return date(int(m[1]), int(m[2]), int(m[3])), "day"
    except ValueError:
        return None, None


def split_paragraphs(text_clean: str) -> list[tuple[int, str]]:
    """Paragraphs as (start offset, text): each non-empty line, except hard-wrapped blocks.

    Scraped news has one paragraph per line; text wrapped at a fixed width (e-mail style)
    is recognised by blocks whose lines all run long and stop mid-sentence.
    """
    paragraphs: list[tuple[int, str]] = []
    offset = 0
    for block in re.split(r"(\n\s*\n)", text_clean):
        if block.strip() and not block.startswith("\n"):
            lines = block.split("\n")
            wrapped = len(lines) > 1 and all(
                len(l) >= 40 and not l.rstrip().endswith(tuple(_SENTENCE_END)) for l in lines[:-1])
            if wrapped:
                paragraphs.append((offset, block))
            else:
                pos = offset
                for line in lines:
                    if line.strip():
                        paragraphs.append((pos, line))
                    pos += len(line) + 1
        offset += len(block)
    return paragraphs


def clean_articles(articles: list[dict]) -> tuple[list[dict], list[dict]]:
    """Stage function: add text_clean/title/source/credit/published to each article record.

    Returns the updated records and the removed_lines rows. Metadata from a .jsonl record
    (title, source, published) wins over what the text itself suggests.
    """
    rules, model = load_rules(), load_line_model()
    removed_rows: list[dict] = []
    out: list[dict] = []
    for art in articles:
        cleaned = remove_boilerplate(art["text_raw"], rules, known_title=art.get("title"), model=model)
        record = dict(art)
        record["text_clean"] = cleaned.text_clean
        record["title"] = art.get("title") or cleaned.title
        record["source"] = art.get("source") or cleaned.source
        record["credit"] = cleaned.credit
        if art.get("published"):  # from the .jsonl record, the HTML page (html) or the feed entry (feed)
            record["published_source"] = art.get("published_source") or "record"
        elif cleaned.published:
            record["published"] = cleaned.published
            record["published_precision"] = cleaned.published_precision
            record["published_source"] = cleaned.published_source
        else:
            record["published"], record["published_precision"] = url_date(art.get("url"))
            record["published_source"] = "url" if record["published"] else None
        out.append(record)
        removed_rows += [{"article_id": art["article_id"], "line_no": r.line_no, "text": r.text, "reason": r.reason}
                         for r in cleaned.removed]
    return out, removed_rows
