"""``tx translate`` and ``tx status``."""

import re
import sys
from typing import Annotated, Any

import typer

from translate.cli.base import app, workspace_from
from translate.errors import EngineError

# A language tag's shape (BCP 47: a 2-8 letter language, then subtags of 1-8 letters or digits).
_TAG = re.compile(r"[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8})*")


def _languages(value: str | None) -> list[str] | None:
    if value is None:
        return None
    codes = [part.strip() for part in value.split(",") if part.strip()]
    for code in codes:
        if not _TAG.fullmatch(code):
            raise EngineError(
                f"--to: '{code}' is not a language code",
                hint="give codes such as es, fr, pt-BR, separated by commas",
            )
    return codes


def _check_engine(name: str | None) -> None:
    """Refuse an unknown --engine before any work (even when nothing needs translating)."""
    from translate.workspace import ENGINES

    if name is not None and name not in ENGINES:
        raise EngineError(
            f"--engine: unknown engine '{name}'", hint=f"use one of {', '.join(ENGINES)}"
        )


@app.command("translate")
def translate_command(
    ctx: typer.Context,
    articles: Annotated[
        list[str] | None,
        typer.Argument(help="Article files or slugs (default: every article in articles/)."),
    ] = None,
    to: Annotated[
        str | None,
        typer.Option("--to", "-t", help="Target languages, comma-separated (default: tx.toml)."),
    ] = None,
    engine: Annotated[
        str | None,
        typer.Option(help="argos, apertium or auto (default: tx.toml's engine)."),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would be translated; write nothing.")
    ] = False,
) -> None:
    """Translate articles offline into work files translations/<lang>/<slug>.json.

    Sentences already translated are kept, reviewed ones are never replaced, sentences
    reviewed in any article come from translation memory, and only the rest go to the engine.
    """
    from translate.pipeline import translate

    _check_engine(engine)
    requested = _languages(to)
    ws = workspace_from(ctx)
    paths = [ws.find_article(name) for name in articles] if articles else ws.article_files()
    if not paths:
        typer.echo(f"no articles in {ws.articles_dir}")
        return
    langs = requested or list(ws.settings.target_langs)
    bars: dict[str, Any] = {}

    def progress(label: str, done: int, total: int) -> None:
        bar = bars.get(label)
        if bar is None:
            bar = bars[label] = typer.progressbar(length=total, label=label, file=sys.stderr)
            bar.__enter__()
        bar.update(done - bar.pos)
        if done >= total:
            bar.__exit__(None, None, None)

    results = translate(ws, paths, langs, engine=engine, dry_run=dry_run, progress=progress)
    header = f"{'article':<32} {'lang':<5} {'kept':>5} {'memory':>6} {'engine':>6} {'flagged':>7}"
    typer.echo(header)
    for r in results:
        if dry_run:
            counts = f"{len(r.to_translate):>6} {'':>7}  (dry run: nothing written)"
        else:
            outcome = f"-> {r.path}" if r.written else "unchanged"
            counts = f"{r.from_engine:>6} {r.flagged:>7}  {outcome}"
            counts += f" [{r.engine}]" if r.engine else ""
        typer.echo(f"{r.slug[:32]:<32} {r.target_lang:<5} {r.kept:>5} {r.from_memory:>6} {counts}")
        if dry_run and r.to_translate:
            typer.echo(f"    would translate: {', '.join(r.to_translate)}")


@app.command()
def status(ctx: typer.Context) -> None:
    """Show each article and language: segments by review state and by flag."""
    from translate.models import State
    from translate.status import workspace_status

    ws = workspace_from(ctx)
    rows = workspace_status(ws)
    if not rows:
        typer.echo("no articles yet: add one to articles/ and run `tx translate`")
        return
    names = [s.value for s in State]
    typer.echo(f"{'article':<32} {'lang':<5} {'total':>5} " + " ".join(f"{n:>10}" for n in names))
    failed = [row for row in rows if row.error]
    for row in rows:
        if row.error:
            typer.echo(f"{row.slug[:32]:<32} {row.lang:<5} {'-':>5}  cannot be read (see below)")
            continue
        if row.missing:
            typer.echo(f"{row.slug[:32]:<32} {row.lang:<5} {row.total:>5}  not translated yet")
            continue
        counts = " ".join(f"{row.states.get(s, 0):>10}" for s in State)
        notes = []
        if row.flags:
            notes.append("flags: " + ", ".join(f"{c} {n}" for c, n in sorted(row.flags.items())))
        if row.stale:
            notes.append("article changed since translation: run tx translate")
        if row.publishable:
            notes.append("ready to publish")
        typer.echo(f"{row.slug[:32]:<32} {row.lang:<5} {row.total:>5} {counts}  {'; '.join(notes)}")
    for row in failed:
        typer.echo(f"error: {row.error}", err=True)
    if failed:
        raise typer.Exit(1)
