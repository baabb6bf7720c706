"""Where things live, and the environment the libraries need before they are imported.

Prefect and Argos Translate read their settings once, at import. `prepare_environment`
therefore runs before either is imported (the CLI imports them lazily for this reason).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_INPUT = "examples/inbox"
DEFAULT_DATA = "data"


def resolve_data_dir(data: str | Path | None = None) -> Path:
    """--data, else $NEWSETL_DATA, else ./data."""
    return Path(data or os.environ.get("NEWSETL_DATA") or DEFAULT_DATA).expanduser().absolute()


@dataclass(frozen=True)
class DataPaths:
    root: Path

    @property
    def lake(self) -> Path:
        return self.root / "lake"

    @property
    def database(self) -> Path:
        return self.root / "news.duckdb"

    @property
    def staging(self) -> Path:
        return self.root / "staging"

    @property
    def lock(self) -> Path:
        return self.root / ".newsetl.lock"

    @property
    def prefect_home(self) -> Path:
        return self.root / "prefect"

    @property
    def argos_packages(self) -> Path:
        return self.root / "models" / "argos-packages"

    @property
    def argos_home(self) -> Path:
        return self.root / "models" / "argos-home"


def prepare_environment(data_dir: Path) -> None:
    """Offline, telemetry-free defaults; explicit settings in the environment win."""
    paths = DataPaths(data_dir)
    defaults = {
        "PREFECT_HOME": str(paths.prefect_home),
        "DO_NOT_TRACK": "1",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
        "PREFECT_UI_ENABLED": os.environ.get("PREFECT_UI_ENABLED", "true"),
        "ARGOS_PACKAGES_DIR": str(paths.argos_packages),
        "ARGOS_DEVICE_TYPE": "cpu",
        # Argos writes under XDG dirs (and downloads sentence splitters there): keep them in the data dir.
        "XDG_DATA_HOME": str(paths.argos_home / "data"),
        "XDG_CONFIG_HOME": str(paths.argos_home / "config"),
        "XDG_CACHE_HOME": str(paths.argos_home / "cache"),
    }
    for key, value in defaults.items():
        os.environ.setdefault(key, value)
    # Prefect creates its home with a plain mkdir at import: the parents must exist.
    Path(os.environ["PREFECT_HOME"]).mkdir(parents=True, exist_ok=True)
