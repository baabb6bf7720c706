"""`newsetl run --install-models`: after a run that left articles untranslated for want of models, download
those models and, if any arrived, run the flow again; its backfill translates the stored articles."""

from __future__ import annotations

import time
from collections.abc import Callable

from runtime.models import install_missing


def install_and_run_again(result: dict, run_again: Callable[[], dict],
                          tell: Callable[..., None]) -> tuple[dict, float] | None:
    """The second run's result and its seconds, or None if the run missed no model or none was installed.

    `tell(event, **data)` hears, in order: 'installing' (langs), 'installed' (package) for each package
    installed, 'not_installed' (langs, reason: the first failure's first line) if any failed.
    """
    if not result["missing_models"]:
        return None
    langs = sorted(result["missing_models"])
    tell("installing", langs=langs)
    installed, failed = install_missing(langs)
    for package in installed:
        tell("installed", package=package)
    if failed:
        tell("not_installed", langs=sorted(failed), reason=next(iter(failed.values())).splitlines()[0])
    if not installed:
        return None
    t0 = time.perf_counter()
    second = run_again()
    return second, time.perf_counter() - t0
