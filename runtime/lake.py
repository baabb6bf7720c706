"""The Parquet lake: one folder per table, and a manifest that says which files count.

A run writes its files first and makes them visible in one step, by replacing
`_manifest.json` (an atomic rename). Files that no manifest names are leftovers of a run
that died before committing; nothing reads them and the next run deletes them. So a crash
at any point leaves either the old tables or the new ones, never a mix.
"""

from __future__ import annotations

import json
import os
import shutil
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from schemas import TABLES, arrow_schema, conform

MANIFEST = "_manifest.json"
FORMAT_VERSION = 1


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_parquet_atomic(table: pa.Table, path: Path) -> None:
    """Write to a temporary name, fsync, rename: a reader sees the whole file or none."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        pq.write_table(table, tmp, compression="zstd")
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


@dataclass
class Commit:
    """What a run changes: parts to add per table, and tables whose old parts it replaces."""

    run_id: str
    added: dict[str, list[str]]
    replaced: set[str]
    removed: dict[str, list[str]] | None = None


class Lake:
    def __init__(self, root: Path):
        self.root = Path(root)

    # ---- reading -----------------------------------------------------------------
    def manifest(self) -> dict:
        path = self.root / MANIFEST
        if not path.exists():
            return {"format": FORMAT_VERSION, "version": 0, "tables": {t: [] for t in TABLES}}
        data = json.loads(path.read_text())
        for table in TABLES:
            data["tables"].setdefault(table, [])
        return data

    def files(self, table: str, manifest: dict | None = None) -> list[Path]:
        manifest = manifest or self.manifest()
        return [self.root / rel for rel in manifest["tables"].get(table, [])]

    def read(self, table: str, columns: list[str] | None = None, manifest: dict | None = None,
             article_ids: list[str] | None = None) -> pa.Table:
        """Committed rows of a table in the current schema; columns older files lack are NULL.
        `article_ids`: only the rows of these articles (pushed down to the Parquet scan)."""
        return self._scan(table, self.files(table, manifest), columns, article_ids)

    def read_part(self, table: str, path: Path, columns: list[str] | None = None) -> pa.Table:
        """The rows of one committed part file, in the table's current schema."""
        return self._scan(table, [Path(path)], columns, None)

    @staticmethod
    def _scan(table: str, files: list[Path], columns: list[str] | None, article_ids: list[str] | None) -> pa.Table:
        schema = arrow_schema(table)
        if not files:
            empty = schema.empty_table()
            return empty.select(columns) if columns else empty
        import pyarrow.dataset as ds  # here, not at the top: it imports pandas (about 50 MB), which a run on a new
        # data folder never needs

        dataset = ds.dataset([str(f) for f in files], schema=schema, format="parquet")
        where = None if article_ids is None else ds.field("article_id").isin(pa.array(article_ids, type=pa.string()))
        return dataset.to_table(columns=columns, filter=where)

    # ---- writing -----------------------------------------------------------------
    def part_path(self, table: str, name: str) -> str:
        return f"{table}/{name}.parquet"

    def write_part(self, table: str, data: pa.Table | list[dict], name: str) -> str:
        """Write one uncommitted part; returns its path relative to the lake root."""
        rel = self.part_path(table, name)
        write_parquet_atomic(conform(table, data), self.root / rel)
        return rel

    def commit(self, commit: Commit) -> dict:
        """Make a run's parts visible, all tables at once."""
        manifest = self.manifest()
        tables = manifest["tables"]
        retired = manifest.setdefault("retired", {})
        now = time.time()
        for table in commit.replaced:
            retired.update({rel: now for rel in tables[table]})
            tables[table] = []
        for table, rels in (commit.removed or {}).items():
            drop = set(rels)
            retired.update({rel: now for rel in tables[table] if rel in drop})
            tables[table] = [r for r in tables[table] if r not in drop]
        for table, rels in commit.added.items():
            if table not in TABLES:
                raise ValueError(f"unknown table {table}")
            missing = [r for r in rels if not (self.root / r).exists()]
            if missing:
                raise FileNotFoundError(f"cannot commit {table}: parts missing on disk: {missing}")
            tables[table] = [r for r in tables[table] if r not in rels] + list(rels)
        manifest["version"] = manifest.get("version", 0) + 1
        manifest["last_run_id"] = commit.run_id
        manifest["committed_at"] = now
        self._write_manifest(manifest)
        return manifest

    def collect_garbage(self, grace_seconds: float = 3600.0) -> list[Path]:
        """Delete parts that the manifest does not list.

        Leftovers of a run that never committed go at once. Parts a later commit replaced
        ("retired") stay for `grace_seconds`, so that a reader who opened the previous
        database a moment ago can finish its query. Call only while holding the run lock.
        """
        manifest = self.manifest()
        listed = {rel for rels in manifest["tables"].values() for rel in rels}
        retired = manifest.get("retired", {})
        now = time.time()
        removed = []
        for table in TABLES:
            folder = self.root / table
            if not folder.is_dir():
                continue
            for path in folder.iterdir():
                rel = f"{table}/{path.name}"
                if rel in listed or (rel in retired and now - retired[rel] < grace_seconds):
                    continue
                path.unlink(missing_ok=True)
                removed.append(path)
        expired = [rel for rel, at in retired.items() if now - at >= grace_seconds]
        if expired:
            for rel in expired:
                del retired[rel]
            self._write_manifest(manifest)
        return removed

    def _write_manifest(self, manifest: dict) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        tmp = self.root / f".{MANIFEST}.{uuid.uuid4().hex[:8]}.tmp"
        tmp.write_text(json.dumps(manifest, indent=1, sort_keys=True))
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, self.root / MANIFEST)
        _fsync_dir(self.root)


def part_name(run_id: str, batch: str | int | None = None) -> str:
    """Parts are named <run id>~<batch>, so a stray file can be traced to its run."""
    return run_id if batch is None else f"{run_id}~{batch}"


def remove_tree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
