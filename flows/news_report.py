"""The `news-report` flow: write the HTML report of a data folder and link it from the run."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from prefect import flow, get_run_logger, task

from runtime.config import DEFAULT_DATA, DataPaths, resolve_data_dir


@task(name="render-report", retries=2, retry_delay_seconds=[2, 10], timeout_seconds=600)
def render_report(data_dir: Path, out: Path, since: str | None) -> Path:
    from warehouse.database import connect_readonly
    from warehouse.html_report import render_html

    con = connect_readonly(DataPaths(data_dir).database)
    try:
        html = render_html(con, since=since, data_dir=str(data_dir))
    finally:
        con.close()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(out)
    return out


@flow(name="news-report")
def news_report(data_dir: str = DEFAULT_DATA, since: str | None = None) -> str:
    """Write today's HTML report (charts, stories, entities, quotes, timeline, agreement, runs).

    Args:
        data_dir: Folder holding news.duckdb; the report goes to <data_dir>/reports/.
        since: Only articles published on or after this date (YYYY-MM-DD); empty for all.
    """
    from prefect.artifacts import create_markdown_artifact

    root = resolve_data_dir(data_dir)
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d")
    out = render_report(root, root / "reports" / f"report-{stamp}.html", since or None)
    get_run_logger().info(f"wrote {out} ({out.stat().st_size / 1024:.0f} KB)")
    create_markdown_artifact(key="news-report", description="Today's newsetl report",
                             markdown=f"## newsetl report {stamp}\n\n[{out}](file://{out}) — open it in a browser "
                                      f"(self-contained, works offline).")
    return str(out)
