"""Running the ``tx`` command in-process on a workspace, as a person would at the prompt."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from translate.cli import app
from translate.workspace import Workspace

runner = CliRunner()


def tx(ws: Workspace, *args: str) -> tuple[int, str]:
    """Run ``tx --workspace WS ARGS``; (exit code, output). A traceback fails the test."""
    result = runner.invoke(app, ["--workspace", str(ws.root), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def translated_workspace(root: Path, slug: str, article: str, lang: str = "es") -> Workspace:
    """A new workspace at ``root`` holding ``article`` as ``articles/<slug>.md``, translated
    into ``lang`` by apertium through ``tx translate``."""
    from translate import workspace

    workspace.init(root)
    ws = workspace.load(root)
    (ws.articles_dir / f"{slug}.md").write_text(article, encoding="utf-8")
    code, out = tx(ws, "translate", slug, "--to", lang, "--engine", "apertium")
    assert code == 0, out
    return ws
