"""The public table contract: every column of every table, declared once."""

from schemas.tables import FIELDS, TABLES, Field, Table, arrow_schema, conform, duckdb_type, empty_table

__all__ = ["FIELDS", "TABLES", "Field", "Table", "arrow_schema", "conform", "duckdb_type", "empty_table"]
