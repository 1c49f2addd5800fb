"""A fresh workspace as a newsroom sets one up: `tx init`, Spanish by apertium (Debian's
engine) and, where asked, languages people translate by hand."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest

from translate.workspace import Workspace, init, load

NEEDS_APERTIUM = [
    pytest.mark.apertium,
    pytest.mark.skipif(shutil.which("apertium") is None, reason="apertium is not installed"),
]


def sign(reviewer: object, name: str) -> None:
    """Write a name on a review document's Reviewer line, as a reviewer does in Word."""
    paragraphs = reviewer.document.paragraphs  # type: ignore[attr-defined]
    line = next(p for p in paragraphs if p.text.startswith("Reviewer:"))
    line.add_run(name)


def newsroom(root: Path, langs: Sequence[str], human: Sequence[str] = ()) -> Workspace:
    """A workspace at ``root`` translating into ``langs`` with apertium, ``human`` by hand."""
    init(root)
    config = root / "tx.toml"
    text = config.read_text(encoding="utf-8")
    quoted = ", ".join(f'"{lang}"' for lang in langs)
    text = text.replace('target_langs = ["es", "fr", "de"]', f"target_langs = [{quoted}]")
    text = text.replace('engine = "auto"', 'engine = "apertium"')
    humans = ", ".join(f'"{lang}"' for lang in human)
    config.write_text(text.replace("human_langs = []", f"human_langs = [{humans}]"), "utf-8")
    return load(root)
