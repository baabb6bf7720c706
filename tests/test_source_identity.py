"""What identifies a source: its input folder, its path there and its .jsonl line.

Two defects an outside probe found: the same relative path under two --input folders stored
one article twice, and an edited file became a second article with nothing marking the first
as replaced (reports counted both).
"""

from __future__ import annotations

import duckdb
import pytest

from schemas import PER_ARTICLE_TABLES

pytestmark = pytest.mark.e2e

TEXT = ("Chipmaker opens a factory in Eindhoven\n\n"
        "The Dutch chipmaker Nexperia opened a new factory in Eindhoven on Monday, said Anna Verbeek, "
        "the company's spokeswoman. The plant will employ 400 people by 2027.\n")
EDIT = TEXT + "\nThe mayor of Eindhoven, Jeroen Dijsselbloem, welcomed the investment on Tuesday.\n"
OTHER = ("Storm closes Norwegian ferry routes\n\n"
         "A storm closed ferry routes along the Norwegian coast on Sunday, the Norwegian Meteorological "
         "Institute said. Winds reached 30 metres per second.\n")


def _rows(data, sql):
    con = duckdb.connect(str(data / "news.duckdb"), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _inbox(tmp_path, **files) -> tuple:
    """An inbox holding `files` (name without .txt -> text) and the data folder beside it."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name, text in files.items():
        (inbox / f"{name}.txt").write_text(text, encoding="utf-8")
    return inbox, tmp_path / "data"


def _run(newsetl, data, *inputs):
    args = [a for folder in inputs for a in ("--input", str(folder))]
    out = newsetl("run", *args, "--data", str(data), "--no-translate")
    assert out.returncode == 0, out.stdout + out.stderr
    return out


def test_the_same_path_under_two_input_folders_is_one_article_and_one_duplicate(newsetl, tmp_path):
    for folder in ("in1", "in2"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.txt").write_text(TEXT, encoding="utf-8")
    data = tmp_path / "data"
    _run(newsetl, data, tmp_path / "in1", tmp_path / "in2")
    assert _rows(data, "select count(*), count(distinct article_id) from articles") == [(1, 1)]
    assert _rows(data, "select count(*) from paragraphs") == _rows(
        data, "select count(distinct paragraph_no) from paragraphs")
    assert _rows(data, "select input_root, source_file, outcome from source_files order by input_root") == [
        (str(tmp_path / "in1"), "a.txt", "new"), (str(tmp_path / "in2"), "a.txt", "duplicate")]
    assert _rows(data, "select items_seen, articles_new, duplicates, unchanged from runs") == [(2, 1, 1, 0)]
    # and a second run over both knows each of them
    _run(newsetl, data, tmp_path / "in1", tmp_path / "in2")
    assert _rows(data, "select articles_new, duplicates, unchanged from runs order by started_at desc limit 1") == [
        (0, 0, 2)]


def test_an_edited_file_supersedes_its_earlier_version(newsetl, tmp_path):
    inbox, data = _inbox(tmp_path, chip=TEXT, storm=OTHER)
    _run(newsetl, data, inbox)
    (old_id,) = _rows(data, "select article_id from articles where source_file = 'chip.txt'")[0]

    (inbox / "chip.txt").write_text(EDIT, encoding="utf-8")
    _run(newsetl, data, inbox)
    (new_id,) = _rows(data, "select article_id from articles where source_file = 'chip.txt'")[0]
    assert new_id != old_id
    # articles and every per-article table show the current version only
    assert _rows(data, "select source_file from articles order by 1") == [("chip.txt",), ("storm.txt",)]
    for table in (t for t in PER_ARTICLE_TABLES if t != "articles"):
        assert _rows(data, f"select count(*) from {table} where article_id = '{old_id}'") == [(0,)], table
    assert ("Jeroen Dijsselbloem",) in _rows(data, f"select name from entities where article_id = '{new_id}'")
    # the older version stays queryable, marked
    assert _rows(data, "select article_id, superseded_by from article_versions where source_file = 'chip.txt' "
                       "order by superseded_by nulls last") == [(old_id, new_id), (new_id, None)]
    assert _rows(data, "select article_id, superseded_by, source_file from superseded_articles") == [
        (old_id, new_id, "chip.txt")]
    # stories count the current version once
    assert _rows(data, "select sum(n_articles) from stories") == [(2,)]
    assert _rows(data, "select count(*) from articles where story_id is null") == [(0,)]


def test_a_reverted_edit_makes_the_first_version_current_again(newsetl, tmp_path):
    inbox, data = _inbox(tmp_path, chip=TEXT)
    _run(newsetl, data, inbox)
    (first,) = _rows(data, "select article_id from articles")[0]
    (inbox / "chip.txt").write_text(EDIT, encoding="utf-8")
    _run(newsetl, data, inbox)
    (inbox / "chip.txt").write_text(TEXT, encoding="utf-8")
    _run(newsetl, data, inbox)
    assert _rows(data, "select article_id from articles") == [(first,)]
    assert _rows(data, "select outcome from source_files order by detected_at") == [
        ("new",), ("new",), ("duplicate",)]
    assert _rows(data, "select count(*) from article_versions where superseded_by = ?".replace(
        "?", f"'{first}'")) == [(1,)]
    assert _rows(data, "select articles_new, duplicates from runs order by started_at") == [(1, 0), (1, 0), (0, 1)]
