"""Score the cleaner on the labelled real corpus (../shared/real): furniture removed, body kept, dates.

Labels come from `../shared/real/labels/*.json` with the project's corrections applied
(`tests/data/real/corrections.json`); the texts are third-party writing, materialised into a
cache outside the repository ($NEWSETL_REAL_TEXTS, default ~/.cache/newsetl/real-texts) and
checked against the label's SHA-256. Pure functions over the texts: the cleaner is run the
way the pipeline runs it (decoded, normalised, then `clean_articles`).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from tasks.clean import clean_articles
from tasks.ingest import normalize_text

REPO = Path(__file__).resolve().parents[1]
DEFAULT_LABELS = REPO.parent / "shared" / "real"
CORRECTIONS = REPO / "tests" / "data" / "real" / "corrections.json"
# The acceptance bars on the frozen test split.
BARS = {"boilerplate_removed": 0.90, "body_kept": 0.98, "pub_date_right": 0.90}
INVENTED_MAX = 0.05
TITLE_REASONS = {"title", "title_repeat"}


def texts_dir() -> Path:
    return Path(os.environ.get("NEWSETL_REAL_TEXTS", "~/.cache/newsetl/real-texts")).expanduser()


@dataclass
class RealCorpus:
    labels: dict[str, dict]
    split: dict[str, list[str]]
    texts: dict[str, str]
    missing: list[str] = field(default_factory=list)  # ids with no (or a mismatching) text in the cache


def load_corpus(labels_root: Path = DEFAULT_LABELS, cache: Path | None = None,
                corrections: Path = CORRECTIONS) -> RealCorpus:
    """Labels with corrections applied, the split, and every cached text whose hash matches its label."""
    cache = cache or texts_dir()
    labels = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted((labels_root / "labels").glob("*.json"))}
    if corrections.exists():
        for fix in json.loads(corrections.read_text(encoding="utf-8"))["corrections"]:
            if fix["id"] in labels:  # (the corrections are of ../shared/real's labels)
                labels[fix["id"]][fix["field"]] = fix["value"]
    split = json.loads((labels_root / "split.json").read_text(encoding="utf-8"))
    texts, missing = {}, []
    for art_id, label in labels.items():
        path = cache / f"{art_id}.txt"
        data = path.read_bytes() if path.exists() else None
        if data is None or hashlib.sha256(data).hexdigest() != label["sha256"]:
            missing.append(art_id)
        else:
            texts[art_id] = data.decode("utf-8")
    return RealCorpus(labels, {k: v for k, v in split.items() if isinstance(v, list)}, texts, missing)


def _line_shift(text: str) -> int:
    """Lines normalize_text drops at the top (blank ones), so label line numbers can be mapped."""
    shift = 0
    for line in text.replace("\r\n", "\n").split("\n"):
        if line.strip():
            break
        shift += 1
    return shift


def clean_texts(texts: dict[str, str]) -> dict[str, dict]:
    """Run the clean stage on raw excerpts; returns per id the cleaned record and its removed lines."""
    records = [{"article_id": art_id, "text_raw": normalize_text(text), "title": None, "source": None,
                "published": None, "published_precision": None} for art_id, text in texts.items()]
    cleaned, removed = clean_articles(records)
    out = {r["article_id"]: {"record": r, "removed": []} for r in cleaned}
    for row in removed:
        out[row["article_id"]]["removed"].append(row)
    return out


def _all_removed(line: str, rows: list[dict]) -> bool:
    """Nothing of the line is left: one row took it whole, or its parts did (the date header, then the rest)."""
    left = line
    for row in rows:
        part = row["text"].strip()
        if part and part in left:
            left = left.replace(part, " ", 1)
    return not left.strip()


def score_article(label: dict, text: str, result: dict) -> dict:
    """Counts for one article: furniture lines/spans removed, body lines kept, publication date."""
    shift = _line_shift(text)
    raw_lines = text.replace("\r\n", "\n").split("\n")
    removed_at: dict[int, list[dict]] = {}
    for row in result["removed"]:
        removed_at.setdefault(row["line_no"] + shift, []).append(row)
    furniture = {n for n in label["boilerplate_lines"] if 0 < n <= len(raw_lines) and raw_lines[n - 1].strip()}
    whole = {n for n, rows in removed_at.items() if 0 < n <= len(raw_lines) and _all_removed(raw_lines[n - 1], rows)}
    counts = {"furniture": len(furniture), "furniture_removed": len(furniture & whole),
              "spans": 0, "spans_removed": 0, "body": 0, "body_kept": 0, "body_lost": []}
    for span in label["boilerplate_inline"]:
        counts["spans"] += 1
        target = span["text"].strip()
        if any(target and target in r["text"] or r["text"].strip() and r["text"].strip() in target
               for r in removed_at.get(span["line"], [])):
            counts["spans_removed"] += 1
    for n, line in enumerate(raw_lines, start=1):
        if not line.strip() or n in furniture:
            continue
        rows = removed_at.get(n, [])
        spans_here = [s["text"].strip() for s in label["boilerplate_inline"] if s["line"] == n]
        lost = n in whole and not (n == label.get("title_line") and any(r["reason"] in TITLE_REASONS for r in rows))
        if lost and spans_here and line.strip() in spans_here:
            continue  # the whole line is one labelled span
        counts["body"] += 1
        if lost:
            counts["body_lost"].append((n, rows[0]["reason"] if rows else "?"))
        else:
            counts["body_kept"] += 1
    record = result["record"]
    gold, found = label.get("pub_date"), record.get("published")
    counts["pub_stated"] = int(gold is not None)
    counts["pub_right"] = int(gold is not None and found is not None and found.isoformat().startswith(gold)
                              and (record.get("published_precision") == "day") == (len(gold) == 10))
    counts["pub_invented"] = int(gold is None and found is not None)
    counts["pub_wrong"] = int(gold is not None and not counts["pub_right"] and found is not None)
    return counts


def score(corpus: RealCorpus, ids: list[str]) -> dict:
    """Corpus-level figures over `ids` (those with a text); details per article for error analysis."""
    present = [i for i in ids if i in corpus.texts]
    results = clean_texts({i: corpus.texts[i] for i in present})
    per = {i: score_article(corpus.labels[i], corpus.texts[i], results[i]) for i in present}
    total = {k: sum(p[k] for p in per.values()) for k in ("furniture", "furniture_removed", "spans", "spans_removed",
                                                           "body", "body_kept", "pub_stated", "pub_right",
                                                           "pub_invented", "pub_wrong")}
    unstated = len(present) - total["pub_stated"]

    def ratio(a: int, b: int) -> float | None:
        return round(a / b, 3) if b else None

    return {
        "articles": len(present), "missing": len(ids) - len(present),
        "boilerplate_removed": ratio(total["furniture_removed"], total["furniture"]),
        "inline_removed": ratio(total["spans_removed"], total["spans"]),
        "body_kept": ratio(total["body_kept"], total["body"]),
        "pub_date_right": ratio(total["pub_right"], total["pub_stated"]),
        "pub_date_invented": ratio(total["pub_invented"], unstated),
        "counts": total, "per_article": per,
    }


def check_bars(result: dict) -> list[str]:
    failures = [f"{k} {result[k]} < {v}" for k, v in BARS.items() if result[k] is not None and result[k] < v]
    if result["pub_date_invented"] is not None and result["pub_date_invented"] > INVENTED_MAX:
        failures.append(f"pub_date_invented {result['pub_date_invented']} > {INVENTED_MAX}")
    return failures


PROJECT_LABELS = REPO / "tests" / "data" / "real" / "labels"


def gold_for_split(corpus: RealCorpus, ids: list[str], labels_dir: Path = PROJECT_LABELS) -> dict:
    """A gold file (the seeds' format, for tasks.evaluate) of `ids`: the project's own extraction labels
    (entities in canonical English, dates, quotes and speakers) and the shared labels' stories.
    Files are named <id>.txt."""
    articles = []
    for art_id in ids:
        own = json.loads((labels_dir / f"{art_id}.json").read_text(encoding="utf-8"))
        articles.append({"file": f"{art_id}.txt", "lang": own["lang"], "story": corpus.labels[art_id]["story"],
                         **{k: own[k] for k in ("persons", "organizations", "locations", "dates", "quotes")}})
    return {"about": "real corpus: project labels (tests/data/real/labels) and shared stories", "articles": articles}
