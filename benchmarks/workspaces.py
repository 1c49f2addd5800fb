"""Workspaces the benchmark runs tx in: the wire story's, and generated ones of any size.

The wire story is the test suite's own (``tests/data/wire-story.txt``, 25 sentences). The
generated workspace holds ``count`` Markdown articles made from the wire story's
paragraphs (each article a different selection, about 15 paragraphs) and, for each, work files
in three languages with every segment reviewed, written directly with
``translate.workspace.workfiles``
(no engine runs). Each edition's text is its source text, which is all an exporter or a pandoc
conversion needs. The same editions are also written as Markdown files for pandoc.
"""

from __future__ import annotations

import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WIRE_STORY = REPO / "tests" / "data" / "wire-story.txt"
HOUSE_GLOSSARY = REPO / "glossaries" / "house.csv"
LANGS = ("es", "fr", "de")


def story_paragraphs() -> list[str]:
    """The wire story's non-empty paragraphs."""
    text = WIRE_STORY.read_text(encoding="utf-8")
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


def story_workspace(root: Path) -> Path:
    """A workspace with the wire story as ``articles/story.txt`` and the house glossary."""
    from translate import workspace

    workspace.init(root)
    shutil.copyfile(WIRE_STORY, root / "articles" / "story.txt")
    if HOUSE_GLOSSARY.is_file():
        shutil.copyfile(HOUSE_GLOSSARY, root / "glossaries" / HOUSE_GLOSSARY.name)
    return root / "articles" / "story.txt"


def story_sentences() -> list[str]:
    """The wire story's segments as tx splits them (what every argos contender translates)."""
    from translate.source.articles import read_article
    from translate.source.segments import segment_article

    return [s.source for s in segment_article(read_article(WIRE_STORY, default_lang="en"))]


def generated_workspace(root: Path, count: int, markdown_dir: Path) -> list[Path]:
    """Fill ``root`` with ``count`` articles, reviewed in three languages; returns pandoc inputs.

    The Markdown editions for pandoc go to ``markdown_dir/<lang>/<slug>.md``.
    """
    from translate import workspace
    from translate.models import State, TranslatedSegment, Translation
    from translate.source.articles import read_article
    from translate.source.segments import article_digest, segment_article
    from translate.workspace import workfiles

    workspace.init(root)
    paragraphs = story_paragraphs()
    body = paragraphs[1:]
    inputs: list[Path] = []
    for number in range(count):
        slug = f"article-{number:04d}"
        chosen = [body[(number + step * 3) % len(body)] for step in range(15)]
        title = f"{paragraphs[0]} ({number})"
        text = (
            f"---\ntitle: {title}\ndate: 2025-08-22\nauthor: Staff\n---\n\n"
            + "\n\n".join(chosen)
            + "\n"
        )
        path = root / "articles" / f"{slug}.md"
        path.write_text(text, encoding="utf-8")
        article = read_article(path, default_lang="en")
        segments = segment_article(article)
        for lang in LANGS:
            items = tuple(
                TranslatedSegment(s, s.source, "reviewer", State.REVIEWED) for s in segments
            )
            translation = Translation(
                slug=slug,
                source_lang="en",
                target_lang=lang,
                source_digest=article_digest(segments),
                segments=items,
                revision=1,
            )
            workfiles.save(root / "translations" / lang / f"{slug}.json", translation)
            edition = markdown_dir / lang / f"{slug}.md"
            edition.parent.mkdir(parents=True, exist_ok=True)
            edition.write_text(text.replace("author: Staff", f"lang: {lang}"), encoding="utf-8")
            inputs.append(edition)
    return inputs
