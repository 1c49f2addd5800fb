"""Commands that publish editions: ``tx export``."""

from typing import Annotated

import typer

from translate.cli.base import app, language_list, workspace_from


def _codes(value: str | None) -> list[str]:
    return [code.strip() for code in (value or "").split(",") if code.strip()]


@app.command()
def export(
    ctx: typer.Context,
    articles: Annotated[
        list[str] | None,
        typer.Argument(help="Articles to export, by path or slug (default: all)."),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang", "-l", help="Languages, comma-separated (default: all with work files)."
        ),
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option("--format", "-f", help="Formats, comma-separated: html, docx (default both)."),
    ] = None,
    draft: Annotated[
        bool,
        typer.Option(
            "--draft", help="Export editions that are not fully reviewed, marked as drafts."
        ),
    ] = False,
) -> None:
    """Publish editions to exports/<lang>/<slug>.html|docx plus index pages.

    Only editions whose segments are all reviewed (or final) with no open flag pass the
    publishing gate; the others are listed with their blocking segments and the command exits
    with status 1. --draft exports them anyway, marked for proofreading.
    """
    from translate.publishing import publish

    workspace = workspace_from(ctx)
    langs = language_list(lang, "--lang")
    report = publish(workspace, articles or (), langs, _codes(fmt), draft=draft)
    for path in report.written:
        typer.echo(f"wrote {path.relative_to(workspace.root)}")
    for slug, code in report.drafts:
        typer.echo(f"draft: {code}/{slug} (marked for proofreading, not for publication)")
    if not report.written and not report.blocked:
        typer.echo("nothing to export: no work files (run tx translate first)")
    report.raise_for_blocked()
