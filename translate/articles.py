"""Reading source articles into ``Article`` values, with a reader per file suffix.

Two shapes are read:

- ``.md`` / ``.markdown``: YAML front matter between ``---`` lines (``title`` required), then
  a Markdown body of headings, ``>`` quotes, list items and paragraphs. Inline Markdown stays
  in the block text as written.
- ``.txt``: plain text shaped like a wire story: the first line is the title, an optional photo
  caption ending in a parenthesised credit, paragraphs separated by blank lines and a final
  ``(First published in ...)`` line.

In both, a final paragraph wholly in parentheses becomes a ``CREDIT`` block. Every problem is
an ``ArticleError`` naming the file and line.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from translate.errors import ArticleError
from translate.languages import normalized
from translate.limits import (
    MAX_ARTICLE_BYTES,
    MAX_FRONT_MATTER_BYTES,
    MAX_FRONT_MATTER_DEPTH,
    read_capped,
)
from translate.models import Article, Block, BlockKind
from translate.workspace import SLUG_HINT, is_slug

SUFFIXES = (".md", ".markdown", ".txt")

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*)$")  # the closing #s are taken off by _heading_text
_BULLET = re.compile(r"^[ \t]{0,3}[-*+][ \t]+(.*)$")
_NUMBERED = re.compile(r"^[ \t]{0,3}\d{1,9}[.)][ \t]+(.*)$")
_QUOTE = re.compile(r"^[ \t]{0,3}>[ \t]?(.*)$")
_RULE = re.compile(r"^[ \t]{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_TRAILING_CREDIT = re.compile(r"^(?P<caption>.*[.!?”\"’'])\s*\((?P<credit>[^()]+)\)$", re.DOTALL)
_PUBLISHED_IN = re.compile(
    r"^\(\s*(?:first\s+)?published\s+(?:in|by)\s+(?P<name>.+?)\.?\s*\)$", re.I
)
_FENCE = ("---", "...")
# Characters XML 1.0 cannot hold (tab and newline can): review and edition exports would fail.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def read_article(path: Path, *, default_lang: str = "en") -> Article:
    """Read the article at ``path``; the reader is chosen by the file's suffix.

    ``default_lang`` is the article's language unless its front matter names one.
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
    article = reader(path, _read_text(path), default_lang)
    if not is_slug(article.slug):
        raise ArticleError(
            f"'{article.slug}' is not a safe slug (it names the article's files and addresses)",
            path=path,
            hint=f"{SLUG_HINT}; set `slug:` in the front matter or rename the file",
        )
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
    control = _CONTROL.search(text)
    if control is not None:
        raise ArticleError(
            f"control character U+{ord(control.group()):04X} in the text",
            path=path,
            line=text.count("\n", 0, control.start()) + 1,
            hint="delete it (XML, and so DOCX and HTML, cannot hold it)",
        )
    if not text.strip():
        raise ArticleError("article is empty", path=path, line=1, hint="write a title and a body")
    return text


# ---------------------------------------------------------------- Markdown


def _read_markdown(path: Path, text: str, default_lang: str) -> Article:
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
        front = _parse_front_matter(path, source)
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
        blocks.append(Block(BlockKind.SUMMARY, _one_line(meta["summary"])))
    if meta.get("image_caption"):
        blocks.append(Block(BlockKind.CAPTION, _one_line(meta["image_caption"])))
    body = _markdown_blocks(lines[body_start:])
    if body and body[0].kind is BlockKind.HEADING and body[0].text == title:
        body = body[1:]  # a leading "# Title" repeating the front-matter title
    body = _mark_credit(body)
    _source_from_credit(body, meta)
    blocks.extend(body)
    return Article(slug, lang, title, meta, tuple(blocks), path)


def _parse_front_matter(path: Path, source: str) -> dict[str, object]:
    import yaml  # here, not at start-up: plain-text articles and `tx --help` do without

    try:
        data = yaml.load(source, Loader=_front_matter_loader())
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = mark.line + 2 if mark is not None else 2  # the front matter starts on line 2
        problem = str(getattr(error, "problem", None) or "invalid YAML")
        if "alias" in problem:
            hint = "write each value out in full"
        elif problem.startswith("impossible date"):
            hint = "write a real date as YYYY-MM-DD, or quote the value"
        else:
            hint = "quote values that contain ': ' or start with a special character"
        raise ArticleError(
            f"front matter is not valid YAML: {problem}", path=path, line=line, hint=hint
        ) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ArticleError(
            f"front matter is a {type(data).__name__}, not a mapping of keys to values",
            path=path,
            line=2,
            hint="write one `key: value` per line, such as `title: ...`",
        )
    return {str(key): value for key, value in data.items()}


@functools.cache
def _front_matter_loader() -> type[Any]:
    """A YAML SafeLoader that refuses anchors and aliases (an alias bomb of a few lines
    expands to gigabytes), nesting deeper than ``MAX_FRONT_MATTER_DEPTH``, and impossible
    dates, each as a YAML error with its position."""
    import yaml

    class FrontMatterLoader(yaml.SafeLoader):
        depth = 0

        def compose_node(self, parent: Any, index: Any) -> Any:
            event = self.peek_event()  # type: ignore[no-untyped-call]
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise yaml.composer.ComposerError(
                    None,
                    None,
                    "anchors and aliases (&name, *name) are not allowed in front matter",
                    event.start_mark,
                )
            if self.depth >= MAX_FRONT_MATTER_DEPTH:
                raise yaml.composer.ComposerError(
                    None, None, "front matter is nested too deeply", event.start_mark
                )
            self.depth += 1
            try:
                return super().compose_node(parent, index)
            finally:
                self.depth -= 1

        def construct_object(self, node: Any, deep: bool = False) -> Any:
            try:
                return super().construct_object(node, deep)
            except (ValueError, TypeError, OverflowError) as exc:
                if isinstance(exc, yaml.YAMLError):
                    raise
                what = "impossible date" if node.tag.endswith(":timestamp") else "invalid value"
                raise yaml.constructor.ConstructorError(
                    None, None, f"{what} {node.value!r} ({exc})", node.start_mark
                ) from None

    return FrontMatterLoader


def _text_value(value: object) -> str:
    """A front-matter value as a string; dates in ISO 8601."""
    if value is None:
        return ""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ", ".join(_text_value(item) for item in value)
    return str(value).strip()


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _markdown_blocks(lines: list[str]) -> list[Block]:
    """Split a Markdown body into blocks: headings, quotes, list items and paragraphs."""
    blocks: list[Block] = []
    pending: list[str] = []
    pending_kind = BlockKind.PARAGRAPH
    ordered = False

    def flush() -> None:
        nonlocal pending
        text = _one_line(" ".join(pending))
        if text:
            blocks.append(Block(pending_kind, text, ordered=ordered))
        pending = []

    for raw in lines:
        line = raw.rstrip()
        heading = _HEADING.match(line)
        quote = _QUOTE.match(line)
        item = _NUMBERED.match(line) or _BULLET.match(line)
        if not line.strip() or _RULE.match(line):
            flush()
        elif heading:
            flush()
            text = _heading_text(heading.group(2))
            blocks.append(Block(BlockKind.HEADING, text, level=len(heading[1])))
        elif quote:
            if pending_kind is not BlockKind.QUOTE or not quote.group(1).strip():
                flush()
            pending_kind, ordered = BlockKind.QUOTE, False
            pending.append(quote.group(1))
        elif item:
            flush()
            pending_kind = BlockKind.LIST_ITEM
            ordered = item.re is _NUMBERED
            pending.append(item.group(1))
        elif pending and pending_kind is BlockKind.LIST_ITEM and raw[:1] in (" ", "\t"):
            pending.append(line)  # an indented continuation of a list item
        else:
            if pending_kind is not BlockKind.PARAGRAPH:
                flush()
            pending_kind, ordered = BlockKind.PARAGRAPH, False
            pending.append(line)
    flush()
    return blocks


def _heading_text(text: str) -> str:
    """A heading's text without its optional closing sequence ("## Title ##"), in linear time
    (a regular expression for it backtracks over long runs of spaces)."""
    text = text.rstrip(" \t")
    bare = text.rstrip("#")
    if bare != text and bare[-1:] in (" ", "\t"):
        text = bare
    return text.strip()


def _mark_credit(blocks: list[Block]) -> list[Block]:
    """Turn a final paragraph wholly in parentheses into a credit block."""
    if blocks and blocks[-1].kind is BlockKind.PARAGRAPH and _is_parenthesised(blocks[-1].text):
        return [*blocks[:-1], Block(BlockKind.CREDIT, blocks[-1].text)]
    return blocks


def _is_parenthesised(text: str) -> bool:
    if not (text.startswith("(") and text.endswith(")")):
        return False
    depth = 0
    for index, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0 and index < len(text) - 1:
            return False  # "(a) and (b)" is not one parenthesis
    return True


def _source_from_credit(blocks: list[Block], meta: dict[str, str]) -> None:
    """Record the publication of a "(First published in X)" credit as ``meta["source"]``."""
    if blocks and blocks[-1].kind is BlockKind.CREDIT and not meta.get("source"):
        found = _PUBLISHED_IN.match(blocks[-1].text)
        if found:
            meta["source"] = found.group("name").strip()


# ---------------------------------------------------------------- plain text


def _read_plain(path: Path, text: str, default_lang: str) -> Article:
    title_line, _, remainder = text.strip().partition("\n")
    title = _one_line(title_line)
    rest = [_one_line(chunk) for chunk in re.split(r"\n[ \t]*\n", remainder) if chunk.strip()]
    meta: dict[str, str] = {}
    blocks = [Block(BlockKind.TITLE, title)]
    if rest and not _is_parenthesised(rest[0]):
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


_READERS: Mapping[str, Callable[[Path, str, str], Article]] = {
    ".md": _read_markdown,
    ".markdown": _read_markdown,
    ".txt": _read_plain,
}
