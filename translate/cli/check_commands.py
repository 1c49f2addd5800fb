"""Command: ``tx check``, every check over a bilingual file from any tool."""

from pathlib import Path
from typing import Annotated

import typer

from translate.cli.base import app, one_language, workspace_from
from translate.errors import WorkspaceError


@app.command("check")
def check_delivery(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A bilingual file: .tsv, .tmx, .xlf or .xliff.")],
    lang: Annotated[str, typer.Option("--lang", help="The translation's language.")],
    source: Annotated[
        str | None, typer.Option("--from", help="The source language (default: tx.toml's).")
    ] = None,
    state: Annotated[
        str,
        typer.Option(
            "--state",
            help="States to check, comma-separated (initial, translated, reviewed, final); "
            "a unit the file marks initial counts as without a translation unless chosen.",
        ),
    ] = "translated,reviewed,final",
    as_json: Annotated[bool, typer.Option("--json", help="Findings as JSON.")] = False,
) -> None:
    """Read every unit of a bilingual file from any tool and run every check (glossary,
    numbers, links, empty, untranslated, spacing...) over its translations: a first line
    saying what was read, then one line per flag, `WHERE: code: message`, units without a
    translation flagged `missing`; exit 1 when anything is missing or flagged."""
    import json

    from translate.checks.delivery import check_delivery, open_delivery
    from translate.glossary import load_workspace_glossary
    from translate.models import Glossary
    from translate.workspace import Workspace

    target = one_language(lang, "--lang")
    if target is None:
        raise typer.BadParameter("give one language", param_hint="--lang")
    ws: Workspace | None
    try:
        ws = workspace_from(ctx)
    except WorkspaceError:
        ws = None  # outside a workspace: every check but the glossary
    from_lang = one_language(source, "--from") or (ws.settings.source_lang if ws else "en")
    delivery = open_delivery(file, target, from_lang, source_given=source is not None)
    glossary = load_workspace_glossary(ws, from_lang) if ws else Glossary(from_lang, ())
    states = tuple(part.strip() for part in state.split(",") if part.strip())
    result = check_delivery(delivery, glossary, target, states=states)
    if as_json:
        data = {
            "file": str(file),
            "format": result.kind,
            "units": result.units,
            "segments": result.segments,
            "checked": result.checked,
            "missing": result.missing,
            "skipped": dict(result.skipped),
            "not_checked": dict(result.reported),
            "summary": result.summary(),
            "findings": [
                {"where": f.pair.where, "code": f.flag.code, "message": f.flag.message,
                 "source": f.pair.source, "target": f.pair.target}
                for f in result.findings
            ],
        }  # fmt: skip
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        typer.echo(result.summary())
        for kind, count in result.reported:
            typer.echo(f"not checked: {count} {kind}")
        for finding in result.findings:
            code, message = finding.flag.code, finding.flag.message
            typer.echo(f"{finding.pair.where}: {code}: {message.removeprefix(code + ': ')}")
    if not result.clean:
        raise typer.Exit(1)
