"""Prefect's temporary API server for `newsetl run`, started first and watched.

With no PREFECT_API_URL, `newsetl run` needs a Prefect API for the length of the run. Prefect's own
ephemeral mode imports the whole server in the run's process (about 5 s) before starting it in a child
(about 7 s, more on a new database). Here the child is launched the way Prefect launches it (uvicorn on
`prefect.server.api.server:create_app`, UI off) before anything imports Prefect, and PREFECT_API_URL points
the run at it: the server boots while the run imports the flow and reads its rules, and the run's process
never imports the server. It is stopped at exit; a `kill -9` of the run skips that, so a tiny watchdog
process, holding the read end of a pipe whose write end only this process has, sees end-of-file when this
process dies by any means and stops the server. The server's own log (its services report a full disk or a
locked database there) is shown only with `newsetl run -v`; otherwise it is drained and dropped, so that a run's
stderr holds newsetl's message alone.

A new data folder means a new Prefect database, which Prefect migrates through its whole history first (about
9 s). The first run anywhere keeps a snapshot of its freshly migrated, still empty database in the compiled cache
(per Prefect version); a run in a new data folder starts from a copy of it. A database at that copy's Alembic
revision is started without Prefect's migration check (about a second).
"""

from __future__ import annotations

import atexit
import collections
import importlib.util
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from runtime.compiled import cache_dir

_WATCHDOG = """
import os, signal, sys, time
sys.stdin.buffer.read()          # returns when the newsetl process has died (or exited)
pid = int(sys.argv[1])
try:
    os.kill(pid, signal.SIGTERM)
    for _ in range(50):          # a server still booting or shutting down its services: 5 s, then SIGKILL
        time.sleep(0.1)
        os.kill(pid, 0)
    os.kill(pid, signal.SIGKILL)
except ProcessLookupError:
    pass
"""

LOG_TAIL_LINES = 60


class ServerDidNotStart(RuntimeError):
    """The temporary server exited or stayed silent; the message says why in one line."""


@dataclass
class EphemeralApi:
    process: subprocess.Popen
    url: str
    watchdog: subprocess.Popen
    database: Path | None = None  # None when a database URL is configured
    new_database: bool = False  # migrated from scratch by this server: snapshot it once it answers
    log_tail: collections.deque | None = None  # the server's last log lines, unless they go to the terminal
    drain: threading.Thread | None = None  # the thread that fills log_tail

    def where_the_database_is(self) -> str:
        if self.database is None:
            return "its database is the one PREFECT_API_DATABASE_CONNECTION_URL names"
        return f"its database is {self.database}"

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
        """Return once /health answers; ServerDidNotStart when the server exits or stays silent."""
        timeout = timeout or float(os.environ.get("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90"))
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            code = self.process.poll()
            if code is not None:
                raise ServerDidNotStart(self._why_it_stopped(code))
            try:
                with urllib.request.urlopen(self.url + "/health", timeout=2) as resp:
                    if resp.status == 200:
                        if self.new_database:
                            _keep_empty_database(self.database)
                        return
            except OSError:
                pass
            time.sleep(0.05)
        raise ServerDidNotStart(f"it did not answer on {self.url} within {timeout:.0f} s")

    def _why_it_stopped(self, code: int) -> str:
        """The server's own reason in one line: its last exception, from the log tail."""
        self.process.wait()
        if self.drain is not None:
            self.drain.join(timeout=2)  # the pipe is at end of file: the last lines are in
        lines = [line.strip() for line in (self.log_tail or ())]
        if any("address already in use" in line.lower() for line in lines):
            return "its port was taken meanwhile; run again"
        errors = [line for line in lines if _EXCEPTION_LINE.match(line)]
        return f"it stopped with code {code}: {errors[-1]}" if errors else f"it stopped with code {code}"


def launch_ephemeral_api(show_log: bool = False) -> EphemeralApi | None:
    """Start the temporary server and point PREFECT_API_URL at it; None when a server is configured.

    Call before Prefect is imported: Prefect reads its settings from the environment at import."""
    if os.environ.get("PREFECT_API_URL"):
        return None
    database = _database_path()
    new_database = database is not None and not database.exists() and not _copy_empty_database(database)
    port = _free_port()
    url = f"http://127.0.0.1:{port}/api"
    prefect_dir = Path(importlib.util.find_spec("prefect").submodule_search_locations[0])
    env = _server_env(database)
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--app-dir", str(prefect_dir.parent), "--factory",
         "prefect.server.api.server:create_app", "--host", "127.0.0.1", "--port", str(port),
         "--log-level", "error", "--lifespan", "on"], env=env, stdin=subprocess.DEVNULL,
        stdout=None if show_log else subprocess.PIPE, stderr=None if show_log else subprocess.STDOUT)
    log_tail = drain = None
    if not show_log:  # keep reading, or the server would block on a full pipe
        log_tail = collections.deque(maxlen=LOG_TAIL_LINES)
        drain = threading.Thread(target=_drain, args=(process.stdout, log_tail), daemon=True)
        drain.start()
    watchdog = subprocess.Popen([sys.executable, "-c", _WATCHDOG, str(process.pid)], stdin=subprocess.PIPE,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    api = EphemeralApi(process, url, watchdog, database, new_database, log_tail, drain)
    atexit.register(api.stop)
    os.environ["PREFECT_API_URL"] = url
    return api


_EXCEPTION_LINE = re.compile(r"^[A-Za-z_][\w.]*(Error|Exception|Exit)\b.*")


def _drain(stream, tail: collections.deque) -> None:
    for raw in iter(stream.readline, b""):
        tail.append(raw.decode("utf-8", "replace").rstrip())


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _server_env(database: Path | None) -> dict[str, str]:
    """The server's environment: no UI; no migration check and no block registration on a database already at the
    kept empty database's revision (it has both: about 1.4 s of a boot the run waits for); no telemetry heartbeat.
    A user's own settings win."""
    env = {**os.environ, "PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"}
    if database is not None and "PREFECT_API_DATABASE_MIGRATE_ON_START" not in env and _up_to_date(database):
        env["PREFECT_API_DATABASE_MIGRATE_ON_START"] = "false"
        env.setdefault("PREFECT_API_BLOCKS_REGISTER_ON_START", "false")
    env.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    return env


def _database_path() -> Path | None:
    """Prefect's SQLite file under PREFECT_HOME; None when a database URL is configured."""
    if any(os.environ.get(f"PREFECT_{k}_DATABASE_CONNECTION_URL") for k in ("API", "SERVER")):
        return None
    return Path(os.environ.get("PREFECT_HOME", "~/.prefect")).expanduser() / "prefect.db"


def _empty_database() -> Path:
    return cache_dir() / f"prefect-{version('prefect')}-empty.db"


def _copy_empty_database(database: Path) -> bool:
    """Start a new Prefect home from the migrated empty database, if one was kept; True when copied."""
    template = _empty_database()
    if not template.exists():
        return False
    try:
        database.parent.mkdir(parents=True, exist_ok=True)
        tmp = database.with_name(database.name + ".copying")
        shutil.copyfile(template, tmp)
        os.replace(tmp, database)  # the server sees no database or a whole one
        return True
    except OSError:
        return False


def _revision(database: Path) -> str | None:
    """The Alembic revision a Prefect database is migrated to; None when unknown or unreadable."""
    try:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
            row = db.execute("select version_num from alembic_version").fetchone()
        db.close()
        return row[0] if row else None
    except sqlite3.Error:
        return None


def _up_to_date(database: Path) -> bool:
    """Is the database already at the revision this Prefect migrates to (the kept empty database's)? Then the
    server need not run its migrations at start; an older database (Prefect was upgraded) still is migrated."""
    template = _empty_database()
    if not (database.exists() and template.exists()):
        return False
    revision = _revision(template)
    return revision is not None and _revision(database) == revision


def _keep_empty_database(database: Path) -> None:
    """A consistent copy (SQLite's backup API) of a database the server has just migrated and not yet used."""
    template = _empty_database()
    if template.exists():
        return
    tmp = template.with_name(f"{template.name}.{os.getpid()}.tmp")
    try:
        template.parent.mkdir(parents=True, exist_ok=True)
        with sqlite3.connect(database) as source, sqlite3.connect(tmp) as copy:
            source.backup(copy)
        copy.close()
        source.close()
        os.replace(tmp, template)
    except (OSError, sqlite3.Error):
        Path(tmp).unlink(missing_ok=True)  # no snapshot this time: the next new folder migrates again
