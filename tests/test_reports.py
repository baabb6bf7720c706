"""Reports over real runs: exact values on the samples and the example inbox, every format, the HTML in Chromium."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE_INBOX, NEWSETL, REPO

pytestmark = pytest.mark.e2e

OUTPUT = REPO / "tests" / "output"


@pytest.fixture(scope="module")
def seeds_data(tmp_path_factory, seeds_dir, prefect_home):
    data = tmp_path_factory.mktemp("report-seeds")
    _run(["run", "--input", str(seeds_dir), "--data", str(data), "--no-translate"], prefect_home)
    return data


@pytest.fixture(scope="module")
def inbox_data(tmp_path_factory, prefect_home):
    data = tmp_path_factory.mktemp("report-inbox")
    _run(["run", "--input", str(EXAMPLE_INBOX), "--data", str(data)], prefect_home)
    return data


def _run(args, prefect_home, check=True):
    env = {**os.environ, "PREFECT_HOME": str(prefect_home), "NO_COLOR": "1", "COLUMNS": "200"}
    env.pop("PREFECT_API_URL", None)
    out = subprocess.run([str(NEWSETL), *args], capture_output=True, text=True, env=env, timeout=600,
                         stdin=subprocess.DEVNULL)
    if check:
        assert out.returncode == 0, out.stdout + out.stderr
    return out


def report(data, name, *extra, prefect_home=None):
    out = _run(["report", name, "--data", str(data), "--format", "json", *extra], prefect_home)
    return json.loads(out.stdout)[name]


def test_overview_on_the_example_inbox(inbox_data, prefect_home):
    doc = report(inbox_data, "overview", prefect_home=prefect_home)
    per_language = {r["language"]: r["articles"] for r in doc["Articles per language"]}
    assert per_language == {"de": 2, "en": 8, "es": 2, "fr": 2, "it": 1, "nb": 2, "sv": 1}
    status = {r["status"]: r["articles"] for r in doc["Translation status"]}
    assert status == {"model_missing": 10, "source_english": 8}
    sources = {r["source"]: r["articles"] for r in doc["Articles per source"]}
    assert sources["NordicWire"] == 2 and sources["NTB"] == 1 and sources["EFE"] == 1
    [runs] = doc["Runs"]
    assert (runs["runs"], runs["completed"], runs["articles_added"], runs["quarantined"]) == (1, 1, 18, 1)


def test_runs_report_accounts_for_every_item(inbox_data, prefect_home):
    doc = report(inbox_data, "runs", prefect_home=prefect_home)
    [run] = doc["Runs"]
    assert (run["items_seen"], run["articles_new"], run["duplicates"], run["quarantined"], run["accounted"]) == (
        20, 18, 1, 1, True)
    [bad] = doc["Quarantined items"]
    assert (bad["source_file"], bad["source_line"], bad["reason"]) == ("feeds/wire-2025.jsonl", 4, "bad_jsonl")


def test_agreement_flags_the_source_that_disagrees(seeds_data, prefect_home):
    doc = report(seeds_data, "agreement", prefect_home=prefect_home)
    dates = {r["date"]: r for r in doc["Dates by source"]}
    assert dates["2022-01-10"]["sources"] == 5
    flagged = [r for r in doc["Dates by source"] if r["flag"]]
    assert [(r["date"], r["reported_by"], r["flag"]) for r in flagged] == [
        ("2022-01-09", "004_a1d4ed1e58fc7cda.txt",
         "only 004_a1d4ed1e58fc7cda.txt says 9 January; 5 of 5 sources say 10 January")]
    minutes = [r for r in doc["Figures by source"] if r["unit"] == "minute"]
    assert [(r["value"], r["sources"], r["flag"]) for r in minutes] == [(50.0, 5, "")]


def test_timeline_counts_sources_per_date(seeds_data, prefect_home):
    doc = report(seeds_data, "timeline", prefect_home=prefect_home)
    by_date = {r["date_text"]: r["sources"] for r in doc["Timeline"]}
    assert by_date["2022-01-10"] == 5 and by_date["2022-01-13"] == 3 and by_date["2021-12-07"] == 2


def test_entities_with_spellings(seeds_data, prefect_home):
    doc = report(seeds_data, "entities", prefect_home=prefect_home)
    top = {(r["type"], r["name"]): r for r in doc["Top entities"]}
    putin = top[("person", "Vladimir Putin")]
    assert putin["articles"] == 5 and "Wladimir Putin" in putin["spellings"].split(" | ")
    ushakov = top[("person", "Yuri Ushakov")]
    assert {"Jury Usjakov", "Yuri Ushakov"} <= set(ushakov["spellings"].split(" | "))


def test_quotes_by_speaker(seeds_data, prefect_home):
    doc = report(seeds_data, "quotes", prefect_home=prefect_home)
    speakers = {r["speaker"]: r["quotes"] for r in doc["Speakers"]}
    assert speakers["Yuri Ushakov"] >= 5 and speakers["Dmitry Peskov"] >= 1  # the gold names 5 and 1
    assert any(r["speaker"] == "Dmitry Peskov" and r["quote"].startswith("Vi tror at samtaler")
               for r in doc["Quotes by speaker"])


def test_story_and_since_filters(seeds_data, prefect_home):
    stories = report(seeds_data, "overview", prefect_home=prefect_home)
    story_id = _run(["sql", "select story_id from stories", "--data", str(seeds_data), "--format", "csv"],
                    prefect_home).stdout.splitlines()[1]
    one = report(seeds_data, "timeline", "--story", story_id, prefect_home=prefect_home)
    assert {r["story"] for r in one["Timeline"]} == {story_id}
    none = report(seeds_data, "timeline", "--story", "s-does-not-exist", prefect_home=prefect_home)
    assert none["Timeline"] == []
    later = report(seeds_data, "overview", "--since", "2021-12-15", prefect_home=prefect_home)
    assert sum(r["articles"] for r in later["Articles per language"]) == 1  # only 004 is dated after that
    assert sum(r["articles"] for r in stories["Articles per language"]) == 5


def test_every_format(seeds_data, prefect_home, tmp_path):
    md = _run(["report", "agreement", "--data", str(seeds_data), "--format", "md"], prefect_home).stdout
    assert "### agreement: Dates by source" in md and "| story | date |" in md
    csv_out = _run(["report", "runs", "--data", str(seeds_data), "--format", "csv"], prefect_home).stdout
    assert csv_out.startswith("# runs: Runs\nrun_id,")
    table = _run(["report", "overview", "--data", str(seeds_data)], prefect_home).stdout
    assert "overview: Articles per language" in table
    out = tmp_path / "r.html"
    written = _run(["report", "all", "--data", str(seeds_data), "--format", "html", "--out", str(out)], prefect_home)
    assert f"wrote {out}" in written.stdout and out.read_text().startswith("<!doctype html>")


def test_bad_report_name_and_date(seeds_data, prefect_home):
    bad = _run(["report", "nonsense", "--data", str(seeds_data)], prefect_home, check=False)
    assert bad.returncode == 2
    assert "no report named 'nonsense'. Reports: overview, entities, quotes, timeline, agreement, runs, all." in bad.stderr
    when = _run(["report", "overview", "--since", "yesterday", "--data", str(seeds_data)], prefect_home, check=False)
    assert when.returncode == 2 and "--since must be a date like 2025-01-31" in when.stderr
    nowhere = _run(["report", "overview", "--out", "/nonexistent-folder/report.md", "--data", str(seeds_data)],
                   prefect_home, check=False)
    assert nowhere.returncode == 1
    assert nowhere.stderr == ("error: cannot write /nonexistent-folder/report.md: No such file or directory. Pass --out "
                              "a path in a folder you can write.\n")


def test_html_report_renders_offline_in_chromium(inbox_data, seeds_data, prefect_home, tmp_path):
    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        pytest.fail("Debian's chromium is needed for the HTML test: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    from tests.test_server_ui import BROWSER_ARGS

    OUTPUT.mkdir(parents=True, exist_ok=True)
    for name, data in (("inbox", inbox_data), ("seeds", seeds_data)):
        page_path = OUTPUT / f"report-{name}.html"
        _run(["report", "all", "--data", str(data), "--format", "html", "--out", str(page_path)], prefect_home)
        failed, errors, requests = [], [], []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(chromium), args=BROWSER_ARGS)
            page = browser.new_page(viewport={"width": 1300, "height": 900})
            page.on("requestfailed", lambda r: failed.append(r.url))
            page.on("request", lambda r: requests.append(r.url))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(page_path.as_uri())
            page.wait_for_load_state("networkidle")
            charts = page.locator(".chart svg").count()
            stories = page.locator(".story[id^='story-']").count()
            first_link = page.locator("a[href^='#article-']").first.get_attribute("href")
            target_exists = page.locator(first_link).count()
            page.screenshot(path=str(OUTPUT / f"report-{name}.png"), full_page=False)
            browser.close()
        assert failed == [] and errors == [], (failed, errors)
        assert all(r.startswith("file://") for r in requests), requests
        assert charts >= 3 and stories >= 1 and target_exists == 1


def test_reports_run_while_a_pipeline_writes(tmp_path, prefect_home):
    """Readers open news.duckdb read-only and never see an error while a run writes and swaps it."""
    inbox = tmp_path / "inbox"
    subprocess.run([str(NEWSETL), "bench", "generate", "600", "--out", str(inbox), "--seed", "5"], check=True,
                   capture_output=True)
    shutil.copytree(EXAMPLE_INBOX, inbox / "examples")
    data = tmp_path / "data"
    _run(["run", "--input", str(inbox / "examples"), "--data", str(data), "--no-translate"], prefect_home)
    env = {**os.environ, "PREFECT_HOME": str(prefect_home), "NO_COLOR": "1"}
    env.pop("PREFECT_API_URL", None)
    writer = subprocess.Popen([str(NEWSETL), "run", "--input", str(inbox), "--data", str(data), "--no-translate",
                               "--batch-size", "100"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, stdin=subprocess.DEVNULL)
    reads = 0
    while writer.poll() is None:
        out = _run(["report", "overview", "--data", str(data), "--format", "json"], prefect_home, check=False)
        assert out.returncode == 0, out.stderr
        reads += 1
        time.sleep(0.2)
    assert writer.returncode == 0, writer.stdout.read()
    assert reads >= 2
    final = report(data, "overview", prefect_home=prefect_home)
    assert sum(r["articles"] for r in final["Articles per language"]) > 500
