"""Commands: ``tx log`` and ``tx diff``, the history of an article's work files.

Every save of a work file is a revision recorded in it: who made it, when, with which
command and what it changed (``translate.workspace.history``).
"""

from typing import TYPE_CHECKING, Annotated

import typer

from translate.cli.base import app, one_language, workspace_from

if TYPE_CHECKING:
    from translate.models import Revision, SegmentVersion


@app.command("log")
def log(
    ctx: typer.Context,
    article: Annotated[str, typer.Argument(help="Article file (articles/<slug>.md) or its slug.")],
    lang: Annotated[str | None, typer.Option("--lang", help="Only this language.")] = None,
) -> None:
    """List the revisions of an article's work files: date, person, command, counts."""
    from translate.source.names import article_slug
    from translate.workspace import history, workfiles

    ws = workspace_from(ctx)
    slug = article_slug(ws, article)
    for code, path in history.work_files_of(ws, slug, one_language(lang, "--lang")):
        translation = workfiles.load(path)
        typer.echo(f"{slug} in {code} ({path}), revision {translation.revision}")
        if not translation.history:
            typer.echo("  no history recorded yet")
        for revision in reversed(translation.history):
            typer.echo("  " + _revision_line(revision))


def _revision_line(revision: "Revision") -> str:
    if revision.stamp is None:
        return f"r{revision.number:<4} (as the work file was when its history began)"
    stamp = revision.stamp
    when = stamp.date.replace("T", " ").removesuffix("+00:00")
    counts = ", ".join(f"{kind} {count}" for kind, count in revision.counts) or "no segment changed"
    return f"r{revision.number:<4} {when} UTC  {stamp.by}  {stamp.command}: {counts}"


@app.command("diff")
def diff(
    ctx: typer.Context,
    article: Annotated[str, typer.Argument(help="Article file (articles/<slug>.md) or its slug.")],
    revisions: Annotated[
        list[int] | None,
        typer.Argument(
            help="Two revisions to compare; one: it against the current one; none: the last "
            "revision against the one before it.",
            show_default=False,
        ),
    ] = None,
    lang: Annotated[str, typer.Option("--lang", help="The edition's language.")] = "",
) -> None:
    """Show what changed between two revisions of a work file, sentence by sentence."""
    from translate.source.names import article_slug
    from translate.workspace import history, workfiles

    ws = workspace_from(ctx)
    code = one_language(lang or None, "--lang")
    if code is None:
        raise typer.BadParameter("give one language", param_hint="--lang")
    if revisions and len(revisions) > 2:
        raise typer.BadParameter("give at most two revisions", param_hint="REVISIONS")
    slug = article_slug(ws, article)
    [(_, path)] = history.work_files_of(ws, slug, code)
    found = history.compare(path, workfiles.load(path), revisions or [])
    typer.echo(
        f"{slug} in {code}: revision {found.old} -> {found.new}, {len(found.changes)} "
        "segment(s) changed"
    )
    for change in found.changes:
        typer.echo("")
        by = change.by.stamp if change.by is not None else None
        who = f" (r{change.by.number}, {by.by}, {by.command})" if change.by and by else ""
        if change.before is None and change.after is not None:
            typer.echo(f"+ {change.id} added, {change.after.state}{who}")
            _lines("  source: ", None, change.after.source)
            _lines("  ", None, change.after.target)
        elif change.after is None and change.before is not None:
            typer.echo(f"- {change.id} removed{who}")
            _lines("  source: ", change.before.source, None)
        elif change.before is not None and change.after is not None:
            typer.echo(f"~ {change.id} {_states(change.before, change.after)}{who}")
            typer.echo(f"  source: {change.after.source}")
            if change.before.target != change.after.target:
                _lines("  ", change.before.target, change.after.target)


def _states(before: "SegmentVersion", after: "SegmentVersion") -> str:
    state = (
        f"{before.state} -> {after.state}" if before.state is not after.state else str(after.state)
    )
    if before.origin != after.origin:
        return f"{state}, {before.origin} -> {after.origin}"
    return state


def _lines(prefix: str, before: str | None, after: str | None) -> None:
    if before is not None:
        typer.echo(f"{prefix}- {before or '(empty)'}")
    if after is not None:
        typer.echo(f"{prefix}+ {after or '(empty)'}")
