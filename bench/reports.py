"""Report benchmark (not a test): every report over 1,000,000 articles on 2 cores.

    .venv/bin/python bench/reports.py [--articles 1000000]

Synthetic rows are generated straight into the lake with DuckDB (articles in 12 languages and
40 sources, grouped into stories of 8; 8 entity mentions, 2 dates, 2 figures and 1 quote per
article), committed through the lake's manifest, and the views are built exactly as a run
builds them. Each report (all its sections) is then timed through a read-only connection,
best of 3.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import duckdb

from runtime.lake import Commit, Lake
from schemas import FIELDS, TABLES
from warehouse.database import build_database, connect_readonly
from warehouse.reports import report_names, run_report

# SQL expressions per table and column over `i` (the row number); undeclared columns are NULL.
GENERATORS = {
    "articles": ("(SELECT range AS i FROM range({n}))", {
        "article_id": "printf('%016x', i)", "source_file": "'file-' || i || '.txt'",
        "source": "'outlet-' || (i % 40)", "published": "DATE '2024-01-01' + CAST(i // 3000 AS INTEGER)",
        "published_precision": "'day'", "title": "'Title ' || i",
        "lang": "(['en','de','fr','es','it','nb','sv','nl','pt','pl','ru','uk'])[1 + i % 12]",
        "lang_confidence": "0.99", "text_clean": "'Text of article ' || i", "text_raw": "'Text of article ' || i",
        "translation_status": "CASE WHEN i % 12 = 0 THEN 'source_english' ELSE 'translated' END",
        "story_id": "'s-' || (i // 8)", "run_id": "'bench'", "ingested_at": "TIMESTAMPTZ '2024-06-01 00:00:00+00'",
    }),
    "entities": ("(SELECT range // 8 AS a, range AS i FROM range({n} * 8))", {
        "article_id": "printf('%016x', a)", "type": "(['person','organization','location'])[1 + i % 3]",
        "name": "'Entity ' || ((a // 8) % 5000 + (i % 8) * 7)", "surface": "'Surface ' || (i % 23)",
        "start_char": "CAST(i % 500 AS INTEGER)", "end_char": "CAST(i % 500 + 10 AS INTEGER)", "run_id": "'bench'",
    }),
    "dates": ("(SELECT range // 2 AS a, range AS i FROM range({n} * 2))", {
        "article_id": "printf('%016x', a)", "surface": "'the ' || (i % 28 + 1) || 'th'",
        "date": "DATE '2024-01-01' + CAST((a // 8) % 400 + (i % 2) + CASE WHEN a % 97 = 0 THEN 1 ELSE 0 END AS INTEGER)",
        "date_text": "CAST(DATE '2024-01-01' + CAST((a // 8) % 400 + (i % 2) AS INTEGER) AS VARCHAR)",
        "precision": "'day'", "start_char": "CAST(i % 300 AS INTEGER)", "run_id": "'bench'",
    }),
    "numbers": ("(SELECT range // 2 AS a, range AS i FROM range({n} * 2))", {
        "article_id": "printf('%016x', a)", "surface": "'50 minutes'",
        "value": "CAST(50 + CASE WHEN a % 101 = 0 THEN 10 ELSE 0 END + (i % 2) * 1000 AS DOUBLE)",
        "unit": "(['minute','soldier'])[1 + i % 2]", "start_char": "CAST(i % 300 AS INTEGER)", "run_id": "'bench'",
    }),
    "quotes": ("(SELECT range AS i FROM range({n}))", {
        "article_id": "printf('%016x', i)", "speaker": "'Entity ' || ((i // 8) % 5000)",
        "text": "'We said something ' || i", "text_en": "'We said something ' || i",
        "start_char": "CAST(i % 300 AS INTEGER)", "run_id": "'bench'",
    }),
    "stories": ("(SELECT range AS i FROM range({n} // 8))", {
        "story_id": "'s-' || i", "label": "'Story ' || i", "n_articles": "CAST(8 AS INTEGER)",
        "languages": "['en', 'de']", "first_published": "DATE '2024-01-01' + CAST(i // 375 AS INTEGER)",
        "run_id": "'bench'",
    }),
    "runs": ("(SELECT range AS i FROM range(24))", {
        "run_id": "'run-' || i", "status": "'completed'", "started_at": "TIMESTAMPTZ '2024-06-01 00:00:00+00'",
        "finished_at": "TIMESTAMPTZ '2024-06-01 00:10:00+00'", "files_seen": "CAST({n} // 24 AS INTEGER)",
        "items_seen": "CAST({n} // 24 AS INTEGER)", "articles_new": "CAST({n} // 24 AS INTEGER)",
        "duplicates": "0", "quarantined": "0", "unchanged": "0",
    }),
}


def generate(lake_root: Path, n: int) -> Lake:
    con = duckdb.connect()
    con.execute("SET preserve_insertion_order = false")
    added = {}
    for table, (source, columns) in GENERATORS.items():
        select = ", ".join(
            f"CAST({columns[f].format(n=n) if f in columns else 'NULL'} AS {FIELDS[f].sql}) AS \"{f}\""
            for f in TABLES[table].fields)
        path = lake_root / table / "bench~0.parquet"
        path.parent.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        con.execute(f"COPY (SELECT {select} FROM {source.format(n=n)} AS t) TO '{path}' "
                    f"(FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880)")
        rows = con.execute(f"SELECT count(*) FROM '{path}'").fetchone()[0]
        print(f"  {table}: {rows:,} rows in {time.perf_counter() - t0:.1f} s", flush=True)
        added[table] = [f"{table}/{path.name}"]
    lake = Lake(lake_root)
    lake.commit(Commit("bench", added, replaced=set()))
    return lake


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=1_000_000)
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "newsetl-bench-reports")
    args = ap.parse_args()
    data = args.work
    import shutil

    shutil.rmtree(data, ignore_errors=True)
    print(f"generating {args.articles:,} articles ...", flush=True)
    lake = generate(data / "lake", args.articles)
    t0 = time.perf_counter()
    db = build_database(data / "news.duckdb", lake)
    print(f"database built in {time.perf_counter() - t0:.1f} s (views, macros, the agreement tables)", flush=True)
    con = connect_readonly(db)
    print("\n| report | sections | rows returned | seconds (best of 3) |\n|---|---:|---:|---:|")
    for name in report_names():
        best, rows = float("inf"), 0
        for _ in range(3):
            t0 = time.perf_counter()
            sections = run_report(con, name)
            best = min(best, time.perf_counter() - t0)
            rows = sum(len(s.rows) for s in sections)
        print(f"| {name} | {len(sections)} | {rows:,} | {best:.3f} |", flush=True)
    t0 = time.perf_counter()
    story = run_report(con, "agreement", story="s-12345")
    print(f"| agreement --story s-12345 | {len(story)} | {sum(len(s.rows) for s in story)} | "
          f"{time.perf_counter() - t0:.3f} |")


if __name__ == "__main__":
    main()
