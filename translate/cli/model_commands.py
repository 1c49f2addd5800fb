"""Commands: ``tx models list|install|remove`` (Argos model packages).

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


@models_app.command("list")
def list_models() -> None:
    """List installed model packages: from, to, version and folder."""
    from translate.engines import argos_packages

    folder = argos_packages.packages_dir()
    packages = argos_packages.installed(folder)
    if not packages:
        typer.echo(
            f"no Argos model packages installed in {folder} "
            "(install one with `tx models install FROM TO` or `tx models install FILE.argosmodel`)"
        )
        return
    typer.echo(f"{'from':<6}{'to':<6}{'version':<10}path")
    for package in packages:
        typer.echo(f"{package.from_code:<6}{package.to_code:<6}{package.version:<10}{package.path}")


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
    from translate.engines import argos_packages

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
    from translate.engines import argos_packages

    for package in argos_packages.remove(source, target):
        typer.echo(f"removed {package.pair} {package.version} from {package.path}")
