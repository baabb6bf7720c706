"""Ingest: find input files, decode them, split .jsonl records, and tell new from known.

Web inputs (HTML pages, RSS/Atom feeds, WARC archives) and compressed files are read by
tasks/readers/; this module dispatches to them and turns what they return into items.

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
from datetime import date, datetime
from pathlib import Path

import charset_normalizer

from tasks.readers import Problem, ReaderError, Records, html_record, looks_like_html
from tasks.readers.compressed import open_stream, read_limited
from tasks.readers.feed import looks_like_feed, read_feed
from tasks.readers.html import declared_charset
from tasks.readers.kinds import MULTI_ITEM_KINDS, kind_of, supported_names
from tasks.readers.warc import iter_warc

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
    # The input folder it was found in: with source_file, what identifies a source across runs.
    input_root: str = ""
    # Set when the file is not read on purpose (hidden, a kind newsetl does not read).
    skip_reason: str | None = None
    skip_detail: str = ""


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
class DecodeError(Exception):
    reason: str
    detail: str


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
    return sorted(found.values(), key=lambda f: (f.source_file, f.input_root, str(f.path))), problems


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
    if data.isascii() and _ISO2022_DESIGNATION.search(data):
        for encoding in _ISO2022_CODECS:
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        first_error = exc
    # Mostly UTF-8 with some corrupt bytes: keep the text, mark the bad bytes with U+FFFD.
    # Legacy encodings form valid multi-byte UTF-8 sequences only by accident: in an 8-bit code
    # page each accented letter is a broken sequence, and in the double-byte CJK encodings
    # (GBK, Big5, Shift-JIS, EUC) most characters are, with at most about two valid sequences
    # per broken stretch (measured on 4,500 legacy texts of 10 to 400 characters). So it is UTF-8
    # with damage when the valid sequences outnumber the broken stretches four to one; or, as
    # before, when they are at least a quarter of the broken bytes and no CJK encoding reads
    # the bytes as CJK text (a mostly ASCII text with a few damaged letters).
    replaced = data.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd")
    broken = len(_BROKEN_UTF8.findall(replaced))
    valid_multibyte = sum(1 for ch in replaced if ord(ch) > 127) - bad
    damaged = f"utf-8 ({bad} invalid byte{'s' if bad > 1 else ''} replaced)"
    if valid_multibyte >= 4 * broken:
        return replaced, damaged
    readings = None
    if valid_multibyte and 4 * valid_multibyte >= bad:
        readings = _cjk_readings(data)
        if not readings:
            return replaced, damaged
    if data.count(0) > len(data) // 100 + 1:
        raise DecodeError("binary", f"{data.count(0)} NUL bytes: this looks like binary data, not text")
    encoding = _legacy_encoding(data, readings)
    if encoding is None:
        raise DecodeError("undecodable", f"no text encoding fits the bytes (not UTF-8: {first_error.reason} "
                                         f"at byte {first_error.start})")
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError as exc:  # charset-normalizer judges long inputs on samples
        raise DecodeError("undecodable", f"the bytes look like {encoding} but do not decode as it "
                                         f"({exc.reason} at byte {exc.start}); re-save the file as UTF-8")


# When several 8-bit encodings explain the bytes equally well, the most widespread wins:
# charset-normalizer ranks Windows-1250 level with Windows-1252 on Western text, which
# turns Spanish "ñ" into "ń".
_PREFERRED_LEGACY = ["cp1252", "latin_1", "iso8859_15", "cp1251", "koi8_r", "cp1250", "iso8859_2", "cp1253",
                     "cp1254", "cp1257", "mac_roman"]


# ISO-2022 text is 7-bit, so it would pass as UTF-8 with escape codes in it; an escape that
# switches to a double-byte character set (ESC $ ...) marks it.
_ISO2022_DESIGNATION = re.compile(rb"\x1b\$[@AB()]")
_ISO2022_CODECS = ("iso2022_jp", "iso2022_kr", "iso2022_jp_2", "iso2022_jp_2004")
_BROKEN_UTF8 = re.compile("\ufffd+")
# The double-byte CJK encodings, each tried as its standard codec first and then as the vendor
# or later supersets that only files using their extra characters need. GBK and GB2312 are
# subsets of GB18030, so their files come back as "gb18030".
_CJK_ENCODINGS = [
    (("gb18030",), ["Chinese"]),
    (("big5", "cp950", "big5hkscs"), ["Chinese"]),
    (("shift_jis", "cp932", "shift_jis_2004"), ["Japanese"]),
    (("euc_jp", "euc_jis_2004"), ["Japanese"]),
    (("euc_kr", "cp949"), ["Korean"]),
]
# Letters that count as CJK script; half-width katakana and lone Hangul jamo do not, as they are
# what other bytes turn into when read as Shift-JIS or EUC-KR.
_CJK_SCRIPTS = ("CJK UNIFIED IDEOGRAPH", "CJK COMPATIBILITY IDEOGRAPH", "HIRAGANA", "KATAKANA",
                "HANGUL SYLLABLE")
# A CJK reading must beat the next one by this much (on frequent-character share minus mess),
# and rest on this many CJK characters: below that, wrong readings often score best.
_CJK_MARGIN = 0.1
_MIN_CJK_LETTERS = 8
# charset-normalizer's 8-bit reading stands against a CJK one when it is clean and at least this
# share of its non-ASCII letters are among its language's frequent letters.
_FREQUENT_LETTERS = 0.7
_SAMPLE_CHARS = 20_000
# charset-normalizer's most frequent characters per language ("Japanese", "Japanese—" and
# "Japanese——" are its kanji, katakana and hiragana lists).
_FREQUENT_CHARACTERS = {
    language: frozenset(c for key, chars in charset_normalizer.constant.FREQUENCIES.items()
                        if key.rstrip("—") == language for c in chars)
    for language in {key.rstrip("—") for key in charset_normalizer.constant.FREQUENCIES}
}


@dataclass(frozen=True, order=True)
class _Reading:
    score: float  # share of frequent characters minus charset-normalizer's mess ratio
    encoding: str
    cjk_letters: int


def _frequent_share(text: str, languages: list[str]) -> float | None:
    """Share of the non-ASCII letters that are among the languages' most frequent characters;
    None when charset-normalizer has no list for any of the languages (Latin-script ones)."""
    frequent = frozenset().union(*(_FREQUENT_CHARACTERS.get(language, ()) for language in languages))
    if not frequent:
        return None
    letters = [c.lower() for c in text if c.isalpha() and not c.isascii()]
    return sum(c in frequent for c in letters) / len(letters) if letters else 0.0


def _cjk_readings(data: bytes) -> list[_Reading]:
    """The CJK encodings that decode the bytes cleanly into text at least half CJK letters, best first.

    Short double-byte text decodes cleanly in several of them; what tells the right one is
    that its text is made of the language's frequent characters and is not a mess.
    """
    readings = []
    for codecs, languages in _CJK_ENCODINGS:
        for encoding in codecs:
            try:
                text = data.decode(encoding)[:_SAMPLE_CHARS]
                break
            except UnicodeDecodeError:
                continue
        else:
            continue
        letters = [c for c in text if c.isalpha()]
        cjk = sum(1 for c in letters if unicodedata.name(c, "").startswith(_CJK_SCRIPTS))
        if cjk and 2 * cjk >= len(letters):
            score = _frequent_share(text, languages) - charset_normalizer.md.mess_ratio(text, 1.0)
            readings.append(_Reading(score, encoding, cjk))
    return sorted(readings, reverse=True)


def _legacy_encoding(data: bytes, readings: list[_Reading] | None = None) -> str | None:
    """The encoding of bytes that are not UTF-8: an 8-bit code page or a double-byte CJK encoding.

    charset-normalizer's choice stands unless the bytes also read as CJK text. Then its 8-bit
    reading still wins when it is clean and made of its language's frequent letters (Cyrillic,
    Greek or Thai bytes can pair up into ideographs); otherwise the CJK reading that clearly
    beats the others wins, and when none does the file is quarantined rather than stored as
    mojibake.
    """
    if readings is None:
        readings = _cjk_readings(data)
    matches = list(charset_normalizer.from_bytes(data))
    pick = None
    if matches:
        best = (matches[0].chaos, -matches[0].coherence)
        tied = {enc for m in matches if (m.chaos, -m.coherence) == best for enc in m.could_be_from_charset}
        pick = next((enc for enc in _PREFERRED_LEGACY if enc in tied), matches[0].encoding)
    if pick and not charset_normalizer.utils.is_multi_byte_encoding(pick):
        if not readings:
            return pick
        text = data.decode(pick, errors="replace")[:_SAMPLE_CHARS]
        frequent = _frequent_share(text, charset_normalizer.cd.encoding_languages(pick))
        if matches[0].chaos == 0 and (frequent is None or frequent >= _FREQUENT_LETTERS):
            return pick
    if not readings:
        return pick
    if readings[0].cjk_letters < _MIN_CJK_LETTERS:
        raise DecodeError("undecodable", f"the bytes read as only {readings[0].cjk_letters} CJK characters, "
                                         "too few to tell the encoding; re-save the file as UTF-8")
    if len(readings) == 1 or readings[0].score - readings[1].score >= _CJK_MARGIN:
        return readings[0].encoding
    close = [r.encoding for r in readings if readings[0].score - r.score < _CJK_MARGIN]
    raise DecodeError("undecodable", f"the bytes read as CJK text in {' and '.join(close)} alike and none "
                                     "fits clearly (too little text to tell); re-save the file as UTF-8")


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


def decode_web(data: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Decode a web page: the charset its HTTP header or <meta> declares, else as any text file."""
    charset = declared_charset(data, content_type)
    if charset and not any(data.startswith(magic) for magic in _BINARY_MAGIC):
        try:
            return data.decode("utf-8-sig" if charset in ("utf-8", "utf8") else charset), charset
        except UnicodeDecodeError:
            pass
    try:
        return decode_text(data)
    except DecodeError as exc:
        raise ReaderError(exc.reason, exc.detail) from None


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


@dataclass
class Triage:
    new: list[Item] = field(default_factory=list)
    duplicates: list[tuple[Item, str]] = field(default_factory=list)  # (item, article it duplicates)
    unchanged: list[Item] = field(default_factory=list)


def source_key(input_root: str | None, source_file: str, source_line: int | None,
               source_item: str | None = None) -> tuple[str, str, int, str]:
    """What identifies one source across runs: its input folder, its path there, its .jsonl line, and
    for a feed entry or an archived page its identity in the file (guid/id or link; WARC-Record-ID)."""
    return (input_root or "", source_file, source_line or 0, source_item or "")


def triage_items(items: list[Item], processed: dict[tuple[str, str, int, str], str], known_articles: set[str]) -> Triage:
    """Split items into new articles, duplicates (content already stored) and unchanged re-reads.

    `processed` maps each source_key to the content_sha256 its latest item had; an item is
    unchanged only when its source still holds that content (an edit reverted to an older
    text is a duplicate of that text, and current again). `known_articles` holds the ids
    already stored. Both are updated as items are claimed, so a second copy within the same
    run is a duplicate too.
    """
    out = Triage()
    for item in items:
        key = source_key(item.input_root, item.source_file, item.source_line, item.source_item)
        if processed.get(key) == item.content_sha256:
            out.unchanged.append(item)
        elif item.article_id in known_articles:
            out.duplicates.append((item, item.article_id))
        else:
            out.new.append(item)
            known_articles.add(item.article_id)
        processed[key] = item.content_sha256
    return out
