"""What every task of a run shares: the run's context and counters, its logger, the retry rule, runners."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from prefect import get_run_logger
from prefect.cache_policies import NO_CACHE

from runtime.config import DataPaths
from runtime.staging import BatchDir

STAGES = ["ingest", "clean", "language", "extract", "translate", "link", "load"]


class RunCommitted(RuntimeError):
    """The run failed after its commit: its rows are stored, the database is not up to date."""


class _ThreadTimeoutNotice(logging.Filter):
    """Prefect warns on every task that a timeout cannot interrupt a thread mid-I/O; the
    timeouts here are a backstop against hangs, so one explanation in the docs is enough."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "configured for this task, but the task is running in a worker thread" not in record.getMessage()


logging.getLogger("prefect.task_runs").addFilter(_ThreadTimeoutNotice())


def log() -> logging.Logger | logging.LoggerAdapter:
    try:
        return get_run_logger()
    except Exception:  # called outside a flow run (plain function call in tests)
        return logging.getLogger("newsetl")


def _is_transient(task, task_run, state) -> bool:
    """Retry only I/O trouble (disk, network, locks); a ValueError from bad data is final."""
    try:
        state.result()
    except (OSError, TimeoutError):
        return True
    except Exception:
        return False
    return False


# Prefect caches a task's result under a key hashed from its inputs, and keeps it in memory for the flow's
# length: every batch's rows and item keys until the run ends (50 MB at 100,000 files). Runs here are made
# idempotent by the ledger, not by Prefect's cache, so no task uses it.
uncached = dict(cache_policy=NO_CACHE)
# No task carries tags: Prefect asks its API for a concurrency slot (and gives it back) for every tag of every task
# run, limit or not, and the first such call waits seconds for the temporary server's database. The flow bounds its
# own concurrency (batches in flight, one worker process per core), and a deployment runs one flow at a time.
io_retries = dict(retries=3, retry_delay_seconds=[1, 4, 10], retry_condition_fn=_is_transient,
                  **uncached)


@dataclass
class RunContext:
    run_id: str
    data_dir: Path
    started_at: datetime
    translate: bool = True
    workers: int | None = None  # processes for CPU-bound stages; None = all cores

    @property
    def paths(self) -> DataPaths:
        return DataPaths(self.data_dir)

    @property
    def staging(self) -> Path:
        return self.paths.staging / self.run_id

    def batch(self, batch_no: int) -> BatchDir:
        return BatchDir.of(self.paths.staging, self.run_id, batch_no)


@dataclass
class RunStats:
    files_seen: int = 0
    files_skipped: int = 0
    records_skipped: int = 0
    items_seen: int = 0
    articles_new: int = 0
    duplicates: int = 0
    quarantined: int = 0
    unchanged: int = 0
    backfilled: int = 0
    languages: dict[str, int] = field(default_factory=dict)
    translation: dict[str, int] = field(default_factory=dict)
    missing_models: dict[str, int] = field(default_factory=dict)
    stage_seconds: dict[str, float] = field(default_factory=lambda: {s: 0.0 for s in STAGES})

    def add_time(self, stage: str, seconds: float) -> None:
        self.stage_seconds[stage] = round(self.stage_seconds.get(stage, 0.0) + seconds, 3)

    def add_counts(self, target: dict, counts: dict) -> None:
        for key, n in counts.items():
            target[key] = target.get(key, 0) + n

    def add_triage(self, triage, keys: list[dict], bad: list[dict], skipped: list[dict]) -> None:
        """Count one ingested batch as triage saw it (a tasks.ledger.BatchTriage)."""
        self.records_skipped += sum(1 for f in skipped if f["source_item"])  # records of WARC archives
        self.files_skipped += sum(1 for f in skipped if not f["source_item"])
        self.items_seen += len(keys) + len(bad)
        self.quarantined += len(bad) - len(triage.bad_seen_before)
        self.unchanged += triage.unchanged + len(triage.bad_seen_before)
        self.duplicates += sum(1 for r in triage.ledger if r["outcome"] == "duplicate")

    def add_transform(self, result: dict) -> None:
        """Count one transformed batch (the result of the transform-batch task)."""
        for stage, secs in result["seconds"].items():
            self.add_time(stage, secs)
        self.quarantined += len(set(result["rejected"]))
        self.add_counts(self.languages, result["languages"])
        self.articles_new += sum(result["languages"].values())

    def add_translation(self, translated: dict) -> None:
        """Count one translated batch (the result of the translate-batch task)."""
        self.add_time("translate", translated["seconds"])
        self.add_counts(self.translation, translated["statuses"])
        self.add_counts(self.missing_models, translated["missing"])
        self.add_counts(self.translation, {"cache_hits": translated["cache_hits"],
                                           "sentences_to_model": translated["sentences_to_model"]})


def batched(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start:start + size]


def dask_task_runner(scheduler: str | None = None, n_workers: int = 2):
    """prefect-dask's runner: an existing cluster at `scheduler`, or a local one with n_workers processes."""
    from prefect_dask import DaskTaskRunner

    if scheduler:
        return DaskTaskRunner(address=scheduler)
    return DaskTaskRunner(cluster_class="distributed.LocalCluster",
                          cluster_kwargs={"n_workers": n_workers, "threads_per_worker": 1, "processes": True,
                                          "dashboard_address": None})


def rows(value):
    """A list of rows passed to a task, in `quote()`: Prefect would otherwise walk every row of it twice per call
    looking for futures (27 s of a 10,000-file run). Not for tasks submitted to Dask, whose serialisation turns
    the quote (a named tuple) into a plain tuple."""
    from prefect.context import FlowRunContext
    from prefect.utilities.annotations import quote

    context = FlowRunContext.get()
    if context is not None and type(context.task_runner).__name__ == "DaskTaskRunner":
        return value
    return quote(value)


def on_dask(flow_fn, scheduler: str | None = None, workers: int | None = None, parallel_batches: int | None = None):
    """`flow_fn` with its tasks on Dask, and the options to call it with: the cluster at `scheduler`, or a local
    one of `workers` processes (default 2); one process per Dask worker for the CPU-bound stages, and
    `parallel_batches` batches in flight (default twice the workers)."""
    n = workers or 2
    return (flow_fn.with_options(task_runner=dask_task_runner(scheduler, n)),
            {"workers": 1, "parallel_batches": 2 * n if parallel_batches is None else parallel_batches})
