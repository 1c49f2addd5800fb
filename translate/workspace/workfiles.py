"""Work files: one JSON file per article and language, the source of truth of a translation.

The format is meant to be read in git diffs: keys in a fixed order, two-space indentation, one
segment per object, UTF-8 without escapes, a final newline. Files are written atomically.

    {
      "format": "tx-translation/1",
      "article": "<slug>",
      "source_lang": "en",
      "target_lang": "es",
      "source_digest": "<sha256 of the source article's segments>",
      "revision": 3,
      "checked": "<seal of the flags, translate.checks.seal; only when sealed>",
      "segments": [
        {"id": ..., "block": 0, "source": ..., "target": ..., "origin": ..., "state": ...,
         "score": ..., "confidence": "high", "flags": [{"code": ..., "message": ...}],
         "notes": [...]}

``confidence`` (``translate.confidence``) is the band of the engine's score, written for
machine translations no reviewer has confirmed ("no score" for engines that give none); it is
derived from ``score`` and not read back.
      ],
      "history": [...]
    }

Who and when (``translate.workspace.history``), each optional so that older work files read
as they are and tx versions that do not know them still read the file:

- a segment's ``"changed": {"by": "Ana Ruiz", "date": "2026-12-07T21:55:03+00:00",
  "command": "review import"}``: who last changed its translation, state or origin (an
  approval names the person who gave it);
- a segment's ``"draft": {"target": ..., "origin": "apertium:eng-spa", "score": null,
  "confidence": "no score", "flags": [...]}``: the machine translation the engine made, with
  the engine and model, its score, confidence band and flags, kept after people change the
  translation (for post-editing figures);
- ``"history"``, after the segments: one object per save, ``{"revision": 4, "by": ...,
  "date": ..., "command": ..., "counts": {"edited": 2, "approved": 1}, "segments": [{"id",
  "source", "target", "state", "origin"} of each segment added or changed], "removed":
  [ids]}``; the first entry of a work file older than its history has no ``by``/``date``
  and holds every segment as it was then.
"""

from __future__ import annotations

import json
import re
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from translate.confidence import band_of, segment_band
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
from translate.workspace import locking, write_text
from translate.workspace.limits import (
    MAX_WORK_FILE_BYTES,
    NotRegularFile,
    forbidden_character,
    maybe_forbidden,
    maybe_forbidden_utf8,
    open_regular,
    size_text,
)

FORMAT = "tx-translation/1"
# What a work file that fails a check needs: never "delete it", which throws reviews away.
REPAIR_HINT = "run `tx repair` to fix it keeping every reviewed sentence, or restore it from git"


def to_json(translation: Translation) -> str:
    """The work-file text of a translation."""
    data: dict[str, Any] = {
        "format": FORMAT,
        "article": translation.slug,
        "source_lang": translation.source_lang,
        "target_lang": translation.target_lang,
        "source_digest": translation.source_digest,
        "revision": translation.revision,
    }
    if translation.checked:
        data["checked"] = translation.checked
    data["segments"] = [_segment_to_dict(item) for item in translation.segments]
    if translation.history:
        data["history"] = [_revision_to_dict(revision) for revision in translation.history]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _segment_to_dict(item: TranslatedSegment) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": item.segment.id,
        "block": item.segment.block,
        "source": item.segment.source,
        "target": item.target,
        "origin": item.origin,
        "state": item.state.value,
        "score": item.score,
    }
    band = segment_band(item)
    if band is not None:  # derived from the score, written for people and other tools
        data["confidence"] = band
    data["flags"] = [{"code": f.code, "message": f.message} for f in item.flags]
    data["notes"] = list(item.notes)
    if item.previous is not None:
        data["previous"] = _match_to_dict(item.previous)
    if item.matches:
        data["matches"] = [_match_to_dict(match) for match in item.matches]
    if item.waivers:  # only when there are some, so that other work files stay as they were
        data["waivers"] = [
            {"code": w.code, "reason": w.reason, "date": w.date, "by": w.by, "target": w.target}
            for w in item.waivers
        ]
    if item.changed is not None:
        data["changed"] = _stamp_to_dict(item.changed)
    if item.draft is not None:
        data["draft"] = _draft_to_dict(item.draft, band_of(item.draft.score))
    return data


def _match_to_dict(match: MemoryMatch) -> dict[str, Any]:
    return {
        "score": match.score,
        "source": match.source,
        "target": match.target,
        "origin": match.origin,
    }


def _match(data: dict[str, Any]) -> MemoryMatch:
    return MemoryMatch(
        _number(data, "score"), _text(data, "source"), _text(data, "target"), _text(data, "origin")
    )


def from_json(text: str, path: Path) -> Translation:
    """Parse work-file text; ``path`` is named in errors."""
    return _parse(text, path, clean=not maybe_forbidden(text))


def _parse(text: str, path: Path, *, clean: bool) -> Translation:
    """``from_json``; ``clean`` when ``text`` is known to hold no character a work file may
    not (``maybe_forbidden``), so that its values need no check one by one."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise WorkFileError(
            f"not valid JSON: {exc.msg}",
            path=path,
            line=exc.lineno,
            hint=REPAIR_HINT,
        ) from exc
    except RecursionError:
        raise WorkFileError(
            "not a tx work file (JSON nested too deeply)",
            path=path,
            hint=REPAIR_HINT,
        ) from None
    except ValueError:  # a number of thousands of digits: Python will not convert it
        raise WorkFileError(
            "not a tx work file (a number too long to read)", path=path, hint=REPAIR_HINT
        ) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise WorkFileError(
            f'not a tx work file (expected "format": "{FORMAT}")',
            path=path,
            hint=REPAIR_HINT,
        )
    token = _CLEAN.set(clean)
    try:
        return _translation(data, path)
    finally:
        _CLEAN.reset(token)


def _translation(data: dict[str, Any], path: Path) -> Translation:
    """The translation of parsed work-file JSON (see ``from_json``)."""
    hint = REPAIR_HINT
    segments_data = data.get("segments")
    if not isinstance(segments_data, list):
        raise WorkFileError('"segments" is not a list', path=path, hint=hint)
    segments = []
    for number, item in enumerate(segments_data, 1):
        try:
            segments.append(_segment_from_dict(item))
        except (KeyError, TypeError, ValueError, OverflowError) as exc:
            problem = f"missing {exc}" if isinstance(exc, KeyError) else str(exc)
            raise WorkFileError(
                f"segment {number} is malformed ({problem})", path=path, hint=hint
            ) from None
    try:
        return Translation(
            slug=_text(data, "article"),
            source_lang=_text(data, "source_lang"),
            target_lang=_text(data, "target_lang"),
            source_digest=_text(data, "source_digest"),
            segments=tuple(segments),
            revision=_number(data, "revision", 0),
            checked=_seal(data.get("checked")),
            history=tuple(_revision_from_dict(entry) for entry in _list(data, "history")),
        )
    except (KeyError, TypeError, ValueError, OverflowError) as exc:
        problem = f"missing {exc}" if isinstance(exc, KeyError) else str(exc)
        raise WorkFileError(f"malformed work file ({problem})", path=path, hint=hint) from None


def _text(data: dict[str, Any], key: str) -> str:
    """The string under ``key``; a number is taken as its text, anything else is refused, and
    so are characters XML cannot hold (review documents and editions could not be written)."""
    value = data[key]
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise TypeError(f'"{key}" must be a string, not {type(value).__name__}')
    return _xml_text(str(value), f'"{key}"')


_CLEAN: ContextVar[bool] = ContextVar("work_file_text_clean", default=False)


def _xml_text(text: str, where: str) -> str:
    if _CLEAN.get():
        return text
    found = forbidden_character(text)
    if found is not None:
        raise ValueError(f"control character {found} in {where}")
    return text


_SEAL = re.compile("[0-9a-f]{64}")


def _seal(value: object) -> str:
    """The ``checked`` seal, or '' for none: it only spares checks, so a value that is no
    seal (a hand edit, another type) means "check again", never an unreadable file."""
    return value if isinstance(value, str) and _SEAL.fullmatch(value) else ""


def _number(data: dict[str, Any], key: str, default: int | None = None) -> int:
    """The whole number under ``key``."""
    value = data[key] if default is None else data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f'"{key}" must be a whole number, not {type(value).__name__}')
    return value


def _segment_from_dict(item: Any) -> TranslatedSegment:
    if not isinstance(item, dict):
        raise TypeError(f"an object was expected, not {type(item).__name__}")
    score = item.get("score")
    if score is not None and (isinstance(score, bool) or not isinstance(score, int | float)):
        raise TypeError(f'"score" must be a number, not {type(score).__name__}')
    flags = item.get("flags", [])
    notes = item.get("notes", [])
    if not isinstance(flags, list) or not all(isinstance(f, dict) for f in flags):
        raise TypeError('"flags" must be a list of objects')
    if not isinstance(notes, list) or not all(isinstance(n, str) for n in notes):
        raise TypeError('"notes" must be a list of strings')
    return TranslatedSegment(
        segment=Segment(
            id=_text(item, "id"), block=_number(item, "block"), source=_text(item, "source")
        ),
        target=_text(item, "target"),
        origin=_text(item, "origin"),
        state=State(_text(item, "state")),
        flags=tuple(Flag(code=_text(f, "code"), message=_text(f, "message")) for f in flags),
        score=float(score) if score is not None else None,
        notes=tuple(_xml_text(note, '"notes"') for note in notes),
        waivers=tuple(_waiver(w) for w in _list(item, "waivers")),
        previous=_match(item["previous"]) if isinstance(item.get("previous"), dict) else None,
        matches=tuple(_match(m) for m in _list(item, "matches")),
        changed=_stamp_from_dict(item["changed"])
        if isinstance(item.get("changed"), dict)
        else None,
        draft=_draft_from_dict(item["draft"]) if isinstance(item.get("draft"), dict) else None,
    )


def _list(item: dict[str, Any], key: str) -> list[dict[str, Any]]:
    """The list of objects under ``key`` (empty when absent)."""
    value = item.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise TypeError(f'"{key}" must be a list of objects')
    return value


def _waiver(data: dict[str, Any]) -> Waiver:
    return Waiver(
        _text(data, "code"),
        _text(data, "reason"),
        _text(data, "date"),
        _text(data, "by"),
        _text(data, "target"),
    )


def load(path: Path) -> Translation:
    """Read a work file."""
    return read(path)[0]


def read(path: Path) -> tuple[Translation, str]:
    """Read a work file; also returns the fingerprint of the bytes read, for the revision
    check before writing it back (see ``translate.workspace.locking.fingerprint``)."""
    text, data = read_text(path)
    return _parse(text, path, clean=not maybe_forbidden_utf8(data)), locking.digest(data)


def read_text(path: Path) -> tuple[str, bytes]:
    """The text of a work file and its bytes, refused as ``read`` refuses them."""
    try:
        with open_regular(path) as handle:
            data = handle.read(MAX_WORK_FILE_BYTES + 1)
        if len(data) > MAX_WORK_FILE_BYTES:
            raise WorkFileError(
                f"work file is larger than {size_text(MAX_WORK_FILE_BYTES)}, far more than tx "
                "writes for an article",
                path=path,
                hint="move it out of translations/ and restore the article's work file from git",
            )
        text = data.decode("utf-8")
    except FileNotFoundError as exc:
        raise WorkFileError(
            "work file not found", path=path, hint="run `tx translate` for this article first"
        ) from exc
    except UnicodeDecodeError as exc:
        raise WorkFileError(
            "work file is not UTF-8 text", path=path, hint="restore it from git"
        ) from exc
    except IsADirectoryError as exc:
        raise WorkFileError(
            "a folder stands where a work file belongs", path=path, hint="move it away"
        ) from exc
    except NotRegularFile as exc:
        raise WorkFileError(
            "a FIFO, socket or device stands where a work file belongs",
            path=path,
            hint="move it away",
        ) from exc
    except OSError as exc:
        raise WorkFileError(
            f"cannot read work file: {exc.strerror}", path=path, hint="check its permissions"
        ) from exc
    return text, data


def merge(base: Translation | None, mine: Translation, theirs: Translation) -> Translation:
    """Three-way merge of a work file that another command rewrote while this one worked.

    ``base`` is what this command read, ``mine`` what it wants to write, ``theirs`` what is
    on disk now. Segments follow ``mine`` (the current article); a segment that the other
    command changed since ``base`` (a reviewer's import, an approval) is taken from
    ``theirs``, so that nothing a person did in between is lost. The result carries the
    revision of ``theirs``; the caller saves it as the next one. It is not sealed
    (``checked``): its flags come from two commands.
    """
    before = {item.id: item for item in base.segments} if base is not None else {}
    now = {item.id: item for item in theirs.segments}
    merged = []
    for item in mine.segments:
        other = now.get(item.id)
        if other is not None and other != before.get(item.id):
            item = other.with_changes(segment=item.segment)
        merged.append(item)
    return Translation(
        slug=mine.slug,
        source_lang=mine.source_lang,
        target_lang=mine.target_lang,
        source_digest=mine.source_digest,
        segments=tuple(merged),
        revision=theirs.revision,
        history=theirs.history,
    )


def save(path: Path, translation: Translation) -> None:
    """Write a work file atomically; a translation that ``load`` would refuse (a character
    XML cannot hold, from wherever it came) is refused before anything is written."""
    text = to_json(translation)
    try:
        from_json(text, path)
    except WorkFileError as error:
        raise WorkFileError(
            f"not saved: {error.message}",
            path=path,
            hint="the file on disk is unchanged; correct the value named (in the article, "
            "glossary or command) and run the command again",
        ) from None
    write_text(path, text)


def _stamp_to_dict(value: Stamp) -> dict[str, str]:
    """A stamp as work-file JSON."""
    return {"by": value.by, "date": value.date, "command": value.command}


def _draft_to_dict(value: Draft, confidence: str | None) -> dict[str, Any]:
    """A draft as work-file JSON (``confidence``: the band of its score, for other tools)."""
    data: dict[str, Any] = {"target": value.target, "origin": value.origin, "score": value.score}
    if confidence is not None:
        data["confidence"] = confidence
    data["flags"] = [{"code": f.code, "message": f.message} for f in value.flags]
    return data


def _revision_to_dict(value: Revision) -> dict[str, Any]:
    """A revision as work-file JSON."""
    data: dict[str, Any] = {"revision": value.number}
    if value.stamp is not None:
        data.update(_stamp_to_dict(value.stamp))
    data["counts"] = dict(value.counts)
    data["segments"] = [
        {
            "id": v.id,
            "source": v.source,
            "target": v.target,
            "state": v.state.value,
            "origin": v.origin,
        }
        for v in value.segments
    ]
    if value.removed:
        data["removed"] = list(value.removed)
    return data


def _stamp_from_dict(data: dict[str, Any]) -> Stamp:
    """A stamp read from work-file JSON."""
    return Stamp(_text(data, "by"), _text(data, "date"), _text(data, "command"))


def _draft_from_dict(data: dict[str, Any]) -> Draft:
    """A draft read from work-file JSON."""
    score = data.get("score")
    if score is not None and (isinstance(score, bool) or not isinstance(score, int | float)):
        raise TypeError('"score" of the draft must be a number')
    flags = data.get("flags", [])
    if not isinstance(flags, list) or not all(isinstance(f, dict) for f in flags):
        raise TypeError('"flags" of the draft must be a list of objects')
    return Draft(
        _text(data, "target"),
        _text(data, "origin"),
        float(score) if score is not None else None,
        tuple(Flag(_text(f, "code"), _text(f, "message")) for f in flags),
    )


def _revision_from_dict(data: Any) -> Revision:
    """A revision read from work-file JSON."""
    if not isinstance(data, dict):
        raise TypeError("a revision must be an object")
    number = data.get("revision")
    if isinstance(number, bool) or not isinstance(number, int):
        raise TypeError('"revision" of a history entry must be a whole number')
    counts = data.get("counts", {})
    segments = data.get("segments", [])
    removed = data.get("removed", [])
    if not isinstance(counts, dict) or not all(
        isinstance(v, int) and not isinstance(v, bool) for v in counts.values()
    ):
        raise TypeError('"counts" of a history entry must map kinds to whole numbers')
    if not isinstance(segments, list) or not all(isinstance(v, dict) for v in segments):
        raise TypeError('"segments" of a history entry must be a list of objects')
    if not isinstance(removed, list) or not all(isinstance(v, str) for v in removed):
        raise TypeError('"removed" of a history entry must be a list of ids')
    return Revision(
        number,
        _stamp_from_dict(data) if "by" in data else None,
        tuple((str(kind), value) for kind, value in counts.items()),
        tuple(
            SegmentVersion(
                _text(v, "id"),
                _text(v, "source"),
                _text(v, "target"),
                State(_text(v, "state")),
                _text(v, "origin"),
            )
            for v in segments
        ),
        tuple(removed),
    )
