"""Two `newsetl run` processes on the same inbox and data folder at once."""

from __future__ import annotations

import os
import shutil
import subprocess
import threading

import duckdb
import pytest

from tests.conftest import EXAMPLE_INBOX, NEWSETL

pytestmark = pytest.mark.e2e


def test_two_cli_runs_at_once_store_each_article_once(tmp_path, prefect_home):
    """Both runs are started while the folder's lock is held, so both really overlap whatever their start-up
    times; once it is released, one stores the articles and the other waits for it, then finds nothing new."""
    from filelock import FileLock

    inbox = tmp_path / "inbox"
    shutil.copytree(EXAMPLE_INBOX, inbox)
    data = tmp_path / "data"
    data.mkdir()
    env = {**os.environ, "PREFECT_HOME": str(prefect_home), "NO_COLOR": "1", "COLUMNS": "200"}
    env.pop("PREFECT_API_URL", None)
    outputs: list[list[str]] = [[], []]
    both_wait = threading.Barrier(3)

    def read(proc: subprocess.Popen, lines: list[str]) -> None:
        told = False
        for line in proc.stdout:
            lines.append(line)
            if not told and "another newsetl run holds" in line and "waiting up to" in line:
                told = True
                both_wait.wait(timeout=300)
        if not told:
            both_wait.abort()

    with FileLock(str(data / ".newsetl.lock")):
        procs = [subprocess.Popen([str(NEWSETL), "run", "--input", str(inbox), "--data", str(data)], env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                  stdin=subprocess.DEVNULL) for _ in range(2)]
        readers = [threading.Thread(target=read, args=(p, lines)) for p, lines in zip(procs, outputs)]
        for reader in readers:
            reader.start()
        try:
            both_wait.wait(timeout=300)
        except threading.BrokenBarrierError:
            pass
    for proc in procs:
        proc.wait(timeout=300)
    for reader in readers:
        reader.join(timeout=60)
    texts = ["".join(lines) for lines in outputs]
    assert [p.returncode for p in procs] == [0, 0], texts
    assert all("another newsetl run holds" in t and "waiting up to" in t for t in texts), texts
    con = duckdb.connect(str(data / "news.duckdb"), read_only=True)
    assert con.execute("select count(*), count(distinct article_id) from articles").fetchone() == (18, 18)
    assert con.execute("select count(*) from source_files").fetchone() == (23,)
    assert sorted(r[0] for r in con.execute("select articles_new from runs").fetchall()) == [0, 18]


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
