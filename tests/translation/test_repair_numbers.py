"""A reviewed translation whose source changed only in a number is repaired, however the
reviewer wrote the number (translate.translation.numbers): "el 80 % de" as a Spanish
reviewer types it, with a no-break or a narrow no-break space, or as English writes it; the
new number keeps the reviewer's style, and the sentence does not go back to the engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.cli import tx
from support.reviewer import Reviewer

from translate import workspace
from translate.models import ORIGIN_FUZZY, Glossary, State
from translate.translation.engines.apertium import ApertiumEngine
from translate.translation.numbers import Number, parse
from translate.translation.repair import repair
from translate.workspace import Workspace, workfiles

SLUG = "rents"
SOURCE = "Rents rose for {n} of tenants in the capital last year, the housing office said."
REVIEWED = "La oficina de vivienda dijo que el alquiler subió para el {n} de los inquilinos."
STYLES = ["80%", "80 %", "80\u00a0%", "80\u202f%"]
NONE = Glossary("en", ())


@pytest.mark.parametrize("written", STYLES)
def test_the_number_is_found_and_rewritten_in_the_reviewers_style(written: str) -> None:
    new = written.replace("80", "85")
    fixed = repair(
        SOURCE.format(n="80%"), REVIEWED.format(n=written), SOURCE.format(n="85%"), NONE, "es", "en"
    )
    assert fixed == REVIEWED.format(n=new)


@pytest.mark.parametrize(
    ("old", "new", "target", "lang", "expected"),
    [
        ("1,200", "12,500.5", "costó 1.200 euros", "es", "costó 12.500,5 euros"),
        ("1,200", "12,500", "a coûté 1 200 euros", "fr", "a coûté 12 500 euros"),
        ("1,200", "1,350", "kostete 1200 Euro", "de", "kostete 1350 Euro"),
        ("3.5", "4.25", "subió un 3,5 %", "es", "subió un 4,25 %"),
        ("300", "12,500", "costó 300 euros", "es", "costó 12.500 euros"),
    ],
)
def test_separators_and_decimal_marks_follow_the_translation(
    old: str, new: str, target: str, lang: str, expected: str
) -> None:
    sentence = "It cost {n} euros after the increase."
    fixed = repair(sentence.format(n=old), target, sentence.format(n=new), NONE, lang, "en")
    assert fixed == expected


def test_a_number_twice_or_missing_is_not_repaired() -> None:
    sentence = "It fell by {n} points."
    assert repair(sentence.format(n="12"), "Cayó 12 puntos, 12.", sentence.format(n="14"),
                  NONE, "es", "en") is None  # fmt: skip
    assert repair(sentence.format(n="12"), "Cayó doce puntos.", sentence.format(n="14"),
                  NONE, "es", "en") is None  # fmt: skip
    assert parse("2025", "en") == Number("2025", "", False)
    assert parse("12,5 %", "es") == Number("12", "5", True)


@pytest.mark.apertium
@pytest.mark.skipif(
    not ApertiumEngine().supports("en", "es"), reason="apertium eng-spa is not installed"
)
@pytest.mark.parametrize("written", ["80 %", "80\u00a0%"])
def test_a_one_number_correction_is_repaired_through_the_cli(tmp_path: Path, written: str) -> None:
    workspace.init(tmp_path / "ws")
    ws = workspace.load(tmp_path / "ws")
    article = ws.articles_dir / f"{SLUG}.md"
    article.write_text(
        f"---\ntitle: Rents in the capital\n---\n\n{SOURCE.format(n='80%')}\n", encoding="utf-8"
    )
    assert tx(ws, "translate", SLUG, "--to", "es", "--engine", "apertium")[0] == 0
    reviewer = Reviewer(_export(ws))
    segment_id = workfiles.load(ws.work_file(SLUG, "es")).segments[1].id
    reviewer.retype(segment_id, REVIEWED.format(n=written))
    reviewer.retype(segment_id, "final", column=3)
    reviewer.save()
    code, out = tx(ws, "review", "import", str(reviewer.path))
    assert code == 0 and "changed 1, approved 1" in out, out

    article.write_text(article.read_text().replace("80%", "85%"), encoding="utf-8")
    code, out = tx(ws, "translate", SLUG, "--to", "es", "--engine", "apertium")
    assert code == 0, out
    header, row = out.split("\n")[:2]
    assert header.split()[:6] == ["article", "lang", "kept", "memory", "engine", "flagged"]
    assert row.split()[:6] == [SLUG, "es", "1", "1", "0", "0"], out  # nothing to the engine
    item = workfiles.load(ws.work_file(SLUG, "es")).segments[1]
    assert item.target == REVIEWED.format(n=written.replace("80", "85"))
    assert (item.origin, item.state) == (ORIGIN_FUZZY, State.TRANSLATED)


def _export(ws: Workspace) -> Path:
    code, out = tx(ws, "review", "export", SLUG, "--lang", "es")
    assert code == 0, out
    return ws.review_file(SLUG, "es")
