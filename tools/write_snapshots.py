"""Writes tests/data/snapshots/<inbox>/<table>.json: the tables `newsetl run --no-translate` produces.

tests/test_snapshot.py compares every run against these files, so a change of behaviour
shows up as a diff. After an intended change, regenerate and review the diff:

    .venv/bin/python tools/write_snapshots.py && git diff tests/data/snapshots
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.snapshots import INBOXES, dump, path, run_pipeline, snapshot  # noqa: E402


def main() -> None:
    for name, inbox in INBOXES.items():
        if not inbox.is_dir():
            print(f"skipped {name}: {inbox} is missing", file=sys.stderr)
            continue
        with tempfile.TemporaryDirectory(prefix="newsetl-snapshot-") as tmp:
            out = run_pipeline(inbox, Path(tmp) / "data", Path(tmp) / "prefect")
            if out.returncode != 0:
                sys.exit(f"newsetl run over {inbox} failed:\n{out.stdout}\n{out.stderr}")
            tables = snapshot(Path(tmp) / "data", inbox)
        for table, rows in tables.items():
            target = path(name, table)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(dump(rows), encoding="utf-8")
        print(f"{name}: " + ", ".join(f"{t} {len(r)}" for t, r in tables.items()))


if __name__ == "__main__":
    main()
