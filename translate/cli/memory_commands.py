"""Commands: ``tx memory search`` (concordance), ``tx memory import|export`` (TMX) and
``tx count`` (words by match band)."""

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from translate.cli.base import app, language_list, renamed_option, workspace_from

memory_app = typer.Typer(no_args_is_help=True)
app.add_typer(
    memory_app,
    name="memory",
    help=(
        "Search how sentences were translated before (every work file and memory.tmx); "
        "import a TMX memory from another tool; export the reviewed sentences as TMX."
    ),
)


@memory_app.command("search")
def search_command(
    ctx: typer.Context,
    phrase: Annotated[str, typer.Argument(help="Words to find, as written (any letter case).")],
    lang: Annotated[
        str | None, typer.Option("--lang", help="Only translations into this language.")
    ] = None,
    side: Annotated[
        str, typer.Option("--side", help="Search the source, the target or both.")
    ] = "both",
    limit: Annotated[int, typer.Option("--limit", help="Show at most this many.")] = 50,
) -> None:
    """Concordance: every sentence pair holding PHRASE, with the article, state and date."""
    from translate.memory.concordance import MARK_END, MARK_START, search

    if side not in ("source", "target", "both"):
        raise typer.BadParameter("use source, target or both", param_hint="--side")
    ws = workspace_from(ctx)
    codes = language_list(lang, "--lang")
    hits = search(ws, phrase, lang=codes[0] if codes else None, side=side, limit=limit)
    bold = sys.stdout.isatty()

    def shown(text: str) -> str:
        start, end = ("\x1b[1m", "\x1b[0m") if bold else ("[", "]")
        return text.replace(MARK_START, start).replace(MARK_END, end)

    for hit in hits:
        state = f"{hit.state}, superseded" if hit.superseded else hit.state
        typer.echo(f"{hit.slug} {hit.lang or '-'} {hit.segment[:12]} {state} {hit.date}")
        typer.echo(f"  {shown(hit.source)}")
        typer.echo(f"  {shown(hit.target)}")
        if hit.superseded:
            typer.echo(f"  corrected to: {hit.superseded}")
    typer.echo(
        f"{len(hits)} sentence pair(s)" + (" (--limit reached)" if len(hits) == limit else "")
    )


def _counts(label: str, counts: tuple[tuple[str, int], ...]) -> None:
    for kind, count in counts:
        typer.echo(f"{label}: {count} {kind}")


@memory_app.command("import")
def import_command(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A TMX file (1.1 to 1.4) from any CAT tool.")],
    name: Annotated[
        str | None, typer.Option("--name", help="Keep it under this name (default: file name).")
    ] = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="Replace a different memory of the same name.")
    ] = False,
) -> None:
    """Add a TMX memory to the workspace: kept as it is in translations/memories/NAME.tmx
    (never rewritten by tx) and used by `tx translate` for exact and fuzzy matches, which are
    marked with their origin (memory:NAME). Prints what it could not carry over."""
    from translate.memory.exchange import import_memory

    result = import_memory(workspace_from(ctx), file, name=name, replace=replace)
    _counts("skipped", result.skipped)
    _counts("not carried over", result.dropped)
    langs = ", ".join(f"{lang} {count}" for lang, count in result.pairs)
    verb = "already imported as" if result.unchanged else "imported as"
    typer.echo(
        f"{result.read} unit(s) read, {result.units} usable ({langs}); "
        f"{result.mapped} inline code(s) kept as Markdown; {verb} {result.path}"
    )


@memory_app.command("export")
def export_command(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="The TMX file to write.")],
    lang: Annotated[
        str | None, typer.Option("--lang", help="Only translations into this language.")
    ] = None,
    superseded: Annotated[
        bool,
        typer.Option(
            "--superseded", help="Also the pairs of sentences later corrected in their article."
        ),
    ] = False,
) -> None:
    """Write every reviewed and final sentence of the workspace (work files and memory.tmx)
    as TMX 1.4, one unit per sentence pair, for CAT tools. Pairs of sentences that were
    corrected since are left out unless --superseded (then marked x-superseded)."""
    from translate.cli.base import one_language
    from translate.memory.exchange import export_memory

    result = export_memory(
        workspace_from(ctx), file, lang=one_language(lang, "--lang"), superseded=superseded
    )
    langs = ", ".join(f"{code} {count}" for code, count in result.pairs) or "none"
    typer.echo(f"wrote {result.total} sentence pair(s) ({langs}) to {file}")


@app.command("count")
def count_command(
    ctx: typer.Context,
    articles: Annotated[
        list[str] | None, typer.Argument(help="Articles by path or slug (default: all).")
    ] = None,
    lang: Annotated[
        str | None, typer.Option("--lang", help="Target languages (default: tx.toml's).")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, csv or json.")] = "table",
    to: Annotated[str | None, typer.Option("--to", hidden=True)] = None,
) -> None:
    """Words to translate per article and language, by match band as CAT tools count them:
    context, exact, repetition, fuzzy 95-99, 85-94 and 75-84, and new."""
    from translate.memory.analysis import BANDS, analyse

    if fmt not in ("table", "csv", "json"):
        raise typer.BadParameter("use table, csv or json", param_hint="--format")
    ws = workspace_from(ctx)
    asked = renamed_option(lang, to, "--lang", "--to")
    langs = language_list(asked, "--lang") or list(ws.settings.target_langs)
    paths = [ws.find_article(name) for name in articles] if articles else ws.article_files()
    results = analyse(ws, [Path(p) for p in paths], langs)
    if fmt == "json":
        data = [
            {
                "article": r.slug,
                "lang": r.lang,
                "bands": {
                    band: {"segments": c.segments, "words": c.words, "characters": c.characters}
                    for band, c in r.bands.items()
                },
            }
            for r in results
        ]
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    if fmt == "csv":
        import csv

        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["article", "lang", "band", "segments", "words", "characters"])
        for r in results:
            for band, c in r.bands.items():
                writer.writerow([r.slug, r.lang, band, c.segments, c.words, c.characters])
        return
    typer.echo(f"{'article':<28} {'lang':<6} " + " ".join(f"{b:>10}" for b in (*BANDS, "total")))
    for r in results:
        cells = [r.bands[band].words for band in BANDS] + [r.total.words]
        typer.echo(f"{r.slug[:28]:<28} {r.lang:<6} " + " ".join(f"{n:>10}" for n in cells))
    typer.echo("(words; --format csv or json adds segments and characters)")
