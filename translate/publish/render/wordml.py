"""WordprocessingML that python-docx has no API for: language marks and children of ``w:rPr``,
``w:pPr`` and ``w:tblPr`` created in their schema order (Word refuses a document whose
property children are out of order)."""

from __future__ import annotations

from typing import Any

from translate.languages import base, is_east_asian, is_rtl, region_tag

# Children of w:rPr and w:pPr in their schema order (new children go in their place).
_RPR = (
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
    "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u "
    "effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"
)
_PPR = (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers "
    "pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE "
    "autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents "
    "suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle "
    "rPr sectPr pPrChange"
)
RPR_ORDER, PPR_ORDER = tuple(_RPR.split()), tuple(_PPR.split())
_TBLPR = (
    "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc "
    "tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook"
)
TBLPR_ORDER = tuple(_TBLPR.split())


def set_language(document: Any, lang: str) -> None:
    """``w:lang`` in the document defaults and in every paragraph and character style."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml.ns import qn

    styles = document.styles
    root = styles.element
    defaults = root.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = new_element("w:docDefaults")
        root.insert(0, defaults)
    rpr_default = child(defaults, "w:rPrDefault", ("rPrDefault", "pPrDefault"), "w:")
    mark_language(child(rpr_default, "w:rPr", ("rPr",), "w:"), lang)
    if is_rtl(lang):
        ppr_default = child(defaults, "w:pPrDefault", ("rPrDefault", "pPrDefault"), "w:")
        set_child(child(ppr_default, "w:pPr", ("pPr",), "w:"), "bidi", PPR_ORDER)
    for style in styles:
        if style.type in (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER):
            rpr = style.element.get_or_add_rPr()
            mark_language(rpr, lang)
            if plain_styling(lang):
                for name in ("spacing", "i", "iCs", "caps", "smallCaps"):
                    for element in rpr.findall(w(name)):
                        rpr.remove(element)


def plain_styling(lang: str) -> bool:
    """Whether ``lang``'s script joins its letters or sets no spaces between words (Arabic,
    Hebrew, Persian, Urdu, Chinese, Japanese, Korean, Thai...): no letter spacing, italics or
    capitals, which only Latin-like scripts have, in its documents."""
    from translate.source.segments import NO_SPACE_LANGS

    return is_rtl(lang) or is_east_asian(lang) or base(lang) in NO_SPACE_LANGS


def mark_language(rpr: Any, lang: str) -> None:
    tag = region_tag(lang)
    element = set_child(rpr, "lang", RPR_ORDER)
    for name in ("eastAsia", "bidi"):
        element.attrib.pop(w(name), None)
    element.set(w("val"), tag)
    if is_east_asian(lang):
        element.set(w("eastAsia"), tag)
    if is_rtl(lang):
        element.set(w("bidi"), tag)


def w(name: str) -> str:
    from docx.oxml.ns import qn

    return str(qn(f"w:{name}"))


def new_element(tag: str) -> Any:
    from docx.oxml import OxmlElement

    return OxmlElement(tag)


def set_child(parent: Any, name: str, order: tuple[str, ...]) -> Any:
    """The child ``w:<name>`` of ``parent``, created in its schema position if missing."""
    return child(parent, f"w:{name}", order, "w:")


def child(parent: Any, tag: str, order: tuple[str, ...], prefix: str) -> Any:
    existing = parent.find(w(tag.removeprefix(prefix)))
    if existing is not None:
        return existing
    element = new_element(tag)
    later = order[order.index(tag.removeprefix(prefix)) + 1 :]
    later_tags = {w(name) for name in later}
    for child in parent:
        if child.tag in later_tags:
            child.addprevious(element)
            return element
    parent.append(element)
    return element


def w_tag(prefix: str, name: str) -> str:
    from docx.oxml.ns import qn

    return str(qn(f"{prefix}:{name}"))
