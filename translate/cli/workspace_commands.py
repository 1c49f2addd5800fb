"""Commands about the workspace itself: ``tx init``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from translate import workspace
from translate.cli.base import app


@app.command()
def init(
    directory: Annotated[
        Path, typer.Argument(help="Folder to make a workspace of (created if missing).")
    ] = Path("."),
) -> None:
    """Create a workspace: tx.toml, articles/, glossaries/, translations/, exports/."""
    created = workspace.init(directory)
    for path in created:
        typer.echo(f"created {path}")
    if not created:
        typer.echo(f"{directory} is already a tx workspace; nothing changed")
