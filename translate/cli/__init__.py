"""The ``tx`` command: a thin skin over the library.

Each command resolves paths, calls one library function and prints a summary. Library code
raises ``TxError`` subclasses; ``base.TxGroup`` turns them into a one-line message and exit
code 1. Command groups live in sibling modules and import heavy libraries only inside their
commands, so ``tx --help`` starts fast.
"""

from translate.cli import (
    article_commands,
    check_commands,
    export_commands,
    glossary_commands,
    history_commands,
    memory_commands,
    model_commands,
    omegat_commands,
    repair_commands,
    report_commands,
    review_commands,
    translate_commands,
    workspace_commands,
    xliff_commands,
)
from translate.cli.base import app

__all__ = ["app", "main"]

# Each module adds its commands to ``app`` when imported.
COMMAND_MODULES = (
    workspace_commands,
    article_commands,
    glossary_commands,
    translate_commands,
    memory_commands,
    model_commands,
    review_commands,
    repair_commands,
    xliff_commands,
    omegat_commands,
    history_commands,
    check_commands,
    export_commands,
    report_commands,
)


def main() -> None:
    """Entry point of the ``tx`` console script."""
    app()
