"""A real CAT tool in the loop: Debian's OmegaT (3.6) translates tx's XLIFF 1.2 headless.

OmegaT 3.6's own XLIFF filter is of the "source=target" kind: it translates the text of each
``<target>`` in place and leaves ``<source>`` alone, and a unit without a target is not shown
to the translator at all. tx's ordinary export (targets hold tx's translations) is therefore
read by OmegaT as Spanish to translate; ``tx xliff export --copy-source`` writes what this
filter expects (the source copied into the targets still to translate, reviewed and final
units ``translate="no"``). The test gives OmegaT a project memory (omegat/project_save.tmx)
whose segments carry OmegaT's tag shortcuts (``<g0>``, ``<x1/>``) for tx's inline codes, lets
``omegat PROJECT --mode=console-translate`` fill the targets, and imports the result.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from lxml import etree
from support.xliff_sample import GLOSSARY, SLUG, SPANISH, build_workspace

from translate.models import State
from translate.roundtrip.xliff_export import export_xliff
from translate.roundtrip.xliff_import import import_xliff
from translate.workspace import workfiles

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("omegat") is None, reason="needs Debian's omegat"),
]

PROJECT = """\
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
  <project version="1.0">
    <source_dir>source</source_dir>
    <source_dir_excludes/>
    <target_dir>target</target_dir>
    <tm_dir>tm</tm_dir>
    <glossary_dir>glossary</glossary_dir>
    <glossary_file>glossary/glossary.txt</glossary_file>
    <dictionary_dir>dictionary</dictionary_dir>
    <source_lang>EN</source_lang>
    <target_lang>ES</target_lang>
    <source_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.LuceneSpanishTokenizer</target_tok>
    <sentence_seg>false</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
"""
# What the translator's memory holds, as OmegaT shows tx's inline codes: <g0>...</g0> for the
# first paired code, <x1/> for the standalone code after it.
MEMORY = (
    (
        "Kyiv <g0>rejects</g0> the offer from <g1>China (the CCP)</g1> to rebuild the grid.",
        "Kiev <g0>rechaza</g0> la oferta de <g1>China (el PCCh)</g1> para reconstruir la red.",
    ),
    (
        "Read <g0>the full <x1/> report</g0> before noon.",
        "Antes del mediodía, lea <g0>el informe <x1/> completo</g0>.",
    ),
    # memory for the reviewed segment's Spanish: OmegaT must leave translate="no" units alone
    (SPANISH[3][0], "NO DEBE USARSE"),
)


def _memory() -> str:
    units = "".join(
        f'<tu><tuv lang="EN"><seg>{escape(source)}</seg></tuv>'
        f'<tuv lang="ES"><seg>{escape(target)}</seg></tuv></tu>\n'
        for source, target in MEMORY
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="tx" '
        'creationtoolversion="1" segtype="sentence" o-tmf="tx" adminlang="en" srclang="EN" '
        f'datatype="plaintext"/><body>\n{units}</body></tmx>\n'
    )


def _omegat(project: Path, home: Path, *args: str) -> None:
    env = {**os.environ, "HOME": str(home), "JAVA_TOOL_OPTIONS": "-Djava.awt.headless=true"}
    result = subprocess.run(
        ["omegat", str(project), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]


def test_tx_xliff_goes_through_omegat_and_back(tmp_path: Path) -> None:
    ws = build_workspace(tmp_path / "ws")
    exported = export_xliff(ws, SLUG, "es", version="1.2", glossary=GLOSSARY, copy_source=True)
    project = tmp_path / "omegat-project"
    for folder in ("source", "target", "tm", "omegat", "glossary", "dictionary"):
        (project / folder).mkdir(parents=True)
    (project / "omegat.project").write_text(PROJECT, encoding="utf-8")
    (project / "omegat" / "project_save.tmx").write_text(_memory(), encoding="utf-8")
    shutil.copyfile(exported, project / "source" / exported.name)
    home = tmp_path / "home"
    home.mkdir()

    _omegat(project, home, "--mode=console-translate")

    translated = project / "target" / exported.name
    assert translated.is_file()
    before = workfiles.load(ws.work_file(SLUG, "es")).segments
    report = import_xliff(ws, translated, glossary=GLOSSARY)
    after = workfiles.load(ws.work_file(SLUG, "es")).segments
    assert [item.id for item in after] == [item.id for item in before]
    assert [item.target for item in after] == [
        SPANISH[0][0],  # no memory for the title: OmegaT left the source copy, tx kept its own
        "Kiev *rechaza* la oferta de **China (el PCCh)** para reconstruir la red.",
        "Antes del mediodía, lea [el informe `AFP` completo](https://example.org/afp).",
        SPANISH[3][0],
        SPANISH[4][0],
    ]
    assert [(item.state, item.origin) for item in after[1:3]] == [
        (State.TRANSLATED, "translator")
    ] * 2
    assert after[1].flags == () and after[3:] == before[3:]
    assert report.changed == (after[1].id, after[2].id)
    assert dict(report.not_carried) == {"targets left as the source copy (not translated)": 1}


def test_omegat_reads_the_targets_of_an_ordinary_export_as_text_to_translate(
    tmp_path: Path,
) -> None:
    """Why --copy-source exists: OmegaT 3.6 offers the text of each <target> for translation
    (here tx's Spanish drafts), not the English <source>."""
    ws = build_workspace(tmp_path / "ws")
    exported = export_xliff(ws, SLUG, "es", version="1.2", glossary=GLOSSARY)
    project = tmp_path / "omegat-project"
    for folder in ("source", "target", "tm", "omegat", "glossary", "dictionary"):
        (project / folder).mkdir(parents=True)
    (project / "omegat.project").write_text(PROJECT, encoding="utf-8")
    shutil.copyfile(exported, project / "source" / exported.name)
    home = tmp_path / "home"
    home.mkdir()
    offered = tmp_path / "offered.tmx"
    _omegat(
        project,
        home,
        "--mode=console-createpseudotranslatetmx",
        f"--pseudotranslatetmx={offered}",
        "--pseudotranslatetype=equal",
    )
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.parse(str(offered), parser).getroot()
    segments = {"".join(tu.find("tuv/seg").itertext()) for tu in root.iter("tu")}
    assert SPANISH[0][0] in segments and SPANISH[4][0] in segments
    assert not any(text.startswith("Kyiv") for text in segments)
