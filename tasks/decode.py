"""Bytes to text: BOMs, UTF-8, UTF-16 without BOM, legacy and CJK encodings judged on the
letters they give; binary and hopeless input raise DecodeError (the caller quarantines it)."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

import charset_normalizer

from tasks.readers import ReaderError
from tasks.readers.html import declared_charset


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


@dataclass
class DecodeError(Exception):
    reason: str
    detail: str


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
