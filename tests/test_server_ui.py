"""The Prefect stack for real: `newsetl server`, a Quick run clicked in the UI (headless Chromium), the result."""

from __future__ import annotations

import ipaddress
import json
import os
import shutil
import signal
import subprocess
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

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


def _reaches_beyond_loopback(url: str) -> bool:
    """True for a request to anything but 127.0.0.0/8, ::1 or localhost (data: and blob: URLs stay in the page)."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob"):
        return False
    host = parts.hostname or ""
    if host == "localhost":
        return False
    try:
        return not ipaddress.ip_address(host).is_loopback
    except ValueError:
        return True


@pytest.fixture(scope="module")
def ui_session(stack):
    """One browser session on the UI `newsetl server` prints: (a) the dashboard loads, (b) a Quick run of
    `scheduled` from its page until the run ends. Every request the page makes is recorded per phase (also those
    the hermetic resolver rules then fail), with the settings the UI reads from the server."""
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is needed for the UI test: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    base = stack["base"]
    OUTPUT.mkdir(parents=True, exist_ok=True)
    requests: dict[str, list[str]] = {"dashboard load": [], "quick run": []}
    phase = "dashboard load"
    settings: dict[str, object] = {}

    def keep_settings(response):
        path = urlsplit(response.url).path
        if path.endswith(("/ui-settings", "/api/admin/settings")) and response.ok:
            try:
                settings[path.rsplit("/", 1)[-1]] = response.json()
            except Exception:  # a redirect or an unfinished body: the next one will do
                pass

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        context.on("request", lambda r: requests[phase].append(r.url))
        context.on("response", keep_settings)
        page = context.new_page()
        page.on("websocket", lambda ws: requests[phase].append(ws.url))
        # (a) the UI's address, as `newsetl server` prints it: the server sends it on to the default UI's dashboard
        page.goto(f"{base}/")
        page.wait_for_url(lambda url: urlsplit(url).path.endswith("/dashboard"))
        page.get_by_text("Dashboard", exact=True).first.wait_for()
        page.wait_for_load_state("networkidle")
        prefix = "/v2" if urlsplit(page.url).path.startswith("/v2/") else ""
        # (b) Deployments (sidebar) > scheduled > Run > Quick run, as the README tells
        phase = "quick run"
        page.locator(f"a[href='{prefix}/deployments']").first.click()
        page.get_by_role("link", name="scheduled", exact=True).first.click()
        page.wait_for_url("**/deployments/deployment/**")
        # Prefect answers 503 when its SQLite database is briefly locked by its own services (its Python client
        # retries those; the UI shows a toast): a user clicks again, and so does this test, at most twice more.
        for attempt in range(3):
            page.get_by_role("button", name="Run", exact=True).click()
            with page.expect_response(lambda r: "/create_flow_run" in r.url and r.request.method == "POST") as resp:
                page.get_by_text("Quick run", exact=True).first.click()
            created = resp.value
            if created.status != 503:
                break
            page.keyboard.press("Escape")
            time.sleep(3)
        assert created.ok, f"Quick run: HTTP {created.status} {created.text()[:500]}"
        run_id = created.json()["id"]
        deadline = time.monotonic() + 240
        while True:
            state = _get(f"{base}/api/flow_runs/{run_id}")["state"]
            if state["type"] in ("COMPLETED", "FAILED", "CRASHED", "CANCELLED"):
                break
            assert time.monotonic() < deadline, f"flow run still {state['type']} after 240 s"
            time.sleep(1)
        page.goto(f"{base}{prefix}/runs/flow-run/{run_id}")
        page.get_by_text("Completed").first.wait_for(timeout=30000)
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(OUTPUT / "ui_quick_run.png"), full_page=True)
        browser.close()
    return {"run_id": run_id, "state": state, "requests": requests, "settings": settings, "prefix": prefix}


def test_quick_run_from_the_ui_completes_and_loads_rows(stack, ui_session):
    base, run_id, state = stack["base"], ui_session["run_id"], ui_session["state"]
    assert state["type"] == "COMPLETED", state
    con = duckdb.connect(str(stack["data"] / "news.duckdb"), read_only=True)
    assert con.execute("select count(*) from articles").fetchone() == (18,)
    assert con.execute("select run_id from runs").fetchall() == [(run_id,)]
    artifacts = _post(f"{base}/api/artifacts/filter", {"artifacts": {"flow_run_id": {"any_": [run_id]}}})
    assert {a["key"] for a in artifacts} >= {"news-etl-summary", "news-etl-outputs"}
    table = next(a for a in artifacts if a["key"] == "news-etl-summary")
    assert {"metric": "new articles", "value": 18} in json.loads(table["data"]) if isinstance(table["data"], str) \
        else table["data"]
    assert (OUTPUT / "ui_quick_run.png").stat().st_size > 10_000


def test_ui_requests_stay_on_loopback_during_load_and_quick_run(stack, ui_session):
    """Telemetry off means the browser, too, talks to nothing but the local server: not even a request that
    the resolver rules then fail (Prefect 3.8's V2 UI asks sr-client-cfg.amplitude.com for its config)."""
    requests, settings = ui_session["requests"], ui_session["settings"]
    api = stack["base"] + "/api/"
    assert any(u.startswith(api) for u in requests["dashboard load"]), requests  # the recorder saw the page work
    assert any(u.startswith(api) and "/create_flow_run" in u for u in requests["quick run"]), requests
    server = (settings.get("settings") or _get(api + "admin/settings"))["server"]
    assert server["analytics_enabled"] is False, server
    ui = settings.get("ui-settings") or _get(stack["base"] + "/ui-settings")
    outside = {phase: sorted({f"{urlsplit(u).scheme}://{urlsplit(u).netloc}{urlsplit(u).path}" for u in urls
                              if _reaches_beyond_loopback(u)})
               for phase, urls in requests.items()}
    assert not any(outside.values()), (
        f"the UI ({ui_session['prefix'] or '/'}; ui-settings default_ui={ui.get('default_ui')}, "
        f"available_uis={ui.get('available_uis')}, flags={ui.get('flags')}; server.analytics_enabled="
        f"{server['analytics_enabled']}) made requests beyond loopback: {outside}")


def test_ctrl_c_stops_everything(stack):
    state = json.loads((stack["data"] / "server.json").read_text())
    stack["proc"].send_signal(signal.SIGINT)
    out, _ = stack["proc"].communicate(timeout=60)
    assert stack["proc"].returncode == 0, out
    assert "stopped." in out
    for pid in state["pids"].values():
        assert not Path(f"/proc/{pid}").exists() or "zombie" in Path(f"/proc/{pid}/status").read_text().lower(), pid
