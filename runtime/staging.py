"""A run's scratch space: one folder per batch, one Parquet file per intermediate result.

Tasks hand each other batch folders, not data frames, so a retried or remote task finds
its input on disk and memory holds one batch at a time.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from runtime.lake import write_parquet_atomic
from schemas import conform_staged, staged_schema


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
        """Stage rows under `name`, typed by its schema (schemas.staged_schema): an undeclared column fails here."""
        if isinstance(rows, pa.Table) and rows.schema.equals(staged_schema(name)):
            table = rows  # already the staged schema (a step that only changed columns in Arrow)
        else:
            table = conform_staged(name, rows.to_pylist() if isinstance(rows, pa.Table) else rows)
        write_parquet_atomic(table, self.file(name))
        return self.file(name)

    def read(self, name: str) -> list[dict]:
        if not self.has(name):
            return []
        return pq.read_table(self.file(name)).to_pylist()

    def read_table(self, name: str) -> pa.Table | None:
        """The staged result as an Arrow table (None when nothing was staged), for steps that only add columns."""
        return pq.read_table(self.file(name)) if self.has(name) else None

    def read_columns(self, name: str, columns: list[str], distinct: bool = False) -> list[Row]:
        """Only these columns, as compact read-only rows, for steps that need a slice of every batch.

        With `distinct`, repeated rows are dropped (an entity named five times in an article
        is one name to link).
        """
        if not self.has(name):
            return []
        present = [c for c in columns if c in pq.read_schema(self.file(name)).names]
        return compact_rows(pq.read_table(self.file(name), columns=present), distinct)


class Row(Mapping):
    """A read-only row: a tuple of values behind a column index shared by every row of its table.

    A third of a dict's memory, which matters when a step holds a few columns of every
    article of a 100,000-article run; `get` and `in` are one dict look-up (story linking asks
    for absent columns a million times in a 10,000-article run).
    """

    __slots__ = ("_index", "_values")

    def __init__(self, index: dict[str, int], values: tuple):
        self._index = index
        self._values = values

    def __getitem__(self, key: str):
        at = self._index.get(key)
        if at is None:
            raise KeyError(key)
        return self._values[at]

    def get(self, key: str, default=None):
        at = self._index.get(key)
        return default if at is None else self._values[at]

    def __contains__(self, key: object) -> bool:
        return key in self._index

    def __iter__(self):
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)


def compact_rows(table: pa.Table, distinct: bool = False) -> list[Row]:
    """Rows of an Arrow table with repeated strings shared (interned), optionally without duplicates."""
    columns = tuple(table.column_names)
    index = {c: i for i, c in enumerate(columns)}
    seen: set[tuple] = set()
    out: list[Row] = []
    for values in zip(*(table.column(c).to_pylist() for c in columns)):
        values = tuple(sys.intern(v) if isinstance(v, str) else v for v in values)
        if distinct:
            if values in seen:
                continue
            seen.add(values)
        out.append(Row(index, values))
    return out
