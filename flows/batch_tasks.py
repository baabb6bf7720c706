"""The flow's tasks after ingest: transform, translate, link, write, backfill, commit, refresh.

Each takes the run's context and batch numbers, reads its input from the batch folder, calls
plain functions from tasks/, and writes its result back: a retried task finds its input on disk.
"""

from __future__ import annotations

import time
from collections import Counter

import pyarrow as pa
import pyarrow.compute as pc
from prefect import task

import flows.resources as resources
from flows.run_context import RunContext, io_retries, log, uncached
from runtime.faults import fault_point
from runtime.lake import Commit, Lake, part_name
from runtime.parallel import cpu_map
from runtime.progress import emit
from runtime.staging import BatchDir
from schemas import FIELDS, PER_ARTICLE_TABLES, arrow_schema
from schemas.tables import CARRIED
from tasks.backfill import backfill_stored, drain_new_cache_entries, translate_quotes
from tasks.link import ARTICLE_COLUMNS, ARTICLE_LINK_COLUMNS, DATE_COLUMNS, ENTITY_COLUMNS, NUMBER_COLUMNS, apply_links, link_articles
from tasks.story_context import lead, stories_table, story_context
from tasks.transform import merge_results, transform_articles
from tasks.triage import source_key


@task(name="transform-batch", timeout_seconds=3600, **uncached)
def transform_batch(ctx: RunContext, batch_no: int, new_items: list[tuple[str, str, int]]) -> dict:
    """Clean, detect language and extract entities, dates, numbers and quotes, on all cores.

    `new_items` are the source keys (input_root, source_file, source_line) triage accepted. Articles that are
    nothing but boilerplate are quarantined here.
    """
    t0 = time.perf_counter()
    batch = ctx.batch(batch_no)
    wanted = {tuple(k) for k in new_items}
    items = [i for i in batch.read("items")
             if source_key(i["input_root"], i["source_file"], i["source_line"], i["source_item"]) in wanted]
    result = merge_results(cpu_map(transform_articles, items, ctx.workers))
    for table in PER_ARTICLE_TABLES:
        batch.write(table, result[table])
    rejected = result["only_boilerplate"]
    if rejected:
        batch.write("quarantined", batch.read("quarantined") + [
            {"input_root": a["input_root"], "source_file": a["source_file"], "source_line": a["source_line"],
             "source_item": a["source_item"], "reason": "only_boilerplate",
             "detail": f"every line was boilerplate ({', '.join(a['reasons'])})",
             "content_sha256": a["content_sha256"]} for a in rejected])
    wall = time.perf_counter() - t0
    cpu = sum(result["seconds"].values()) or 1.0
    langs = Counter(a["lang"] for a in result["articles"])
    # translation off: the batch's English columns are set here, and no translate-batch task runs for it
    untranslated = None if ctx.translate else mark_untranslated(batch, batch_no)
    log().info(f"transform batch {batch_no}: {len(items)} articles, {len(result['removed_lines'])} boilerplate "
               f"lines removed, {len(rejected)} only boilerplate; languages "
               + (", ".join(f"{k} {v}" for k, v in sorted(langs.items())) or "-")
               + f"; {len(result['entities'])} entities, {len(result['dates'])} dates, "
                 f"{len(result['numbers'])} numbers, {len(result['quotes'])} quotes")
    return {"rejected": [a["article_id"] for a in rejected], "languages": dict(langs),
            # wall-clock seconds of this task, shared out in proportion to each stage's CPU time
            "seconds": {s: wall * secs / cpu for s, secs in result["seconds"].items()},
            "translation": untranslated}


@task(name="translate-batch", timeout_seconds=7200, **io_retries)
def translate_batch(ctx: RunContext, batch_no: int) -> dict:
    """English text for the batch's articles and quotes (models loaded once per process, cached). Submitted only
    when the run translates: otherwise transform-batch marks the batch untranslated itself."""
    t0 = time.perf_counter()
    batch = ctx.batch(batch_no)
    with resources.translation_lock:
        return _translate_staged(ctx, batch, batch.read("articles"), t0)


def mark_untranslated(batch: BatchDir, batch_no: int) -> dict:
    """Translation off: English articles are their own English text, the others are skipped."""
    t0 = time.perf_counter()
    articles = batch.read_table("articles")
    if articles is None:
        return {"statuses": {}, "missing": {}, "cache_hits": 0, "sentences_to_model": 0,
                "seconds": time.perf_counter() - t0}
    english = pc.fill_null(pc.equal(articles["lang"], "en"), False)
    articles = _set_columns(articles, {
        "text_en": pc.if_else(english, articles["text_clean"], None),
        "translation_model": pa.nulls(articles.num_rows, pa.string()),
        "translation_status": pc.if_else(english, "source_english", "skipped")})
    batch.write("articles", articles)
    statuses = dict(Counter(articles["translation_status"].to_pylist()))
    log().info(f"translate batch {batch_no}: off; " + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items())))
    return {"statuses": statuses, "missing": {}, "cache_hits": 0, "sentences_to_model": 0,
            "seconds": time.perf_counter() - t0}


def _set_columns(table: pa.Table, columns: dict) -> pa.Table:
    for name, values in columns.items():
        at = table.schema.get_field_index(name)
        table = table.set_column(at, table.schema.field(at), values.cast(table.schema.field(at).type))
    return table


def _translate_staged(ctx: RunContext, batch: BatchDir, articles: list[dict], t0: float) -> dict:
    from tasks.translate import translate_articles

    translator, cache = _translation_resources(ctx)
    articles, stats = translate_articles(articles, translator, cache)
    batch.write("quotes", translate_quotes(batch.read("quotes"), articles, translator, cache))
    summary = {"statuses": dict(stats.statuses), "missing": dict(stats.missing),
               "cache_hits": stats.cache_hits, "sentences_to_model": stats.sentences_to_model}
    batch.write("articles", articles)
    batch.write("translation_cache", drain_new_cache_entries(cache))
    log().info(f"translate {batch.name}: " + ", ".join(f"{k} {v}" for k, v in sorted(summary["statuses"].items()))
               + f"; {summary['cache_hits']} sentences from the cache, {summary['sentences_to_model']} translated")
    return {**summary, "seconds": time.perf_counter() - t0}


@task(name="link-stories", timeout_seconds=3600, **uncached)
def link_stories(ctx: RunContext, batch_nos: list[int]) -> dict:
    """Group the run's articles into stories with the stored ones, then resolve what stories resolve.

    Stored versions that this run's (or an earlier run's) edits superseded take no part.

    Reads only the columns linking needs from every batch, decides, then rewrites one batch
    at a time: memory does not grow with the full text of the run.
    """
    t0 = time.perf_counter()
    lake = Lake(ctx.paths.lake)
    batches = [ctx.batch(b) for b in batch_nos]
    new = {"articles": [lead(r) for b in batches for r in b.read_columns("articles", ARTICLE_COLUMNS)],
           "entities": [r for b in batches for r in b.read_columns("entities", ENTITY_COLUMNS, distinct=True)],
           "dates": [r for b in batches for r in b.read_columns("dates", DATE_COLUMNS, distinct=True)],
           "numbers": [r for b in batches for r in b.read_columns("numbers", NUMBER_COLUMNS, distinct=True)]}
    columns = ["input_root", "source_file", "source_line", "source_item", "outcome", "article_id", "detected_at",
               "run_id"]
    schema = arrow_schema("source_files")
    schema = pa.schema([schema.field(c) for c in columns])
    this_run = [staged.select(columns).cast(schema) for b in batches
                if (staged := _staged_with_run(b, "source_files", ctx, detected_at=ctx.started_at)) is not None]
    from warehouse.database import superseded_articles  # duckdb: loaded when the run needs it, not while it extracts

    superseded = set(superseded_articles(pa.concat_tables([lake.read("source_files", columns=columns), *this_run])))
    del this_run  # the run's ledger as Arrow: not needed while linking holds every article
    stored, stored_assignments = story_context(lake, new["articles"], superseded)
    links = link_articles(new, stored, stored_assignments)
    for b in batches:
        articles = b.read_table("articles")
        linked = apply_links({"articles": _undated_texts_only(articles.select(ARTICLE_LINK_COLUMNS)).to_pylist(),
                              **{t: b.read(t) for t in ("entities", "dates", "quotes")}}, links)
        b.write("articles", _set_columns(articles, {"story_id": pa.array([a["story_id"] for a in linked.pop("articles")],
                                                                         pa.string())}))
        for table, rows in linked.items():
            b.write(table, rows)
    touched = set(links.assignments.values())
    rows = stories_table(lake, touched, [{"article_id": a["article_id"], "story_id": links.assignments.get(a["article_id"]),
                                          "published": a.get("published"), "lang": a.get("lang"), "title": a.get("title")}
                                         for a in new["articles"]], new["entities"], links.renames, superseded)
    BatchDir(ctx.staging).write("stories", rows)
    log().info(f"link stories: {len(new['articles'])} new articles in {len(touched)} stories "
               f"({len(touched - set(stored_assignments.values()))} new); {len(links.renames)} names completed "
               f"from the story; stories table: {len(rows)} rows")
    return {"stories": len(touched), "seconds": time.perf_counter() - t0}


def stage_ledger(ctx: RunContext, batch_no: int, ledger: list[dict]) -> None:
    """The batch's ledger (what each input item became) beside its other staged results, until write-batch."""
    ctx.batch(batch_no).write("source_files", ledger)


def _undated_texts_only(articles: pa.Table) -> pa.Table:
    """apply_links reads the text of an article with no publication date only: the others' texts stay in Arrow."""
    text = articles["text_clean"]
    kept = pc.if_else(pc.is_null(articles["published"]), text, pa.scalar(None, text.type))
    return articles.set_column(articles.schema.get_field_index("text_clean"), "text_clean", kept)


def _with_run(rows: list[dict], ctx: RunContext) -> list[dict]:
    return [{**r, "run_id": ctx.run_id} for r in rows]


def _staged_with_run(batch: BatchDir, table: str, ctx: RunContext, **columns) -> pa.Table | None:
    """A staged table as written to the lake: the carried columns dropped, the run's id (and `columns`) added,
    in Arrow, without turning every row into a dict."""
    staged = batch.read_table(table)
    if staged is None or staged.num_rows == 0:
        return None
    staged = staged.drop_columns([c for c in CARRIED.get(table, ()) if c in staged.column_names])
    for name, value in {"run_id": ctx.run_id, **columns}.items():
        staged = staged.append_column(name, pa.array([value] * staged.num_rows, type=FIELDS[name].type))
    return staged


@task(name="write-batches", timeout_seconds=3600, **io_retries)
def write_batches(ctx: RunContext, batches: list[tuple[int, int, list[tuple[str, str, int]]]]
                  ) -> tuple[dict[str, list[str]], float]:
    """Every batch as uncommitted lake parts, one task for all (`batches`: batch number, its new articles, the
    keys of its bad items an earlier run reported); the parts of each table in batch order."""
    t0 = time.perf_counter()
    parts: dict[str, list[str]] = {}
    for batch_no, new_articles, known_bad in batches:
        written = write_batch(ctx, batch_no, known_bad)
        emit("advance", stage="load", n=new_articles)
        for table, rels in written.items():
            parts.setdefault(table, []).extend(rels)
    return parts, time.perf_counter() - t0


def write_batch(ctx: RunContext, batch_no: int, known_bad: list[tuple[str, str, int]]) -> dict[str, list[str]]:
    """Write the batch's rows and its staged ledger as uncommitted lake parts (invisible until commit-run).

    `known_bad` lists quarantined items an earlier run already reported (same content).
    """
    batch = ctx.batch(batch_no)
    lake = Lake(ctx.paths.lake)
    known_bad = {tuple(k) for k in known_bad}
    quarantine = [{**q, "detected_at": ctx.started_at} for q in batch.read("quarantined")
                  if source_key(q["input_root"], q["source_file"], q["source_line"], q["source_item"]) not in known_bad]
    rows = {
        # the item columns staged articles carry for the ledger (schemas CARRIED) are not the articles table's
        "articles": _staged_with_run(batch, "articles", ctx, ingested_at=ctx.started_at),
        "quarantine": _with_run(quarantine, ctx),
        "source_files": _staged_with_run(batch, "source_files", ctx, detected_at=ctx.started_at),
        **{t: _staged_with_run(batch, t, ctx) for t in PER_ARTICLE_TABLES if t != "articles"},
        "translation_cache": _staged_with_run(batch, "translation_cache", ctx),
    }
    parts = {table: [lake.write_part(table, data, part_name(ctx.run_id, batch.name))]
             for table, data in rows.items() if data is not None and len(data)}
    fault_point("after-stage")
    return parts


@task(name="backfill-translations", timeout_seconds=7200, **io_retries)
def backfill_translations(ctx: RunContext) -> dict:
    """Translate stored articles whose model was missing and now is installed; rewrite their parts."""
    t0 = time.perf_counter()
    translator, cache = _translation_resources(ctx)
    done = backfill_stored(Lake(ctx.paths.lake), translator, cache, ctx.run_id)
    if done is None:
        return {"articles": 0, "added": {}, "removed": {}, "seconds": time.perf_counter() - t0}
    BatchDir(ctx.staging).write("translation_cache", drain_new_cache_entries(cache))
    log().info(f"backfill: {done['translated']} of {done['waiting']} stored articles translated now that their "
               "models are installed")
    return {"articles": done["translated"], "added": done["added"], "removed": done["removed"],
            "seconds": time.perf_counter() - t0}


@task(name="commit-run", timeout_seconds=300, **io_retries)
def commit_run(ctx: RunContext, parts: dict[str, list[str]], removed: dict[str, list[str]], run_row: dict) -> None:
    """The commit point: after this the run's rows are visible, before it nothing is."""
    lake = Lake(ctx.paths.lake)
    added = {t: list(v) for t, v in parts.items()}
    replaced = set()
    stories = BatchDir(ctx.staging)
    if stories.has("stories"):
        added["stories"] = [lake.write_part("stories", _with_run(stories.read("stories"), ctx), part_name(ctx.run_id))]
        replaced.add("stories")
    if stories.has("translation_cache"):  # sentences the backfill translated
        rows = _with_run(stories.read("translation_cache"), ctx)
        if rows:
            added["translation_cache"] = [lake.write_part("translation_cache", rows, part_name(ctx.run_id))]
    added["runs"] = [lake.write_part("runs", [run_row], part_name(ctx.run_id))]
    fault_point("before-commit")
    manifest = lake.commit(Commit(ctx.run_id, added, replaced=replaced, removed=removed))
    log().info(f"committed run {ctx.run_id}: {sum(len(v) for v in added.values())} parts, "
               f"manifest version {manifest['version']}")


@task(name="refresh-database", timeout_seconds=300, **io_retries)
def refresh_database(ctx: RunContext) -> str:
    from warehouse.database import build_database

    return str(build_database(ctx.paths.database, Lake(ctx.paths.lake)))


def _translation_resources(ctx: RunContext):
    """The translator and the sentence cache, loaded once per process and run."""
    return resources.translation(ctx.paths.lake, ctx.paths.argos_packages, ctx.run_id)
