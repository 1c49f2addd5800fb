"""The ``tx`` command: a thin skin over the library.

Each command resolves paths, calls one library function and prints a summary. Library code
raises ``TxError`` subclasses; ``base.TxGroup`` turns them into a one-line message and exit
code 1. Command groups live in sibling modules and import heavy libraries only inside their
commands, so ``tx --help`` starts fast.

A module adds its commands to ``base.app`` when it is imported. ``main`` imports only the
module of the command it is given (``tx translate`` reads no other command's code, and typer
builds no other command); ``tx --help``, an option first or a name tx does not know load
them all, and so does ``app``, the whole command for tests and embedding.
"""

from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING, Any

from translate.cli import base

if TYPE_CHECKING:
    import typer

__all__ = ["COMMANDS", "app", "main"]

# The module (in this package) that adds each command and command group of ``tx``.
COMMANDS = {
    "init": "workspace_commands",
    "segments": "article_commands",
    "glossary": "glossary_commands",
    "translate": "translate_commands",
    "status": "translate_commands",
    "memory": "memory_commands",
    "count": "memory_commands",
    "models": "model_commands",
    "engines": "model_commands",
    "review": "review_commands",
    "repair": "repair_commands",
    "xliff": "xliff_commands",
    "omegat": "omegat_commands",
    "log": "history_commands",
    "diff": "history_commands",
    "check": "check_commands",
    "export": "export_commands",
    "withdraw": "export_commands",
    "report": "report_commands",
}
COMMAND_MODULES = tuple(dict.fromkeys(COMMANDS.values()))


def load_commands(*modules: str) -> None:
    """Import the command modules named (every one when none is), adding their commands."""
    for name in modules or COMMAND_MODULES:
        importlib.import_module(f"{__name__}.{name}")


def __getattr__(name: str) -> Any:
    if name == "app":  # the whole command: every module loaded
        return whole_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def whole_app() -> typer.Typer:
    """``tx`` with every command."""
    load_commands()
    return base.app


def main() -> None:
    """Entry point of the ``tx`` console script."""
    module = COMMANDS.get(sys.argv[1]) if len(sys.argv) > 1 else None
    if module is None:
        load_commands()
    else:
        load_commands(module)
    base.app()
