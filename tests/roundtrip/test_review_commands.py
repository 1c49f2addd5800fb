"""Tests of ``tx review export`` and ``tx review import`` through the real CLI."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from support.review_sample import (
    SLUG,
    build_workspace,
)
from support.reviewer import Reviewer, ids, review_round
from typer.testing import CliRunner

from translate.cli import app
from translate.models import State
from translate.workspace import Workspace, workfiles

runner = CliRunner()


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return build_workspace(tmp_path / "ws")


def tx(ws: Workspace, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--workspace", str(ws.root), *args])
    return result.exit_code, result.stdout, result.stderr


def test_export_one_article_by_path_or_slug(ws: Workspace) -> None:
    code, out, _ = tx(ws, "review", "export", f"articles/{SLUG}.md", "--lang", "es")
    assert code == 0
    assert out == f"wrote {ws.review_file(SLUG, 'es')}\n"
    code, out, _ = tx(ws, "review", "export", SLUG)
    assert code == 0
    assert out.splitlines() == [
        f"wrote {ws.review_file(SLUG, 'ar')}",
        f"wrote {ws.review_file(SLUG, 'es')}",
    ]


def test_export_all_open_work(ws: Workspace) -> None:
    work = ws.work_file(SLUG, "ar")
    done = workfiles.load(work)
    workfiles.save(
        work,
        replace(done, segments=tuple(i.with_changes(state=State.FINAL) for i in done.segments)),
    )
    code, out, _ = tx(ws, "review", "export", "--all")
    assert (code, out) == (0, f"wrote {ws.review_file(SLUG, 'es')}\n")


def test_export_needs_an_article_or_all(ws: Workspace) -> None:
    code, _, err = tx(ws, "review", "export")
    assert code == 2 and "give an ARTICLE or --all" in err


def test_export_of_an_untranslated_article_fails_clearly(ws: Workspace) -> None:
    code, out, err = tx(ws, "review", "export", "unknown-story")
    assert code == 1 and out == ""
    assert err.startswith("error: ") and "no such article 'unknown-story'" in err


def test_import_prints_the_summary(ws: Workspace) -> None:
    path = review_round(ws).path
    code, out, err = tx(ws, "review", "import", str(path))
    assert code == 3  # done in part: a row was skipped
    assert err == f"not done: {path}: 1 row(s) skipped or in conflict (listed above)\n"
    lines = out.splitlines()
    assert lines[0] == f"{path}: review of '{SLUG}' in es -> {ws.work_file(SLUG, 'es')}"
    assert lines[1] == (
        "  changed 3, approved 1, needs work 1, flagged 1, notes added 1, skipped 1"
    )
    assert f"  skipped {ids(ws)[4]}: {path.name}: no row for this segment" in out
    assert lines[-1] == f"  saved {ws.work_file(SLUG, 'es')} (revision 4)"
    code, out, _ = tx(ws, "review", "import", str(path))
    assert code == 3 and out.splitlines()[-1].startswith("  nothing changed")


def test_import_refusal_exits_3_and_keeps_going(ws: Workspace, tmp_path: Path) -> None:
    spanish = review_round(ws).path
    arabic_path = tx(ws, "review", "export", SLUG, "--lang", "ar")[1].split()[-1]
    Reviewer(Path(arabic_path)).save()
    before = ws.work_file(SLUG, "ar").read_bytes()
    code, out, err = tx(ws, "review", "import", arabic_path, str(spanish), "--lang", "es")
    assert code == 3  # the Spanish document was imported: done in part
    assert err.startswith(
        f"error: {arabic_path}: this document is the review of article '{SLUG}' in 'ar', not "
        f"of '{SLUG}' in 'es' (import it without --lang, or pick the right "
        "document)\nnot done: "
    )
    assert err.endswith("1 file(s) not imported (listed above)\n")
    assert ws.work_file(SLUG, "ar").read_bytes() == before
    assert "saved" in out.splitlines()[-1]  # the Spanish document was still imported


def test_import_checks_against_the_workspace_glossary(ws: Workspace) -> None:
    (ws.root / "glossaries" / "house.csv").write_text(
        "en,es\nChina (the CCP),China (el PCCh)\n", encoding="utf-8"
    )
    s = ids(ws)
    assert tx(ws, "review", "export", SLUG, "--lang", "es")[0] == 0
    reviewer = Reviewer(ws.review_file(SLUG, "es"))
    reviewer.retype(s[6], "En segundo lugar, China no ha condenado esos ataques.")
    code, out, _ = tx(ws, "review", "import", str(reviewer.save()))
    assert code == 0
    assert f"  flagged {s[6]}: " in out
    item = workfiles.load(ws.work_file(SLUG, "es")).segments[6]
    assert [f.code for f in item.flags] == ["glossary"]
    assert "China (el PCCh)" in item.flags[0].message


def test_import_reports_conflicts_and_all_or_nothing_refuses(ws: Workspace) -> None:
    path = review_round(ws).path
    work = ws.work_file(SLUG, "es")
    translation = workfiles.load(work)
    segments = list(translation.segments)
    segments[3] = segments[3].with_changes(target="Otra traducción automática.")
    workfiles.save(work, replace(translation, segments=tuple(segments), revision=4))
    before = work.read_bytes()
    code, _, err = tx(ws, "review", "import", str(path), "--all-or-nothing")
    assert code == 1 and err.startswith("error: ") and "changed on both sides" in err
    assert work.read_bytes() == before
    code, out, _ = tx(ws, "review", "import", str(path))
    assert code == 3
    assert f"  conflict {segments[3].id}: {path.name}: row 4: translation edited" in out
    assert workfiles.load(work).segments[3].target == "Otra traducción automática."
    assert workfiles.load(work).segments[0].state is State.REVIEWED
