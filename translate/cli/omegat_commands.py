"""Command: ``tx omegat export``, a ready OmegaT project of articles for a freelancer."""

from pathlib import Path
from typing import Annotated

import typer

from translate.cli.base import app, one_language, workspace_from

omegat_app = typer.Typer(no_args_is_help=True)
app.add_typer(
    omegat_app,
    name="omegat",
    help=(
        "A ready OmegaT project of articles: tx's sentences as segments, tx's memory and "
        "drafts as 100% matches, the house glossary."
    ),
)


@omegat_app.command("export")
def export(
    ctx: typer.Context,
    articles: Annotated[
        list[str], typer.Argument(help="Article files (articles/<slug>.md) or their slugs.")
    ],
    lang: Annotated[str, typer.Option("--lang", help="The target language.")],
    folder: Annotated[Path, typer.Argument(help="A new (or empty) folder for the project.")],
    fill_drafts: Annotated[
        bool,
        typer.Option(
            "--fill-drafts",
            help="Let OmegaT insert tx's machine drafts too (tm/auto), not only offer them.",
        ),
    ] = False,
) -> None:
    """Write an OmegaT project (omegat.project, source/ with each article as tx's XLIFF,
    tm/ with tx's memory and drafts, glossary/, segmentation rules that agree with tx's);
    bring the translator's work back with `tx xliff import FOLDER/target/<slug>.xlf`."""
    from translate.roundtrip.omegat import export_project

    ws = workspace_from(ctx)
    code = one_language(lang, "--lang")
    if code is None:
        raise typer.BadParameter("give one language", param_hint="--lang")
    slugs = [Path(article).stem for article in articles]
    done = export_project(ws, slugs, code, folder, fill_drafts=fill_drafts)
    typer.echo(
        f"wrote an OmegaT project of {len(done.sources)} article(s) to {done.root}: "
        f"{done.memory} memory pair(s) (tm/auto), {done.drafts} draft(s) "
        f"({'tm/auto' if fill_drafts else 'tm'}), {done.terms} glossary term(s)"
    )
    for reason, count in done.left_out:
        typer.echo(f"left out: {count} {reason}")
    typer.echo(f"back: tx xliff import {done.root / 'target'}/<slug>.xlf")
