"""``tx repair``: a work file that fails a check is repaired, or set aside, never deleted.

A work file holds reviewed sentences that exist nowhere else, so one that no command can read
(a character XML cannot hold, a hand edit that broke a field, bytes that are not UTF-8) is
repaired in place with every segment it can identify kept:

- characters a work file may not hold (``limits.FORBIDDEN_CHARACTERS``) are removed, and bytes
  that are not UTF-8 become U+FFFD;
- a field of the wrong type is mended (an unknown state becomes ``translated``, or the
  reviewed state it spells in other capitals; flags, matches and malformed waivers are dropped,
  since ``tx translate`` checks again; notes keep their text);
- the header is completed from the file's place (article and language) and the seal dropped.

The file as it was is first copied byte for byte to ``.tx/quarantine/<lang>/``. A file that is
not JSON at all, or not a work file, is moved there whole instead, so that nothing is lost
and ``tx translate`` can start the article afresh. Everything happens under the workspace lock.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from translate.errors import WorkFileError
from translate.models import State, Translation
from translate.workspace import locking, workfiles
from translate.workspace.files import write_bytes
from translate.workspace.limits import FORBIDDEN_CHARACTERS, MAX_WORK_FILE_BYTES, read_capped
from translate.workspace.paths import Workspace

QUARANTINE_DIR = "quarantine"
_STATES = {state.value for state in State}


@dataclass
class Repair:
    """What ``repair`` did to one work file."""

    path: Path
    action: str  # "repaired" or "set aside"
    changes: list[str] = field(default_factory=list)
    segments: int = 0
    reviewed: int = 0
    backup: Path | None = None

    def summary(self) -> str:
        """One line for a person."""
        what = "; ".join(self.changes)
        kept = f"{self.segments} segments kept, {self.reviewed} reviewed or final"
        if self.action == "set aside":
            return f"{self.path}: {what}; moved to {self.backup} (nothing in it was deleted)"
        return f"{self.path}: {what}; {kept} (the file as it was: {self.backup})"


def repair(ws: Workspace, files: Iterable[tuple[str, Path]] | None = None) -> list[Repair]:
    """Repair every work file (or ``files``: (language, path)) that ``workfiles.load`` refuses;
    files that load are left untouched. Returns what was done, one entry per file changed."""
    done = []
    for lang, path in ws.work_files() if files is None else files:
        if _loads(path):
            continue
        with ws.lock():
            if _loads(path):  # another command repaired it meanwhile
                continue
            done.append(_repair_one(ws, lang, path))
    return done


def _loads(path: Path) -> bool:
    try:
        workfiles.load(path)
    except WorkFileError:
        return False
    return True


def _repair_one(ws: Workspace, lang: str, path: Path) -> Repair:
    data = read_capped(path, MAX_WORK_FILE_BYTES, WorkFileError, "work file")
    backup = _backup_path(ws, lang, path)
    text = data.decode("utf-8", errors="replace")
    changes = []
    if text != data.decode("utf-8", errors="ignore"):
        changes.append("bytes that are not UTF-8 replaced by U+FFFD")
    try:
        parsed = json.loads(text)
    except (ValueError, RecursionError):  # ValueError: also a number too long to read
        parsed = None
    if not isinstance(parsed, dict) or parsed.get("format") != workfiles.FORMAT:
        write_bytes(backup, data)
        path.unlink()
        return Repair(path, "set aside", ["not a readable tx work file"], backup=backup)
    cleaned = [0]
    parsed = _clean(parsed, cleaned)
    if cleaned[0]:
        changes.append(f"{cleaned[0]} characters that XML cannot hold removed")
    translation = _rebuilt(ws, lang, path, parsed, changes)
    write_bytes(backup, data)
    workfiles.save(path, translation)
    reviewed = sum(1 for item in translation.segments if item.state.is_human)
    return Repair(path, "repaired", changes, len(translation.segments), reviewed, backup)


def _backup_path(ws: Workspace, lang: str, path: Path) -> Path:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    return ws.root / locking.STATE_DIR / QUARANTINE_DIR / lang / f"{path.stem}.{stamp}.json"


def _clean(value: Any, count: list[int]) -> Any:
    """``value`` with every forbidden character removed from its strings (keys too)."""
    if isinstance(value, str):
        cleaned, removed = FORBIDDEN_CHARACTERS.subn("", value)
        count[0] += removed
        return cleaned
    if isinstance(value, list):
        return [_clean(item, count) for item in value]
    if isinstance(value, dict):
        return {_clean(key, count): _clean(item, count) for key, item in value.items()}
    return value


def _rebuilt(
    ws: Workspace, lang: str, path: Path, data: dict[str, Any], changes: list[str]
) -> Translation:
    header = {
        "format": workfiles.FORMAT,
        "article": data.get("article") if isinstance(data.get("article"), str) else path.stem,
        "source_lang": _text_or(data.get("source_lang"), ws.settings.source_lang),
        "target_lang": lang,
        "source_digest": _text_or(data.get("source_digest"), ""),
        "revision": (data["revision"] if _whole(data.get("revision")) else 0) + 1,
    }
    raw = data.get("segments")
    items = raw if isinstance(raw, list) else list(raw.values()) if isinstance(raw, dict) else []
    segments, dropped, mended = [], 0, 0
    for item in items:
        fixed = _segment(header, item)
        if fixed is None:
            dropped += 1
            continue
        mended += fixed is not item
        segments.append(fixed)
    if mended:
        changes.append(f"{mended} segments mended")
    if dropped:
        changes.append(f"{dropped} segments without an id or source left in the copy")
    text = json.dumps({**header, "segments": segments}, ensure_ascii=False)
    return workfiles.from_json(text, path)


def _segment(header: dict[str, Any], item: Any) -> dict[str, Any] | None:
    """``item`` if the work file reads it, else a mended copy, or ``None`` (no id or source)."""
    if _reads(header, item):
        return item  # type: ignore[no-any-return]
    if not isinstance(item, dict) or not all(
        isinstance(item.get(key), str) and item.get(key) for key in ("id", "source")
    ):
        return None
    state = str(item.get("state", "")).strip().lower()
    mended: dict[str, Any] = {
        "id": item["id"],
        "block": item.get("block") if _whole(item.get("block")) else 0,
        "source": item["source"],
        "target": _joined(item.get("target")),
        "origin": _text_or(item.get("origin"), "unknown"),
        "state": state if state in _STATES else State.TRANSLATED.value,
        "score": item.get("score") if _number(item.get("score")) else None,
        "notes": [n for n in item.get("notes", []) if isinstance(n, str)]
        if isinstance(item.get("notes"), list)
        else [],
    }
    waivers = item.get("waivers")
    if isinstance(waivers, list):
        kept = [w for w in waivers if _reads(header, {**mended, "waivers": [w]})]
        mended["waivers"] = kept
    return mended if _reads(header, mended) else None


def _reads(header: dict[str, Any], item: Any) -> bool:
    try:
        workfiles.from_json(json.dumps({**header, "segments": [item]}), Path("-"))
    except WorkFileError:
        return False
    return True


def _joined(value: Any) -> str:
    if isinstance(value, list):
        return " ".join(str(part) for part in value if isinstance(part, str | int | float))
    return value if isinstance(value, str) else ""


def _text_or(value: Any, default: str) -> str:
    return value if isinstance(value, str) and value else default


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
