"""Fault injection for the crash-safety tests.

`NEWSETL_FAULT_AT=<point>` makes the process kill itself with SIGKILL when it reaches that
point, exactly like a power cut or `kill -9` there. `NEWSETL_FAULT_AT=<point>:disk-full` instead
fills the disk holding the data folder there (a ballast file written until the file system
says no space is left), so every later write fails as on a real full disk. Unset (always,
outside tests) it does nothing.
Points: after-ingest, after-stage, before-commit, after-commit, database-build.
"""

from __future__ import annotations

import os
import signal

POINTS = ("after-ingest", "after-stage", "before-commit", "after-commit", "database-build")


BALLAST = "ballast.fill"


def fault_point(name: str, data_dir: str | os.PathLike | None = None) -> None:
    at = os.environ.get("NEWSETL_FAULT_AT")
    if at == name:
        os.kill(os.getpid(), signal.SIGKILL)
    if at == f"{name}:disk-full" and data_dir is not None:
        _fill_disk(os.path.join(data_dir, BALLAST))


def _fill_disk(path: str) -> None:
    chunk = b"\0" * (1 << 20)
    try:
        with open(path, "ab") as fh:
            while True:
                fh.write(chunk)
                fh.flush()
    except OSError:
        pass
