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


def _database_at(path, revision):
    with sqlite3.connect(path) as con:
        con.execute("create table alembic_version (version_num varchar(32) not null)")
        con.execute("insert into alembic_version values (?)", (revision,))
    con.close()
    return path


@pytest.mark.parametrize("revision,skips", [("a3b9c7d2e5f1", True), ("0000older000", False)])
def test_migrations_are_skipped_only_for_a_database_at_the_kept_one_s_revision(tmp_path, monkeypatch, revision,
                                                                                 skips):
    from runtime import ephemeral

    monkeypatch.setenv("NEWSETL_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "cache").mkdir()
    _database_at(ephemeral._empty_database(), "a3b9c7d2e5f1")
    assert ephemeral._up_to_date(_database_at(tmp_path / "prefect.db", revision)) is skips
    assert ephemeral._up_to_date(tmp_path / "missing.db") is False  # a new database is always migrated


def test_no_kept_database_means_migrations_run(tmp_path, monkeypatch):
    from runtime import ephemeral

    monkeypatch.setenv("NEWSETL_CACHE_DIR", str(tmp_path / "cache"))
    assert ephemeral._up_to_date(_database_at(tmp_path / "prefect.db", "a3b9c7d2e5f1")) is False


def test_a_database_at_the_kept_revision_boots_without_migrations_or_block_registration(tmp_path, monkeypatch):
    from runtime import ephemeral

    monkeypatch.setenv("NEWSETL_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "cache").mkdir()
    _database_at(ephemeral._empty_database(), "a3b9c7d2e5f1")
    for name in ("PREFECT_API_DATABASE_MIGRATE_ON_START", "PREFECT_API_BLOCKS_REGISTER_ON_START",
                 "PREFECT_SERVER_ANALYTICS_ENABLED"):
        monkeypatch.delenv(name, raising=False)
    current = ephemeral._server_env(_database_at(tmp_path / "current.db", "a3b9c7d2e5f1"))
    assert (current["PREFECT_API_DATABASE_MIGRATE_ON_START"], current["PREFECT_API_BLOCKS_REGISTER_ON_START"],
            current["PREFECT_SERVER_ANALYTICS_ENABLED"], current["PREFECT_UI_ENABLED"]) == ("false", "false", "false", "0")
    older = ephemeral._server_env(_database_at(tmp_path / "older.db", "0000older000"))
    assert "PREFECT_API_DATABASE_MIGRATE_ON_START" not in older and "PREFECT_API_BLOCKS_REGISTER_ON_START" not in older
    monkeypatch.setenv("PREFECT_SERVER_ANALYTICS_ENABLED", "true")  # a user's own setting wins
    assert ephemeral._server_env(None)["PREFECT_SERVER_ANALYTICS_ENABLED"] == "true"
