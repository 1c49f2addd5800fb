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


PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>{source}</source_lang>
    <target_lang>{target}</target_lang>
    <source_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.LuceneSpanishTokenizer</target_tok>
    <sentence_seg>true</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
"""


def new_project(folder: Path, source: str, target: str) -> Path:
    """An empty OmegaT project (omegat.project, source/, target/, tm/, omegat/, glossary/,
    dictionary/) translating ``source`` into ``target``."""
    for name in ("source", "target", "tm", "omegat", "glossary", "dictionary"):
        (folder / name).mkdir(parents=True, exist_ok=True)
    (folder / "omegat.project").write_text(
        PROJECT.format(source=source, target=target), encoding="utf-8"
    )
    return folder


def console_translate(project: Path, home: Path) -> str:
    """Run ``omegat PROJECT --mode=console-translate`` headless (its settings in ``home``);
    the output, after checking that it succeeded."""
    import os
    import subprocess

    if shutil.which("omegat") is None:
        pytest.skip("Debian's omegat package is not installed (make setup installs it)")
    home.mkdir(parents=True, exist_ok=True)
    # Java takes its home from the password database, not $HOME: user.home keeps OmegaT's
    # preferences (~/.omegat) in ``home``, so every run starts from OmegaT's defaults.
    options = f"-Djava.awt.headless=true -Duser.home={home}"
    env = {**os.environ, "HOME": str(home), "JAVA_TOOL_OPTIONS": options}
    env.pop("DISPLAY", None)
    done = subprocess.run(
        ["omegat", str(project), "--mode=console-translate"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    return output
