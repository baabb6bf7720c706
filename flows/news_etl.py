"""The `news-etl` flow: extract (ingest), transform (clean, language), load (lake + DuckDB).

Thin orchestration only: every task reads a batch folder, calls a pure stage function
from `tasks/`, and writes the result back. Retries are reserved for steps that touch the
outside world, and never fire for bad input.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from filelock import FileLock, Timeout
from prefect import flow, get_run_logger, task
from prefect.runtime import flow_run

from newsetl.faults import fault_point
from newsetl.config import DEFAULT_DATA, DEFAULT_INPUT, DataPaths, resolve_data_dir
from newsetl.lake import Commit, Lake, part_name, remove_tree
from newsetl.progress import emit
from newsetl.staging import BatchDir
from schemas import TABLES
from tasks.clean import clean_articles
from tasks.ingest import InputFile, Item, Quarantined, discover_inputs, read_input, triage_items
from tasks.language import detect_languages
from warehouse.database import build_database

STAGES = ["ingest", "clean", "language", "load"]
BATCH_TABLES = ["articles", "paragraphs", "removed_lines", "quarantine", "source_files"]


class RunLocked(RuntimeError):
    pass


def _log() -> logging.Logger | logging.LoggerAdapter:
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


io_retries = dict(retries=3, retry_delay_seconds=[1, 4, 10], retry_condition_fn=_is_transient, tags=["io"])


@dataclass
class RunContext:
    run_id: str
    data_dir: Path
    started_at: datetime
    translate: bool = True

    @property
    def paths(self) -> DataPaths:
        return DataPaths(self.data_dir)

    def batch(self, batch_no: int) -> BatchDir:
        return BatchDir.of(self.paths.staging, self.run_id, batch_no)


@dataclass
class RunStats:
    files_seen: int = 0
    items_seen: int = 0
    articles_new: int = 0
    duplicates: int = 0
    quarantined: int = 0
    unchanged: int = 0
    languages: dict[str, int] = field(default_factory=dict)
    stage_seconds: dict[str, float] = field(default_factory=lambda: {s: 0.0 for s in STAGES})

    def add_time(self, stage: str, seconds: float) -> None:
        self.stage_seconds[stage] = round(self.stage_seconds.get(stage, 0.0) + seconds, 3)


def batched(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start:start + size]


# ---- tasks ----------------------------------------------------------------------------

@task(name="ingest-batch", timeout_seconds=1800, **io_retries)
def ingest_batch(ctx: RunContext, batch_no: int, files: list[InputFile]) -> tuple[list[dict], list[dict], float]:
    """Read and decode one batch of files into the batch folder.

    Returns the keys of the decoded items and of the quarantined ones, for triage.
    """
    t0 = time.perf_counter()
    items: list[Item] = []
    quarantined: list[Quarantined] = []
    for f in files:
        result = read_input(f)
        items += result.items
        quarantined += result.quarantined
        emit("advance", stage="ingest", n=1)
    batch = ctx.batch(batch_no)
    batch.write("items", [{**vars(i), "article_id": i.article_id} for i in items])
    batch.write("quarantined", [vars(q) for q in quarantined])
    fault_point("after-ingest")
    _log().info(f"ingest batch {batch_no}: {len(files)} files read, {len(items)} items decoded, "
                f"{len(quarantined)} quarantined")
    keys = [{"source_file": i.source_file, "source_line": i.source_line, "content_sha256": i.content_sha256,
             "article_id": i.article_id, "encoding": i.encoding} for i in items]
    bad = [{"source_file": q.source_file, "source_line": q.source_line, "content_sha256": q.content_sha256}
           for q in quarantined]
    return keys, bad, time.perf_counter() - t0


@task(name="clean-batch", timeout_seconds=1800, tags=["cpu"])
def clean_batch(ctx: RunContext, batch_no: int, new_items: list[tuple[str, int]]) -> tuple[list[str], float]:
    """Clean the batch's new articles; an article that is nothing but boilerplate is quarantined.

    `new_items` are the (source_file, source_line) keys triage accepted. Returns the ids
    of the articles quarantined here.
    """
    t0 = time.perf_counter()
    batch = ctx.batch(batch_no)
    wanted = {tuple(k) for k in new_items}
    items = [i for i in batch.read("items") if (i["source_file"], i["source_line"] or 0) in wanted]
    articles, removed = clean_articles(items)
    empty = {a["article_id"]: a for a in articles if not a["text_clean"].strip()}
    batch.write("clean", [a for a in articles if a["article_id"] not in empty])
    batch.write("removed_lines", [r for r in removed if r["article_id"] not in empty])
    if empty:
        reasons = {}
        for r in removed:
            if r["article_id"] in empty:
                reasons.setdefault(r["article_id"], []).append(r["reason"])
        batch.write("quarantined", batch.read("quarantined") + [
            {"source_file": a["source_file"], "source_line": a["source_line"], "reason": "only_boilerplate",
             "detail": "every line was boilerplate (" + ", ".join(sorted(set(reasons.get(i, [])))) + ")",
             "content_sha256": a["content_sha256"]}
            for i, a in empty.items()])
    emit("advance", stage="clean", n=len(items))
    _log().info(f"clean batch {batch_no}: {len(items)} articles, {len(removed)} boilerplate lines removed, "
                f"{len(empty)} only boilerplate")
    return list(empty), time.perf_counter() - t0


@task(name="detect-languages", timeout_seconds=1800, tags=["cpu"])
def detect_languages_batch(ctx: RunContext, batch_no: int) -> tuple[dict[str, int], float]:
    t0 = time.perf_counter()
    batch = ctx.batch(batch_no)
    articles, paragraphs = detect_languages(batch.read("clean"))
    batch.write("language", articles)
    batch.write("paragraphs", paragraphs)
    emit("advance", stage="language", n=len(articles))
    counts: dict[str, int] = {}
    for a in articles:
        counts[a["lang"]] = counts.get(a["lang"], 0) + 1
    _log().info(f"language batch {batch_no}: " + (", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or
                                                  "no articles") + f"; {len(paragraphs)} paragraphs")
    return counts, time.perf_counter() - t0


def _with_run(rows: list[dict], ctx: RunContext) -> list[dict]:
    return [{**r, "run_id": ctx.run_id} for r in rows]


@task(name="write-batch", timeout_seconds=1800, **io_retries)
def write_batch(ctx: RunContext, batch_no: int, decisions: list[dict],
                known_bad: list[tuple[str, int]]) -> tuple[dict[str, list[str]], float]:
    """Write the batch's rows as uncommitted lake parts (invisible until commit-run).

    `known_bad` lists quarantined items an earlier run already reported (same content).
    """
    t0 = time.perf_counter()
    batch = ctx.batch(batch_no)
    known_bad = {tuple(k) for k in known_bad}
    lake = Lake(ctx.paths.lake)
    now = ctx.started_at
    articles = [
        {**a, "text_en": a["text_clean"] if a["lang"] == "en" else None,
         "translation_status": "source_english" if a["lang"] == "en" else ("skipped" if not ctx.translate
                                                                             else "model_missing"),
         "translation_model": None, "story_id": None, "ingested_at": now}
        for a in batch.read("language")
    ]
    declared = set(TABLES["articles"].fields)
    articles = [{k: v for k, v in a.items() if k in declared} for a in _with_run(articles, ctx)]
    quarantine = [{**q, "detected_at": now} for q in batch.read("quarantined")
                  if (q["source_file"], q["source_line"] or 0) not in known_bad]
    ledger = [{**d, "run_id": ctx.run_id, "detected_at": now} for d in decisions]
    rows = {
        "articles": articles,
        "paragraphs": _with_run(batch.read("paragraphs"), ctx),
        "removed_lines": _with_run(batch.read("removed_lines"), ctx),
        "quarantine": _with_run(quarantine, ctx),
        "source_files": ledger,
    }
    parts = {table: [lake.write_part(table, data, part_name(ctx.run_id, batch.name))]
             for table, data in rows.items() if data}
    emit("advance", stage="load", n=len(articles))
    fault_point("after-stage")
    return parts, time.perf_counter() - t0


@task(name="commit-run", timeout_seconds=300, **io_retries)
def commit_run(ctx: RunContext, parts: dict[str, list[str]], run_row: dict) -> None:
    """The commit point: after this the run's rows are visible, before it nothing is."""
    lake = Lake(ctx.paths.lake)
    runs_part = lake.write_part("runs", [run_row], part_name(ctx.run_id))
    fault_point("before-commit")
    manifest = lake.commit(Commit(ctx.run_id, {**parts, "runs": [runs_part]}, replaced=set()))
    _log().info(f"committed run {ctx.run_id}: {sum(len(v) for v in parts.values()) + 1} parts, "
                f"manifest version {manifest['version']}")


@task(name="refresh-database", timeout_seconds=300, **io_retries)
def refresh_database(ctx: RunContext) -> str:
    return str(build_database(ctx.paths.database, Lake(ctx.paths.lake)))


# ---- helpers the flow body uses -------------------------------------------------------

def _load_ledger(lake: Lake) -> tuple[set[tuple[str, int, str]], set[str]]:
    ledger = lake.read("source_files", columns=["source_file", "source_line", "content_sha256"]).to_pylist()
    processed = {(r["source_file"], r["source_line"] or 0, r["content_sha256"]) for r in ledger}
    known = set(lake.read("articles", columns=["article_id"]).column("article_id").to_pylist())
    return processed, known


def _decide(keys: list[dict], processed: set, known: set) -> tuple[list[dict], list[str], int]:
    """Triage one batch's items: ledger rows for new and duplicates, keys of the new ones, #unchanged."""
    items = [Item(k["source_file"], k["source_line"], "", k["encoding"], k["content_sha256"]) for k in keys]
    triage = triage_items(items, processed, known)
    ledger = [{"source_file": i.source_file, "source_line": i.source_line, "content_sha256": i.content_sha256,
               "outcome": "new", "article_id": i.article_id, "encoding": i.encoding} for i in triage.new]
    ledger += [{"source_file": i.source_file, "source_line": i.source_line, "content_sha256": i.content_sha256,
                "outcome": "duplicate", "article_id": dup_of, "encoding": i.encoding}
               for i, dup_of in triage.duplicates]
    return ledger, [(i.source_file, i.source_line or 0) for i in triage.new], len(triage.unchanged)


def _triage_bad(bad: list[dict], processed: set) -> tuple[list[dict], list[tuple[str, int]]]:
    """Items quarantined at read time: ledger rows for the newly bad, keys of those reported before.

    The key holds the content hash (or, for unreadable items, a fingerprint of the problem),
    so the same bad item is reported once, and again only when it changes.
    """
    ledger, seen_before = [], []
    for q in bad:
        key = (q["source_file"], q["source_line"] or 0, q["content_sha256"])
        if key in processed:
            seen_before.append(key[:2])
            continue
        processed.add(key)
        ledger.append({**q, "outcome": "quarantined", "article_id": None, "encoding": None})
    return ledger, seen_before


def _recover(paths: DataPaths, lake: Lake) -> None:
    """Clear what a killed run may have left: uncommitted parts, staging folders, a half-built database."""
    removed = lake.collect_garbage()
    stale = list(paths.staging.glob("*")) if paths.staging.exists() else []
    for folder in stale:
        remove_tree(folder)
    half_built = list(paths.root.glob(f".{paths.database.name}.*.tmp*"))
    for path in half_built:
        path.unlink(missing_ok=True)
    if removed or stale or half_built:
        _log().warning(f"cleaned up after an interrupted run: {len(removed)} uncommitted parts, "
                       f"{len(stale)} staging folders, {len(half_built)} half-built database files")


def _lock(paths: DataPaths, wait_seconds: float) -> FileLock:
    paths.root.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(paths.lock))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        _log().warning(f"another newsetl run holds {paths.lock}; waiting up to {wait_seconds:.0f} s for it to finish")
        try:
            lock.acquire(timeout=wait_seconds)
        except Timeout:
            raise RunLocked(
                f"another newsetl run is still using {paths.root} after {wait_seconds:.0f} s; "
                "this run did nothing. Wait for it to finish (or raise --wait) and run again.") from None
    return lock


# ---- the flow -------------------------------------------------------------------------

@flow(name="news-etl", log_prints=False)
def news_etl(
    inputs: list[str] = [DEFAULT_INPUT],  # noqa: B006 (never mutated; a list shows as a list in the UI form)
    data_dir: str = DEFAULT_DATA,
    translate: bool = True,
    batch_size: int = 500,
    wait_seconds: float = 600,
) -> dict:
    """Ingest, clean and language-tag news articles into Parquet tables queryable in DuckDB.

    Args:
        inputs: Folders or files to ingest (.txt and .jsonl, searched recursively).
        data_dir: Folder for the Parquet lake and news.duckdb.
        translate: Translate non-English articles to English (needs installed models).
        batch_size: Input files per batch; memory holds one batch at a time.
        wait_seconds: How long to wait when another run is using the data folder.
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    data_path = resolve_data_dir(data_dir)
    ctx = RunContext(run_id=str(flow_run.get_id() or uuid.uuid4()), data_dir=data_path,
                     started_at=datetime.now(timezone.utc), translate=translate)
    paths = ctx.paths
    log = _log()
    lock = _lock(paths, wait_seconds)
    stats = RunStats()
    try:
        lake = Lake(paths.lake)
        _recover(paths, lake)
        processed, known = _load_ledger(lake)

        # extract
        t0 = time.perf_counter()
        files, missing = discover_inputs(inputs)
        for problem in missing:
            log.error(problem.detail)
        if missing and not files:
            raise FileNotFoundError("; ".join(p.detail for p in missing))
        stats.files_seen = len(files)
        stats.add_time("ingest", time.perf_counter() - t0)
        log.info(f"found {len(files)} input files in {', '.join(map(str, inputs))}")
        for stage in STAGES:
            emit("stage", stage=stage, total=len(files) if stage == "ingest" else None)

        all_parts: dict[str, list[str]] = {}
        for batch_no, chunk in enumerate(batched(files, batch_size), start=1):
            keys, bad, secs = ingest_batch(ctx, batch_no, list(chunk))
            stats.add_time("ingest", secs)
            ledger, new_items, unchanged = _decide(keys, processed, known)
            bad_ledger, bad_seen_before = _triage_bad(bad, processed)
            stats.items_seen += len(keys) + len(bad)
            stats.quarantined += len(bad) - len(bad_seen_before)
            stats.unchanged += unchanged + len(bad_seen_before)
            stats.duplicates += sum(1 for r in ledger if r["outcome"] == "duplicate")
            emit("grow", stage="clean", n=len(new_items))

            # transform
            rejected, secs = clean_batch(ctx, batch_no, new_items)
            stats.add_time("clean", secs)
            stats.quarantined += len(rejected)
            known.difference_update(rejected)
            langs, secs = detect_languages_batch(ctx, batch_no)
            stats.add_time("language", secs)
            for lang, n in langs.items():
                stats.languages[lang] = stats.languages.get(lang, 0) + n
            stats.articles_new += sum(langs.values())

            # load (staged; committed below, all batches at once)
            ledger = [{**r, "outcome": "quarantined", "article_id": None} if r["article_id"] in rejected else r
                      for r in ledger]
            parts, secs = write_batch(ctx, batch_no, ledger + bad_ledger, bad_seen_before)
            stats.add_time("load", secs)
            for table, rels in parts.items():
                all_parts.setdefault(table, []).extend(rels)

        t0 = time.perf_counter()
        run_row = _run_row(ctx, stats, "completed")
        commit_run(ctx, all_parts, run_row)
        fault_point("after-commit")
        refresh_database(ctx)
        stats.add_time("load", time.perf_counter() - t0)
        log.info(_summary_line(stats))
        publish_summary(ctx, stats)
        return _result(ctx, stats, "completed")
    except Exception as exc:
        _record_failure(ctx, stats, exc)
        raise
    finally:
        remove_tree(paths.staging / ctx.run_id)
        lock.release()


def _run_row(ctx: RunContext, stats: RunStats, status: str, error: str | None = None) -> dict:
    return {
        "run_id": ctx.run_id, "flow_run_name": flow_run.get_name(), "started_at": ctx.started_at,
        "finished_at": datetime.now(timezone.utc), "status": status, "files_seen": stats.files_seen,
        "items_seen": stats.items_seen, "articles_new": stats.articles_new, "duplicates": stats.duplicates,
        "quarantined": stats.quarantined, "unchanged": stats.unchanged,
        "stage_seconds": json.dumps(stats.stage_seconds), "error": error,
    }


def _record_failure(ctx: RunContext, stats: RunStats, exc: Exception) -> None:
    """Best effort: a failed run leaves a `runs` row saying why, and no data rows."""
    try:
        lake = Lake(ctx.paths.lake)
        row = _run_row(ctx, stats, "failed", f"{type(exc).__name__}: {exc}")
        part = lake.write_part("runs", [row], part_name(ctx.run_id))
        lake.commit(Commit(ctx.run_id, {"runs": [part]}, replaced=set()))
        build_database(ctx.paths.database, lake)
    except Exception as inner:  # the original error matters more
        _log().error(f"could not record the failed run: {inner}")


def publish_summary(ctx: RunContext, stats: RunStats) -> None:
    """A table and a markdown artifact on the flow run, shown on its Artifacts tab in the UI."""
    from prefect.artifacts import create_markdown_artifact, create_table_artifact

    rows = [{"metric": k, "value": v} for k, v in [
        ("files seen", stats.files_seen), ("items seen", stats.items_seen), ("new articles", stats.articles_new),
        ("duplicates", stats.duplicates), ("quarantined", stats.quarantined), ("unchanged", stats.unchanged)]]
    rows += [{"metric": f"articles in {lang}", "value": n} for lang, n in sorted(stats.languages.items())]
    rows += [{"metric": f"seconds: {stage}", "value": secs} for stage, secs in stats.stage_seconds.items()]
    try:
        create_table_artifact(key="news-etl-summary", table=rows, description=_summary_line(stats))
        paths = ctx.paths
        create_markdown_artifact(key="news-etl-outputs", description="Where this run's output is", markdown=(
            f"## newsetl run `{ctx.run_id}`\n\n{_summary_line(stats)}\n\n"
            f"- Database: [`{paths.database}`](file://{paths.database}) (open read-only: "
            f"`duckdb -readonly {paths.database}`)\n"
            f"- Parquet lake: [`{paths.lake}`](file://{paths.lake})\n"
            f"- Query: `newsetl sql \"select lang, count(*) from articles group by 1\" --data {paths.root}`\n"
            f"- Quarantined items: `newsetl sql \"select * from quarantine where run_id = '{ctx.run_id}'\" "
            f"--data {paths.root}`\n"))
    except Exception as exc:  # artifacts are a courtesy; the data is already committed
        _log().warning(f"could not publish the run summary artifact: {exc}")


def _summary_line(stats: RunStats) -> str:
    langs = ", ".join(f"{k} {v}" for k, v in sorted(stats.languages.items())) or "none"
    return (f"{stats.items_seen} items in {stats.files_seen} files: {stats.articles_new} new, "
            f"{stats.duplicates} duplicates, {stats.quarantined} quarantined, {stats.unchanged} unchanged; "
            f"languages: {langs}")


def _result(ctx: RunContext, stats: RunStats, status: str) -> dict:
    return {"run_id": ctx.run_id, "status": status, "data_dir": str(ctx.data_dir),
            "database": str(ctx.paths.database), **{k: v for k, v in vars(stats).items()}}
