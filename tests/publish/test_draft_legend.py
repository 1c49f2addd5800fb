"""A draft page (``tx export --draft``) explains its highlight colours in a legend under the
draft banner, in the edition's language; a published page has neither."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from translate import workspace
from translate.cli import app
from translate.models import Flag, State, TranslatedSegment, Translation
from translate.source.articles import read_article
from translate.source.segments import article_digest, segment_article
from translate.workspace import workfiles

CASES = Path(__file__).parents[1] / "cases" / "export"
runner = CliRunner()


def _workspace(root: Path) -> Path:
    """The sample article in French, machine-translated, its second sentence flagged."""
    workspace.init(root)
    target = root / "articles" / "sample.md"
    target.write_text((CASES / "sample.md").read_text(encoding="utf-8"), encoding="utf-8")
    segments = segment_article(read_article(target))
    for lang, state in (("fr", State.TRANSLATED), ("es", State.REVIEWED)):
        targets = json.loads((CASES / f"sample.{lang}.json").read_text(encoding="utf-8"))
        items = tuple(
            TranslatedSegment(
                s,
                targets[s.source],
                "test",
                state,
                (Flag("number", "a figure differs from the source"),)
                if n == 1 and lang == "fr"
                else (),
            )
            for n, s in enumerate(segments)
        )
        translation = Translation("sample", "en", lang, article_digest(segments), items)
        workfiles.save(root / "translations" / lang / "sample.json", translation)
    return root


def _background(css_rule: str, page: str) -> str:
    found = re.search(re.escape(css_rule) + r"\{background:(#[0-9a-f]{6})", page)
    assert found, css_rule
    return found.group(1)


def test_the_draft_page_has_a_legend_of_its_colours(tmp_path: Path) -> None:
    root = _workspace(tmp_path)
    result = runner.invoke(app, ["-w", str(root), "export", "--lang", "fr", "--draft"])
    assert result.exit_code == 0, result.output
    page = (root / "exports" / "drafts" / "fr" / "sample.html").read_text(encoding="utf-8")
    legend = re.search(r'<p class="tx-draft-legend">(.*?)</p>', page)
    assert legend is not None
    assert page.index("tx-draft-banner") < page.index('class="tx-draft-legend"')
    assert legend.group(1).startswith("Surlignage :")
    assert "pas encore relue" in legend.group(1)
    assert "signalée par un contrôle" in legend.group(1)
    # the swatches wear the colours of the marks they explain, and both kinds of mark occur
    assert _background(".tx-swatch-draft", page) == _background("mark.tx-draft", page)
    assert _background(".tx-swatch-flagged", page) == _background("mark.tx-draft[data-flags]", page)
    assert 'data-flags="number"' in page and '<mark class="tx-draft" data-state=' in page


def test_a_published_page_has_no_legend(tmp_path: Path) -> None:
    root = _workspace(tmp_path)
    result = runner.invoke(app, ["-w", str(root), "export", "sample", "--lang", "es"])
    page_path = root / "exports" / "site" / "es" / "sample.html"
    assert page_path.is_file(), result.output
    page = page_path.read_text(encoding="utf-8")
    assert "tx-draft-legend" not in page and "tx-swatch" not in page
