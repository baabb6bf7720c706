"""One run per data folder, and a clean start after a killed one: the folder's lock, and removing what
a run that died left behind (uncommitted parts, staging folders, a half-built database)."""

from __future__ import annotations

import logging

from filelock import FileLock, Timeout

from runtime.config import DataPaths
from runtime.lake import Lake, remove_tree


class RunLocked(RuntimeError):
    pass


def acquire_lock(paths: DataPaths, wait_seconds: float, log: logging.Logger | logging.LoggerAdapter) -> FileLock:
    """The data folder's lock; waits up to `wait_seconds` for another run, then raises RunLocked."""
    paths.root.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(paths.lock))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        log.warning(f"another newsetl run holds {paths.lock}; waiting up to {wait_seconds:.0f} s for it to finish")
        try:
            lock.acquire(timeout=wait_seconds)
        except Timeout:
            raise RunLocked(
                f"another newsetl run is still using {paths.root} after {wait_seconds:.0f} s; "
                "this run did nothing. Wait for it to finish (or raise --wait) and run again.") from None
    return lock


def recover(paths: DataPaths, lake: Lake, log: logging.Logger | logging.LoggerAdapter) -> None:
    """Clear what a killed run may have left: uncommitted parts, staging folders, a half-built database."""
    removed = lake.collect_garbage()
    stale = list(paths.staging.glob("*")) if paths.staging.exists() else []
    for folder in stale:
        remove_tree(folder)
    half_built = list(paths.root.glob(f".{paths.database.name}.*.tmp*"))
    for path in half_built:
        path.unlink(missing_ok=True)
    if removed or stale or half_built:
        log.warning(f"cleaned up after an interrupted run: {len(removed)} uncommitted parts, "
                    f"{len(stale)} staging folders, {len(half_built)} half-built database files")


def committed(paths: DataPaths, run_id: str) -> bool:
    """Whether the lake's last commit is this run's (then its rows are stored whatever failed after)."""
    try:
        return Lake(paths.lake).manifest().get("last_run_id") == run_id
    except Exception:  # an unreadable manifest was not written by this run
        return False
