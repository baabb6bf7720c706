"""Evaluation: score extracted tables against a hand-read gold file (format of ../shared/seeds/gold.json).

Pure functions over row dicts, so the same code scores a DuckDB database (`newsetl eval`) and
the in-process pipeline in tests. Gold articles are matched to rows by file basename.
Entity names are compared after folding case, whitespace and diacritics ("Erdoğan" = "Erdogan").
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import defaultdict
from pathlib import PurePosixPath, PureWindowsPath

from schemas import EXTRACTED_TABLES

ENTITY_TYPES = (("persons", "person"), ("organizations", "organization"), ("locations", "location"))

# The issue-4/5 quality bars, as data: metric path -> minimum value.
BARS: dict[str, float] = {
    "persons.recall": 0.95, "persons.precision": 0.90,
    "organizations.recall": 0.90, "organizations.precision": 0.85,
    "locations.recall": 0.90, "locations.precision": 0.85,
    "dates.recall": 0.90,
    "quotes.found": 0.80, "quotes.speaker_accuracy": 0.80,
    "stories.pair_f1": 1.0,
}
# Numbers are scored against the project's own gold only (the seeds' figures are not a bar).
OWN_GOLD_BARS: dict[str, float] = {**BARS, "numbers.recall": 0.85, "stories.pair_f1": 0.90}
ENTITY_BARS = {k: v for k, v in BARS.items() if k.split(".")[0] in ("persons", "organizations", "locations")}

_IRREGULAR = {"people": "person", "children": "child", "men": "man", "women": "woman", "feet": "foot",
              "teeth": "tooth", "mice": "mouse", "series": "series", "species": "species", "mph": "mph",
              "km/h": "km/h"}
_QUOTE_CHARS = dict.fromkeys(map(ord, "\"'“”„‟«»‹›‘’‚‛`´"), None)


def norm_name(name: str | None) -> str:
    """Case-, whitespace- and accent-free form of a name."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.replace("’", "'").split())


def norm_quote(text: str | None) -> str:
    """Quote text for prefix matching: case, whitespace and quotation marks/apostrophes folded."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text).casefold().translate(_QUOTE_CHARS)
    return " ".join(text.split()).strip(" .,;:–—-")


def singular(unit: str) -> str:
    """English plural unit of the gold ("50 minutes", "100000 soldiers") -> singular ("minute")."""
    u = unit.strip().casefold()
    if u in _IRREGULAR:
        return _IRREGULAR[u]
    if u.isupper() or len(u) <= 2:
        return u
    for suffix, repl in (("ies", "y"), ("sses", "ss"), ("ches", "ch"), ("shes", "sh"), ("xes", "x"), ("s", "")):
        if u.endswith(suffix) and len(u) > len(suffix) + 1:
            return u[: -len(suffix)] + repl
    return u


def basename(path: str | None) -> str:
    if not path:
        return ""
    return PurePosixPath(PureWindowsPath(path).as_posix()).name


def _prf(tp: int, fp: int, fn: int) -> dict:
    precision = tp / (tp + fp) if tp + fp else (1.0 if not fn else 0.0)
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "tp": tp, "fp": fp, "fn": fn}


def _date_found(gold: str, extracted: set[str]) -> bool:
    m = re.fullmatch(r"--(\d{2})-(\d{2})", gold)
    if m:
        suffix = f"-{m[1]}-{m[2]}"
        return any(d == gold or d.endswith(suffix) for d in extracted)
    return gold in extracted


def _number_key(gold: str) -> tuple[float, str] | None:
    parts = gold.split(None, 1)
    try:
        value = float(parts[0])
    except (ValueError, IndexError):
        return None
    return value, singular(parts[1]) if len(parts) > 1 else ""


def evaluate(gold: dict, tables: dict[str, list[dict]]) -> dict:
    """Score `tables` (row dicts of articles, entities, dates, numbers, quotes) against `gold`.

    Returns {"articles": matched/total, "persons"/"organizations"/"locations": P/R/F1 (micro,
    distinct canonical names per article), "dates": recall, "numbers": recall, "quotes": found
    share and speaker accuracy, "stories": pair precision/recall/F1, "missing": unmatched files,
    "details": per-article misses}.
    """
    articles = tables.get("articles", [])
    by_file = {}
    for a in articles:
        by_file.setdefault(basename(a.get("source_file")), a)
    rows_by = {t: defaultdict(list) for t in EXTRACTED_TABLES}
    for t in rows_by:
        for r in tables.get(t, []) or []:
            rows_by[t][r.get("article_id")].append(r)

    counts = {key: [0, 0, 0] for key, _ in ENTITY_TYPES}
    dates_hit = dates_total = 0
    numbers_hit = numbers_total = 0
    quotes_found = quotes_total = speaker_ok = 0
    missing: list[str] = []
    details: dict[str, dict] = {}
    matched: list[tuple[dict, dict]] = []
    for g in gold.get("articles", []):
        art = by_file.get(basename(g["file"]))
        if art is None:
            missing.append(g["file"])
            for key, _ in ENTITY_TYPES:
                counts[key][2] += len({norm_name(n) for n in g.get(key, [])})
            dates_total += len(g.get("dates", []))
            numbers_total += len(g.get("numbers", []))
            quotes_total += len(g.get("quotes", []))
            continue
        matched.append((g, art))
        aid = art["article_id"]
        info: dict = {}
        ents = rows_by["entities"][aid]
        for key, typ in ENTITY_TYPES:
            want = {norm_name(n): n for n in g.get(key, [])}
            got = {norm_name(e["name"]): e["name"] for e in ents if e.get("type") == typ and e.get("name")}
            tp = len(set(want) & set(got))
            counts[key][0] += tp
            counts[key][1] += len(set(got) - set(want))
            counts[key][2] += len(set(want) - set(got))
            miss = sorted(want[k] for k in set(want) - set(got))
            extra = sorted(got[k] for k in set(got) - set(want))
            if miss or extra:
                info[key] = {"missed": miss, "extra": extra}
        extracted_dates = {r.get("date_text") for r in rows_by["dates"][aid] if r.get("date_text")}
        for d in g.get("dates", []):
            dates_total += 1
            if _date_found(d, extracted_dates):
                dates_hit += 1
            else:
                info.setdefault("dates_missed", []).append(d)
        extracted_numbers = set()
        for r in rows_by["numbers"][aid]:
            if r.get("value") is None:
                continue
            extracted_numbers.add((round(float(r["value"]), 6), (r.get("unit") or "").casefold()))
        for n in g.get("numbers", []):
            numbers_total += 1
            key = _number_key(n)
            if key and (round(key[0], 6), key[1].casefold()) in extracted_numbers:
                numbers_hit += 1
            else:
                info.setdefault("numbers_missed", []).append(n)
        quotes = [(norm_quote(q.get("text")), q.get("speaker")) for q in rows_by["quotes"][aid]]
        for gq in g.get("quotes", []):
            quotes_total += 1
            starts = norm_quote(gq["starts"])
            hit = next((q for q in quotes if starts and (q[0].startswith(starts) or q[0] == starts)), None)
            if hit is None:
                info.setdefault("quotes_missed", []).append(gq["starts"])
                continue
            quotes_found += 1
            if norm_name(hit[1]) == norm_name(gq.get("speaker")):
                speaker_ok += 1
            else:
                info.setdefault("speakers_wrong", []).append({"starts": gq["starts"], "gold": gq.get("speaker"),
                                                              "got": hit[1]})
        if info:
            details[g["file"]] = info

    # story pair-F1 over all pairs of matched gold articles
    tp = fp = fn = 0
    for (g1, a1), (g2, a2) in itertools.combinations(matched, 2):
        same_gold = g1.get("story") is not None and g1.get("story") == g2.get("story")
        same_got = a1.get("story_id") is not None and a1.get("story_id") == a2.get("story_id")
        tp += same_gold and same_got
        fp += same_got and not same_gold
        fn += same_gold and not same_got
    stories = _prf(tp, fp, fn)
    result = {
        "articles": {"matched": len(matched), "total": len(gold.get("articles", []))},
        **{key: _prf(*counts[key]) for key, _ in ENTITY_TYPES},
        "dates": {"recall": round(dates_hit / dates_total, 4) if dates_total else 1.0,
                  "hit": dates_hit, "total": dates_total},
        "numbers": {"recall": round(numbers_hit / numbers_total, 4) if numbers_total else 1.0,
                    "hit": numbers_hit, "total": numbers_total},
        "quotes": {"found": round(quotes_found / quotes_total, 4) if quotes_total else 1.0,
                   "speaker_accuracy": round(speaker_ok / quotes_found, 4) if quotes_found else 0.0,
                   "n_found": quotes_found, "total": quotes_total, "speaker_correct": speaker_ok},
        "stories": {"pair_precision": stories["precision"], "pair_recall": stories["recall"],
                    "pair_f1": stories["f1"], "pairs_tp": tp, "pairs_fp": fp, "pairs_fn": fn},
        "missing": missing,
        "details": details,
    }
    return result


def metric(result: dict, path: str) -> float:
    section, key = path.split(".", 1)
    return float(result[section][key])


def check_bars(result: dict, bars: dict[str, float] = BARS) -> list[str]:
    """Human-readable failures: one line per metric below its bar (empty when all pass)."""
    failures = []
    for path, minimum in bars.items():
        value = metric(result, path)
        if value + 1e-9 < minimum:
            failures.append(f"{path} = {value:.3f} is below the bar {minimum:.2f}")
    if result.get("missing"):
        failures.append(f"{len(result['missing'])} gold articles not found in the data: "
                        + ", ".join(result["missing"][:5]))
    return failures


def format_report(result: dict, bars: dict[str, float] | None = None) -> str:
    """A plain-text table of the metrics, with the bar and PASS/FAIL where a bar applies."""
    bars = BARS if bars is None else bars
    lines = [f"{'metric':<26}{'value':>8}{'bar':>8}  {'':<5}detail", "-" * 72]

    def row(path: str, detail: str) -> None:
        value = metric(result, path)
        bar = bars.get(path)
        status = "" if bar is None else ("PASS" if value + 1e-9 >= bar else "FAIL")
        bar_text = f"{bar:.2f}" if bar is not None else "-"
        lines.append(f"{path:<26}{value:>8.3f}{bar_text:>8}  {status:<5}{detail}")

    for key, _ in ENTITY_TYPES:
        r = result[key]
        row(f"{key}.precision", f"tp {r['tp']} fp {r['fp']}")
        row(f"{key}.recall", f"tp {r['tp']} fn {r['fn']}")
        row(f"{key}.f1", "")
    d, n, q, s = result["dates"], result["numbers"], result["quotes"], result["stories"]
    row("dates.recall", f"{d['hit']}/{d['total']}")
    row("numbers.recall", f"{n['hit']}/{n['total']}")
    row("quotes.found", f"{q['n_found']}/{q['total']}")
    row("quotes.speaker_accuracy", f"{q['speaker_correct']}/{q['n_found']}")
    row("stories.pair_precision", f"fp pairs {s['pairs_fp']}")
    row("stories.pair_recall", f"fn pairs {s['pairs_fn']}")
    row("stories.pair_f1", f"tp pairs {s['pairs_tp']}")
    lines.append("-" * 72)
    lines.append(f"articles matched: {result['articles']['matched']}/{result['articles']['total']}")
    if result.get("missing"):
        lines.append("not found: " + ", ".join(result["missing"]))
    return "\n".join(lines)
