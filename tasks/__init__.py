"""Stage logic: plain functions over plain data, testable without Prefect."""
