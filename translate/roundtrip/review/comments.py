"""The reviewer's comments in a review document, in the order a person reads them.

Word keeps a reply as a comment of its own, anchored where the comment it answers is, and
names the comment it answers in the comments extended part (``word/commentsExtended.xml``:
a ``w15:commentEx`` whose ``paraIdParent`` is the ``w14:paraId`` of the answered comment's
last paragraph). LibreOffice 7.4 drops that part when it re-saves a document, renumbers the
comments, and may write a reply's anchor before the answered comment's. So the comments
anchored in a row are read in this order: by where their anchor starts in the row (the text
before it), then by date (a reply is never older than what it answers), then by where their
reference mark stands; and a reply the extended part names comes right after the comment it
answers, before the next comment.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from translate.formats.marks import normalise
from translate.roundtrip.review.format import TX_AUTHOR, element_text, w

W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"


@dataclass(frozen=True)
class Comment:
    """A comment (or note) kept from the document: its text as a note (``"Author: text"``),
    its date as written (``""`` when none) and the id of the comment it answers."""

    text: str
    date: str = ""
    parent: str | None = None


def reviewer_comments(document: Any) -> dict[str, Comment]:
    """Comment id to ``Comment`` for every comment not written by tx, with the comment each
    reply answers (a reply to one of tx's flag comments counts as a comment of its own)."""
    part = document.part
    if not any(rel.reltype.endswith("/comments") for rel in part.rels.values()):
        return {}
    parents = _parent_paragraphs(document)
    by_paragraph: dict[str, str] = {}  # paraId of a comment's last paragraph to its id
    found: dict[str, tuple[str, str, str]] = {}
    for comment in document.comments:
        comment_id = str(comment.comment_id)
        paragraphs = list(comment._element.iter(w("p")))
        last = (paragraphs[-1].get(f"{{{W14}}}paraId") or "").upper() if paragraphs else ""
        if last:
            by_paragraph[last] = comment_id
        author = (comment.author or "").strip()
        texts = [normalise(element_text(p)) for p in paragraphs]
        text = " ".join(t for t in texts if t)
        if text and author != TX_AUTHOR:
            date = comment._element.get(w("date")) or ""
            found[comment_id] = (f"{author or 'Reviewer'}: {text}", date, last)
    return {
        comment_id: Comment(text, date, by_paragraph.get(parents.get(last, "")))
        for comment_id, (text, date, last) in found.items()
    }


def _parent_paragraphs(document: Any) -> dict[str, str]:
    """paraId of a reply's last paragraph to that of the comment it answers, from the
    comments extended part (empty when there is none)."""
    from docx.oxml.parser import parse_xml

    parents: dict[str, str] = {}
    for rel in document.part.rels.values():
        if rel.is_external or not rel.reltype.endswith("/commentsExtended"):
            continue
        for entry in parse_xml(rel.target_part.blob).iter(f"{{{W15}}}commentEx"):
            own, parent = entry.get(f"{{{W15}}}paraId"), entry.get(f"{{{W15}}}paraIdParent")
            if own and parent:
                parents[own.upper()] = parent.upper()
    return parents


def reading_order(row: Any, ids: Sequence[str], comments: Mapping[str, Comment]) -> list[str]:
    """``ids`` (comments anchored in ``row``) in the order a person reads them: threads by
    where they are anchored, each reply after the comment it answers."""
    starts, marks = _positions(row)
    chosen = set(ids)

    def key(comment_id: str) -> tuple[int, str, int]:
        mark = marks.get(comment_id, len(marks) + ids.index(comment_id))
        start = starts.get(comment_id, 0)
        return (start, comments[comment_id].date, mark)

    replies: dict[str, list[str]] = {}
    roots = []
    for comment_id in ids:
        parent = comments[comment_id].parent
        if parent is not None and parent in chosen and parent != comment_id:
            replies.setdefault(parent, []).append(comment_id)
        else:
            roots.append(comment_id)
    ordered: list[str] = []
    pending = sorted(roots, key=key, reverse=True)
    while pending:  # depth first, so a reply follows what it answers
        comment_id = pending.pop()
        if comment_id in ordered:
            continue
        ordered.append(comment_id)
        pending.extend(sorted(replies.get(comment_id, ()), key=key, reverse=True))
    return ordered + [comment_id for comment_id in ids if comment_id not in ordered]


def _positions(row: Any) -> tuple[dict[str, int], dict[str, int]]:
    """Per comment id: how many characters of the row's text come before its anchor starts,
    and the rank of its reference mark (or, without one, of its range's end)."""
    starts: dict[str, int] = {}
    marks: dict[str, int] = {}
    offset = 0
    for rank, element in enumerate(row.iter()):
        tag = element.tag
        if not isinstance(tag, str):
            continue
        if tag == w("t"):
            offset += len(element.text or "")
            continue
        comment_id = element.get(w("id")) or ""
        if tag == w("commentRangeStart"):
            starts.setdefault(comment_id, offset)
        elif tag in (w("commentReference"), w("commentRangeEnd")):
            starts.setdefault(comment_id, offset)
            if tag == w("commentReference") or comment_id not in marks:
                marks[comment_id] = rank
    return starts, marks
