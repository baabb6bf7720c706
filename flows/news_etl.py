"""The `news-etl` flow: extract (ingest), transform (clean, language, extract, translate, link), load.

Thin orchestration only. Tasks hand each other batch folders under <data>/staging/<run>/,
call pure stage functions from `tasks/`, and write their results back; the run's rows
become visible in one commit at the end. Lists of rows passed to a task go through `rows()`
(flows/run_context.py), which keeps Prefect from walking every row looking for futures. Retries are reserved for steps that touch the
outside world (disk, models) and never fire for bad input. The tasks after ingest are in
flows/batch_tasks.py; the run's context and counters in flows/run_context.py; its report
in flows/run_summary.py.
"""

from __future__ import annotations

import time
import uuid
from collections import deque
from dataclasses import asdict
from datetime import datetime, timezone

from prefect import flow, task
from prefect.runtime import flow_run

import flows.resources as resources
from flows.batch_tasks import (backfill_translations, commit_run, link_stories, refresh_database, stage_ledger,
                               transform_batch, translate_batch, write_batches)
from flows.run_context import (STAGES, RunCommitted, RunContext, RunStats, _is_transient,  # noqa: F401
                               batched, io_retries, log, on_dask, rows)
from flows.run_summary import publish_summary, record_failure, run_result, run_row, summary_line
from runtime.config import DEFAULT_DATA, DEFAULT_INPUT, resolve_data_dir
from runtime.faults import fault_point
from runtime.lake import Lake, remove_tree
from runtime.memory import release_free_memory
from runtime.parallel import release_workers
from runtime.progress import emit
from runtime.recovery import RunLocked, acquire_lock, committed, recover  # noqa: F401 (RunLocked: for callers)
from tasks.ingest import InputFile, Item, Quarantined, Skipped, discover_inputs, read_input
from tasks.ledger import BatchTriage, item_keys, load_ledger, quarantine_keys, set_aside, triage_batch
from tasks.triage import SeenSources

# per batch: how many new articles its ledger (staged in the batch folder) holds, and the keys of bad items an
# earlier run reported
Ledgers = dict[int, tuple[int, list[tuple[str, str, int]]]]


@task(name="ingest-batch", timeout_seconds=1800, **io_retries)
def ingest_batch(ctx: RunContext, batch_no: int,
                 files: list[InputFile]) -> tuple[list[dict], list[dict], list[dict], float]:
    """Read and decode one batch of files into the batch folder.

    Returns the keys of the decoded items, of the quarantined ones and of the skipped files, for triage.
    """
    t0 = time.perf_counter()
    items: list[Item] = []
    quarantined: list[Quarantined] = []
    skipped: list[Skipped] = []
    for f in files:
        result = read_input(f)
        items += result.items
        quarantined += result.quarantined
        skipped += result.skipped
    batch = ctx.batch(batch_no)
    batch.write("items", [{**vars(i), "article_id": i.article_id} for i in items])
    batch.write("quarantined", [vars(q) for q in quarantined])
    keys, bad = item_keys(items), quarantine_keys(quarantined)
    fault_point("after-ingest", ctx.data_dir)
    log().info(f"ingest batch {batch_no}: {len(files)} files read, {len(items)} items decoded, "
               f"{len(quarantined)} quarantined, {len(skipped)} files skipped")
    return keys, bad, [asdict(k) for k in skipped], time.perf_counter() - t0


def find_inputs(inputs: list[str], stats: RunStats) -> list[InputFile]:
    """The input files, in order; a missing input is logged, and fails the run when nothing is found."""
    t0 = time.perf_counter()
    files, missing = discover_inputs(inputs)
    for problem in missing:
        log().error(problem.detail)
    if missing and not files:
        raise FileNotFoundError("; ".join(p.detail for p in missing))
    stats.files_seen = len(files)
    stats.add_time("ingest", time.perf_counter() - t0)
    log().info(f"found {len(files)} input files in {', '.join(map(str, inputs))}")
    for stage in STAGES:
        emit("stage", stage=stage, total=len(files) if stage == "ingest" else None)
    return files


def backfill(ctx: RunContext, stats: RunStats) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Stored articles whose model has been installed since: the lake parts to add and to remove."""
    done = backfill_translations(ctx)
    stats.backfilled = done["articles"]
    stats.add_time("translate", done["seconds"])
    return {table: list(rels) for table, rels in done["added"].items()}, done["removed"]


def transform(ctx: RunContext, files: list[InputFile], batch_size: int, parallel_batches: int,
              seen: tuple[SeenSources, set], stats: RunStats) -> Ledgers:
    """Ingest runs ahead; triage happens here, in input order; then each batch is transformed and
    translated while later batches are triaged (`window` batches in flight)."""
    processed, known = seen
    chunks = list(batched(files, batch_size))
    window = max(2, parallel_batches)
    ingests = deque(ingest_batch.submit(ctx, n, rows(list(c))) for n, c in enumerate(chunks[:window], start=1))
    in_flight: deque = deque()
    ledgers: Ledgers = {}
    for batch_no in range(1, len(chunks) + 1):
        keys, bad, skipped, secs = ingests.popleft().result()
        if batch_no + window <= len(chunks):
            ingests.append(ingest_batch.submit(ctx, batch_no + window, rows(list(chunks[batch_no + window - 1]))))
        stats.add_time("ingest", secs)
        emit("advance", stage="ingest", n=len(chunks[batch_no - 1]))
        triage = triage_batch(keys, bad, skipped, processed, known)
        stats.add_triage(triage, keys, bad, skipped)
        emit("grow", stages=STAGES[1:], n=len(triage.new_items))
        transformed = transform_batch.submit(ctx, batch_no, rows(triage.new_items))
        translated = translate_batch.submit(ctx, batch_no, wait_for=[transformed]) if ctx.translate else None
        in_flight.append((batch_no, triage, transformed, translated))
        while len(in_flight) >= window:
            _settle(ctx, stats, ledgers, *in_flight.popleft())
    while in_flight:
        _settle(ctx, stats, ledgers, *in_flight.popleft())
    return ledgers


def _settle(ctx: RunContext, stats: RunStats, ledgers: Ledgers, batch_no: int, triage: BatchTriage, transformed,
            translated) -> None:
    """Count a transformed and translated batch and stage its ledger; items that were only boilerplate leave the
    ledger as quarantined."""
    outcome = transformed.result()
    stats.add_transform(outcome)
    stats.add_translation(translated.result() if translated is not None else outcome["translation"])
    rejected = set(outcome["rejected"])
    n = sum(outcome["languages"].values()) + len(rejected)
    for stage in ("clean", "language", "extract", "translate"):
        emit("advance", stage=stage, n=n)
    # staged, not held: a 100,000-file run would keep 50 MB of ledger rows in this process until its end
    ledger = set_aside(triage.ledger, rejected) + triage.bad_ledger
    stage_ledger(ctx, batch_no, ledger)
    ledgers[batch_no] = (sum(1 for r in ledger if r["outcome"] == "new"), triage.bad_seen_before)
    release_free_memory()  # the batch's rows are staged: its memory goes back, not into the run's peak


def link(ctx: RunContext, ledgers: Ledgers, stats: RunStats) -> None:
    """Stories across the whole run and the stored articles (the extraction workers' memory is given
    back first: linking holds the run's compact rows)."""
    release_workers()
    linked = link_stories(ctx, list(ledgers))
    stats.add_time("link", linked["seconds"])
    emit("advance", stage="link", n=stats.articles_new)


def load(ctx: RunContext, ledgers: Ledgers, parts: dict[str, list[str]], removed: dict[str, list[str]],
         stats: RunStats) -> None:
    """Stage every batch as lake parts, commit them all at once, then rebuild news.duckdb."""
    written, secs = write_batches(ctx, rows([(n, new, seen_before) for n, (new, seen_before) in ledgers.items()]))
    stats.add_time("load", secs)
    for table, rels in written.items():
        parts.setdefault(table, []).extend(rels)
    t0 = time.perf_counter()
    commit_run(ctx, parts, removed, run_row(ctx, stats, "completed"))
    fault_point("after-commit", ctx.data_dir)
    refresh_database(ctx)
    stats.add_time("load", time.perf_counter() - t0)


@flow(name="news-etl", log_prints=False)
def news_etl(
    inputs: list[str] = [DEFAULT_INPUT],  # noqa: B006 (never mutated; a list shows as a list in the UI form)
    data_dir: str = DEFAULT_DATA,
    translate: bool = True,
    batch_size: int = 500,
    wait_seconds: float = 600,
    workers: int | None = None,
    parallel_batches: int = 3,
) -> dict:
    """Ingest, clean, language-tag, extract, translate and link news articles into Parquet tables for DuckDB.

    Args:
        inputs: Folders or files to ingest (.txt and .jsonl, searched recursively).
        data_dir: Folder for the Parquet lake and news.duckdb.
        translate: Translate non-English articles to English (needs installed models).
        batch_size: Input files per batch; memory holds a couple of batches at a time.
        wait_seconds: How long to wait when another run is using the data folder.
        workers: Processes for the CPU-bound stages (empty: one per core; 1: no extra processes).
        parallel_batches: Batches in flight at once (3: a worker that finishes its share of one batch finds
            the next one waiting, and translation overlaps extraction; on a Dask cluster, about twice the
            number of workers).
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    ctx = RunContext(run_id=str(flow_run.get_id() or uuid.uuid4()), data_dir=resolve_data_dir(data_dir),
                     started_at=datetime.now(timezone.utc), translate=translate, workers=workers)
    lock = acquire_lock(ctx.paths, wait_seconds, log())
    stats = RunStats()
    try:
        lake = Lake(ctx.paths.lake)
        recover(ctx.paths, lake, log())
        seen = load_ledger(lake)
        # extract
        files = find_inputs(inputs, stats)
        if files:
            resources.start_transform_workers(workers)  # they load their rules while ingest reads the first batches
        parts, removed = backfill(ctx, stats) if translate else ({}, {})
        # transform
        ledgers = transform(ctx, files, batch_size, parallel_batches, seen, stats)
        del files, seen  # every input file and every key seen: linking reuses their memory
        release_free_memory()
        link(ctx, ledgers, stats)
        # load
        load(ctx, ledgers, parts, removed, stats)
        log().info(summary_line(stats))
        publish_summary(ctx, stats)
        return run_result(ctx, stats, "completed")
    except Exception as exc:
        if committed(ctx.paths, ctx.run_id):  # the data is in; only the database (or the summary) is behind
            raise RunCommitted(
                f"this run's data is committed to the lake, but news.duckdb was not rebuilt "
                f"({type(exc).__name__}: {exc}). Fix the cause and run again: the next run adds nothing twice "
                "and rebuilds the database.") from exc
        record_failure(ctx, stats, exc)
        raise
    finally:
        resources.release()
        remove_tree(ctx.staging)
        lock.release()


@flow(name="news-etl-dask", log_prints=False)
def news_etl_on_dask(
    scheduler: str,
    inputs: list[str] = [DEFAULT_INPUT],  # noqa: B006
    data_dir: str = DEFAULT_DATA,
    translate: bool = True,
    batch_size: int = 500,
    parallel_batches: int = 4,
) -> dict:
    """news-etl with its tasks on a Dask cluster; the inbox and data folder must be visible to every worker.

    Args:
        scheduler: Address of the Dask scheduler, e.g. tcp://10.0.0.5:8786.
        inputs: Folders or files to ingest (on storage every worker can read).
        data_dir: Folder for the Parquet lake and news.duckdb (shared by every worker).
        translate: Translate non-English articles to English (models installed on every worker).
        batch_size: Input files per batch.
        parallel_batches: Batches in flight at once; about twice the number of workers.
    """
    flow_fn, options = on_dask(news_etl, scheduler, parallel_batches=parallel_batches)
    return flow_fn(inputs=inputs, data_dir=data_dir, translate=translate, batch_size=batch_size, **options)


def flow_for(executor: str = "local", scheduler: str | None = None, workers: int | None = None):
    """news-etl for an executor, and the options to call it with: "local" (a process per core, or `workers`)
    or "dask" (the cluster at `scheduler`, or a local one of `workers` processes)."""
    if executor == "dask":
        return on_dask(news_etl, scheduler, workers)
    return news_etl, {"workers": workers}
