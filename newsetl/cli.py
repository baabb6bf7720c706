"""The `newsetl` command: a thin shell over the flow and the warehouse.

Heavy imports (prefect, duckdb, argostranslate) happen inside commands, after
`prepare_environment` has pointed their settings at the data folder.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from flows.resources import start_transform_workers
from newsetl.cli_eval import eval_command
from newsetl.cli_models import models_app
from newsetl.cli_options import DataOption
from runtime.ephemeral import ServerDidNotStart, launch_ephemeral_api
from runtime.memory import limit_malloc_arenas
from runtime.config import DEFAULT_INPUT, DataDirUnusable, DataPaths, open_data_dir, resolve_data_dir

app = typer.Typer(
    name="newsetl",
    help="Batch ETL for multilingual news: ingest, clean, detect language, translate, extract; query with DuckDB.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(models_app, name="models")
app.command("eval")(eval_command)
# In a pipe or a log there is no terminal width to follow: use a readable fixed one.
console = Console() if sys.stdout.isatty() else Console(width=120)
err = Console(stderr=True)



class Format(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


class Executor(str, Enum):
    local = "local"
    dask = "dask"


class ReportFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"
    md = "md"
    html = "html"


def fail(message: str, code: int = 1) -> None:
    err.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


class _OneErrorLine(logging.Filter):
    """Without -v, a failure reaches the console once, as the command's own error line.

    Prefect would print every failed task's traceback, and with a broken disk or database,
    one line per failed API call; all of it stays in the flow run's logs (and shows with -v).
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.ERROR:
            return False
        # newsetl's own warnings (a lock being waited for) show; Prefect's (a result it could not write) do not
        return record.levelno < logging.WARNING or "site-packages" not in record.pathname


def _quiet_prefect_console(verbose: bool) -> None:
    """Prefect's own console lines would tear through the progress bars; keep them for the API."""
    from prefect.logging.handlers import PrefectConsoleHandler

    level = logging.INFO if verbose else logging.WARNING
    # Prefect writes "--- Error logging to API ---" straight to stderr when the API fails, unless this is off
    logging.raiseExceptions = verbose
    for logger in [logging.getLogger()] + [logging.getLogger(n) for n in logging.root.manager.loggerDict]:
        for handler in getattr(logger, "handlers", []):
            if isinstance(handler, (PrefectConsoleHandler, logging.StreamHandler)) and not isinstance(
                    handler, logging.FileHandler):
                if isinstance(handler, PrefectConsoleHandler):
                    handler.setLevel(level)
                if not verbose and not any(isinstance(f, _OneErrorLine) for f in handler.filters):
                    handler.addFilter(_OneErrorLine())


# ---- run ------------------------------------------------------------------------------

@app.command()
def run(
    input: Annotated[Optional[list[Path]], typer.Option(
        "--input", "-i", help=f"Folder or file to ingest; repeat for several. Default: {DEFAULT_INPUT}.",
        show_default=False)] = None,
    data: DataOption = None,
    translate: Annotated[bool, typer.Option(help="Translate non-English articles (needs installed models).")] = True,
    batch_size: Annotated[int, typer.Option(min=1, help="Input files per batch.")] = 500,
    wait: Annotated[float, typer.Option(min=0, help="Seconds to wait if another run is using the data folder.")] = 600,
    workers: Annotated[Optional[int], typer.Option(min=1, help="Processes for the CPU-bound stages "
                                                               "(default: one per core).")] = None,
    executor: Annotated[Executor, typer.Option(help="local: this machine (a process per core); dask: tasks on a "
                                                    "Dask cluster (prefect-dask).")] = Executor.local,
    scheduler: Annotated[Optional[str], typer.Option(help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 "
                                                          "(with --executor dask; default: a local cluster).")] = None,
    install_models: Annotated[bool, typer.Option(
        "--install-models", help="If articles are left untranslated, try to download their models from the Argos "
                                 "index and translate them in a second pass (offline, it says so and carries on)."
    )] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show Prefect's own log lines.")] = False,
) -> None:
    """Run the pipeline on the inbox: new articles go to the Parquet lake and news.duckdb.

    Runs the Prefect flow `news-etl` in ephemeral mode (no server needed). Re-running on
    the same inbox adds nothing; files whose content was already stored count as duplicates.
    """
    data_dir = _usable_data_dir(data)
    inputs = [str(p) for p in (input or [Path(DEFAULT_INPUT)])]
    missing = [p for p in inputs if not Path(p).exists()]
    if missing:
        fail(f"input path not found: {', '.join(missing)}. Pass an existing folder or file with --input.", 2)

    if scheduler and executor is not Executor.dask:
        fail("--scheduler needs --executor dask.", 2)
    _check_free_space(data_dir)

    limit_malloc_arenas()  # before the API server and the workers start: they inherit the limit
    api = launch_ephemeral_api(show_log=verbose)  # boots while the flow and Prefect are imported below
    if executor is Executor.local:
        start_transform_workers(workers)  # and while the workers load their rules
    from flows.news_etl import RunCommitted, RunLocked, flow_for  # after prepare_environment
    from runtime.progress import listening

    flow_fn, options = flow_for(executor.value, scheduler, workers)
    _quiet_prefect_console(verbose)
    try:
        if api is not None:
            api.wait_ready()
    except Exception as exc:
        fail(f"Prefect's embedded API did not start ({_cause(exc, data_dir)}); {api.where_the_database_is()}. "
             "Run again with -v to see Prefect's own log.")
    reporter = _Reporter(console)
    t0 = time.perf_counter()
    try:
        with listening(reporter), reporter:
            result = flow_fn(inputs=inputs, data_dir=str(data_dir), translate=translate,
                             batch_size=batch_size, wait_seconds=wait, **options)
    except RunLocked as exc:
        fail(str(exc), 3)
    except RunCommitted as exc:
        fail(f"the run failed after its commit: {exc}", 4)
    except Exception as exc:  # the flow already recorded the failed run
        fail(f"the run failed: {_cause(exc, data_dir)}\n"
             f"Nothing of this run is visible in {DataPaths(data_dir).database}; fix the cause and run again.")
    _print_summary(result, time.perf_counter() - t0)
    if install_models and translate:
        from flows.install_models import install_and_run_again

        second = install_and_run_again(result, lambda: flow_fn(inputs=inputs, data_dir=str(data_dir), translate=True,
                                                               batch_size=batch_size, wait_seconds=wait, **options),
                                       _say_install)
        if second:
            result, wall = second
            console.print(f"translated {result['backfilled']} stored articles with the new models", highlight=False)
            _print_summary(result, wall)


def _usable_data_dir(data: Path | None) -> Path:
    try:
        return open_data_dir(data)
    except DataDirUnusable as exc:
        fail(str(exc), 2)


# Below this, Prefect's database and the lake cannot take a run's writes: say so before starting.
MIN_FREE_MB = 20


def _check_free_space(data_dir: Path) -> None:
    import shutil

    for folder in dict.fromkeys([data_dir, Path(os.environ["PREFECT_HOME"])]):
        free = shutil.disk_usage(folder).free / 1e6
        if free < MIN_FREE_MB:
            fail(f"the disk holding {folder} is full ({free:.0f} MB free, a run needs at least {MIN_FREE_MB} MB); "
                 "free some space and run again. Nothing was changed.")


def _cause(exc: BaseException, data_dir: Path) -> str:
    """One line: a full disk said in words, anything else as type and message."""
    import errno

    seen = exc
    while seen is not None:
        if isinstance(seen, OSError) and seen.errno == errno.ENOSPC:
            return f"the disk holding {data_dir} is full (no space left on device); free some space."
        seen = seen.__cause__ or seen.__context__
    if "No space left on device" in str(exc) or "database or disk is full" in str(exc):
        return f"the disk holding {data_dir} is full (no space left on device); free some space."
    if isinstance(exc, ServerDidNotStart):
        return str(exc)
    return f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"


def _say_install(event: str, langs: list[str] = (), package=None, reason: str = "") -> None:
    """What `--install-models` does, as it happens (flows/install_models.py decides)."""
    if event == "installing":
        console.print(f"installing translation models for {', '.join(langs)} ...", highlight=False)
    elif event == "installed":
        console.print(f"installed {package.label}", highlight=False)
    elif event == "not_installed":
        console.print(f"not installed: {', '.join(langs)} ({reason}). The articles are "
                      "stored untranslated; install the models later and run again to translate them.",
                      style="yellow", highlight=False, soft_wrap=True)


class _Reporter:
    """Progress bars on a terminal, plain lines otherwise."""

    def __init__(self, console: Console):
        self.console = console
        self.live = console.is_terminal
        self.progress = None
        self.bars: dict[str, int] = {}
        self.counts: dict[str, int] = {}
        self.totals: dict[str, int] = {}

    def __enter__(self):
        if self.live:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self.progress = Progress(TextColumn("{task.description:>10}"), BarColumn(), MofNCompleteColumn(),
                                     TimeElapsedColumn(), console=self.console, transient=False)
            self.progress.start()
        return self

    def __exit__(self, *exc):
        if self.progress:
            self.progress.stop()

    def __call__(self, event: str, stage: str = "", total: int | None = None, n: int = 0, stages=(), **_) -> None:
        if event == "stage":
            self.totals[stage] = total or 0
            self.counts[stage] = 0
            if self.progress:
                self.bars[stage] = self.progress.add_task(stage, total=total or 0)
        elif event == "grow":
            for later in stages:
                if later in self.totals:
                    self.totals[later] += n
                    if self.progress:
                        self.progress.update(self.bars[later], total=self.totals[later])
        elif event == "advance":
            self.counts[stage] = self.counts.get(stage, 0) + n
            if self.progress:
                self.progress.update(self.bars[stage], advance=n)
                return
            done, total = self.counts[stage], self.totals.get(stage, 0)
            # plain output: a line per 10% step (and at the end), not per file
            step = max(1, total // 10)
            if done >= total or done // step != (done - n) // step:
                print(f"{stage}: {done}/{total}", flush=True)


def _print_summary(result: dict, wall: float) -> None:
    table = Table(title=f"newsetl run {result['run_id']}", show_header=False, title_justify="left")
    table.add_column(style="bold")
    table.add_column()
    rows = [
        ("files seen", result["files_seen"]),
        ("files skipped", result["files_skipped"]),
        ("archive records skipped", result["records_skipped"]),
        ("items seen", result["items_seen"]),
        ("new articles", result["articles_new"]),
        ("duplicates", result["duplicates"]),
        ("quarantined", result["quarantined"]),
        ("unchanged", result["unchanged"]),
        ("per language", ", ".join(f"{k} {v}" for k, v in sorted(result["languages"].items())) or "-"),
        ("translation", ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in sorted(result["translation"].items()))
         or "-"),
        ("backfilled translations", result["backfilled"]),
        ("seconds per stage", ", ".join(f"{k} {v:.2f}" for k, v in result["stage_seconds"].items())),
        ("total seconds", f"{wall:.1f}"),
        ("database", result["database"]),
    ]
    for key, value in rows:
        table.add_row(key, str(value))
    console.print(table)
    if result.get("missing_models_message"):
        console.print(result["missing_models_message"], style="yellow", highlight=False, soft_wrap=True)
    if result["files_skipped"] or result["records_skipped"]:
        console.print(f"Skipped files and why: newsetl sql \"select source_file, reason from source_files where "
                      f"outcome = 'skipped'\" --data {result['data_dir']}", soft_wrap=True, highlight=False)
    if result["quarantined"]:
        console.print(f"Quarantined items and why: newsetl sql \"select * from quarantine\" --data {result['data_dir']}",
                      soft_wrap=True, highlight=False)
    console.print(f"Query: newsetl sql \"select lang, count(*) from articles group by 1\" --data {result['data_dir']}",
                  soft_wrap=True, highlight=False)


# ---- sql ------------------------------------------------------------------------------

@app.command()
def sql(
    query: Annotated[Optional[str], typer.Argument(help="SQL to run, e.g. \"select * from articles limit 5\".",
                                                   show_default=False)] = None,
    file: Annotated[Optional[Path], typer.Option("--file", "-f", help="Read the SQL from a .sql file.",
                                                 exists=True, dir_okay=False)] = None,
    data: DataOption = None,
    format: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
) -> None:
    """Run read-only SQL against news.duckdb and print the result.

    Tables: articles, paragraphs, removed_lines, entities, dates, quotes, numbers, stories,
    runs, quarantine, source_files. The database is opened read-only, so this never
    disturbs a running pipeline.
    """
    if (query is None) == (file is None):
        fail("give either a QUERY argument or --file FILE.sql (not both).", 2)
    text = query if query is not None else file.read_text(encoding="utf-8")
    paths = DataPaths(resolve_data_dir(data))
    import duckdb

    from warehouse.database import (DatabaseMissing, StatementRefused, check_read_only, connect_readonly,
                                    list_tables)

    try:
        check_read_only(text)
    except StatementRefused as exc:
        fail(str(exc), 2)
    try:
        con = connect_readonly(paths.database)
    except DatabaseMissing as exc:
        fail(str(exc), 2)
    try:
        cursor = con.execute(text)
        columns = [d[0] for d in cursor.description or []]
        rows = cursor.fetchall() if columns else []
    except duckdb.PermissionException as exc:
        fail(f"{str(exc).strip().splitlines()[0]}\nnewsetl sql reads files inside the data folder "
             f"{paths.root} only; query the tables instead (list them with: newsetl sql \"show tables\").")
    except duckdb.Error as exc:
        fail(f"{str(exc).strip()}\nTables: {', '.join(list_tables(con))}. "
             "Describe one with: newsetl sql \"describe articles\"")
    finally:
        con.close()
    from warehouse.render import write_rows

    write_rows(columns, rows, format)


# ---- report ---------------------------------------------------------------------------

@app.command()
def report(
    name: Annotated[str, typer.Argument(help="overview, entities, quotes, timeline, agreement, runs, or all.")],
    story: Annotated[Optional[str], typer.Option(help="Only this story (a story_id).")] = None,
    since: Annotated[Optional[str], typer.Option(help="Only articles published on or after this date "
                                                      "(YYYY-MM-DD).")] = None,
    format: Annotated[ReportFormat, typer.Option("--format", help="Output format.")] = ReportFormat.table,
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Write to this file instead of stdout.")] = None,
    data: DataOption = None,
) -> None:
    """Print a report over news.duckdb (opened read-only), or write the HTML report.

    Reports: overview (articles per language and source, translation status, runs),
    entities (top persons, organisations, locations, with spellings), quotes (by speaker,
    original and English), timeline (dates per story and how many sources mention them),
    agreement (per story, the dates and figures each source reports; disagreements flagged),
    runs (durations, quarantined files). `all` prints every report.

    `newsetl report all --format html --out report.html` writes one self-contained page with
    charts and links between stories and articles; it needs no network to display.
    """
    import datetime as dt

    from warehouse.database import DatabaseMissing, connect_readonly
    from warehouse.render import render_sections
    from warehouse.reports import report_names, run_report

    names = report_names()
    if name != "all" and name not in names:
        fail(f"no report named {name!r}. Reports: {', '.join(names)}, all.", 2)
    if since is not None:
        try:
            dt.date.fromisoformat(since)
        except ValueError:
            fail(f"--since must be a date like 2025-01-31, not {since!r}.", 2)
    paths = DataPaths(resolve_data_dir(data))
    try:
        con = connect_readonly(paths.database)
    except DatabaseMissing as exc:
        fail(str(exc), 2)
    selected = names if name == "all" else [name]
    try:
        if format is ReportFormat.html:
            from warehouse.html_report import render_html

            text = render_html(con, selected, story, since, str(paths.root))
        else:
            sections = [sec for n in selected for sec in run_report(con, n, story, since)]
            text = render_sections(sections, format)
    finally:
        con.close()
    if out:
        try:
            out.write_text(text, encoding="utf-8")
        except OSError as exc:
            fail(f"cannot write {out}: {exc.strerror or exc}. Pass --out a path in a folder you can write.")
        console.print(f"wrote {out} ({len(text.encode()) / 1024:.0f} KB)", highlight=False, soft_wrap=True)
    else:
        sys.stdout.write(text)


# ---- bench ----------------------------------------------------------------------------

bench_app = typer.Typer(help="Benchmark helpers: synthetic inboxes for load tests.", no_args_is_help=True)
app.add_typer(bench_app, name="bench")


@bench_app.command("generate")
def bench_generate(
    n: Annotated[int, typer.Argument(min=1, help="Number of files to write.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write the inbox into.")],
    seed: Annotated[int, typer.Option(help="Random seed: the same seed gives the same files.")] = 0,
) -> None:
    """Write a synthetic inbox of N articles in ten languages, with boilerplate, about 5 % exact
    duplicates and stories repeated across outlets (wire copy). Deterministic for a given seed.
    """
    from runtime.synthetic import generate

    if out.exists() and any(out.iterdir()):
        fail(f"{out} is not empty; choose a new folder (the generator never overwrites an inbox).", 2)
    t0 = time.perf_counter()
    try:
        counts = generate(n, out, seed)
    except OSError as exc:
        fail(f"cannot write the inbox {out}: {exc.strerror or exc}. Pass --out a folder you can write.")
    console.print(f"wrote {counts['files']} files ({counts['duplicates']} exact duplicates, "
                  f"{counts['stories']} stories) to {out} in {time.perf_counter() - t0:.1f} s",
                  highlight=False, soft_wrap=True)


# ---- server ---------------------------------------------------------------------------

@app.command()
def server(
    data: DataOption = None,
    port: Annotated[int, typer.Option(help="Port of the Prefect API and UI on 127.0.0.1 (0 picks a free one).")] = 4200,
    input: Annotated[Path, typer.Option("--input", "-i", help="Inbox the scheduled deployment ingests.")] = Path(
        DEFAULT_INPUT),
    worker: Annotated[bool, typer.Option(help="Start a worker for the 'newsetl' work pool.")] = True,
    check: Annotated[bool, typer.Option("--check", help="Report what runs (server, pool, workers, "
                                                        "deployments) and exit.")] = False,
) -> None:
    """Run the Prefect stack: server + UI, process work pool, deployments from prefect.yaml, a worker.

    Everything binds to 127.0.0.1; Prefect's database and the logs (logs/server.log,
    logs/worker.log) live in the data folder. Stop with Ctrl-C: the worker and the server
    are shut down cleanly. To expose the UI, put it behind a reverse proxy with
    authentication (see PREFECT_SERVER_API_AUTH_STRING in the README).
    """
    data_dir = _usable_data_dir(data)
    from newsetl.server import Stack, StackError, check as check_stack, free_port

    if check:
        rows = check_stack(data_dir)
        table = Table(show_header=True)
        for col in ("component", "ok", "detail"):
            table.add_column(col)
        for name, ok, detail in rows:
            table.add_row(name, "yes" if ok else "NO", detail)
        console.print(table)
        raise typer.Exit(0 if all(ok for _, ok, _ in rows) else 1)
    stack = Stack(data_dir, port or free_port(), str(input))
    stack.trap_signals()
    try:
        try:
            stack.start(worker=worker, say=lambda m: console.print(m, highlight=False, soft_wrap=True))
        except StackError as exc:
            fail(f"{exc}\nLogs: {stack.logs}")
        except KeyboardInterrupt:
            raise typer.Exit(130)
        console.print(f"UI: {stack.ui_url}  (API {stack.api_url})", highlight=False, soft_wrap=True)
        console.print("Deployments: news-etl/scheduled (hourly). Trigger one now: open the UI > Deployments > "
                      "scheduled > Run > Quick run. Stop with Ctrl-C.", highlight=False, soft_wrap=True)
        ended = stack.wait()
        console.print("stopping the worker and the server ...", highlight=False)
    finally:
        stack.stop()
    if ended != "interrupted":
        fail(f"the {ended} process exited unexpectedly; see {stack.logs / (ended + '.log')}")
    console.print("stopped.")


if __name__ == "__main__":  # pragma: no cover
    app()
