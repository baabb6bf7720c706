"""The `news-etl` flow: extract (ingest), transform (clean, language, extract, translate, link), load.

Thin orchestration only. Tasks hand each other batch folders under <data>/staging/<run>/,
call pure stage functions from `tasks/`, and write their results back; the run's rows
become visible in one commit at the end. Retries are reserved for steps that touch the
outside world (disk, models) and never fire for bad input.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections import Counter, deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds
from filelock import FileLock, Timeout
from prefect import flow, get_run_logger, task
from prefect.runtime import flow_run

import newsetl.resources as resources
from newsetl.config import DEFAULT_DATA, DEFAULT_INPUT, DataPaths, resolve_data_dir
from newsetl.faults import fault_point
from newsetl.lake import Commit, Lake, part_name, remove_tree
from newsetl.parallel import cpu_map, release_workers
from newsetl.progress import emit
from newsetl.staging import BatchDir, compact_rows
from schemas import TABLES
from tasks.ingest import InputFile, Item, Quarantined, Skipped, discover_inputs, read_input
from tasks.triage import source_key, triage_items
from tasks.link import (ARTICLE_COLUMNS, DATE_COLUMNS, ENTITY_COLUMNS, NUMBER_COLUMNS, TEXT_LEAD_CHARS,
                        apply_links, link_articles)
from tasks.stories import stories_rows
from tasks.transform import merge_results, transform_articles
from warehouse.database import build_database, superseded_articles

STAGES = ["ingest", "clean", "language", "extract", "translate", "link", "load"]
# staged per batch and written to the lake table of the same name
BATCH_TABLES = ["articles", "paragraphs", "removed_lines", "entities", "dates", "numbers", "quotes",
                "quarantine", "source_files"]
# how far back stored articles are candidates for a new article's story
STORY_WINDOW_DAYS = 45
STORY_CONTEXT_LIMIT = 20_000


class RunLocked(RuntimeError):
    pass


class RunCommitted(RuntimeError):
    """The run failed after its commit: its rows are stored, the database is not up to date."""


def _committed(ctx: "RunContext") -> bool:
    try:
        return Lake(ctx.paths.lake).manifest().get("last_run_id") == ctx.run_id
    except Exception:  # an unreadable manifest was not written by this run
        return False


class _ThreadTimeoutNotice(logging.Filter):
    """Prefect warns on every task that a timeout cannot interrupt a thread mid-I/O; the
    timeouts here are a backstop against hangs, so one explanation in the docs is enough."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "configured for this task, but the task is running in a worker thread" not in record.getMessage()


logging.getLogger("prefect.task_runs").addFilter(_ThreadTimeoutNotice())


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
    workers: int | None = None  # processes for CPU-bound stages; None = all cores

    @property
    def paths(self) -> DataPaths:
        return DataPaths(self.data_dir)

    @property
    def staging(self) -> Path:
        return self.paths.staging / self.run_id

    def batch(self, batch_no: int) -> BatchDir:
        return BatchDir.of(self.paths.staging, self.run_id, batch_no)


@dataclass
class RunStats:
    files_seen: int = 0
    files_skipped: int = 0
    records_skipped: int = 0
    items_seen: int = 0
    articles_new: int = 0
    duplicates: int = 0
    quarantined: int = 0
    unchanged: int = 0
    backfilled: int = 0
    languages: dict[str, int] = field(default_factory=dict)
    translation: dict[str, int] = field(default_factory=dict)
    missing_models: dict[str, int] = field(default_factory=dict)
    stage_seconds: dict[str, float] = field(default_factory=lambda: {s: 0.0 for s in STAGES})

    def add_time(self, stage: str, seconds: float) -> None:
        self.stage_seconds[stage] = round(self.stage_seconds.get(stage, 0.0) + seconds, 3)

    def add_counts(self, target: dict, counts: dict) -> None:
        for key, n in counts.items():
            target[key] = target.get(key, 0) + n


def batched(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start:start + size]


# ---- tasks ----------------------------------------------------------------------------

@task(name="ingest-batch", timeout_seconds=1800, **io_retries)
def ingest_batch(ctx: RunContext, batch_no: int,
                 files: list[InputFile]) -> tuple[list[dict], list[dict], list[dict], float]:
    """Read and decode one batch of files into the batch folder.

    Returns the keys of the decoded items, of the quarantined ones and of the skipped files, for triage.
    """
    t0 = time.perf_counter()
    items: list[Item] = []
    quarantined: list[Quarantined] = []
    skipped: list[Skipped] = []
    for f in files:
        result = read_input(f)
        items += result.items
        quarantined += result.quarantined
        skipped += result.skipped
    batch = ctx.batch(batch_no)
    batch.write("items", [{**vars(i), "article_id": i.article_id} for i in items])
    batch.write("quarantined", [vars(q) for q in quarantined])
    keys = [{"input_root": i.input_root, "source_file": i.source_file, "source_line": i.source_line,
             "content_sha256": i.content_sha256, "article_id": i.article_id, "encoding": i.encoding,
             **{f: getattr(i, f) for f in LEDGER_EXTRAS}} for i in items]
    bad = [{"input_root": q.input_root, "source_file": q.source_file, "source_line": q.source_line,
            "source_item": q.source_item, "content_sha256": q.content_sha256, "reason": q.reason} for q in quarantined]
    fault_point("after-ingest", ctx.data_dir)
    _log().info(f"ingest batch {batch_no}: {len(files)} files read, {len(items)} items decoded, "
                f"{len(quarantined)} quarantined, {len(skipped)} files skipped")
    return keys, bad, [vars(k) for k in skipped], time.perf_counter() - t0


@task(name="transform-batch", timeout_seconds=3600, tags=["cpu"])
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
    for table in ("articles", "removed_lines", "paragraphs", "entities", "dates", "numbers", "quotes"):
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
    _log().info(f"transform batch {batch_no}: {len(items)} articles, {len(result['removed_lines'])} boilerplate "
                f"lines removed, {len(rejected)} only boilerplate; languages "
                + (", ".join(f"{k} {v}" for k, v in sorted(langs.items())) or "-")
                + f"; {len(result['entities'])} entities, {len(result['dates'])} dates, "
                  f"{len(result['numbers'])} numbers, {len(result['quotes'])} quotes")
    return {"rejected": [a["article_id"] for a in rejected], "languages": dict(langs),
            # wall-clock seconds of this task, shared out in proportion to each stage's CPU time
            "seconds": {s: wall * secs / cpu for s, secs in result["seconds"].items()}}


@task(name="translate-batch", timeout_seconds=7200, **io_retries)
def translate_batch(ctx: RunContext, batch_no: int) -> dict:
    """English text for the batch's articles and quotes (models loaded once per process, cached)."""
    t0 = time.perf_counter()
    batch = ctx.batch(batch_no)
    articles = batch.read("articles")
    if ctx.translate:
        with resources.translation_lock:
            return _translate_staged(ctx, batch, articles, t0)
    for a in articles:
        english = a["lang"] == "en"
        a.update(text_en=a["text_clean"] if english else None, translation_model=None,
                 translation_status="source_english" if english else "skipped")
    batch.write("articles", articles)
    statuses = dict(Counter(a["translation_status"] for a in articles))
    _log().info(f"translate batch {batch_no}: off; " + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items())))
    return {"statuses": statuses, "missing": {}, "cache_hits": 0, "sentences_to_model": 0,
            "seconds": time.perf_counter() - t0}


def _translate_staged(ctx: RunContext, batch: BatchDir, articles: list[dict], t0: float) -> dict:
    from tasks.translate import translate_articles

    translator, cache = _translation_resources(ctx)
    articles, stats = translate_articles(articles, translator, cache)
    batch.write("quotes", _translate_quotes(batch.read("quotes"), articles, translator, cache))
    summary = {"statuses": dict(stats.statuses), "missing": dict(stats.missing),
               "cache_hits": stats.cache_hits, "sentences_to_model": stats.sentences_to_model}
    batch.write("articles", articles)
    batch.write("translation_cache", drain_new_cache_entries(cache))
    _log().info(f"translate {batch.name}: " + ", ".join(f"{k} {v}" for k, v in sorted(summary["statuses"].items()))
                + f"; {summary['cache_hits']} sentences from the cache, {summary['sentences_to_model']} translated")
    return {**summary, "seconds": time.perf_counter() - t0}


@task(name="link-stories", timeout_seconds=3600, tags=["cpu"])
def link_stories(ctx: RunContext, batch_nos: list[int], run_ledger: list[dict]) -> dict:
    """Group the run's articles into stories with the stored ones, then resolve what stories resolve.

    Stored versions that this run's (or an earlier run's) edits superseded take no part.

    Reads only the columns linking needs from every batch, decides, then rewrites one batch
    at a time: memory does not grow with the full text of the run.
    """
    t0 = time.perf_counter()
    lake = Lake(ctx.paths.lake)
    batches = [ctx.batch(b) for b in batch_nos]
    new = {"articles": [_lead(r) for b in batches for r in b.read_columns("articles", ARTICLE_COLUMNS)],
           "entities": [r for b in batches for r in b.read_columns("entities", ENTITY_COLUMNS, distinct=True)],
           "dates": [r for b in batches for r in b.read_columns("dates", DATE_COLUMNS, distinct=True)],
           "numbers": [r for b in batches for r in b.read_columns("numbers", NUMBER_COLUMNS, distinct=True)]}
    columns = ["input_root", "source_file", "source_line", "source_item", "outcome", "article_id", "detected_at",
               "run_id"]
    this_run = pa.Table.from_pylist([{**r, "run_id": ctx.run_id, "detected_at": ctx.started_at} for r in run_ledger],
                                    schema=_schema("source_files")).select(columns)
    superseded = set(superseded_articles(pa.concat_tables([lake.read("source_files", columns=columns), this_run])))
    stored, stored_assignments = _story_context(lake, new["articles"], superseded)
    links = link_articles(new, stored, stored_assignments)
    for b in batches:
        linked = apply_links({t: b.read(t) for t in ("articles", "entities", "dates", "quotes")}, links)
        for table, rows in linked.items():
            b.write(table, rows)
    touched = set(links.assignments.values())
    rows = _stories_table(lake, touched, [{**a, "story_id": links.assignments.get(a["article_id"])}
                                          for a in new["articles"]], new["entities"], links.renames, superseded)
    BatchDir(ctx.staging).write("stories", rows)
    _log().info(f"link stories: {len(new['articles'])} new articles in {len(touched)} stories "
                f"({len(touched - set(stored_assignments.values()))} new); {len(links.renames)} names completed "
                f"from the story; stories table: {len(rows)} rows")
    return {"stories": len(touched), "seconds": time.perf_counter() - t0}


def _lead(article: dict) -> dict:
    text = article.get("text_en")
    return {**article, "text_en": text[:TEXT_LEAD_CHARS] if text else text}


def _with_run(rows: list[dict], ctx: RunContext) -> list[dict]:
    return [{**r, "run_id": ctx.run_id} for r in rows]


@task(name="write-batch", timeout_seconds=1800, **io_retries)
def write_batch(ctx: RunContext, batch_no: int, decisions: list[dict],
                known_bad: list[tuple[str, str, int]]) -> tuple[dict[str, list[str]], float]:
    """Write the batch's rows as uncommitted lake parts (invisible until commit-run).

    `known_bad` lists quarantined items an earlier run already reported (same content).
    """
    t0 = time.perf_counter()
    batch = ctx.batch(batch_no)
    lake = Lake(ctx.paths.lake)
    known_bad = {tuple(k) for k in known_bad}
    declared = set(TABLES["articles"].fields)
    articles = [{k: v for k, v in a.items() if k in declared} | {"ingested_at": ctx.started_at}
                for a in _with_run(batch.read("articles"), ctx)]
    quarantine = [{**q, "detected_at": ctx.started_at} for q in batch.read("quarantined")
                  if source_key(q["input_root"], q["source_file"], q["source_line"], q["source_item"]) not in known_bad]
    rows = {
        "articles": articles,
        "quarantine": _with_run(quarantine, ctx),
        "source_files": [{**d, "run_id": ctx.run_id, "detected_at": ctx.started_at} for d in decisions],
        **{t: _with_run(batch.read(t), ctx)
           for t in ("paragraphs", "removed_lines", "entities", "dates", "numbers", "quotes")},
    }
    cache = batch.read("translation_cache")
    if cache:
        rows["translation_cache"] = _with_run(cache, ctx)
    parts = {table: [lake.write_part(table, data, part_name(ctx.run_id, batch.name))]
             for table, data in rows.items() if data}
    fault_point("after-stage")
    return parts, time.perf_counter() - t0


@task(name="backfill-translations", timeout_seconds=7200, **io_retries)
def backfill_translations(ctx: RunContext) -> dict:
    """Translate stored articles whose model was missing and now is installed; rewrite their parts."""
    from tasks.translate import translate_articles

    t0 = time.perf_counter()
    lake = Lake(ctx.paths.lake)
    translator, cache = _translation_resources(ctx)
    status = lake.read("articles", columns=["article_id", "lang", "translation_status"])
    waiting = {(aid, lang) for aid, lang, st in zip(*(status.column(c).to_pylist() for c in status.column_names))
               if st == "model_missing" and translator.route(lang) is not None}
    added: dict[str, list[str]] = {}
    removed: dict[str, list[str]] = {}
    if not waiting:
        return {"articles": 0, "added": added, "removed": removed, "seconds": time.perf_counter() - t0}
    ids = {aid for aid, _ in waiting}
    translated: dict[str, dict] = {}
    for k, path in enumerate(p for p in lake.files("articles") if _part_has("articles", p, ids)):
        rows = ds.dataset(str(path), schema=_schema("articles")).to_table().to_pylist()
        todo = [r for r in rows if r["article_id"] in ids]
        done, _ = translate_articles(todo, translator, cache)
        translated.update({r["article_id"]: r for r in done})
        rows = [translated.get(r["article_id"], r) for r in rows]
        _replace_part(lake, "articles", path, rows, part_name(ctx.run_id, f"backfill{k:04d}"), added, removed)
    by_lang = {aid: translated[aid]["lang"] for aid in translated}
    for k, path in enumerate(p for p in lake.files("quotes") if _part_has("quotes", p, ids)):
        rows = ds.dataset(str(path), schema=_schema("quotes")).to_table().to_pylist()
        rows = _translate_quotes(rows, [{"article_id": a, "lang": l} for a, l in by_lang.items()], translator, cache,
                                 only=ids)
        _replace_part(lake, "quotes", path, rows, part_name(ctx.run_id, f"backfill{k:04d}"), added, removed)
    BatchDir(ctx.staging).write("translation_cache", drain_new_cache_entries(cache))
    ok = sum(1 for r in translated.values() if r["translation_status"] == "translated")
    _log().info(f"backfill: {ok} of {len(ids)} stored articles translated now that their models are installed")
    return {"articles": ok, "added": added, "removed": removed, "seconds": time.perf_counter() - t0}


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
    _log().info(f"committed run {ctx.run_id}: {sum(len(v) for v in added.values())} parts, "
                f"manifest version {manifest['version']}")


@task(name="refresh-database", timeout_seconds=300, **io_retries)
def refresh_database(ctx: RunContext) -> str:
    return str(build_database(ctx.paths.database, Lake(ctx.paths.lake)))


# ---- helpers the tasks use --------------------------------------------------------------

def _translation_resources(ctx: RunContext):
    """The translator and the sentence cache, loaded once per process and run."""
    return resources.translation(ctx.paths.lake, ctx.paths.argos_packages, ctx.run_id)


def drain_new_cache_entries(cache) -> list[dict]:
    """Sentences translated since the last call (each process keeps its own cache in memory)."""
    return cache.take_new_entries_arrow().to_pylist()


def _translate_quotes(quotes: list[dict], articles: list[dict], translator, cache, only: set | None = None):
    """text_en of quotes through the same sentence cache (English quotes keep their text)."""
    from tasks.translate import translate_texts

    lang_of = {a["article_id"]: a["lang"] for a in articles}
    out = [dict(q) for q in quotes]
    by_lang: dict[str, list[int]] = {}
    for i, q in enumerate(out):
        if only is not None and q["article_id"] not in only:
            continue
        by_lang.setdefault(lang_of.get(q["article_id"], "und"), []).append(i)
    for lang, idx in by_lang.items():
        for i, text_en in zip(idx, translate_texts([out[i]["text"] for i in idx], lang, translator, cache)):
            out[i]["text_en"] = text_en
    return out


def _by_article(rows: list[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for r in rows:
        out.setdefault(r["article_id"], []).append(r)
    return out


def _schema(table: str) -> pa.Schema:
    from schemas import arrow_schema

    return arrow_schema(table)


def _part_has(table: str, path: Path, ids: set[str]) -> bool:
    col = ds.dataset(str(path), schema=_schema(table)).to_table(columns=["article_id"]).column("article_id")
    return not ids.isdisjoint(col.to_pylist())


def _replace_part(lake: Lake, table: str, old: Path, rows: list[dict], name: str, added: dict, removed: dict) -> None:
    added.setdefault(table, []).append(lake.write_part(table, rows, name))
    removed.setdefault(table, []).append(old.relative_to(lake.root).as_posix())


def _story_context(lake: Lake, new_articles: list[dict],
                   superseded: set[str]) -> tuple[dict[str, list[dict]], dict[str, str]]:
    """Stored articles that new ones may join: published near the new ones (or undated), newest first.

    Text is fetched only for the articles kept, and only its lead.
    """
    empty = {t: [] for t in ("articles", "entities", "dates", "numbers")}
    brief = [c for c in ARTICLE_COLUMNS if c != "text_en"] + ["story_id", "ingested_at"]
    stored = lake.read("articles", columns=brief)
    if stored.num_rows == 0:
        return empty, {}
    dates = [a["published"] for a in new_articles if a.get("published")]
    window = timedelta(days=STORY_WINDOW_DAYS)
    rows = [r for r in stored.to_pylist() if r["article_id"] not in superseded]
    if dates:
        lo, hi = min(dates) - window, max(dates) + window
        rows = [r for r in rows if r["published"] is None or lo <= r["published"] <= hi]
    rows = sorted(rows, key=lambda r: r["ingested_at"], reverse=True)[:STORY_CONTEXT_LIMIT]
    ids = pa.array([r["article_id"] for r in rows], type=pa.string())
    context = {}
    for table, columns in (("articles", ["article_id", "text_en"]), ("entities", ENTITY_COLUMNS),
                           ("dates", DATE_COLUMNS), ("numbers", NUMBER_COLUMNS)):
        files = [str(f) for f in lake.files(table)]
        context[table] = [] if not files else compact_rows(ds.dataset(files, schema=_schema(table)).to_table(
            columns=columns, filter=ds.field("article_id").isin(ids)), distinct=table != "articles")
    texts = {r["article_id"]: r["text_en"] for r in context["articles"]}
    context["articles"] = [_lead({**r, "text_en": texts.get(r["article_id"])}) for r in rows]
    return context, {r["article_id"]: r["story_id"] for r in rows if r["story_id"]}


def _stories_table(lake: Lake, touched: set[str], new_articles: list[dict], new_entities: list[dict],
                   renames: dict, superseded: set[str]) -> list[dict]:
    """The stories table after this run: stored rows of untouched stories, fresh rows for touched ones.

    A story that lost a member to a newer version is recounted (and gone if nothing is left).
    """
    new_entities = [{**e, "name": renames.get((e["article_id"], e["name"]), e["name"])} for e in new_entities]
    stored = lake.read("articles", columns=["article_id", "story_id", "published", "lang", "title"]).to_pylist()
    touched = touched | {r["story_id"] for r in stored if r["article_id"] in superseded and r["story_id"]}
    old = lake.read("stories", columns=list(TABLES["stories"].fields)).to_pylist()
    keep = [{k: v for k, v in r.items() if k != "run_id"} for r in old if r["story_id"] not in touched]
    members = [r for r in stored if r["story_id"] in touched and r["article_id"] not in superseded]
    ids = pa.array([r["article_id"] for r in members], type=pa.string())
    files = [str(f) for f in lake.files("entities")]
    stored_entities = [] if not files or not members else ds.dataset(files, schema=_schema("entities")).to_table(
        columns=["article_id", "type", "name"], filter=ds.field("article_id").isin(ids)).to_pylist()
    return keep + stories_rows(members + new_articles, stored_entities + new_entities)


def _load_ledger(lake: Lake) -> tuple[dict[tuple[str, str, int], str], set[str]]:
    """Each source's latest content hash (what it held when last read), and the stored article ids."""
    ledger = lake.read("source_files", columns=["input_root", "source_file", "source_line", "source_item",
                                                "content_sha256", "detected_at"]).sort_by("detected_at")
    processed = {source_key(r["input_root"], r["source_file"], r["source_line"], r["source_item"]): r["content_sha256"]
                 for r in ledger.to_pylist()}
    known = set(lake.read("articles", columns=["article_id"]).column("article_id").to_pylist())
    return processed, known


# Item fields that go to the source_files ledger besides the source key (feed/WARC identity, HTML extraction).
LEDGER_EXTRAS = ("source_item", "extractor", "extractor_version", "raw_bytes", "extracted_bytes")


def _ledger_row(key: dict, outcome: str, article_id: str | None = None, reason: str | None = None) -> dict:
    return {"input_root": key["input_root"], "source_file": key["source_file"], "source_line": key["source_line"],
            "content_sha256": key["content_sha256"], "outcome": outcome, "reason": reason, "article_id": article_id,
            "encoding": key.get("encoding"), **{f: key.get(f) for f in LEDGER_EXTRAS}}


def _decide(keys: list[dict], processed: dict, known: set) -> tuple[list[dict], list[tuple[str, str, int]], int]:
    """Triage one batch's items: ledger rows for new and duplicates, source keys of the new ones, #unchanged."""
    items = [Item(k["source_file"], k["source_line"], "", k["encoding"], k["content_sha256"],
                  input_root=k["input_root"], **{f: k[f] for f in LEDGER_EXTRAS}) for k in keys]
    triage = triage_items(items, processed, known)
    ledger = [_ledger_row(vars(i), "new", i.article_id) for i in triage.new]
    ledger += [_ledger_row(vars(i), "duplicate", dup_of) for i, dup_of in triage.duplicates]
    return (ledger, [source_key(i.input_root, i.source_file, i.source_line, i.source_item) for i in triage.new],
            len(triage.unchanged))


def _set_aside(ledger: list[dict], rejected: set[str]) -> list[dict]:
    """The ledger after transform: new items that proved to be only boilerplate are quarantined."""
    return [{**r, "outcome": "quarantined", "article_id": None, "reason": "only_boilerplate"}
            if r["article_id"] in rejected else r for r in ledger]


def _triage_bad(bad: list[dict], processed: dict) -> tuple[list[dict], list[tuple[str, str, int]]]:
    """Items quarantined at read time: ledger rows for the newly bad, keys of those reported before.

    The key holds the content hash (or, for unreadable items, a fingerprint of the problem),
    so the same bad item is reported once, and again only when it changes.
    """
    ledger, seen_before = [], []
    for q in bad:
        key = source_key(q["input_root"], q["source_file"], q["source_line"], q["source_item"])
        if processed.get(key) == q["content_sha256"]:
            seen_before.append(key)
            continue
        processed[key] = q["content_sha256"]
        ledger.append(_ledger_row(q, "quarantined", reason=q["reason"]))
    return ledger, seen_before


def _triage_skipped(skipped: list[dict], processed: dict) -> list[dict]:
    """Ledger rows for files skipped on purpose, once per file and reason (a re-run adds none)."""
    ledger = []
    for f in skipped:
        key, mark = source_key(f["input_root"], f["source_file"], None, f["source_item"]), f"skipped:{f['reason']}"
        if processed.get(key) != mark:
            processed[key] = mark
            ledger.append(_ledger_row({**f, "source_line": None, "content_sha256": mark}, "skipped",
                                      reason=f["reason"]))
    return ledger


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
    workers: int | None = None,
    parallel_batches: int = 2,
) -> dict:
    """Ingest, clean, language-tag, extract, translate and link news articles into Parquet tables for DuckDB.

    Args:
        inputs: Folders or files to ingest (.txt and .jsonl, searched recursively).
        data_dir: Folder for the Parquet lake and news.duckdb.
        translate: Translate non-English articles to English (needs installed models).
        batch_size: Input files per batch; memory holds a couple of batches at a time.
        wait_seconds: How long to wait when another run is using the data folder.
        workers: Processes for the CPU-bound stages (empty: one per core; 1: no extra processes).
        parallel_batches: Batches in flight at once (2 overlaps translation with extraction;
            on a Dask cluster, about twice the number of workers).
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    data_path = resolve_data_dir(data_dir)
    ctx = RunContext(run_id=str(flow_run.get_id() or uuid.uuid4()), data_dir=data_path,
                     started_at=datetime.now(timezone.utc), translate=translate, workers=workers)
    paths = ctx.paths
    log = _log()
    lock = _lock(paths, wait_seconds)
    stats = RunStats()
    try:
        lake = Lake(paths.lake)
        _recover(paths, lake)
        processed, known = _load_ledger(lake)
        removed: dict[str, list[str]] = {}
        all_parts: dict[str, list[str]] = {}

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

        if translate:  # stored articles whose model has been installed since
            backfill = backfill_translations(ctx)
            stats.backfilled = backfill["articles"]
            stats.add_time("translate", backfill["seconds"])
            for table, rels in backfill["added"].items():
                all_parts.setdefault(table, []).extend(rels)
            removed = backfill["removed"]

        # transform: ingest runs ahead; triage happens here, in input order; then each batch is
        # transformed and translated while later batches are triaged (`window` batches in flight)
        chunks = list(batched(files, batch_size))
        window = max(2, parallel_batches)
        ingests = deque(ingest_batch.submit(ctx, n, list(c)) for n, c in enumerate(chunks[:window], start=1))
        in_flight: deque = deque()
        batch_ledgers: dict[int, tuple[list[dict], list]] = {}

        def settle(batch_no, ledger, bad_ledger, bad_seen_before, transform_future, translate_future):
            result = transform_future.result()
            for stage, secs in result["seconds"].items():
                stats.add_time(stage, secs)
            rejected = set(result["rejected"])
            stats.quarantined += len(rejected)
            stats.add_counts(stats.languages, result["languages"])
            stats.articles_new += sum(result["languages"].values())
            translated = translate_future.result()
            stats.add_time("translate", translated["seconds"])
            stats.add_counts(stats.translation, translated["statuses"])
            stats.add_counts(stats.missing_models, translated["missing"])
            stats.add_counts(stats.translation, {"cache_hits": translated["cache_hits"],
                                                 "sentences_to_model": translated["sentences_to_model"]})
            n = sum(result["languages"].values()) + len(rejected)
            for stage in ("clean", "language", "extract"):
                emit("advance", stage=stage, n=n)
            emit("advance", stage="translate", n=n)
            batch_ledgers[batch_no] = (_set_aside(ledger, rejected) + bad_ledger, bad_seen_before)

        for batch_no in range(1, len(chunks) + 1):
            keys, bad, skipped, secs = ingests.popleft().result()
            if batch_no + window <= len(chunks):
                ingests.append(ingest_batch.submit(ctx, batch_no + window, list(chunks[batch_no + window - 1])))
            stats.add_time("ingest", secs)
            emit("advance", stage="ingest", n=len(chunks[batch_no - 1]))
            ledger, new_items, unchanged = _decide(keys, processed, known)
            bad_ledger, bad_seen_before = _triage_bad(bad, processed)
            bad_ledger += _triage_skipped(skipped, processed)
            stats.records_skipped += sum(1 for f in skipped if f["source_item"])  # records of WARC archives
            stats.files_skipped += sum(1 for f in skipped if not f["source_item"])
            stats.items_seen += len(keys) + len(bad)
            stats.quarantined += len(bad) - len(bad_seen_before)
            stats.unchanged += unchanged + len(bad_seen_before)
            stats.duplicates += sum(1 for r in ledger if r["outcome"] == "duplicate")
            emit("grow", stage="clean", n=len(new_items))
            transformed = transform_batch.submit(ctx, batch_no, new_items)
            translated = translate_batch.submit(ctx, batch_no, wait_for=[transformed])
            in_flight.append((batch_no, ledger, bad_ledger, bad_seen_before, transformed, translated))
            while len(in_flight) >= window:
                settle(*in_flight.popleft())
        while in_flight:
            settle(*in_flight.popleft())

        # link: stories across the whole run and the stored articles (the extraction workers'
        # memory is given back first: linking holds the run's compact rows)
        release_workers()
        link = link_stories(ctx, list(batch_ledgers), [r for ledger, _ in batch_ledgers.values() for r in ledger])
        stats.add_time("link", link["seconds"])
        emit("advance", stage="link", n=stats.articles_new)

        # load (staged; committed below, all batches at once)
        for batch_no, (ledger, seen_before) in batch_ledgers.items():
            parts, secs = write_batch(ctx, batch_no, ledger, seen_before)
            stats.add_time("load", secs)
            emit("advance", stage="load", n=sum(1 for r in ledger if r["outcome"] == "new"))
            for table, rels in parts.items():
                all_parts.setdefault(table, []).extend(rels)

        t0 = time.perf_counter()
        commit_run(ctx, all_parts, removed, _run_row(ctx, stats, "completed"))
        fault_point("after-commit", ctx.data_dir)
        refresh_database(ctx)
        stats.add_time("load", time.perf_counter() - t0)
        log.info(_summary_line(stats))
        publish_summary(ctx, stats)
        return _result(ctx, stats, "completed")
    except Exception as exc:
        if _committed(ctx):  # the data is in; only the database (or the summary) is behind
            raise RunCommitted(
                f"this run's data is committed to the lake, but news.duckdb was not rebuilt "
                f"({type(exc).__name__}: {exc}). Fix the cause and run again: the next run adds nothing twice "
                "and rebuilds the database.") from exc
        _record_failure(ctx, stats, exc)
        raise
    finally:
        resources.release()
        remove_tree(ctx.staging)
        lock.release()


def _run_row(ctx: RunContext, stats: RunStats, status: str, error: str | None = None) -> dict:
    return {
        "run_id": ctx.run_id, "flow_run_name": flow_run.get_name(), "started_at": ctx.started_at,
        "finished_at": datetime.now(timezone.utc), "status": status, "files_seen": stats.files_seen,
        "files_skipped": stats.files_skipped, "records_skipped": stats.records_skipped,
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
        create_table_artifact(key="news-etl-summary", table=rows, description=_summary_line(stats))
        paths = ctx.paths
        create_markdown_artifact(key="news-etl-outputs", description="Where this run's output is", markdown=(
            f"## newsetl run `{ctx.run_id}`\n\n{_summary_line(stats)}\n\n"
            + (f"**{missing}**\n\n" if missing else "")
            + f"- Database: [`{paths.database}`](file://{paths.database}) (open read-only: "
            f"`duckdb -readonly {paths.database}`)\n"
            f"- Parquet lake: [`{paths.lake}`](file://{paths.lake})\n"
            f"- Query: `newsetl sql \"select lang, count(*) from articles group by 1\" --data {paths.root}`\n"
            f"- Quarantined items: `newsetl sql \"select * from quarantine where run_id = '{ctx.run_id}'\" "
            f"--data {paths.root}`\n"))
    except Exception as exc:  # artifacts are a courtesy; the data is already committed
        _log().warning(f"could not publish the run summary artifact: {exc}")


def _summary_line(stats: RunStats) -> str:
    langs = ", ".join(f"{k} {v}" for k, v in sorted(stats.languages.items())) or "none"
    records = f", {stats.records_skipped} archive records skipped" if stats.records_skipped else ""
    return (f"{stats.items_seen} items in {stats.files_seen} files ({stats.files_skipped} skipped{records}): "
            f"{stats.articles_new} new, "
            f"{stats.duplicates} duplicates, {stats.quarantined} quarantined, {stats.unchanged} unchanged; "
            f"languages: {langs}")


def _result(ctx: RunContext, stats: RunStats, status: str) -> dict:
    from tasks.translate import missing_models_message

    return {"run_id": ctx.run_id, "status": status, "data_dir": str(ctx.data_dir),
            "database": str(ctx.paths.database), "missing_models_message": missing_models_message(stats.missing_models),
            **{k: v for k, v in vars(stats).items()}}


def dask_task_runner(scheduler: str | None = None, n_workers: int = 2):
    """prefect-dask's runner: an existing cluster at `scheduler`, or a local one with n_workers processes."""
    from prefect_dask import DaskTaskRunner

    if scheduler:
        return DaskTaskRunner(address=scheduler)
    return DaskTaskRunner(cluster_class="distributed.LocalCluster",
                          cluster_kwargs={"n_workers": n_workers, "threads_per_worker": 1, "processes": True,
                                          "dashboard_address": None})


@flow(name="news-etl-dask", log_prints=False)
def news_etl_on_dask(
    scheduler: str,
    inputs: list[str] = [DEFAULT_INPUT],  # noqa: B006
    data_dir: str = DEFAULT_DATA,
    translate: bool = True,
    batch_size: int = 500,
    parallel_batches: int = 4,
) -> dict:
    """news-etl with its tasks on a Dask cluster; the inbox and data folder must be visible to every worker.

    Args:
        scheduler: Address of the Dask scheduler, e.g. tcp://10.0.0.5:8786.
        inputs: Folders or files to ingest (on storage every worker can read).
        data_dir: Folder for the Parquet lake and news.duckdb (shared by every worker).
        translate: Translate non-English articles to English (models installed on every worker).
        batch_size: Input files per batch.
        parallel_batches: Batches in flight at once; about twice the number of workers.
    """
    runner = dask_task_runner(scheduler)
    return news_etl.with_options(task_runner=runner)(
        inputs=inputs, data_dir=data_dir, translate=translate, batch_size=batch_size, workers=1,
        parallel_batches=parallel_batches)
