"""``tx repair``: work files that fail a check mended, with every reviewed sentence kept."""

from typing import Annotated

import typer

from translate.cli.base import app, language_list, workspace_from


@app.command("repair")
def repair_command(
    ctx: typer.Context,
    articles: Annotated[
        list[str] | None, typer.Argument(help="Article slugs (default: every work file).")
    ] = None,
    lang: Annotated[
        str | None, typer.Option("--lang", help="Only these languages (comma-separated).")
    ] = None,
) -> None:
    """Repair work files that commands refuse, keeping every reviewed sentence.

    Characters XML cannot hold are removed and malformed fields mended; the file as it was is
    kept in .tx/quarantine/. A file that is not a work file at all is moved there whole.
    """
    from translate.workspace.workfile_repair import repair

    ws = workspace_from(ctx)
    langs = set(language_list(lang, "--lang"))
    slugs = {name.removesuffix(".md").removesuffix(".txt") for name in articles or ()}
    files = [
        (code, path)
        for code, path in ws.work_files()
        if (not langs or code in langs) and (not slugs or path.stem in slugs)
    ]
    done = repair(ws, files)
    for item in done:
        typer.echo(item.summary())
    if not done:
        typer.echo(f"{len(files)} work files checked; every one reads, nothing to repair")
