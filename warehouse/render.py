"""Query results and report sections as text: a table, CSV, JSON or Markdown.

`newsetl sql` prints rows with `write_rows`; `newsetl report` renders sections with `render_sections`
(the HTML page is warehouse/html_report.py). `format` is one of "table", "csv", "json", "md" (the
CLI's option enums are str enums, so they compare equal to these).
"""

from __future__ import annotations

import io
import json
import sys
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:
    from warehouse.reports import Section


def jsonable(value):
    """A DuckDB value as JSON takes it: lists and dicts element by element, anything else not native as str."""
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    return str(value)


def write_rows(columns: list[str], rows: list[tuple], format: str, out=None) -> None:
    """Rows to `out` (default stdout): "json", "csv", or a table with a row count."""
    out = out or sys.stdout
    if format == "json":
        out.write(json.dumps([dict(zip(columns, map(jsonable, r))) for r in rows], ensure_ascii=False, indent=1))
        out.write("\n")
    elif format == "csv":
        import csv

        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([["" if v is None else v for v in map(jsonable, r)] for r in rows])
    else:
        table = Table(show_lines=False)
        for c in columns:
            table.add_column(c, overflow="fold")
        for r in rows:
            table.add_row(*["NULL" if v is None else str(jsonable(v)) for v in r])
        Console(file=out, width=None if out is sys.stdout and sys.stdout.isatty() else 200).print(table)
        print(f"({len(rows)} row{'s' if len(rows) != 1 else ''})", file=out)


def render_sections(sections: list[Section], format: str) -> str:
    """Report sections as one text: "json" (report -> section title -> records), "md", "csv" or a table each."""
    buf = io.StringIO()
    if format == "json":
        doc: dict = {}
        for sec in sections:
            doc.setdefault(sec.report, {})[sec.title] = [dict(zip(sec.columns, map(jsonable, r)))
                                                         for r in sec.rows]
        return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
    for sec in sections:
        if format == "md":
            buf.write(f"### {sec.report}: {sec.title}\n\n")
            buf.write("| " + " | ".join(sec.columns) + " |\n|" + "---|" * len(sec.columns) + "\n")
            for r in sec.rows:
                cells = ["" if v is None else str(jsonable(v)).replace("|", "\\|").replace("\n", " ") for v in r]
                buf.write("| " + " | ".join(cells) + " |\n")
            buf.write("\n")
        elif format == "csv":
            buf.write(f"# {sec.report}: {sec.title}\n")
            write_rows(sec.columns, sec.rows, "csv", buf)
            buf.write("\n")
        else:
            buf.write(f"{sec.report}: {sec.title}\n")
            write_rows(sec.columns, sec.rows, "table", buf)
            buf.write("\n")
    return buf.getvalue()
