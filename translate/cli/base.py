"""The root of the ``tx`` command: the app, its options and error reporting."""

import contextlib
import errno
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated, Any, Protocol

import typer
from typer.core import TyperGroup

from translate import __version__
from translate.errors import EXIT_ERROR, PartlyDone, TxError
from translate.workspace import Workspace, load

# Commands in the order of a newsroom's day, for `tx --help`.
WORKFLOW_ORDER = (
    "init", "glossary", "segments", "count", "translate", "status", "memory", "review", "xliff",
    "log", "diff", "check", "export", "withdraw", "report", "repair",
)  # fmt: skip


class TxGroup(TyperGroup):
    """A command group that reports ``TxError`` as ``error: <message>`` and its exit status
    (1; 2 for a ``UsageError``, as for any usage error; 3 for ``PartlyDone``: ``not done:
    <what>``), and lists its commands in workflow order. This is the one place a command ends
    with a failing status."""

    def list_commands(self, ctx: Any) -> list[str]:
        names = super().list_commands(ctx)
        rank = {name: index for index, name in enumerate(WORKFLOW_ORDER)}
        return sorted(names, key=lambda name: rank.get(name, len(rank)))

    def main(self, args: Sequence[str] | None = None, *extra: Any, **options: Any) -> Any:
        """Run the command; an argument that is not UTF-8 text is refused in one line first.
        Help and usage name it ``tx`` however it was started (click would name it
        ``python -m translate.cli`` when run as a module, or after ``sys.argv[0]``)."""
        given = list(sys.argv[1:] if args is None else args)
        problem = not_utf8(given)
        if problem:
            typer.echo(f"error: {problem}", err=True)
            sys.exit(1)
        if not extra and options.get("prog_name") is None:
            options["prog_name"] = "tx"
        try:
            return super().main(given, *extra, **options)
        except OSError as error:  # writing --help or --version: a full disk, a closed pipe
            _settle_output()
            if error.errno != errno.EPIPE:
                typer.echo(f"error: cannot write the output: {error.strerror or error}", err=True)
            sys.exit(EXIT_ERROR)

    def invoke(self, ctx: Any) -> Any:  # a click Context (typer vendors click)
        try:
            return super().invoke(ctx)
        except TxError as error:
            typer.echo(f"{error.label}: {error}", err=True)
            ctx.exit(error.exit_code)
        except OSError as error:  # a file system fault the library did not name itself
            _settle_output()
            where = f"{error.filename}: " if error.filename else ""
            typer.echo(
                f"error: {where}{error.strerror or error} (check the path, its permissions "
                "and the free disk space)",
                err=True,
            )
            ctx.exit(EXIT_ERROR)


def _settle_output() -> None:
    """Write out what the command printed; when standard output cannot take it (a full disk,
    a closed pipe), send the rest to /dev/null, so Python's last flush at exit does not fail
    again with a traceback."""
    try:
        sys.stdout.flush()
    except (OSError, ValueError):
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            os.close(devnull)


def not_utf8(args: Sequence[str]) -> str:
    """Why one of ``args`` is not UTF-8 text, or ''. Python passes the bytes of an argument
    that is not UTF-8 as lone surrogates (``caf\\udce9``), which every later write would fail on:
    they are refused here, naming the option and the byte."""
    for index, arg in enumerate(args):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError as error:
            try:
                raw = arg.encode("utf-8", "surrogateescape")
            except UnicodeEncodeError:  # a surrogate no byte gives: shown as \ud800
                raw = arg.encode("utf-8", "backslashreplace")
            code = ord(arg[error.start])
            byte = code - 0xDC00 if 0xDC80 <= code <= 0xDCFF else None
            shown = repr(raw)[2:-1]
            option = args[index - 1] if index and args[index - 1].startswith("-") else ""
            where = f"the value of {option}" if option else "an argument"
            what = f"byte 0x{byte:02x}" if byte is not None else "a lone surrogate"
            return (
                f"{where} is not UTF-8 text: '{shown}' ({what} at position {error.start + 1}) "
                "(type it again in a UTF-8 terminal, or convert the text with iconv -t UTF-8)"
            )
    return ""


app = typer.Typer(
    cls=TxGroup,
    name="tx",
    help=(
        "Offline translation and publishing for multilingual newsrooms.\n\n"
        "Workflow: `tx init`, write articles/<slug>.md, `tx translate ARTICLE --to es,fr`, "
        "`tx review export` / `tx review import`, `tx export --lang es`."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"tx {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    workspace: Annotated[
        Path | None,
        typer.Option(
            "--workspace",
            "-w",
            help="Workspace folder (default: found from the current folder upward).",
            file_okay=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Show tx's version and exit.", callback=_show_version, is_eager=True
        ),
    ] = False,
) -> None:
    """Offline translation and publishing for multilingual newsrooms."""
    ctx.obj = workspace


def workspace_from(ctx: typer.Context) -> Workspace:
    """The workspace named by --workspace, or found upward from the current folder."""
    root_ctx = ctx.find_root()
    return load(root_ctx.obj if isinstance(root_ctx.obj, Path) else None)


def language_list(value: str | None, option: str) -> list[str]:
    """The canonical language tags of a comma-separated option (``ES,fr_CA`` gives
    ``es, fr-CA``), without duplicates; a code that is not a language tag is an error."""
    from translate.errors import LanguageError
    from translate.languages import canonical

    tags: list[str] = []
    for part in (value or "").split(","):
        if not part.strip():
            continue
        try:
            tag = canonical(part)
        except LanguageError as error:
            raise LanguageError(f"{option}: {error.message}", hint=error.hint) from None
        if tag not in tags:
            tags.append(tag)
    return tags


def one_language(value: str | None, option: str) -> str | None:
    """The canonical tag of an option that names one language (``None`` when not given)."""
    tags = language_list(value, option)
    if len(tags) > 1:
        raise typer.BadParameter("give one language", param_hint=option)
    return tags[0] if tags else None


class Report(Protocol):
    """What an import returns: a report a person can read, with the rows it left alone."""

    def summary(self) -> list[str]: ...

    @property
    def skipped(self) -> Sequence[object]: ...

    @property
    def conflicts(self) -> Sequence[object]: ...


def import_each(files: Sequence[Path], apply: Callable[[Path], Report]) -> None:
    """Apply each returned file with ``apply`` and print its report; a file that cannot be
    applied prints its error and the others go on. Ends with ``PartlyDone`` (exit 3) when
    a file failed or rows were skipped or in conflict while others were applied, and with
    the error itself (exit 1) when the only file failed."""
    failed: list[TxError] = []
    left: list[str] = []
    for path in files:
        try:
            report = apply(path)
        except TxError as error:
            if len(files) == 1:
                raise
            typer.echo(f"error: {error}", err=True)
            failed.append(error)
            continue
        typer.echo("\n".join(report.summary()))
        rows = len(report.skipped) + len(report.conflicts)
        if rows:
            left.append(f"{path}: {rows} row(s) skipped or in conflict (listed above)")
    if failed and len(failed) == len(files):
        raise TxError(f"none of the {len(files)} files was imported (listed above)")
    if failed or left:
        left += [f"{len(failed)} file(s) not imported (listed above)"] if failed else []
        raise PartlyDone("; ".join(left))


def end_of_run(done: int, failed: Sequence[TxError], what: str) -> None:
    """End a command that went on past errors it printed: nothing when none failed; the one
    error (exit 1) when it was the only thing asked; ``PartlyDone`` (exit 3) when ``done``
    things were done beside them, else a ``TxError`` (exit 1) counting them."""
    if not failed:
        return
    if done:
        raise PartlyDone(f"{len(failed)} {what} not done (listed above)")
    raise TxError(f"none done: {len(failed)} {what} (listed above)")


def renamed_option(value: str | None, old: str | None, name: str, old_name: str) -> str | None:
    """The value of option ``name``, also given under the name it had before (``old_name``,
    kept for a release): using the old name prints a note on standard error."""
    if old is None:
        return value
    if value is not None:
        raise typer.BadParameter(f"give {name} only ({old_name} is its old name)")
    typer.echo(f"note: {old_name} is now {name}; {old_name} goes in the next release", err=True)
    return old
