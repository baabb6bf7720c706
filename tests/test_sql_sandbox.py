"""`newsetl sql` and `newsetl report` can read the data folder and nothing else, and write nothing.

Each test is one escape an outside probe found: the database connection was read-only, yet
DuckDB could still COPY over a lake part or the manifest, ATTACH another database for
writing, change settings, and read any file on the machine.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from runtime.lake import Commit, Lake, part_name
from warehouse.database import build_database

REFUSED = ("{kind} statements are refused: newsetl sql only reads (SELECT, WITH, FROM, DESCRIBE, SHOW, SUMMARIZE, "
           "EXPLAIN). To save a result, use --format csv or json and redirect the output.")


@pytest.fixture
def data(tmp_path) -> Path:
    """A data folder with one committed article and its database."""
    root = tmp_path / "data"
    lake = Lake(root / "lake")
    part = lake.write_part("articles", [{"article_id": "a1", "lang": "en", "text_clean": "Hello."}],
                           part_name("r1", "b1"))
    lake.commit(Commit("r1", {"articles": [part]}, replaced=set()))
    build_database(root / "news.duckdb", lake)
    return root


def _fingerprint(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def _error(proc) -> str:
    return proc.stderr.replace("\n", " ").strip()


def test_a_select_works(newsetl, data):
    proc = newsetl("sql", "select article_id, lang from articles", "--data", str(data), "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "article_id,lang\na1,en\n"


@pytest.mark.parametrize("target", ["part", "manifest"])
def test_copy_cannot_overwrite_the_lake(newsetl, data, target):
    lake = data / "lake"
    path = next((lake / "articles").glob("*.parquet")) if target == "part" else lake / "_manifest.json"
    before = _fingerprint(data)
    proc = newsetl("sql", f"COPY (select * from articles where false) TO '{path}' (FORMAT parquet)",
                   "--data", str(data))
    assert proc.returncode == 2
    assert _error(proc) == "error: " + REFUSED.format(kind="COPY")
    assert _fingerprint(data) == before


def test_attach_for_writing_is_refused(newsetl, data, tmp_path):
    before = _fingerprint(data)
    proc = newsetl("sql", f"ATTACH '{tmp_path / 'x.duckdb'}' AS x (READ_WRITE); "
                          "CREATE TABLE x.t AS SELECT 1; INSERT INTO x.t VALUES (2)", "--data", str(data))
    assert proc.returncode == 2
    assert _error(proc) == "error: " + REFUSED.format(kind="ATTACH")
    assert not (tmp_path / "x.duckdb").exists()
    assert _fingerprint(data) == before


@pytest.mark.parametrize("statement, kind", [
    ("SET threads = 1", "SET"),
    ("INSTALL httpfs", "LOAD"),
    ("EXPORT DATABASE '/tmp/newsetl-export'", "EXPORT"),
    ("CHECKPOINT", "CALL"),
    ("select 1; COPY (select 1) TO 'out.csv'", "COPY"),
])
def test_statements_that_write_or_reconfigure_are_refused(newsetl, data, statement, kind, tmp_path):
    proc = newsetl("sql", statement, "--data", str(data), cwd=tmp_path)
    assert proc.returncode == 2
    assert _error(proc) == "error: " + REFUSED.format(kind=kind)
    assert list(tmp_path.iterdir()) == [data]


@pytest.mark.parametrize("query, path", [
    ("select * from read_text('/etc/hostname')", "/etc/hostname"),
    ("select * from glob('/root/*')", "/root/*"),
    ("select * from read_csv('{data}/../outside.csv')", "{data}/../outside.csv"),
])
def test_files_outside_the_data_folder_cannot_be_read(newsetl, data, query, path):
    (data.parent / "outside.csv").write_text("secret\n1\n")
    proc = newsetl("sql", query.format(data=data), "--data", str(data))
    assert proc.returncode == 1
    assert _error(proc) == (
        f'error: Permission Error: Cannot access file "{path.format(data=data)}" - file system operations are '
        f"disabled by configuration newsetl sql reads files inside the data folder {data} only; query the tables "
        'instead (list them with: newsetl sql "show tables").')


def test_files_inside_the_data_folder_can_be_read(newsetl, data):
    proc = newsetl("sql", f"select count(*) as n from read_parquet('{data}/lake/articles/*.parquet')",
                   "--data", str(data), "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "n\n1\n"


def test_settings_are_locked_for_reports_too(data):
    import duckdb

    from warehouse.database import connect_readonly

    con = connect_readonly(data / "news.duckdb")
    try:
        with pytest.raises(duckdb.InvalidInputException, match="the configuration has been locked"):
            con.execute("SET enable_external_access = true")
        with pytest.raises(duckdb.PermissionException, match='Cannot access file "/etc/hostname"'):
            con.execute("select * from read_text('/etc/hostname')")
        assert con.execute("select count(*) from articles").fetchone() == (1,)
    finally:
        con.close()
