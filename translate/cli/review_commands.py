"""Commands: ``tx review export|import``, the round trip of review documents (DOCX).

Reviewers never see work files: ``tx review export`` writes exports/review/<lang>/<slug>.docx,
the reviewer edits it in Word or LibreOffice, and ``tx review import`` applies it back.
"""

from pathlib import Path
from typing import Annotated

import typer

from translate.cli.base import (
    app,
    end_of_run,
    import_each,
    language_list,
    one_language,
    workspace_from,
)

review_app = typer.Typer(no_args_is_help=True)
app.add_typer(
    review_app,
    name="review",
    help=(
        "Export review documents (DOCX) for reviewers and import their edits.\n\n"
        "In the document reviewers edit the Translation column (tracked changes are read as "
        "accepted), type a word such as 'final' or 'needs work' in the Status column, and "
        "comment; comments become notes on the segment."
    ),
)


@review_app.command("export")
def export(
    ctx: typer.Context,
    article: Annotated[
        str | None,
        typer.Argument(help="Article file (articles/<slug>.md) or its slug.", show_default=False),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang", help="Target languages, comma-separated (default: every translated one)."
        ),
    ] = None,
    all_open: Annotated[
        bool,
        typer.Option("--all", help="Every article and language with open work."),
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="Replace review documents that reviewers changed or have open."
        ),
    ] = False,
    below: Annotated[
        str | None,
        typer.Option(
            "--below",
            help="Only the machine translations whose engine confidence is below this band "
            "(high or medium); sentences the engine gave no score count as below.",
        ),
    ] = None,
    stale: Annotated[
        bool,
        typer.Option(
            "--stale",
            help="Export a work file that is behind its article anyway (the file says so at "
            "its top); else run `tx translate` first.",
        ),
    ] = False,
) -> None:
    """Write exports/review/<lang>/<slug>.docx for a reviewer.

    A document that a reviewer edited in place since tx wrote it, or has open in Word or
    LibreOffice, is kept (import it first) unless --force. With --below the document is
    partial: its import leaves the segments not in it as they are. A work file behind its
    article is refused (run `tx translate` first) unless --stale.
    """
    from translate.roundtrip.review.export import export_article_reviews, export_open_reviews
    from translate.source.names import article_slug

    ws = workspace_from(ctx)
    if all_open == (article is not None):
        raise typer.BadParameter("give an ARTICLE or --all (not both)")
    langs = language_list(lang, "--lang")
    if below is not None and below not in ("high", "medium"):
        raise typer.BadParameter(
            f"'{below}' is not a band: use high or medium", param_hint="--below"
        )
    if article is None:
        result = export_open_reviews(ws, langs, force=force, below=below, stale=stale)
    else:
        slug = article_slug(ws, article)
        result = export_article_reviews(ws, slug, langs, force=force, below=below, stale=stale)
    if len(result.refused) == 1 and not result.written:
        raise result.refused[0]
    for path in result.written:
        typer.echo(f"wrote {path}")
    for error in result.refused:
        typer.echo(f"error: {error}", err=True)
    if not result.written and not result.refused:
        typer.echo("no open work: every segment is final and unflagged")
    end_of_run(len(result.written), result.refused, "review document(s)")


@review_app.command("import")
def import_(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(help="Reviewed DOCX files.", dir_okay=False)],
    lang: Annotated[
        str | None,
        typer.Option("--lang", help="Refuse documents that do not review this language."),
    ] = None,
    all_or_nothing: Annotated[
        bool,
        typer.Option(
            "--all-or-nothing",
            help="Refuse a document as a whole when any row conflicts with the work file.",
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
    """Apply reviewed documents to their work files and print what changed.

    A row that changes a segment whose translation changed since the export is reported as
    a conflict and left alone; every other row is applied (unless --all-or-nothing). The
    changes are recorded (tx log) under the name on the document's Reviewer line, else the
    name Word or LibreOffice saved it under, else --by, else the system's user.
    """
    from translate.roundtrip.review.importer import import_review

    ws = workspace_from(ctx)
    expected = one_language(lang, "--lang")
    import_each(
        files,
        lambda path: import_review(ws, path, lang=expected, all_or_nothing=all_or_nothing, by=by),
    )


@review_app.command("waive")
def waive_command(
    ctx: typer.Context,
    article: Annotated[str, typer.Argument(help="Article file or slug.")],
    segment: Annotated[str, typer.Argument(help="Segment id (or a unique start of it).")],
    lang: Annotated[str, typer.Option("--lang", help="The edition's language.")],
    reason: Annotated[str, typer.Option("--reason", help="Why the flag is a false alarm.")],
    flag: Annotated[
        str | None, typer.Option("--flag", help="Flag code to waive (default: every open flag).")
    ] = None,
    by: Annotated[
        str | None,
        typer.Option("--by", help="Who waives it (default: the system's user)."),
    ] = None,
) -> None:
    """Waive a flag that is a false alarm for one segment, with a reason.

    The waiver is kept in the work file with the date, lifted when the translation changes,
    shown by tx status and in review documents, and the publishing gate honours it.
    """
    from translate.checks.waivers import waive
    from translate.source.names import article_slug

    ws = workspace_from(ctx)
    code = one_language(lang, "--lang")
    if code is None:
        raise typer.BadParameter("give one language", param_hint="--lang")
    slug = article_slug(ws, article)
    from translate.workspace.history import os_user

    done = waive(ws, slug, code, segment, flag, reason, by=by or os_user())
    typer.echo(
        f"waived {', '.join(done.codes)} on {done.segment_id} "
        f"({ws.work_file(slug, code)}, revision {done.revision})"
    )
