"""The test suite's own wire story (``tests/data/wire-story.txt``) and where it lives.

Tests and benchmarks read only files inside the repository; see ``tests/data/README.md``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"
WIRE_STORY = DATA / "wire-story.txt"
TRAINING_TEXT = DATA / "training.txt"


def add_wire_story(root: Path, name: str = "story.txt") -> Path:
    """Copy the wire story into the workspace at ``root`` as ``articles/<name>``."""
    target = root / "articles" / name
    shutil.copyfile(WIRE_STORY, target)
    return target
