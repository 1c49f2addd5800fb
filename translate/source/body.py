"""The body of a Markdown article as blocks: paragraphs, headings, quotes, list items, table
cells, images with their alt text, captions and credits, footnotes and (when allowed) raw
HTML, each checked as it is read (lengths, links, paths of images)."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Any, NoReturn

from translate.errors import ArticleError
from translate.models import Block, BlockKind, Cell
from translate.source.markdown import MAX_INLINE_CHARS, inline_tokens

PUBLISHED_IN = re.compile(
    r"^\(\s*(?:first\s+)?published\s+(?:in|by)\s+(?P<name>.+?)\.?\s*\)$", re.I
)


def one_line(text: str) -> str:
    return " ".join(text.split())


RAW_HTML_CHOICES = ("refuse", "sanitize")
# What a paragraph too long for the inline parser is searched for: an image or an HTML tag.
_LONG_MARKUP = re.compile(r"!\[|<[A-Za-z/!?]")


def markdown_blocks(
    path: Path, lines: list[str], first_line: int, raw_html: str
) -> tuple[list[Block], list[Block]]:
    """The blocks of a Markdown body, read by markdown-it (``translate.source.markdown``), and its
    footnotes apart. ``first_line`` is the body's line number in the file, for messages."""
    from translate.source.markdown import block_parser

    env: dict[str, Any] = {}
    tokens = block_parser().parse("\n".join(lines), env)
    reader = _BodyReader(path, first_line, raw_html)
    reader.read(tokens)
    if env.get("references"):
        label, found = next(iter(env["references"].items()))
        where = found.get("map") if isinstance(found, dict) else None
        raise ArticleError(
            f"reference-style link definition [{label.lower()}] is not supported",
            path=path,
            line=first_line + where[0] if where else None,
            hint="write each link inline, as [text](https://...)",
        )
    return reader.blocks, reader.notes


class _BodyReader:
    """Turns markdown-it's token stream into blocks; refuses what tx cannot publish."""

    def __init__(self, path: Path, first_line: int, raw_html: str) -> None:
        self.path = path
        self.first_line = first_line
        self.raw_html = raw_html
        self.blocks: list[Block] = []
        self.notes: list[Block] = []
        self.tables = 0
        self.level = 0

    def fail(self, message: str, token: Any, hint: str) -> NoReturn:
        line = self.first_line + token.map[0] if token.map else None
        raise ArticleError(message, path=self.path, line=line, hint=hint)

    def read(self, tokens: list[Any]) -> None:
        kind = BlockKind.PARAGRAPH
        lists: list[bool] = []  # ordered?, per open list
        containers: list[BlockKind] = []  # the open quotes and lists, innermost last
        cell: Cell | None = None
        row = column = 0
        header = False
        note = ""
        note_parts: list[str] = []
        for token in tokens:
            kind_of = token.type
            if kind_of == "heading_open":
                kind = BlockKind.HEADING
                self.level = int(token.tag[1:])
            elif kind_of in ("blockquote_open", "bullet_list_open", "ordered_list_open"):
                if kind_of != "blockquote_open":
                    lists.append(kind_of == "ordered_list_open")
                kind = BlockKind.QUOTE if kind_of == "blockquote_open" else BlockKind.LIST_ITEM
                containers.append(kind)
            elif kind_of in ("blockquote_close", "bullet_list_close", "ordered_list_close"):
                if kind_of != "blockquote_close":
                    lists.pop()
                containers.pop()
                kind = containers[-1] if containers else BlockKind.PARAGRAPH
            elif kind_of == "table_open":
                self.tables += 1
                row = -1
            elif kind_of == "tr_open":
                row, column = row + 1, 0
            elif kind_of in ("th_open", "td_open"):
                header = kind_of == "th_open"
                style = str(token.attrs.get("style", ""))
                align = style.removeprefix("text-align:") if style else ""
                cell = Cell(self.tables, row, column, header, align)
                column += 1
            elif kind_of in ("th_close", "td_close"):
                cell = None
            elif kind_of == "footnote_reference_open":
                note, note_parts = str(token.meta.get("label", "")), []
            elif kind_of == "footnote_reference_close":
                self.notes.append(
                    Block(BlockKind.FOOTNOTE, one_line(" ".join(note_parts)), label=note)
                )
                note = ""
            elif kind_of == "inline":
                self.inline(token, kind, lists, cell, note, note_parts)
                if kind is BlockKind.HEADING:
                    kind = containers[-1] if containers else BlockKind.PARAGRAPH
            elif kind_of in ("fence", "code_block"):
                if note:
                    self.fail("code in a footnote is not supported", token, "keep notes short")
                self.blocks.append(Block(BlockKind.CODE, token.content.rstrip("\n")))
            elif kind_of == "html_block":
                self.html(token)

    def inline(
        self,
        token: Any,
        kind: BlockKind,
        lists: list[bool],
        cell: Cell | None,
        note: str,
        note_parts: list[str],
    ) -> None:
        children = inline_tokens(token.content)
        if children is None:
            if _LONG_MARKUP.search(token.content):
                self.fail(
                    f"a paragraph of more than {MAX_INLINE_CHARS} characters holds an image "
                    "or HTML",
                    token,
                    "split the paragraph",
                )
            children = []
        if "^[" in token.content:
            self.fail(
                "inline footnotes (^[...]) are not supported",
                token,
                "write a reference [^1] in the text and its note as a line [^1]: ...",
            )
        for child in children:
            if child.type == "html_inline":
                self.fail(
                    f"inline HTML {child.content[:40]!r} is not supported",
                    token,
                    "write emphasis and links in Markdown; put an embed in a block of its own",
                )
        images = [child for child in children if child.type == "image"]
        if images:
            rest = [c for c in children if c.type not in ("image", "softbreak", "hardbreak")]
            if len(images) > 1 or any(c.type != "text" or c.content.strip() for c in rest):
                self.fail(
                    "an image must be a paragraph of its own",
                    token,
                    "put ![alt text](file) on its own line with blank lines around it",
                )
            if cell is not None or note or lists:
                self.fail(
                    "images in tables, lists or notes are not supported",
                    token,
                    "put the image in a paragraph of its own",
                )
            image = images[0]
            if image.attrs.get("title"):
                self.fail(
                    'image titles (![alt](file "title")) are not supported',
                    token,
                    "write the alt text in [...] and the caption as the next paragraph",
                )
            src = _image_source(self.path, token, str(image.attrs.get("src", "")), self)
            self.blocks.append(Block(BlockKind.IMAGE, one_line(image.content), src=src))
            return
        text = one_line(token.content)
        if note:
            note_parts.append(text)
        elif cell is not None:
            self.blocks.append(Block(BlockKind.TABLE_CELL, text, cell=cell))
        elif kind is BlockKind.HEADING:
            if text:  # "# #" is an empty heading
                self.blocks.append(Block(BlockKind.HEADING, text, level=self.level))
        elif text:
            ordered = bool(lists) and lists[-1] and kind is BlockKind.LIST_ITEM
            level = max(0, len(lists) - 1) if kind is BlockKind.LIST_ITEM else 0
            self.blocks.append(Block(kind, text, level=level, ordered=ordered))

    def html(self, token: Any) -> None:
        raw = token.content.strip()
        if raw.startswith("<!--") and raw.endswith("-->"):
            return  # a comment is for the writers, not the readers
        if self.raw_html != "sanitize":
            self.fail(
                "raw HTML is not published (it would be translated as text)",
                token,
                'remove it, or set raw_html = "sanitize" in tx.toml to pass HTML blocks '
                "through untranslated and sanitized",
            )
        from translate.source.sanitize import sanitize_html

        self.blocks.append(Block(BlockKind.HTML, sanitize_html(raw)))


def _image_source(path: Path, token: Any, src: str, reader: _BodyReader) -> str:
    """An image's file as the article names it: relative, inside the workspace folders."""
    from urllib.parse import unquote

    src = unquote(src.strip())
    hint = "keep images in the workspace and name them relative to the article (images/x.jpg)"
    if not src:
        reader.fail("an image has no file", token, hint)
    if "://" in src or src.startswith(("/", "\\")) or ":" in src.split("/", 1)[0]:
        reader.fail(f"image {src!r} is not a relative path to a file", token, hint)
    if posixpath.normpath(f"articles/{src}").startswith(".."):
        reader.fail(f"image {src!r} is outside the workspace", token, hint)
    return src


def is_parenthesised(text: str) -> bool:
    if not (text.startswith("(") and text.endswith(")")):
        return False
    depth = 0
    for index, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0 and index < len(text) - 1:
            return False  # "(a) and (b)" is not one parenthesis
    return True
