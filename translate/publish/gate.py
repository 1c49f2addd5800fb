"""The publishing gate: an edition goes online only when every segment of its article is
reviewed or final and no flag is open on any of them; a work file made from an older version
of the article is stale and blocks too."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from translate.models import Article, Segment, Translation
from translate.source.segments import article_digest, segment_article

STALE = "article changed since translation; run tx translate"


@dataclass(frozen=True)
class Blocker:
    """A segment that keeps an edition from being published, and why."""

    segment_id: str
    state: str
    messages: tuple[str, ...]
    source: str = ""

    def __str__(self) -> str:
        where = f"segment {self.segment_id}" if self.segment_id else "work file"
        text = f"{where} ({self.state}): {'; '.join(self.messages)}"
        if self.source:
            excerpt = self.source if len(self.source) <= 60 else self.source[:59] + "…"
            text += f' "{excerpt}"'
        return text


@dataclass(frozen=True)
class GateResult:
    """The gate's verdict on one article in one language."""

    slug: str
    lang: str
    work_file: Path
    blockers: tuple[Blocker, ...]

    @property
    def passed(self) -> bool:
        """Whether the edition may be published."""
        return not self.blockers


def check(
    article: Article, translation: Translation, segments: Sequence[Segment] | None = None
) -> tuple[Blocker, ...]:
    """The segments that keep ``translation`` of ``article`` from being published.

    ``segments`` are ``segment_article(article)`` if the caller has them already.
    """
    segments = segment_article(article) if segments is None else segments
    if translation.source_digest != article_digest(segments):
        return (Blocker("", "stale", (STALE,)),)
    by_id = {item.id: item for item in translation.segments}
    blockers = []
    for segment in segments:
        item = by_id.get(segment.id)
        if item is None:
            blockers.append(
                Blocker(segment.id, "missing", ("not in the work file",), segment.source)
            )
            continue
        messages = [flag.message for flag in item.open_flags]
        if not item.target.strip():
            messages.insert(0, "not translated")
        elif not item.state.is_human:
            messages.insert(0, "not reviewed")
        if messages:
            blockers.append(Blocker(segment.id, item.state.value, tuple(messages), segment.source))
    return tuple(blockers)
