"""Standard output that cannot take tx's output (``tx --version > /dev/full``): one line on
standard error and status 1, never a traceback, buffered or not."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from translate.workspace import init

TX = str(Path(sys.executable).with_name("tx"))
pytestmark = pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")


@pytest.mark.parametrize("unbuffered", ["1", ""], ids=["unbuffered", "buffered"])
@pytest.mark.parametrize("args", [("--version",), ("--help",), ("status",)])
def test_a_full_disk_under_standard_output_is_one_line(
    tmp_path: Path, args: tuple[str, ...], unbuffered: str
) -> None:
    init(tmp_path / "ws")
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [TX, *args],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            cwd=tmp_path / "ws",
            env={**os.environ, "PYTHONUNBUFFERED": unbuffered, "TX_KEEP_WARM": "0"},
            timeout=60,
        )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("error: ")
    assert "No space left on device" in done.stderr
