"""``tx translate`` and ``tx status``."""

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

import typer

from translate.cli.base import app, language_list, workspace_from
from translate.errors import PartlyDone, TxError

if TYPE_CHECKING:
    from translate.status import StatusRow
    from translate.translation.jobs import LanguageResult


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
        typer.Option(
            help="argos, apertium, auto, or none for a language people translate: its work "
            "file follows the article, sentences still to translate left empty (default: "
            "tx.toml's engine; human_langs there are always none)."
        ),
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
    install, and the command then exits with status 3 when the other languages were done
    (1 when none was; `tx engines` shows what serves what).
    """
    from translate.translation.options import RunOptions, settle
    from translate.translation.pipeline import translate

    requested = language_list(to, "--to")
    ws = settle(workspace_from(ctx), RunOptions(engine, device, retranslate, cluster))
    langs = requested or list(ws.settings.target_langs)
    paths = [ws.find_article(name) for name in articles] if articles else ws.article_files()
    paths = [ws.readable_article(path) for path in paths]
    if not paths:
        typer.echo(f"no articles in {ws.articles_dir}")
        return
    results = translate(
        ws,
        paths,
        langs,
        engine=engine,
        dry_run=dry_run,
        progress=_progress_bars(),
        device=device,
        retranslate=retranslate,
    )
    _print_results(results, dry_run)


def _progress_bars() -> Callable[[str, int, int], None]:
    """A progress bar on standard error per language pair of a run of several batches."""
    bars: dict[str, Any] = {}

    def progress(label: str, done: int, total: int) -> None:
        bar = bars.get(label)
        if bar is None:
            bar = bars[label] = typer.progressbar(length=total, label=label, file=sys.stderr)
            bar.__enter__()
        bar.update(done - bar.pos)
        if done >= total:
            bar.__exit__(None, None, None)

    return progress


def _print_results(results: "list[LanguageResult]", dry_run: bool) -> None:
    """One line per article and language, then what was skipped, failed or had no engine;
    ``PartlyDone`` (exit 3) when some translations were not done and others were, else the
    error (exit 1)."""
    header = f"{'article':<32} {'lang':<5} {'kept':>5} {'memory':>6} {'engine':>6} {'flagged':>7}"
    if any(not (r.refused or r.conflict or r.no_engine) for r in results):
        typer.echo(header)  # no empty table when nothing could run
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
    changed = {r.target_lang: r.engine_changed for r in results if r.engine_changed}
    for lang, change in changed.items():
        typer.echo(
            f"note: {lang} is now translated by another engine ({change}); to keep the one "
            f'before, pin it in tx.toml: [engines] {lang} = "{change.split(" -> ")[0]}"',
            err=True,
        )
    left = [f"{r.target_lang}/{r.slug}" for r in results if r.conflict or r.no_engine]
    if left:
        done = [r for r in results if not (r.refused or r.conflict or r.no_engine)]
        message = f"{len(left)} translation(s) not done: {', '.join(left)} (listed above)"
        raise PartlyDone(message) if done else TxError(message)


@app.command()
def status(
    ctx: typer.Context,
    articles: Annotated[
        list[str] | None, typer.Argument(help="Articles by path or slug (default: all).")
    ] = None,
    lang: Annotated[
        str | None, typer.Option("--lang", help="Languages, comma-separated (default: all).")
    ] = None,
    stale: Annotated[
        bool,
        typer.Option("--stale", help="Only translations and editions behind their article."),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON document.")] = False,
) -> None:
    """Show each article and language: segments by review state, by flag and by the engine's
    confidence (high, medium, low or no score) in the sentences no reviewer confirmed yet."""
    import json

    from translate.models import State
    from translate.source.names import article_slug
    from translate.status import as_json as row_json
    from translate.status import (
        narrowed,
        stale_editions,
        workspace_status,
    )

    ws = workspace_from(ctx)
    slugs = {article_slug(ws, name) for name in articles} if articles else None
    langs = set(language_list(lang, "--lang")) or None
    rows = narrowed(workspace_status(ws), slugs, langs, stale=stale)
    editions = [
        item
        for item in stale_editions(ws)
        if (slugs is None or item.slug in slugs) and (langs is None or item.lang in langs)
    ]
    if as_json:
        data = {
            "translations": [row_json(row) for row in rows],
            "stale_editions": [vars(item) for item in editions],
        }
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        if any(row.error for row in rows):
            raise typer.Exit(1)
        return
    stale_list = editions
    if not rows:
        typer.echo(
            "nothing matches"
            if (slugs or langs or stale)
            else "no articles yet: add one to articles/ and run `tx translate`"
        )
        return
    names = [s.value for s in State]
    typer.echo(
        f"{'article':<32} {'from':<5} {'lang':<7} {'total':>5} "
        + " ".join(f"{n:>10}" for n in names)
    )
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
        typer.echo(f"{where} {counts}  {'; '.join(_notes(row))}")
    for item in stale_list:
        typer.echo(f"stale edition {item.lang}/{item.slug} (online, behind): {item.reason}")
    for row in failed:
        typer.echo(f"error: {row.error}", err=True)
    if failed:
        raise typer.Exit(1)


def _notes(row: "StatusRow") -> list[str]:
    """What `tx status` says after a row's counts: flags, waivers, confidence, readiness."""
    from translate.status import confidence_summary

    notes = [f"not translated: {row.untranslated}"] if row.untranslated else []
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
    return notes
