"""Commands that publish editions: ``tx export`` and ``tx withdraw``."""

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from translate.cli.base import app, language_list, workspace_from
from translate.errors import ExportError

if TYPE_CHECKING:
    from pathlib import Path

    from translate.publish.withdrawal import Withdrawal


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
    prune: Annotated[
        bool,
        typer.Option("--prune", help="Withdraw the published editions of deleted articles."),
    ] = False,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="List what would be written and withdrawn; change nothing."),
    ] = False,
) -> None:
    """Publish editions into the site folder (site_dir in tx.toml, default exports/site/):
    <lang>/<slug>.html|docx with index pages, feeds and sitemap.

    Only editions whose segments are all reviewed (or final) with no open flag pass the
    publishing gate; the others are listed with their blocking segments (exit status 3 when
    other editions were published, 1 when none was). The source-language edition is exported
    too. A published edition whose new version does not pass stays online at its last good
    version; --lang L writes and removes only L's files. Nothing is taken offline unless
    asked: --prune withdraws the editions of deleted articles, tx withdraw any edition.
    --draft writes proofs to exports/drafts/.
    """
    from translate.publish.publishing import publish

    workspace = workspace_from(ctx)
    langs = language_list(lang, "--lang")
    if prune and (draft or articles):
        raise typer.BadParameter("--prune takes no ARTICLES and no --draft", param_hint="--prune")
    report = publish(
        workspace, articles or (), langs, _codes(fmt), draft=draft, dry_run=dry_run, prune=prune
    )
    would = "would " if report.dry_run else ""
    for line in report.moved:
        typer.echo(line)
    wrote = "would write" if report.dry_run else "wrote"
    for path in report.written:
        typer.echo(f"{wrote} {path.relative_to(workspace.root)}")
    _say_withdrawn(report.withdrawn, workspace.root, would)
    for path in report.removed:
        typer.echo(f"{would}remove {path.relative_to(workspace.root)}")
    for kept in report.kept:
        typer.echo(f"kept online {kept.lang}/{kept.slug} at its last good version: {kept.reason}")
    for slug, code in report.drafts:
        typer.echo(f"draft: {code}/{slug} (marked for proofreading, not for publication)")
    if not report.written and not report.blocked and not report.withdrawn:
        if report.done or report.kept:
            typer.echo("nothing to export: every edition asked for is online and current")
        else:
            typer.echo("nothing to export: no articles or work files (run tx translate first)")
    report.raise_for_blocked()


@app.command()
def withdraw(
    ctx: typer.Context,
    article: Annotated[str, typer.Argument(help="The article's slug (or its file).")],
    lang: Annotated[
        str, typer.Option("--lang", "-l", help="Languages to take offline, comma-separated.")
    ],
    reason: Annotated[str, typer.Option("--reason", help="Why, in one line (kept on record).")],
    by: Annotated[
        str, typer.Option("--by", help="Who withdraws it (default: your user name).")
    ] = "",
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="List what would be removed; change nothing.")
    ] = False,
) -> None:
    """Take published editions offline: their page, document and images, with their
    entries in the index, feed, sitemap and the article's other pages. The register
    (exports/editions.json) keeps the reason, who and when."""
    from pathlib import Path

    from translate.publish.withdraw import withdraw as take_offline

    workspace = workspace_from(ctx)
    langs = language_list(lang, "--lang")
    if not langs:
        raise ExportError("give the languages to withdraw", hint="--lang es (or es,fr)")
    slug = Path(article).stem if article.endswith((".md", ".markdown", ".txt")) else article
    report = take_offline(workspace, slug, langs, reason, by=by, dry_run=dry_run)
    would = "would " if dry_run else ""
    _say_withdrawn(report.withdrawn, workspace.root, would)
    for path in report.written:
        typer.echo(f"{would}write {path.relative_to(workspace.root)}")
    for path in report.removed:
        typer.echo(f"{would}remove {path.relative_to(workspace.root)}")
    if not dry_run:
        typer.echo(f"recorded in exports/editions.json: by {report.by} at {report.at}")


def _say_withdrawn(withdrawn: "Sequence[Withdrawal]", root: "Path", would: str) -> None:
    """Each edition taken offline (or that would be), with its files."""
    for item in withdrawn:
        typer.echo(f"{would}withdraw {item.lang}/{item.slug}: {item.reason}")
        for path in item.files:
            typer.echo(f"  {would}remove {path.relative_to(root)}")
