"""Sealed flags: an unchanged article is not checked again, anything that changes what the
checks read is (pipeline with the fake engine; the checks themselves are real)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from support.fake_engine import FakeEngine

from translate import workspace
from translate.checks import seal as check_seal
from translate.checks import segment as checks
from translate.models import Flag, Glossary, Segment, State, TranslatedSegment
from translate.translation import engine_run
from translate.translation.pipeline import translate
from translate.workspace import workfiles

KEY = bytes(range(32))  # a sealing key, as .tx/seal.key holds one
GLOSSARY = """en,es,type,case,note,avoid:es
White House,Casa Blanca,term,,,casa blanca
Donald Trump,,keep,sensitive,a name,Donald Triunfo
"""

ARTICLE = """---
title: The White House said
---

Donald Trump said the White House met 80 people on 3 May.

Russia is in Europe.
"""


@pytest.fixture()
def ws(tmp_path: Path) -> workspace.Workspace:
    workspace.init(tmp_path)
    (tmp_path / "glossaries" / "house.csv").write_text(GLOSSARY, encoding="utf-8")
    (tmp_path / "articles" / "story.md").write_text(ARTICLE, encoding="utf-8")
    return workspace.load(tmp_path)


@pytest.fixture()
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Targets the checks were run on (the checks still run)."""
    real = checks.check_segment
    seen: list[str] = []

    def check(source: str, target: str, *args: Any, **kwargs: Any) -> tuple[Flag, ...]:
        if source not in (engine_run.WARM_UP, engine_run.WARM_UP_MARKUP):  # not the warm-up
            seen.append(target)
        return real(source, target, *args, **kwargs)

    monkeypatch.setattr(checks, "check_segment", check)
    return seen


def run(ws: workspace.Workspace) -> None:
    translate(ws, [ws.articles_dir / "story.md"], ["es"], choose_engine=lambda s, t: FakeEngine())


def work_file(ws: workspace.Workspace) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(ws.work_file("story", "es").read_text(encoding="utf-8"))
    return data


def test_an_unchanged_article_is_not_checked_again(
    ws: workspace.Workspace, counted: list[str]
) -> None:
    run(ws)
    assert len(counted) == 3 and work_file(ws)["checked"]
    before = ws.work_file("story", "es").read_bytes()
    counted.clear()
    run(ws)
    assert counted == []
    assert ws.work_file("story", "es").read_bytes() == before


def test_a_glossary_change_checks_every_sentence_again(
    ws: workspace.Workspace, counted: list[str]
) -> None:
    run(ws)
    flagged = [s["flags"] for s in work_file(ws)["segments"]]
    glossary = ws.root / "glossaries" / "house.csv"
    glossary.write_text(GLOSSARY + "Europe,Europa Central,term,,,\n", encoding="utf-8")
    counted.clear()
    run(ws)
    assert len(counted) == 3
    now = [s["flags"] for s in work_file(ws)["segments"]]
    assert now[2] != flagged[2]  # "Europe" must now be rendered "Europa Central"
    assert any("Europa Central" in f["message"] for f in now[2])


def test_a_hand_edited_translation_is_checked_again(
    ws: workspace.Workspace, counted: list[str]
) -> None:
    run(ws)
    data = work_file(ws)
    data["segments"][1]["target"] = "Donald Triunfo dijo algo."
    ws.work_file("story", "es").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    counted.clear()
    run(ws)
    assert "Donald Triunfo dijo algo." in counted and len(counted) == 3
    codes = {f["code"] for f in work_file(ws)["segments"][1]["flags"]}
    assert {"avoid", "number"} <= codes


def test_an_unsealed_work_file_is_checked_but_not_saved_for_the_seal_alone(
    ws: workspace.Workspace, counted: list[str]
) -> None:
    run(ws)
    data = work_file(ws)
    del data["checked"]  # as written before seals existed
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    ws.work_file("story", "es").write_text(text, encoding="utf-8")
    counted.clear()
    run(ws)
    assert len(counted) == 3
    assert ws.work_file("story", "es").read_text(encoding="utf-8") == text  # revision kept


def test_the_seal_covers_sources_targets_flags_and_context() -> None:
    glossary = Glossary("en", ())
    item = TranslatedSegment(Segment("a1", 0, "Hello."), "Hola.", "fake", State.TRANSLATED, ())
    context = check_seal.context(glossary, "es", KEY)
    sealed = check_seal.seal(context, [item])
    assert check_seal.is_sealed(context, sealed, [item])
    assert not check_seal.is_sealed(context, "", [item])
    assert not check_seal.is_sealed(check_seal.context(glossary, "fr", KEY), sealed, [item])
    for changed in (
        item.with_changes(target="Hola!"),
        item.with_changes(flags=(Flag("number", "x"),)),
        item.with_changes(segment=Segment("a1", 0, "Hello!")),
    ):
        assert not check_seal.is_sealed(context, sealed, [changed])


def test_work_files_keep_the_seal_and_a_merge_drops_it(tmp_path: Path) -> None:
    item = TranslatedSegment(Segment("a1", 0, "Hello."), "Hola.", "fake", State.TRANSLATED, ())
    sealed = check_seal.seal("context", [item])
    mine = workfiles.Translation("story", "en", "es", "d", (item,), 1, checked=sealed)
    path = tmp_path / "story.json"
    workfiles.save(path, mine)
    assert workfiles.load(path).checked == sealed
    theirs = workfiles.Translation("story", "en", "es", "d", (item.with_changes(target="Hi"),), 2)
    assert workfiles.merge(mine, mine, theirs).checked == ""


def test_the_context_follows_the_glossary_and_the_installed_libraries(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from translate.models import Term

    empty = Glossary("en", ())
    one = Glossary("en", (Term("Europe", {"es": "Europa"}),))
    before = check_seal.context(empty, "es", KEY)
    assert check_seal.context(one, "es", KEY) != before
    assert check_seal.context(Glossary("fr", ()), "es", KEY) != before
    monkeypatch.setattr(check_seal, "_installed", lambda name: f"{name}:upgraded")
    assert check_seal.context(empty, "es", KEY) != before


@pytest.mark.parametrize("library", ["markdown_it", "mdit_py_plugins"])
def test_the_context_follows_the_markdown_parser_the_markup_check_reads(
    monkeypatch: pytest.MonkeyPatch, library: str
) -> None:
    # qa's markup check parses both texts with markdown-it (translate.source.markdown): an upgrade
    # that parses them differently can change its flags.
    empty = Glossary("en", ())
    before = check_seal.context(empty, "es", KEY)
    real = check_seal._installed
    monkeypatch.setattr(
        check_seal, "_installed", lambda name: "upgraded" if name == library else real(name)
    )
    assert check_seal.context(empty, "es", KEY) != before


@pytest.mark.parametrize("forged", [None, ["abc"], {"seal": "abc"}, True, "\u0000", 12])
def test_a_malformed_seal_is_no_seal_and_the_work_file_stays_readable(
    ws: workspace.Workspace, counted: list[str], forged: object
) -> None:
    # The seal only spares checks: a hand-edited one must not make every command refuse the
    # work file (whose hint would be to delete it, reviewed translations and all).
    from support.cli import tx

    run(ws)
    data = work_file(ws)
    data["checked"] = forged
    ws.work_file("story", "es").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert workfiles.load(ws.work_file("story", "es")).checked == ""
    counted.clear()
    run(ws)
    assert len(counted) == 3  # checked again
    code, output = tx(ws, "status")
    assert code == 0, output


def test_the_context_follows_the_source_of_the_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    # An editable install (make setup) keeps __version__ across a `git pull`: a pulled change
    # to a check must still give another context, bumped revision or not.
    empty = Glossary("en", ())
    before = check_seal.context(empty, "es", KEY)
    real = check_seal._source
    monkeypatch.setattr(
        check_seal, "_source", lambda name: "edited" if name == "checks/qa.py" else real(name)
    )
    assert check_seal.context(empty, "es", KEY) != before


def test_the_context_names_every_module_the_checks_run() -> None:
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from translate.checks import segment as checks\n"
        "from translate.models import Glossary, Term\n"
        "g = Glossary('en', (Term('Europe', {'es': 'Europa', 'ru': 'Европа'}),))\n"
        "for lang in ('es', 'de', 'ru', 'fr'):\n"
        "    checks.check_segment('**Europe** [a](https://a.b) 1,234 on 9 May 2025',"
        " '**Europa** 1.234 el 9 de mayo', g, lang)\n"
        "print(' '.join(m for m in sys.modules if m.startswith('translate.')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    loaded = {name.removeprefix("translate.") for name in done.stdout.split()}
    # Modules the checks load but whose code decides no flag.
    plumbing = {"errors", "checks", "source", "glossary", "workspace", "workspace.locking"}
    plumbing |= {"workspace.engine_options", "translation", "translation.engines"}
    plumbing |= {"workspace.files", "workspace.paths", "workspace.settings"}
    named = {
        m.removesuffix(".py").removesuffix("/__init__").replace("/", ".")
        for m in check_seal.check_modules()
    }
    assert loaded - plumbing <= named, loaded - plumbing - named
    root = Path(check_seal.__file__).parents[1]
    assert all((root / name).is_file() for name in check_seal.check_modules())
