"""Both cores for the CPU-bound stages: a process pool that lives as long as the process.

Prefect's default task runner uses threads, and Python threads share one core for pure-
Python work (cleaning, language detection, extraction). `cpu_map` splits a batch into
chunks and runs a picklable stage function on them in worker processes; each worker loads
its models and rules once and keeps them for every later chunk. With one worker (or
NEWSETL_WORKERS=1, or on a Dask worker, which parallelises across machines instead) it
runs in-process.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

_pool: ProcessPoolExecutor | None = None
_pool_size = 0
_pool_lock = threading.Lock()  # tasks run in threads: two must not each start a pool
_warmed: ProcessPoolExecutor | None = None  # the pool start_workers has already warmed


def worker_count() -> int:
    configured = os.environ.get("NEWSETL_WORKERS")
    if configured:
        return max(1, int(configured))
    return max(1, min(os.cpu_count() or 1, 8))


def _get_pool(size: int) -> ProcessPoolExecutor:
    global _pool, _pool_size
    with _pool_lock:
        if _pool is None or _pool_size != size:
            if _pool is not None:
                _pool.shutdown(wait=False)
            # forkserver: workers start from a clean process, not a fork of one running Prefect's threads
            _pool = ProcessPoolExecutor(max_workers=size, mp_context=multiprocessing.get_context("forkserver"),
                                        initializer=_exit_with, initargs=(os.getpid(),))
            _pool_size = size
        return _pool


def _exit_with(run_pid: int) -> None:
    """In each worker: exit as soon as the run's process is gone. A run killed with SIGKILL cannot stop its
    workers, and a worker left waiting for work would live on, holding the run's output pipe open."""
    def watch() -> None:
        while _alive(run_pid):
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-run", daemon=True).start()


def _alive(pid: int) -> bool:
    """Running (a killed process its parent has not reaped yet is a zombie: gone, though its pid answers)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            return stat.read().rsplit(b")", 1)[1].split()[0] not in (b"Z", b"X")
    except FileNotFoundError:
        return False
    except OSError:  # no /proc: ask the kernel
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            pass
        return True


@atexit.register
def shutdown() -> None:
    global _pool
    if _pool is not None:
        _pool.shutdown(cancel_futures=True)
        _pool = None


def start_workers(warm: Callable[[], object], workers: int | None = None) -> None:
    """Start the worker processes now and have each run `warm` (load its rules), without waiting.

    A worker starts and loads its rules in about a second; started when a run begins, the workers are ready
    by the time ingest hands over the first batch. Does nothing with one worker, or when this pool is warm
    already. An error in `warm` is not raised here: the first batch meets it again and fails the run."""
    global _warmed
    workers = worker_count() if workers is None else workers
    if workers <= 1:
        return
    pool = _get_pool(workers)
    with _pool_lock:
        if _warmed is pool:
            return
        _warmed = pool
    for _ in range(workers):  # submitted back to back: each finds the others busy and starts a process
        pool.submit(warm)


def release_workers() -> None:
    """Stop the worker processes once a run's CPU-bound stages are done: each holds its rules and
    gazetteers (about 350 MB), which story linking needs for itself. Work already handed to the
    pool finishes first; the next `cpu_map` starts a new pool."""
    global _pool
    with _pool_lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=True)


def cpu_map(fn: Callable[[list[T]], R], items: list[T], workers: int | None = None,
            min_chunk: int = 8) -> list[R]:
    """fn applied to consecutive chunks of items, in order; one chunk per worker."""
    workers = worker_count() if workers is None else workers
    if workers <= 1 or len(items) < 2 * min_chunk:
        return [fn(items)]
    size = -(-len(items) // workers)
    chunks = [items[i:i + size] for i in range(0, len(items), size)]
    return list(_get_pool(workers).map(fn, chunks))
