"""Prefect's temporary API server for `newsetl run`, started first and watched.

With no PREFECT_API_URL, `newsetl run` needs a Prefect API for the length of the run. Prefect's own
ephemeral mode imports the whole server in the run's process (about 5 s) before starting it in a child
(about 7 s, more on a new database). Here the child is launched the way Prefect launches it (uvicorn on
`prefect.server.api.server:create_app`, UI off) before anything imports Prefect, and PREFECT_API_URL points
the run at it: the server boots while the run imports the flow and reads its rules, and the run's process
never imports the server. It is stopped at exit; a `kill -9` of the run skips that, so a tiny watchdog
process, holding the read end of a pipe whose write end only this process has, sees end-of-file when this
process dies by any means and stops the server.
"""

from __future__ import annotations

import atexit
import importlib.util
import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

_WATCHDOG = """
import os, signal, sys
sys.stdin.buffer.read()          # returns when the newsetl process has died (or exited)
try:
    os.kill(int(sys.argv[1]), signal.SIGTERM)
except ProcessLookupError:
    pass
"""

PORT_TAKEN = 3  # uvicorn's exit code when its port was taken meanwhile


@dataclass
class EphemeralApi:
    process: subprocess.Popen
    url: str
    watchdog: subprocess.Popen

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.watchdog.poll() is None:
            self.watchdog.kill()
            self.watchdog.wait()

    def wait_ready(self, timeout: float | None = None) -> None:
        """Return once /health answers; RuntimeError when the server exits or stays silent."""
        timeout = timeout or float(os.environ.get("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90"))
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            code = self.process.poll()
            if code is not None:
                why = "its port was taken meanwhile" if code == PORT_TAKEN else f"it exited with code {code}"
                raise RuntimeError(f"{why}; run again")
            try:
                with urllib.request.urlopen(self.url + "/health", timeout=2) as resp:
                    if resp.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.05)
        raise RuntimeError(f"it did not answer on {self.url} within {timeout:.0f} s")


def launch_ephemeral_api() -> EphemeralApi | None:
    """Start the temporary server and point PREFECT_API_URL at it; None when a server is configured.

    Call before Prefect is imported: Prefect reads its settings from the environment at import."""
    if os.environ.get("PREFECT_API_URL"):
        return None
    port = _free_port()
    url = f"http://127.0.0.1:{port}/api"
    prefect_dir = Path(importlib.util.find_spec("prefect").submodule_search_locations[0])
    env = {**os.environ, "PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--app-dir", str(prefect_dir.parent), "--factory",
         "prefect.server.api.server:create_app", "--host", "127.0.0.1", "--port", str(port),
         "--log-level", "error", "--lifespan", "on"], env=env, stdin=subprocess.DEVNULL)
    watchdog = subprocess.Popen([sys.executable, "-c", _WATCHDOG, str(process.pid)], stdin=subprocess.PIPE,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    api = EphemeralApi(process, url, watchdog)
    atexit.register(api.stop)
    os.environ["PREFECT_API_URL"] = url
    return api


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
