"""news.duckdb opens in the DuckDB CLI of the release before the pinned duckdb (a user's CLI often lags).

The CLI is the `duckdb` command of the `duckdb-cli` package (a dev extra, pinned in constraints.txt).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

pytestmark = pytest.mark.e2e

DUCKDB_CLI = Path(sys.executable).with_name("duckdb")

ARTICLES = {
    "english/harbour-strike.txt": (
        "Dock workers in Rotterdam strike over pay\n\n"
        "Dock workers at the port of Rotterdam walked out on Monday, 3 March 2025, after talks on a new wage "
        "agreement collapsed, the union FNV said.\n\n"
        "About 1,200 workers joined the strike, which halted container traffic at two terminals. The port "
        "authority said ships were waiting at anchor off the coast.\n\n"
        '"We have asked for a fair raise for two years now," union spokesman Niek Stam said.\n'),
    "english/wind-farm.txt": (
        "Denmark approves new offshore wind farm in the North Sea\n\n"
        "The Danish government approved a 1,000 megawatt offshore wind farm west of Esbjerg on Tuesday, "
        "energy minister Lars Aagaard told reporters in Copenhagen.\n\n"
        "The farm is due to deliver power from 2030 and will supply about one million homes. Construction "
        "starts next year, the developer Orsted said in a statement.\n"),
    "deutsch/hafen-streik.txt": (
        "Hafenarbeiter in Rotterdam streiken für mehr Lohn\n\n"
        "Die Hafenarbeiter in Rotterdam haben am Montag die Arbeit niedergelegt, nachdem die Verhandlungen "
        "über einen neuen Tarifvertrag gescheitert waren, wie die Gewerkschaft FNV mitteilte.\n\n"
        "Rund 1.200 Beschäftigte beteiligten sich an dem Streik, der den Containerverkehr an zwei Terminals "
        "lahmlegte. Die Hafenbehörde erklärte, Schiffe warteten vor der Küste.\n"),
}


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(DUCKDB_CLI), *args], capture_output=True, text=True, cwd=cwd, timeout=60,
                          stdin=subprocess.DEVNULL)


def _version(text: str) -> tuple[int, int]:
    match = re.search(r"(\d+)\.(\d+)\.\d+", text)
    assert match, f"no version in {text!r}"
    return int(match[1]), int(match[2])


def test_database_opens_in_the_previous_duckdb_cli(tmp_path, newsetl):
    if not DUCKDB_CLI.exists():
        pytest.fail(f"the DuckDB CLI is missing: expected {DUCKDB_CLI}; install the dev extras "
                    "(pip install -c constraints.txt -e '.[dev]', which brings duckdb-cli)")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    version = _cli("-version", cwd=elsewhere)
    assert version.returncode == 0, version.stdout + version.stderr
    assert _version(version.stdout) < _version(duckdb.__version__), (
        f"the CLI ({version.stdout.strip()}) should be a release behind duckdb {duckdb.__version__}: "
        "that is what a user's CLI often is")

    inbox = tmp_path / "inbox"
    for name, text in ARTICLES.items():
        (inbox / name).parent.mkdir(parents=True, exist_ok=True)
        (inbox / name).write_text(text, encoding="utf-8")
    data = tmp_path / "data"
    run = newsetl("run", "--input", str(inbox), "--data", str(data), "--no-translate")
    assert run.returncode == 0, run.stdout + run.stderr
    db = data / "news.duckdb"

    def query(sql: str) -> str:
        out = _cli("-no-init", "-readonly", "-csv", "-noheader", str(db), "-c", sql, cwd=elsewhere)
        assert out.returncode == 0 and not out.stderr, (
            f"duckdb {version.stdout.strip()} cannot run {sql!r} on {db}:\n{out.stdout}{out.stderr}")
        return out.stdout.strip()

    assert query("select count(*) from articles") == "3"
    # A table macro of warehouse/10_macros.sql, and a helper view that reads through the views.
    assert query("select count(*) from articles_in('de')") == "1"
    assert query("select count(*) from articles_in('en')") == "2"
    assert query("select count(distinct alias) > 0 from entity_aliases") == "true"

    # duckdb (Python) still opens and queries what it wrote in the older format.
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("select count(*) from articles_in('en')").fetchone() == (2,)
        assert con.execute("select count(*) from articles").fetchone() == (3,)
    finally:
        con.close()
