"""Options shared by the CLI's commands (in their own module: cli.py imports the sub-apps)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

DataOption = Annotated[
    Optional[Path],
    typer.Option("--data", "-d", help="Data folder (lake, news.duckdb). Default: $NEWSETL_DATA or ./data.",
                 show_default=False),
]
