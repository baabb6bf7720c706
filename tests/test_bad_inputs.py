"""The bad-input corpus through the real CLI: every kind gets its documented outcome, nothing crashes."""

from __future__ import annotations

import os

import duckdb
import pytest

from tests.conftest import TEST_DATA
from tests.data.bad.make_corpus import make_corpus

pytestmark = pytest.mark.e2e

ROOT = os.geteuid() == 0

# (source_file, source_line) -> (outcome, reason). The README's "Bad input" table says the same.
EXPECTED = {
    ("empty.txt", None): ("quarantined", "empty"),
    ("whitespace-only.txt", None): ("quarantined", "empty"),
    ("boilerplate-only.txt", None): ("quarantined", "only_boilerplate"),
    ("image-png.txt", None): ("quarantined", "binary"),
    ("archive-gzip.txt", None): ("quarantined", "binary"),
    ("invalid-utf8-middle.txt", None): ("new", None),
    ("utf16-with-bom.txt", None): ("new", None),
    ("utf16-without-bom.txt", None): ("new", None),
    ("windows-1252.txt", None): ("new", None),
    ("latin-1.txt", None): ("new", None),
    ("nul-byte.txt", None): ("new", None),
    ("broken-date-header.txt", None): ("new", None),
    ("mixed-language.txt", None): ("new", None),
    ("feed-one-bad-line.jsonl", 1): ("new", None),
    ("feed-one-bad-line.jsonl", 2): ("quarantined", "bad_jsonl"),
    ("feed-one-bad-line.jsonl", 3): ("new", None),
    ("fifty-megabytes.txt", None): ("quarantined", "too_large"),
    ("one-five-megabyte-line.txt", None): ("quarantined", "too_large"),
    # root reads any file whatever its mode, so there the unreadable file is an ordinary article
    ("no-permission.txt", None): ("new", None) if ROOT else ("quarantined", "unreadable"),
    ("loop-a.txt", None): ("quarantined", "unreadable"),
    ("loop-b.txt", None): ("quarantined", "unreadable"),
    ("dangling-link.txt", None): ("quarantined", "unreadable"),
    ("named-pipe.txt", None): ("quarantined", "not_a_file"),
}
# Files not read on purpose: no item, but a ledger row each (a hidden folder is one row).
SKIPPED = {
    (".cache/", None): ("skipped", "hidden"),
    (".hidden.txt", None): ("skipped", "hidden"),
    ("loop-dir/", None): ("skipped", "folder_link"),
    ("notes.md", None): ("skipped", "unsupported_kind"),
}


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory, prefect_home):
    import subprocess

    from tests.conftest import NEWSETL

    base = tmp_path_factory.mktemp("bad")
    corpus = make_corpus(base / "inbox")
    data = base / "data"
    env = {**os.environ, "PREFECT_HOME": str(prefect_home), "NO_COLOR": "1", "COLUMNS": "200"}
    env.pop("PREFECT_API_URL", None)
    out = subprocess.run([str(NEWSETL), "run", "--input", str(corpus), "--data", str(data)], capture_output=True,
                         text=True, env=env, timeout=600, stdin=subprocess.DEVNULL)
    yield {"out": out, "data": data, "corpus": corpus}
    (corpus / "no-permission.txt").chmod(0o644)


def _outcomes(con) -> dict:
    rows = con.execute("""
        select s.source_file, s.source_line, s.outcome, s.reason from source_files s where s.outcome <> 'quarantined'
        union all
        select q.source_file, q.source_line, 'quarantined', q.reason from quarantine q""").fetchall()
    return {(f, line): (outcome, reason) for f, line, outcome, reason in rows}


def test_the_run_survives_the_corpus(corpus_run):
    assert corpus_run["out"].returncode == 0, corpus_run["out"].stdout + corpus_run["out"].stderr


def test_every_kind_gets_its_documented_outcome(corpus_run):
    con = duckdb.connect(str(corpus_run["data"] / "news.duckdb"), read_only=True)
    assert _outcomes(con) == EXPECTED | SKIPPED
    ledger = dict(con.execute("select source_file, reason from source_files where outcome = 'quarantined'").fetchall())
    quarantine = dict(con.execute("select source_file, reason from quarantine").fetchall())
    assert ledger == quarantine


def test_every_item_is_accounted_for(corpus_run):
    con = duckdb.connect(str(corpus_run["data"] / "news.duckdb"), read_only=True)
    files, skipped, seen, new, dup, quarantined, unchanged = con.execute(
        "select files_seen, files_skipped, items_seen, articles_new, duplicates, quarantined, unchanged "
        "from runs").fetchone()
    assert seen == len(EXPECTED) == new + dup + quarantined + unchanged
    assert skipped == len(SKIPPED)
    # every file is read or skipped: the .jsonl feed is one file of three items
    assert files == len(EXPECTED) - 2 + len(SKIPPED)


def test_details_say_what_to_do(corpus_run):
    con = duckdb.connect(str(corpus_run["data"] / "news.duckdb"), read_only=True)
    details = dict(con.execute("select source_file, detail from quarantine").fetchall())
    details.pop("no-permission.txt", None)  # readable when the tests run as root
    symlinks = "cannot read the file: Too many levels of symbolic links; check its permissions or symlink target"
    no_text = "the file holds no text (empty or whitespace only)"
    assert details == {
        "archive-gzip.txt": "the file is a gzip archive, not text",
        "dangling-link.txt": "the symbolic link points to a missing file (does-not-exist.txt); fix or remove the link",
        "empty.txt": no_text,
        "feed-one-bad-line.jsonl": "line 2 is not valid JSON (Unterminated string starting at at column 10)",
        "fifty-megabytes.txt": "52.5 MB is more than the 2 MB limit for one article; split it, or raise "
                               "NEWSETL_MAX_ITEM_MB",
        "image-png.txt": "the file is a PNG image, not text",
        "loop-a.txt": symlinks,
        "loop-b.txt": symlinks,
        "named-pipe.txt": "this is a pipe, socket or device, not a regular file; newsetl does not read those",
        "one-five-megabyte-line.txt": "5.2 MB is more than the 2 MB limit for one article; split it, or raise "
                                      "NEWSETL_MAX_ITEM_MB",
        "whitespace-only.txt": no_text,
        "boilerplate-only.txt": "every line was boilerplate (agency_byline, lone_punctuation, reply_prompt, "
                                "share_prompt, url_fragment)",
    }


def test_decoded_kinds_keep_their_text(corpus_run):
    con = duckdb.connect(str(corpus_run["data"] / "news.duckdb"), read_only=True)
    rows = {f: (enc, text, pub) for f, enc, text, pub in con.execute(
        "select source_file, encoding, text_clean, published from articles where source_line is null").fetchall()}
    assert rows["invalid-utf8-middle.txt"][0].startswith("utf-8 (") and "\ufffd" in rows["invalid-utf8-middle.txt"][1]
    assert "\x00" not in rows["nul-byte.txt"][1] and "statsbudsjettet" in rows["nul-byte.txt"][1]
    assert "compañía" in rows["windows-1252.txt"][1]
    assert rows["utf16-without-bom.txt"][0] == "utf-16-le" and "år" in rows["utf16-without-bom.txt"][1]
    assert rows["broken-date-header.txt"][2] is None
    assert con.execute("select reason from removed_lines r join articles a using (article_id) "
                       "where a.source_file = 'broken-date-header.txt'").fetchall() == [("date_header_invalid",)]
    mixed = con.execute("select p.lang from paragraphs p join articles a using (article_id) "
                        "where a.source_file = 'mixed-language.txt' order by paragraph_no").fetchall()
    assert [m[0] for m in mixed] == ["de", "en", "de"]


def test_jsonl_paths_are_stored_never_opened(corpus_run):
    con = duckdb.connect(str(corpus_run["data"] / "news.duckdb"), read_only=True)
    url, text = con.execute("select url, text_raw from articles where source_line = 1").fetchone()
    assert url == "file:///etc/passwd" and "root:" not in text


def test_second_run_over_the_corpus_adds_nothing(corpus_run, newsetl):
    con = duckdb.connect(str(corpus_run["data"] / "news.duckdb"), read_only=True)
    before = con.execute("select count(*) from quarantine").fetchone()[0]
    con.close()
    out = newsetl("run", "--input", str(corpus_run["corpus"]), "--data", str(corpus_run["data"]))
    assert out.returncode == 0, out.stderr
    con = duckdb.connect(str(corpus_run["data"] / "news.duckdb"), read_only=True)
    new, quarantined, unchanged, skipped = con.execute(
        "select articles_new, quarantined, unchanged, files_skipped from runs order by started_at desc limit 1"
    ).fetchone()
    # the same problems are not reported twice: they are unchanged items now; skipped files are
    # skipped again (and counted), but their ledger rows are not repeated
    assert (new, quarantined, unchanged, skipped) == (0, 0, len(EXPECTED), len(SKIPPED))
    assert con.execute("select count(*) from source_files where outcome = 'skipped'").fetchone()[0] == len(SKIPPED)
    assert con.execute("select count(*) from quarantine").fetchone()[0] == before
