"""The Word XML a review document needs beyond what python-docx writes: a run's and a
paragraph's language and direction, cell and run shading, column widths Word and
LibreOffice both honour, rows kept on one page and header rows repeated."""

from __future__ import annotations

from typing import Any

from translate.roundtrip.review.format import w

_BIDI_SUCCESSORS = (
    "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
    "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
    "w:pPrChange",
)  # fmt: skip
_RTL_SUCCESSORS = ("w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")
_LANG_SUCCESSORS = ("w:eastAsianLayout", "w:specVanish", "w:oMath")
_TC_SHD_SUCCESSORS = (
    "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark",
    "w:headers", "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange",
)  # fmt: skip
# Segment, source, translation, status, notes on a landscape A4 page (29.7 cm, margins of
# 1.5 cm): the translation gets 10.6 cm, 36% of the page width; the segment column is wide
# enough for what a segment is ("Celda de tabla, columna: Party") on two or three lines.
COLUMN_WIDTHS_CM = (3.3, 7.4, 10.6, 2.3, 3.1)


def set_language(paragraph: Any, runs: list[Any], tag: str, *, rtl: bool) -> None:
    """Mark runs, and the paragraph mark so new typing inherits it, as written in ``tag``."""
    from docx.oxml import OxmlElement

    p_pr = paragraph._p.get_or_add_pPr()
    mark_props = p_pr.find(w("rPr"))
    if mark_props is None:
        mark_props = OxmlElement("w:rPr")
        p_pr.insert_element_before(mark_props, "w:sectPr", "w:pPrChange")
    if rtl:
        p_pr.insert_element_before(OxmlElement("w:bidi"), *_BIDI_SUCCESSORS)
    if rtl:  # Word shows bold and italic in right-to-left text from their complex-script twins
        for run in runs:
            if run.bold:
                run._r.get_or_add_rPr().get_or_add_bCs()
            if run.italic:
                run._r.get_or_add_rPr().get_or_add_iCs()
    for props in (*(run._r.get_or_add_rPr() for run in runs), mark_props):
        if rtl:
            props.insert_element_before(OxmlElement("w:rtl"), *_RTL_SUCCESSORS)
        attrs = {w("val"): tag}
        if rtl:
            attrs[w("bidi")] = tag
        props.insert_element_before(OxmlElement("w:lang", attrs=attrs), *_LANG_SUCCESSORS)


def shade(props: Any, fill: str) -> None:
    """Give a cell (``w:tcPr``) or run (``w:rPr``) a solid background colour."""
    from docx.oxml import OxmlElement

    shading = OxmlElement("w:shd", attrs={w("val"): "clear", w("color"): "auto", w("fill"): fill})
    if props.tag == w("tcPr"):
        props.insert_element_before(shading, *_TC_SHD_SUCCESSORS)
    else:
        props.insert_element_before(shading, "w:fitText", "w:vertAlign", "w:rtl", *_RTL_SUCCESSORS)


def fix_widths(table: Any) -> None:
    """Column widths Word and LibreOffice both honour: the grid (LibreOffice reads it, and
    python-docx writes equal columns there), a fixed layout and the table's total width."""
    from docx.oxml import OxmlElement
    from docx.shared import Cm

    twips = [int(Cm(width).twips) for width in COLUMN_WIDTHS_CM]
    for column, width in zip(table._tbl.tblGrid.iterchildren(w("gridCol")), twips, strict=True):
        column.set(w("w"), str(width))
    props = table._tbl.tblPr
    total = props.find(w("tblW"))
    if total is None:
        total = OxmlElement("w:tblW")
        props.insert_element_before(total, "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders")
    total.set(w("type"), "dxa")
    total.set(w("w"), str(sum(twips)))


def keep_together(row: Any) -> None:
    """Keep a row on one page (a segment split over two pages is hard to review)."""
    from docx.oxml import OxmlElement

    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def repeat_header(row: Any) -> None:
    from docx.oxml import OxmlElement

    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def hide(paragraph: Any) -> None:
    """Make a paragraph hidden text, its runs and its mark (so it takes no line): Word and
    LibreOffice keep it on a re-save and show it only when asked to show hidden text."""
    from docx.oxml import OxmlElement

    for run in paragraph.runs:
        run.font.hidden = True
    p_pr = paragraph._p.get_or_add_pPr()
    mark_props = p_pr.find(w("rPr"))
    if mark_props is None:
        mark_props = OxmlElement("w:rPr")
        p_pr.insert_element_before(mark_props, "w:sectPr", "w:pPrChange")
    mark_props.insert_element_before(
        OxmlElement("w:vanish"), "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern",
        "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd",
        "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout",
        "w:specVanish", "w:oMath",
    )  # fmt: skip
