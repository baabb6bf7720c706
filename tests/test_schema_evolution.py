"""A data folder written by an older schema (a column fewer) still reads, and new runs add the column."""

from __future__ import annotations

import shutil

import duckdb
import pyarrow.parquet as pq
import pytest

from runtime.lake import Lake
from tests.conftest import EXAMPLE_INBOX

pytestmark = pytest.mark.e2e


def test_old_parts_without_a_column_read_and_new_runs_write_it(newsetl, tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    shutil.copytree(EXAMPLE_INBOX / "norsk", first)
    shutil.copytree(EXAMPLE_INBOX / "deutsch", second)
    data = tmp_path / "data"
    assert newsetl("run", "--input", str(first), "--data", str(data)).returncode == 0
    # make the stored articles look like an older version's: no translation_model, no encoding
    lake = Lake(data / "lake")
    [old] = lake.files("articles")
    table = pq.read_table(old)
    pq.write_table(table.drop_columns(["translation_model", "encoding"]), old)
    assert "encoding" not in pq.read_schema(old).names

    out = newsetl("run", "--input", str(second), "--data", str(data))
    assert out.returncode == 0, out.stdout + out.stderr
    con = duckdb.connect(str(data / "news.duckdb"), read_only=True)
    rows = con.execute("select lang, encoding from articles order by lang").fetchall()
    assert rows == [("de", "utf-8"), ("nb", None), ("nb", None)]
    assert con.execute("select data_type from information_schema.columns where table_name = 'articles' "
                       "and column_name = 'encoding'").fetchone() == ("VARCHAR",)
    new = [f for f in Lake(data / "lake").files("articles") if f != old]
    assert new and all("encoding" in pq.read_schema(f).names for f in new)
