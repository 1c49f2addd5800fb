"""``tx report``: what machine translation costs the newsroom, from the reviewers' edits."""

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from translate.cli.base import app, one_language, workspace_from

FORMATS = ("table", "csv", "json", "html")


@app.command("report")
def report_command(
    ctx: typer.Context,
    since: Annotated[
        str | None, typer.Option(help="Only approvals from this date on (YYYY-MM-DD).")
    ] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="One language only.")] = None,
    engine: Annotated[str | None, typer.Option(help="One engine only (argos, apertium).")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, csv, json or html.")] = "table",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the report to this file (html: default exports/reports/post-editing.html).",
        ),
    ] = None,
    by_person: Annotated[
        bool, typer.Option("--by-person", help="Name the reviewers (left out by default).")
    ] = False,
    calibrate: Annotated[
        bool,
        typer.Option("--calibrate", help="Propose confidence thresholds from the edits."),
    ] = False,
    write: Annotated[
        bool,
        typer.Option("--write", help="With --calibrate: keep the thresholds in tx.toml."),
    ] = False,
) -> None:
    """Post-editing figures per language and engine, article, check, confidence band and week:
    sentences and words reviewed, the share left unchanged, edit distances between the
    machine draft and the final text, glossary terms corrected, time to approval, how often
    each check's flag was followed by an edit, and the edit rate of each confidence band."""
    from translate.analytics import calibration, evidence_cache, figures, page, tables

    if fmt not in FORMATS:
        raise typer.BadParameter(f"use one of {', '.join(FORMATS)}", param_hint="--format")
    if write and not calibrate:
        raise typer.BadParameter("--write keeps what --calibrate proposes: give both")
    try:
        start = dt.date.fromisoformat(since) if since else None
    except ValueError:
        raise typer.BadParameter(f"'{since}' is not a date (YYYY-MM-DD)") from None
    ws = workspace_from(ctx)
    found, unreadable = evidence_cache.collect(ws)
    wanted = figures.Filters(start, one_language(lang, "--lang"), engine)
    report = figures.build(found, wanted, by_person=by_person, unreadable=unreadable)
    proposals = calibration.propose(i for i in found if wanted.keep(i)) if calibrate else None
    if fmt == "html":
        path = output or ws.exports_dir / "reports" / "post-editing.html"
        from translate.workspace import write_text

        write_text(path, page.html(report, proposals or ()))
        typer.echo(f"wrote {path}")
    else:
        text = {
            "table": lambda: tables.text(report),
            "csv": lambda: tables.csv_text(report),
            "json": lambda: tables.json_text(report, proposals),
        }[fmt]()
        if output is not None:
            from translate.workspace import write_text

            write_text(output, text if text.endswith("\n") else text + "\n")
            typer.echo(f"wrote {output}")
        else:
            typer.echo(text)
    if proposals is not None and fmt != "json":
        for p in proposals:
            note = f" ({p.note})" if p.note else ""
            typer.echo(
                f"calibration {p.lang} {p.engine}: high from {p.high_from:.2f}, medium from "
                f"{p.medium_from:.2f} on {p.segments} sentences{note}"
            )
    if write and proposals:
        typer.echo(f"wrote the thresholds to {calibration.write(ws, proposals)}")
    if unreadable:
        raise typer.Exit(1)
