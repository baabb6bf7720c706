"""`newsetl models ...`: list, install (online or from a file) and remove Argos translation packages.

A thin shell over runtime.models. open_data_dir runs first in every command; the packages
directory is DataPaths.argos_packages, as for `newsetl run`: <data>/models/argos-packages unless
the user set $ARGOS_PACKAGES_DIR.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.filesize import decimal
from rich.table import Table

from newsetl.cli_options import DataOption
from runtime.config import DataDirUnusable, DataPaths, open_data_dir

OFFLINE_ROUTE = (
    "Offline route: on any machine with internet, download the package file from the Argos index "
    "(https://www.argosopentech.com/argospm/index/, e.g. translate-de_en-1_9.argosmodel), copy it here "
    "and run: newsetl models install translate-de_en-1_9.argosmodel"
)

# Help texts: Typer keeps single line breaks, so each paragraph is one string.
LIST_HELP = "\n\n".join([
    "List installed translation packages (language pair, version, folder).",
    "With --available, also the packages the Argos package index offers ($ARGOS_PACKAGE_INDEX or Argos' "
    "default), marking the installed ones.",
    OFFLINE_ROUTE,
])
INSTALL_HELP = "\n\n".join([
    "Install translation packages: by language code from the Argos index, or from .argosmodel files.",
    "Online: `newsetl models install de nb fr es` downloads each package (LANG->English; the size is shown "
    "first, then a progress bar), checks it and installs it.",
    OFFLINE_ROUTE,
    "A file is checked before anything is installed (a zip with one folder holding metadata.json, model/ and "
    "sentencepiece.model); a bad file is rejected with the reason and the packages folder is left as it was. "
    "A file that would unpack to more than $NEWSETL_MAX_MODEL_MB megabytes (default 4096) or that compresses "
    "more than 50:1 (model weights barely compress) is refused before anything is extracted. "
    "Without network, installing by language code fails within a few seconds and says how to install from a file.",
])
REMOVE_HELP = "\n\n".join([
    "Remove installed translation packages: `de` removes de->English, `en-de` that pair.",
    "Articles in that language get status model_missing on later runs. To reinstall without network: "
    "newsetl models install translate-de_en-1_9.argosmodel",
])

models_app = typer.Typer(
    name="models",
    help="\n\n".join([
        "Translation models (Argos Translate packages): list, install, remove.",
        "Packages live in <data>/models/argos-packages (or $ARGOS_PACKAGES_DIR). "
        "Online: newsetl models install de nb fr es",
        OFFLINE_ROUTE,
    ]),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console()
err = Console(stderr=True)

TimeoutOption = Annotated[
    float, typer.Option("--timeout", min=0.1, help="Seconds to wait for the package index before giving up.")
]


def _packages_dir(data: Optional[Path]) -> Path:
    try:
        data_dir = open_data_dir(data)
    except DataDirUnusable as exc:
        _error(str(exc))
        raise typer.Exit(2)
    return DataPaths(data_dir).argos_packages


def _error(message: str) -> None:
    err.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True, markup=True)


def _is_file_target(target: str) -> bool:
    return target.lower().endswith(".argosmodel") or "/" in target or Path(target).is_file()


@models_app.command("list", help=LIST_HELP)
def list_models(
    available: Annotated[bool, typer.Option("--available", help="Also list the packages the Argos index offers "
                                            "(needs network; fails fast without).")] = False,
    data: DataOption = None,
    timeout: TimeoutOption = 5.0,
) -> None:
    from runtime import models

    root = _packages_dir(data)
    installed, broken = models.scan_packages(root)
    table = Table(title=f"Installed translation packages in {root}", title_justify="left")
    for column in ("pair", "from", "to", "version", "folder"):
        table.add_column(column, overflow="fold")
    for p in installed:
        table.add_row(p.model_id, p.from_name or p.from_code, p.to_name or p.to_code, p.package_version,
                      p.path.name)
    if installed:
        console.print(table)
    else:
        console.print(f"No translation packages installed in {root}. Install with: newsetl models install de nb fr es",
                      highlight=False, soft_wrap=True)
    for path, why in broken:
        err.print(f"[yellow]warning:[/] {path} is not a usable package ({why}); remove that folder.",
                  highlight=False, soft_wrap=True)
    if not available:
        return
    try:
        index = models.read_index(timeout=timeout)
    except models.IndexUnreachable as exc:
        _error(f"{exc} {OFFLINE_ROUTE}")
        raise typer.Exit(1)
    have = {(p.from_code, p.to_code): p.package_version for p in installed}
    offered = Table(title=f"Available in the package index ({len(index)} packages)", title_justify="left")
    for column in ("pair", "from", "to", "version", "installed"):
        offered.add_column(column)
    for p in sorted(index, key=lambda p: (p.from_code, p.to_code)):
        installed_version = have.get((p.from_code, p.to_code), "")
        offered.add_row(p.model_id, p.from_name, p.to_name, p.package_version, installed_version)
    console.print(offered)


@models_app.command("install", help=INSTALL_HELP)
def install(
    targets: Annotated[list[str], typer.Argument(
        help="Language codes (de nb fr es: each installs LANG->English), pairs (en-de), "
             "or paths of downloaded .argosmodel files.", show_default=False)],
    data: DataOption = None,
    timeout: TimeoutOption = 5.0,
) -> None:
    from runtime import models

    root = _packages_dir(data)
    index = None
    index_error: Optional[models.IndexUnreachable] = None
    failures = 0
    for target in targets:
        try:
            if _is_file_target(target):
                console.print(f"Checking {target} ...", highlight=False, soft_wrap=True)
                package = models.install_from_file(Path(target), root)
            else:
                source, to = models.parse_pair(target)
                if index is None and index_error is None:
                    try:
                        index = models.read_index(timeout=timeout)
                    except models.IndexUnreachable as exc:
                        index_error = exc
                if index_error is not None:
                    raise models.IndexUnreachable(f"{index_error} {models.offline_hint(source, to)}")
                available = models.find_package(index, target)
                package = _download_and_install(available, root, index, timeout)
        except models.ModelError as exc:
            failures += 1
            _error(f"{target}: {exc}")
            continue
        console.print(f"[green]installed[/] {package.model_id} {package.package_version} "
                      f"({package.from_name or package.from_code} -> {package.to_name or package.to_code}) "
                      f"in {package.path}", highlight=False, soft_wrap=True)
    if failures:
        raise typer.Exit(1)


def _download_and_install(available, root: Path, index, timeout: float):
    """Download with a Rich progress bar; the size is printed before the first byte is read."""
    from rich.progress import (BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn,
                               TransferSpeedColumn)

    from runtime import models

    progress = Progress(TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TransferSpeedColumn(),
                        TimeRemainingColumn(), console=console, transient=True)
    task: dict = {}

    def on_progress(done: int, total: Optional[int]) -> None:
        if "id" not in task:
            size = decimal(total) if total is not None else "unknown size"
            console.print(f"Downloading {available.file_name} ({size}) from {available.links[0]}",
                          highlight=False, soft_wrap=True)
            progress.start()
            task["id"] = progress.add_task(available.model_id, total=total)
        progress.update(task["id"], completed=done)

    try:
        return models.install_language(f"{available.from_code}-{available.to_code}", root, progress=on_progress,
                                       timeout=timeout, index=index)
    finally:
        progress.stop()


@models_app.command("remove", help=REMOVE_HELP)
def remove(
    targets: Annotated[list[str], typer.Argument(
        help="Language codes (de removes de->English) or pairs (en-de).", show_default=False)],
    data: DataOption = None,
) -> None:
    from runtime import models

    root = _packages_dir(data)
    failures = 0
    for target in targets:
        try:
            removed = models.remove(target, root)
        except models.ModelError as exc:
            failures += 1
            _error(f"{target}: {exc}")
            continue
        if not removed:
            failures += 1
            _error(f"{target}: no such package installed in {root}; see `newsetl models list`.")
        for package in removed:
            console.print(f"removed {package.model_id} {package.package_version} ({package.path})",
                          highlight=False, soft_wrap=True)
    if failures:
        raise typer.Exit(1)
