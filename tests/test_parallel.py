"""The worker pool: started and warmed at the start of a run, in order, released before linking."""

from __future__ import annotations

import os
import time

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


def test_workers_exit_when_the_run_is_killed(tmp_path):
    """A run killed with SIGKILL cannot stop its workers: they notice and exit on their own."""
    import signal
    import subprocess
    import sys

    script = ("import os, sys, time\n"
              "from runtime import parallel\n"
              "from tests.test_parallel import _pid_after_warm_up\n"
              "parallel.start_workers(_pid_after_warm_up, workers=2)\n"
              "time.sleep(3)\n"
              "print(' '.join(str(p) for p in parallel._pool._processes), flush=True)\n"
              "os.kill(os.getpid(), 9)\n")
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                          cwd=os.path.dirname(os.path.dirname(__file__)))
    assert proc.returncode == -signal.SIGKILL
    pids = [int(p) for p in proc.stdout.split()]
    assert len(pids) == 2
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(p) for p in pids):
        time.sleep(0.1)
    assert not any(_alive(p) for p in pids)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True
