"""Give freed heap memory back to the operating system between batches.

The run's process frees most of what a batch needed once the batch is settled, but glibc keeps freed
blocks in its arenas (one per thread that allocated; Prefect runs tasks in threads) and the process stays
as large as its busiest moment. `malloc_trim` returns the free pages; elsewhere (macOS, musl) it is a no-op.
"""

from __future__ import annotations

import ctypes
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
