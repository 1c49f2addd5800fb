"""Running the ``tx`` command in-process on a workspace, as a person would at the prompt."""

from __future__ import annotations

from typer.testing import CliRunner

from translate.cli import app
from translate.workspace import Workspace

runner = CliRunner()


def tx(ws: Workspace, *args: str) -> tuple[int, str]:
    """Run ``tx --workspace WS ARGS``; (exit code, output). A traceback fails the test."""
    result = runner.invoke(app, ["--workspace", str(ws.root), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output
