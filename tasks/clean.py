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
from pathlib import Path

from tasks.rulefiles import read_rules

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


@dataclass(frozen=True)
class Rules:
    line: tuple[Rule, ...]
    caption: tuple[Rule, ...]
    lead_in: tuple[Rule, ...]
    agencies: frozenset[str]
    agency_prefixes: frozenset[str] = frozenset()
    share_platforms: tuple[str, ...] = ()
    share_verbs: frozenset[str] = frozenset()


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
    title: str | None = None
    source: str | None = None
    credit: str | None = None


@lru_cache(maxsize=None)
def load_rules(rules_dir: Path = RULES_DIR) -> Rules:
    kinds: dict[str, list[Rule]] = {"line": [], "caption": [], "lead_in": []}
    agencies: set[str] = set()
    words: dict[str, set[str]] = {"agency_prefixes": set(), "share_platforms": set(), "share_verbs": set()}
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
                rules.append(Rule(kind, spec["reason"], pattern, path.name))
    return Rules(tuple(kinds["line"]), tuple(kinds["caption"]), tuple(kinds["lead_in"]),
                 frozenset(a.casefold() for a in agencies), frozenset(words["agency_prefixes"]),
                 tuple(sorted(words["share_platforms"])), frozenset(words["share_verbs"]))


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


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"[\W_]+", " ", text).strip()


def _agency_byline(line: str, rules: Rules) -> str | None:
    """'NTB', '(AP)', '— Reuters', 'AFP/NTB', 'Avec AFP' -> the agency text; else None."""
    core = line.strip().strip("()[]—–-•*. ").strip()
    first, _, rest = core.partition(" ")
    if rest and first.casefold().rstrip(":") in rules.agency_prefixes:
        core = rest.strip()
    return core if core and core.casefold() in rules.agencies else None


def _share_prompt(line: str, rules: Rules) -> bool:
    """'Sigue toda la actualidad en nuestro canal de WhatsApp': an imperative to follow a platform."""
    if len(line) > 160:
        return False
    first = line.split(" ", 1)[0].casefold().strip(",:!")
    folded = line.casefold()
    return first in rules.share_verbs and any(p in folded for p in rules.share_platforms)


def _looks_like_title(line: str) -> bool:
    words = line.split()
    return 3 <= len(words) <= 25 and not line.rstrip().endswith(tuple(_SENTENCE_END.replace(":", "")))


def remove_boilerplate(text_raw: str, rules: Rules | None = None, known_title: str | None = None) -> Cleaned:
    """Remove boilerplate lines and clauses; return the clean text and what was removed."""
    rules = rules or load_rules()
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

    # 2. whole-line rules, captions, bylines and lead-in clauses
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        rule = next((r for r in rules.line if r.pattern.fullmatch(stripped)), None)
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
        if _share_prompt(stripped, rules):
            remove(i, line, "share_prompt")
            continue
        if len(stripped) <= 400:
            hit = next(((r, m) for r in rules.caption if (m := r.pattern.search(stripped))), None)
            if hit:
                rule, m = hit
                remove(i, line, rule.reason)
                out.credit = out.credit or m.group("credit").strip()
                continue
        for rule in rules.lead_in:
            m = rule.pattern.match(line)
            if m and m.end() < len(line):
                out.removed.append(RemovedLine(i + 1, m.group(0), rule.reason))
                kept[i] = line[m.end():]
                out.source = out.source or m.groupdict().get("source")
                break

    # 3. a headline as the first line, and kicker/headline lines that repeat it
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
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
            if len(piece.split()) >= 2 and piece in folded_title:
                remove(i, lines[i], "title_repeat")
            else:
                break
    out.title = title

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
    rules = load_rules()
    removed_rows: list[dict] = []
    out: list[dict] = []
    for art in articles:
        cleaned = remove_boilerplate(art["text_raw"], rules, known_title=art.get("title"))
        record = dict(art)
        record["text_clean"] = cleaned.text_clean
        record["title"] = art.get("title") or cleaned.title
        record["source"] = art.get("source") or cleaned.source
        record["credit"] = cleaned.credit
        if not art.get("published"):
            record["published"] = cleaned.published
            record["published_precision"] = cleaned.published_precision
        out.append(record)
        removed_rows += [{"article_id": art["article_id"], "line_no": r.line_no, "text": r.text, "reason": r.reason}
                         for r in cleaned.removed]
    return out, removed_rows
