"""Commands: ``tx xliff export|import``, work files as XLIFF 1.2 or 2.1 for CAT tools.

Translators who work in OmegaT, Trados, memoQ or Phrase get one XLIFF file per article and
language (exports/review/<lang>/<slug>.xlf) and send it back; ``tx xliff import`` applies it
to the work file under the same rules as a review document.
"""

from pathlib import Path
from typing import Annotated

import typer

from translate.cli.base import app, import_each, one_language, workspace_from

xliff_app = typer.Typer(no_args_is_help=True)
app.add_typer(
    xliff_app,
    name="xliff",
    help=(
        "Export work files as XLIFF 1.2 or 2.1 for CAT tools and import the translated files.\n\n"
        "Inline Markdown becomes protected inline codes; states, flags, notes and glossary "
        "terms travel with each segment."
    ),
)


@xliff_app.command("export")
def export(
    ctx: typer.Context,
    article: Annotated[str, typer.Argument(help="Article file (articles/<slug>.md) or its slug.")],
    lang: Annotated[str, typer.Option("--lang", help="The target language.")],
    version: Annotated[str, typer.Option("--version", help="XLIFF version: 2.1 or 1.2.")] = "2.1",
    copy_source: Annotated[
        bool,
        typer.Option(
            "--copy-source",
            help="Put the source text in the target of every segment not yet reviewed, for "
            "tools that translate the target in place (OmegaT's own XLIFF filter).",
        ),
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Replace an XLIFF file a translator saved into.")
    ] = False,
    stale: Annotated[
        bool,
        typer.Option(
            "--stale",
            help="Export a work file that is behind its article anyway (the file says so at "
            "its top); else run `tx translate` first.",
        ),
    ] = False,
) -> None:
    """Write exports/review/<lang>/<slug>.xlf for a translator's CAT tool.

    A file that a translator saved into since tx wrote it is kept (import it first) unless
    --force. A work file behind its article is refused (run `tx translate` first) unless
    --stale.
    """
    from translate.formats.xliff.common import VERSIONS
    from translate.roundtrip.xliff_export import export_xliff
    from translate.source.names import article_slug

    ws = workspace_from(ctx)
    code = one_language(lang, "--lang")
    if code is None:
        raise typer.BadParameter("give one language", param_hint="--lang")
    if version not in VERSIONS:
        raise typer.BadParameter(f"use one of {', '.join(VERSIONS)}", param_hint="--version")
    path = export_xliff(
        ws,
        article_slug(ws, article),
        code,
        version=version,
        copy_source=copy_source,
        force=force,
        stale=stale,
    )
    typer.echo(f"wrote {path} (XLIFF {version})")


@xliff_app.command("import")
def import_(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(help="Translated XLIFF files.", dir_okay=False)],
    lang: Annotated[
        str | None,
        typer.Option("--lang", help="Refuse files that do not translate into this language."),
    ] = None,
    all_or_nothing: Annotated[
        bool,
        typer.Option(
            "--all-or-nothing",
            help="Refuse a file as a whole when any unit conflicts with the work file.",
        ),
    ] = False,
    by: Annotated[
        str | None,
        typer.Option(
            "--by",
            help="Who did the work, when the file does not say (default: the system's user).",
        ),
    ] = None,
) -> None:
    """Apply translated XLIFF files to their work files and print what changed and what
    could not be carried over.

    A unit that changes a segment whose translation changed since the export is reported as
    a conflict and left alone; every other unit is applied (unless --all-or-nothing).
    """
    from translate.roundtrip.xliff_import import import_xliff

    ws = workspace_from(ctx)
    expected = one_language(lang, "--lang")
    import_each(
        files,
        lambda path: import_xliff(ws, path, lang=expected, all_or_nothing=all_or_nothing, by=by),
    )
