"""Reading source articles into ``Article`` values, with a reader per file suffix.

Two shapes are read:

- ``.md`` / ``.markdown``: YAML front matter between ``---`` lines (``title`` required), then
  a Markdown body of headings, ``>`` quotes, list items and paragraphs. Inline Markdown stays
  in the block text as written.
- ``.txt``: plain text shaped like a wire story: the first line is the title, an optional
  header block, an optional photo caption ending in a parenthesised credit, paragraphs
  separated by blank lines and a final ``(First published in ...)`` line. The header block is
  the lines right under the title (a blank line between them is allowed), each ``Key: value``,
  ended by a blank line::

      Date: 2025-10-21
      By: Iryna Koval
      Summary: Kyiv asks for transformers before the frost and turns down Beijing's help.

  ``Date`` is an ISO 8601 date (or date-time); ``By`` (or ``Byline``, ``Author``) names the
  writers; ``Summary`` is one line, translated and reviewed like the text. Each key at most
  once; a block with any other line is the first paragraph, not a header. A photo caption
  with no photo is kept (translated, reviewed) but a page shows no figure for it.

In both, a final paragraph wholly in parentheses becomes a ``CREDIT`` block. Every problem is
an ``ArticleError`` naming the file and line.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path

from translate.errors import ArticleError
from translate.languages import normalized
from translate.models import Article, Block, BlockKind
from translate.source.body import PUBLISHED_IN, is_parenthesised, markdown_blocks, one_line
from translate.source.front_matter import parse_front_matter
from translate.workspace.limits import (
    FORBIDDEN_CHARACTERS,
    MAX_ARTICLE_BYTES,
    MAX_FRONT_MATTER_BYTES,
    read_capped,
)
from translate.workspace.paths import SLUG_HINT, SLUG_RENAME, slug_problem

SUFFIXES = (".md", ".markdown", ".txt")

_TRAILING_CREDIT = re.compile(r"^(?P<caption>.*[.!?”\"’'])\s*\((?P<credit>[^()]+)\)$", re.DOTALL)
_FENCE = ("---", "...")


def read_article(path: Path, *, default_lang: str = "en", raw_html: str = "sanitize") -> Article:
    """Read the article at ``path``; the reader is chosen by the file's suffix.

    ``default_lang`` is the article's language unless its front matter names one.
    ``raw_html`` (the workspace's setting) says what becomes of a raw HTML block in Markdown:
    ``sanitize`` keeps it, sanitized, as an untranslated ``HTML`` block; ``refuse`` makes it
    an error.
    Raises ``ArticleError`` (with the file and line) when the file cannot be read as an article.
    """
    path = Path(path)
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        raise ArticleError(
            f"unsupported article type {path.suffix or '(no suffix)'!r}",
            path=path,
            hint="write articles as .md (Markdown with front matter) or .txt",
        )
    article = reader(path, _read_text(path), default_lang, raw_html)
    problem = slug_problem(article.slug)
    if problem:
        raise ArticleError(problem, path=path, hint=f"{SLUG_RENAME}; {SLUG_HINT}")
    lang = normalized(article.lang)
    if lang is None:
        raise ArticleError(
            f"'{article.lang}' is not a language tag",
            path=path,
            hint="set `lang:` in the front matter to a BCP 47 tag such as en, es or zh-Hant",
        )
    return article if lang == article.lang else replace(article, lang=lang)


def _read_text(path: Path) -> str:
    """The file's text with newlines normalised, or an ``ArticleError`` if it is not text."""
    data = read_capped(path, MAX_ARTICLE_BYTES, ArticleError, "article")
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise ArticleError(
            "binary file (contains NUL bytes), not an article",
            path=path,
            line=line,
            hint="save the article as UTF-8 text (.md or .txt)",
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        offset = error.start + (3 if data.startswith(b"\xef\xbb\xbf") else 0)
        line = data[:offset].count(b"\n") + 1
        raise ArticleError(
            f"not UTF-8 (byte 0x{data[offset]:02x} cannot be decoded)",
            path=path,
            line=line,
            hint="re-save the file as UTF-8",
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    control = FORBIDDEN_CHARACTERS.search(text)
    if control is not None:
        kind = "noncharacter" if control.group() in "\ufffe\uffff" else "control character"
        raise ArticleError(
            f"{kind} U+{ord(control.group()):04X} in the text",
            path=path,
            line=text.count("\n", 0, control.start()) + 1,
            hint="delete it (XML, and so DOCX and HTML, cannot hold it)",
        )
    if not text.strip():
        raise ArticleError("article is empty", path=path, line=1, hint="write a title and a body")
    return text


# ---------------------------------------------------------------- Markdown


def _read_markdown(path: Path, text: str, default_lang: str, raw_html: str) -> Article:
    lines = text.split("\n")
    front: dict[str, object] = {}
    body_start = 0
    if lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in _FENCE), None)
        if end is None:
            raise ArticleError(
                "front matter is not closed",
                path=path,
                line=1,
                hint="end the front matter with a line holding only ---",
            )
        source = "\n".join(lines[1:end])
        if len(source.encode("utf-8")) > MAX_FRONT_MATTER_BYTES:
            raise ArticleError(
                f"front matter is larger than {MAX_FRONT_MATTER_BYTES // 1024} KB",
                path=path,
                line=2,
                hint="keep only short `key: value` lines between the --- lines",
            )
        front = parse_front_matter(path, source)
        body_start = end + 1
    title = _text_value(front.get("title"))
    if not title:
        raise ArticleError(
            "article has no title",
            path=path,
            line=1,
            hint="add `title: ...` to the front matter between --- lines",
        )
    meta = {
        key: _text_value(value)
        for key, value in front.items()
        if key not in ("title", "slug", "lang") and value is not None
    }
    slug = _text_value(front.get("slug")) or path.stem
    lang = _text_value(front.get("lang")) or default_lang
    blocks = [Block(BlockKind.TITLE, title)]
    if meta.get("summary"):
        blocks.append(Block(BlockKind.SUMMARY, one_line(meta["summary"])))
    if meta.get("correction"):  # a correction notice: translated and reviewed like the text
        blocks.append(Block(BlockKind.CORRECTION, one_line(meta["correction"])))
    if meta.get("image"):
        src = _front_image(path, meta["image"])
        meta["image"] = src
        blocks.append(Block(BlockKind.IMAGE, one_line(meta.get("image_alt", "")), src=src))
    if meta.get("image_caption"):
        blocks.append(Block(BlockKind.CAPTION, one_line(meta["image_caption"])))
    body, notes = markdown_blocks(path, lines[body_start:], body_start + 1, raw_html)
    if body and body[0].kind is BlockKind.HEADING and body[0].text == title:
        body = body[1:]  # a leading "# Title" repeating the front-matter title
    body = _mark_credit(body)
    _source_from_credit(body, meta)
    blocks.extend(body)
    blocks.extend(notes)
    return Article(slug, lang, title, meta, tuple(blocks), path)


def _front_image(path: Path, value: str) -> str:
    """The front matter's ``image:`` checked as a body image's file is."""
    src = value.strip()
    hint = "keep images in the workspace and name them relative to the article (images/x.jpg)"
    if "://" in src or src.startswith(("/", "\\")) or ":" in src.split("/", 1)[0]:
        raise ArticleError(f"image {src!r} is not a relative path to a file", path=path, hint=hint)
    if posixpath.normpath(f"articles/{src}").startswith(".."):
        raise ArticleError(f"image {src!r} is outside the workspace", path=path, hint=hint)
    return src


def _text_value(value: object) -> str:
    """A front-matter value as a string; dates in ISO 8601."""
    if value is None:
        return ""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ", ".join(_text_value(item) for item in value)
    return str(value).strip()


def _mark_credit(blocks: list[Block]) -> list[Block]:
    """Turn a final paragraph wholly in parentheses into a credit block."""
    if blocks and blocks[-1].kind is BlockKind.PARAGRAPH and is_parenthesised(blocks[-1].text):
        return [*blocks[:-1], Block(BlockKind.CREDIT, blocks[-1].text)]
    return blocks


def _source_from_credit(blocks: list[Block], meta: dict[str, str]) -> None:
    """Record the publication of a "(First published in X)" credit as ``meta["source"]``."""
    if blocks and blocks[-1].kind is BlockKind.CREDIT and not meta.get("source"):
        found = PUBLISHED_IN.match(blocks[-1].text)
        if found:
            meta["source"] = found.group("name").strip()


# ---------------------------------------------------------------- plain text


_HEADER_LINE = re.compile(
    r"^(?P<key>date|by|byline|author|summary)[ \t]*:[ \t]*(?P<value>\S.*)$", re.IGNORECASE
)
_HEADER_KEYS = {"date": "date", "by": "author", "byline": "author", "author": "author"}


def _read_plain(path: Path, text: str, default_lang: str, raw_html: str) -> Article:
    lines = text.split("\n")
    top = next(index for index, line in enumerate(lines) if line.strip())
    meta, body_start = _wire_header(path, lines, top + 1)
    title = one_line(lines[top])
    remainder = "\n".join(lines[body_start:])
    rest = [one_line(chunk) for chunk in re.split(r"\n[ \t]*\n", remainder) if chunk.strip()]
    blocks = [Block(BlockKind.TITLE, title)]
    if meta.get("summary"):
        blocks.append(Block(BlockKind.SUMMARY, meta["summary"]))
    if rest and not is_parenthesised(rest[0]):
        credit = _TRAILING_CREDIT.match(rest[0])
        if credit:
            caption = credit.group("caption").strip()
            meta["image_caption"] = caption
            meta["image_credit"] = credit.group("credit").strip()
            blocks.append(Block(BlockKind.CAPTION, caption))
            rest = rest[1:]
    body = _mark_credit([Block(BlockKind.PARAGRAPH, chunk) for chunk in rest])
    _source_from_credit(body, meta)
    blocks.extend(body)
    return Article(path.stem, default_lang, title, meta, tuple(blocks), path)


def _wire_header(path: Path, lines: list[str], start: int) -> tuple[dict[str, str], int]:
    """The header block of a wire story under its title (``lines[start:]``): its values as
    front matter (``date``, ``author``, ``summary``) and the index of the line after it."""
    first = start
    while first < len(lines) and not lines[first].strip():
        first += 1
    end = first
    while end < len(lines) and _HEADER_LINE.match(lines[end].strip()):
        end += 1
    if end == first or (end < len(lines) and lines[end].strip()):
        return {}, start  # no header block: the lines are the story's first paragraph
    meta: dict[str, str] = {}
    for number in range(first, end):
        found = _HEADER_LINE.match(lines[number].strip())
        assert found is not None
        key = _HEADER_KEYS.get(found.group("key").lower(), "summary")
        value = one_line(found.group("value"))
        if key in meta:
            raise ArticleError(
                f"the header gives '{found.group('key')}' twice",
                path=path,
                line=number + 1,
                hint="keep one line per key (Date, By, Summary) under the title",
            )
        if key == "date" and not _iso_date(value):
            raise ArticleError(
                f"'{value}' is not a date",
                path=path,
                line=number + 1,
                hint="write the date as YYYY-MM-DD (or YYYY-MM-DDTHH:MM with its offset)",
            )
        meta[key] = value
    return meta, end


def _iso_date(value: str) -> bool:
    """Whether ``value`` is an ISO 8601 date or date-time."""
    try:
        dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


_READERS: Mapping[str, Callable[[Path, str, str, str], Article]] = {
    ".md": _read_markdown,
    ".markdown": _read_markdown,
    ".txt": _read_plain,
}
