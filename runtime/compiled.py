"""Objects built from rule files, compiled once and loaded by every worker in well under a second.

The gazetteers (cities, countries in every CLDR language, organisations, persons) and their stem indexes take
about 14 s of CPU to build from the TOML files; every worker process used to pay that. `load_compiled` keeps the
built object as a pickle in the user's cache, under a key made of the content of every file it was built from
(rule files and the code that reads them) and the Python version: editing any of them makes a new key, and
the next process builds and stores it again. The cache is the user's own folder (like Python's __pycache__);
when it cannot be written, the object is built in memory as before.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
KEEP = 3  # stale versions of one object kept beside the current one (other checkouts may still use them)


def cache_dir() -> Path:
    """$NEWSETL_CACHE_DIR, else ~/.cache/newsetl/compiled."""
    return Path(os.environ.get("NEWSETL_CACHE_DIR") or "~/.cache/newsetl/compiled").expanduser()


def content_key(files: Iterable[Path], extra: str = "") -> str:
    """SHA-256 over the files' names and bytes (in name order), the Python version and `extra`."""
    h = hashlib.sha256(f"{sys.version_info[:3]}|{pickle.HIGHEST_PROTOCOL}|{extra}".encode())
    for path in sorted(Path(p) for p in files):
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:24]


def load_compiled(name: str, files: Iterable[Path], build: Callable[[], T], extra: str = "") -> T:
    """The object `build()` returns, from the cache when its key matches, else built and stored."""
    folder = cache_dir()
    path = folder / f"{name}-{content_key(files, extra)}.pickle"
    obj = _read(path)
    if obj is not _MISSING:
        return obj
    obj = build()
    _store(folder, path, obj)
    return obj


def load_compiled_part(name: str, part: str, key: str, build_all: Callable[[], dict[str, object]]) -> object:
    """One part of an object compiled in parts (the gazetteer's core, one language's stem index, one country's
    towns), each its own file under the same content `key`, so that a process loads only the parts it uses.
    A missing part builds every part and stores them all; a part `build_all` does not give is None. Parts that
    cannot be stored (a read-only cache) stay in this process, so that the next part asked for is not built again."""
    folder = cache_dir()
    unstored = _unstored.get((name, key))
    if unstored is not None:
        return unstored.get(part)
    obj = _read(folder / f"{name}-{part}-{key}.pickle")
    if obj is not _MISSING:
        return obj
    parts = build_all()
    stored = [_store(folder, folder / f"{name}-{each}-{key}.pickle", value) for each, value in parts.items()]
    if not all(stored):
        _unstored[(name, key)] = parts
    return parts.get(part)


_unstored: dict[tuple[str, str], dict[str, object]] = {}  # (name, key) -> every part, built where none could be stored


_MISSING = object()


def _read(path: Path) -> object:
    try:
        blob = path.read_bytes()
    except OSError:
        return _MISSING
    gc.disable()  # millions of small objects: the collector would run dozens of times while they load
    try:
        return pickle.loads(blob)
    except Exception:  # a truncated or foreign file: build again and replace it
        return _MISSING
    finally:
        gc.enable()


def _store(folder: Path, path: Path, obj: object) -> bool:
    """Store `obj` at `path`; False when the cache cannot be written."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=path.stem + ".", suffix=".tmp")
    except OSError:
        return False  # a read-only cache: the object was built in memory, which is all this run needs
    try:
        with os.fdopen(fd, "wb") as out:
            pickle.dump(obj, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # readers see the old file or the whole new one, never a part
    except OSError:
        Path(tmp).unlink(missing_ok=True)  # a full disk: nothing half-written is left behind
        return False
    stale = sorted(folder.glob(path.name.rsplit("-", 1)[0] + "-*.pickle"), key=lambda p: p.stat().st_mtime)
    for old in [p for p in stale if p != path][:-KEEP or None]:
        old.unlink(missing_ok=True)
    return True
