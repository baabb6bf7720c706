"""Prefect's ephemeral API server for `newsetl run`, with a watchdog.

With no PREFECT_API_URL, Prefect starts a temporary API server in a child process and
stops it at exit. A `kill -9` of the run skips that, and the child would live on. A tiny
watchdog process, holding the read end of a pipe whose write end only this process has,
sees end-of-file when this process dies by any means and stops the server.
"""

from __future__ import annotations

import os
import subprocess
import sys

_WATCHDOG = """
import os, signal, sys
sys.stdin.buffer.read()          # returns when the newsetl process has died (or exited)
try:
    os.kill(int(sys.argv[1]), signal.SIGTERM)
except ProcessLookupError:
    pass
"""

_watchdogs: list[subprocess.Popen] = []


def start_ephemeral_api() -> str | None:
    """Start the temporary server now (not lazily mid-flow); returns its API URL, or None with a real server."""
    if os.environ.get("PREFECT_API_URL"):
        return None
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()
    server.start()
    if server.server_process is not None:
        _watchdogs.append(subprocess.Popen([sys.executable, "-c", _WATCHDOG, str(server.server_process.pid)],
                                           stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                           stderr=subprocess.DEVNULL, start_new_session=True))
    return server.api_url
