"""Case 12: ``tx report`` over 1,000 articles in three languages (issue 29: under 5 s cold).

Each work file is written directly with every segment reviewed: a machine draft (engine,
model, score, flags), the final text (one sentence in three edited), who approved it and when,
and a two-revision history, as a newsroom's work files look after a few weeks of reviews.
Each cold run starts without the evidence an earlier run kept
(``translations/.cache/report-evidence.txt``), so every work file is read; each warm run
follows a cold one and reads none.
"""

from __future__ import annotations

import sys
from pathlib import Path

from benchmarks import workspaces
from benchmarks.harness import Command, Comparison, alternate

TX = str(Path(sys.executable).with_name("tx"))
ARTICLES = 1000
LANGS = ("es", "fr", "de")
TARGET_SECONDS = 5.0


def reviewed_workspace(root: Path, count: int = ARTICLES) -> Path:
    """A workspace of ``count`` articles, each reviewed in three languages with drafts."""
    from translate import workspace
    from translate.models import (
        Draft,
        Flag,
        Revision,
        SegmentVersion,
        Stamp,
        State,
        TranslatedSegment,
        Translation,
    )
    from translate.source.segments import article_digest
    from translate.workspace import workfiles

    workspace.init(root)
    paragraphs = workspaces.story_paragraphs()
    from translate.source.articles import read_article
    from translate.source.segments import segment_article

    drafted = Stamp("tx", "2026-11-02T09:00:00+00:00", "translate")
    for number in range(count):
        slug = f"story-{number:04d}"
        body = [paragraphs[1 + (number + step) % (len(paragraphs) - 1)] for step in range(12)]
        path = root / "articles" / f"{slug}.md"
        path.write_text(
            f"---\ntitle: Story {number}\ndate: 2026-11-01\n---\n\n" + "\n\n".join(body) + "\n",
            encoding="utf-8",
        )
        segments = segment_article(read_article(path))
        for index, lang in enumerate(LANGS):
            approved = Stamp(f"Reviewer {index}", f"2026-11-{3 + number % 20:02d}T15:00:00+00:00",
                             "review import")  # fmt: skip
            items = []
            for position, segment in enumerate(segments):
                draft_text = f"[{lang}] {segment.source}"
                final = draft_text + " (edited)" if (position + number) % 3 == 0 else draft_text
                flags = (Flag("number", "a number differs"),) if position % 7 == 0 else ()
                score = -0.1 - (position % 10) / 8 if lang != "de" else None
                origin = "apertium:eng-deu" if lang == "de" else f"argos:en-{lang}-1.9"
                items.append(
                    TranslatedSegment(
                        segment,
                        final,
                        "reviewer",
                        State.FINAL,
                        (),
                        score,
                        changed=approved,
                        draft=Draft(draft_text, origin, score, flags),
                    )
                )
            first = Revision(1, drafted, (("added", len(segments)),), tuple(
                SegmentVersion(i.id, i.segment.source, i.draft.target if i.draft else "",
                               State.TRANSLATED, i.draft.origin if i.draft else "")
                for i in items
            ))  # fmt: skip
            workfiles.save(
                root / "translations" / lang / f"{slug}.json",
                Translation(slug, "en", lang, article_digest(segments), tuple(items),
                            revision=2, history=(first,)),
            )  # fmt: skip
    return root


def report_cases(work: Path, runs: int, warmup: int) -> list[Comparison]:
    """Case 12: `tx report --format json` over 1,000 articles x 3 languages, cold (no evidence
    kept from an earlier run: every work file read) and warm (the evidence kept by the run
    before, every work file unchanged)."""
    from translate import workspace
    from translate.analytics import evidence_cache

    ws = reviewed_workspace(work / "ws")
    cache = evidence_cache.cache_path(workspace.load(ws))
    argv = (TX, "report", "--format", "json", "--output", str(work / "report.json"))
    label = f"tx report ({ARTICLES} articles x {len(LANGS)} languages)"
    cold = Command(f"{label}, cold", (argv,), cwd=ws, prepare=lambda: cache.unlink(missing_ok=True))
    warm = Command(f"{label}, warm", (argv,), cwd=ws)
    cold_samples, warm_samples = alternate([cold, warm], min(runs, 3), warmup)
    found = []
    for name, command, samples in (("cold", cold, cold_samples), ("warm", warm, warm_samples)):
        comparison = Comparison(
            f"12 tx report {name}, {ARTICLES} x {len(LANGS)} languages",
            command,
            None,
            a_samples=samples,
            note=f"target: under {TARGET_SECONDS:g} s (cold)",
        )
        comparison.extra["under_target"] = comparison.a_median < TARGET_SECONDS
        comparison.extra["cpu_seconds"] = sorted(sample.cpu_seconds for sample in samples)
        found.append(comparison)
    return found
