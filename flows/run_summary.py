"""How a run reports itself: its `runs` row (also for a failed run), the summary line and artifacts
on the flow run, and the dict the flow returns."""

from __future__ import annotations

import json
from datetime import datetime, timezone

from prefect.runtime import flow_run

from flows.run_context import RunContext, RunStats, log
from runtime.lake import Commit, Lake, part_name


def run_row(ctx: RunContext, stats: RunStats, status: str, error: str | None = None) -> dict:
    return {
        "run_id": ctx.run_id, "flow_run_name": flow_run.get_name(), "started_at": ctx.started_at,
        "finished_at": datetime.now(timezone.utc), "status": status, "files_seen": stats.files_seen,
        "files_skipped": stats.files_skipped, "records_skipped": stats.records_skipped,
        "items_seen": stats.items_seen, "articles_new": stats.articles_new, "duplicates": stats.duplicates,
        "quarantined": stats.quarantined, "unchanged": stats.unchanged,
        "stage_seconds": json.dumps(stats.stage_seconds), "error": error,
    }


def record_failure(ctx: RunContext, stats: RunStats, exc: Exception) -> None:
    """Best effort: a failed run leaves a `runs` row saying why, and no data rows."""
    try:
        lake = Lake(ctx.paths.lake)
        row = run_row(ctx, stats, "failed", f"{type(exc).__name__}: {exc}")
        part = lake.write_part("runs", [row], part_name(ctx.run_id))
        lake.commit(Commit(ctx.run_id, {"runs": [part]}, replaced=set()))
        from warehouse.database import build_database  # duckdb: only when a database is built

        build_database(ctx.paths.database, lake)
    except Exception as inner:  # the original error matters more
        log().error(f"could not record the failed run: {inner}")


def publish_summary(ctx: RunContext, stats: RunStats) -> None:
    """A table and a markdown artifact on the flow run, shown on its Artifacts tab in the UI."""
    from prefect.artifacts import create_markdown_artifact, create_table_artifact

    rows = [{"metric": k, "value": v} for k, v in [
        ("files seen", stats.files_seen), ("files skipped", stats.files_skipped),
        ("archive records skipped", stats.records_skipped), ("items seen", stats.items_seen),
        ("new articles", stats.articles_new),
        ("duplicates", stats.duplicates), ("quarantined", stats.quarantined), ("unchanged", stats.unchanged),
        ("translation cache hits", stats.translation.get("cache_hits", 0)),
        ("sentences translated", stats.translation.get("sentences_to_model", 0)),
        ("backfilled translations", stats.backfilled)]]
    rows += [{"metric": f"articles in {lang}", "value": n} for lang, n in sorted(stats.languages.items())]
    rows += [{"metric": f"seconds: {stage}", "value": secs} for stage, secs in stats.stage_seconds.items()]
    from tasks.translate import missing_models_message

    missing = missing_models_message(stats.missing_models)
    try:
        create_table_artifact(key="news-etl-summary", table=rows, description=summary_line(stats))
        paths = ctx.paths
        create_markdown_artifact(key="news-etl-outputs", description="Where this run's output is", markdown=(
            f"## newsetl run `{ctx.run_id}`\n\n{summary_line(stats)}\n\n"
            + (f"**{missing}**\n\n" if missing else "")
            + f"- Database: [`{paths.database}`](file://{paths.database}) (open read-only: "
            f"`duckdb -readonly {paths.database}`)\n"
            f"- Parquet lake: [`{paths.lake}`](file://{paths.lake})\n"
            f"- Query: `newsetl sql \"select lang, count(*) from articles group by 1\" --data {paths.root}`\n"
            f"- Quarantined items: `newsetl sql \"select * from quarantine where run_id = '{ctx.run_id}'\" "
            f"--data {paths.root}`\n"))
    except Exception as exc:  # artifacts are a courtesy; the data is already committed
        log().warning(f"could not publish the run summary artifact: {exc}")


def summary_line(stats: RunStats) -> str:
    langs = ", ".join(f"{k} {v}" for k, v in sorted(stats.languages.items())) or "none"
    records = f", {stats.records_skipped} archive records skipped" if stats.records_skipped else ""
    return (f"{stats.items_seen} items in {stats.files_seen} files ({stats.files_skipped} skipped{records}): "
            f"{stats.articles_new} new, "
            f"{stats.duplicates} duplicates, {stats.quarantined} quarantined, {stats.unchanged} unchanged; "
            f"languages: {langs}")


def run_result(ctx: RunContext, stats: RunStats, status: str) -> dict:
    from tasks.translate import missing_models_message

    return {"run_id": ctx.run_id, "status": status, "data_dir": str(ctx.data_dir),
            "database": str(ctx.paths.database), "missing_models_message": missing_models_message(stats.missing_models),
            **{k: v for k, v in vars(stats).items()}}
