"""kill -9 at many points of a run: nothing partial is ever visible, and the next run heals.

Named points are reached through NEWSETL_FAULT_AT (the process SIGKILLs itself there);
random points by killing the process group from outside after a random delay.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from runtime.faults import POINTS
from tests.conftest import EXAMPLE_INBOX, NEWSETL, table_snapshot

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

def snapshot(data: Path) -> dict[str, list[tuple]]:
    return table_snapshot(data)


def make_inbox(root: Path, copies: int) -> Path:
    """The example inbox plus `copies` variants of each .txt (distinct content, so distinct articles)."""
    inbox = root / "inbox"
    shutil.copytree(EXAMPLE_INBOX, inbox)
    for n in range(copies):
        for src in sorted(EXAMPLE_INBOX.rglob("*.txt")):
            text = src.read_bytes()
            try:
                body = text.decode("utf-8")
            except UnicodeDecodeError:
                continue
            dest = inbox / "variants" / f"{n:03d}-{src.name}"
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_text(body + f"\n\nArkivreferanse {n}-{src.stem}.\n", encoding="utf-8")
    return inbox


def run(args: list[str], env: dict, fault: str | None = None, kill_after: float | None = None):
    env = {**env}
    if fault:
        env["NEWSETL_FAULT_AT"] = fault
    proc = subprocess.Popen([str(NEWSETL), *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, stdin=subprocess.DEVNULL, start_new_session=True)
    if kill_after is not None:
        try:
            proc.wait(timeout=kill_after)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
    out, _ = proc.communicate(timeout=300)
    return proc.returncode, out


@pytest.fixture(scope="module")
def setup(tmp_path_factory, prefect_server):
    root = tmp_path_factory.mktemp("crash")
    inbox = make_inbox(root, copies=6)
    # runs talk to one shared server: no 8 s ephemeral start-up per run (the ephemeral path
    # and its watchdog are covered by test_no_process_outlives_a_killed_run)
    env = {**os.environ, "PREFECT_API_URL": prefect_server["api_url"], "PREFECT_HOME": str(prefect_server["home"]),
           "NO_COLOR": "1"}
    subset = root / "subset"
    shutil.copytree(EXAMPLE_INBOX, subset)
    # the same two runs as every case below (part of the inbox, then all of it), uninterrupted:
    # stories are assigned incrementally, so the history of runs is part of the expected result
    reference = root / "reference"
    code, out = run(["run", "--input", str(subset), "--data", str(reference)], env)
    assert code == 0, out
    t0 = time.monotonic()
    code, out = run(["run", "--input", str(inbox), "--data", str(reference), "--batch-size", "10"], env)
    duration = time.monotonic() - t0  # how long the run a random kill interrupts takes, start-up included
    assert code == 0, out
    return {"root": root, "inbox": inbox, "subset": subset, "env": env, "reference": snapshot(reference),
            "duration": duration}


def _crash_and_heal(setup, name: str, fault: str | None = None, kill_after: float | None = None):
    data = setup["root"] / f"data-{name}"
    env = setup["env"]
    # a first, successful run on part of the inbox: the state a crash must not disturb
    code, out = run(["run", "--input", str(setup["subset"]), "--data", str(data)], env)
    assert code == 0, out
    before = snapshot(data)
    code, out = run(["run", "--input", str(setup["inbox"]), "--data", str(data), "--batch-size", "10"], env,
                    fault=fault, kill_after=kill_after)
    killed = code == -signal.SIGKILL
    during = snapshot(data)
    # what the database shows is the state before the crashed run, or (if it got that far) after it: never a mix
    assert during in (before, setup["reference"]), f"{name}: partial data visible after kill -9"
    code, out = run(["run", "--input", str(setup["inbox"]), "--data", str(data), "--batch-size", "10"], env)
    assert code == 0, out
    assert snapshot(data) == setup["reference"], f"{name}: the healed tables differ from an uninterrupted run"
    assert not list((data / "staging").glob("*")), "staging left behind"
    return killed


@pytest.mark.parametrize("fault", POINTS)
def test_kill_at_named_point(setup, fault):
    assert _crash_and_heal(setup, fault, fault=fault), f"the run never reached {fault}"


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_kill_at_random_moment(setup, seed):
    # a moment inside the run (between 15% and 75% of the uninterrupted run's duration). Runs vary in length
    # on a busy machine: one that ends by itself before the kill tests nothing, so the kill comes earlier in
    # the next try, and three tries that all end by themselves fail the test
    delay = random.Random(seed).uniform(0.15, 0.75) * setup["duration"]
    for attempt in range(3):
        if _crash_and_heal(setup, f"random-{seed}-{attempt}", kill_after=delay):
            return
        delay /= 2
    pytest.fail(f"random-{seed}: three runs finished by themselves before the kill (the last at {delay * 2:.1f} s; "
                f"an uninterrupted run takes {setup['duration']:.1f} s)")


def test_no_process_outlives_a_killed_run(setup, prefect_home):
    env = {**setup["env"], "PREFECT_HOME": str(prefect_home)}
    env.pop("PREFECT_API_URL")  # ephemeral mode: the run starts its own temporary API server
    code, out = run(["run", "--input", str(setup["subset"]), "--data", str(setup["root"] / "data-orphans")],
                    env, fault="after-stage")
    assert code == -signal.SIGKILL
    # the watchdog asks the server to stop, and kills it 5 s later if it has not: gone within 10 s
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and (_servers_of(prefect_home) or _workers_of(setup["root"] / "data-orphans")):
        time.sleep(0.2)
    assert _workers_of(setup["root"] / "data-orphans") == ""
    assert _servers_of(prefect_home) == [], "an ephemeral Prefect server outlived its killed run"


def _workers_of(data: Path) -> str:
    return subprocess.run(["pgrep", "-f", str(data)], capture_output=True, text=True).stdout.strip()


SERVER = b"prefect.server.api.server:create_app"


def _servers_of(prefect_home: Path) -> list[str]:
    """Process ids of ephemeral Prefect servers started for this PREFECT_HOME (other runs on the machine,
    with their own home, are not this test's business)."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            if not proc.name.isdigit() or SERVER not in (proc / "cmdline").read_bytes():
                continue
            if f"PREFECT_HOME={prefect_home}".encode() in (proc / "environ").read_bytes().split(b"\0"):
                found.append(proc.name)
        except OSError:
            continue
    return found
