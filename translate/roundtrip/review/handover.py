"""What tx handed to reviewers: the review documents it wrote (or imported) at each path,
and whether a document there may be replaced: not one a reviewer edited in place since, nor
one Word or LibreOffice holds open."""

from __future__ import annotations

import json
from pathlib import Path

from translate.errors import ReviewInUseError
from translate.workspace import Workspace, locking, write_text

# What tx last wrote (or imported) at each review document's path: a document that differs is
# a reviewer's, and is never overwritten without --force.
RECORD_NAME = "review-documents.json"


def check_unchanged(ws: Workspace, out: Path) -> None:
    """Refuse to overwrite a review document a reviewer may be working on."""
    if not out.exists():
        return
    rerun = f"import it first (`tx review import {out}`), or pass --force to replace it"
    owner = _open_by(out)
    if owner:
        raise ReviewInUseError(
            f"the review document is open in {owner} right now",
            path=out,
            hint=f"close it, then {rerun}",
        )
    if recorded(ws).get(_key(ws, out)) != locking.fingerprint(out):
        raise ReviewInUseError(
            "the review document changed since tx wrote it (a reviewer may be editing it)",
            path=out,
            hint=rerun,
        )


def _open_by(document: Path) -> str:
    """Which editor holds ``document`` open, from the lock files Word and LibreOffice keep."""
    if (document.parent / f".~lock.{document.name}#").exists():
        return "LibreOffice"
    name = document.name
    owners = {f"~${name}", f"~${name[2:]}" if len(name) > 2 else "", f"~${name[1:]}"}
    if any(owner and (document.parent / owner).exists() for owner in owners):
        return "Word"
    return ""


def record_document(ws: Workspace, document: Path, data: bytes | None = None) -> None:
    """Remember the content of a review document tx wrote, or a reviewer's document that
    was imported (its edits are in the work file now), as safe to replace. The caller
    holds the workspace lock."""
    record = recorded(ws)
    record[_key(ws, document)] = locking.digest(data if data is not None else document.read_bytes())
    save_record(ws, record)


def save_record(ws: Workspace, record: dict[str, str]) -> None:
    """Write the record of review documents (as ``recorded`` returned it, or changed)."""
    text = json.dumps(dict(sorted(record.items())), indent=2) + "\n"
    write_text(ws.root / locking.STATE_DIR / RECORD_NAME, text)


def recorded(ws: Workspace) -> dict[str, str]:
    """What tx last wrote or imported at each review document's path (fingerprints)."""
    path = ws.root / locking.STATE_DIR / RECORD_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(key): str(value) for key, value in data.items()}


def _key(ws: Workspace, document: Path) -> str:
    return document.resolve().relative_to(ws.root.resolve()).as_posix()
