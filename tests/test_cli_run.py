"""End to end: the real `newsetl` command in a subprocess, Prefect in ephemeral mode, DuckDB after."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from runtime.lake import Lake
from schemas import TABLES, arrow_schema
from tests.conftest import EXAMPLE_INBOX, REPO

pytestmark = pytest.mark.e2e

COUNTED = ["articles", "paragraphs", "removed_lines", "quarantine", "source_files"]


def _counts(db: Path) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in TABLES}
    finally:
        con.close()


@pytest.fixture(scope="module")
def inbox_run(tmp_path_factory, prefect_home):
    """Run the example inbox twice into one data dir; keep both outputs."""
    from tests.conftest import NEWSETL
    import os
    import subprocess

    base = tmp_path_factory.mktemp("inbox-run")
    inbox = base / "inbox"
    shutil.copytree(EXAMPLE_INBOX, inbox)
    data = base / "data"
    env = {**os.environ, "PREFECT_HOME": str(prefect_home), "NO_COLOR": "1", "COLUMNS": "200"}
    env.pop("PREFECT_API_URL", None)

    def run():
        return subprocess.run([str(NEWSETL), "run", "--input", str(inbox), "--data", str(data)], capture_output=True,
                              text=True, env=env, timeout=300, stdin=subprocess.DEVNULL)

    first = run()
    assert first.returncode == 0, first.stdout + first.stderr
    counts_after_first = _counts(data / "news.duckdb")
    second = run()
    assert second.returncode == 0, second.stdout + second.stderr
    return {"data": data, "first": first, "second": second, "counts_first": counts_after_first}


def test_summary_is_printed(inbox_run):
    out = inbox_run["first"].stdout
    for label, value in [("files seen", 15), ("items seen", 20), ("new articles", 18), ("duplicates", 1),
                         ("quarantined", 1), ("unchanged", 0)]:
        assert re.search(rf"{label}\s*│\s*{value}\b", out), f"{label} {value} not in summary:\n{out}"
    assert "de 2, en 8, es 2, fr 2, it 1, nb 2, sv 1" in out
    assert re.search(r"seconds per stage\s*│\s*ingest [\d.]+, clean [\d.]+, language [\d.]+", out)


def test_articles_languages_and_lineage_in_duckdb(inbox_run):
    con = duckdb.connect(str(inbox_run["data"] / "news.duckdb"), read_only=True)
    langs = dict(con.execute("select lang, count(*) from articles group by 1").fetchall())
    assert langs == {"de": 2, "en": 8, "es": 2, "fr": 2, "it": 1, "nb": 2, "sv": 1}
    # the cp1252 copy of the German article is a duplicate, not a second article
    ledger = dict(con.execute("select source_file, outcome from source_files where source_line is null").fetchall())
    assert ledger["scraper-b/dpa-2025-01-14-strom.txt"] == "duplicate"
    assert ledger["deutsch/strompreise-norwegen.txt"] == "new"
    # every row carries the run id of the run that wrote it
    run_id = con.execute("select run_id from runs order by started_at limit 1").fetchone()[0]
    for table in ["articles", "paragraphs", "removed_lines", "quarantine", "source_files"]:
        assert con.execute(f"select count(*) from {table} where run_id is distinct from ?", [run_id]).fetchone() == (0,)
    assert con.execute("select reason, source_line from quarantine").fetchall() == [("bad_jsonl", 4)]
    reasons = {r for (r,) in con.execute("select distinct reason from removed_lines").fetchall()}
    assert {"photo_caption", "agency_byline", "agency_lead_in", "title", "title_repeat", "read_more",
            "share_prompt", "date_header", "url_fragment", "scraper_marker"} <= reasons
    # removed text really came from text_raw
    bad = con.execute("""select count(*) from removed_lines r join articles a using (article_id)
                         where position(r.text in a.text_raw) = 0""").fetchone()[0]
    assert bad == 0


def test_runs_accounting_adds_up(inbox_run):
    con = duckdb.connect(str(inbox_run["data"] / "news.duckdb"), read_only=True)
    rows = con.execute("""select items_seen, articles_new + duplicates + quarantined + unchanged, status
                          from runs order by started_at""").fetchall()
    assert [(seen, total) for seen, total, _ in rows] == [(20, 20), (20, 20)]
    assert [status for *_, status in rows] == ["completed", "completed"]


def test_second_run_adds_no_rows(inbox_run):
    after = _counts(inbox_run["data"] / "news.duckdb")
    before = inbox_run["counts_first"]
    assert {t: after[t] for t in COUNTED} == {t: before[t] for t in COUNTED}
    assert after["runs"] == before["runs"] + 1
    assert re.search(r"unchanged\s*│\s*20\b", inbox_run["second"].stdout)


def test_parquet_files_match_the_declared_schemas(inbox_run):
    lake = Lake(inbox_run["data"] / "lake")
    checked = 0
    for table in TABLES:
        for path in lake.files(table):
            assert pq.read_schema(path).remove_metadata().equals(arrow_schema(table).remove_metadata()), path
            checked += 1
    assert checked >= 6


def test_sql_from_another_directory_all_formats(inbox_run, newsetl, tmp_path):
    data = str(inbox_run["data"])
    csv_out = newsetl("sql", "select lang, count(*) n from articles group by 1 order by 1", "--data", data,
                      "--format", "csv", cwd=tmp_path)
    assert csv_out.returncode == 0, csv_out.stderr
    assert csv_out.stdout.splitlines() == ["lang,n", "de,2", "en,8", "es,2", "fr,2", "it,1", "nb,2", "sv,1"]
    js = newsetl("sql", "select count(*) n from articles", "--data", data, "--format", "json", cwd=tmp_path)
    assert json.loads(js.stdout) == [{"n": 18}]
    table = newsetl("sql", "select count(*) as n from articles", "--data", data, cwd=tmp_path)
    assert "18" in table.stdout and "(1 row)" in table.stdout


def test_sql_file_option(inbox_run, newsetl, tmp_path):
    query = tmp_path / "q.sql"
    query.write_text("select count(*) as n from quarantine")
    out = newsetl("sql", "--file", str(query), "--data", str(inbox_run["data"]), "--format", "csv")
    assert out.stdout.splitlines() == ["n", "1"]


def test_sql_is_read_only(inbox_run, newsetl):
    out = newsetl("sql", "drop view articles", "--data", str(inbox_run["data"]))
    assert out.returncode == 2
    assert out.stderr == ("error: DROP statements are refused: newsetl sql only reads (SELECT, WITH, FROM, DESCRIBE, "
                          "SHOW, SUMMARIZE, EXPLAIN). To save a result, use --format csv or json and redirect the "
                          "output.\n")


def test_bad_sql_shows_duckdb_message_and_tables(inbox_run, newsetl):
    out = newsetl("sql", "select * from nope", "--data", str(inbox_run["data"]))
    assert out.returncode == 1
    assert out.stderr.splitlines()[:5] == ["error: Catalog Error: Table with name nope does not exist!",
                                           'Did you mean "quotes"?', "", "LINE 1: select * from nope",
                                           "                      ^^^^"]
    assert len(out.stderr.splitlines()) == 6
    assert out.stderr.splitlines()[-1] == (
        "Tables: article_versions, articles, date_agreement, dates, entities, entity_aliases, figure_agreement, "
        "numbers, paragraphs, quarantine, quotes, removed_lines, runs, source_files, stories, superseded_articles, "
        'translation_cache. Describe one with: newsetl sql "describe articles"')


def test_sql_without_database_says_what_to_do(newsetl, tmp_path):
    out = newsetl("sql", "select 1", "--data", str(tmp_path / "empty"))
    assert out.returncode == 2
    assert out.stderr == (f"error: no database at {tmp_path / 'empty' / 'news.duckdb'}: run `newsetl run --data "
                          f"{tmp_path / 'empty'}` first (or pass the --data folder that holds news.duckdb)\n")


def test_missing_input_is_a_clear_error(newsetl, tmp_path):
    out = newsetl("run", "--input", str(tmp_path / "nowhere"), "--data", str(tmp_path / "d"))
    assert out.returncode == 2
    assert out.stderr == (f"error: input path not found: {tmp_path / 'nowhere'}. Pass an existing folder or file with "
                          "--input.\n")


def test_seed_articles_acceptance(seeds_dir, seeds_gold, newsetl, tmp_path):
    """Issue acceptance: 5 articles with the gold languages, header dates, boilerplate gone."""
    data = tmp_path / "x"
    out = newsetl("run", "--input", str(seeds_dir), "--data", str(data))
    assert out.returncode == 0, out.stdout + out.stderr
    con = duckdb.connect(str(data / "news.duckdb"), read_only=True)
    rows = {f: (lang, str(pub) if pub else None, prec, text)
            for f, lang, pub, prec, text in con.execute(
                "select source_file, lang, published, published_precision, text_clean from articles").fetchall()}
    assert len(rows) == 5
    for gold in seeds_gold["articles"]:
        lang, published, precision, text = rows[gold["file"]]
        assert lang == gold["lang"]
        lines = [line.strip() for line in text.split("\n")]
        for prefix in gold["boilerplate"]:
            assert not any(line.startswith(prefix.strip()) for line in lines), (gold["file"], prefix)
        for prefix in gold["keep"]:
            assert any(line.startswith(prefix) for line in lines), (gold["file"], prefix)
    assert rows["000_679d5645a5647b90.txt"][1:3] == ("2021-12-01", "month")
    assert rows["004_a1d4ed1e58fc7cda.txt"][1:3] == ("2021-12-31", "day")
