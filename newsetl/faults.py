"""Fault injection for the crash-safety tests.

`NEWSETL_FAULT_AT=<point>` makes the process kill itself with SIGKILL when it reaches that
point, exactly like a power cut or `kill -9` there. Unset (always, outside tests) it does nothing.
Points: after-ingest, after-stage, before-commit, after-commit, database-build.
"""

from __future__ import annotations

import os
import signal

POINTS = ("after-ingest", "after-stage", "before-commit", "after-commit", "database-build")


def fault_point(name: str) -> None:
    if os.environ.get("NEWSETL_FAULT_AT") == name:
        os.kill(os.getpid(), signal.SIGKILL)
