"""The engine's confidence per sentence (translate.confidence): bands from CTranslate2's
per-token log-probability, "no score" for apertium, shown in the work file, `tx status` and
the review document, and `tx review export --below high` for the least confident sentences."""

from __future__ import annotations

import json
import math
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from support.cli import tx
from support.review_sample import GLOSSARY, SLUG, TODAY, build_workspace
from support.reviewer import Reviewer, cell_text

from translate import workspace
from translate.confidence import (
    HIGH,
    LOW,
    MEDIUM,
    NO_SCORE,
    band_of,
    below,
    segment_band,
)
from translate.models import State
from translate.roundtrip.review.export import export_review
from translate.roundtrip.review.importer import import_review
from translate.translation.engines import argos_packages
from translate.translation.engines.apertium import ApertiumEngine
from translate.translation.engines.argos import ArgosEngine, per_token
from translate.workspace import Workspace, workfiles

# (origin, score) for the sample's eight Spanish segments; 4 is reviewed, 6 final, 1 memory.
SCORES = [
    ("argos:en-es-1.0", -0.10),
    ("memory", None),
    ("argos:en-es-1.0", -0.60),
    ("argos:en-es-1.0", -1.70),
    ("reviewer", None),
    ("apertium:eng-spa", None),
    ("reviewer", None),
    ("argos:en-es-1.0", -0.20),
]


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    ws = build_workspace(tmp_path / "ws")
    work = ws.work_file(SLUG, "es")
    translation = workfiles.load(work)
    segments = tuple(
        item.with_changes(origin=origin, score=score)
        if not item.state.is_human and item.origin != "memory"
        else item
        for item, (origin, score) in zip(translation.segments, SCORES, strict=True)
    )
    workfiles.save(work, replace(translation, segments=segments))
    return ws


def test_bands_and_their_thresholds() -> None:
    assert [band_of(s) for s in (0.0, -0.35, -0.36, -0.9, -0.91, -5.0)] == [
        HIGH, HIGH, MEDIUM, MEDIUM, LOW, LOW,
    ]  # fmt: skip
    assert band_of(None) == NO_SCORE
    assert [below(b, HIGH) for b in (HIGH, MEDIUM, LOW, NO_SCORE, None)] == [
        False, True, True, True, False,
    ]  # fmt: skip
    assert [below(b, MEDIUM) for b in (HIGH, MEDIUM, LOW, NO_SCORE)] == [False, False, True, True]
    with pytest.raises(ValueError, match="unknown confidence band 'low'"):
        below(HIGH, LOW)


def test_per_token_undoes_ctranslate2s_length_normalisation() -> None:
    # 9 tokens and the end of sentence, each of probability 0.5, length penalty 0.2
    total = 10 * math.log(0.5)
    assert per_token(total / 10**0.2, 10, 0.2) == pytest.approx(math.log(0.5))
    assert per_token(total, 10, 0.0) == pytest.approx(math.log(0.5))


def test_argos_scores_are_per_token_log_probabilities(
    argos_package_file: Path, argos_packages_dir: Path
) -> None:
    argos_packages.install_file(argos_package_file)
    outputs = ArgosEngine().translate(
        ["The talks will resume on Monday.", "Kyiv said it would not accept the offer."],
        "en",
        "es",
    )
    for output in outputs:
        assert output.score is not None and -20 < output.score < 0
        assert band_of(output.score) in (HIGH, MEDIUM, LOW)


def test_the_score_is_the_mean_log_probability_of_the_chosen_tokens(
    argos_package_file: Path, argos_packages_dir: Path
) -> None:
    from translate.translation.engines.argos import _load, resolve_device, route

    argos_packages.install_file(argos_package_file)
    sentence = "The talks will resume on Monday."
    [output] = ArgosEngine().translate([sentence], "en", "es")
    [package] = route("en", "es", argos_packages_dir)
    model = _load(package, resolve_device("cpu"))
    tokens = [model.tokenizer.encode(sentence)]
    # without a length penalty CTranslate2 gives the sum of the tokens' log-probabilities
    [result] = model.translator.translate_batch(  # type: ignore[attr-defined]
        tokens, beam_size=4, length_penalty=0.0, return_scores=True
    )
    with_end = len(result.hypotheses[0]) + 1  # the end-of-sentence token is chosen too
    assert output.score == pytest.approx(result.scores[0] / with_end, rel=1e-4)


def test_the_work_file_stores_the_band(ws: Workspace) -> None:
    data = json.loads(ws.work_file(SLUG, "es").read_text(encoding="utf-8"))
    assert [segment.get("confidence") for segment in data["segments"]] == [
        HIGH, None, MEDIUM, LOW, None, NO_SCORE, None, HIGH,
    ]  # fmt: skip
    assert list(data["segments"][0])[:8] == [
        "id", "block", "source", "target", "origin", "state", "score", "confidence",
    ]  # fmt: skip


def test_status_counts_the_bands(ws: Workspace) -> None:
    code, out = tx(ws, "status")
    assert code == 0
    [line] = [line for line in out.splitlines() if f"{SLUG}" in line and " es " in line]
    assert "confidence: high 2, medium 1, low 1, no score 1" in line


def test_the_review_document_shows_each_band(ws: Workspace) -> None:
    document = docx.Document(str(export_review(ws, SLUG, "es", today=TODAY)))
    ids = [cell_text(row.cells[0]) for row in document.tables[1].rows[1:]]
    shown = [next((ln[12:] for ln in text.split("\n") if ln.startswith("confidence: ")), None)
             for text in ids]  # fmt: skip
    assert shown == [HIGH, None, MEDIUM, LOW, None, NO_SCORE, None, HIGH]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Engine confidence of the machine translations: high 2, medium 1, low 1, no score 1" in (
        text
    )


def test_export_below_high_holds_only_the_less_confident_sentences(ws: Workspace) -> None:
    segments = workfiles.load(ws.work_file(SLUG, "es")).segments
    code, out = tx(ws, "review", "export", SLUG, "--lang", "es", "--below", "high")
    assert code == 0, out
    document = docx.Document(str(ws.review_file(SLUG, "es")))
    rows = [cell_text(row.cells[0]).split("\n")[0] for row in document.tables[1].rows[1:]]
    assert rows == [segments[i].id for i in (2, 3, 5)]  # medium, low, no score
    identity = {r.cells[0].text: r.cells[1].text for r in document.tables[0].rows}
    assert identity["Selection"] == "confidence below high: 3 of 8"
    code, out = tx(ws, "review", "export", SLUG, "--lang", "es", "--below", "medium", "--force")
    document = docx.Document(str(ws.review_file(SLUG, "es")))
    rows = [cell_text(row.cells[0]).split("\n")[0] for row in document.tables[1].rows[1:]]
    assert rows == [segments[i].id for i in (3, 5)]


def test_importing_a_partial_document_leaves_the_other_segments_alone(ws: Workspace) -> None:
    before = workfiles.load(ws.work_file(SLUG, "es"))
    path = export_review(ws, SLUG, "es", today=TODAY, below=HIGH)
    untouched = import_review(ws, path, glossary=GLOSSARY)
    assert not untouched.saved and untouched.skipped == ()
    assert untouched.warnings == (
        f"{path.name}: a partial document (confidence below high: 3 of 8); the 5 segment(s) "
        "not in it were left as they are",
    )
    reviewer = Reviewer(path)
    reviewer.retype(before.segments[3].id, "Kiev dijo que no aceptará equipos de Pekín.")
    report = import_review(ws, reviewer.save(), glossary=GLOSSARY)
    after = workfiles.load(ws.work_file(SLUG, "es"))
    assert report.changed == (before.segments[3].id,) and report.skipped == ()
    assert after.segments[3].state is State.REVIEWED
    assert segment_band(after.segments[3]) is None  # a reviewer's now
    assert [a for i, a in enumerate(after.segments) if i != 3] == [
        b for i, b in enumerate(before.segments) if i != 3
    ]


def test_below_must_be_a_band(ws: Workspace) -> None:
    code, out = tx(ws, "review", "export", SLUG, "--lang", "es", "--below", "low")
    assert code != 0 and "'low' is not a band: use high or medium" in out


@pytest.mark.apertium
@pytest.mark.skipif(
    not ApertiumEngine().supports("en", "es"), reason="apertium eng-spa is not installed"
)
def test_apertium_gives_no_score_and_tx_invents_none(tmp_path: Path) -> None:
    workspace.init(tmp_path)
    (tmp_path / "articles" / "ports.md").write_text(
        "---\ntitle: The ports reopened\n---\n\nThe ports reopened on Monday. Russia said so.\n",
        "utf-8",
    )
    ws = workspace.load(tmp_path)
    code, out = tx(ws, "translate", "ports", "--to", "es", "--engine", "apertium")
    assert code == 0, out
    data = json.loads(ws.work_file("ports", "es").read_text(encoding="utf-8"))
    assert {(s["score"], s["confidence"]) for s in data["segments"]} == {(None, NO_SCORE)}
    code, out = tx(ws, "status")
    assert "confidence: no score 3" in out
