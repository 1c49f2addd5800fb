"""The DOCX template copied per edition and saved with its shared parts compressed once."""

from __future__ import annotations

import io
import zipfile

import docx

from translate.formats import docx_package


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        return {name: archive.read(name) for name in archive.namelist()}


def test_template_saves_what_python_docx_saves() -> None:
    template = docx_package.DocumentTemplate(docx.Document())
    document = template.copy()
    paragraph = document.add_paragraph("Hello")
    paragraph.add_run(" world")
    document.add_comment(paragraph.runs, text="a note", author="tx")
    ours = template.save(document)
    theirs = io.BytesIO()
    document.save(theirs)
    assert list(members(ours)) == list(members(theirs.getvalue()))
    assert members(ours) == members(theirs.getvalue())
    assert [p.text for p in docx.Document(io.BytesIO(ours)).paragraphs] == ["Hello world"]


def test_style_ids_are_looked_up_by_name() -> None:
    template = docx_package.DocumentTemplate(docx.Document())
    assert template.style_id("Heading 1") == "Heading1"
    assert template.style_id("Normal") is None  # the default style needs no pStyle
