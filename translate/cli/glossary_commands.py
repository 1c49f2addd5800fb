"""Commands: ``tx glossary list|check|add|import|export`` for terminologists."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from translate.cli.base import app, language_list, one_language, renamed_option, workspace_from

if TYPE_CHECKING:
    from collections.abc import Sequence

    from translate.models import Term

glossary_app = typer.Typer(no_args_is_help=True)
app.add_typer(
    glossary_app,
    name="glossary",
    help=(
        "List, check, add, import and export house glossary terms.\n\n"
        "Glossaries are glossaries/*.csv, one row per concept, a column per language "
        "code (the source language's column holds the source term), plus optional columns "
        "type (term, or keep for names that stay as written), case (sensitive/insensitive), "
        "note, avoid:<lang> (wrong renderings separated by |) and variants:<lang> (further "
        "accepted forms, such as a kept name's form in another script)."
    ),
)

FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        help=(
            "csv, tbx, omegat or omegat-csv (default: from the suffix: .csv, .tbx, "
            ".txt/.tab/.tsv/.utf8; a .csv without a header naming the source language is "
            "OmegaT's CSV)."
        ),
    ),
]
LangOption = Annotated[
    str | None,
    typer.Option("--lang", help="Target language of an OmegaT glossary (one per file)."),
]


def _pairs(values: list[str], option: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for value in values:
        lang, sep, text = value.partition("=")
        if not sep or not lang.strip() or not text.strip():
            raise typer.BadParameter(f"expected LANG=TEXT, got '{value}'", param_hint=option)
        code = one_language(lang, option)
        if code is None:
            raise typer.BadParameter(f"expected LANG=TEXT, got '{value}'", param_hint=option)
        found.setdefault(code, []).append(text.strip())
    return found


def _table(rows: list[list[str]]) -> None:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        typer.echo("  ".join([*cells, row[-1]]).rstrip())


@glossary_app.command("list")
def list_terms(
    ctx: typer.Context,
    lang: Annotated[
        str | None, typer.Option("--lang", help="Show only this language's renderings.")
    ] = None,
) -> None:
    """List the terms of the workspace glossary: source, type and renderings.

    With --lang, one column shows the approved rendering in that language ("-" when there
    is none; keep entries without a rendering show the source text).
    """
    from translate.glossary import load_workspace_glossary

    lang = one_language(lang, "--lang")
    glossary = load_workspace_glossary(workspace_from(ctx))
    if not glossary.terms:
        typer.echo("the glossary is empty (add terms with `tx glossary add`)")
        return
    header = ["SOURCE", "TYPE", lang.upper() if lang else "RENDERINGS"]
    rows = [header]
    for term in glossary.terms:
        if lang:
            shown = term.target(lang) or "-"
        else:
            shown = "; ".join(f"{code}: {text}" for code, text in term.targets.items())
        rows.append([term.source, term.type.value, shown])
    _table(rows)
    typer.echo(f"{len(glossary.terms)} terms")


@glossary_app.command()
def check(
    ctx: typer.Context,
    article: Annotated[
        Path | None,
        typer.Argument(help="An article (path or slug) to look for terms in (default: none)."),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option("--lang", help="Target languages, comma-separated (default: tx.toml's)."),
    ] = None,
    to: Annotated[str | None, typer.Option("--to", hidden=True)] = None,
) -> None:
    """Check the glossary files, or find the glossary terms in an article.

    Without ARTICLE, validates every glossary file and prints each problem as
    file:line: message; the exit status is 1 if there is any. With ARTICLE, lists every
    occurrence of every term (segment id, block, term, matched text, context) and, per
    target language, the terms that occur but have no approved rendering.
    """
    from translate.glossary import load_workspace_glossary, term_report, validate

    ws = workspace_from(ctx)
    if article is None:
        files = ws.glossary_files()
        problems = validate(files, ws.settings.source_lang)
        for problem in problems:
            typer.echo(str(problem))
        if problems:
            typer.echo(f"{len(problems)} problem(s) in the glossary files", err=True)
            raise typer.Exit(1)
        count = len(load_workspace_glossary(ws).terms)
        typer.echo(f"{len(files)} glossary file(s), {count} terms: no problems")
        return
    from translate.source.articles import read_article
    from translate.source.names import article_path
    from translate.source.segments import segment_article

    source = read_article(article_path(ws, article), default_lang=ws.settings.source_lang)
    glossary = load_workspace_glossary(ws, source.lang)
    segments = segment_article(source)
    langs = language_list(renamed_option(lang, to, "--lang", "--to"), "--lang")
    report = term_report(glossary, segments, langs or ws.settings.target_langs)
    rows = [["SEGMENT", "BLOCK", "TERM", "MATCHED", "CONTEXT"]]
    for item in report.occurrences:
        term = item.match.term
        rows.append([item.segment_id, str(item.block), term.source, item.match.text, item.context])
    if len(rows) > 1:
        _table(rows)
    typer.echo(
        f"{len(report.occurrences)} occurrence(s) of {len(report.terms)} term(s) "
        f"in {len(segments)} segment(s)"
    )
    for lang, missing in report.missing.items():
        if missing:
            names = ", ".join(f"'{term.source}'" for term in missing)
            typer.echo(f"{lang}: no approved rendering for {names}")
        else:
            typer.echo(f"{lang}: every term found has an approved rendering")


@glossary_app.command()
def add(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(help="The source term, as written in articles.")],
    to: Annotated[
        list[str] | None,
        typer.Option(
            "--to",
            metavar="LANG=TEXT",
            help='Approved rendering, e.g. --to es="Casa Blanca"; repeat for each language.',
        ),
    ] = None,
    keep: Annotated[
        bool, typer.Option("--keep", help="A name that stays as written unless rendered.")
    ] = False,
    case: Annotated[
        str | None,
        typer.Option("--case", help="sensitive or insensitive (default: by type)."),
    ] = None,
    note: Annotated[str, typer.Option("--note", help="A note for translators.")] = "",
    avoid: Annotated[
        list[str] | None,
        typer.Option(
            "--avoid",
            metavar="LANG=TEXT",
            help='A known wrong rendering, e.g. --avoid es="Donald Triunfo"; repeatable.',
        ),
    ] = None,
    variant: Annotated[
        list[str] | None,
        typer.Option(
            "--variant",
            metavar="LANG=TEXT",
            help='A further accepted form, e.g. --variant uk="Зеленського"; repeatable.',
        ),
    ] = None,
    file: Annotated[
        Path | None,
        typer.Option("--file", help="Glossary file to append to (default: glossaries/house.csv)."),
    ] = None,
) -> None:
    """Add a term to a glossary file, or add to or change the row it already has.

    A new term is a new row. For a term the glossary has, --to adds or replaces that
    language's rendering in its row (a kept name's Ukrainian form: --to uk=Зеленський),
    --avoid and --variant add to its lists, --note replaces its note and --keep makes it a
    name; the command says what changed, and every other row stays as it was.

    Example: tx glossary add "White House" --to es="Casa Blanca" --to fr=Maison-Blanche
    """
    from translate.glossary.editing import add_or_update
    from translate.glossary.matching import glossary_target

    ws = workspace_from(ctx)
    path = glossary_target(ws, file or ws.glossaries_dir / "house.csv")
    targets = {lang: texts[-1] for lang, texts in _pairs(to or [], "--to").items()}
    wrong, further = (
        {
            lang: [part.strip() for text in texts for part in text.split("|") if part.strip()]
            for lang, texts in _pairs(values or [], option).items()
        }
        for values, option in ((avoid, "--avoid"), (variant, "--variant"))
    )
    edit = add_or_update(
        ws, path, source, targets, keep=keep, case=case, note=note, avoid=wrong, variants=further
    )
    if edit.existing is not None:
        _say_changes(edit.existing, edit.changes)
        return
    term = edit.term
    typer.echo(f"added '{term.source}' ({term.type.value}) to {path}")


def _say_changes(old: "Term", changes: "Sequence[str]") -> None:
    """What `tx glossary add` changed in a row the glossary already had."""
    where = f"{old.file}:{old.line}"
    if not changes:
        typer.echo(f"'{old.source}' ({where}) already has all that: nothing changed")
        return
    typer.echo(f"changed '{old.source}' ({where}):")
    for change in changes:
        typer.echo(f"  {change}")


def _conflict(imported: "Term", existing: "Term") -> str:
    differing = [
        f"{lang}: '{existing.targets.get(lang) or existing.target(lang)}' here, '{text}' imported"
        for lang, text in imported.targets.items()
        if existing.target(lang) not in (None, text)
    ]
    where = f"{existing.file}:{existing.line}" if existing.file else "the import file"
    return f"conflict: '{imported.source}' ({where}): {'; '.join(differing)}"


@glossary_app.command("import")
def import_(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="The CSV, TBX or OmegaT file to import.")],
    fmt: FormatOption = None,
    lang: LangOption = None,
    into: Annotated[
        Path | None,
        typer.Option("--into", help="File new terms go to (default: glossaries/house.csv)."),
    ] = None,
    replace: Annotated[
        bool,
        typer.Option("--replace", help="Take the imported rendering where it conflicts."),
    ] = False,
) -> None:
    """Import terms from a CSV, TBX (TBX-Basic 2008 or v3) or OmegaT glossary.

    New terms are appended; identical ones are skipped as duplicates; terms that exist with
    a different rendering are reported as conflicts and skipped unless --replace. What the
    file holds that a glossary row cannot (definitions, transactions, deprecated source
    terms, ...) is counted by kind.
    """
    from translate.glossary.exchange import import_glossary
    from translate.glossary.matching import glossary_target

    ws = workspace_from(ctx)
    with ws.lock():  # the glossary is read and rewritten with no other writer between
        result = import_glossary(
            file,
            glossary_target(ws, into or ws.glossaries_dir / "house.csv"),
            ws.glossary_files(),
            ws.settings.source_lang,
            fmt=fmt,
            lang=one_language(lang, "--lang"),
            replace=replace,
        )
    for imported, existing in result.conflicts:
        typer.echo(_conflict(imported, existing))
    for message in result.skipped:
        typer.echo(f"skipped: {message}")
    for message in result.unguarded:
        typer.echo(f"note: {message}")
    for kind, count in result.dropped:
        typer.echo(f"not carried over: {count} {kind}")
    typer.echo(
        f"{len(result.added)} added, {len(result.completed)} completed, "
        f"{len(result.replaced)} replaced, {len(result.duplicates)} duplicate(s) and "
        f"{len(result.conflicts)} conflict(s) skipped"
        + ("" if replace or not result.conflicts else " (use --replace to take them)")
    )


@glossary_app.command()
def export(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="The file to write (.csv, .tbx, .txt/.tsv).")],
    fmt: FormatOption = None,
    lang: LangOption = None,
) -> None:
    """Export the whole workspace glossary as CSV, TBX or an OmegaT glossary (one language)."""
    from translate.glossary import load_workspace_glossary
    from translate.glossary.exchange import export_glossary

    ws = workspace_from(ctx)
    glossary = load_workspace_glossary(ws)
    target = ws.export_target(file)
    count = export_glossary(glossary, target, fmt=fmt, lang=one_language(lang, "--lang"))
    typer.echo(f"wrote {count} entries to {file}")
