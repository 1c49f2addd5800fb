"""Work files written directly, every sentence approved with its machine draft kept, for the
tests of ``tx report``'s evidence."""

from __future__ import annotations

from pathlib import Path

from translate import workspace
from translate.models import (
    Draft,
    Flag,
    Revision,
    Segment,
    SegmentVersion,
    Stamp,
    State,
    TranslatedSegment,
    Translation,
)
from translate.workspace import workfiles

APPROVED = Stamp("Ana Ruiz", "2026-12-02T15:00:00+00:00", "review import")
DRAFTED = Stamp("tx", "2026-12-01T09:00:00+00:00", "translate")


def work_file(slug: str, lang: str, number: int) -> Translation:
    """A work file of four sentences, all approved, one in two edited."""
    items = []
    for index in range(4):
        draft = f"[{lang}] sentence {index} of {slug}"
        items.append(
            TranslatedSegment(
                Segment(f"s{index}", index, f"Sentence {index} of {slug} here."),
                draft + " (edited)" if (index + number) % 2 else draft,
                "reviewer",
                State.FINAL,
                score=-0.2 * index,
                changed=APPROVED,
                draft=Draft(draft, f"argos:en-{lang}-1.9", -0.2 * index,
                            (Flag("number", "n"),) if index == 1 else ()),
            )
        )  # fmt: skip
    first = Revision(1, DRAFTED, (("added", 4),), tuple(
        SegmentVersion(i.id, i.segment.source, "x", State.TRANSLATED, f"argos:en-{lang}-1.9")
        for i in items
    ))  # fmt: skip
    return Translation(slug, "en", lang, "digest", tuple(items), revision=2, history=(first,))


def reviewed_workspace(root: Path, articles: int = 12) -> workspace.Workspace:
    """A workspace of ``articles`` work files in es and fr (the articles themselves left out:
    the report reads only work files)."""
    workspace.init(root)
    for number in range(articles):
        for lang in ("es", "fr"):
            slug = f"story-{number:02d}"
            path = root / "translations" / lang / f"{slug}.json"
            workfiles.save(path, work_file(slug, lang, number))
    return workspace.load(root)
