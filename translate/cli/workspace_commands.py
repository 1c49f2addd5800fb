"""Commands about the workspace itself: ``tx init``."""

from pathlib import Path
from typing import Annotated

import typer

from translate import workspace
from translate.cli.base import app
from translate.errors import WorkspaceError


@app.command()
def init(
    ctx: typer.Context,
    directory: Annotated[
        Path | None,
        typer.Argument(
            help="Folder to make a workspace of, created if missing "
            "(default: --workspace, else the current folder)."
        ),
    ] = None,
) -> None:
    """Create a workspace: tx.toml, articles/, glossaries/, translations/, exports/."""
    option = ctx.find_root().obj
    target = directory or (option if isinstance(option, Path) else Path("."))
    if target.exists() and not target.is_dir():
        raise WorkspaceError(
            "is a file, not a folder", path=target, hint="give a new or existing folder"
        )
    created = workspace.init(target)
    for path in created:
        typer.echo(f"created {path}")
    if not created:
        typer.echo(f"{target} is already a tx workspace; nothing changed")
    site = workspace.load(target).settings.site_dir
    typer.echo(
        f"the site to deploy: {site}/ (site_dir in tx.toml), written by tx export; the rest "
        "of exports/ (review documents, XLIFF files, drafts, the register) stays internal"
    )
