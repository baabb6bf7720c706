"""The worker pool: started and warmed at the start of a run, in order, released before linking."""

from __future__ import annotations

import os

from runtime import parallel


def _pid_after_warm_up() -> int:
    from tasks.transform import warm_up

    warm_up()
    return os.getpid()


def test_start_workers_warms_each_worker_once_and_cpu_map_reuses_them():
    try:
        parallel.start_workers(_pid_after_warm_up, workers=2)
        pool = parallel._get_pool(2)
        assert parallel._warmed is pool
        parallel.start_workers(_pid_after_warm_up, workers=2)  # already warm: nothing submitted
        assert len(pool._processes) == 2  # one process per worker, started by the warm-up
        pids = set(parallel.cpu_map(worker_pid, list(range(40)), workers=2))
        assert pids <= set(pool._processes) and os.getpid() not in pids
    finally:
        parallel.release_workers()
    assert parallel._pool is None


def worker_pid(items: list[int]) -> int:
    return os.getpid()


def test_one_worker_starts_no_process():
    parallel.start_workers(_pid_after_warm_up, workers=1)
    assert parallel._pool is None
    assert parallel.cpu_map(worker_pid, list(range(40)), workers=1) == [os.getpid()]
