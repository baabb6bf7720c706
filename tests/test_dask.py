"""Scale-out: the same flow on a local Dask cluster (2 worker processes) gives the same tables."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import EXAMPLE_INBOX, table_snapshot

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def test_dask_run_equals_local_run(newsetl, tmp_path, seeds_dir):
    inbox = tmp_path / "inbox"
    shutil.copytree(EXAMPLE_INBOX, inbox)
    shutil.copytree(seeds_dir, inbox / "seeds", ignore=shutil.ignore_patterns("*.json"))
    local = newsetl("run", "--input", str(inbox), "--data", str(tmp_path / "local"), "--batch-size", "5")
    assert local.returncode == 0, local.stdout + local.stderr
    dask = newsetl("run", "--input", str(inbox), "--data", str(tmp_path / "dask"), "--batch-size", "5",
                   "--executor", "dask", "--workers", "2")
    assert dask.returncode == 0, dask.stdout + dask.stderr
    a, b = table_snapshot(tmp_path / "local"), table_snapshot(tmp_path / "dask")
    assert a["articles"] and a["entities"]
    for table in a:
        assert a[table] == b[table], f"{table} differs between the local and the Dask run"


def test_scheduler_needs_the_dask_executor(newsetl, tmp_path):
    out = newsetl("run", "--data", str(tmp_path), "--scheduler", "tcp://127.0.0.1:1")
    assert out.returncode == 2 and "--scheduler needs --executor dask" in out.stderr
