"""Storage and runtime: the Parquet lake, staging, settings, locks and recovery, worker processes,
translation model packages, progress events. Imports only `schemas/` (and third-party libraries)."""
