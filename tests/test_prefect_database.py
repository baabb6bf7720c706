"""A new data folder's Prefect database starts from a migrated empty copy kept by an earlier run."""

from __future__ import annotations

import shutil
import sqlite3
from importlib.metadata import version

import pytest

from tests.conftest import EXAMPLE_INBOX

pytestmark = pytest.mark.e2e


def _first_block_type(database) -> str:
    with sqlite3.connect(database) as con:
        return con.execute("select id from block_type order by created, id limit 1").fetchone()[0]


def test_the_second_new_folder_starts_from_the_first_one_s_empty_database(newsetl, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(sorted(EXAMPLE_INBOX.rglob("*.txt"))[0], inbox)
    cache = tmp_path / "cache"
    template = cache / f"prefect-{version('prefect')}-empty.db"
    homes = {}
    for name in ("first", "second"):
        homes[name] = tmp_path / name / "prefect"
        out = newsetl("run", "--input", str(inbox), "--data", str(tmp_path / name), "--no-translate",
                      env={"PREFECT_HOME": str(homes[name]), "NEWSETL_CACHE_DIR": str(cache)})
        assert out.returncode == 0, out.stdout + out.stderr
        assert "new articles            │ 1" in out.stdout
        assert template.exists()  # kept by the first run, as soon as its server had migrated the database
    with sqlite3.connect(template) as con:
        assert con.execute("select count(*) from flow_run").fetchone() == (0,)  # empty: no run of the first
    for name in ("first", "second"):
        with sqlite3.connect(homes[name] / "prefect.db") as con:
            assert con.execute("select count(*) from flow_run").fetchone() == (1,)
    # the second database is a copy (Prefect registered its block types once, in the first)
    assert _first_block_type(homes["second"] / "prefect.db") == _first_block_type(template) \
        == _first_block_type(homes["first"] / "prefect.db")
    assert not list(cache.glob("*.tmp")) and not list(homes["second"].glob("*.copying"))
