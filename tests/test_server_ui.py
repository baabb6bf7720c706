"""The Prefect stack for real: `newsetl server`, a Quick run clicked in the UI (headless Chromium), the result."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import duckdb
import pytest

from newsetl.server import free_port
from tests.conftest import EXAMPLE_INBOX, NEWSETL, REPO

pytestmark = pytest.mark.e2e

CHROMIUM = Path("/usr/bin/chromium")
OUTPUT = REPO / "tests" / "output"
BROWSER_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]


def _post(url: str, body: dict):
    req = urllib.request.Request(url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as resp:
        return json.load(resp)


def _get(url: str):
    with urllib.request.urlopen(url, timeout=10) as resp:
        return json.load(resp)


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    base = tmp_path_factory.mktemp("stack")
    inbox = base / "inbox"
    shutil.copytree(EXAMPLE_INBOX, inbox)
    data = base / "data"
    port = free_port()
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200", "PREFECT_WORKER_QUERY_SECONDS": "2"}
    env.pop("PREFECT_API_URL", None)
    env.pop("PREFECT_HOME", None)  # the stack keeps its database in the data folder
    proc = subprocess.Popen([str(NEWSETL), "server", "--data", str(data), "--port", str(port), "--input", str(inbox)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=REPO,
                            stdin=subprocess.DEVNULL)
    lines = []
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line)
        if line.startswith("UI: "):
            break
    if not any(line.startswith("UI: ") for line in lines):
        proc.kill()
        pytest.fail("newsetl server did not come up:\n" + "".join(lines))
    yield {"proc": proc, "data": data, "base": f"http://127.0.0.1:{port}", "inbox": inbox, "lines": lines}
    if proc.poll() is None:
        proc.terminate()
        proc.wait(timeout=60)


def test_check_reports_the_running_stack(stack):
    out = subprocess.run([str(NEWSETL), "server", "--check", "--data", str(stack["data"])], capture_output=True,
                         text=True, timeout=60, env={**os.environ, "COLUMNS": "200"})
    assert out.returncode == 0, out.stdout + out.stderr
    assert "news-etl/scheduled" in out.stdout and "news-report/daily" in out.stdout and "READY" in out.stdout


def test_deployment_parameters_are_documented_for_the_custom_run_form(stack):
    deployments = {d["name"]: d for d in _post(stack["base"] + "/api/deployments/filter", {})}
    assert set(deployments) == {"scheduled", "daily"}
    deployment = deployments["scheduled"]
    props = deployment["parameter_openapi_schema"]["properties"]
    assert props["inputs"]["type"] == "array" and "recursively" in props["inputs"]["description"]
    assert props["translate"]["type"] == "boolean" and props["data_dir"]["description"]
    assert deployment["parameters"]["data_dir"] == str(stack["data"])
    assert deployment["schedules"][0]["schedule"]["cron"] == "0 * * * *"


def test_quick_run_from_the_ui_completes_and_loads_rows(stack):
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is needed for the UI test: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    base = stack["base"]
    OUTPUT.mkdir(parents=True, exist_ok=True)
    external: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        # The UI's bundled analytics SDK asks for its config at start-up; the resolver rules make that
        # fail. What must hold is that nothing outside 127.0.0.1 was actually reached.
        page.on("requestfinished",
                lambda r: external.append(r.url) if not r.url.startswith((base, "data:", "blob:")) else None)
        page.goto(f"{base}/v2/deployments")
        page.get_by_role("link", name="scheduled", exact=True).first.click()
        page.wait_for_url("**/deployments/deployment/**")
        page.get_by_role("button", name="Run", exact=True).click()
        with page.expect_response(lambda r: "/create_flow_run" in r.url and r.request.method == "POST") as resp:
            page.get_by_role("menuitem", name="Quick run").click()
        run_id = resp.value.json()["id"]
        deadline = time.monotonic() + 240
        while True:
            state = _get(f"{base}/api/flow_runs/{run_id}")["state"]
            if state["type"] in ("COMPLETED", "FAILED", "CRASHED", "CANCELLED"):
                break
            assert time.monotonic() < deadline, f"flow run still {state['type']} after 240 s"
            time.sleep(1)
        page.goto(f"{base}/v2/runs/flow-run/{run_id}")
        page.get_by_text("Completed").first.wait_for(timeout=30000)
        page.wait_for_timeout(1000)
        page.screenshot(path=str(OUTPUT / "ui_quick_run.png"), full_page=True)
        browser.close()
    assert state["type"] == "COMPLETED", state
    assert not external, f"the UI reached outside 127.0.0.1: {sorted(set(external))}"
    con = duckdb.connect(str(stack["data"] / "news.duckdb"), read_only=True)
    assert con.execute("select count(*) from articles").fetchone() == (13,)
    assert con.execute("select run_id from runs").fetchall() == [(run_id,)]
    artifacts = _post(f"{base}/api/artifacts/filter", {"artifacts": {"flow_run_id": {"any_": [run_id]}}})
    assert {a["key"] for a in artifacts} >= {"news-etl-summary", "news-etl-outputs"}
    table = next(a for a in artifacts if a["key"] == "news-etl-summary")
    assert {"metric": "new articles", "value": 13} in json.loads(table["data"]) if isinstance(table["data"], str) \
        else table["data"]
    assert (OUTPUT / "ui_quick_run.png").stat().st_size > 10_000


def test_ctrl_c_stops_everything(stack):
    state = json.loads((stack["data"] / "server.json").read_text())
    stack["proc"].send_signal(signal.SIGINT)
    out, _ = stack["proc"].communicate(timeout=60)
    assert stack["proc"].returncode == 0, out
    assert "stopped." in out
    for pid in state["pids"].values():
        assert not Path(f"/proc/{pid}").exists() or "zombie" in Path(f"/proc/{pid}/status").read_text().lower(), pid
