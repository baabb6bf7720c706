"""Ingest: find input files, decode them, split .jsonl records, and tell new from known.

Web inputs (HTML pages, RSS/Atom feeds, WARC archives) and compressed files are read by
tasks/readers/; this module dispatches to them and turns what they return into items. Decoding
bytes to text is tasks/decode.py; deciding which items are new is tasks/triage.py.

Everything that could go wrong with an input item becomes a `Quarantined` value with a
reason and a detail, never an exception that stops the run.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from tasks.decode import DecodeError, decode_text, decode_web, normalize_text, sha256_text
from tasks.readers import Problem, ReaderError, Records, html_record, looks_like_html
from tasks.readers.compressed import open_stream, read_limited
from tasks.readers.feed import looks_like_feed, read_feed
from tasks.readers.kinds import MULTI_ITEM_KINDS, kind_of, supported_names
from tasks.readers.warc import iter_warc

# A news article is a few KB; anything past this is not one article (a dump, a log, a binary
# blob) and is quarantined without being read into memory. NEWSETL_MAX_ITEM_MB overrides it.
MAX_ITEM_BYTES = int(float(os.environ.get("NEWSETL_MAX_ITEM_MB", "2")) * 1024 * 1024)
# A .jsonl feed holds many articles: it may be this many times larger.
FEED_FACTOR = 50


@dataclass(frozen=True, slots=True)
class InputFile:
    """A run of 100,000 files holds 100,000 of these for its whole length: slots, and the path kept as text
    (a Path object with its parts costs about five times as much: 60 MB of the run's process at 100,000)."""

    where: str  # absolute path (a Path given here is kept as its text)
    source_file: str  # relative to the input folder (or the file name when a file was given)
    # The input folder it was found in: with source_file, what identifies a source across runs.
    input_root: str = ""
    # Set when the file is not read on purpose (hidden, a kind newsetl does not read).
    skip_reason: str | None = None
    skip_detail: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.where, str):
            object.__setattr__(self, "where", os.fspath(self.where))

    @property
    def path(self) -> Path:
        return Path(self.where)


@dataclass
class Item:
    """One article-to-be: a .txt file or one .jsonl line, decoded and normalised."""

    source_file: str
    source_line: int | None
    text_raw: str
    encoding: str
    content_sha256: str
    url: str | None = None
    published: date | None = None
    published_precision: str | None = None
    title: str | None = None
    source: str | None = None
    input_root: str = ""
    # Identity inside a feed or web archive (entry guid/id, else link; WARC-Record-ID); None otherwise.
    source_item: str | None = None
    author: str | None = None
    published_source: str | None = None  # html, feed; None: the cleaner decides (record, header, ...)
    captured_at: datetime | None = None  # WARC-Date of an archived page
    # HTML inputs: what extracted the text, and the sizes before and after (what the extraction dropped).
    extractor: str | None = None
    extractor_version: str | None = None
    raw_bytes: int | None = None
    extracted_bytes: int | None = None

    @property
    def article_id(self) -> str:
        return self.content_sha256[:16]


@dataclass
class Quarantined:
    source_file: str
    source_line: int | None
    reason: str
    detail: str
    content_sha256: str | None = None
    input_root: str = ""
    source_item: str | None = None

    def __post_init__(self):
        # Items that could not be read have no content to hash: their fingerprint is the
        # problem itself, so a re-run reports the same problem once, and a fixed file anew.
        if self.content_sha256 is None:
            self.content_sha256 = "problem:" + sha256_text(f"{self.reason}|{self.detail}")[:48]


@dataclass
class Skipped:
    """A file not read on purpose; it still gets a ledger row, so nothing vanishes unaccounted."""

    input_root: str
    source_file: str
    reason: str  # hidden, unsupported_kind, folder_link; for archive records: not_html, warc_request, ...
    detail: str
    source_item: str | None = None  # set for a record of a WARC archive


@dataclass
class ReadResult:
    items: list[Item] = field(default_factory=list)
    quarantined: list[Quarantined] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def discover_inputs(paths: list[str | Path]) -> tuple[list[InputFile], list[Quarantined]]:
    """Walk input paths (recursively) for files, in a stable order.

    Every file found is returned: the kinds of tasks/readers/kinds.py to be read, the others marked with a skip
    reason (hidden files and folders, kinds newsetl does not read), so each one is accounted
    for. A hidden folder is one entry; its contents are counted, not walked into the run.
    Symlinked directories are not followed, so a symlink loop cannot hang the walk.
    A missing input path is reported, not ignored.
    """
    found: dict[Path, InputFile] = {}
    problems: list[Quarantined] = []
    for given in paths:
        root = Path(given).expanduser()
        if root.is_file() or (root.is_symlink() and not root.is_dir()):
            path = root.absolute()
            found.setdefault(path, _input_file(path, root.name, path.parent.as_posix(), explicit=True))
            continue
        if not root.is_dir():
            problems.append(Quarantined(str(given), None, "missing_input",
                                        f"input path {given} does not exist; check --input"))
            continue
        base = root.absolute()
        for dirpath, dirnames, filenames in os.walk(root, followlinks=False, onerror=None):
            for name in sorted(d for d in dirnames if d.startswith(".")):
                path = Path(dirpath, name).absolute()
                inside = sum(len(f) for _, _, f in os.walk(path, followlinks=False))
                found.setdefault(path, InputFile(
                    path, path.relative_to(base).as_posix() + "/", base.as_posix(), "hidden",
                    f"hidden folder, not read ({inside} file{'s' if inside != 1 else ''} inside); "
                    "rename it without the leading dot to ingest it"))
            for name in sorted(d for d in dirnames if not d.startswith(".") and Path(dirpath, d).is_symlink()):
                path = Path(dirpath, name).absolute()
                found.setdefault(path, InputFile(
                    path, path.relative_to(base).as_posix() + "/", base.as_posix(), "folder_link",
                    "a link to a folder is not followed (it could loop); pass its target with --input to ingest it"))
            dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and not Path(dirpath, d).is_symlink())
            for name in sorted(filenames):
                path = Path(dirpath, name).absolute()
                found.setdefault(path, _input_file(path, path.relative_to(base).as_posix(), base.as_posix()))
    return sorted(found.values(), key=lambda f: (f.source_file, f.input_root, f.where)), problems


def _input_file(path: Path, source_file: str, input_root: str, explicit: bool = False) -> InputFile:
    """A file to read, or one to skip with its reason (a file named on --input is never hidden)."""
    if path.name.startswith(".") and not explicit:
        return InputFile(path, source_file, input_root, "hidden",
                         "hidden file, not read; rename it without the leading dot to ingest it")
    if kind_of(path.name) is None:
        kind = path.suffix.lower() or "extensionless"
        return InputFile(path, source_file, input_root, "unsupported_kind",
                         f"newsetl reads {supported_names()} files; {kind} files are not read")
    return InputFile(path, source_file, input_root)


_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?")


def parse_published(value: str | None) -> tuple[date | None, str | None]:
    """'2021-12-31', '2021-12-31T10:00:00Z' or '2021-12' -> (date, precision); anything else -> (None, None)."""
    if not value or not isinstance(value, str):
        return None, None
    m = _ISO_DATE.match(value.strip())
    if not m:
        return None, None
    year, month, day = int(m[1]), int(m[2]), int(m[3]) if m[3] else None
    try:
        return date(year, month, day or 1), ("day" if day else "month")
    except ValueError:
        return None, None


def _item(source_file: str, line: int | None, text: str, encoding: str, **meta) -> Item | Quarantined:
    text = normalize_text(text)
    if not text.strip():
        return Quarantined(source_file, line, "empty", "the item holds no text (empty or whitespace only)")
    return Item(source_file, line, text, encoding, sha256_text(text), **meta)


def parse_jsonl(source_file: str, text: str, encoding: str, max_bytes: int = MAX_ITEM_BYTES) -> ReadResult:
    """One article per line: {"text": ..., "url", "published", "source", "title"}.

    Fields are only ever stored: a `url` or any path in a record is never opened.
    """
    out = ReadResult()
    for line_no, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        if len(line) > max_bytes:
            out.quarantined.append(Quarantined(source_file, line_no, "too_large",
                                               f"line {line_no} holds {len(line) / 1e6:.1f} MB, more than the "
                                               f"{max_bytes / 1e6:.0f} MB limit for one article",
                                               sha256_text(line)))
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            out.quarantined.append(Quarantined(source_file, line_no, "bad_jsonl",
                                               f"line {line_no} is not valid JSON ({exc.msg} at column {exc.colno})",
                                               sha256_text(line)))
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            out.quarantined.append(Quarantined(source_file, line_no, "bad_jsonl",
                                               f'line {line_no} has no "text" string field', sha256_text(line)))
            continue
        published, precision = parse_published(record.get("published"))
        meta = {k: (v.strip() or None) if isinstance(v, str) else None
                for k, v in ((k, record.get(k)) for k in ("url", "source", "title"))}
        if looks_like_html(record["text"]):  # a scraped page: its article, the record's fields winning
            result = _html_item(source_file, line_no, record["text"], encoding,
                                len(record["text"].encode("utf-8")), published=published,
                                published_precision=precision, published_source="record" if published else None,
                                **meta)
        else:
            result = _item(source_file, line_no, record["text"], encoding, published=published,
                           published_precision=precision, **meta)
        (out.items if isinstance(result, Item) else out.quarantined).append(result)
    return out


def read_input(file: InputFile, max_bytes: int = MAX_ITEM_BYTES) -> ReadResult:
    """Read and decode one input file into items; problems become quarantine entries."""
    if file.skip_reason:
        return ReadResult(skipped=[Skipped(file.input_root, file.source_file, file.skip_reason, file.skip_detail)])
    result = _read_input(file, max_bytes)
    for entry in (*result.items, *result.quarantined):
        entry.input_root = file.input_root
    return result


def _read_input(file: InputFile, max_bytes: int) -> ReadResult:
    kind, compression = kind_of(file.path.name) or ("text", None)  # a file named on --input: as .txt
    try:
        info = file.path.stat()
        if not stat.S_ISREG(info.st_mode):
            return ReadResult(quarantined=[Quarantined(
                file.source_file, None, "not_a_file",
                "this is a pipe, socket or device, not a regular file; newsetl does not read those")])
        if kind == "warc" and info.st_size:  # streamed record by record: a limit per record, not per archive
            return _read_warc(file, compression, max_bytes)
        is_feed = kind in MULTI_ITEM_KINDS
        limit = max_bytes * (FEED_FACTOR if is_feed else 1)
        if info.st_size > limit:
            return ReadResult(quarantined=[Quarantined(
                file.source_file, None, "too_large",
                f"{info.st_size / 1e6:.1f} MB is more than the {limit / 1e6:.0f} MB limit for "
                f"{'a feed' if is_feed else 'one article'}; split it, or raise NEWSETL_MAX_ITEM_MB")])
        if compression:
            data = read_limited(file.path, compression, limit, "a feed" if is_feed else "one article")
        else:
            data = file.path.read_bytes()
    except ReaderError as exc:
        return ReadResult(quarantined=[Quarantined(file.source_file, None, exc.reason, exc.detail)])
    except FileNotFoundError:
        if file.path.is_symlink():
            return ReadResult(quarantined=[Quarantined(
                file.source_file, None, "unreadable",
                f"the symbolic link points to a missing file ({os.readlink(file.path)}); fix or remove the link")])
        return ReadResult(quarantined=[Quarantined(file.source_file, None, "disappeared",
                                                   "the file was removed while the run was reading the inbox")])
    except OSError as exc:
        return ReadResult(quarantined=[Quarantined(file.source_file, None, "unreadable",
                                                   f"cannot read the file: {exc.strerror or exc}; "
                                                   "check its permissions or symlink target")])
    if not data.strip():
        return ReadResult(quarantined=[Quarantined(file.source_file, None, "empty",
                                                   "the file holds no text (empty or whitespace only)")])
    if kind == "feed" or (kind == "text" and looks_like_feed(data)):
        return _from_records(file.source_file, read_feed(data))
    try:
        text, encoding = decode_web(data) if kind == "html" else decode_text(data)
    except (DecodeError, ReaderError) as exc:
        return ReadResult(quarantined=[Quarantined(file.source_file, None, exc.reason, exc.detail,
                                                   hashlib.sha256(data).hexdigest())])
    if kind == "jsonl":
        return parse_jsonl(file.source_file, text, encoding, max_bytes)
    if kind == "html" or looks_like_html(text):
        result = _html_item(file.source_file, None, text, encoding, len(data))
    else:
        result = _item(file.source_file, None, text, encoding)
    if isinstance(result, Quarantined):
        return ReadResult(quarantined=[result])
    return ReadResult(items=[result])


def _html_item(source_file: str, line: int | None, html: str, encoding: str, raw_size: int,
               **known) -> Item | Quarantined:
    """The article of an HTML page, or its quarantine entry (no_article_text)."""
    try:
        record = html_record(html, encoding, raw_size, **known)
    except ReaderError as exc:
        return Quarantined(source_file, line, exc.reason, exc.detail, sha256_text(normalize_text(html)))
    record.source_line = line
    return _from_record(source_file, record)


def _from_record(source_file: str, record) -> Item | Quarantined:
    meta = {k: v for k, v in vars(record).items() if k not in ("text", "encoding", "source_line")}
    result = _item(source_file, record.source_line, record.text, record.encoding, **meta)
    if isinstance(result, Quarantined):
        result.source_item = record.source_item
    return result


def _from_records(source_file: str, records: Records, input_root: str = "") -> ReadResult:
    """A web reader's records, problems and skipped records as items, quarantine entries and skips."""
    out = ReadResult()
    for record in records.records:
        result = _from_record(source_file, record)
        (out.items if isinstance(result, Item) else out.quarantined).append(result)
    out.quarantined += [_problem(source_file, p) for p in records.problems]
    out.skipped += [Skipped(input_root, source_file, s.reason, s.detail, s.source_item) for s in records.skipped]
    return out


def _problem(source_file: str, problem: Problem) -> Quarantined:
    return Quarantined(source_file, problem.source_line, problem.reason, problem.detail, problem.content_sha256,
                       source_item=problem.source_item)


def _read_warc(file: InputFile, compression: str | None, max_bytes: int) -> ReadResult:
    """A WARC archive, streamed: warcio reads gzip itself, the other compressions are unpacked on the fly."""
    out = Records()
    with (open(file.path, "rb") if compression == "gzip" else open_stream(file.path, compression)) as stream:
        for entry in iter_warc(stream, max_bytes, decode_web):
            out.add(entry)
    if not (out.records or out.problems or out.skipped):
        out.add(Problem("truncated", "the archive holds no WARC record (cut short before its first record?)"))
    return _from_records(file.source_file, out, file.input_root)

