"""The public table contract: every column of every table, declared once."""

from schemas.tables import (FIELDS, PER_ARTICLE_TABLES, TABLES, Field, Table, arrow_schema, conform, conform_staged, duckdb_type,
                            empty_table, staged_fields, staged_schema)

__all__ = ["FIELDS", "PER_ARTICLE_TABLES", "TABLES", "Field", "Table", "arrow_schema", "conform", "conform_staged", "duckdb_type",
           "empty_table", "staged_fields", "staged_schema"]
