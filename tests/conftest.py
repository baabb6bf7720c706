"""Shared fixtures: where the seeds are, and how to run the real CLI in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

# Prefect reads its settings at import: in-process flow tests get a private, offline home.
os.environ["PREFECT_HOME"] = tempfile.mkdtemp(prefix="newsetl-test-prefect-")
os.environ["DO_NOT_TRACK"] = "1"
os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
os.environ.pop("PREFECT_API_URL", None)

REPO = Path(__file__).resolve().parents[1]
SEEDS = (REPO / ".." / "shared" / "seeds").resolve()
EXAMPLE_INBOX = REPO / "examples" / "inbox"
TEST_DATA = Path(__file__).parent / "data"
NEWSETL = Path(sys.executable).with_name("newsetl")


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not (SEEDS / "gold.json").exists():
        pytest.fail(f"the sample articles are missing: expected {SEEDS} (../shared/seeds beside the clone)")
    return SEEDS


@pytest.fixture(scope="session")
def seeds_gold(seeds_dir) -> dict:
    return json.loads((seeds_dir / "gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def prefect_home(tmp_path_factory) -> Path:
    """One Prefect home for all CLI runs of the session: its database is created once."""
    return tmp_path_factory.mktemp("prefect-home")


@pytest.fixture
def newsetl(prefect_home):
    """Run the installed `newsetl` command; returns the CompletedProcess."""

    def run(*args: str, env: dict | None = None, timeout: float = 300, cwd: Path | None = None):
        full_env = {**os.environ, "PREFECT_HOME": str(prefect_home), "NO_COLOR": "1", "COLUMNS": "200"}
        full_env.pop("PREFECT_API_URL", None)
        full_env.update(env or {})
        return subprocess.run([str(NEWSETL), *args], capture_output=True, text=True, timeout=timeout,
                              env=full_env, cwd=cwd or REPO, stdin=subprocess.DEVNULL)

    return run


def pipeline_articles(folder: Path) -> list[dict]:
    """Ingest, clean and language-tag a folder without Prefect (the pure stage functions)."""
    from tasks.clean import clean_articles
    from tasks.ingest import discover_inputs, read_input
    from tasks.language import detect_languages

    files, _ = discover_inputs([folder])
    items = [i for f in files for i in read_input(f).items]
    articles, _ = clean_articles([{**vars(i), "article_id": i.article_id} for i in items])
    articles, _ = detect_languages(articles)
    return articles


@pytest.fixture(scope="session")
def prefect_server(tmp_path_factory):
    """A real Prefect server for tests that run many flows: each run skips the ephemeral start-up."""
    import time
    import urllib.request

    from newsetl.server import free_port

    home = tmp_path_factory.mktemp("prefect-server-home")
    port = free_port()
    env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "DO_NOT_TRACK": "1", "PREFECT_UI_ENABLED": "false"}
    env.pop("PREFECT_API_URL", None)
    log = open(home / "server.log", "wb")
    proc = subprocess.Popen([str(NEWSETL.with_name("prefect")), "server", "start", "--host", "127.0.0.1",
                             "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL)
    api = f"http://127.0.0.1:{port}/api"
    deadline = time.monotonic() + 120
    while True:
        try:
            with urllib.request.urlopen(api + "/health", timeout=2):
                break
        except OSError:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                pytest.fail(f"the test Prefect server did not start; see {home / 'server.log'}")
            time.sleep(0.5)
    yield {"api_url": api, "home": home}
    proc.terminate()
    proc.wait(timeout=30)


VOLATILE = {"run_id", "ingested_at", "detected_at"}


def table_snapshot(data: Path) -> dict[str, list[tuple]]:
    """Every table's rows (but runs), sorted, without the columns that differ between runs."""
    import duckdb

    from schemas import TABLES

    tables = [t for t in TABLES if t != "runs"]
    db = data / "news.duckdb"
    if not db.exists():
        return {t: [] for t in tables}
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for table in tables:
            cols = [f'"{c}"' for c in TABLES[table].fields if c not in VOLATILE]
            out[table] = sorted(con.execute(f"select {', '.join(cols)} from {table}").fetchall(), key=repr)
        return out
    finally:
        con.close()
