"""DuckDB side: views over the Parquet lake, macros, and report SQL."""
