"""A workspace whose article has inline Markdown in every form tx turns into XLIFF inline
codes (emphasis, strong, a link with inline code inside), glossary terms, and a Spanish work
file with segments in each state, flagged, noted and waived; and a way to edit an exported
XLIFF file as a translator's CAT tool would. Shared by the XLIFF tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lxml import etree

from translate import workspace
from translate.models import Flag, Glossary, State, Term, TranslatedSegment, Translation, Waiver
from translate.source.articles import read_article
from translate.source.segments import article_digest, segment_article
from translate.workspace import Workspace, workfiles

SLUG = "grid-talks"
ARTICLE = """\
---
title: Kyiv rejects the grid offer
date: 2025-10-22
---

Kyiv *rejects* the offer from **China (the CCP)** to rebuild the grid.

Read [the full `AFP` report](https://example.org/afp) before noon.

The minister said the request named 14 substations. She thanked the engineers.
"""
GLOSSARY = Glossary(
    "en",
    (
        Term("China (the CCP)", {"es": "China (el PCCh)"}, note="house style"),
        Term("Kyiv", {"es": "Kiev"}),
        Term("engineers", {"fr": "ingénieurs"}),  # no Spanish rendering: no glossary entry
    ),
)
FLAG = Flag("glossary", "'China (the CCP)' must be 'China (el PCCh)'")
# (target, origin, state, flags, notes) per segment, in article order.
SPANISH: tuple[tuple[str, str, State, tuple[Flag, ...], tuple[str, ...]], ...] = (
    ("Kiev rechaza la oferta de la red", "apertium:eng-spa", State.TRANSLATED, (), ()),
    (
        "Kiev *rechaza* la oferta de **China (el Partido)** para reconstruir la red.",
        "apertium:eng-spa",
        State.TRANSLATED,
        (FLAG,),
        (),
    ),
    (
        "Lea [el informe completo de `AFP`](https://example.org/afp) antes del mediodía.",
        "memory",
        State.TRANSLATED,
        (),
        (),
    ),
    (
        "La ministra dijo que la solicitud enumeraba 14 subestaciones.",
        "reviewer",
        State.REVIEWED,
        (),
        ("Ana: cifra comprobada",),
    ),
    ("Dio las gracias a los ingenieros.", "reviewer", State.FINAL, (), ()),
)
X2 = "{urn:oasis:names:tc:xliff:document:2.0}"
X12 = "{urn:oasis:names:tc:xliff:document:1.2}"


def build_workspace(root: Path) -> Workspace:
    """The workspace with the article and its Spanish work file at revision 2."""
    workspace.init(root)
    ws = workspace.load(root)
    path = ws.articles_dir / f"{SLUG}.md"
    path.write_text(ARTICLE, encoding="utf-8")
    segments = segment_article(read_article(path))
    assert len(segments) == len(SPANISH), [s.source for s in segments]
    items = []
    for seg, (target, origin, state, flags, notes) in zip(segments, SPANISH, strict=True):
        items.append(TranslatedSegment(seg, target, origin, state, flags, notes=notes))
    translation = Translation(SLUG, "en", "es", article_digest(segments), tuple(items), 2)
    workfiles.save(ws.work_file(SLUG, "es"), translation)
    return ws


def waived(ws: Workspace) -> None:
    """Waive the glossary flag of the second segment (saved as the next revision)."""
    from translate.models import text_hash

    path = ws.work_file(SLUG, "es")
    translation = workfiles.load(path)
    items = list(translation.segments)
    waiver = Waiver("glossary", "quoted as said", "2025-10-22", "ana", text_hash(items[1].target))
    items[1] = items[1].with_changes(waivers=(waiver,))
    workfiles.save(path, Translation(SLUG, "en", "es", translation.source_digest, tuple(items), 3))


class CatTool:
    """An exported XLIFF file opened as a CAT tool would: targets and states edited by
    unit id, then saved (in place, or under another name)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.tree: Any = etree.parse(str(path))
        self.root = self.tree.getroot()
        self.v2 = self.root.get("version", "").startswith("2")
        self.ns = X2 if self.v2 else X12

    def unit(self, unit_id: str) -> Any:
        name = "unit" if self.v2 else "trans-unit"
        return next(u for u in self.root.iter(f"{self.ns}{name}") if u.get("id") == unit_id)

    def units(self) -> list[Any]:
        name = "unit" if self.v2 else "trans-unit"
        return list(self.root.iter(f"{self.ns}{name}"))

    def _part(self, unit_id: str, name: str) -> Any:
        unit = self.unit(unit_id)
        holder = unit.find(f"{X2}segment") if self.v2 else unit
        part = holder.find(f"{self.ns}{name}")
        if part is None:
            part = etree.SubElement(holder, f"{self.ns}{name}")
            if not self.v2 and name == "target":
                holder.remove(part)
                holder.insert(1, part)
        return part

    def set_target(self, unit_id: str, inline_xml: str, state: str | None = None) -> None:
        """Replace a unit's target by inline XML (codes written in the file's own syntax)."""
        self._replace(self._part(unit_id, "target"), inline_xml)
        if state is not None:
            self.set_state(unit_id, state)

    def set_source(self, unit_id: str, inline_xml: str) -> None:
        self._replace(self._part(unit_id, "source"), inline_xml)

    def set_state(self, unit_id: str, state: str, *, approved: bool | None = None) -> None:
        unit = self.unit(unit_id)
        if self.v2:
            unit.find(f"{X2}segment").set("state", state)
        else:
            self._part(unit_id, "target").set("state", state)
            if approved is not None:
                unit.set("approved", "yes" if approved else "no")

    def add_note(self, unit_id: str, text: str) -> None:
        unit = self.unit(unit_id)
        if self.v2:
            notes = unit.find(f"{X2}notes")
            if notes is None:
                notes = etree.Element(f"{X2}notes")
                unit.insert(list(unit).index(unit.find(f"{X2}segment")), notes)
            etree.SubElement(notes, f"{X2}note").text = text
        else:
            etree.SubElement(unit, f"{X12}note", {"from": "Luis"}).text = text

    def _replace(self, element: Any, inline_xml: str) -> None:
        nsmap = f'xmlns="{self.ns[1:-1]}"'
        fresh = etree.fromstring(f"<t {nsmap}>{inline_xml}</t>")
        for child in list(element):
            element.remove(child)
        element.text = fresh.text
        for child in fresh:
            element.append(child)

    def save(self, path: Path | None = None) -> Path:
        out = path or self.path
        self.tree.write(str(out), xml_declaration=True, encoding="UTF-8")
        return out
