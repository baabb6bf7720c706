"""Throughput of the clean stage in articles per second, on one core.

Real page excerpts are what the cleaner is for: the labelled real corpus (texts from
$NEWSETL_REAL_TEXTS, materialised as ../shared/real/README.md says) when it is there, else
the seeds and the project's gold sets; repeated to about `--articles` articles and cleaned
the way the flow calls `clean_articles` (one batch). Rule loading is done once, before timing.

    .venv/bin/python bench/clean.py [--articles 5000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tasks.clean import clean_articles  # noqa: E402
from tasks.ingest import normalize_text  # noqa: E402


def _samples() -> tuple[str, list[str]]:
    try:
        from tasks.real_corpus import load_corpus

        texts = list(load_corpus().texts.values())
        if texts:
            return f"{len(texts)} real excerpts", texts
    except (ImportError, FileNotFoundError):
        pass
    from tests.pipeline_helpers import GOLD_DIR, SEEDS_DIR

    texts = [p.read_text(encoding="utf-8") for folder in (SEEDS_DIR, GOLD_DIR) for p in sorted(folder.glob("*.txt"))]
    return f"{len(texts)} seed and gold articles", texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000, help="articles per timed pass (the samples repeated)")
    parser.add_argument("--repeat", type=int, default=5, help="timed passes; the median is reported")
    args = parser.parse_args()
    label, texts = _samples()
    batch = [{"article_id": f"a{i}", "text_raw": normalize_text(texts[i % len(texts)]), "title": None,
              "published": None} for i in range(args.articles)]
    clean_articles(batch[:len(texts)])  # load the rules
    rates = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        clean_articles(batch)
        rates.append(len(batch) / (time.perf_counter() - t0))
    print(f"clean stage: {statistics.median(rates):,.0f} articles/s (median of {args.repeat} passes of "
          f"{len(batch):,} articles; min {min(rates):,.0f}, max {max(rates):,.0f}; {label}; one core)")


if __name__ == "__main__":
    main()
