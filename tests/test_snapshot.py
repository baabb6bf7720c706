"""No behaviour change: the tables a run produces equal the committed snapshots.

`newsetl run --no-translate` runs over examples/inbox and over the seeds (../shared/seeds beside
the clone); every table of the lake, normalised by tests/snapshots.py (run ids, timestamps,
durations and Prefect's run name dropped, the absolute input folder written "<input>", long
texts as their SHA-256 and length, rows sorted), must equal tests/data/snapshots/<inbox>/<table>.json.

After an intended change of behaviour, regenerate the snapshots and review the diff before committing:

    .venv/bin/python tools/write_snapshots.py && git diff tests/data/snapshots
"""

from __future__ import annotations

import json

import pytest

from schemas import TABLES
from tests.snapshots import INBOXES, dump, path, run_pipeline, snapshot

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("name", list(INBOXES))
def test_tables_equal_the_snapshot(name, tmp_path, prefect_home):
    inbox = INBOXES[name]
    if not inbox.is_dir():
        pytest.skip(f"{inbox} is missing (../shared/seeds beside the clone): no {name} snapshot to compare")
    out = run_pipeline(inbox, tmp_path / "data", prefect_home)
    assert out.returncode == 0, out.stderr
    tables = snapshot(tmp_path / "data", inbox)
    assert set(tables) == set(TABLES)
    for table, rows in tables.items():
        expected = json.loads(path(name, table).read_text(encoding="utf-8"))
        # compare the serialised form: what the file would hold if regenerated now
        assert json.loads(dump(rows)) == expected, (
            f"{name}/{table} differs from its snapshot; if the change is intended, run tools/write_snapshots.py "
            "and review `git diff tests/data/snapshots`")
