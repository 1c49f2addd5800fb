"""The translate pipeline with a deterministic fake engine: reuse, memory, enforcement."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support.fake_engine import FakeEngine

from translate import workspace
from translate.errors import EngineError, UsageError
from translate.models import State
from translate.translation.pipeline import translate
from translate.workspace import workfiles

GLOSSARY = """en,es,type,case,note,avoid:es
China (the CCP),China (el PCCh),term,,,Partido Comunista Chino
Donald Trump,,keep,sensitive,a name,Donald Triunfo
White House,Casa Blanca,term,,,casa blanca
"""

ARTICLE = """---
title: The White House said
date: 2025-08-22
---

Donald Trump said China (the CCP) helped Russia.

The White House said 80% of the parts came from China (the CCP).

Russia is in Europe.
"""


@pytest.fixture()
def ws(tmp_path: Path) -> workspace.Workspace:
    workspace.init(tmp_path)
    (tmp_path / "glossaries" / "house.csv").write_text(GLOSSARY, encoding="utf-8")
    (tmp_path / "articles" / "story.md").write_text(ARTICLE, encoding="utf-8")
    return workspace.load(tmp_path)


def run(ws: workspace.Workspace, engine: FakeEngine, *langs: str) -> list:  # type: ignore[type-arg]
    return translate(
        ws, [ws.articles_dir / "story.md"], list(langs or ["es"]), choose_engine=lambda s, t: engine
    )


def review_last_sentence(ws: workspace.Workspace, state: str) -> Path:
    """A reviewer's translation of "Russia is in Europe." in the Spanish work file."""
    path = ws.work_file("story", "es")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["segments"][3].update(target="Rusia está en Europa.", state=state, origin="reviewer")
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def targets(ws: workspace.Workspace, lang: str = "es") -> list[str]:
    return [item.target for item in workfiles.load(ws.work_file("story", lang)).segments]


def test_terms_are_enforced_and_names_kept(ws: workspace.Workspace) -> None:
    engine = FakeEngine()
    [result] = run(ws, engine)
    assert result.from_engine == 4 and result.written
    texts = targets(ws)
    assert texts[1] == "Donald Trump dijo China (el PCCh) ayudó Rusia."
    assert texts[2] == "El Casa Blanca dijo 80% de el parts came from China (el PCCh)."
    assert not any("TXP" in text for text in texts)
    assert len(engine.calls) == 1  # the whole article in one batch
    assert engine.released  # models are freed once the language is done
    translation = workfiles.load(ws.work_file("story", "es"))
    assert all(item.state is State.TRANSLATED for item in translation.segments)
    assert translation.segments[1].origin == "fake:en-es"
    assert translation.segments[1].flags == ()


@pytest.mark.parametrize("mode", ["drop", "duplicate", "mangle"])
def test_broken_placeholders_are_retranslated_unmasked_and_flagged(
    ws: workspace.Workspace, mode: str
) -> None:
    engine = FakeEngine(mode)
    run(ws, engine)
    translation = workfiles.load(ws.work_file("story", "es"))
    item = translation.segments[1]  # "Donald Trump said China (the CCP) helped Russia."
    assert "TXP" not in item.target
    # translated again without masking: the known wrong rendering was replaced
    assert "Triunfo" not in item.target and "Donald Trump" in item.target
    codes = [flag.code for flag in item.flags]
    assert codes[0] == "placeholder"
    assert "glossary" in codes  # China (the CCP) came back unenforced, and says so
    assert len(engine.calls) == 2  # one batch, plus one retry batch for the broken segments


def test_second_run_makes_no_engine_call_and_writes_nothing(ws: workspace.Workspace) -> None:
    run(ws, FakeEngine())
    path = ws.work_file("story", "es")
    before = path.read_bytes()

    def no_engine(source: str, target: str) -> FakeEngine:
        raise AssertionError("no engine may be created")

    [result] = translate(ws, [ws.articles_dir / "story.md"], ["es"], choose_engine=no_engine)
    assert result.kept == 4 and result.from_engine == 0 and not result.written
    assert path.read_bytes() == before


def test_reviewed_translation_is_never_replaced(ws: workspace.Workspace) -> None:
    run(ws, FakeEngine())
    path = review_last_sentence(ws, "reviewed")
    article = ws.articles_dir / "story.md"
    article.write_text(ARTICLE.replace("Russia is in Europe.", "Russia is in Europe. It is."))
    engine = FakeEngine()
    [result] = run(ws, engine)
    assert engine.calls == [["It es."]] or len(engine.calls[0]) == 1
    assert result.kept == 4 and result.from_engine == 1
    translation = workfiles.load(path)
    reviewed = [item for item in translation.segments if item.state is State.REVIEWED]
    assert [item.target for item in reviewed] == ["Rusia está en Europa."]


def test_memory_supplies_sentences_reviewed_in_other_articles(ws: workspace.Workspace) -> None:
    run(ws, FakeEngine())
    review_last_sentence(ws, "final")
    other = ws.articles_dir / "other.md"
    other.write_text("---\ntitle: Other\n---\n\nRussia is in Europe.\n", encoding="utf-8")
    engine = FakeEngine()
    [result] = translate(ws, [other], ["es"], choose_engine=lambda s, t: engine)
    assert result.from_memory == 1 and result.from_engine == 1  # the title is new
    item = workfiles.load(ws.work_file("other", "es")).segments[1]
    assert (item.target, item.origin, item.state) == (
        "Rusia está en Europa.",
        "memory",
        State.TRANSLATED,
    )


def test_removed_reviewed_sentence_is_kept_in_memory(ws: workspace.Workspace) -> None:
    run(ws, FakeEngine())
    review_last_sentence(ws, "reviewed")
    article = ws.articles_dir / "story.md"
    article.write_text(ARTICLE.replace("Russia is in Europe.\n", ""), encoding="utf-8")
    [result] = run(ws, FakeEngine())
    assert result.removed == 1 and result.retired == 1
    article.write_text(ARTICLE, encoding="utf-8")
    engine = FakeEngine()
    [again] = run(ws, engine)
    assert again.from_memory == 1 and engine.calls == []
    assert targets(ws)[3] == "Rusia está en Europa."


def test_dry_run_writes_nothing_and_lists_segments(ws: workspace.Workspace) -> None:
    engine = FakeEngine()
    [result] = translate(
        ws, [ws.articles_dir / "story.md"], ["es"], dry_run=True, choose_engine=lambda s, t: engine
    )
    assert len(result.to_translate) == 4 and engine.calls == []
    assert not ws.work_file("story", "es").exists()


def test_several_languages_in_one_run(ws: workspace.Workspace) -> None:
    engine = FakeEngine()
    results = run(ws, engine, "es", "fr")
    assert [r.target_lang for r in results] == ["es", "fr"]
    assert ws.work_file("story", "fr").is_file()
    # no approved French term: the glossary term is left to the engine and not flagged
    fr = workfiles.load(ws.work_file("story", "fr")).segments[1]
    assert "China (el CCP)" in fr.target and fr.flags == ()


def test_work_file_of_another_article_is_refused(ws: workspace.Workspace) -> None:
    run(ws, FakeEngine())
    data = json.loads(ws.work_file("story", "es").read_text(encoding="utf-8"))
    data["article"] = "elsewhere"
    ws.work_file("story", "es").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(Exception, match="belongs to article 'elsewhere'"):
        run(ws, FakeEngine())


def test_urls_emails_numbers_and_markup_never_reach_the_engine(ws: workspace.Workspace) -> None:
    article = ws.articles_dir / "links.md"
    article.write_text(
        "---\ntitle: Links\n---\n\nSee [the report](https://example.org/r?id=7) by *AFP*, "
        "write to desk@example.org, 12.5% said.\n",
        encoding="utf-8",
    )
    engine = FakeEngine()
    translate(ws, [article], ["es"], choose_engine=lambda s, t: engine)
    sent = " ".join(text for call in engine.calls for text in call)
    for protected in ("https", "example.org", "desk@", "12.5", "*", "[", "]("):
        assert protected not in sent
    body = workfiles.load(ws.work_file("links", "es")).segments[1]
    assert body.target == (
        "See [el report](https://example.org/r?id=7) by *AFP*, write to desk@example.org, "
        "12,5% dijo."
    )
    # links, addresses, numbers and markup all survive; the fake engine translates two words
    assert [flag.code for flag in body.flags] == ["untranslated"]


def test_a_sentence_repeated_across_articles_goes_to_the_engine_once(
    ws: workspace.Workspace,
) -> None:
    other = ws.articles_dir / "other.md"
    other.write_text("---\ntitle: Other\n---\n\nRussia is in Europe.\n", encoding="utf-8")
    engine = FakeEngine()
    results = translate(
        ws, [ws.articles_dir / "story.md", other], ["es"], choose_engine=lambda s, t: engine
    )
    [batch] = engine.calls
    assert len(batch) == len(set(batch)) == 5  # 6 segments, "Russia is in Europe." twice
    assert [r.from_engine for r in results] == [4, 2]
    assert targets(ws)[3] == workfiles.load(ws.work_file("other", "es")).segments[1].target


def test_a_language_without_engine_is_left_out_and_the_others_translated(
    ws: workspace.Workspace,
) -> None:
    def only_spanish(source: str, target: str) -> FakeEngine:
        if target != "es":
            raise EngineError(f"no engine can translate {source} to {target}")
        return FakeEngine()

    story = [ws.articles_dir / "story.md"]
    planned = translate(ws, story, ["es", "fi"], choose_engine=only_spanish, dry_run=True)
    assert [(r.target_lang, bool(r.no_engine)) for r in planned] == [("es", False), ("fi", True)]
    assert not ws.work_file("story", "es").exists()
    es, fi = translate(ws, story, ["es", "fi"], choose_engine=only_spanish)
    assert es.written and not es.no_engine and ws.work_file("story", "es").exists()
    assert "en to fi" in fi.no_engine and not fi.written
    assert not ws.work_file("story", "fi").exists()


def test_progress_is_reported_per_batch_on_long_runs(ws: workspace.Workspace) -> None:
    long = ws.articles_dir / "long.md"
    body = " ".join(f"Russia said w{n}x times." for n in range(300))
    long.write_text(f"---\ntitle: Long\n---\n\n{body}\n", encoding="utf-8")
    seen: list[tuple[str, int, int]] = []
    engine = FakeEngine()
    translate(
        ws,
        [long],
        ["es"],
        progress=lambda label, done, total: seen.append((label, done, total)),
        choose_engine=lambda s, t: engine,
    )
    assert [done for _, done, _ in seen] == [128, 256, 301]
    assert {(label, total) for label, _, total in seen} == {("en->es (fake:en-es)", 301)}
    assert [len(call) for call in engine.calls] == [128, 128, 45]


def test_retranslate_after_a_glossary_change(ws: workspace.Workspace) -> None:
    run(ws, FakeEngine())
    review_last_sentence(ws, "reviewed")
    glossary = ws.root / "glossaries" / "house.csv"
    glossary.write_text(GLOSSARY + "parts,piezas,term,,,\n", encoding="utf-8")
    story = [ws.articles_dir / "story.md"]

    engine = FakeEngine()
    [kept] = translate(ws, story, ["es"], choose_engine=lambda s, t: engine)
    assert engine.calls == [] and kept.kept == 4
    assert "piezas" not in targets(ws)[2]  # flagged, not replaced, by a plain run
    before = workfiles.load(ws.work_file("story", "es")).segments

    [flagged] = translate(
        ws, story, ["es"], choose_engine=lambda s, t: engine, retranslate="flagged"
    )
    open_before = [i for i, item in enumerate(before) if item.open_flags]
    assert 2 in open_before and 3 not in open_before
    assert len(engine.calls) == 1 and len(engine.calls[0]) == len(open_before)
    assert flagged.from_engine == len(open_before) and "piezas" in targets(ws)[2]
    after = workfiles.load(ws.work_file("story", "es")).segments[2]
    assert "parts" not in " ".join(flag.message for flag in after.flags)
    assert "parts" in " ".join(flag.message for flag in before[2].flags)

    engine.calls.clear()
    [machine] = translate(
        ws, story, ["es"], choose_engine=lambda s, t: engine, retranslate="machine"
    )
    assert machine.from_engine == 3 and machine.kept == 1  # the reviewed sentence stays
    assert targets(ws)[3] == "Rusia está en Europa."
    with pytest.raises(UsageError, match="retranslate"):
        translate(ws, story, ["es"], choose_engine=lambda s, t: engine, retranslate="all")


def test_a_backlog_is_translated_and_saved_group_by_group(
    ws: workspace.Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Articles are planned, sent to the engine and saved a group at a time (so a long
    backlog's memory stays flat); a sentence repeated across groups goes to the engine once;
    an article whose work file is complete does not bring the engine in."""
    from translate.translation import pipeline

    monkeypatch.setattr(pipeline, "SAVE_EVERY", 6)
    paths = []
    for number in range(5):
        path = ws.articles_dir / f"part-{number}.md"
        path.write_text(
            f"---\ntitle: Part {number}\n---\n\nRussia is in Europe.\n\n"
            f"The vote was number {number}.\n\nThe port w{number}x reopened.\n",
            encoding="utf-8",
        )
        paths.append(path)
    saved_when_called: list[int] = []
    engine = FakeEngine()
    original = engine.translate

    def translate_and_count(texts: list[str], source: str, target: str):  # type: ignore[no-untyped-def]
        saved_when_called.append(len(list((ws.translations_dir / "es").glob("part-*.json"))))
        return original(texts, source, target)

    monkeypatch.setattr(engine, "translate", translate_and_count)
    results = translate(ws, paths, ["es"], choose_engine=lambda s, t: engine)
    assert [r.slug for r in results] == [f"part-{n}" for n in range(5)]
    assert all(r.written for r in results)
    # groups of whole articles holding at least 6 sentences: two articles each (4 + 4), then 1
    assert saved_when_called == [0, 2, 4]
    sent = [text for call in engine.calls for text in call]
    assert sum("Russia is in Europe" in text for text in sent) == 1  # once for the run

    unused = FakeEngine()
    again = translate(ws, paths, ["es"], choose_engine=lambda s, t: unused)
    assert unused.calls == [] and all(r.kept == r.total for r in again)


def test_checks_warm_up_beside_the_engine_and_a_failing_warm_up_changes_nothing(
    ws: workspace.Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    from translate.checks import segment as checks
    from translate.translation import engine_run

    real = checks.check_segment
    warmed: list[str] = []

    def check(source: str, target: str, *args: object, **kwargs: object) -> object:
        if source in (engine_run.WARM_UP, engine_run.WARM_UP_MARKUP):  # the warm-up's sample
            warmed.append(source)
            raise RuntimeError("a warm-up that fails")
        return real(source, target, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(checks, "check_segment", check)
    run(ws, FakeEngine(), "es", "fr")
    assert len(warmed) == 2  # once per language pair, before its first engine call
    expected_es = targets(ws, "es")
    monkeypatch.setattr(checks, "check_segment", real)
    ws.work_file("story", "es").unlink()
    run(ws, FakeEngine(), "es")
    assert targets(ws, "es") == expected_es
