"""Where each segment of a review document sits in its article, in the reviewer's words.

A table cell ("Share"), an image's alt text, a caption and a footnote read like free sentences
on their own; the review document's first column names the kind of block each segment comes
from ("Table cell, column: Party", "Image alt text", "Footnote 2") in the document's target
language, the reviewer's, with English for a language without its own labels.
"""

from __future__ import annotations

from collections.abc import Mapping

from translate.errors import TxError
from translate.languages import base
from translate.models import Article, Block, BlockKind, Translation
from translate.source.articles import read_article
from translate.source.inline import plain_text
from translate.workspace import Workspace

# Labels per base language: block kinds, then the words around a table cell's header.
_LABELS: dict[str, dict[str, str]] = {
    "en": {
        BlockKind.TITLE: "Title",
        BlockKind.SUMMARY: "Summary",
        BlockKind.CORRECTION: "Correction",
        BlockKind.HEADING: "Heading",
        BlockKind.PARAGRAPH: "Paragraph",
        BlockKind.QUOTE: "Quote",
        BlockKind.LIST_ITEM: "List item",
        BlockKind.CAPTION: "Caption",
        BlockKind.CREDIT: "Credit",
        BlockKind.IMAGE: "Image alt text",
        BlockKind.TABLE_CELL: "Table cell",
        BlockKind.FOOTNOTE: "Footnote",
        "header": "Table header",
        "column": "column",
        "kind": "Kind",
    },
    "es": {
        BlockKind.TITLE: "Título",
        BlockKind.SUMMARY: "Resumen",
        BlockKind.CORRECTION: "Corrección",
        BlockKind.HEADING: "Encabezado",
        BlockKind.PARAGRAPH: "Párrafo",
        BlockKind.QUOTE: "Cita",
        BlockKind.LIST_ITEM: "Elemento de lista",
        BlockKind.CAPTION: "Pie de foto",
        BlockKind.CREDIT: "Crédito",
        BlockKind.IMAGE: "Texto alternativo de imagen",
        BlockKind.TABLE_CELL: "Celda de tabla",
        BlockKind.FOOTNOTE: "Nota al pie",
        "header": "Encabezado de tabla",
        "column": "columna",
        "kind": "Tipo",
    },
    "fr": {
        BlockKind.TITLE: "Titre",
        BlockKind.SUMMARY: "Chapeau",
        BlockKind.CORRECTION: "Rectificatif",
        BlockKind.HEADING: "Intertitre",
        BlockKind.PARAGRAPH: "Paragraphe",
        BlockKind.QUOTE: "Citation",
        BlockKind.LIST_ITEM: "Élément de liste",
        BlockKind.CAPTION: "Légende",
        BlockKind.CREDIT: "Crédit",
        BlockKind.IMAGE: "Texte alternatif d’image",
        BlockKind.TABLE_CELL: "Cellule de tableau",
        BlockKind.FOOTNOTE: "Note de bas de page",
        "header": "En-tête de tableau",
        "column": "colonne",
        "kind": "Type",
    },
    "de": {
        BlockKind.TITLE: "Titel",
        BlockKind.SUMMARY: "Vorspann",
        BlockKind.CORRECTION: "Korrektur",
        BlockKind.HEADING: "Zwischenüberschrift",
        BlockKind.PARAGRAPH: "Absatz",
        BlockKind.QUOTE: "Zitat",
        BlockKind.LIST_ITEM: "Listenpunkt",
        BlockKind.CAPTION: "Bildunterschrift",
        BlockKind.CREDIT: "Bildnachweis",
        BlockKind.IMAGE: "Alternativtext des Bildes",
        BlockKind.TABLE_CELL: "Tabellenzelle",
        BlockKind.FOOTNOTE: "Fußnote",
        "header": "Tabellenkopf",
        "column": "Spalte",
        "kind": "Art",
    },
}


def label(key: str, lang: str) -> str:
    """A label in ``lang`` (its base language), English when it has none."""
    return _LABELS.get(base(lang), {}).get(key) or _LABELS["en"].get(key, key)


def block_label(block: Block, blocks: tuple[Block, ...], lang: str) -> str:
    """What a block is, in ``lang``: its kind, a table cell with its column's header, a
    footnote with its label."""
    if block.kind is BlockKind.TABLE_CELL and block.cell is not None:
        cell = block.cell
        if cell.header:
            return label("header", lang)
        header = next(
            (
                other
                for other in blocks
                if other.cell is not None
                and other.cell.header
                and other.cell.table == cell.table
                and other.cell.column == cell.column
            ),
            None,
        )
        name = label(BlockKind.TABLE_CELL, lang)
        heading = plain_text(header.text).strip() if header is not None else ""
        return f"{name}, {label('column', lang)}: {heading}" if heading else name
    if block.kind is BlockKind.FOOTNOTE and block.label:
        return f"{label(BlockKind.FOOTNOTE, lang)} {block.label}"
    return label(block.kind, lang)


def article_of(ws: Workspace, slug: str) -> Article | None:
    """The source article of ``slug`` as it reads now (None when it is gone or unreadable:
    the review document then names no segment's kind)."""
    try:
        path = ws.find_article(slug)
        return read_article(
            path, default_lang=ws.settings.source_lang, raw_html=ws.settings.raw_html
        )
    except TxError:
        return None


def segment_labels(article: Article | None, translation: Translation) -> Mapping[str, str]:
    """Segment id to the label of its block, in the translation's target language. Empty for
    a segment whose block cannot be told (no article, or an article changed since the
    translation was made so that the block no longer holds the sentence)."""
    if article is None:
        return {}
    blocks = article.blocks
    found: dict[str, str] = {}
    for item in translation.segments:
        index = item.segment.block
        if not 0 <= index < len(blocks):
            continue
        block = blocks[index]
        if _holds(block, item.segment.source):
            found[item.id] = block_label(block, blocks, translation.target_lang)
    return found


def _holds(block: Block, sentence: str) -> bool:
    words = " ".join(sentence.split())
    return words in " ".join(block.text.split()) or words in " ".join(
        plain_text(block.text).split()
    )
