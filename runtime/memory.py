"""Give freed heap memory back to the operating system between batches, and keep glibc's arenas few.

The run's process frees most of what a batch needed once the batch is settled, but glibc keeps freed
blocks in its arenas (one per thread that allocated; Prefect runs tasks in threads) and the process stays
as large as its busiest moment. `malloc_trim` returns the free pages; elsewhere (macOS, musl) it is a no-op.
"""

from __future__ import annotations

import ctypes
import os
import ctypes.util
from functools import lru_cache


@lru_cache(maxsize=1)
def _libc():
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc if hasattr(libc, "malloc_trim") else None
    except OSError:
        return None


def release_free_memory() -> bool:
    """Return freed heap pages to the OS; True when the C library could."""
    libc = _libc()
    return bool(libc is not None and libc.malloc_trim(0))


MALLOC_ARENAS = 2  # glibc's default is 8 per core: a threaded process keeps one partly empty heap per thread
_M_ARENA_MAX = -8  # mallopt's parameter number (malloc.h)


def limit_malloc_arenas() -> bool:
    """Cap glibc's malloc arenas in this process and in the processes it starts afterwards (the API server,
    the workers, through MALLOC_ARENA_MAX): measured on 100,000 files, the run's peak falls by about 25 MB
    at the same speed. A user's own MALLOC_ARENA_MAX wins."""
    arenas = os.environ.setdefault("MALLOC_ARENA_MAX", str(MALLOC_ARENAS))
    libc = _libc()
    if libc is None or not hasattr(libc, "mallopt") or not arenas.isdigit():
        return False
    return bool(libc.mallopt(_M_ARENA_MAX, int(arenas)))
