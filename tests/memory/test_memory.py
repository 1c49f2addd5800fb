"""Translation memory: exact matches of reviewed sentences, and retired units in TMX."""

from __future__ import annotations

from pathlib import Path

from translate import memory, workspace
from translate.models import Segment, State, TranslatedSegment, Translation
from translate.workspace import workfiles


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


def test_tmx_from_other_tools_is_read_whole_and_by_language_lookup(tmp_path: Path) -> None:
    path = tmp_path / "other.tmx"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<tmx version="1.4"><header srclang="EN-US" creationtool="x" segtype="sentence" '
        'o-tmf="x" adminlang="en" datatype="plaintext" creationtoolversion="1"/><body>'
        '<tu><tuv xml:lang="en-us"><seg>The big <bpt i="1">&lt;b&gt;</bpt>black'
        '<ept i="1">&lt;/b&gt;</ept> cat sleeps.</seg></tuv>'
        '<tuv xml:lang="es-ES"><seg>El gran gato <bpt i="1">&lt;b&gt;</bpt>negro'
        '<ept i="1">&lt;/b&gt;</ept> duerme.</seg></tuv></tu>'
        '<tu srclang="fr"><tuv xml:lang="fr"><seg>Bonjour.</seg></tuv>'
        '<tuv xml:lang="es"><seg>Hola.</seg></tuv></tu>'
        '<tu><tuv lang="EN"><seg>Old style.</seg></tuv>'
        '<tuv lang="ES-MX"><seg>Viejo.</seg></tuv></tu>'
        '<tu><tuv xml:lang="en"><seg></seg></tuv><tuv xml:lang="es"><seg></seg></tuv></tu>'
        '<tu><tuv xml:lang="en"><seg>Only Brazil.</seg></tuv>'
        '<tuv xml:lang="pt-BR"><seg>Só o Brasil.</seg></tuv></tu>'
        "</body></tmx>\n",
        encoding="utf-8",
    )
    spanish = [(u.source, u.target) for u in memory.read_tmx(path, "es")]
    assert spanish == [
        ("The big **black** cat sleeps.", "El gran gato **negro** duerme."),
        ("Bonjour.", "Hola."),
        ("Old style.", "Viejo."),
    ]
    assert memory.read_tmx(path, "pt-PT") == []
    assert [u.target for u in memory.read_tmx(path, "pt")] == ["Só o Brasil."]
