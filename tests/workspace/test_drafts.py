"""The fast reading of work files for their drafts (``workspace.drafts``) reads a file exactly
when ``workfiles.load`` does, gives the same values, and refuses it with the same error: each
value of a complete work file is replaced in turn by every kind of wrong value, and both
readers must agree on each of the hundreds of files that makes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from translate.errors import WorkFileError
from translate.models import (
    Draft,
    Flag,
    MemoryMatch,
    Revision,
    Segment,
    SegmentVersion,
    Stamp,
    State,
    TranslatedSegment,
    Translation,
    Waiver,
)
from translate.workspace import drafts, locking, workfiles
from translate.workspace.limits import maybe_forbidden, maybe_forbidden_utf8

STAMP = Stamp("Ana Ruiz", "2026-12-07T21:55:03+00:00", "review import")
FULL = Translation(
    slug="story",
    source_lang="en",
    target_lang="es",
    source_digest="abc",
    revision=3,
    segments=(
        TranslatedSegment(
            Segment("s1", 0, "The mayor said «no»."),
            "El alcalde dijo «no» (revisado).",
            "reviewer",
            State.FINAL,
            (Flag("glossary", "use 'alcaldesa'"),),
            -0.4,
            notes=("checked with the desk",),
            waivers=(Waiver("number", "fine", "2026-12-07", "Ana", "abc123"),),
            previous=MemoryMatch(88, "The mayor said yes.", "El alcalde dijo sí.", "memory"),
            matches=(MemoryMatch(75, "The mayor.", "El alcalde.", "memory:agency"),),
            changed=STAMP,
            draft=Draft("El alcalde dijo «no».", "argos:en-es-1.9", -0.4, (Flag("number", "n"),)),
        ),
        TranslatedSegment(
            Segment("s2", 1, "Two people."),
            "Dos personas.",
            "apertium:eng-spa",
            State.TRANSLATED,
            draft=Draft("Dos personas.", "apertium:eng-spa"),
        ),
        TranslatedSegment(Segment("s3", 1, "Hello."), "Hola.", "memory", State.REVIEWED),
    ),
    history=(
        Revision(1, None, (("added", 3),), (SegmentVersion("s1", "a", "b", State.INITIAL, ""),)),
        Revision(
            2,
            Stamp("tx", "2026-12-01T09:00:00+00:00", "translate"),
            (("edited", 1),),
            (SegmentVersion("s1", "a", "c", State.TRANSLATED, "argos:en-es-1.9"),),
            ("old",),
        ),
    ),
)
WRONG: tuple[Any, ...] = (
    None,
    True,
    7,
    1.5,
    "text",
    "final",
    [],
    [1],
    {},
    "bell \u0007",
    "not a character \ufffe",
    "x" * 3,
    10**400,  # no float holds it
)
MISSING = object()


def _places(value: Any, where: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """The path of every value inside parsed JSON."""
    if isinstance(value, dict):
        for key, inner in value.items():
            yield (*where, key)
            yield from _places(inner, (*where, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield (*where, index)
            yield from _places(inner, (*where, index))


def _replaced(data: Any, where: tuple[Any, ...], new: Any) -> Any:
    copy = json.loads(json.dumps(data))
    holder = copy
    for step in where[:-1]:
        holder = holder[step]
    if new is MISSING:
        del holder[where[-1]]
    else:
        holder[where[-1]] = new
    return copy


def _outcome(read: Any, path: Path) -> object:
    try:
        return read(path)
    except WorkFileError as error:
        return f"refused: {error}"


def _fast(path: Path) -> drafts.Drafts:
    found = drafts.read(path)
    assert found.digest == locking.fingerprint(path)  # of the bytes read
    return found._replace(digest="")


def _both(path: Path) -> tuple[object, object]:
    fast = _outcome(_fast, path)
    full = _outcome(lambda p: drafts.of_translation(workfiles.load(p)), path)
    return fast, full


def test_a_complete_work_file_reads_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "story.json"
    workfiles.save(path, FULL)
    fast, full = _both(path)
    assert fast == full
    with monkeypatch.context() as patched:  # read without workfiles' parser
        patched.setattr(workfiles, "from_json", None)
        assert _fast(path) == fast
    assert isinstance(fast, drafts.Drafts)
    assert [item.id for item in fast.segments] == ["s1", "s2"]
    first = fast.segments[0]
    assert (first.changed_by, first.draft_flags, first.draft_score) == (
        "Ana Ruiz",
        ("number",),
        -0.4,
    )
    assert fast.drafted == {"s1": "2026-12-01T09:00:00+00:00"}


def test_every_wrong_value_is_read_or_refused_as_load_does(tmp_path: Path) -> None:
    path = tmp_path / "story.json"
    data = json.loads(workfiles.to_json(FULL))
    places = list(_places(data))
    assert len(places) > 80
    refused = fast_read = 0
    for where in places:
        for new in (*WRONG, MISSING):
            changed = _replaced(data, where, new)
            path.write_text(json.dumps(changed, ensure_ascii=False), "utf-8")
            fast, full = _both(path)
            assert fast == full, (where, new)
            refused += isinstance(fast, str)
            fast_read += drafts._usual(changed) is not None
    # most wrong values are refused, the rest read alike, many without workfiles' parser
    assert refused > 300 and fast_read > 100


@pytest.mark.parametrize(
    "text",
    [
        "{not json",
        '{"format": "other"}',
        "[" * 100_000,
        '{"format": "tx-translation/1", "revision": ' + "1" * 5000 + "}",
        '{"format": "tx-translation/1", "segments": []}',
    ],
)
def test_damaged_files_are_refused_alike(tmp_path: Path, text: str) -> None:
    path = tmp_path / "story.json"
    path.write_text(text, encoding="utf-8")
    fast, full = _both(path)
    assert fast == full and isinstance(fast, str) and str(path) in fast
    path.write_bytes(b'{"format": "tx-translation/1", "article": "\xff"}')
    fast, full = _both(path)
    assert fast == full and "not UTF-8" in str(fast)


@pytest.mark.parametrize(
    "text",
    [
        '{"a": "plain"}',
        '{"a": "caf\u00e9 \u00ab\u00bb"}',
        '{"a": "\\b"}',
        '{"a": "\\f"}',
        '{"a": "\\u0007"}',
        '{"a": "\\u00e9"}',
        '{"a": "\\ud800"}',
        '{"a": "\\uFFFE"}',
        '{"a": "\ufffe"}',
        '{"a": "\uffff"}',
        '{"a": "\uff21 \uffe5"}',
        '{"a": "\\\\ \\" \\n"}',
    ],
)
def test_the_check_of_bytes_agrees_with_the_check_of_text(text: str) -> None:
    assert maybe_forbidden_utf8(text.encode("utf-8")) == maybe_forbidden(text)
