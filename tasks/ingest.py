"""Ingest: find input files, decode them, split .jsonl records, and tell new from known.

Everything that could go wrong with an input item becomes a `Quarantined` value with a
reason and a detail, never an exception that stops the run.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import charset_normalizer

INPUT_SUFFIXES = {".txt", ".jsonl"}
# A news article is a few KB; anything past this is not one article (a dump, a log, a binary
# blob) and is quarantined without being read into memory. NEWSETL_MAX_ITEM_MB overrides it.
MAX_ITEM_BYTES = int(float(os.environ.get("NEWSETL_MAX_ITEM_MB", "2")) * 1024 * 1024)
# A .jsonl feed holds many articles: it may be this many times larger.
FEED_FACTOR = 50

_BINARY_MAGIC = {
    b"\x89PNG": "PNG image",
    b"\x1f\x8b": "gzip archive",
    b"PK\x03\x04": "zip archive",
    b"%PDF": "PDF document",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"\x7fELF": "executable",
}
_BOMS = [
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
]
# C0/C1 control characters other than tab and newline; they only ever come from corruption.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class InputFile:
    path: Path  # absolute
    source_file: str  # relative to the input folder (or the file name when a file was given)


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

    def __post_init__(self):
        # Items that could not be read have no content to hash: their fingerprint is the
        # problem itself, so a re-run reports the same problem once, and a fixed file anew.
        if self.content_sha256 is None:
            self.content_sha256 = "problem:" + sha256_text(f"{self.reason}|{self.detail}")[:48]


@dataclass
class DecodeError(Exception):
    reason: str
    detail: str


@dataclass
class ReadResult:
    items: list[Item] = field(default_factory=list)
    quarantined: list[Quarantined] = field(default_factory=list)


def discover_inputs(paths: list[str | Path]) -> tuple[list[InputFile], list[Quarantined]]:
    """Walk input paths (recursively) for .txt and .jsonl files, in a stable order.

    Symlinked directories are not followed, so a symlink loop cannot hang the walk.
    A missing input path is reported, not ignored.
    """
    found: dict[Path, InputFile] = {}
    problems: list[Quarantined] = []
    for given in paths:
        root = Path(given).expanduser()
        if root.is_file() or (root.is_symlink() and not root.is_dir()):
            found.setdefault(root.absolute(), InputFile(root.absolute(), root.name))
            continue
        if not root.is_dir():
            problems.append(Quarantined(str(given), None, "missing_input",
                                        f"input path {given} does not exist; check --input"))
            continue
        for dirpath, dirnames, filenames in os.walk(root, followlinks=False, onerror=None):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                if name.startswith(".") or Path(name).suffix.lower() not in INPUT_SUFFIXES:
                    continue
                path = Path(dirpath, name).absolute()
                rel = path.relative_to(root.absolute()).as_posix()
                found.setdefault(path, InputFile(path, rel))
    return sorted(found.values(), key=lambda f: (f.source_file, str(f.path))), problems


def normalize_text(text: str) -> str:
    """NFC, \\n newlines, no control characters, no trailing spaces on lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _CONTROL.sub("", text)
    text = unicodedata.normalize("NFC", text)
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _looks_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: NUL bytes in every other position."""
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:4096]
    even_nuls = sample[0::2].count(0) / (len(sample) / 2)
    odd_nuls = sample[1::2].count(0) / (len(sample) / 2)
    if odd_nuls > 0.3 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.3 and odd_nuls < 0.05:
        return "utf-16-be"
    return None


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode bytes in any common encoding; raise DecodeError for binary or hopeless input."""
    for magic, kind in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise DecodeError("binary", f"the file is a {kind}, not text")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise DecodeError("undecodable", f"starts with a {encoding} byte-order mark but does not decode: {exc}")
    utf16 = _looks_utf16(data)
    if utf16:
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        first_error = exc
    # Mostly UTF-8 with some corrupt bytes: keep the text, mark the bad bytes with U+FFFD.
    # Text in an 8-bit code page almost never holds valid multi-byte UTF-8 sequences (each
    # accented letter is a broken one), so some valid ones and few broken ones mean UTF-8
    # with damage, not another encoding.
    replaced = data.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd")
    valid_multibyte = sum(1 for ch in replaced if ord(ch) > 127) - bad
    if valid_multibyte and 4 * valid_multibyte >= bad:
        return replaced, f"utf-8 ({bad} invalid byte{'s' if bad > 1 else ''} replaced)"
    if data.count(0) > len(data) // 100 + 1:
        raise DecodeError("binary", f"{data.count(0)} NUL bytes: this looks like binary data, not text")
    encoding = _legacy_encoding(data)
    if encoding is None:
        raise DecodeError("undecodable", f"no text encoding fits the bytes (not UTF-8: {first_error.reason} "
                                         f"at byte {first_error.start})")
    return data.decode(encoding), encoding


# When several 8-bit encodings explain the bytes equally well, the most widespread wins:
# charset-normalizer ranks Windows-1250 level with Windows-1252 on Western text, which
# turns Spanish "ñ" into "ń".
_PREFERRED_LEGACY = ["cp1252", "latin_1", "iso8859_15", "cp1251", "koi8_r", "cp1250", "iso8859_2", "cp1253",
                     "cp1254", "cp1257", "mac_roman"]


def _legacy_encoding(data: bytes) -> str | None:
    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        return None
    best = (matches[0].chaos, -matches[0].coherence)
    tied = {enc for m in matches if (m.chaos, -m.coherence) == best for enc in m.could_be_from_charset}
    return next((enc for enc in _PREFERRED_LEGACY if enc in tied), matches[0].encoding)


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
        result = _item(source_file, line_no, record["text"], encoding, published=published,
                       published_precision=precision, **meta)
        (out.items if isinstance(result, Item) else out.quarantined).append(result)
    return out


def read_input(file: InputFile, max_bytes: int = MAX_ITEM_BYTES) -> ReadResult:
    """Read and decode one input file into items; problems become quarantine entries."""
    try:
        info = file.path.stat()
        if not stat.S_ISREG(info.st_mode):
            return ReadResult(quarantined=[Quarantined(
                file.source_file, None, "not_a_file",
                "this is a pipe, socket or device, not a regular file; newsetl does not read those")])
        is_feed = file.path.suffix.lower() == ".jsonl"
        limit = max_bytes * (FEED_FACTOR if is_feed else 1)
        if info.st_size > limit:
            return ReadResult(quarantined=[Quarantined(
                file.source_file, None, "too_large",
                f"{info.st_size / 1e6:.1f} MB is more than the {limit / 1e6:.0f} MB limit for "
                f"{'a feed' if is_feed else 'one article'}; split it, or raise NEWSETL_MAX_ITEM_MB")])
        data = file.path.read_bytes()
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
    try:
        text, encoding = decode_text(data)
    except DecodeError as exc:
        return ReadResult(quarantined=[Quarantined(file.source_file, None, exc.reason, exc.detail,
                                                   hashlib.sha256(data).hexdigest())])
    if is_feed:
        return parse_jsonl(file.source_file, text, encoding, max_bytes)
    result = _item(file.source_file, None, text, encoding)
    if isinstance(result, Quarantined):
        return ReadResult(quarantined=[result])
    return ReadResult(items=[result])


@dataclass
class Triage:
    new: list[Item] = field(default_factory=list)
    duplicates: list[tuple[Item, str]] = field(default_factory=list)  # (item, article it duplicates)
    unchanged: list[Item] = field(default_factory=list)


def triage_items(items: list[Item], processed: set[tuple[str, int, str]], known_articles: set[str]) -> Triage:
    """Split items into new articles, duplicates (content already stored) and unchanged re-reads.

    `processed` holds (source_file, source_line or 0, content_sha256) of items earlier runs
    handled; `known_articles` the ids already stored. Both are updated as items are claimed,
    so a second copy within the same run is a duplicate too.
    """
    out = Triage()
    for item in items:
        key = (item.source_file, item.source_line or 0, item.content_sha256)
        if key in processed:
            out.unchanged.append(item)
        elif item.article_id in known_articles:
            out.duplicates.append((item, item.article_id))
        else:
            out.new.append(item)
            known_articles.add(item.article_id)
        processed.add(key)
    return out
