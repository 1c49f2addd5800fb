"""A reviewed sentence corrected in its article ("Daniel Okafor" became "Daniel Okoro") is
kept in memory.tmx as superseded: `tx memory search` shows it so, with what it was corrected
to; it is never offered as a match; `tx memory export` leaves it out unless --superseded.
`tx memory search PHRASE --lang es` covers memory.tmx too. Through the CLI, with apertium."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from support.cli import tx
from support.reviewer import Reviewer

from translate import workspace
from translate.translation.engines.apertium import ApertiumEngine
from translate.workspace import Workspace, workfiles

pytestmark = [
    pytest.mark.apertium,
    pytest.mark.skipif(
        not ApertiumEngine().supports("en", "es"), reason="apertium eng-spa is not installed"
    ),
]

SLUG = "port-strike"
NAMED = "Daniel Okafor said the talks would resume on Monday."
CORRECTED = NAMED.replace("Okafor", "Okoro")
DROPPED = "Okafor has led the union since the spring."
ARTICLE = (
    "---\ntitle: Dock workers end their strike\n---\n\n"
    "The port reopened on Friday after a week of strikes. {named} {dropped}\n"
)


def _write(ws: Workspace, slug: str, named: str, dropped: str = "") -> None:
    text = ARTICLE.format(named=named, dropped=dropped).replace(" \n", "\n")
    (ws.articles_dir / f"{slug}.md").write_text(text, encoding="utf-8")


def _translate(ws: Workspace, slug: str) -> list[str]:
    code, out = tx(ws, "translate", slug, "--to", "es", "--engine", "apertium")
    assert code == 0, out
    return out.split("\n")[1].split()  # article, lang, kept, memory, engine, flagged ...


def _approve_everything(ws: Workspace, slug: str) -> None:
    code, out = tx(ws, "review", "export", slug, "--lang", "es", "--force")
    assert code == 0, out
    reviewer = Reviewer(ws.review_file(slug, "es"))
    for row in reviewer.table.rows[1:]:
        reviewer.retype(row.cells[0].text.split("\n")[0], "final", column=3)
    reviewer.save()
    code, out = tx(ws, "review", "import", str(reviewer.path))
    assert code == 0, out


def _hits(out: str) -> list[str]:
    return [line for line in out.split("\n") if line and not line.startswith(" ")][:-1]


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    workspace.init(tmp_path / "ws")
    ws = workspace.load(tmp_path / "ws")
    _write(ws, SLUG, NAMED, DROPPED)
    _translate(ws, SLUG)
    _approve_everything(ws, SLUG)
    _write(ws, SLUG, CORRECTED)  # the name corrected, the second sentence cut
    _translate(ws, SLUG)
    _approve_everything(ws, SLUG)  # the translation re-reviewed
    return ws


def test_the_old_pair_is_kept_as_superseded_and_searched_with_lang(ws: Workspace) -> None:
    code, out = tx(ws, "memory", "search", "Okafor")
    assert code == 0, out
    hits = _hits(out)
    assert len(hits) == 2 and all(hit.startswith("(memory) es ") for hit in hits), out
    assert sum("final, superseded" in hit for hit in hits) == 1, out
    assert f"  corrected to: {CORRECTED}" in out.split("\n")
    code, with_lang = tx(ws, "memory", "search", "Okafor", "--lang", "es")
    assert code == 0 and _hits(with_lang) == hits, with_lang
    assert with_lang.rstrip().endswith("2 sentence pair(s)")
    code, okoro = tx(ws, "memory", "search", "Okoro", "--lang", "es")
    assert _hits(okoro) and "superseded" not in okoro, okoro


def test_a_superseded_pair_is_never_a_match(ws: Workspace) -> None:
    translated = workfiles.load(ws.work_file(SLUG, "es"))
    old = next(i for i in translated.segments if i.segment.source == CORRECTED).target
    _write(ws, "harbour", NAMED, DROPPED)  # another article repeats the old sentences
    row = _translate(ws, "harbour")
    assert row[3:5] == ["3", "1"], row  # only the old sentence goes to the engine
    items = {i.segment.source: i for i in workfiles.load(ws.work_file("harbour", "es")).segments}
    assert items[NAMED].origin == "apertium:eng-spa"
    assert items[DROPPED].origin == "memory"
    assert "Okoro" not in items[NAMED].target and old != items[NAMED].target


def test_export_leaves_it_out_unless_asked(ws: Workspace, tmp_path: Path) -> None:
    plain, full = tmp_path / "plain.tmx", tmp_path / "full.tmx"
    assert tx(ws, "memory", "export", str(plain))[0] == 0
    code, out = tx(ws, "memory", "export", str(full), "--superseded")
    assert code == 0, out

    def sources(path: Path) -> dict[str, str]:
        found = {}
        for tu in etree.parse(str(path)).iter("tu"):
            mark = tu.find("prop[@type='x-superseded']")
            found[tu.find("tuv/seg").xpath("string()")] = "" if mark is None else mark.text
        return found

    assert NAMED not in sources(plain) and CORRECTED in sources(plain)
    assert DROPPED in sources(plain)
    assert sources(full)[NAMED] == CORRECTED
