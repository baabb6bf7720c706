"""`newsetl eval`: score a data directory against a gold file (format of ../shared/seeds/gold.json).

Reads the tables from news.duckdb opened read-only (never disturbs a running pipeline), runs
tasks.evaluate, prints a plain table (or JSON), and exits 1 when a quality bar fails.
"""

from __future__ import annotations

import json as jsonlib
from pathlib import Path
from typing import Annotated, Optional

import typer

from newsetl.cli_options import DataOption
from newsetl.config import DataPaths, resolve_data_dir

TABLE_COLUMNS = {
    "articles": ["article_id", "source_file", "story_id", "lang"],
    "entities": ["article_id", "type", "name", "surface", "start_char", "end_char"],
    "dates": ["article_id", "date_text", "surface"],
    "numbers": ["article_id", "value", "unit", "surface"],
    "quotes": ["article_id", "speaker", "text"],
}


def load_tables(db_path: Path) -> dict[str, list[dict]]:
    """Row dicts of the tables evaluate() needs; a table or column that does not exist yet reads as empty."""
    from warehouse.database import connect_readonly

    con = connect_readonly(db_path)
    try:
        present = {r[0] for r in con.execute(
            "select table_name from information_schema.tables where table_schema = 'main'").fetchall()}
        out: dict[str, list[dict]] = {}
        for table, columns in TABLE_COLUMNS.items():
            if table not in present:
                out[table] = []
                continue
            have = {r[0] for r in con.execute(f'describe "{table}"').fetchall()}
            cols = [c for c in columns if c in have]
            cursor = con.execute(f'select {", ".join(chr(34) + c + chr(34) for c in cols)} from "{table}"')
            out[table] = [dict(zip(cols, row)) for row in cursor.fetchall()]
        return out
    finally:
        con.close()


def eval_command(
    gold: Annotated[Path, typer.Option("--gold", "-g", help="Gold file (gold.json, format of ../shared/seeds).",
                                       exists=True, dir_okay=False)],
    data: DataOption = None,
    json: Annotated[bool, typer.Option("--json", help="Print the metrics as JSON instead of a table.")] = False,
) -> None:
    """Score the data folder against a gold file: entities P/R/F1 per type, dates and numbers recall,
    quotes found and speaker accuracy, story pair-F1. Exits 1 when a quality bar fails.

    Gold articles are matched to stored articles by file name. Numbers are held to a bar only
    for the project's own gold set (tests/data/gold).
    """
    from tasks.evaluate import BARS, OWN_GOLD_BARS, check_bars, evaluate, format_report
    from warehouse.database import DatabaseMissing

    paths = DataPaths(resolve_data_dir(data))
    try:
        gold_data = jsonlib.loads(gold.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        typer.echo(f"error: cannot read the gold file {gold}: {exc}", err=True)
        raise typer.Exit(2)
    try:
        tables = load_tables(paths.database)
    except DatabaseMissing as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2)
    result = evaluate(gold_data, tables)
    bars = OWN_GOLD_BARS if _is_own_gold(gold) else BARS
    failures = check_bars(result, bars)
    if json:
        payload = {"gold": str(gold), "database": str(paths.database), "bars": bars, "failures": failures,
                   **{k: v for k, v in result.items()}}
        typer.echo(jsonlib.dumps(payload, ensure_ascii=False, indent=1, default=str))
    else:
        typer.echo(f"gold: {gold}\ndatabase: {paths.database}\n")
        typer.echo(format_report(result, bars))
        if failures:
            typer.echo("\nbars failed:\n  " + "\n  ".join(failures))
        else:
            typer.echo("\nall bars passed")
    if failures:
        raise typer.Exit(1)


def _is_own_gold(gold: Path) -> bool:
    """The project's own gold set carries the numbers bar (the seeds' figures are not held to one)."""
    return gold.resolve().parent.name == "gold" and gold.resolve().parent.parent.name == "data"
