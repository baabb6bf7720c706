"""Compressed inputs (.gz, .bz2, .xz, .zst): streamed, never decompressed whole into memory
beyond the size limit of what they hold, so a small file that inflates to gigabytes is refused
after reading only the limit.
"""

from __future__ import annotations

import bz2
import gzip
import lzma
import zlib
from pathlib import Path
from typing import BinaryIO

import zstandard

from tasks.readers.errors import ReaderError

_NAMES = {"gzip": "gzip", "bz2": "bzip2", "xz": "xz", "zstd": "zstd"}
_CHUNK = 1 << 16


def open_stream(path: Path, compression: str | None) -> BinaryIO:
    """A binary stream of the file's (decompressed) bytes."""
    if compression is None:
        return open(path, "rb")
    if compression == "gzip":
        return gzip.open(path, "rb")
    if compression == "bz2":
        return bz2.open(path, "rb")
    if compression == "xz":
        return lzma.open(path, "rb")
    if compression == "zstd":
        return _ZstdStream(path)
    raise ValueError(f"unknown compression {compression}")


class _ZstdStream:
    """Zstandard frames decoded chunk by chunk; input that ends inside a frame raises EOFError
    (zstandard's own stream reader returns what it has without a word)."""

    def __init__(self, path: Path):
        self._raw = open(path, "rb")
        self._dctx = zstandard.ZstdDecompressor()
        self._dobj = self._dctx.decompressobj()
        self._pending = b""
        self._in_frame = False

    def read(self, size: int = -1) -> bytes:
        while not self._pending:
            raw = self._raw.read(_CHUNK)
            if not raw:
                if self._in_frame:
                    raise EOFError("the input ends inside a zstd frame")
                return b""
            while raw:
                self._in_frame = True
                self._pending += self._dobj.decompress(raw)
                if not self._dobj.eof:
                    break
                raw, self._in_frame = self._dobj.unused_data, False
                self._dobj = self._dctx.decompressobj()
        if size is None or size < 0:
            out, self._pending = self._pending, b""
        else:
            out, self._pending = self._pending[:size], self._pending[size:]
        return out

    def close(self) -> None:
        self._raw.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def decompression_error(exc: BaseException, compression: str) -> ReaderError:
    """The reason and detail for an exception raised while decompressing."""
    name = _NAMES.get(compression, compression)
    message = str(exc) or type(exc).__name__
    if isinstance(exc, EOFError) or "incomplete" in message.lower() or "truncated" in message.lower():
        return ReaderError("truncated", f"the {name} stream ends early ({message}): the file was cut short; "
                                        "copy it again")
    return ReaderError("corrupt_archive", f"the {name} data does not decompress ({message})")


DECOMPRESSION_ERRORS = (EOFError, OSError, gzip.BadGzipFile, lzma.LZMAError, zlib.error, zstandard.ZstdError,
                        ValueError)


def read_limited(path: Path, compression: str | None, limit: int, what: str) -> bytes:
    """The decompressed bytes, refused (too_large) past `limit`; damage becomes a ReaderError."""
    chunks, size = [], 0
    try:
        with open_stream(path, compression) as stream:
            while True:
                chunk = stream.read(_CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                if size > limit:
                    raise ReaderError("too_large", f"it holds more than {limit / 1e6:.0f} MB once decompressed, the "
                                                   f"limit for {what}; split it, or raise NEWSETL_MAX_ITEM_MB")
                chunks.append(chunk)
    except ReaderError:
        raise
    except DECOMPRESSION_ERRORS as exc:
        if isinstance(exc, OSError) and exc.errno is not None:
            raise
        raise decompression_error(exc, compression or "") from None
    return b"".join(chunks)
