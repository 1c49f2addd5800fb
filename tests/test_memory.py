"""Translation memory: exact matches of reviewed sentences, and retired units in TMX."""

from __future__ import annotations

from pathlib import Path

from translate import memory, workfiles, workspace
from translate.models import Segment, State, TranslatedSegment, Translation


def item(source: str, target: str, state: State) -> TranslatedSegment:
    return TranslatedSegment(Segment("id-" + source[:4], 1, source), target, "reviewer", state)


def test_reviewed_segments_of_work_files_are_found(tmp_path: Path) -> None:
    workspace.init(tmp_path)
    ws = workspace.load(tmp_path)
    segments = (
        item("Talks  failed.", "Las conversaciones fracasaron.", State.REVIEWED),
        item("Draft only.", "Solo borrador.", State.TRANSLATED),
    )
    workfiles.save(ws.work_file("a", "es"), Translation("a", "en", "es", "d", segments))
    tm = memory.load(ws, "es")
    unit = tm.lookup("Talks failed.")
    assert unit is not None and unit.target == "Las conversaciones fracasaron."
    assert tm.lookup("Draft only.") is None
    assert len(memory.load(ws, "es", skip_slugs=["a"])) == 0


def test_final_wins_over_reviewed() -> None:
    tm = memory.Memory("es")
    tm.add(memory.MemoryUnit("A b.", "Uno.", State.REVIEWED, "reviewer"))
    tm.add(memory.MemoryUnit("A b.", "Dos.", State.FINAL, "reviewer"))
    tm.add(memory.MemoryUnit("A b.", "Tres.", State.REVIEWED, "reviewer"))
    unit = tm.lookup("A b.")
    assert unit is not None and unit.target == "Dos."


def test_retired_units_round_trip_through_tmx(tmp_path: Path) -> None:
    workspace.init(tmp_path)
    ws = workspace.load(tmp_path)
    gone = [
        item("Gone now.", "Ya no está.", State.FINAL),
        item("Machine.", "Máquina.", State.TRANSLATED),
    ]
    assert memory.keep_retired(ws, "en", "es", gone) == 1
    assert memory.keep_retired(ws, "en", "es", gone) == 0  # not twice
    assert memory.keep_retired(ws, "en", "fr", [item("Gone now.", "Parti.", State.REVIEWED)]) == 1
    units = memory.read_tmx(ws.translations_dir / memory.MEMORY_FILE, "es")
    assert [(u.source, u.target, u.state) for u in units] == [
        ("Gone now.", "Ya no está.", State.FINAL)
    ]
    text = (ws.translations_dir / "memory.tmx").read_text(encoding="utf-8")
    assert '<tmx version="1.4">' in text and 'srclang="en"' in text
