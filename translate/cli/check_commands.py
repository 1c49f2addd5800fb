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
    as_json: Annotated[bool, typer.Option("--json", help="Findings as JSON.")] = False,
) -> None:
    """Run every check (glossary, numbers, links, empty, untranslated...) over a bilingual file
    from any tool: one line per flag, `WHERE: code: message`; exit 1 when anything is flagged."""
    import json

    from translate.checks.delivery import check_file
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
    glossary = load_workspace_glossary(ws, from_lang) if ws else Glossary(from_lang, ())
    findings = check_file(file, glossary, target, from_lang)
    if as_json:
        rows = [
            {"where": f.pair.where, "code": f.flag.code, "message": f.flag.message,
             "source": f.pair.source, "target": f.pair.target}
            for f in findings
        ]  # fmt: skip
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for finding in findings:
            code, message = finding.flag.code, finding.flag.message
            typer.echo(f"{finding.pair.where}: {code}: {message.removeprefix(code + ': ')}")
    if findings:
        raise typer.Exit(1)
