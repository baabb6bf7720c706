"""The tables a `newsetl run --no-translate` produces, as small, stable JSON snapshots.

Used by tests/test_snapshot.py and tools/write_snapshots.py. What varies from run to run is
dropped (run ids, timestamps, durations, Prefect's run name) or normalised (the absolute input
folder becomes "<input>"); long texts become their SHA-256 and length, so a snapshot stays
small and still changes when a single character does. Rows are sorted.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

from schemas import TABLES

REPO = Path(__file__).resolve().parents[1]
SNAPSHOTS = REPO / "tests" / "data" / "snapshots"
NEWSETL = Path(sys.executable).with_name("newsetl")
# snapshot name -> input folder
INBOXES = {"examples_inbox": REPO / "examples" / "inbox",
           "seeds": (REPO / ".." / "shared" / "seeds").resolve()}

# differ from run to run: not part of what a run produces
VOLATILE = {"run_id", "ingested_at", "detected_at", "started_at", "finished_at", "stage_seconds", "flow_run_name"}
# long texts: kept as their digest
DIGESTED = {"text_raw", "text_clean", "text_en"}


def run_pipeline(inbox: Path, data: Path, prefect_home: Path | None = None) -> subprocess.CompletedProcess:
    """`newsetl run --no-translate` over `inbox` into `data`, in a subprocess (the code of this checkout)."""
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": os.pathsep.join(
        [str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])])}
    env.pop("PREFECT_API_URL", None)
    if prefect_home is not None:
        env["PREFECT_HOME"] = str(prefect_home)
    return subprocess.run([str(NEWSETL), "run", "--input", str(inbox), "--data", str(data), "--no-translate",
                           "--workers", "2"], capture_output=True, text=True, timeout=600, env=env, cwd=REPO,
                          stdin=subprocess.DEVNULL)


def _value(column: str, value, inbox: Path):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if column == "input_root" and value is not None:
        return "<input>" if Path(value) == Path(inbox).resolve() else value
    if column in DIGESTED and value is not None:
        return f"sha256:{hashlib.sha256(value.encode()).hexdigest()[:16]} chars:{len(value)}"
    if isinstance(value, float):
        return round(value, 6)
    return value


def snapshot(data: Path, inbox: Path) -> dict[str, list[dict]]:
    """Every table of the data folder's lake, normalised and sorted."""
    from runtime.lake import Lake

    lake = Lake(Path(data) / "lake")
    out = {}
    for table, spec in TABLES.items():
        columns = [c for c in spec.fields if c not in VOLATILE]
        rows = [{c: _value(c, r[c], inbox) for c in columns} for r in lake.read(table, columns=columns).to_pylist()]
        out[table] = sorted(rows, key=lambda r: json.dumps(r, sort_keys=True, ensure_ascii=False))
    return out


def path(name: str, table: str) -> Path:
    return SNAPSHOTS / name / f"{table}.json"


def dump(rows: list[dict]) -> str:
    """One row per line: a changed row is a one-line diff."""
    return "[\n" + ",\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + ("\n" if rows else "") + "]\n"
