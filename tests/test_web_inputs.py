"""Web inputs through the real CLI: one file of each kind (and a bad one of each) in one folder, run twice."""

from __future__ import annotations

import gzip
import os
import subprocess
from datetime import date
from pathlib import Path

import duckdb
import pytest

from tasks.readers.kinds import QUARANTINE_REASONS, SKIP_REASONS
from tests.conftest import NEWSETL, REPO
from tests.web_fixtures import EMPTY_PAGE, FERRY, PNG, SALMON, page, rid, rss, warc_bytes

pytestmark = pytest.mark.e2e

A = "https://valleypost.example/bridge"
PAGE_A = page("Footbridge opens in Torsby", ["A new footbridge across the river Lenna opened in Torsby on Monday, "
                                             "ending a detour of three kilometres for cyclists."],
              url=A, published="2025-02-03", site="Valley Post", author="Ines Varga")
B = "https://valleypost.example/library"
PAGE_B = page("Library extends its hours", ["The town library of Torsby will stay open until nine in the evening "
                                            "on weekdays from March."], url=B, published=None)


def make_inbox(inbox: Path) -> Path:
    inbox.mkdir(parents=True)
    (inbox / "vestvik.html").write_text(page(), encoding="utf-8")
    (inbox / "tidemark.rss").write_text(rss([FERRY, SALMON]), encoding="utf-8")
    (inbox / "crawl.warc.gz").write_bytes(warc_bytes([
        ("warcinfo", None, b"", None), ("request", A, b"", None), ("response", A, PAGE_A.encode(), "text/html"),
        ("response", "https://valleypost.example/logo.png", PNG, "image/png")]))
    (inbox / "saved.txt.gz").write_bytes(gzip.compress(
        "Fishermen in Vestvik got larger quotas on Thursday, the minister said in a statement.\n".encode()))
    # one bad input of each new kind
    (inbox / "bad").mkdir()
    cut = gzip.compress(("Harbour news from Vestvik and the islands. " * 300).encode())
    (inbox / "bad" / "cut.txt.gz").write_bytes(cut[:len(cut) // 2])
    whole = warc_bytes([("response", B, PAGE_B.encode(), "text/html"), ("response", A, PAGE_A.encode(), "text/html")])
    (inbox / "bad" / "cut.warc.gz").write_bytes(whole[:len(whole) - 30])
    (inbox / "bad" / "broken.xml").write_text("<rss><channel><<<title>oops</title>", encoding="utf-8")
    (inbox / "bad" / "menu.html").write_text(EMPTY_PAGE, encoding="utf-8")
    (inbox / "bad" / "quiet.rss").write_text(rss([]), encoding="utf-8")
    return inbox


@pytest.fixture(scope="module")
def web_run(tmp_path_factory, prefect_home):
    base = tmp_path_factory.mktemp("web")
    inbox = make_inbox(base / "inbox")
    data = base / "data"
    env = {**os.environ, "PREFECT_HOME": str(prefect_home), "NO_COLOR": "1", "COLUMNS": "200"}
    env.pop("PREFECT_API_URL", None)

    def run():
        return subprocess.run([str(NEWSETL), "run", "--input", str(inbox), "--data", str(data), "--no-translate"],
                              capture_output=True, text=True, env=env, timeout=600, stdin=subprocess.DEVNULL,
                              cwd=REPO)

    first = run()
    con = duckdb.connect(str(data / "news.duckdb"), read_only=True)
    snapshot = {
        "articles": con.execute("select source_file, source_item, title, url, published, published_source, author, "
                                "source, captured_at is not null from articles order by 1, 2").fetchall(),
        "ledger": con.execute("select source_file, source_item, outcome, reason, extractor from source_files "
                              "order by 1, 2").fetchall(),
        "quarantine": con.execute("select source_file, source_item, reason from quarantine order by 1").fetchall(),
        "runs": con.execute("select files_seen, files_skipped, records_skipped, items_seen, articles_new, "
                            "duplicates, quarantined, unchanged from runs").fetchall(),
    }
    con.close()
    second = run()
    con = duckdb.connect(str(data / "news.duckdb"), read_only=True)
    snapshot["second_run"] = con.execute(
        "select files_seen, files_skipped, records_skipped, items_seen, articles_new, duplicates, quarantined, "
        "unchanged from runs order by started_at desc limit 1").fetchone()
    snapshot["ledger_rows_after_second"] = con.execute("select count(*) from source_files").fetchone()[0]
    con.close()
    return {"first": first, "second": second, **snapshot}


def test_both_runs_succeed(web_run):
    for out in (web_run["first"], web_run["second"]):
        assert out.returncode == 0, out.stdout + out.stderr
        assert "Traceback" not in out.stderr


def test_every_kind_gives_its_articles(web_run):
    assert web_run["articles"] == [
        ("bad/cut.warc.gz", rid(1), "Library extends its hours", B, None, None, "Mara Lind", "Coast Daily", True),
        ("crawl.warc.gz", rid(3), "Footbridge opens in Torsby", A, date(2025, 2, 3), "html", "Ines Varga",
         "Valley Post", True),
        ("saved.txt.gz", None, None, None, None, None, None, None, False),
        ("tidemark.rss", "tm-1", "Ferry fares frozen", "https://tidemark.example/ferry", date(2025, 2, 11), "feed",
         "Ola Strand", "Tidemark News", False),
        ("tidemark.rss", "tm-2", "Salmon farm fined", "https://tidemark.example/salmon", date(2025, 2, 10), "feed",
         "Kari Vik", "Tidemark News", False),
        ("vestvik.html", None, "Vestvik harbour reopens after storm", "https://coastdaily.example/2025/01/15/vestvik",
         date(2025, 1, 15), "html", "Mara Lind", "Coast Daily", False)]


def test_bad_inputs_and_skipped_records_each_have_their_reason(web_run):
    assert web_run["quarantine"] == [
        ("bad/broken.xml", None, "bad_feed"),
        ("bad/cut.txt.gz", None, "truncated"),
        ("bad/cut.warc.gz", f"offset:{len(warc_bytes([('response', B, PAGE_B.encode(), 'text/html')]))}", "truncated"),
        ("bad/menu.html", None, "no_article_text"),
        ("bad/quiet.rss", None, "empty_feed")]
    skipped = [(f, item, reason) for f, item, outcome, reason, _ in web_run["ledger"] if outcome == "skipped"]
    assert skipped == [("crawl.warc.gz", rid(1), "warc_warcinfo"), ("crawl.warc.gz", rid(2), "warc_request"),
                       ("crawl.warc.gz", rid(4), "not_html")]
    # the good record before the damage is an article
    assert ("bad/cut.warc.gz", rid(1), "new", None, "trafilatura") in web_run["ledger"]
    extractors = {(f, item): ex for f, item, outcome, _, ex in web_run["ledger"] if outcome == "new"}
    assert extractors[("saved.txt.gz", None)] is None and extractors[("vestvik.html", None)] == "trafilatura"


def test_the_accounting_identity_holds_and_a_second_run_finds_everything_unchanged(web_run):
    # 9 files; 6 articles (1 html, 2 feed entries, 1 WARC page, 1 .txt.gz, 1 page before a WARC's damage) and
    # 5 quarantined items; 3 WARC records skipped
    [(files, files_skipped, records_skipped, items, new, dups, quarantined, unchanged)] = web_run["runs"]
    assert (files, files_skipped, records_skipped, items, new, dups, quarantined, unchanged) == (
        9, 0, 3, 11, 6, 0, 5, 0)
    assert items == new + dups + quarantined + unchanged
    assert web_run["second_run"] == (9, 0, 3, 11, 0, 0, 0, 11)
    assert web_run["ledger_rows_after_second"] == len(web_run["ledger"])


def test_the_readme_documents_every_web_reason():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for reason in (*QUARANTINE_REASONS, *SKIP_REASONS):
        assert f"`{reason}`" in readme, reason
