"""Debian's OmegaT (3.6) in the tests: a CAT tool run headless, and the schemas its jar ships
(the TMX 1.4 DTD, the TBX core structure schema) that tx's exports are validated against."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

OMEGAT_JAR = Path("/usr/share/omegat/OmegaT.jar")


def schema(name: str, folder: Path) -> Path:
    """``schemas/NAME`` (and the files it imports) from OmegaT's jar, copied into ``folder``;
    the test is skipped where Debian's omegat package is not installed (`make setup`)."""
    if not OMEGAT_JAR.is_file() or shutil.which("omegat") is None:
        pytest.skip("Debian's omegat package is not installed (make setup installs it)")
    with zipfile.ZipFile(OMEGAT_JAR) as jar:
        for member in jar.namelist():
            if member.startswith("schemas/") and not member.endswith("/"):
                (folder / Path(member).name).write_bytes(jar.read(member))
    return folder / name
