"""Entity extraction throughput: gold + seed articles repeated to about 2,000 articles.

    .venv/bin/python bench/entities.py [--n 2000] [--workers 2]

Prints articles/s for one process and for a pool of `--workers` processes (2 cores here).
Gazetteer loading (once per process) is reported apart: it is paid once per run, not per article.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.pipeline_helpers import GOLD_DIR, SEEDS_DIR, load_articles  # noqa: E402
from tasks.entities import extract_entities_batch, gazetteer, lang_rules  # noqa: E402
from tasks.languages import SUPPORTED  # noqa: E402


def _warm() -> None:
    g = gazetteer()
    for lang in SUPPORTED:  # the registry's languages (stems of those without inflection rules are cheap)
        g.stems_for(lang_rules(lang))


def _chunk(articles: list[dict]) -> int:
    _warm()
    return len(extract_entities_batch(articles))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args()

    base = load_articles(GOLD_DIR) + (load_articles(SEEDS_DIR) if SEEDS_DIR.exists() else [])
    articles = [dict(base[i % len(base)], article_id=f"{i:06d}") for i in range(args.n)]
    chars = sum(len(a["text_clean"]) for a in articles)

    t0 = time.perf_counter()
    _warm()
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    rows = extract_entities_batch(articles)
    single = time.perf_counter() - t0
    print(f"articles: {len(articles)} ({len(base)} distinct, {chars / len(articles):.0f} chars on average)")
    print(f"gazetteer load + stem indexes: {load:.2f} s (once per process)")
    print(f"1 process:  {len(articles) / single:8.0f} articles/s  ({len(rows)} entity rows, {single:.2f} s)")

    size = -(-len(articles) // args.workers)
    chunks = [articles[i:i + size] for i in range(0, len(articles), size)]
    with ProcessPoolExecutor(args.workers, initializer=_warm) as pool:
        # one slow task per worker, so that every worker has started and loaded its gazetteers
        list(pool.map(_pause, [1.0] * args.workers))
        t0 = time.perf_counter()
        total = sum(pool.map(_chunk, chunks))
        pooled = time.perf_counter() - t0
    print(f"{args.workers} processes: {len(articles) / pooled:8.0f} articles/s  ({total} entity rows, {pooled:.2f} s)")


def _pause(seconds: float) -> None:
    time.sleep(seconds)


if __name__ == "__main__":
    main()
