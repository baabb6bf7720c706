"""`newsetl server`: the Prefect server, a process work pool, the deployments and a worker.

One command for the whole stack, bound to 127.0.0.1, with its SQLite database and logs
in the data folder. The children are plain `prefect` CLI processes; this module starts
them in order, waits until each is ready, and stops them in reverse order.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from runtime.config import DataPaths

WORK_POOL = "newsetl"
DEFAULT_PORT = 4200
STATE_FILE = "server.json"


class StackError(RuntimeError):
    pass


def project_dir() -> Path:
    """The folder holding prefect.yaml: the working directory if it has one, else the repository."""
    cwd = Path.cwd()
    if (cwd / "prefect.yaml").exists():
        return cwd
    repo = Path(__file__).resolve().parents[1]
    if (repo / "prefect.yaml").exists():
        return repo
    raise StackError("prefect.yaml not found: run `newsetl server` from the newsetl project folder")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def api_get(api_url: str, path: str, timeout: float = 5.0):
    with urllib.request.urlopen(api_url.rstrip("/") + path, timeout=timeout) as resp:
        return json.load(resp)


def api_post(api_url: str, path: str, body: dict, timeout: float = 10.0):
    req = urllib.request.Request(api_url.rstrip("/") + path, data=json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        return json.load(resp)


def wait_healthy(api_url: str, timeout: float, process: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise StackError(f"the Prefect server exited with code {process.returncode} while starting")
        try:
            if api_get(api_url, "/health", timeout=2) is True:
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError, json.JSONDecodeError):
            pass
        time.sleep(0.5)
    raise StackError(f"the Prefect server did not answer on {api_url} within {timeout:.0f} s")


@dataclass
class Stack:
    """The running children, in start order."""

    data_dir: Path
    port: int
    inbox: str
    host: str = "127.0.0.1"
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)

    @property
    def api_url(self) -> str:
        return f"http://{self.host}:{self.port}/api"

    @property
    def ui_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def logs(self) -> Path:
        return self.data_dir / "logs"

    def env(self) -> dict[str, str]:
        paths = DataPaths(self.data_dir)
        env = {**os.environ}
        env.update({
            "PREFECT_API_URL": self.api_url,
            "PREFECT_HOME": os.environ.get("PREFECT_HOME", str(paths.prefect_home)),
            "PREFECT_SERVER_API_HOST": self.host,
            "PREFECT_SERVER_API_PORT": str(self.port),
            "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
            "DO_NOT_TRACK": "1",
            # The classic UI by default: the V2 UI's bundle starts Amplitude's SDK even with analytics off, and
            # the browser then fetches its config from sr-client-cfg.amplitude.com.
            "PREFECT_SERVER_UI_V2_ENABLED": os.environ.get("PREFECT_SERVER_UI_V2_ENABLED", "false"),
            "PREFECT_WORKER_QUERY_SECONDS": os.environ.get("PREFECT_WORKER_QUERY_SECONDS", "5"),
            # read by prefect.yaml: where deployments take their data and inbox from
            "NEWSETL_DATA": str(self.data_dir),
            "NEWSETL_INBOX": self.inbox,
            "NEWSETL_PROJECT_DIR": str(project_dir()),
        })
        return env

    def _prefect(self, *args: str) -> list[str]:
        return [str(Path(sys.executable).with_name("prefect")), *args]

    def _spawn(self, name: str, *args: str) -> subprocess.Popen:
        self.logs.mkdir(parents=True, exist_ok=True)
        log = open(self.logs / f"{name}.log", "ab")
        proc = subprocess.Popen(self._prefect(*args), env=self.env(), cwd=project_dir(), stdout=log,
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
        self.processes[name] = proc
        return proc

    def _run(self, what: str, *args: str, timeout: float = 120) -> str:
        result = subprocess.run(self._prefect(*args), env=self.env(), cwd=project_dir(), capture_output=True,
                                text=True, timeout=timeout, stdin=subprocess.DEVNULL)
        if result.returncode != 0:
            raise StackError(f"{what} failed:\n{(result.stdout + result.stderr).strip()[-2000:]}")
        return result.stdout

    def start(self, worker: bool = True, say=print, timeout: float = 120) -> None:
        if _port_in_use(self.host, self.port):
            raise StackError(f"port {self.port} on {self.host} is already in use: is another server running? "
                             f"Check with `newsetl server --check`, or pick another port with --port")
        say(f"starting the Prefect server on {self.ui_url} (database in {self.env()['PREFECT_HOME']})")
        server = self._spawn("server", "server", "start", "--host", self.host, "--port", str(self.port))
        wait_healthy(self.api_url, timeout, server)
        say(f"creating work pool '{WORK_POOL}' (process)")
        self._run("creating the work pool", "work-pool", "create", WORK_POOL, "--type", "process", "--overwrite")
        say("deploying from prefect.yaml")
        self._run("deploying", "--no-prompt", "deploy", "--all")
        if worker:
            say(f"starting a worker for '{WORK_POOL}'")
            proc = self._spawn("worker", "worker", "start", "--pool", WORK_POOL, "--type", "process")
            self._wait_worker_online(proc, timeout)
        self._write_state()

    def _wait_worker_online(self, proc: subprocess.Popen, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise StackError(f"the worker exited with code {proc.returncode} while starting")
            workers = api_post(self.api_url, f"/work_pools/{WORK_POOL}/workers/filter", {})
            if any(w.get("status") == "ONLINE" for w in workers):
                return
            time.sleep(0.5)
        raise StackError(f"the worker did not come online within {timeout:.0f} s")

    def _write_state(self) -> None:
        state = {"api_url": self.api_url, "ui_url": self.ui_url, "started_at": time.time(),
                 "pids": {name: p.pid for name, p in self.processes.items()}}
        (self.data_dir / STATE_FILE).write_text(json.dumps(state, indent=1))

    def stop(self, grace: float = 15) -> None:
        for name in reversed(list(self.processes)):
            proc = self.processes[name]
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        deadline = time.monotonic() + grace
        for proc in self.processes.values():
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        (self.data_dir / STATE_FILE).unlink(missing_ok=True)

    @staticmethod
    def trap_signals() -> None:
        """SIGTERM (and SIGINT, which background jobs start ignoring) raise KeyboardInterrupt."""

        def interrupt(signum, frame):
            raise KeyboardInterrupt

        signal.signal(signal.SIGTERM, interrupt)
        signal.signal(signal.SIGINT, interrupt)

    def wait(self) -> str:
        """Block until a child dies (returns its name), or Ctrl-C / SIGTERM (returns 'interrupted')."""
        try:
            while True:
                for name, proc in self.processes.items():
                    if proc.poll() is not None:
                        return name
                time.sleep(1)
        except KeyboardInterrupt:
            return "interrupted"


def _port_in_use(host: str, port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex((host, port)) == 0


def check(data_dir: Path, api_url: str | None = None) -> list[tuple[str, bool, str]]:
    """What runs: (component, ok, detail) for the API, the work pool, its workers and the deployments."""
    state_file = data_dir / STATE_FILE
    if api_url is None and state_file.exists():
        api_url = json.loads(state_file.read_text())["api_url"]
    api_url = api_url or os.environ.get("PREFECT_API_URL") or f"http://127.0.0.1:{DEFAULT_PORT}/api"
    rows: list[tuple[str, bool, str]] = []
    try:
        healthy = api_get(api_url, "/health", timeout=3) is True
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError) as exc:
        return [("server", False, f"no answer from {api_url} ({getattr(exc, 'reason', exc)}); "
                                   "start the stack with `newsetl server`")]
    rows.append(("server", healthy, api_url))
    try:
        pool = api_get(api_url, f"/work_pools/{WORK_POOL}")
        rows.append(("work pool", pool.get("status") == "READY", f"{WORK_POOL}: {pool.get('status')}"))
        workers = api_post(api_url, f"/work_pools/{WORK_POOL}/workers/filter", {})
        online = [w["name"] for w in workers if w.get("status") == "ONLINE"]
        rows.append(("workers", bool(online), ", ".join(online) or "none online"))
    except urllib.error.HTTPError as exc:
        rows.append(("work pool", False, f"{WORK_POOL}: {exc.code} (not created yet?)"))
    deployments = api_post(api_url, "/deployments/filter", {})
    flows = {f["id"]: f["name"] for f in api_post(api_url, "/flows/filter", {})}
    names = sorted(f"{flows.get(d['flow_id'], '?')}/{d['name']}" for d in deployments)
    rows.append(("deployments", bool(names), ", ".join(names) or "none"))
    return rows
