"""The table contract: one declaration, enforced by the writer, documented in the README."""

import re
from pathlib import Path

import pyarrow as pa
import pytest

from schemas import FIELDS, TABLES, arrow_schema, conform

README = Path(__file__).resolve().parents[1] / "README.md"


def test_every_table_field_is_declared_and_keys_are_fields():
    for table in TABLES.values():
        assert set(table.primary_key) <= set(table.fields), table.name
        assert len(set(table.fields)) == len(table.fields), table.name


def test_every_declared_field_is_used_by_some_table_or_staged_result():
    from schemas.tables import CARRIED

    used = {f for t in TABLES.values() for f in t.fields} | {f for fields in CARRIED.values() for f in fields}
    assert set(FIELDS) - used == set()


def test_contract_columns_of_the_issue_exist():
    required = {
        "articles": ["article_id", "source_file", "source", "credit", "url", "published", "published_precision",
                     "title", "lang", "lang_confidence", "text_raw", "text_clean", "text_en", "translation_status",
                     "story_id", "run_id", "ingested_at"],
        "paragraphs": ["article_id", "paragraph_no", "text", "lang"],
        "removed_lines": ["article_id", "line_no", "text", "reason"],
        "entities": ["article_id", "type", "name", "surface", "start_char", "end_char"],
        "dates": ["article_id", "surface", "date_text", "date", "start_char"],
        "quotes": ["article_id", "speaker", "text", "text_en", "start_char"],
        "numbers": ["article_id", "surface", "value", "unit"],
        "stories": ["story_id", "label", "n_articles", "languages", "first_published"],
        "runs": ["run_id", "started_at", "finished_at", "status", "files_seen", "articles_new", "duplicates",
                 "quarantined"],
        "quarantine": ["source_file", "reason", "detail", "run_id", "detected_at"],
    }
    for table, columns in required.items():
        assert set(columns) <= set(TABLES[table].fields), table
    assert arrow_schema("articles").field("published").type == pa.date32()


def test_conform_refuses_unknown_and_missing_columns():
    with pytest.raises(ValueError, match="unknown columns"):
        conform("removed_lines", [{"article_id": "a", "line_no": 1, "text": "x", "reason": "r", "typo": 1}])
    with pytest.raises(ValueError, match="missing columns"):
        conform("removed_lines", pa.table({"article_id": ["a"]}))
    table = conform("removed_lines", [{"article_id": "a", "line_no": 1, "text": "x", "reason": "r"}])
    assert table.schema.equals(arrow_schema("removed_lines"))


def test_readme_documents_every_column_of_every_table():
    """Fails when a column is added to schemas/ but not to the README's table reference."""
    text = README.read_text(encoding="utf-8")
    for table in TABLES.values():
        section = re.search(rf"^#### `{table.name}`\n(.*?)(?=^#### |^## |\Z)", text, re.S | re.M)
        assert section, f"README has no '#### `{table.name}`' section"
        for field in table.fields:
            assert re.search(rf"^\| `{field}` \|", section.group(1), re.M), f"README: {table.name}.{field} undocumented"


def test_readme_table_reference_is_generated_from_schemas():
    from schemas.docs import readme_block, tables_markdown

    assert readme_block(README.read_text(encoding="utf-8")) == tables_markdown(), \
        "README's table reference is stale: run `python -m schemas.docs --write`"


def test_no_module_retypes_the_table_list_or_a_tables_columns():
    """Table lists and column lists derive from schemas.TABLES; a literal copy elsewhere would drift."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    every_table = set(TABLES)
    columns = [set(spec.fields) for spec in TABLES.values()]
    copies = []
    for folder in ("newsetl", "flows", "tasks", "warehouse", "bench", "tools"):
        for path in sorted((root / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, (ast.List, ast.Set, ast.Tuple)) or len(node.elts) < 4:
                    continue
                if not all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts):
                    continue
                values = {e.value for e in node.elts}
                # all tables, or all the columns of a table (with or without run_id)
                if values >= every_table or any(values in (c, c - {"run_id"}) for c in columns):
                    copies.append(f"{path.relative_to(root)}:{node.lineno}")
    assert copies == []
