"""`newsetl eval` on a real news.duckdb: tables built by the pure pipeline on the seeds."""

from __future__ import annotations

import json

import duckdb
import pytest
from typer.testing import CliRunner

from newsetl.cli import app
from tests.pipeline_helpers import SEEDS_DIR, cached_articles, extract_tables


def _write_db(path, tables: dict[str, list[dict]]) -> None:
    con = duckdb.connect(str(path))
    try:
        specs = {
            "articles": ("article_id VARCHAR, source_file VARCHAR, story_id VARCHAR, lang VARCHAR",
                         ["article_id", "source_file", "story_id", "lang"]),
            "entities": ("article_id VARCHAR, type VARCHAR, name VARCHAR, surface VARCHAR, start_char INT, end_char INT",
                         ["article_id", "type", "name", "surface", "start_char", "end_char"]),
            "dates": ("article_id VARCHAR, date_text VARCHAR, surface VARCHAR", ["article_id", "date_text", "surface"]),
            "numbers": ("article_id VARCHAR, value DOUBLE, unit VARCHAR, surface VARCHAR",
                        ["article_id", "value", "unit", "surface"]),
            "quotes": ("article_id VARCHAR, speaker VARCHAR, text VARCHAR", ["article_id", "speaker", "text"]),
        }
        for table, (ddl, cols) in specs.items():
            con.execute(f"create table {table} ({ddl})")
            rows = [tuple(r.get(c) for c in cols) for r in tables[table]]
            if rows:
                con.executemany(f"insert into {table} values ({', '.join('?' for _ in cols)})", rows)
    finally:
        con.close()


@pytest.fixture(scope="module")
def seeds_data(tmp_path_factory):
    folder = tmp_path_factory.mktemp("eval-data")
    _write_db(folder / "news.duckdb", extract_tables(cached_articles(SEEDS_DIR)))
    return folder


def test_eval_prints_table_and_passes(seeds_data):
    result = CliRunner().invoke(app, ["eval", "--gold", str(SEEDS_DIR / "gold.json"), "--data", str(seeds_data)])
    assert result.exit_code == 0, result.output
    assert "persons.recall" in result.output and "all bars passed" in result.output


def test_eval_json_and_failing_bar_exits_1(seeds_data, tmp_path):
    result = CliRunner().invoke(app, ["eval", "--gold", str(SEEDS_DIR / "gold.json"), "--data", str(seeds_data),
                                      "--json"])
    payload = json.loads(result.output)
    assert payload["persons"]["recall"] >= 0.95 and payload["failures"] == []
    # a gold file that names a person nobody extracted makes the persons bar fail
    gold = json.loads((SEEDS_DIR / "gold.json").read_text(encoding="utf-8"))
    for art in gold["articles"]:
        art["persons"] = art["persons"] + ["Nobody Extracted", "Another Missing", "Third Missing"]
    bad = tmp_path / "gold.json"
    bad.write_text(json.dumps(gold), encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "--gold", str(bad), "--data", str(seeds_data)])
    assert result.exit_code == 1 and "persons.recall" in result.output and "below the bar" in result.output


def test_eval_without_database_says_what_to_do(tmp_path):
    result = CliRunner().invoke(app, ["eval", "--gold", str(SEEDS_DIR / "gold.json"), "--data", str(tmp_path)])
    assert result.exit_code == 2
