"""The lake's promise: nothing is visible before commit, and leftovers of a crash are cleaned."""

import json
import pyarrow as pa
import pyarrow.parquet as pq

from runtime.lake import Commit, Lake, part_name
from schemas import arrow_schema
from warehouse.database import build_database, connect_readonly

ROW = {"article_id": "a1", "line_no": 1, "text": "NTB", "reason": "agency_byline", "run_id": "r1"}


def test_parts_are_invisible_until_commit(tmp_path):
    lake = Lake(tmp_path)
    rel = lake.write_part("removed_lines", [ROW], part_name("r1", "b1"))
    assert (tmp_path / rel).exists()
    assert lake.read("removed_lines").num_rows == 0
    lake.commit(Commit("r1", {"removed_lines": [rel]}, replaced=set()))
    assert lake.read("removed_lines").to_pylist() == [ROW]


def test_garbage_collection_removes_uncommitted_parts_only(tmp_path):
    lake = Lake(tmp_path)
    kept = lake.write_part("removed_lines", [ROW], part_name("r1", "b1"))
    runs = lake.write_part("runs", [{"run_id": "r1", "status": "completed"}], part_name("r1"))
    lake.commit(Commit("r1", {"removed_lines": [kept], "runs": [runs]}, replaced=set()))
    crashed = lake.write_part("removed_lines", [{**ROW, "run_id": "r2"}], part_name("r2", "b1"))
    (tmp_path / "removed_lines" / ".x.parquet.abc.tmp").write_bytes(b"half")
    removed = lake.collect_garbage()
    assert sorted(p.name for p in removed) == sorted([".x.parquet.abc.tmp", (tmp_path / crashed).name])
    assert (tmp_path / kept).exists()


def test_replaced_parts_survive_a_grace_period(tmp_path):
    lake = Lake(tmp_path)
    old = lake.write_part("stories", [{"story_id": "s1", "n_articles": 1}], part_name("r1"))
    lake.commit(Commit("r1", {"stories": [old]}, replaced={"stories"}))
    new = lake.write_part("stories", [{"story_id": "s2", "n_articles": 2}], part_name("r2"))
    lake.commit(Commit("r2", {"stories": [new]}, replaced={"stories"}))
    assert [r["story_id"] for r in lake.read("stories").to_pylist()] == ["s2"]
    lake.collect_garbage(grace_seconds=3600)
    assert (tmp_path / old).exists()
    lake.collect_garbage(grace_seconds=0)
    assert not (tmp_path / old).exists() and (tmp_path / new).exists()


def test_manifest_replace_is_atomic_json(tmp_path):
    lake = Lake(tmp_path)
    rel = lake.write_part("removed_lines", [ROW], part_name("r1", "b1"))
    lake.commit(Commit("r1", {"removed_lines": [rel]}, replaced=set()))
    manifest = json.loads((tmp_path / "_manifest.json").read_text())
    assert manifest["tables"]["removed_lines"] == [rel] and manifest["version"] == 1
    assert not list(tmp_path.glob(".*.tmp"))


def test_older_files_with_a_column_fewer_still_read(tmp_path):
    """Schema evolution: a part written before a column existed reads with NULLs there."""
    lake = Lake(tmp_path)
    old_schema = arrow_schema("removed_lines").remove(arrow_schema("removed_lines").get_field_index("reason"))
    path = tmp_path / "removed_lines" / "r0~b1.parquet"
    path.parent.mkdir(parents=True)
    pq.write_table(pa.Table.from_pylist([{k: v for k, v in ROW.items() if k != "reason"}], schema=old_schema), path)
    new = lake.write_part("removed_lines", [{**ROW, "run_id": "r1"}], part_name("r1", "b1"))
    lake.commit(Commit("r1", {"removed_lines": ["removed_lines/r0~b1.parquet", new]}, replaced=set()))
    rows = sorted(lake.read("removed_lines").to_pylist(), key=lambda r: r["run_id"])
    assert [r["reason"] for r in rows] == [None, "agency_byline"]
    db = build_database(tmp_path / "news.duckdb", lake)
    con = connect_readonly(db)
    assert con.execute("select count(*), count(reason) from removed_lines").fetchone() == (2, 1)


def test_database_views_exist_for_empty_tables_with_declared_types(tmp_path):
    lake = Lake(tmp_path / "lake")
    db = build_database(tmp_path / "news.duckdb", lake)
    con = connect_readonly(db)
    assert con.execute("select count(*) from articles").fetchone() == (0,)
    types = dict(con.execute("select column_name, data_type from information_schema.columns "
                             "where table_name = 'articles'").fetchall())
    assert types["published"] == "DATE" and types["lang_confidence"] == "DOUBLE"
    comment = con.execute("select comment from duckdb_columns() where table_name = 'articles' "
                          "and column_name = 'article_id'").fetchone()[0]
    assert "SHA-256" in comment


def test_read_keeps_only_the_articles_asked_for_and_read_part_one_file(tmp_path):
    from runtime.lake import Commit, Lake
    from schemas import arrow_schema
    lake = Lake(tmp_path)
    schema = arrow_schema("entities")
    rows = [{f.name: None for f in schema} | {"article_id": a, "type": "person", "name": n}
            for a, n in (("a1", "Ann"), ("a2", "Bo"), ("a3", "Cy"))]
    rel = lake.write_part("entities", rows, "p1")
    lake.commit(Commit(run_id="r1", added={"entities": [rel]}, replaced=set()))
    got = lake.read("entities", columns=["article_id", "name"], article_ids=["a1", "a3"]).to_pylist()
    assert sorted(r["name"] for r in got) == ["Ann", "Cy"]
    assert lake.read("entities", article_ids=[]).num_rows == 0
    assert lake.read_part("entities", lake.root / rel, columns=["name"]).column("name").to_pylist() == ["Ann", "Bo", "Cy"]
