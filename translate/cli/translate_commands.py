"""``tx translate`` and ``tx status``."""

import sys
from dataclasses import replace
from typing import Annotated, Any

import typer

from translate.cli.base import app, language_list, workspace_from
from translate.errors import EngineError
from translate.workspace import Workspace


def _on_cluster(ws: Workspace, address: str | None) -> Workspace:
    """The workspace with ``--cluster`` applied; when a cluster is set (by the option or
    tx.toml), Ray must be installed: say how to get it before any work."""
    from translate.workspace.engine_options import cluster_address

    if address is not None:
        try:
            found = cluster_address(address)
        except ValueError:
            raise typer.BadParameter(
                f"--cluster: '{address}' is not a Ray address: use auto, local, none, "
                "HOST:PORT or ray://HOST:PORT"
            ) from None
        options = ws.settings.engine_options
        options = replace(options, cluster=replace(options.cluster, address=found))
        ws = replace(ws, settings=replace(ws.settings, engine_options=options))
    if ws.settings.engine_options.cluster.address:
        from translate.translation.engines.cluster import require_ray

        require_ray()
    return ws


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
    device: Annotated[
        str | None,
        typer.Option(help="Where Argos models run: auto, cpu or cuda (default: tx.toml's)."),
    ] = None,
    retranslate: Annotated[
        str | None,
        typer.Option(
            help="After a glossary change, translate machine sentences again: 'flagged' (those "
            "with open flags) or 'machine' (all). Reviewed sentences are never replaced."
        ),
    ] = None,
    cluster: Annotated[
        str | None,
        typer.Option(
            help="Run Argos models on a Ray cluster: auto (the one started here with `ray "
            "start`), local (start one for this run), HOST:PORT, or none (default: tx.toml's "
            "cluster). Needs `pip install 'tx-publish[cluster]'`."
        ),
    ] = None,
) -> None:
    """Translate articles offline into work files translations/<lang>/<slug>.json.

    Sentences already translated are kept, reviewed ones are never replaced, sentences
    reviewed in any article come from translation memory, and only the rest go to the engine.
    Every language with an engine is translated; one without is reported with what to
    install, and the command then exits with status 1 (`tx engines` shows what serves what).
    """
    from translate.translation.pipeline import translate
    from translate.workspace.engine_options import DEVICES

    _check_engine(engine)
    requested = language_list(to, "--to")
    ws = _on_cluster(workspace_from(ctx), cluster)
    if retranslate is not None and retranslate not in ("flagged", "machine"):
        raise typer.BadParameter(f"unknown --retranslate '{retranslate}': use flagged or machine")
    if device is not None and device not in DEVICES:
        raise typer.BadParameter(f"unknown device '{device}': use one of {', '.join(DEVICES)}")
    asked = device or ws.settings.engine_options.device
    on_cluster = bool(ws.settings.engine_options.cluster.address)
    if asked == "cuda" and (engine or ws.settings.engine) != "apertium" and not on_cluster:
        from translate.translation.engines.argos import resolve_device

        resolve_device("cuda")  # one clear error now, not after the first languages
    langs = requested or list(ws.settings.target_langs)
    paths = [ws.find_article(name) for name in articles] if articles else ws.article_files()
    paths = [ws.readable_article(path) for path in paths]
    if not paths:
        typer.echo(f"no articles in {ws.articles_dir}")
        return
    bars: dict[str, Any] = {}

    def progress(label: str, done: int, total: int) -> None:
        bar = bars.get(label)
        if bar is None:
            bar = bars[label] = typer.progressbar(length=total, label=label, file=sys.stderr)
            bar.__enter__()
        bar.update(done - bar.pos)
        if done >= total:
            bar.__exit__(None, None, None)

    results = translate(
        ws,
        paths,
        langs,
        engine=engine,
        dry_run=dry_run,
        progress=progress,
        device=device,
        retranslate=retranslate,
    )
    header = f"{'article':<32} {'lang':<5} {'kept':>5} {'memory':>6} {'engine':>6} {'flagged':>7}"
    typer.echo(header)
    problems = [r for r in results if r.refused or r.conflict]
    for r in results:
        if r.refused or r.conflict or r.no_engine:
            continue
        if dry_run:
            counts = f"{len(r.to_translate):>6} {'':>7}  (dry run: nothing written)"
        else:
            outcome = f"-> {r.path}" if r.written else "unchanged"
            counts = f"{r.from_engine:>6} {r.flagged:>7}  {outcome}"
            counts += f" [{r.engine}]" if r.engine else ""
        typer.echo(f"{r.slug[:32]:<32} {r.target_lang:<5} {r.kept:>5} {r.from_memory:>6} {counts}")
        if dry_run and r.to_translate:
            typer.echo(f"    would translate: {', '.join(r.to_translate)}")
    for r in problems:
        if r.refused:
            typer.echo(f"skipped: {r.refused}", err=True)
        else:
            typer.echo(f"error: {r.path}: {r.conflict}", err=True)
    missing = {r.no_engine: r.target_lang for r in results if r.no_engine}
    for reason, lang in missing.items():
        typer.echo(f"not translated into {lang}: {reason}", err=True)
    if any(r.conflict for r in problems) or missing:
        raise typer.Exit(1)


@app.command()
def status(ctx: typer.Context) -> None:
    """Show each article and language: segments by review state, by flag and by the engine's
    confidence (high, medium, low or no score) in the sentences no reviewer confirmed yet."""
    from translate.models import State
    from translate.status import confidence_summary, stale_editions, workspace_status

    ws = workspace_from(ctx)
    rows = workspace_status(ws)
    stale = stale_editions(ws)
    if not rows:
        typer.echo("no articles yet: add one to articles/ and run `tx translate`")
        return
    names = [s.value for s in State]
    typer.echo(
        f"{'article':<32} {'from':<5} {'lang':<7} {'total':>5} "
        + " ".join(f"{n:>10}" for n in names)
    )
    for row in rows:
        where = f"{row.slug[:32]:<32} {row.source_lang:<5} {row.lang:<7} {row.total:>5}"
    failed = [row for row in rows if row.error]
    for row in rows:
        where = f"{row.slug[:32]:<32} {row.source_lang:<5} {row.lang:<7} {row.total:>5}"
        if row.error:
            typer.echo(f"{where[:-5]}{'-':>5}  cannot be read (see below)")
            continue
        if row.missing:
            typer.echo(f"{where}  not translated yet")
            continue
        counts = " ".join(f"{row.states.get(s, 0):>10}" for s in State)
        notes = []
        if row.flags:
            notes.append("flags: " + ", ".join(f"{c} {n}" for c, n in sorted(row.flags.items())))
        if row.waived:
            notes.append("waived: " + ", ".join(f"{c} {n}" for c, n in sorted(row.waived.items())))
        if row.confidence:
            notes.append("confidence: " + confidence_summary(row.confidence))
        if row.stale:
            notes.append("article changed since translation: run tx translate")
        if row.publishable:
            notes.append("ready to publish")
        typer.echo(f"{where} {counts}  {'; '.join(notes)}")
    for item in stale:
        typer.echo(
            f"stale edition {item.lang}/{item.slug}: {item.reason} "
            "(tx export re-exports or withdraws it)"
        )
    for row in failed:
        typer.echo(f"error: {row.error}", err=True)
    if failed:
        raise typer.Exit(1)
