"""TMX inline codes read as Markdown: a ``bpt``/``ept`` pair (or an ``it`` begin/end pair)
whose content or type says emphasis, strong, a link or code becomes that Markdown around its
text; a pair split across segments, an isolated ``it`` and every other code are dropped and
counted, never turned into half of a Markdown pair."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

_OPEN_CLOSE = {
    "b": ("**", "**"),
    "strong": ("**", "**"),
    "bold": ("**", "**"),
    "i": ("*", "*"),
    "em": ("*", "*"),
    "italic": ("*", "*"),
    "code": ("`", "`"),
}
_TAG = re.compile(r"<\s*([A-Za-z][\w:-]*)([^>]*)>")
_CLOSING = re.compile(r"<\s*/\s*([A-Za-z][\w:-]*)\s*>")
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')""")


class Codes:
    """Segment text with inline codes made Markdown or left out, and what was left out."""

    def __init__(self) -> None:
        self.dropped: Counter[str] = Counter()
        self.mapped = 0
        self.partners: dict[Any, Any] = {}

    def text(self, seg: Any) -> str:
        if seg is None:
            return ""
        closing: dict[str, str] = {}
        self.partners = _partners(seg)
        return "".join(self._parts(seg, closing))

    def _parts(self, element: Any, closing: dict[str, str]) -> Iterator[str]:
        yield element.text or ""
        for child in element:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag == "hi":
                mark = _OPEN_CLOSE.get((child.get("type") or "").lower(), ("", ""))
                yield mark[0]
                yield from self._parts(child, closing)
                yield mark[1]
            elif tag in ("bpt", "ept"):
                yield self._code(child, tag, closing)
            elif tag == "ph" and _CODE_SPAN.fullmatch(_content(child)):
                self.mapped += 1  # tx's own standalone code: an inline code span
                yield _content(child)
            elif tag == "it":
                yield self._isolated(child, closing)
            elif tag:
                self._drop(child, f"<{tag}> code")
            elif _is_entity(child):  # never expanded (hostile files): counted, not silent
                self.dropped[f"entity reference {child.text} left out"] += 1
            yield child.tail or ""

    def _code(self, code: Any, tag: str, closing: dict[str, str]) -> str:
        """The Markdown a paired code stands for (matched by ``i``, else ``x``), or '' when it
        is left out: a ``bpt`` is mapped only when its ``ept`` is in the same segment."""
        key = code.get("i") or code.get("x") or ""
        if tag == "bpt":
            end = self.partners.get(code)
            mark = None if end is None else _markdown(_content(code), code.get("type") or "")
            if mark is not None and mark[1] is None:  # a Markdown link: its ept holds the url
                mark = _link_end(mark[0], _content(end))
            if mark is not None and mark[1] is not None and key not in closing:
                closing[key] = mark[1]
                self.mapped += 1
                self._subflows(code)
                return mark[0]
        else:
            mark_end = closing.pop(key, None)
            if mark_end is not None:
                self.mapped += 1
                return mark_end
        self._drop(code, f"<{tag}> code")
        return ""

    def _isolated(self, code: Any, closing: dict[str, str]) -> str:
        """An ``it`` code: its Markdown only when a begin and an end with the same ``x``
        both stand in this segment (a pair a tool wrote as isolated codes); a truly isolated
        one is left out and counted."""
        key = "it:" + (code.get("x") or "")
        if code.get("pos") == "begin" and code in self.partners:
            mark = _markdown(_content(code), code.get("type") or "")
            if mark is not None and mark[1] is not None and key not in closing:
                closing[key] = mark[1]
                self.mapped += 1
                return mark[0]
        elif code.get("pos") == "end" and key in closing:
            self.mapped += 1
            return closing.pop(key)
        self.dropped["isolated <it> code left out (its partner is outside the segment)"] += 1
        self._subflows(code)
        return ""

    def _drop(self, code: Any, kind: str) -> None:
        self.dropped[f"inline {kind} left out"] += 1
        self._subflows(code)

    def _subflows(self, code: Any) -> None:
        self.dropped.update("inline <sub> text inside a code" for _ in code.iter("sub"))


def _is_entity(node: Any) -> bool:
    from lxml import etree

    return node.tag is etree.Entity


def _content(code: Any) -> str:
    return "".join(t for t in code.itertext() if t)


def _partners(seg: Any) -> dict[Any, Any]:
    """Each opening code of a segment that is closed later in it, with its closing code: a
    ``bpt`` with the ``ept`` of the same ``i``, an ``it pos="begin"`` with the ``it
    pos="end"`` of the same ``x`` (one pass: linear in the segment)."""
    found: dict[Any, Any] = {}
    open_codes: dict[tuple[str, str], list[Any]] = {}
    for code in seg.iter("bpt", "ept", "it"):
        if code.tag == "it":
            key, opens = ("it", code.get("x") or ""), code.get("pos") == "begin"
        else:
            key, opens = ("pair", code.get("i") or ""), code.tag == "bpt"
        if opens:
            open_codes.setdefault(key, []).append(code)
        elif open_codes.get(key):
            found[open_codes[key].pop()] = code
    return found


# tx's own codes carry their Markdown: delimiters by the code's type, a link's "[" (its url in
# the ept's "](url)"), an inline code span in a ph.
_MARKDOWN_CODES = {"**": "bold", "__": "bold", "*": "italic", "_": "italic"}
_CODE_SPAN = re.compile(r"`[^`\n]+`")
_LINK_END = re.compile(r'\]\(\s*([^()\s]{1,2048})(?:\s+"[^"\n]{0,300}")?\s*\)')


def _link_end(start: str, content: str) -> tuple[str, str | None] | None:
    from translate.source.inline import safe_url

    found = _LINK_END.fullmatch(content.strip())
    if found is None or not safe_url(found.group(1)):
        return None
    return start, found.group()


def _markdown(content: str, kind: str) -> tuple[str, str | None] | None:
    """The Markdown that opens and closes what an opening code stands for, if tx has one
    (the close ``None`` for a Markdown link, whose url its ``ept`` holds)."""
    if _MARKDOWN_CODES.get(content) == kind.lower():
        return content, content
    if content == "[" and kind.lower() == "link":
        return "[", None
    tag = _TAG.match(content.strip())
    if tag is not None and not _CLOSING.match(content.strip()):
        name = tag.group(1).lower()
        if name == "a":
            href = _HREF.search(tag.group(2))
            url = (href.group(1) or href.group(2) or "") if href else ""
            from translate.source.inline import safe_url

            if url and safe_url(url) and not re.search(r"[\s()]", url):
                return "[", f"]({url})"
            return None
        return _OPEN_CLOSE.get(name)
    if kind.lower() in _OPEN_CLOSE and not content.strip():
        return _OPEN_CLOSE[kind.lower()]
    return None


# --- writing -----------------------------------------------------------------------------
