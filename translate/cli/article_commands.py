"""Commands about source articles: ``tx segments``."""

from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from translate.cli.base import app, language_list, workspace_from
from translate.errors import WorkspaceError
from translate.workspace import Workspace


@app.command()
def segments(
    ctx: typer.Context,
    article: Annotated[
        Path,
        typer.Argument(help="Article file (.md, .markdown or .txt), or a slug in a workspace."),
    ],
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            help="Source language of the article (default: the front matter's `lang`, "
            "else the workspace's source_lang, else en).",
        ),
    ] = None,
) -> None:
    """Show how an article is split into segments: `<id>  <block kind>  <text>` per line."""
    from translate.source.articles import read_article
    from translate.source.names import article_path
    from translate.source.segments import segment_article

    codes = language_list(lang, "--lang")
    lang = codes[0] if codes else None
    ws = _workspace(ctx)
    path = article_path(ws, article)
    source = read_article(path, default_lang=lang or (ws.settings.source_lang if ws else "en"))
    if lang is not None:
        source = replace(source, lang=lang)  # --lang wins over the front matter
    for segment in segment_article(source):
        typer.echo(f"{segment.id}  {source.blocks[segment.block].kind}  {segment.source}")


def _workspace(ctx: typer.Context) -> Workspace | None:
    """The workspace, or ``None`` outside one (``tx segments`` works on any file)."""
    try:
        return workspace_from(ctx)
    except WorkspaceError:
        return None
