"""User-facing failures of `newsetl run`: one or two lines that say what happened and what to do.

A full disk is a real one: a small tmpfs, filled at a named point of the run by the fault
hook (`NEWSETL_FAULT_AT=<point>:disk-full`), so every later write fails with ENOSPC.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess

import pytest

from runtime.faults import BALLAST

pytestmark = pytest.mark.e2e

ARTICLE = ("Storm closes Norwegian ferry routes\n\n"
           "A storm closed ferry routes along the Norwegian coast on Sunday, the Norwegian Meteorological "
           "Institute said. Winds reached 30 metres per second.\n")


@pytest.fixture
def inbox(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "storm.txt").write_text(ARTICLE, encoding="utf-8")
    return folder


@pytest.fixture
def small_disk(tmp_path):
    """A 96 MB file system of its own (a tmpfs: needs root, as CI is)."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small file system needs root")
    mount = tmp_path / "disk"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=96m", "tmpfs", str(mount)], check=True)
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_data_that_is_a_file(newsetl, tmp_path, inbox):
    target = tmp_path / "afile"
    target.write_text("x")
    out = newsetl("run", "--input", str(inbox), "--data", str(target))
    assert out.returncode == 2
    assert out.stderr == (f"error: --data {target} is a file, not a folder. Pass a folder (it is created if missing), "
                          "e.g. --data ./data.\n")


def test_data_that_cannot_be_created(newsetl, tmp_path, inbox):
    (tmp_path / "afile").write_text("x")
    target = tmp_path / "afile" / "data"
    out = newsetl("run", "--input", str(inbox), "--data", str(target))
    assert out.returncode == 2
    assert out.stderr == (f"error: cannot create the data folder {target}: Not a directory. Pass a folder you can "
                          "write with --data.\n")


def test_a_prefect_home_that_cannot_be_created(newsetl, tmp_path, inbox):
    (tmp_path / "afile").write_text("x")
    home = tmp_path / "afile" / "prefect"
    out = newsetl("run", "--input", str(inbox), "--data", str(tmp_path / "data"), env={"PREFECT_HOME": str(home)})
    assert out.returncode == 2
    assert out.stderr == (f"error: cannot create PREFECT_HOME {home}: Not a directory. Point PREFECT_HOME at a folder "
                          "you can write, or unset it to keep Prefect's files in the data folder.\n")


def test_a_prefect_server_that_cannot_open_its_database(newsetl, tmp_path, inbox):
    """The server's traceback stays out of stderr; its last exception line says why (the -v log has it all)."""
    (tmp_path / "afile").write_text("x")
    url = f"sqlite+aiosqlite:///{tmp_path / 'afile' / 'prefect.db'}"
    out = newsetl("run", "--input", str(inbox), "--data", str(tmp_path / "data"), "--no-translate",
                  env={"PREFECT_API_DATABASE_CONNECTION_URL": url})
    assert out.returncode == 1
    assert out.stderr == ("error: Prefect's embedded API did not start (it stopped with code 3: "
                          "sqlalchemy.exc.OperationalError: (sqlite3.OperationalError) unable to open database file); "
                          "its database is the one PREFECT_API_DATABASE_CONNECTION_URL names. Run again with -v to "
                          "see Prefect's own log.\n")
    verbose = newsetl("run", "--input", str(inbox), "--data", str(tmp_path / "data"), "--no-translate", "-v",
                      env={"PREFECT_API_DATABASE_CONNECTION_URL": url})
    assert "Traceback (most recent call last)" in verbose.stderr
    assert verbose.stderr.endswith("Run again with -v to see Prefect's own log.\n")


def test_a_full_disk_before_the_run_changes_nothing(newsetl, small_disk, inbox):
    (small_disk / "filler").write_bytes(b"\0" * (90 * 1024 * 1024))
    data = small_disk / "data"
    out = newsetl("run", "--input", str(inbox), "--data", str(data), env={"PREFECT_HOME": str(data / "prefect")})
    assert out.returncode == 1
    free = shutil.disk_usage(small_disk).free / 1e6
    assert out.stderr == (f"error: the disk holding {data} is full ({free:.0f} MB free, a run needs at least 20 MB); "
                          "free some space and run again. Nothing was changed.\n")
    assert not (data / "lake").exists()


def test_a_disk_that_fills_during_the_run(newsetl, small_disk, inbox):
    """Prefect's home on the full disk too: no flood of log lines, the truth in two."""
    data = small_disk / "data"
    out = newsetl("run", "--input", str(inbox), "--data", str(data), "--no-translate",
                  env={"PREFECT_HOME": str(data / "prefect"), "NEWSETL_FAULT_AT": "after-ingest:disk-full"})
    assert out.returncode == 1
    assert out.stderr == (f"error: the run failed: the disk holding {data} is full (no space left on device); free "
                          f"some space.\nNothing of this run is visible in {data / 'news.duckdb'}; fix the cause and "
                          "run again.\n")
    assert not (data / "lake" / "_manifest.json").exists()
    assert not (data / "news.duckdb").exists()


def test_a_failure_after_the_commit_says_the_data_is_in(newsetl, small_disk, inbox):
    data = small_disk / "data"
    out = newsetl("run", "--input", str(inbox), "--data", str(data), "--no-translate",
                  env={"NEWSETL_FAULT_AT": "after-commit:disk-full"})
    assert out.returncode == 4
    # exact but for the text of the exception, which names a file of the database (DuckDB's or the OS's wording)
    assert re.fullmatch(r"error: the run failed after its commit: this run's data is committed to the lake, but "
                        r"news\.duckdb was not rebuilt \((OSError|IOException): [^\n]*(No space left on device|disk "
                        r"is full)[^\n]*\)\. Fix the cause and run again: the next run adds nothing twice and "
                        r"rebuilds the database\.\n", out.stderr), out.stderr
    manifest = json.loads((data / "lake" / "_manifest.json").read_text())
    assert len(manifest["tables"]["articles"]) == 1
    # space again: the next run adds nothing and brings the database up to date
    (data / BALLAST).unlink()
    again = newsetl("run", "--input", str(inbox), "--data", str(data), "--no-translate")
    assert again.returncode == 0, again.stderr
    query = newsetl("sql", "select count(*) as n from articles", "--data", str(data), "--format", "csv")
    assert query.stdout == "n\n1\n"


@pytest.mark.parametrize("command", [["models", "list"], ["server", "--check"]])
def test_every_command_that_uses_the_data_folder_says_when_it_is_a_file(newsetl, tmp_path, command):
    target = tmp_path / "afile"
    target.write_text("x")
    out = newsetl(*command, "--data", str(target))
    assert out.returncode == 2
    assert out.stderr == (f"error: --data {target} is a file, not a folder. Pass a folder (it is created if missing), "
                          "e.g. --data ./data.\n")


def test_bench_generate_into_a_folder_that_cannot_be_made(newsetl, tmp_path):
    (tmp_path / "afile").write_text("x")
    out = newsetl("bench", "generate", "5", "--out", str(tmp_path / "afile" / "inbox"))
    assert out.returncode == 1
    assert out.stderr == (f"error: cannot write the inbox {tmp_path / 'afile' / 'inbox'}: Not a directory. Pass --out a "
                          "folder you can write.\n")
