"""The publishing gate: an edition goes online only when every segment of its article is
reviewed or final and no flag is open on any of them; a work file made from an older version
of the article is stale and blocks too.

The gate trusts no flag it did not check: a work file's flags count as they are only when its
seal verifies against the workspace's key (``translate.checks.seal``); otherwise every
segment is checked again, and its open flags are those it carries together with those the
checks find now (a flag deleted by hand comes back; one a person added stays).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from translate.checks import seal as check_seal
from translate.glossary.matching import load_workspace_glossary
from translate.models import Article, Glossary, Segment, Translation
from translate.source.segments import article_digest, segment_article
from translate.workspace import Workspace

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


class FlagCheck:
    """The flags the gate may trust, for the work files of one workspace: a work file's own
    when its seal verifies against the workspace's key, else checked again here."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self.key = check_seal.workspace_key(ws)
        self._glossaries: dict[str, Glossary] = {}

    def trusted(self, translation: Translation) -> Translation:
        """``translation`` with flags the checks vouch for."""
        glossary = self._glossary(translation.source_lang)
        context = check_seal.context(glossary, translation.target_lang, self.key)
        if check_seal.is_sealed(context, translation.checked, translation.segments):
            return translation
        from translate.checks.segment import check_segment

        items = []
        for item in translation.segments:
            found = check_segment(
                item.segment.source, item.target, glossary, translation.target_lang
            )
            flags = tuple(dict.fromkeys((*item.flags, *found)))
            items.append(item if flags == item.flags else replace(item, flags=flags))
        return replace(translation, segments=tuple(items), checked="")

    def _glossary(self, source_lang: str) -> Glossary:
        if source_lang not in self._glossaries:
            self._glossaries[source_lang] = load_workspace_glossary(self.ws, source_lang)
        return self._glossaries[source_lang]


def check(
    article: Article,
    translation: Translation,
    segments: Sequence[Segment] | None = None,
    *,
    flags: FlagCheck,
) -> tuple[Blocker, ...]:
    """The segments that keep ``translation`` of ``article`` from being published.

    ``segments`` are ``segment_article(article)`` if the caller has them already; ``flags``
    says which flags are trusted (see ``FlagCheck``).
    """
    segments = segment_article(article) if segments is None else segments
    if translation.source_digest != article_digest(segments):
        return (Blocker("", "stale", (STALE,)),)
    translation = flags.trusted(translation)
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
