"""DOCX editions: the article as a Word document in the edition's language.

Blocks get Word's built-in styles (Title, Subtitle for the summary, Caption, Normal, Quote,
List Bullet / List Number, Heading N); inline Markdown becomes bold and italic runs and real
hyperlinks. The document defaults and every style carry ``w:lang`` in the edition's language
(``w:eastAsia`` for Chinese, Japanese and Korean, ``w:bidi`` for right-to-left languages) so
Word spell-checks in that language; right-to-left editions get ``w:bidi`` paragraphs and
``w:rtl`` runs, which python-docx has no API for (``wordml`` writes that XML). A draft edition
starts with a banner and highlights unconfirmed sentences with a comment holding their flags.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any

from translate.errors import ExportError
from translate.formats.docx_package import Appender, DocumentTemplate
from translate.languages import is_rtl, region_tag
from translate.models import Article, BlockKind
from translate.publish.edition import DraftSentence, Edition
from translate.publish.render.language import (
    byline,
    correction_text,
    format_date,
    label,
    parse_date,
)
from translate.publish.render.wordml import (
    PPR_ORDER,
    RPR_ORDER,
    TBLPR_ORDER,
    new_element,
    plain_styling,
    set_child,
    set_language,
    w_tag,
)
from translate.source.inline import parse_inline, plain_text
from translate.source.segments import join_sentences

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_BREAKS = re.compile("[\t\r\n]")
LINK_COLOR = "0563C1"
AUTHOR = "tx"


def render(item: Edition) -> bytes:
    """The DOCX file of an edition."""
    template = _template(item.article.lang)
    document = template.copy()
    _Writer(document, item, template).write()
    return template.save(document)


@functools.lru_cache(maxsize=16)
def _template(lang: str) -> DocumentTemplate:
    """python-docx's default document with every style set to ``lang``, made once per process."""
    import docx

    document = docx.Document()
    set_language(document, lang)
    return DocumentTemplate(document)


class _Writer:
    """Builds one document; keeps the language facts every paragraph needs."""

    def __init__(self, document: Any, item: Edition, template: DocumentTemplate) -> None:
        self.document = document
        self.item = item
        self.template = template
        self.lang = item.article.lang
        self.tag = region_tag(self.lang)
        self.rtl = is_rtl(self.lang)
        self.plain = plain_styling(self.lang)
        self.append = Appender(document)
        labels = [b.label for b in item.article.blocks if b.kind is BlockKind.FOOTNOTE]
        self.notes = {label: n for n, label in enumerate(dict.fromkeys(labels), start=1)}

    def write(self) -> None:
        article = self.item.article
        self._set_properties()
        if self.item.draft is not None:
            banner = self._paragraph("Normal")
            run = self._run(banner, label("draft", self.lang), bold=True)
            run.font.highlight_color = _yellow()
        for index, block in enumerate(article.blocks):
            if block.kind is BlockKind.TITLE:
                self._block(index, "Title")
        for index, block in enumerate(article.blocks):
            if block.kind is BlockKind.SUMMARY and block.text:
                self._block(index, "Subtitle")
        self._byline()
        self._correction()
        lead = next(
            (
                index
                for index, block in enumerate(article.blocks)
                if block.kind is BlockKind.IMAGE and block.src == article.meta.get("image")
            ),
            None,
        )
        if lead is not None:
            self._image(lead)
        for index, block in enumerate(article.blocks):
            if block.kind is BlockKind.CAPTION and block.text:
                paragraph = self._block(index, "Caption")
                if article.meta.get("image_credit"):
                    credit = label("photo", self.lang, credit=article.meta["image_credit"])
                    self._run(paragraph, f" ({credit})")
        table: list[int] = []
        for index, block in enumerate(article.blocks):
            if table and (block.cell is None or block.cell.table != _cell(article, table[0])):
                self._table(table)
                table = []
            if block.kind is BlockKind.TABLE_CELL and block.cell is not None:
                table.append(index)
                continue
            if block.kind is BlockKind.IMAGE and index != lead:
                self._image(index)
                continue
            if block.kind is BlockKind.CODE:
                paragraph = self._paragraph("Normal")
                self._run(paragraph, block.text, code=True)
                continue
            if not block.text.strip() or block.kind in (
                BlockKind.TITLE,
                BlockKind.SUMMARY,
                BlockKind.CORRECTION,
                BlockKind.CAPTION,
                BlockKind.IMAGE,
                BlockKind.FOOTNOTE,
                BlockKind.HTML,  # web-only markup (an embed) has no place in a document
            ):
                continue
            if block.kind is BlockKind.HEADING:
                self._block(index, f"Heading {max(1, min(9, block.level or 2))}")
            elif block.kind is BlockKind.QUOTE:
                self._block(index, "Quote")
            elif block.kind is BlockKind.LIST_ITEM:
                self._block(index, "List Number" if block.ordered else "List Bullet")
            elif block.kind is BlockKind.CREDIT:
                self._block(index, "Normal", italic=True)
            else:
                self._block(index, "Normal")
        if table:
            self._table(table)
        self._notes()

    # ------------------------------------------------------------ images, tables, notes

    def _image(self, index: int) -> None:
        """The image of block ``index`` (the edition's copy), at most the text's width, with
        its translated alt text as the picture's description."""
        from docx.image.exceptions import UnrecognizedImageError
        from docx.shared import Inches

        block = self.item.article.blocks[index]
        path = self.item.files.get(block.src)
        if path is None:
            return
        paragraph = self._paragraph("Normal")
        run = paragraph.add_run()
        try:
            picture = run.add_picture(str(path))
        except (UnrecognizedImageError, OSError, ValueError, ZeroDivisionError) as error:
            raise ExportError(
                f"image {block.src!r} cannot be read ({error or type(error).__name__})",
                path=self.item.source.path,
                hint="save the image as PNG or JPEG",
            ) from None
        widest = Inches(6)
        if picture.width > widest:
            picture.height = int(picture.height * widest / picture.width)
            picture.width = widest
        described = _xml_safe(plain_text(block.text))
        for element in run._r.iter(w_tag("wp", "docPr")):
            element.set("descr", described)

    def _table(self, cells: list[int]) -> None:
        """A table of the cell blocks ``cells``; header cells bold, the header row repeated
        on each page; right-to-left editions get a right-to-left table."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        blocks = self.item.article.blocks
        rows: dict[int, list[int]] = {}
        for index in cells:
            cell = blocks[index].cell
            assert cell is not None
            rows.setdefault(cell.row, []).append(index)
        width = max(len(row) for row in rows.values())
        table = self.document.add_table(rows=len(rows), cols=width)
        table.style = self.document.styles["Table Grid"]
        if self.rtl:
            set_child(table._tbl.tblPr, "bidiVisual", TBLPR_ORDER)
        aligns = {
            "left": WD_ALIGN_PARAGRAPH.LEFT,
            "right": WD_ALIGN_PARAGRAPH.RIGHT,
            "center": WD_ALIGN_PARAGRAPH.CENTER,
        }
        for row_number, row_key in enumerate(sorted(rows)):
            row = table.rows[row_number]
            header = False
            for column, index in enumerate(rows[row_key]):
                cell = blocks[index].cell
                assert cell is not None
                header = header or cell.header
                paragraph = row.cells[column].paragraphs[0]
                if self.rtl:
                    set_child(paragraph._p.get_or_add_pPr(), "bidi", PPR_ORDER)
                if cell.align in aligns:
                    paragraph.alignment = aligns[cell.align]
                self._cell_text(paragraph, index, bold=cell.header)
            if header:
                set_child(row._tr.get_or_add_trPr(), "tblHeader", ("tblHeader",))
        self._paragraph("Normal")  # space after the table

    def _cell_text(self, paragraph: Any, index: int, *, bold: bool) -> None:
        text = self.item.article.blocks[index].text
        if self.item.draft is not None:
            sentences = self.item.draft[index]
            for number, sentence in enumerate(sentences):
                if number:
                    self._run(paragraph, " ")
                self._draft_sentence(paragraph, sentence, italic=False)
            return
        for run in self._inline(paragraph, text):
            if bold:
                run.bold = True

    def _notes(self) -> None:
        """The footnotes under a heading, numbered as their references are."""
        notes = [
            (i, b) for i, b in enumerate(self.item.article.blocks) if b.kind is BlockKind.FOOTNOTE
        ]
        if not notes:
            return
        self._run(self._paragraph("Heading 2"), label("notes", self.lang))
        seen: set[str] = set()
        for _, block in notes:
            if block.label in seen:
                continue
            seen.add(block.label)
            paragraph = self._paragraph("Normal")
            number = self.notes.get(block.label, 0)
            self._run(paragraph, f"{number or block.label}. ")
            self._inline(paragraph, block.text)

    # ------------------------------------------------------------ document-wide settings

    def _set_properties(self) -> None:
        article = self.item.article
        props = self.document.core_properties
        props.title = _xml_safe(plain_text(article.title))
        props.language = self.tag
        props.author = _xml_safe(article.meta.get("author", ""))
        props.subject = _xml_safe(plain_text(article.meta.get("summary", "")))
        props.comments = ""
        props.keywords = ""
        props.category = "draft" if self.item.draft is not None else ""
        props.last_modified_by = AUTHOR
        props.revision = 1
        date = parse_date(article.meta.get("date", ""))
        when = (
            dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC)
            if date is not None
            else dt.datetime.now(dt.UTC).replace(microsecond=0)
        )
        props.created = when
        props.modified = when

    # ------------------------------------------------------------ paragraphs and runs

    def _byline(self) -> None:
        meta = self.item.article.meta
        parts = []
        if meta.get("author"):
            parts.append(byline(meta["author"], self.item.source.lang, self.lang))
        if meta.get("date"):
            parts.append(format_date(meta["date"], self.lang))
        if parts:
            paragraph = self._paragraph("Normal")
            self._run(paragraph, " · ".join(parts), italic=True)

    def _correction(self) -> None:
        """A corrected edition's dated notice under the byline, worded as its page words it."""
        if not self.item.corrected or self.item.draft is not None:
            return
        paragraph = self._paragraph("Normal")
        day = format_date(self.item.corrected, self.lang)
        self._run(paragraph, label("correction", self.lang, date=day) + " ", bold=True)
        self._inline(paragraph, correction_text(self.item))

    def _paragraph(self, style: str) -> Any:
        paragraph = self.append.paragraph()
        paragraph._p.style = self.template.style_id(style)
        if self.rtl:
            set_child(paragraph._p.get_or_add_pPr(), "bidi", PPR_ORDER)
        return paragraph

    def _block(self, index: int, style: str, *, italic: bool = False) -> Any:
        paragraph = self._paragraph(style)
        block = self.item.article.blocks[index]
        if self.item.draft is None:
            self._inline(paragraph, block.text, italic=italic)
            return paragraph
        sentences = self.item.draft[index]
        separator = join_sentences(["a", "b"], self.lang)[1:-1]
        for number, sentence in enumerate(sentences):
            if number:
                self._run(paragraph, separator, italic=italic)
            self._draft_sentence(paragraph, sentence, italic=italic)
        return paragraph

    def _draft_sentence(self, paragraph: Any, sentence: DraftSentence, *, italic: bool) -> None:
        runs = self._inline(paragraph, sentence.text, italic=italic)
        if sentence.confirmed:
            return
        for run in runs:
            run.font.highlight_color = _yellow()
        notes = [f"state: {sentence.state.value}"]
        notes.extend(f"{flag.code}: {flag.message}" for flag in sentence.flags)
        anchors = [run for run in runs if run._r.getparent() is paragraph._p]
        if anchors:
            self.append.comment(anchors, _xml_safe("; ".join(notes)), AUTHOR, "tx")

    def _inline(self, paragraph: Any, text: str, *, italic: bool = False) -> list[Any]:
        runs = []
        for span in parse_inline(text):
            if span.note is not None:
                number = self.notes.get(span.note)
                run = self._run(paragraph, str(number) if number is not None else span.note)
                run.font.superscript = True
                runs.append(run)
                continue
            run = self._run(
                paragraph,
                span.text,
                bold=span.strong or (span.emphasis and self.plain),
                italic=span.emphasis or italic,
                code=span.code,
            )
            if span.strike:
                run.font.strike = True
            if span.href is not None:
                self._link(paragraph, run, span.href)
            runs.append(run)
        return runs

    def _run(
        self,
        paragraph: Any,
        text: str,
        *,
        bold: bool = False,
        italic: bool = False,
        code: bool = False,
    ) -> Any:
        text = _xml_safe(text)
        if text and _BREAKS.search(text) is None:
            run = paragraph.add_run()
            run._r.add_t(text)  # what add_run(text) makes, without its per-character loop
        else:
            run = paragraph.add_run(text)
        rpr = run._r.get_or_add_rPr()
        if italic and self.plain:
            italic = False  # no slanted Arabic, Hebrew or CJK letters
        if bold:
            run.bold = True
            if self.rtl:
                set_child(rpr, "bCs", RPR_ORDER)
        if italic:
            run.italic = True
            if self.rtl:
                set_child(rpr, "iCs", RPR_ORDER)
        if code:
            run.font.name = "Courier New"
        if self.rtl:
            set_child(rpr, "rtl", RPR_ORDER)
        return run

    def _link(self, paragraph: Any, run: Any, url: str) -> None:
        from docx.opc.constants import RELATIONSHIP_TYPE
        from docx.shared import RGBColor

        rel_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        link = new_element("w:hyperlink")
        link.set("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id", rel_id)
        run.font.color.rgb = RGBColor.from_string(LINK_COLOR)
        run.font.underline = True
        run._r.addprevious(link)
        link.append(run._r)


def _yellow() -> Any:
    from docx.enum.text import WD_COLOR_INDEX

    return WD_COLOR_INDEX.YELLOW


def _xml_safe(text: str) -> str:
    """``text`` without characters XML 1.0 cannot hold (python-docx would refuse them)."""
    return _NOT_XML.sub("", text)


def _cell(article: Article, index: int) -> int:
    """The table number of cell block ``index``."""
    cell = article.blocks[index].cell
    return cell.table if cell is not None else 0
