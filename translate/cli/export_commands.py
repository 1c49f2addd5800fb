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
            "--draft",
            help="Export editions that are not fully reviewed, marked as drafts, to "
            "exports/drafts/<lang>/ (never published, never listed).",
        ),
    ] = False,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="List what would be written and withdrawn; change nothing."),
    ] = False,
) -> None:
    """Publish editions to exports/<lang>/<slug>.html|docx with index pages, feeds and sitemap.

    Only editions whose segments are all reviewed (or final) with no open flag pass the
    publishing gate; the others are listed with their blocking segments and the command exits
    with status 1. The source-language edition is exported too. Published editions whose
    article or translation changed since are re-exported, or withdrawn when they no longer
    pass; editions of deleted articles are removed. --draft writes proofs to exports/drafts/.
    """
    from translate.publish.publishing import publish

    workspace = workspace_from(ctx)
    langs = language_list(lang, "--lang")
    report = publish(workspace, articles or (), langs, _codes(fmt), draft=draft, dry_run=dry_run)
    would = "would " if report.dry_run else ""
    wrote = "would write" if report.dry_run else "wrote"
    for path in report.written:
        typer.echo(f"{wrote} {path.relative_to(workspace.root)}")
    for item in report.withdrawn:
        typer.echo(f"{would}withdraw {item.lang}/{item.slug}: {item.reason}")
        for path in item.files:
            typer.echo(f"  {would}remove {path.relative_to(workspace.root)}")
    for path in report.removed:
        typer.echo(f"{would}remove {path.relative_to(workspace.root)}")
    for slug, code in report.drafts:
        typer.echo(f"draft: {code}/{slug} (marked for proofreading, not for publication)")
    if not report.written and not report.blocked and not report.withdrawn:
        typer.echo("nothing to export: no articles or work files (run tx translate first)")
    report.raise_for_blocked()
