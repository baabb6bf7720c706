"""Reports: one .sql file per report in warehouse/reports/, split into titled sections.

A report file holds one or more queries, each after a `-- section: Title` line. Queries
may use the parameters $story and $since (NULL means "all"); only the ones a query
mentions are bound.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

REPORTS_DIR = Path(__file__).parent / "reports"
_SECTION = re.compile(r"^-- section: (.+)$", re.M)
_PARAM = re.compile(r"\$(story|since)\b")


@dataclass
class Section:
    report: str
    title: str
    columns: list[str]
    rows: list[tuple]

    def records(self) -> list[dict]:
        return [dict(zip(self.columns, row)) for row in self.rows]


# The order reports are shown in (`all`, the HTML page); any other .sql file comes after, by name.
ORDER = ["overview", "entities", "quotes", "timeline", "agreement", "runs"]


def report_names() -> list[str]:
    names = [p.stem for p in REPORTS_DIR.glob("*.sql")]
    return sorted(names, key=lambda n: (ORDER.index(n) if n in ORDER else len(ORDER), n))


def report_sections(name: str) -> list[tuple[str, str]]:
    """(title, sql) pairs of a report file."""
    path = REPORTS_DIR / f"{name}.sql"
    if not path.exists():
        raise KeyError(f"no report named {name!r}; reports: {', '.join(report_names())}")
    text = path.read_text(encoding="utf-8")
    parts = _SECTION.split(text)
    return [(parts[i].strip(), parts[i + 1].strip().rstrip(";")) for i in range(1, len(parts), 2)]


def run_report(con: duckdb.DuckDBPyConnection, name: str, story: str | None = None,
               since: str | None = None) -> list[Section]:
    values = {"story": story, "since": since}
    out = []
    for title, sql in report_sections(name):
        params = {p: values[p] for p in set(_PARAM.findall(sql))}
        cursor = con.execute(sql, params) if params else con.execute(sql)
        out.append(Section(name, title, [d[0] for d in cursor.description], cursor.fetchall()))
    return out
