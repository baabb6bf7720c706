"""The public table contract: every column of every table, declared once."""

from schemas.tables import (EXTRACTED_TABLES, FIELDS, PER_ARTICLE_TABLES, TABLES, Field, Table, arrow_schema, conform, conform_staged,
                            empty_table, staged_fields, staged_schema)

__all__ = ["EXTRACTED_TABLES", "FIELDS", "PER_ARTICLE_TABLES", "TABLES", "Field", "Table", "arrow_schema", "conform", "conform_staged",
           "empty_table", "staged_fields", "staged_schema"]
