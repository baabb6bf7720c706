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
from runtime.config import DataPaths, resolve_data_dir
from schemas import TABLES

TABLE_COLUMNS = {
    "articles": ["article_id", "source_file", "story_id", "lang"],
    "entities": [f for f in TABLES["entities"].fields if f != "run_id"],
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
    gold: Annotated[Optional[Path], typer.Option("--gold", "-g", help="Gold file (gold.json, format of ../shared/seeds).",
                                                 exists=True, dir_okay=False)] = None,
    real: Annotated[bool, typer.Option("--real", help="Score the cleaner on the labelled real corpus "
                                                      "(../shared/real; texts from $NEWSETL_REAL_TEXTS).")] = False,
    split: Annotated[str, typer.Option(help="With --real: dev, test, or all.")] = "test",
    labels: Annotated[Optional[Path], typer.Option(
        "--labels", help="With --real: the labelled corpus folder (labels/, split.json). Default: ../shared/real; "
                         "tests/data/real/extra holds the project's second set (other outlets).",
        file_okay=False)] = None,
    data: DataOption = None,
    json: Annotated[bool, typer.Option("--json", help="Print the metrics as JSON instead of a table.")] = False,
) -> None:
    """Score the data folder against a gold file: entities P/R/F1 per type, dates and numbers recall,
    quotes found and speaker accuracy, story pair-F1. Exits 1 when a quality bar fails.

    Gold articles are matched to stored articles by file name. Numbers are held to a bar only
    for the project's own gold set (tests/data/gold).

    With --real, the cleaner is scored on the real news excerpts of ../shared/real instead:
    furniture lines removed, body lines kept, publication date right and invented, per split.
    """
    if real == (gold is not None):
        typer.echo("error: give either --gold FILE or --real (not both).", err=True)
        raise typer.Exit(2)
    if real:
        _eval_real(split, json, labels)
        return
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


def _eval_real(split: str, as_json: bool, labels: Path | None = None) -> None:
    from tasks.real_corpus import BARS, INVENTED_MAX, DEFAULT_LABELS, check_bars, load_corpus, score, texts_dir

    root = labels or DEFAULT_LABELS
    if not (root / "labels").is_dir() or not (root / "split.json").is_file():
        where = "(../shared/real beside the repository)" if labels is None else "(a folder with labels/ and split.json)"
        typer.echo(f"error: the real-corpus labels are missing: expected {root / 'labels'} and {root / 'split.json'} "
                   f"{where}.", err=True)
        raise typer.Exit(2)
    corpus = load_corpus(root)
    if split not in ("dev", "test", "all"):
        typer.echo(f"error: --split must be dev, test or all, not {split!r}.", err=True)
        raise typer.Exit(2)
    ids = sorted(corpus.labels) if split == "all" else corpus.split[split]
    if not any(i in corpus.texts for i in ids):
        typer.echo(f"error: none of the {len(ids)} texts of the {split} split is in {texts_dir()}. Materialise them "
                   "as ../shared/real/README.md says, or point NEWSETL_REAL_TEXTS at the folder that holds them.",
                   err=True)
        raise typer.Exit(2)
    result = score(corpus, ids)
    failures = check_bars(result)
    if as_json:
        payload = {k: v for k, v in result.items() if k != "per_article"}
        typer.echo(jsonlib.dumps({"split": split, "texts": str(texts_dir()), "bars": BARS,
                                  "invented_max": INVENTED_MAX, "failures": failures, **payload}, indent=1))
    else:
        c = result["counts"]
        typer.echo(f"real corpus{'' if labels is None else f' {root}'}, {split} split: {result['articles']} articles scored, {result['missing']} without "
                   f"a text in {texts_dir()}\n")
        rows = [("boilerplate lines removed", result["boilerplate_removed"], f"{c['furniture_removed']}/{c['furniture']}",
                 f">= {BARS['boilerplate_removed']}"),
                ("inline furniture removed", result["inline_removed"], f"{c['spans_removed']}/{c['spans']}", ""),
                ("body lines kept", result["body_kept"], f"{c['body_kept']}/{c['body']}", f">= {BARS['body_kept']}"),
                ("publication date right", result["pub_date_right"], f"{c['pub_right']}/{c['pub_stated']}",
                 f">= {BARS['pub_date_right']}"),
                ("publication date invented", result["pub_date_invented"],
                 f"{c['pub_invented']}/{result['articles'] - c['pub_stated']}", f"<= {INVENTED_MAX}")]
        for name, value, counts, bar in rows:
            typer.echo(f"{name:<28} {'-' if value is None else f'{value:.3f}':>6}  {counts:>9}  {bar}")
        typer.echo("\nbars failed:\n  " + "\n  ".join(failures) if failures else "\nall bars passed")
    if failures:
        raise typer.Exit(1)
