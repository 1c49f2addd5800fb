"""Tests of translate.workspace.limits: capped reads and ZIP package checks (the CLI cases are in
test_hostile_inputs.py and test_hostile_documents.py)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from translate.errors import ReviewError, TxError
from translate.workspace import limits


def test_read_capped_returns_the_bytes_up_to_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 10)
    assert limits.read_capped(path, 10, TxError, "text") == b"x" * 10
    with pytest.raises(TxError, match="text is larger than 9 bytes"):
        limits.read_capped(path, 9, TxError, "text")


def test_read_capped_stops_a_file_that_never_ends() -> None:
    # /dev/zero says it is empty and never ends: the read stops past the limit
    with pytest.raises(TxError, match="larger than 1024 bytes"):
        limits.read_capped(Path("/dev/zero"), 1024, TxError, "text")


def _package(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return buffer.getvalue()


def test_a_small_package_passes_and_a_bomb_does_not(tmp_path: Path) -> None:
    good = tmp_path / "good.docx"
    good.write_bytes(_package({"word/document.xml": b"<d/>", "media/a.bin": b"\0" * 4096}))
    assert limits.read_package(good, ReviewError, "DOCX file", hint="h") == good.read_bytes()
    bomb = tmp_path / "bomb.docx"
    bomb.write_bytes(_package({"media/a.bin": b"\0" * (2 * limits.MIB)}))
    with pytest.raises(ReviewError, match=r"inflates \d+ times \(at most 100\)"):
        limits.read_package(bomb, ReviewError, "DOCX file", hint="h")


def test_the_limits_can_be_lowered_for_a_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "p.docx"
    path.write_bytes(_package({f"p{n}.xml": b"<p/>" for n in range(5)}))
    monkeypatch.setattr(limits, "MAX_PACKAGE_ENTRIES", 4)
    with pytest.raises(ReviewError, match="has 5 parts"):
        limits.read_package(path, ReviewError, "DOCX file", hint="h")
