"""The memory's indexed store: the same answers as a memory read whole, kept up to date
file by file, and rebuilt when it is damaged, foreign or tampered with."""

from __future__ import annotations

import random
import re
import sqlite3
from pathlib import Path

import pytest

from translate import memory, workspace
from translate.formats import tmx_write
from translate.memory import database, stored
from translate.memory.exchange import import_memory
from translate.memory.fuzzy import FuzzyIndex
from translate.memory.index_cache import fuzzy_index
from translate.memory.stored import StoredMemory
from translate.models import Segment, State, TranslatedSegment, Translation
from translate.workspace import workfiles

WORDS = tuple(
    re.findall(
        r"\S+",
        ("the talks on security guarantees for Ukraine resumed in Geneva after a pause"),
    )
)


def _sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 9))).capitalize() + "."


def _work_file(
    ws: workspace.Workspace, slug: str, lang: str, pairs, source_lang: str = "en"
) -> None:
    items = tuple(
        TranslatedSegment(Segment(f"s{n}", 0, source), target, "reviewer", state)
        for n, (source, target, state) in enumerate(pairs)
    )
    translation = Translation(slug, source_lang, lang, "digest", items, revision=1)
    workfiles.save(ws.work_file(slug, lang), translation)


def _tmx_file(path: Path, pairs, state: str = "reviewed", srclang: str = "en") -> None:
    units = [tmx_write.ExportUnit(srclang, s, lang, t, state, "reviewer") for s, lang, t in pairs]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(tmx_write.tmx_bytes(units, srclang, "test"))


@pytest.fixture
def ws(tmp_path: Path) -> workspace.Workspace:
    workspace.init(tmp_path)
    return workspace.load(tmp_path)


def _fill(ws: workspace.Workspace, seed: int) -> list[str]:
    """Work files, memory.tmx and two imported memories that disagree on many sentences."""
    rng = random.Random(seed)
    sources = [_sentence(rng) for _ in range(60)]
    for slug in ("b-story", "a-story"):
        pairs = [
            (s, f"{slug} {s.lower()}", rng.choice([State.REVIEWED, State.FINAL, State.TRANSLATED]))
            for s in rng.sample(sources, 20)
        ]
        _work_file(ws, slug, "es", pairs)
    _work_file(ws, "de-story", "de", [(sources[0], "auf Deutsch", State.REVIEWED)])
    own = [(s, "es", f"memoria {s}") for s in rng.sample(sources, 20)]
    _tmx_file(ws.translations_dir / memory.MEMORY_FILE, own, state="final")
    for name in ("agency", "wire"):
        pairs = [(s, rng.choice(["es", "es-ES", "es-MX", "fr"]), f"{name} {s}") for s in sources]
        _tmx_file(ws.translations_dir / "memories" / f"{name}.tmx", pairs)
    return sources


def _whole(ws: workspace.Workspace, lang: str, **options) -> memory.Memory:
    return stored._read_whole(ws, lang, **options)


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("lang", ["es", "es-ES", "de", "fr"])
def test_the_store_answers_as_the_whole_memory(
    ws: workspace.Workspace, seed: int, lang: str
) -> None:
    sources = _fill(ws, seed)
    stored = memory.load(ws, lang, source_lang="en")
    whole = _whole(ws, lang, source_lang="en")
    assert isinstance(stored, StoredMemory)
    assert [u for u in stored.units()] == whole.units()
    assert len(stored) == len(whole)
    rng = random.Random(seed)
    queries = [*sources, *(_sentence(rng) for _ in range(40)), "Nothing like it."]
    index = fuzzy_index(ws, stored.units(), "en", lang)
    reference = FuzzyIndex(whole.units())
    for query in queries:
        assert stored.lookup(query) == whole.lookup(query)
        for threshold in (50, 75, 100):
            assert index.best(query, threshold=threshold, limit=3) == reference.best(
                query, threshold=threshold, limit=3
            ), query


def test_skipped_work_files_and_other_source_languages_are_left_out(
    ws: workspace.Workspace,
) -> None:
    _fill(ws, 4)
    _work_file(ws, "from-french", "es", [("Bonjour.", "Hola.", State.REVIEWED)], "fr")
    for options in ({"skip_slugs": ["a-story"]}, {"source_lang": "fr"}, {}):
        stored, whole = memory.load(ws, "es", **options), _whole(ws, "es", **options)
        assert list(stored.units()) == whole.units(), options


def test_a_memory_read_backwards(ws: workspace.Workspace) -> None:
    _tmx_file(ws.translations_dir / "memories" / "m.tmx", [("Good morning.", "es", "Buenos días.")])
    stored = memory.load(ws, "en", source_lang="es")
    assert stored.lookup("Buenos días.") == _whole(ws, "en", source_lang="es").lookup(
        "Buenos días."
    )
    assert stored.lookup("Buenos días.").target == "Good morning."


def test_units_added_in_a_run_come_after_the_stored_ones(ws: workspace.Workspace) -> None:
    _fill(ws, 5)
    stored, whole = memory.load(ws, "es"), _whole(ws, "es")
    extra = memory.MemoryUnit("A brand new sentence.", "Una frase nueva.", State.FINAL, "reviewer")
    for tm in (stored, whole):
        tm.add(extra)
    assert stored.lookup("A brand new sentence.") == extra
    assert list(stored.units()) == whole.units()


def test_only_changed_files_are_indexed_again(ws: workspace.Workspace) -> None:
    _fill(ws, 6)
    memory.load(ws, "es")
    path = database.path_of(ws)
    before = dict(sqlite3.connect(path).execute("SELECT path, id FROM sources").fetchall())
    _work_file(ws, "a-story", "es", [("Changed now.", "Cambiado.", State.REVIEWED)])
    assert memory.load(ws, "es").lookup("Changed now.").target == "Cambiado."
    after = dict(sqlite3.connect(path).execute("SELECT path, id FROM sources").fetchall())
    changed = {p for p in after if before.get(p) != after[p]}
    assert changed == {"translations/es/a-story.json"}
    (ws.translations_dir / "memories" / "wire.tmx").unlink()
    assert "wire" not in {u.memory for u in memory.load(ws, "es").units()}


def _answers(ws: workspace.Workspace) -> list[object]:
    tm = memory.load(ws, "es")
    return [u for u in tm.units()]


@pytest.mark.parametrize(
    "tamper",
    [
        "CREATE TRIGGER forged AFTER INSERT ON units BEGIN "
        "UPDATE units SET tgt = 'forged' WHERE id = new.id; END",
        "CREATE VIEW extra AS SELECT 1",
        "CREATE TABLE extra (x)",
        "DROP INDEX units_key",
        "PRAGMA application_id = 1",
    ],
)
def test_a_tampered_store_is_rebuilt(ws: workspace.Workspace, tamper: str) -> None:
    _fill(ws, 7)
    expected = _answers(ws)
    with sqlite3.connect(database.path_of(ws)) as db:
        db.execute(tamper)
        db.execute("UPDATE sources SET stamp = 'stale'")  # every file is indexed again
    assert _answers(ws) == expected
    assert all(u.target != "forged" for u in expected)


@pytest.mark.parametrize(
    "content", [b"", b"not a database at all", b"SQLite format 3\x00" + b"\xff" * 200]
)
def test_a_damaged_or_foreign_store_is_rebuilt(ws: workspace.Workspace, content: bytes) -> None:
    _fill(ws, 8)
    expected = _answers(ws)
    database.path_of(ws).write_bytes(content)
    assert _answers(ws) == expected


def test_a_foreign_sqlite_database_is_rebuilt(ws: workspace.Workspace) -> None:
    _fill(ws, 9)
    expected = _answers(ws)
    database.path_of(ws).unlink()
    with sqlite3.connect(database.path_of(ws)) as db:
        db.execute("CREATE TABLE sources (path TEXT)")
    assert _answers(ws) == expected


def test_import_indexes_the_memory_and_search_finds_it(
    ws: workspace.Workspace, tmp_path: Path
) -> None:
    from translate.memory.concordance import search

    source = tmp_path / "agency-export.tmx"
    _tmx_file(source, [("The ceasefire held overnight.", "es", "El alto el fuego se mantuvo.")])
    result = import_memory(ws, source, name="agency")
    assert result.units == 1 and not result.unchanged
    with sqlite3.connect(database.path_of(ws)) as db:
        assert db.execute("SELECT searchable FROM sources").fetchall() == [(1,)]
    assert memory.load(ws, "es").lookup("The ceasefire held overnight.").memory == "agency"
    assert [h.slug for h in search(ws, "ceasefire")] == ["(memory:agency)"]
    assert import_memory(ws, source, name="agency").unchanged


def test_import_refuses_an_unknown_state_before_keeping_anything(
    ws: workspace.Workspace, tmp_path: Path
) -> None:
    from translate.errors import MemoryFileError

    source = tmp_path / "odd.tmx"
    _tmx_file(source, [("One.", "es", "Uno.")], state="approved-ish")
    with pytest.raises(MemoryFileError, match="state tx does not know"):
        import_memory(ws, source)
    assert not (ws.translations_dir / "memories").exists()
    assert list(memory.load(ws, "es").units()) == []
