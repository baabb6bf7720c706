"""What a process loads once and shares between tasks: the extraction workers, the translation models and
the sentence cache.

Kept in its own module, and reached as `resources.<name>`, so that serialising a task or a
flow for a Dask worker refers to this module by name instead of copying its lock and models.
"""

from __future__ import annotations

import threading
from pathlib import Path

# One translating task per process at a time: they share the models and the cache.
translation_lock = threading.Lock()
_translation: dict[str, tuple] = {}


def translation(lake_root: Path, packages_dir: Path, run_id: str):
    """(Translator, TranslationCache) for a run, loaded on first use in this process.

    Call it holding translation_lock (or before any task runs).
    """
    from runtime.lake import Lake
    from tasks.translate import TranslationCache, Translator

    key = f"{lake_root}:{run_id}"
    if key not in _translation:
        _translation.clear()
        cache = TranslationCache.from_arrow(Lake(lake_root).read("translation_cache",
                                                                 columns=list(TranslationCache.COLUMNS)))
        _translation[key] = (Translator(packages_dir), cache)
    return _translation[key]


def start_transform_workers(workers: int | None = None) -> None:
    """Start the extraction workers and have them load their rules, without waiting.

    `newsetl run` calls it before Prefect's temporary API answers (a few seconds in which the run's process only
    waits), so that the workers are warm when ingest hands over the first batch; the flow calls it again, which
    does nothing when they are, for runs that a deployment starts."""
    from runtime.parallel import start_workers
    from tasks.transform import warm_up

    start_workers(warm_up, workers)


def release() -> None:
    _translation.clear()
