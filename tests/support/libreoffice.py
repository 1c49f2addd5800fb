"""Documents re-saved by a real LibreOffice Writer (``soffice --headless --convert-to``), each
run with its own user profile so tests can run in parallel."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest

SOFFICE = [
    pytest.mark.soffice,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) missing"),
]
_Test = TypeVar("_Test", bound=Callable[..., Any])


def needs_soffice(test: _Test) -> _Test:
    """Mark one test as needing LibreOffice (skipped without it)."""
    for mark in SOFFICE:
        test = mark(test)
    return test


def convert(path: Path, tmp_path: Path, to: str = "docx", folder: str = "libreoffice") -> Path:
    """``path`` converted by LibreOffice into ``to`` (a new file in ``tmp_path/folder``)."""
    out = tmp_path / folder
    profile = tmp_path / "lo-profile"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            to,
            "--outdir",
            str(out),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    converted = out / f"{path.stem}.{to}"
    assert converted.is_file()
    return converted


def resave(path: Path, tmp_path: Path, folder: str = "libreoffice") -> Path:
    """``path`` as LibreOffice Writer saves it."""
    resaved = convert(path, tmp_path, "docx", folder)
    assert resaved.read_bytes() != path.read_bytes()
    return resaved
