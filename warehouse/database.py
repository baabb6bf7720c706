"""news.duckdb: one view per table over the committed Parquet files, plus macros.

The database holds views (plus the small derived tables of 30_agreement.sql), so it is
rebuilt from the lake manifest after every run into a temporary file and swapped in with a
rename. The pipeline therefore never holds a lock on news.duckdb, and a reader that has it
open keeps a consistent snapshot.
"""

from __future__ import annotations

import os
import time
import uuid
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from runtime.faults import fault_point
from runtime.lake import Lake
from schemas import FIELDS, TABLES

WAREHOUSE_DIR = Path(__file__).parent
DATABASE_NAME = "news.duckdb"
# Write the storage format of DuckDB 1.5.0, so a CLI or client one minor release behind duckdb 2.x opens it.
STORAGE_COMPATIBILITY_VERSION = "v1.5.0"


def _quote(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def view_sql(table: str, files: list[Path]) -> str:
    return f'CREATE OR REPLACE VIEW "{table}" AS {select_sql(table, files)}'


def select_sql(table: str, files: list[Path], current_only: bool = True) -> str:
    """A view that always has the declared columns, whatever the files on disk hold.

    Columns missing from older files read as NULL (union_by_name), columns missing from
    every file are typed NULLs, and every column is cast to its declared type. Rows of a
    superseded article version are hidden from the per-article tables unless `current_only`
    is false.
    """
    spec = TABLES[table]
    present: set[str] = set()
    for f in files:
        present.update(pq.read_schema(f).names)
    cols = []
    for name in spec.fields:
        sql_type = FIELDS[name].sql
        source = f'"{name}"' if name in present else "NULL"
        cols.append(f'CAST({source} AS {sql_type}) AS "{name}"')
    select = ",\n  ".join(cols)
    if not files:
        return f"SELECT\n  {select}\nWHERE false"
    file_list = ", ".join(_quote(str(f.resolve())) for f in files)
    current = ("\nWHERE article_id NOT IN (SELECT article_id FROM superseded_articles)"
               if spec.per_article and current_only else "")
    return f"SELECT\n  {select}\nFROM read_parquet([{file_list}], union_by_name = true){current}"


def _comment_sql(table: str) -> list[str]:
    spec = TABLES[table]
    out = [f'COMMENT ON VIEW "{table}" IS {_quote(spec.description)}']
    out += [f'COMMENT ON COLUMN "{table}"."{f}" IS {_quote(spec.describe(f))}' for f in spec.fields]
    return out


def sql_files() -> list[Path]:
    """Warehouse SQL run after the views: macros first, then helper views."""
    return sorted(WAREHOUSE_DIR.glob("[0-9]*.sql"))


# Read from the source_files ledger before the per-article views, which hide what it lists.
VERSIONS_SQL = WAREHOUSE_DIR / "versions.sql"


def superseded_articles(ledger: pa.Table) -> dict[str, str]:
    """article_id -> the article that superseded it, by versions.sql's rule, over source_files rows."""
    con = duckdb.connect()
    try:
        con.register("source_files", ledger)
        con.execute(VERSIONS_SQL.read_text(encoding="utf-8"))
        return dict(con.execute("SELECT article_id, superseded_by FROM superseded_articles").fetchall())
    finally:
        con.close()


def _create_views(con: duckdb.DuckDBPyConnection, lake: Lake, manifest: dict) -> None:
    """The ledger first, then which article versions are superseded, then every other table."""
    order = ["source_files"] + [t for t in TABLES if t != "source_files"]
    for table in order:
        con.execute(view_sql(table, lake.files(table, manifest)))
        for stmt in _comment_sql(table):
            con.execute(stmt)
        if table == "source_files":
            con.execute(VERSIONS_SQL.read_text(encoding="utf-8"))
    every_version = select_sql("articles", lake.files("articles", manifest), current_only=False)
    con.execute(f"CREATE OR REPLACE VIEW article_versions AS SELECT a.*, s.superseded_by FROM ({every_version}) a "
                "LEFT JOIN superseded_articles s USING (article_id)")
    con.execute("COMMENT ON VIEW article_versions IS 'Every stored version of every article: the articles columns "
                "plus superseded_by (the newer version of the same source; NULL for the current one).'")


def build_database(db_path: Path, lake: Lake) -> Path:
    """Write a fresh news.duckdb for the lake's current manifest and swap it in."""
    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = db_path.with_name(f".{db_path.name}.{uuid.uuid4().hex[:8]}.tmp")
    manifest = lake.manifest()
    try:
        con = duckdb.connect(str(tmp),
                             config={"storage_compatibility_version": STORAGE_COMPATIBILITY_VERSION})
        try:
            con.execute("BEGIN")
            _create_views(con, lake, manifest)
            for path in sql_files():
                con.execute(path.read_text(encoding="utf-8"))
            con.execute("COMMIT")
            con.execute("CHECKPOINT")
        finally:
            con.close()
        fault_point("database-build", db_path.parent)
        os.replace(tmp, db_path)
    finally:
        tmp.unlink(missing_ok=True)
        Path(str(tmp) + ".wal").unlink(missing_ok=True)
    return db_path


class DatabaseMissing(Exception):
    pass


def connect_readonly(db_path: Path, attempts: int = 20) -> duckdb.DuckDBPyConnection:
    """Open news.duckdb read-only and sandboxed; retry briefly if another process holds a write lock.

    `read_only` only protects the database file: DuckDB can still COPY to any file, read any
    file and change settings. So the connection may touch files inside the data folder only,
    loads no extensions, and its configuration is locked; `check_read_only` refuses the
    statements that write (COPY, ATTACH, SET, ...).
    """
    db_path = Path(db_path)
    if not db_path.exists():
        raise DatabaseMissing(
            f"no database at {db_path}: run `newsetl run --data {db_path.parent}` first "
            "(or pass the --data folder that holds news.duckdb)")
    for attempt in range(attempts):
        try:
            con = duckdb.connect(str(db_path), read_only=True)
            break
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower() or attempt == attempts - 1:
                raise
            time.sleep(0.1 * (attempt + 1))
    folders = sorted({str(db_path.parent.absolute()) + os.sep, str(db_path.parent.resolve()) + os.sep})
    con.execute(f"SET allowed_directories = [{', '.join(map(_quote, folders))}]")
    con.execute("SET enable_external_access = false")
    con.execute("SET autoinstall_known_extensions = false")
    con.execute("SET autoload_known_extensions = false")
    con.execute("SET lock_configuration = true")
    return con


# Statements that only read: DESCRIBE, SHOW, SUMMARIZE, FROM-first and VALUES parse as SELECT.
READ_ONLY_STATEMENTS = {"SELECT", "EXPLAIN"}


class StatementRefused(Exception):
    pass


def check_read_only(sql: str) -> None:
    """Refuse any statement that could write or reconfigure (COPY, ATTACH, SET, INSTALL, ...).

    A syntax error is left for DuckDB to report when the query runs.
    """
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error:
        return
    for statement in statements:
        kind = statement.type.name
        if kind not in READ_ONLY_STATEMENTS:
            raise StatementRefused(
                f"{kind} statements are refused: newsetl sql only reads (SELECT, WITH, FROM, DESCRIBE, SHOW, "
                "SUMMARIZE, EXPLAIN). To save a result, use --format csv or json and redirect the output.")


def list_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [r[0] for r in con.execute(
        "select table_name from information_schema.tables where table_schema = 'main' order by 1").fetchall()]
