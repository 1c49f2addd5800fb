"""A reviewer at work in Word: ``Reviewer`` edits an exported review document the way Word
does (retyped cells, tracked changes, comments, status words, deleted, copied and moved
rows), and ``review_round`` makes the edits of the review issue's acceptance test."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import docx
from docx.oxml import OxmlElement

from support.review_sample import SLUG, SPANISH, TODAY, W
from translate.models import Flag, State
from translate.roundtrip.review.export import export_review
from translate.roundtrip.review.importer import ImportReport
from translate.workspace import Workspace, workfiles

ROW_DELETED = "no row for this segment (row deleted?); segment left unchanged"
RETYPED_TITLE = "Kiev rechaza la ayuda de Pekín para reconstruir su red eléctrica"
COMMENT = "¿Escribimos «Járkov» o «Jarkiv»?"


def paragraphs(cell: Any) -> list[Any]:
    """The paragraphs of a cell, those inside content controls (the locked source) too."""
    from docx.text.paragraph import Paragraph

    return [Paragraph(p, cell) for p in cell._tc.iter(f"{W}p")]


def cell_text(cell: Any) -> str:
    """A cell's text, paragraphs inside content controls included."""
    return "\n".join(p.text for p in paragraphs(cell))


def unlock(cell: Any) -> None:
    """Take a cell's paragraphs out of the content control that locks them in Word (as
    LibreOffice, which does not enforce the lock, lets a reviewer type there)."""
    for control in list(cell._tc.iterchildren(f"{W}sdt")):
        content = control.find(f"{W}sdtContent")
        for child in list(content):
            control.addprevious(child)
        control.getparent().remove(control)


class Reviewer:
    """Edits a review document like a person in Word."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.document = docx.Document(str(path))
        self.table = self.document.tables[1]

    def row(self, segment_id: str) -> Any:
        for row in self.table.rows[1:]:
            if row.cells[0].text.split("\n")[0] == segment_id:
                return row
        raise KeyError(segment_id)

    def retype(self, segment_id: str, text: str, column: int = 2) -> None:
        """Select the cell's text and type over it (comment anchors stay)."""
        unlock(self.row(segment_id).cells[column])
        paragraph = self.row(segment_id).cells[column].paragraphs[0]
        for run in list(paragraph._p.iter(f"{W}r")):
            if run.find(f"{W}t") is not None:
                run.getparent().remove(run)
        paragraph.add_run(text)

    def track(self, segment_id: str, before: str, deleted: str, inserted: str, after: str) -> None:
        """Rewrite the translation as Word does with Track Changes on."""
        paragraph = self.row(segment_id).cells[2].paragraphs[0]
        for run in list(paragraph.runs):
            run._r.getparent().remove(run._r)
        paragraph.add_run(before)
        attrs = {f"{W}author": "Reviewer", f"{W}date": "2025-10-23T10:00:00Z"}
        deletion = OxmlElement("w:del", attrs={f"{W}id": "901", **attrs})
        removed = OxmlElement("w:r")
        removed.append(OxmlElement("w:delText"))
        removed[0].text = deleted
        deletion.append(removed)
        insertion = OxmlElement("w:ins", attrs={f"{W}id": "902", **attrs})
        added = OxmlElement("w:r")
        added.append(OxmlElement("w:t"))
        added[0].text = inserted
        insertion.append(added)
        paragraph._p.append(deletion)
        paragraph._p.append(insertion)
        paragraph.add_run(after)

    def comment(self, segment_id: str, text: str, column: int = 2) -> None:
        unlock(self.row(segment_id).cells[column])
        runs = [r for r in self.row(segment_id).cells[column].paragraphs[0].runs if r.text]
        self.document.add_comment(runs, text=text, author="Reviewer", initials="R")

    def delete(self, segment_id: str) -> None:
        tr = self.row(segment_id)._tr
        tr.getparent().remove(tr)

    def duplicate(self, segment_id: str) -> None:
        tr = self.row(segment_id)._tr
        tr.addnext(copy.deepcopy(tr))

    def move_to_end(self, segment_id: str) -> None:
        tr = self.row(segment_id)._tr
        table = tr.getparent()
        table.remove(tr)
        table.append(tr)

    def save(self, path: Path | None = None) -> Path:
        target = path or self.path
        self.document.save(str(target))
        return target


def ids(ws: Workspace) -> list[str]:
    return [item.id for item in workfiles.load(ws.work_file(SLUG, "es")).segments]


def review_round(ws: Workspace) -> Reviewer:
    """The done-when edits: retyped cell, tracked change, comment, approval, deleted row,
    a glossary fix and a needs-work mark."""
    s = ids(ws)
    reviewer = Reviewer(export_review(ws, SLUG, "es", today=TODAY))
    reviewer.retype(s[0], RETYPED_TITLE)
    reviewer.comment(s[1], COMMENT)
    reviewer.retype(s[2], "Aprobado", column=3)
    reviewer.track(
        s[3],
        "Kiev dijo también que no aceptará equipos de Pekín, que se había ofrecido a ",
        "ayudar a reparar",
        "colaborar en la reparación de",
        " la red.",
    )
    reviewer.delete(s[4])
    reviewer.retype(s[5], SPANISH[5][0].replace("el Partido Comunista", "el PCCh"))
    reviewer.retype(s[7], "REVISAR", column=3)
    reviewer.save()
    return reviewer


def check_round_result(ws: Workspace, report: ImportReport, docx_name: str) -> None:
    """Every segment's exact state after ``review_round`` was imported."""
    s = ids(ws)
    after = workfiles.load(ws.work_file(SLUG, "es"))
    assert after.revision == 4
    got = [(i.target, i.origin, i.state, i.flags, i.notes) for i in after.segments]
    needs_work = Flag("needs-work", "reviewer: needs work")
    assert got == [
        (RETYPED_TITLE, "reviewer", State.REVIEWED, (), ()),
        (*SPANISH[1][:4], (f"Reviewer: {COMMENT}",)),
        (SPANISH[2][0], "apertium:eng-spa", State.FINAL, (), ()),
        (
            "Kiev dijo también que no aceptará equipos de Pekín, que se había ofrecido a "
            "colaborar en la reparación de la red.",
            "reviewer",
            State.REVIEWED,
            (),
            (),
        ),
        SPANISH[4],
        (
            "La viceministra de Energía Halyna Shevchuk dijo a los periodistas: «En primer lugar, "
            "China (el PCCh) vende a Rusia las piezas que acaban en los drones que atacan "
            "nuestras subestaciones.",
            "reviewer",
            State.REVIEWED,
            (),
            (),
        ),
        SPANISH[6],
        (SPANISH[7][0], "apertium:eng-spa", State.TRANSLATED, (needs_work,), ()),
    ]
    assert report.changed == (s[0], s[3], s[5])
    assert report.approved == (s[2],)
    assert report.needs_work == (s[7],)
    assert report.flagged == ((s[7], (needs_work,)),)
    assert report.noted == (s[1],)
    assert [(k.segment_id, k.reason) for k in report.skipped] == [
        (s[4], f"{docx_name}: {ROW_DELETED}")
    ]
    assert report.saved and report.revision == 4
