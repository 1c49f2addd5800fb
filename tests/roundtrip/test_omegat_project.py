"""`tx omegat export`: a ready OmegaT project in which every sentence tx holds is a 100% match,
formatted ones included, and whose target comes back with `tx xliff import`. Debian's OmegaT
(3.6) runs headless on the project tx wrote; the sample workspace's article (articles/ in the
repository root) is the article translated."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree
from support.cli import tx
from support.omegat import console_translate, schema

from translate import workspace
from translate.formats.omegat import shortcut_pair
from translate.formats.omegat_rules import segmentation_conf
from translate.models import State
from translate.source.articles import read_article
from translate.source.segments import segment_article, split_sentences
from translate.workspace import Workspace, workfiles

REPOSITORY = Path(__file__).parents[2]
SAMPLE = "ukraine-guarantees-talks"
X12 = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
# Reviewed in another article: sentences of the sample and formatted ones of a second article.
FORMATTED = (
    "The **White House** said the *draft* was ready. "
    "Read [the overview](https://example.org/o) and `PN-7` first."
)
BRIEFING = (
    "---\ntitle: Briefing notes\n---\n\n"
    f"Moscow has suggested that Beijing take part as a guarantor.\n\n{FORMATTED}\n"
)
REVIEWED = {
    "Moscow has suggested that Beijing take part as a guarantor.": (
        "Moscú ha propuesto que Pekín participe como garante."
    ),
    "The **White House** said the *draft* was ready.": (
        "La **Casa Blanca** dijo que el *borrador* estaba listo."
    ),
    "Read [the overview](https://example.org/o) and `PN-7` first.": (
        "Lea primero [el resumen](https://example.org/o) y `PN-7`."
    ),
}
NOTES = f"---\ntitle: Notes for the desk\n---\n\n{FORMATTED} Nothing else changed.\n"


def sample_workspace(root: Path) -> Workspace:
    """A copy of the repository's sample workspace (tx.toml, articles, glossaries)."""
    root.mkdir(parents=True)
    shutil.copy(REPOSITORY / "tx.toml", root / "tx.toml")
    shutil.copytree(REPOSITORY / "articles", root / "articles")
    shutil.copytree(REPOSITORY / "glossaries", root / "glossaries")
    return workspace.load(root)


def review(ws: Workspace, slug: str, targets: dict[str, str]) -> None:
    path = ws.work_file(slug, "es")
    translation = workfiles.load(path)
    items = tuple(
        item.with_changes(target=targets[item.segment.source], state=State.REVIEWED,
                          origin="reviewer")
        if item.segment.source in targets else item
        for item in translation.segments
    )  # fmt: skip
    workfiles.save(path, replace(translation, segments=items, revision=translation.revision + 1))


def units(path: Path) -> dict[str, tuple[str, str]]:
    """Each trans-unit's id: (source, target) as XML, inline codes included."""
    root = etree.parse(str(path)).getroot()

    def inner(element: etree._Element | None) -> str:
        if element is None:
            return ""
        text = etree.tostring(element, encoding="unicode", with_tail=False)
        return text.split(">", 1)[1].rsplit("</", 1)[0]

    return {
        str(unit.get("id")): (inner(unit.find("x:source", X12)), inner(unit.find("x:target", X12)))
        for unit in root.iterfind(".//x:trans-unit", X12)
    }


@pytest.mark.slow
@pytest.mark.apertium
def test_omegat_fills_every_segment_tx_holds_and_it_comes_back(tmp_path: Path) -> None:
    ws = sample_workspace(tmp_path / "ws")
    (ws.articles_dir / "briefing.md").write_text(BRIEFING, encoding="utf-8")
    (ws.articles_dir / "notes.md").write_text(NOTES, encoding="utf-8")
    for slug in (SAMPLE, "briefing", "notes"):
        assert tx(ws, "translate", slug, "--to", "es", "--engine", "apertium")[0] == 0
    review(ws, "briefing", REVIEWED)
    sample = workfiles.load(ws.work_file(SAMPLE, "es")).segments
    formatted = [item for item in sample if "](" in item.segment.source]
    assert len(sample) == 24 and len(formatted) == 1 and "](" in formatted[0].target
    review(ws, SAMPLE, {sample[1].segment.source: "Funcionarios de EE. UU. y Europa revisaron."})

    project = tmp_path / "project"
    code, output = tx(ws, "omegat", "export", SAMPLE, "notes", "--lang", "es", str(project),
                      "--fill-drafts")  # fmt: skip
    assert code == 0, output
    xsd = etree.XMLSchema(etree.parse(str(schema("project_properties.xsd", tmp_path))))
    assert xsd.validate(etree.parse(str(project / "omegat.project"))), xsd.error_log
    assert "4 memory pair(s) (tm/auto), 24 draft(s)" in output, output
    log = console_translate(project, tmp_path / "home")

    # every segment of the sample: the reviewed one kept, every other filled from tx's TMX
    before, after = (
        units(project / "source" / f"{SAMPLE}.xlf"),
        units(project / "target" / f"{SAMPLE}.xlf"),
    )
    assert len(after) == 24
    unfilled = [unit for unit, (source, target) in after.items() if target == source]
    assert unfilled == [], log
    link = after[formatted[0].id]
    assert '<g id="1" ctype="link">' in link[1] and link[1] != before[formatted[0].id][1]
    moscow = next(i for i in sample if i.segment.source.startswith("Moscow has suggested"))
    assert after[moscow.id][1] == REVIEWED[moscow.segment.source]  # memory over the draft
    # the formatted sentences reviewed elsewhere: 100% matches with their codes in place
    notes = units(project / "target" / "notes.xlf")
    assert [target for _, target in notes.values()][1:3] == [
        'La <g id="1" ctype="bold">Casa Blanca</g> dijo que el <g id="2" ctype="italic">'
        "borrador</g> estaba listo.",
        'Lea primero <g id="1" ctype="link">el resumen</g> y <x id="2" ctype="x-code" '
        'equiv-text="`PN-7`"/>.',
    ]

    code, output = tx(ws, "xliff", "import", str(project / "target" / f"{SAMPLE}.xlf"))
    assert code == 0, output
    items = {i.segment.source: i for i in workfiles.load(ws.work_file(SAMPLE, "es")).segments}
    assert items[moscow.segment.source].target == REVIEWED[moscow.segment.source]
    assert items[moscow.segment.source].origin == "translator"
    assert items[formatted[0].segment.source].target == formatted[0].target
    assert tx(ws, "xliff", "import", str(project / "target" / "notes.xlf"))[0] == 0
    notes_items = workfiles.load(ws.work_file("notes", "es")).segments
    assert [i.target for i in notes_items[1:3]] == list(REVIEWED.values())[1:]


@pytest.mark.slow
def test_omegat_segments_a_plain_text_copy_as_tx_does_with_txs_rules(tmp_path: Path) -> None:
    """Why OmegaT missed sentences the memory holds: its default English rules break after
    "U.S."; the rules tx writes (omegat/segmentation.conf) agree with tx's splitter."""
    from support.omegat import new_project

    article = read_article(REPOSITORY / "articles" / f"{SAMPLE}.md", default_lang="en")
    segments = segment_article(article)
    blocks: dict[int, list[str]] = {}
    for segment in segments:
        blocks.setdefault(segment.block, []).append(segment.source)
    expected = [segment.source for segment in segments]
    welcomed = "U.S. President Donald Trump welcomed the draft on Monday. Talks resume in May."
    expected += split_sentences(welcomed, "en")
    assert expected[-2].startswith("U.S. President Donald Trump welcomed")
    found = {}
    for name, rules in (("default", None), ("tx", segmentation_conf("en"))):
        project = new_project(tmp_path / name, "en", "es")
        (project / "source" / "article.txt").write_text(
            "\n\n".join(" ".join(sentences) for sentences in blocks.values()) + "\n", "utf-8"
        )
        (project / "source" / "wire.txt").write_text(welcomed + "\n", "utf-8")
        if rules is not None:
            (project / "omegat" / "segmentation.conf").write_text(rules, "utf-8")
        offered = tmp_path / f"{name}.tmx"
        _pseudo_translate(project, tmp_path / "home", offered)
        root = etree.parse(str(offered)).getroot()
        found[name] = ["".join(tu.find("tuv/seg").itertext()) for tu in root.iter("tu")]
    assert sorted(found["tx"]) == sorted(expected)
    assert "U.S." in found["default"]  # OmegaT's own rules: "U.S." | "President Donald Trump..."
    assert "President Donald Trump welcomed the draft on Monday." in found["default"]
    assert not any(s.startswith("U.S. President Donald Trump") for s in found["default"])


def _pseudo_translate(project: Path, home: Path, out: Path) -> None:
    import os
    import subprocess

    env = {**os.environ, "HOME": str(home), "JAVA_TOOL_OPTIONS": "-Djava.awt.headless=true"}
    done = subprocess.run(
        ["omegat", str(project), "--mode=console-createpseudotranslatetmx",
         f"--pseudotranslatetmx={out}", "--pseudotranslatetype=equal"],
        env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0 and out.is_file(), done.stdout[-2000:] + done.stderr[-2000:]


def test_the_project_holds_what_omegat_needs_and_never_replaces_a_translators(
    tmp_path: Path,
) -> None:
    ws = sample_workspace(tmp_path / "ws")
    (ws.articles_dir / "notes.md").write_text(NOTES, encoding="utf-8")
    translation_dir = ws.translations_dir / "es"
    translation_dir.mkdir(parents=True)
    code, output = tx(ws, "omegat", "export", "notes", "--lang", "es", str(tmp_path / "p"))
    assert code == 1 and "notes" in output  # no work file yet: one line, nothing written
    assert not (tmp_path / "p" / "omegat.project").exists()
    project = tmp_path / "p2"
    (project / "target").mkdir(parents=True)
    (project / "target" / "notes.xlf").write_text("a translator's work", "utf-8")
    code, output = tx(ws, "omegat", "export", "notes", "--lang", "es", str(project))
    assert code == 1 and "not empty" in output
    assert (project / "target" / "notes.xlf").read_text("utf-8") == "a translator's work"


def test_sentences_become_omegat_tag_shortcuts_numbered_as_omegat_numbers_txs_codes() -> None:
    assert shortcut_pair(
        "The **White House** said [it](https://x.org) uses `AFP` now.",
        "`AFP` dice la **Casa Blanca** en [esto](https://x.org).",
    ) == (
        "The <g0>White House</g0> said <g1>it</g1> uses <x2/> now.",
        "<x2/> dice la <g0>Casa Blanca</g0> en <g1>esto</g1>.",
    )
    # a code the source lacks cannot be placed by OmegaT: left out
    assert shortcut_pair("Plain.", "Plano **fuerte**.") is None
    conf = segmentation_conf("en-US")
    assert "<string>EN.*</string>" in conf
    assert "<string>(?i:(?&lt;![\\p{L}\\.])u\\.s\\.)</string>" in conf  # U.S., any case
