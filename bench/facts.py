"""Throughput of the fact stages (dates, numbers, quotes) in articles per second.

The seeds and the gold set, repeated to about 2,000 articles, go through the three
extractors one article at a time, the way the flow calls them (numbers reuse the article's
date rows; quotes take the article's entity rows, computed beforehand and not timed: the
entities stage has its own benchmark). Rule loading is done once, before timing.

    .venv/bin/python bench/facts.py [--articles 2000]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tasks.dates import extract_dates  # noqa: E402
from tasks.numbers import extract_numbers  # noqa: E402
from tasks.quotes import extract_quotes  # noqa: E402
from tests.pipeline_helpers import GOLD_DIR, SEEDS_DIR, load_articles  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000, help="articles to process (the samples repeated)")
    args = parser.parse_args()

    base = load_articles(SEEDS_DIR) + load_articles(GOLD_DIR)
    try:
        from tasks.entities import extract_entities
        entities = {a["article_id"]: extract_entities(a) for a in base}
        note = "entity rows from tasks.entities (not timed)"
    except ImportError:
        entities = {a["article_id"]: [] for a in base}
        note = "tasks.entities missing: quotes run without entity rows"
    for a in base[:1]:  # load and compile every language's rules before timing
        extract_quotes(a, entities[a["article_id"]])
    for lang in {a["lang"] for a in base}:
        extract_numbers({"article_id": "warm", "text_clean": "1", "lang": lang, "published": None})
        extract_quotes({"article_id": "warm", "text_clean": "“a b c”", "lang": lang}, [])

    work = [dict(base[i % len(base)]) for i in range(args.articles)]
    chars = sum(len(a["text_clean"]) for a in work)
    counts = {"dates": 0, "numbers": 0, "quotes": 0}
    stage = {"dates": 0.0, "numbers": 0.0, "quotes": 0.0}
    t0 = time.perf_counter()
    for a in work:
        t = time.perf_counter()
        d = extract_dates(a)
        t1 = time.perf_counter()
        n = extract_numbers(a, d)
        t2 = time.perf_counter()
        q = extract_quotes(a, entities[a["article_id"]])
        t3 = time.perf_counter()
        stage["dates"] += t1 - t
        stage["numbers"] += t2 - t1
        stage["quotes"] += t3 - t2
        counts["dates"] += len(d)
        counts["numbers"] += len(n)
        counts["quotes"] += len(q)
    total = time.perf_counter() - t0

    print(f"facts benchmark: {len(work)} articles ({len(base)} distinct, {chars / len(work):.0f} chars on average); {note}")
    for name in stage:
        print(f"  {name:<8} {len(work) / stage[name]:>8.0f} articles/s   {counts[name]:>6} rows")
    print(f"  {'all three':<8} {len(work) / total:>8.0f} articles/s   ({total:.2f} s, one process)")


if __name__ == "__main__":
    main()
