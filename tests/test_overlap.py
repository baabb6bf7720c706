"""Two `newsetl run` processes on the same inbox and data folder at once."""

from __future__ import annotations

import os
import shutil
import subprocess

import duckdb
import pytest

from tests.conftest import EXAMPLE_INBOX, NEWSETL

pytestmark = pytest.mark.e2e


def test_two_cli_runs_at_once_store_each_article_once(tmp_path, prefect_home):
    inbox = tmp_path / "inbox"
    shutil.copytree(EXAMPLE_INBOX, inbox)
    data = tmp_path / "data"
    env = {**os.environ, "PREFECT_HOME": str(prefect_home), "NO_COLOR": "1", "COLUMNS": "200"}
    env.pop("PREFECT_API_URL", None)
    procs = [subprocess.Popen([str(NEWSETL), "run", "--input", str(inbox), "--data", str(data)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, stdin=subprocess.DEVNULL)
             for _ in range(2)]
    outputs = [p.communicate(timeout=300)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    con = duckdb.connect(str(data / "news.duckdb"), read_only=True)
    assert con.execute("select count(*), count(distinct article_id) from articles").fetchone() == (18, 18)
    assert con.execute("select count(*) from source_files").fetchone() == (23,)
    assert sorted(r[0] for r in con.execute("select articles_new from runs").fetchall()) == [0, 18]
    waited = [o for o in outputs if "another newsetl run holds" in o and "waiting up to" in o]
    assert len(waited) == 1, "the second run should say it waits for the first"


def test_second_run_gives_up_after_wait_with_exit_code_3(tmp_path, prefect_home):
    from filelock import FileLock

    data = tmp_path / "data"
    data.mkdir()
    env = {**os.environ, "PREFECT_HOME": str(prefect_home), "NO_COLOR": "1"}
    env.pop("PREFECT_API_URL", None)
    with FileLock(str(data / ".newsetl.lock")):
        out = subprocess.run([str(NEWSETL), "run", "--input", str(EXAMPLE_INBOX), "--data", str(data), "--wait", "1"],
                             env=env, capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)
    assert out.returncode == 3
    assert "another newsetl run is still using" in out.stderr and "this run did nothing" in out.stderr
