"""Commands: ``tx engines`` (which engine serves which pair here) and
``tx models list|install|remove`` (Argos model packages).

Packages live in the folder argospm uses (``$ARGOS_PACKAGES_DIR`` when set), so models
installed by either tool are seen by both.
"""

from pathlib import Path
from typing import Annotated

import typer

from translate.cli.base import app

models_app = typer.Typer(
    help=(
        "List, install and remove Argos model packages (the argos engine's translation "
        "models).\n\n"
        "Packages are kept in $ARGOS_PACKAGES_DIR when set, else where argospm keeps them, "
        "so both tools see the same models. Offline, install a .argosmodel file copied from a "
        "connected machine: `tx models install FILE.argosmodel`."
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(models_app, name="models", help="List, install and remove Argos translation models.")


@app.command("engines")
def engines_command(
    ctx: typer.Context,
    stop: Annotated[
        bool,
        typer.Option(
            "--stop",
            help="Stop the apertium pipelines and tx command servers kept warm for you now "
            "(they free their memory; the next run starts them again).",
        ),
    ] = False,
) -> None:
    """List every language pair each engine serves on this machine (argos directly or
    through English, with package versions and decoding settings; apertium by its installed
    directions, and whether its pipeline is kept warm), then, in a workspace, which engine
    translates each of its languages and what to install for the ones no engine serves."""
    from translate.cli.base import workspace_from
    from translate.errors import EngineError, WorkspaceError
    from translate.translation.engines import availability
    from translate.translation.engines.argos import resolve_device
    from translate.workspace import CONFIG_NAME
    from translate.workspace.engine_options import EngineOptions

    if stop:
        from translate import serving

        stopped = availability.stop_kept_warm()
        servers = serving.stop_servers()
        typer.echo(
            f"stopped {stopped} kept-warm apertium pipeline(s) and {servers} tx command server(s)"
        )
        return
    try:
        ws = workspace_from(ctx)
    except WorkspaceError as error:
        if error.path is not None and error.path.name == CONFIG_NAME:
            raise  # a workspace whose settings are wrong
        ws = None  # outside any workspace: the machine's engines only
    options = ws.settings.engine_options if ws is not None else EngineOptions()
    try:
        device = resolve_device(options.device).describe()
    except EngineError as error:
        device = f"unavailable: {error}"
    typer.echo(f"argos models run with device {options.device} ({device})")
    rows = availability.served(options)
    if not rows:
        typer.echo("no engine serves any pair here: install an Argos model or apertium pair")
    else:
        typer.echo(f"{'engine':<9} {'from':<8} {'to':<8} {'how':<16} {'models':<36} decoding")
    for row in rows:
        typer.echo(
            f"{row.engine:<9} {row.source:<8} {row.target:<8} {row.how:<16} "
            f"{row.models:<36} {row.settings}"
        )
    if ws is None:
        return
    source, engine = ws.settings.source_lang, ws.settings.engine
    typer.echo(f"\nthis workspace ({ws.root}; engine {engine}, articles in {source}):")
    for item in availability.coverage([source], ws.settings.target_langs, ws.settings, options):
        how = f"{item.model} ({item.why})" if item.model else f"no engine: {item.missing}"
        typer.echo(f"  {item.source} -> {item.target}: {how}")


@models_app.command("list")
def list_models() -> None:
    """List installed model packages: from, to, version, tokenizer and folder."""
    from translate.translation.engines import argos_packages

    folder = argos_packages.packages_dir()
    packages = argos_packages.installed(folder)
    if not packages:
        typer.echo(
            f"no Argos model packages installed in {folder} "
            "(install one with `tx models install FROM TO` or `tx models install FILE.argosmodel`)"
        )
        return
    typer.echo(f"{'from':<6}{'to':<6}{'version':<10}{'tokenizer':<15}path")
    for p in packages:
        kind = p.tokenizer or "missing"
        typer.echo(f"{p.from_code:<6}{p.to_code:<6}{p.version:<10}{kind:<15}{p.path}")


@models_app.command("install")
def install(
    source: Annotated[
        str,
        typer.Argument(
            metavar="FROM",
            help="Source language code (with TO), or a .argosmodel file to install offline.",
        ),
    ],
    target: Annotated[
        str | None,
        typer.Argument(metavar="TO", help="Target language code, when FROM is a code."),
    ] = None,
) -> None:
    """Install a model: `install FROM TO` downloads it from the Argos package index (the only
    command that uses the network); `install FILE.argosmodel` installs a file, offline, after
    checking it is a valid package. An installed package of the same pair is replaced."""
    from translate.translation.engines import argos_packages

    if target is None:
        path = Path(source)
        if path.suffix != ".argosmodel" and not path.is_file():
            raise typer.BadParameter(
                f"'{source}' is not a .argosmodel file; give FROM TO language codes "
                "(e.g. `tx models install en es`) or a FILE.argosmodel",
                param_hint="FROM",
            )
        package = argos_packages.install_file(path)
    else:
        package = argos_packages.install_from_index(source, target)
    typer.echo(f"installed {package.pair} {package.version} ({package.name}) in {package.path}")


@models_app.command("remove")
def remove(
    source: Annotated[str, typer.Argument(metavar="FROM", help="Source language code.")],
    target: Annotated[str, typer.Argument(metavar="TO", help="Target language code.")],
) -> None:
    """Uninstall the FROM-TO model package (offline)."""
    from translate.translation.engines import argos_packages

    for package in argos_packages.remove(source, target):
        typer.echo(f"removed {package.pair} {package.version} from {package.path}")
