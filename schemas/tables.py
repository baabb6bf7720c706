"""Every field is declared once (type + description); every table lists its fields and key.

The Parquet writer, the DuckDB views and the README's table reference all derive from
this module, so a column cannot exist in one place and not in another.

Types are declared as DuckDB type names and turned into Arrow types on first use: the worker
processes read the table lists from here without importing pyarrow (about 55 MB each).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyarrow as pa

SQL_TYPES = ("VARCHAR", "INTEGER", "BIGINT", "DOUBLE", "DATE", "BOOLEAN", "TIMESTAMP WITH TIME ZONE", "VARCHAR[]")


@lru_cache(maxsize=None)
def arrow_type(sql: str) -> pa.DataType:
    """The Arrow type a column of DuckDB type `sql` is written with."""
    import pyarrow as pa

    return {"VARCHAR": pa.string(), "INTEGER": pa.int32(), "BIGINT": pa.int64(), "DOUBLE": pa.float64(),
            "DATE": pa.date32(), "BOOLEAN": pa.bool_(), "TIMESTAMP WITH TIME ZONE": pa.timestamp("us", tz="UTC"),
            "VARCHAR[]": pa.list_(pa.string())}[sql]


@dataclass(frozen=True)
class Field:
    name: str
    sql: str  # DuckDB type name, one of SQL_TYPES
    description: str

    def __post_init__(self) -> None:
        if self.sql not in SQL_TYPES:
            raise ValueError(f"field {self.name}: type {self.sql!r} is not one of {SQL_TYPES}")

    @property
    def type(self) -> pa.DataType:
        return arrow_type(self.sql)


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    fields: tuple[str, ...]
    primary_key: tuple[str, ...]
    # append: each run adds rows; replace: each run rewrites the whole table.
    write_mode: str = "append"
    # Rows that belong to one article version: views hide those of superseded versions.
    per_article: bool = False
    # Per-table wording where a shared field means something narrower.
    descriptions: tuple[tuple[str, str], ...] = ()

    def describe(self, field: str) -> str:
        return dict(self.descriptions).get(field, FIELDS[field].description)


def _fields(*specs: tuple[str, str, str]) -> dict[str, Field]:
    return {name: Field(name, type_, desc) for name, type_, desc in specs}


FIELDS: dict[str, Field] = _fields(
    # identity and lineage
    ("article_id", "VARCHAR", "Content hash of the article (first 16 hex digits of SHA-256 of its normalised text); stable across runs."),
    ("run_id", "VARCHAR", "Prefect flow run id of the run that wrote the row."),
    ("source_file", "VARCHAR", "Input file, relative to the input folder it was found in (a hidden folder ends with /)."),
    ("input_root", "VARCHAR", "Absolute path of the input folder the file was found in (for a file given on --input, its folder). With source_file, source_line and source_item, what identifies a source across runs."),
    ("source_line", "INTEGER", "Line number in a .jsonl file (1-based); NULL for other files and for feed entries and archived pages (see source_item)."),
    ("source_item", "VARCHAR", "Identity of the item inside a feed or web archive: the feed entry's guid/id (else its link, else 'sha256:' of its title and content), the WARC record's WARC-Record-ID ('offset:<n>' for a damaged part of an archive); NULL for .txt, .html and .jsonl items. Never a position, so a reordered or updated feed keeps each entry's identity."),
    ("ingested_at", "TIMESTAMP WITH TIME ZONE", "When the run that ingested the article started (UTC)."),
    ("detected_at", "TIMESTAMP WITH TIME ZONE", "When the problem was found (UTC)."),
    ("encoding", "VARCHAR", "Encoding the file was decoded from (as detected)."),
    ("content_sha256", "VARCHAR", "SHA-256 of the item's normalised text; of its raw bytes when it could not be decoded; 'problem:<hash>' of the reason when it could not be read."),
    ("outcome", "VARCHAR", "What became of the input item: new, duplicate, quarantined or skipped (a file or archive record not read on purpose: reason hidden, unsupported_kind, folder_link, or for WARC records not_html, warc_request, warc_warcinfo, warc_metadata, warc_revisit, warc_other)."),
    ("extractor", "VARCHAR", "What extracted the article text from HTML (trafilatura); NULL for plain-text items."),
    ("extractor_version", "VARCHAR", "Version of the extractor."),
    ("raw_bytes", "BIGINT", "Size of the HTML the text was extracted from, in bytes (decompressed); NULL for plain-text items."),
    ("extracted_bytes", "BIGINT", "Size of the extracted text, in UTF-8 bytes: raw_bytes - extracted_bytes is what the HTML step dropped (markup, menus, scripts)."),
    # staged for story linking only (CARRIED): what linking compares of an article's text, formed in the workers
    ("name_words", "VARCHAR[]", "Sound keys of the words the article writes with a capital inside a sentence (tasks.name_words.name_word_keys); staged for story linking, not stored."),
    ("event_kinds", "VARCHAR[]", "Kinds of event the article names in its title and lead (tasks/rules/stories/events.toml); staged for story linking, not stored."),
    # article metadata
    ("source", "VARCHAR", "Outlet or news agency the article comes from (NTB, ABNA, Skai.gr), when the text, the .jsonl record, the HTML page's site name or the feed's title names it."),
    ("author", "VARCHAR", "Author, from the HTML page's metadata or the feed entry; NULL otherwise."),
    ("captured_at", "TIMESTAMP WITH TIME ZONE", "When a web archive captured the page (its WARC-Date, UTC); NULL for other inputs."),
    ("credit", "VARCHAR", "Photo credit removed from the text (e.g. 'Patrick Semansky / AP / NTB')."),
    ("url", "VARCHAR", "Original URL: the .jsonl record's, the HTML page's canonical URL, the feed entry's link, or the WARC record's target URI."),
    ("published", "DATE", "Publication date. For month precision the first day of the month."),
    ("published_precision", "VARCHAR", "Precision of `published`: day or month; NULL when unknown."),
    ("published_source", "VARCHAR", "Where `published` comes from: record (the .jsonl record), html (the HTML page's metadata, structured data or time elements, by htmldate), feed (the feed entry's published or updated date), header (the ` date` header), dateline (a timestamp or published/updated line of the page, the earliest date on such lines), url (a date in the URL path); NULL when unknown."),
    ("title", "VARCHAR", "Headline, from the .jsonl record, the feed entry, the HTML page, or the text's first line when it is a headline."),
    ("lang", "VARCHAR", "ISO 639-1 language code (Norwegian Bokmål is nb); und when undetectable."),
    ("lang_confidence", "DOUBLE", "Probability of the chosen language under langdetect's model (0-1)."),
    ("text_raw", "VARCHAR", "The decoded input text (Unicode NFC, \\n newlines), before any cleaning; for HTML, the text trafilatura extracted, paragraphs separated by blank lines."),
    ("text_clean", "VARCHAR", "The article body without boilerplate, date header, title or captions. Offsets in other tables point into it."),
    ("text_en", "VARCHAR", "English text: the translation, or text_clean when the article is in English. NULL when not translated."),
    ("translation_status", "VARCHAR", "source_english, translated, model_missing, failed, or skipped (translation turned off)."),
    ("translation_model", "VARCHAR", "Translation package that produced text_en (from-to and version, e.g. de-en 1.9)."),
    ("story_id", "VARCHAR", "The story (group of articles about the same event, across languages) the article belongs to."),
    # paragraphs / lineage of removed text
    ("paragraph_no", "INTEGER", "Position of the paragraph in text_clean (1-based)."),
    ("start_char", "INTEGER", "Character offset in text_clean where the mention starts (0-based)."),
    ("end_char", "INTEGER", "Character offset in text_clean just after the mention."),
    ("line_no", "INTEGER", "Line number in text_raw (1-based)."),
    ("text", "VARCHAR", "Text of the row."),
    ("reason", "VARCHAR", "Machine-readable reason."),
    ("detail", "VARCHAR", "Human-readable detail: what exactly was wrong and what to do."),
    # extracted fields
    ("type", "VARCHAR", "Entity type: person, organization or location."),
    ("name", "VARCHAR", "Canonical English name."),
    ("surface", "VARCHAR", "The text as written in the article."),
    ("date_text", "VARCHAR", "ISO form of the date: 2022-01-10, 2021-06, 2008, or --01-10 when the year is unknown."),
    ("date", "DATE", "The date when fully known (day precision)."),
    ("precision", "VARCHAR", "day, month, year, or month_day (year unknown)."),
    ("speaker", "VARCHAR", "Canonical name of the person or organisation quoted; NULL when unattributed."),
    ("value", "DOUBLE", "Numeric value."),
    ("unit", "VARCHAR", "Unit, English singular (minute, soldier, percent, USD); NULL for a bare number."),
    # translation cache
    ("model_id", "VARCHAR", "Translation package (from-to language pair, e.g. de-en)."),
    ("model_version", "VARCHAR", "Version of the translation package."),
    ("sentence_sha256", "VARCHAR", "SHA-256 of the source sentence."),
    # stories
    ("label", "VARCHAR", "Short human-readable label of the story."),
    ("n_articles", "INTEGER", "Number of articles in the story."),
    ("languages", "VARCHAR[]", "Languages of the story's articles."),
    ("first_published", "DATE", "Earliest publication date among the story's articles."),
    # runs
    ("started_at", "TIMESTAMP WITH TIME ZONE", "When the run started (UTC)."),
    ("finished_at", "TIMESTAMP WITH TIME ZONE", "When the run finished (UTC)."),
    ("status", "VARCHAR", "completed or failed."),
    ("files_seen", "INTEGER", "Input files found, the skipped ones included."),
    ("files_skipped", "INTEGER", "Files not read on purpose (hidden files and folders, kinds newsetl does not read), each in source_files with its reason."),
    ("records_skipped", "INTEGER", "WARC records not read on purpose (requests, warcinfo, metadata, non-HTML responses, ...), each in source_files with its reason (first run) and counted by every run."),
    ("items_seen", "INTEGER", "Input items: .txt and .html files, non-blank .jsonl lines, feed entries, HTML responses of WARC archives, and the damaged parts of feeds and archives. Equals articles_new + duplicates + quarantined + unchanged."),
    ("articles_new", "INTEGER", "Articles added by the run."),
    ("duplicates", "INTEGER", "Items whose content was already stored under another name."),
    ("quarantined", "INTEGER", "Items set aside with a reason (see the quarantine table)."),
    ("unchanged", "INTEGER", "Items already processed by an earlier run (same file, same content)."),
    ("stage_seconds", "VARCHAR", "JSON object: seconds spent in each stage."),
    ("error", "VARCHAR", "Why a failed run failed."),
    ("flow_run_name", "VARCHAR", "Prefect's name for the flow run."),
)


def _table(name, description, fields, primary_key, write_mode="append", **descriptions) -> Table:
    unknown = [f for f in fields if f not in FIELDS]
    assert not unknown, f"{name}: undeclared fields {unknown}"
    per_article = name in PER_ARTICLE
    return Table(name, description, tuple(fields), tuple(primary_key), write_mode, per_article,
                 tuple(descriptions.items()))


PER_ARTICLE = {"articles", "paragraphs", "removed_lines", "entities", "dates", "quotes", "numbers"}
# The tables of facts the extraction stage finds in an article's text.
EXTRACTED = {"entities", "dates", "quotes", "numbers"}


TABLES: dict[str, Table] = {
    t.name: t
    for t in [
        _table(
            "articles",
            "One row per distinct article (duplicates by content are stored once), current versions only: when a "
            "source file is edited, the new text supersedes the old (all versions: article_versions). A later run "
            "rewrites a row when it backfills the translation.",
            ["article_id", "input_root", "source_file", "source_line", "source_item", "source", "credit", "url",
             "published", "published_precision", "published_source", "title", "author", "captured_at", "lang",
             "lang_confidence", "text_raw", "text_clean", "text_en", "translation_status", "translation_model",
             "story_id", "encoding", "run_id", "ingested_at"],
            ["article_id"],
        ),
        _table(
            "paragraphs",
            "The paragraphs of text_clean with their own language, so mixed-language articles are visible.",
            ["article_id", "paragraph_no", "start_char", "text", "lang", "lang_confidence", "run_id"],
            ["article_id", "paragraph_no"],
            start_char="Offset of the paragraph in text_clean.",
            text="The paragraph text.",
            lang="Language of the paragraph (und when too short to tell).",
        ),
        _table(
            "removed_lines",
            "Every line (or lead-in clause) the cleaner removed, with the rule that removed it.",
            ["article_id", "line_no", "text", "reason", "run_id"],
            ["article_id", "line_no", "reason"],
            text="The removed text, exactly as it stood in text_raw.",
            reason="Name of the cleaning rule (e.g. photo_caption, agency_byline, share_prompt).",
        ),
        _table(
            "entities",
            "Persons, organisations and locations mentioned in articles.",
            ["article_id", "type", "name", "surface", "start_char", "end_char", "run_id"],
            ["article_id", "start_char", "type"],
        ),
        _table(
            "dates",
            "Calendar dates mentioned in articles.",
            ["article_id", "surface", "date_text", "date", "precision", "start_char", "run_id"],
            ["article_id", "start_char", "date_text"],
        ),
        _table(
            "quotes",
            "Direct quotes with their speakers.",
            ["article_id", "speaker", "text", "text_en", "start_char", "run_id"],
            ["article_id", "start_char"],
            text="The quote as written, without quotation marks.",
            text_en="English translation of the quote (NULL when no model is installed).",
        ),
        _table(
            "numbers",
            "Figures reported in articles, with their units.",
            ["article_id", "surface", "value", "unit", "start_char", "run_id"],
            ["article_id", "start_char"],
        ),
        _table(
            "stories",
            "Groups of articles about the same event, across languages. Rebuilt by every run.",
            ["story_id", "label", "n_articles", "languages", "first_published", "run_id"],
            ["story_id"],
            write_mode="replace",
        ),
        _table(
            "runs",
            "One row per pipeline run, with the accounting of its inputs.",
            ["run_id", "flow_run_name", "started_at", "finished_at", "status", "files_seen", "files_skipped",
             "records_skipped", "items_seen",
             "articles_new", "duplicates", "quarantined", "unchanged", "stage_seconds", "error"],
            ["run_id"],
        ),
        _table(
            "quarantine",
            "Input items set aside, with the reason. Nothing is dropped silently.",
            ["input_root", "source_file", "source_line", "source_item", "reason", "detail", "content_sha256",
             "run_id", "detected_at"],
            ["input_root", "source_file", "source_line", "source_item", "run_id"],
            reason="Why the item was set aside: empty, binary, undecodable, too_large, unreadable, bad_jsonl, truncated, "
                   "corrupt_archive, bad_feed, empty_feed, no_article_text, bad_warc_record, ...",
        ),
        _table(
            "translation_cache",
            "Every sentence translated so far, so re-runs and repeated wire copy are translated once.",
            ["lang", "model_id", "model_version", "sentence_sha256", "text", "text_en", "run_id"],
            ["lang", "model_id", "model_version", "sentence_sha256"],
            lang="Language of the source sentence.",
            text="The source sentence.",
            text_en="Its English translation.",
        ),
        _table(
            "source_files",
            "Ledger of every input item processed: what it became. Re-runs skip items already here.",
            ["input_root", "source_file", "source_line", "source_item", "content_sha256", "outcome", "reason",
             "article_id", "encoding", "extractor", "extractor_version", "raw_bytes", "extracted_bytes", "run_id",
             "detected_at"],
            ["input_root", "source_file", "source_line", "source_item", "content_sha256"],
            article_id="The article the item became or duplicates; NULL when quarantined or skipped.",
            reason="Why a quarantined or skipped item was set aside (see the quarantine table for the detail); "
                   "NULL otherwise.",
            detected_at="When the item was processed (UTC).",
        ),
    ]
}


# the tables with rows per article version (in TABLES order): what transform produces per batch
PER_ARTICLE_TABLES: tuple[str, ...] = tuple(t for t, spec in TABLES.items() if spec.per_article)
# the tables of extracted facts (in TABLES order): what the extraction stage and the evaluation read and write
EXTRACTED_TABLES: tuple[str, ...] = tuple(t for t in TABLES if t in EXTRACTED)


def arrow_schema(table: str) -> pa.Schema:
    """The pyarrow schema of a table, with descriptions kept as field metadata."""
    import pyarrow as pa

    spec = TABLES[table]
    return pa.schema(
        [pa.field(f, FIELDS[f].type, metadata={"description": spec.describe(f)}) for f in spec.fields],
        metadata={"table": table, "primary_key": ",".join(spec.primary_key)},
    )


def empty_table(table: str) -> pa.Table:
    return arrow_schema(table).empty_table()


def conform(table: str, data: pa.Table | list[dict]) -> pa.Table:
    """Coerce rows to the declared schema; refuse missing or unknown columns.

    Every Parquet write goes through here, so a typo in a column name fails loudly
    instead of producing a file that disagrees with the contract.
    """
    import pyarrow as pa

    schema = arrow_schema(table)
    if isinstance(data, list):
        unknown = {k for row in data for k in row} - set(schema.names)
        if unknown:
            raise ValueError(f"{table}: unknown columns {sorted(unknown)}")
        return pa.Table.from_pylist(data, schema=schema)
    missing = set(schema.names) - set(data.column_names)
    unknown = set(data.column_names) - set(schema.names)
    if missing or unknown:
        raise ValueError(f"{table}: missing columns {sorted(missing)}, unknown columns {sorted(unknown)}")
    return data.select(schema.names).cast(schema)


# ---- staging ----------------------------------------------------------------------------
# What one task of a run hands the next (newsetl/staging.py, one Parquet file per batch and name),
# typed like the lake: a staged table has its table's columns less those added when the rows are
# written (WRITTEN), plus the columns it carries for a later step (CARRIED, declared in FIELDS).
# "items" is no table: ingest's decoded items; "quarantined" (its set-aside items) is staged quarantine.
WRITTEN = ("run_id", "ingested_at", "detected_at")
CARRIED: dict[str, tuple[str, ...]] = {
    # columns of the input item the cleaner passes through; the ledger (source_files) records them, not articles
    "articles": ("content_sha256", "extractor", "extractor_version", "raw_bytes", "extracted_bytes",
                 # what story linking compares of the text, formed beside extraction in the worker processes
                 "name_words", "event_kinds"),
}
STAGED_ONLY: dict[str, tuple[str, ...]] = {
    "items": ("article_id", "input_root", "source_file", "source_line", "source_item", "text_raw", "encoding",
              "content_sha256", "url", "published", "published_precision", "published_source", "title", "source",
              "author", "captured_at", "extractor", "extractor_version", "raw_bytes", "extracted_bytes"),
}
# staged under another name than their table's
STAGED_AS = {"quarantined": "quarantine"}


def staged_fields(name: str) -> tuple[str, ...]:
    """The columns of an intermediate result staged under `name` (a table's name, items or quarantined)."""
    if name in STAGED_ONLY:
        return STAGED_ONLY[name]
    name = STAGED_AS.get(name, name)
    if name not in TABLES:
        raise ValueError(f"staging: {name!r} is neither a table of schemas.TABLES nor a staged result "
                         f"({', '.join([*STAGED_ONLY, *STAGED_AS])})")
    return tuple(f for f in TABLES[name].fields if f not in WRITTEN) + CARRIED.get(name, ())


def staged_schema(name: str) -> pa.Schema:
    """The pyarrow schema of a staged result: the same field types as the lake."""
    import pyarrow as pa

    return pa.schema([pa.field(f, FIELDS[f].type) for f in staged_fields(name)], metadata={"staged": name})


def conform_staged(name: str, rows: list[dict]) -> pa.Table:
    """Rows as a table of the staged schema; an undeclared column or a value of the wrong type fails loudly.

    Missing keys are NULL (a stage fills its columns in turn: translation adds text_en, linking story_id).
    """
    import pyarrow as pa

    schema = staged_schema(name)
    unknown = sorted({k for row in rows for k in row} - set(schema.names))
    if unknown:
        raise ValueError(f"staging {name}: undeclared columns {unknown} (declare them in schemas/tables.py)")
    try:
        return pa.Table.from_pylist(rows, schema=schema)
    except (pa.ArrowInvalid, pa.ArrowTypeError) as err:
        for field in schema:
            for row in rows:
                try:
                    pa.array([row.get(field.name)], type=field.type)
                except (pa.ArrowInvalid, pa.ArrowTypeError):
                    raise TypeError(f"staging {name}: column {field.name} must be {field.type}, "
                                    f"got {row.get(field.name)!r}") from err
        raise
