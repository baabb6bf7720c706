"""The HTML report: one self-contained page (inline SVG charts, inline CSS, no scripts, no network).

Charts are drawn with matplotlib into SVG (text as paths, so no fonts are fetched);
the page is rendered with Jinja2 (autoescaped) from warehouse/templates/report.html.j2.
"""

from __future__ import annotations

import io
from datetime import datetime, timezone
from pathlib import Path

import duckdb
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from warehouse.reports import Section, report_names, run_report

TEMPLATES = Path(__file__).parent / "templates"

STORIES_SQL = """
SELECT s.story_id, s.label, s.n_articles, array_to_string(s.languages, ', ') AS languages, s.first_published
FROM stories s
WHERE ($story IS NULL OR s.story_id = $story)
ORDER BY s.n_articles DESC, s.first_published DESC NULLS LAST, s.story_id
"""
ARTICLES_SQL = """
SELECT a.article_id, coalesce(a.title, left(a.text_clean, 90) || '…') AS title, a.source, a.lang, a.published,
       a.story_id, a.translation_status, a.source_file, a.text_clean, a.text_en, a.url
FROM articles a
WHERE ($story IS NULL OR a.story_id = $story) AND ($since IS NULL OR a.published >= CAST($since AS DATE))
ORDER BY a.story_id NULLS LAST, a.published NULLS LAST, a.article_id
"""
COUNTS_SQL = """
SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(DISTINCT lang) FROM articles) AS languages,
       (SELECT count(*) FROM stories) AS stories, (SELECT count(DISTINCT source) FROM articles) AS sources,
       (SELECT count(*) FROM quotes) AS quotes, (SELECT count(*) FROM entities) AS entity_mentions,
       (SELECT count(*) FROM runs) AS runs, (SELECT count(*) FROM quarantine) AS quarantined
"""


def _svg(fig) -> Markup:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(fig)
    svg = buf.getvalue()
    return Markup(svg[svg.index("<svg"):])


def _plt():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"svg.fonttype": "path", "font.size": 9, "axes.spines.top": False,
                         "axes.spines.right": False, "axes.titleweight": "bold"})
    return plt


def chart_languages(section: Section) -> Markup | None:
    rows = section.records()
    if not rows:
        return None
    plt = _plt()
    fig, ax = plt.subplots(figsize=(5.5, 2.8))
    ax.bar([r["language"] for r in rows], [r["articles"] for r in rows], color="#2f6db3")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_title("Articles per language")
    ax.set_ylabel("articles")
    return _svg(fig)


def chart_entities(section: Section) -> Markup | None:
    rows = section.records()
    if not rows:
        return None
    plt = _plt()
    types = [t for t in ("person", "organization", "location") if any(r["type"] == t for r in rows)]
    fig, axes = plt.subplots(1, len(types), figsize=(4.2 * len(types), 3.2), squeeze=False)
    colors = {"person": "#b3452f", "organization": "#2f8f6d", "location": "#6b4fb3"}
    for ax, kind in zip(axes[0], types):
        top = [r for r in rows if r["type"] == kind][:8][::-1]
        ax.barh([r["name"] for r in top], [r["articles"] for r in top], color=colors[kind])
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.set_title(f"Top {kind}s (articles)")
    fig.tight_layout()
    return _svg(fig)


def chart_timeline(section: Section, labels: dict[str, str]) -> Markup | None:
    rows = [r for r in section.records() if r["precision"] == "day" and len(r["date_text"]) == 10]
    if not rows:
        return None
    plt = _plt()
    stories = sorted({r["story"] for r in rows}, key=lambda s: min(r["date_text"] for r in rows if r["story"] == s))
    fig, ax = plt.subplots(figsize=(9, 0.6 + 0.45 * len(stories)))
    for y, story in enumerate(stories):
        points = [r for r in rows if r["story"] == story]
        ax.scatter([datetime.fromisoformat(r["date_text"]) for r in points], [y] * len(points),
                   s=[30 + 40 * r["sources"] for r in points], alpha=0.7, color="#2f6db3")
    ax.set_yticks(range(len(stories)), [(labels.get(s) or s)[:45] for s in stories])
    ax.set_title("Dates mentioned per story (dot size: number of sources)")
    fig.autofmt_xdate()
    return _svg(fig)


def render_html(con: duckdb.DuckDBPyConnection, reports: list[str] | None = None, story: str | None = None,
                since: str | None = None, data_dir: str = "") -> str:
    names = reports or report_names()
    sections = {name: run_report(con, name, story, since) for name in names}
    params = {"story": story, "since": since}
    cursor = con.execute(STORIES_SQL, {"story": story})
    stories = [dict(zip([d[0] for d in cursor.description], row)) for row in cursor.fetchall()]
    cursor = con.execute(ARTICLES_SQL, params)
    articles = [dict(zip([d[0] for d in cursor.description], row)) for row in cursor.fetchall()]
    counts = dict(zip(["articles", "languages", "stories", "sources", "quotes", "entity_mentions", "runs",
                       "quarantined"], con.execute(COUNTS_SQL).fetchone()))
    by_story: dict[str, list[dict]] = {}
    for a in articles:
        by_story.setdefault(a["story_id"], []).append(a)
    labels = {s["story_id"]: s["label"] for s in stories}

    def first(report: str, title: str) -> Section | None:
        return next((s for s in sections.get(report, []) if s.title == title), None)

    charts = []
    for make, section in ((chart_languages, first("overview", "Articles per language")),
                          (chart_entities, first("entities", "Top entities"))):
        if section is not None and (svg := make(section)) is not None:
            charts.append(svg)
    timeline = first("timeline", "Timeline")
    if timeline is not None and (svg := chart_timeline(timeline, labels)) is not None:
        charts.append(svg)
    flags: dict[str, list[dict]] = {}
    for title in ("Dates by source", "Figures by source"):
        section = first("agreement", title)
        for row in section.records() if section else []:
            if row["flag"]:
                flags.setdefault(row["story"], []).append(row)

    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "j2"]))
    env.globals["zip"] = zip
    return env.get_template("report.html.j2").render(
        generated=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), data_dir=data_dir, story=story,
        since=since, counts=counts, charts=charts, sections=sections, stories=stories, by_story=by_story,
        flags=flags, articles=articles, labels=labels)
