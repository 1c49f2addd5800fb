"""Work files: readable JSON that round-trips, and clear errors when damaged."""

from __future__ import annotations

from pathlib import Path

import pytest

from translate.errors import WorkFileError
from translate.models import Flag, Segment, State, TranslatedSegment, Translation
from translate.workspace import workfiles

TRANSLATION = Translation(
    slug="story",
    source_lang="en",
    target_lang="es",
    source_digest="abc",
    revision=2,
    segments=(
        TranslatedSegment(
            Segment("1a2b", 0, "Zelensky said “no”."),
            "Zelenski dijo «no».",
            "apertium:eng-spa",
            State.TRANSLATED,
            (Flag("glossary", "glossary: 'X' must be 'Y'"),),
            None,
        ),
    ),
)


def test_round_trip_and_readable_format(tmp_path: Path) -> None:
    path = tmp_path / "es" / "story.json"
    workfiles.save(path, TRANSLATION)
    assert workfiles.load(path) == TRANSLATION
    text = path.read_text(encoding="utf-8")
    assert "«no»" in text and text.endswith("}\n")
    keys = [line.strip().split(":")[0] for line in text.splitlines()[1:7]]
    assert keys == [
        '"format"',
        '"article"',
        '"source_lang"',
        '"target_lang"',
        '"source_digest"',
        '"revision"',
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"format": "other"}', "not a tx work file"),
        ('{"format": "tx-translation/1", "segments": []}', "malformed work file"),
        ("[" * 100_000, "nested too deeply"),
        ('{"format": "tx-translation/1", "revision": ' + "9" * 5000 + "}", "too long to read"),
    ],
)
def test_damaged_work_files_are_named(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "story.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(WorkFileError, match=message) as caught:
        workfiles.load(path)
    assert str(path) in str(caught.value)
