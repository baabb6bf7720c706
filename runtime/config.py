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
        """$ARGOS_PACKAGES_DIR when the user set it, else <data>/models/argos-packages."""
        return argos_packages_dir(self.root)

    @property
    def default_argos_packages(self) -> Path:
        return self.root / "models" / "argos-packages"

    @property
    def argos_home(self) -> Path:
        return self.root / "models" / "argos-home"


# prepare_environment records here the ARGOS_PACKAGES_DIR value it set itself (children inherit
# both), so that its default is told apart from a value the user set: see argos_packages_dir.
ARGOS_PACKAGES_DEFAULT_MARK = "NEWSETL_ARGOS_PACKAGES_DEFAULT"


def _user_argos_packages() -> str | None:
    """$ARGOS_PACKAGES_DIR if the user set it; None if unset or if it is prepare_environment's default."""
    value = os.environ.get("ARGOS_PACKAGES_DIR")
    if not value or value == os.environ.get(ARGOS_PACKAGES_DEFAULT_MARK):
        return None
    return value


def argos_packages_dir(data_dir: str | Path | None = None, explicit: str | Path | None = None) -> Path:
    """The Argos packages folder, for every command (run, models, the flows, runtime.models).

    explicit, else $ARGOS_PACKAGES_DIR when the user set it, else <data>/models/argos-packages.
    Without data_dir: the folder prepare_environment last set up in this process (or a parent
    process), else the one of resolve_data_dir() ($NEWSETL_DATA, else ./data).
    """
    chosen = explicit or _user_argos_packages()
    if not chosen and data_dir is None:
        chosen = os.environ.get("ARGOS_PACKAGES_DIR")  # prepare_environment's default, if it ran
    if chosen:
        return Path(chosen).expanduser().absolute()
    return DataPaths(Path(data_dir) if data_dir is not None else resolve_data_dir()).default_argos_packages


class DataDirUnusable(ValueError):
    """--data names something that cannot be the data folder (a file, a place that cannot be created)."""


def open_data_dir(data: str | Path | None = None) -> Path:
    """The data folder, created if needed, with the environment prepared for it."""
    data_dir = resolve_data_dir(data)
    if data_dir.exists() and not data_dir.is_dir():
        raise DataDirUnusable(f"--data {data_dir} is a file, not a folder. Pass a folder (it is created if missing), "
                              "e.g. --data ./data.")
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DataDirUnusable(f"cannot create the data folder {data_dir}: {exc.strerror or exc}. Pass a folder you "
                              "can write with --data.") from None
    prepare_environment(data_dir)
    return data_dir


def prepare_environment(data_dir: Path) -> None:
    """Offline, telemetry-free defaults; explicit settings in the environment win.

    ARGOS_PACKAGES_DIR is the exception to setdefault: unless the user set it, it follows
    data_dir (argostranslate reads it at import), also when a process prepares another data dir.
    """
    paths = DataPaths(data_dir)
    if _user_argos_packages() is None:
        default = str(paths.default_argos_packages)
        os.environ["ARGOS_PACKAGES_DIR"] = os.environ[ARGOS_PACKAGES_DEFAULT_MARK] = default
    defaults = {
        "PREFECT_HOME": str(paths.prefect_home),
        "DO_NOT_TRACK": "1",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        # The UI is the classic one: Prefect 3.8's V2 UI starts Amplitude's SDK whatever the analytics setting,
        # and the browser then asks sr-client-cfg.amplitude.com for its configuration.
        "PREFECT_SERVER_UI_V2_ENABLED": "false",
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
        "PREFECT_UI_ENABLED": os.environ.get("PREFECT_UI_ENABLED", "true"),
        "ARGOS_DEVICE_TYPE": "cpu",
        # Argos writes under XDG dirs (and downloads sentence splitters there): keep them in the data dir.
        "XDG_DATA_HOME": str(paths.argos_home / "data"),
        "XDG_CONFIG_HOME": str(paths.argos_home / "config"),
        "XDG_CACHE_HOME": str(paths.argos_home / "cache"),
    }
    for key, value in defaults.items():
        os.environ.setdefault(key, value)
    # Prefect creates its home with a plain mkdir at import: the parents must exist.
    home = Path(os.environ["PREFECT_HOME"])
    try:
        home.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        where = "PREFECT_HOME" if home != paths.prefect_home else "the data folder's Prefect home"
        raise DataDirUnusable(f"cannot create {where} {home}: {exc.strerror or exc}. Point PREFECT_HOME at a folder "
                              "you can write, or unset it to keep Prefect's files in the data folder.") from None
