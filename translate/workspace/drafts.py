"""A work file read for its machine drafts alone, fast, for figures over thousands of them
(``tx report``).

``workfiles`` owns the format and its rules; this module reads the same files without
building their types. A file in the usual shape (every text a JSON string, no character a
work file may not hold, see ``workfiles.maybe_forbidden``) is held here to the rules of
``workfiles.from_json``, value by value, and its drafts taken from the parsed JSON. Any other
file (a number where text belongs, an escape to look into, anything ``from_json`` refuses)
is left to ``from_json`` itself, which refuses it with its own error or reads it as
``workfiles.load`` does. So a file is read here exactly when ``load`` reads it, and gives the
same values.
"""

from __future__ import annotations

import json
from operator import itemgetter
from pathlib import Path
from typing import Any, NamedTuple

from translate.models import State, Translation, is_machine
from translate.workspace import locking, workfiles
from translate.workspace.limits import maybe_forbidden_utf8


class DraftedSegment(NamedTuple):
    """A segment that keeps the machine translation it had (``draft_*``), with its text now
    (``target``, ``state``) and who last changed it and when ("" when the file does not
    say)."""

    id: str
    source: str
    target: str
    state: State
    changed_by: str
    changed_date: str
    draft_target: str
    draft_origin: str
    draft_score: float | None
    draft_flags: tuple[str, ...]  # the codes of the draft's flags, in order


class Drafts(NamedTuple):
    """The drafted segments of one work file; ``drafted`` holds, per segment id, the date of
    the first dated revision of the history that gave the segment an engine's translation;
    ``digest`` is the fingerprint of the bytes read (``locking.digest``; "" when not read)."""

    slug: str
    target_lang: str
    segments: tuple[DraftedSegment, ...]
    drafted: dict[str, str]
    digest: str = ""


_STATES = {state.value: state for state in State}
_NUMBERS = (int, float)
_LARGEST = 1 << 1023  # whole numbers up to here convert to a float


def read(path: Path) -> Drafts:
    """The drafts of the work file at ``path``; refused with the ``WorkFileError`` that
    ``workfiles.load`` would raise."""
    text, data = workfiles.read_text(path)
    found = None
    if not maybe_forbidden_utf8(data):
        try:
            found = _usual(json.loads(text))
        except (ValueError, RecursionError):  # refused below, with the line
            found = None
    if found is None:
        found = of_translation(workfiles.from_json(text, path))
    return found._replace(digest=locking.digest(data))


def of_translation(translation: Translation) -> Drafts:
    """The drafts of a work file already read."""
    segments = tuple(
        DraftedSegment(
            item.id,
            item.segment.source,
            item.target,
            item.state,
            item.changed.by if item.changed else "",
            item.changed.date if item.changed else "",
            item.draft.target,
            item.draft.origin,
            item.draft.score,
            tuple(flag.code for flag in item.draft.flags),
        )
        for item in translation.segments
        if item.draft is not None
    )
    drafted: dict[str, str] = {}
    for revision in translation.history:
        if revision.stamp is not None:
            for version in revision.segments:
                if version.id not in drafted and is_machine(version.origin):
                    drafted[version.id] = revision.stamp.date
    return Drafts(translation.slug, translation.target_lang, segments, drafted)


def _usual(data: Any) -> Drafts | None:
    """The drafts of parsed work-file JSON in the usual shape; None for anything else."""
    try:
        return _checked(data)
    except (KeyError, TypeError, OverflowError, _Unusual):
        return None


class _Unusual(Exception):
    """A value ``workfiles`` may read otherwise or refuse: the file is left to it."""


# Each getter raises KeyError for a key that is missing, as ``workfiles`` does.
_HEAD = itemgetter("article", "source_lang", "target_lang", "source_digest")
_SEGMENT = itemgetter("id", "source", "target", "origin", "state")
_WAIVER = itemgetter("code", "reason", "date", "by", "target")
_MATCH = itemgetter("source", "target", "origin")
_STAMP = itemgetter("by", "date", "command")
_FLAG = itemgetter("code", "message")
_DRAFT = itemgetter("target", "origin")


def _texts(values: tuple[Any, ...]) -> None:
    """Refuse ``values`` unless every one is a JSON string."""
    for value in values:
        if type(value) is not str:
            raise _Unusual


def _objects(value: Any, getter: itemgetter[Any] | None = None) -> list[dict[str, Any]]:
    """``value`` when it is a list of objects (holding texts under ``getter``'s keys)."""
    if type(value) is not list:
        raise _Unusual
    for item in value:
        if type(item) is not dict:
            raise _Unusual
        if getter is not None:
            _texts(getter(item))
    return value


def _checked(data: Any) -> Drafts:
    """The drafts of parsed work-file JSON, held to ``workfiles``' rules value by value;
    ``_Unusual``, ``KeyError`` or ``TypeError`` for a file to leave to ``workfiles``."""
    if type(data) is not dict or data.get("format") != workfiles.FORMAT:
        raise _Unusual
    _texts(_HEAD(data))
    if type(data.get("revision", 0)) is not int or type(data["segments"]) is not list:
        raise _Unusual
    found = []
    for item in data["segments"]:
        draft = _segment(item)
        if draft is not None:
            found.append(_drafted(item, draft))
    drafted: dict[str, str] = {}
    for revision in _objects(data.get("history", [])):
        versions = _revision(revision)
        if "by" in revision:
            date = revision["date"]
            for version in versions:
                if version["id"] not in drafted and is_machine(version["origin"]):
                    drafted[version["id"]] = date
    return Drafts(data["article"], data["target_lang"], tuple(found), drafted)


def _drafted(item: dict[str, Any], draft: dict[str, Any]) -> DraftedSegment:
    changed = item.get("changed")
    by, date = (changed["by"], changed["date"]) if type(changed) is dict else ("", "")
    score = draft.get("score")
    return DraftedSegment(
        item["id"],
        item["source"],
        item["target"],
        _STATES[item["state"]],
        by,
        date,
        draft["target"],
        draft["origin"],
        None if score is None else float(score),
        tuple(flag["code"] for flag in draft["flags"]) if "flags" in draft else (),
    )


def _segment(item: Any) -> dict[str, Any] | None:
    """Refuse a segment object ``workfiles`` would not read as it stands; its draft, if any."""
    if type(item) is not dict:
        raise _Unusual
    _texts(_SEGMENT(item))
    score = item.get("score")
    if item["state"] not in _STATES or type(item["block"]) is not int:
        raise _Unusual
    if score is not None and (type(score) is not float and (type(score) is not int or
                              abs(score) > _LARGEST)):  # fmt: skip
        raise _Unusual  # not a number, or a whole number too large for a float
    if "flags" in item:
        _objects(item["flags"], _FLAG)
    if "notes" in item:
        _texts(_list(item["notes"]))
    if "waivers" in item:
        _objects(item["waivers"], _WAIVER)
    if type(item.get("previous")) is dict:
        _match(item["previous"])
    if "matches" in item:
        for match in _objects(item["matches"]):
            _match(match)
    if type(item.get("changed")) is dict:
        _texts(_STAMP(item["changed"]))
    draft = item.get("draft")
    if type(draft) is not dict:
        return None
    score = draft.get("score")
    if score is not None and type(score) not in _NUMBERS:
        raise _Unusual
    if "flags" in draft:
        _objects(draft["flags"], _FLAG)
    _texts(_DRAFT(draft))
    return draft


def _list(value: Any) -> tuple[Any, ...]:
    if type(value) is not list:
        raise _Unusual
    return tuple(value)


def _match(data: dict[str, Any]) -> None:
    if type(data["score"]) is not int:
        raise _Unusual
    _texts(_MATCH(data))


def _revision(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Refuse a history entry ``workfiles`` would not read as it stands; its segments."""
    counts, removed = data.get("counts", {}), data.get("removed", [])
    if type(data["revision"]) is not int or type(counts) is not dict:
        raise _Unusual
    for count in counts.values():
        if type(count) is not int:
            raise _Unusual
    _texts(_list(removed))
    if "by" in data:
        _texts(_STAMP(data))
    versions = _objects(data.get("segments", []), _SEGMENT)
    for version in versions:
        if version["state"] not in _STATES:
            raise _Unusual
    return versions
