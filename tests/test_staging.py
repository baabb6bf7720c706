"""Staging is typed by the same declarations as the lake: an undeclared or mistyped column fails loudly."""

from __future__ import annotations

import pyarrow.parquet as pq
import pytest

from runtime.staging import BatchDir
from schemas import FIELDS, TABLES, staged_schema


def test_staged_tables_have_the_lake_types(tmp_path):
    batch = BatchDir.of(tmp_path, "run", 1)
    batch.write("entities", [{"article_id": "a", "type": "person", "name": "X", "surface": "X", "start_char": 1,
                              "end_char": 2}])
    schema = pq.read_schema(batch.file("entities"))
    assert schema.names == [f for f in TABLES["entities"].fields if f != "run_id"]
    assert all(schema.field(f).type == FIELDS[f].type for f in schema.names)


def test_an_undeclared_column_names_the_table_and_column(tmp_path):
    batch = BatchDir.of(tmp_path, "run", 1)
    with pytest.raises(ValueError) as err:
        batch.write("dates", [{"article_id": "a", "date_txt": "2022-01-10"}])
    assert str(err.value) == "staging dates: undeclared columns ['date_txt'] (declare them in schemas/tables.py)"
    assert not batch.has("dates")


def test_a_mistyped_value_names_the_table_and_column(tmp_path):
    batch = BatchDir.of(tmp_path, "run", 1)
    with pytest.raises(TypeError) as err:
        batch.write("numbers", [{"article_id": "a", "value": 3.0, "start_char": "twelve"}])
    assert str(err.value) == "staging numbers: column start_char must be int32, got 'twelve'"


def test_an_unknown_staged_name_fails(tmp_path):
    with pytest.raises(ValueError) as err:
        BatchDir.of(tmp_path, "run", 1).write("entites", [])
    assert str(err.value) == ("staging: 'entites' is neither a table of schemas.TABLES nor a staged result "
                              "(items, quarantined)")


def test_staged_articles_carry_only_the_declared_item_columns_and_link_keys():
    names = set(staged_schema("articles").names)
    assert names - set(TABLES["articles"].fields) == {"content_sha256", "extractor", "extractor_version",
                                                      "raw_bytes", "extracted_bytes", "name_words", "event_kinds"}
    assert not {"run_id", "ingested_at"} & names


def test_compact_rows_answer_like_read_only_dicts_and_drop_repeats():
    import pyarrow as pa

    from runtime.staging import compact_rows

    table = pa.table({"article_id": ["a", "a", "b"], "name": ["Oslo", "Oslo", "Bergen"]})
    rows = compact_rows(table, distinct=True)
    assert [dict(r) for r in rows] == [{"article_id": "a", "name": "Oslo"}, {"article_id": "b", "name": "Bergen"}]
    first = rows[0]
    assert first["name"] == "Oslo" and first.get("name") == "Oslo"
    assert first.get("type") is None and first.get("type", "location") == "location"
    assert "name" in first and "type" not in first and len(first) == 2
    with pytest.raises(KeyError, match="type"):
        first["type"]
    assert rows[0]._index is rows[1]._index  # one column index for every row of the table
