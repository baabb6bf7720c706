"""A run's scratch space: one folder per batch, one Parquet file per intermediate result.

Tasks hand each other batch folders, not data frames, so a retried or remote task finds
its input on disk and memory holds one batch at a time.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from newsetl.lake import write_parquet_atomic


@dataclass(frozen=True)
class BatchDir:
    path: Path

    @classmethod
    def of(cls, staging_root: Path, run_id: str, batch_no: int) -> BatchDir:
        return cls(Path(staging_root) / run_id / f"b{batch_no:05d}")

    @property
    def name(self) -> str:
        return self.path.name

    def file(self, name: str) -> Path:
        return self.path / f"{name}.parquet"

    def has(self, name: str) -> bool:
        return self.file(name).exists()

    def write(self, name: str, rows: list[dict] | pa.Table) -> Path:
        table = rows if isinstance(rows, pa.Table) else pa.Table.from_pylist(rows)
        write_parquet_atomic(table, self.file(name))
        return self.file(name)

    def read(self, name: str) -> list[dict]:
        if not self.has(name):
            return []
        return pq.read_table(self.file(name)).to_pylist()

    def read_columns(self, name: str, columns: list[str]) -> list[dict]:
        """Only these columns (those the file has), for steps that need a slice of every batch."""
        if not self.has(name):
            return []
        present = [c for c in columns if c in pq.read_schema(self.file(name)).names]
        return pq.read_table(self.file(name), columns=present).to_pylist()
