"""Waivers: a reviewer's decision that a flag is a false alarm for one segment.

A reviewer who knows that a flag is wrong (a number written in words, a term correctly
declined) waives it, with a reason, in the review document (a note ``waive: REASON`` or
``waive CODE: REASON``) or with ``tx review waive``. The waiver is kept in the work file with
the flag's code, the reason, the date, who gave it and the hash of the translation it was
given for: it is lifted as soon as that translation changes. Waived flags stay visible but no
longer block the publishing gate.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from translate.errors import ReviewError
from translate.models import TranslatedSegment, Waiver, text_hash
from translate.workspace import Workspace, history, workfiles
from translate.workspace.limits import forbidden_character

# "waive: the figure is right" or "waive number: 43.000 millones is 43 billion"
_NOTE = re.compile(r"\s*waive\s*(?P<code>[a-z][a-z-]*)?\s*:\s*(?P<reason>\S.*)", re.I | re.S)


def parse_note(note: str) -> tuple[str | None, str] | None:
    """(flag code or None for every open flag, reason) of a waiver note, else ``None``."""
    match = _NOTE.fullmatch(note)
    if match is None:
        return None
    code = match.group("code")
    return (code.lower() if code else None), " ".join(match.group("reason").split())


def add(
    item: TranslatedSegment, code: str | None, reason: str, *, by: str, date: str
) -> TranslatedSegment:
    """``item`` with its open flag ``code`` (every open flag when ``None``) waived.

    Raises ``ValueError`` with a message for the reviewer when there is nothing to waive or
    no reason is given. Waivers of earlier translations are dropped.
    """
    if not reason.strip():
        raise ValueError("a waiver needs a reason (waive: REASON)")
    refused = refused_text(reason, "reason") or refused_text(by, "reviewer's name")
    if refused:
        raise ValueError(refused)
    open_codes = list(dict.fromkeys(flag.code for flag in item.open_flags))
    codes = open_codes if code is None else [code]
    if not open_codes or (code is not None and code not in open_codes):
        what = f"no open '{code}' flag" if code else "no open flag"
        known = f" (open: {', '.join(open_codes)})" if open_codes else ""
        raise ValueError(f"{what} to waive{known}")
    current = text_hash(item.target)
    given = tuple(Waiver(c, reason.strip(), date, by, current) for c in codes)
    return replace(item, waivers=(*item.active_waivers, *given))


def refused_text(text: str, what: str) -> str:
    """Why ``text`` cannot go into a work file (a character XML cannot hold: a pasted control
    character, U+FFFE), or '' when it can: the work file would be refused by every command."""
    found = forbidden_character(text)
    if found is None:
        return ""
    return f"the {what} holds the control character {found}, which a work file cannot hold"


@dataclass(frozen=True)
class Waived:
    """What ``waive`` did: the segment, the codes waived and the work file's new revision."""

    segment_id: str
    codes: tuple[str, ...]
    revision: int


def waive(
    ws: Workspace,
    slug: str,
    lang: str,
    segment: str,
    code: str | None,
    reason: str,
    *,
    by: str,
    today: dt.date | None = None,
) -> Waived:
    """Waive a flag of one segment (named by its id or a unique start of it) in a work file."""
    path = ws.work_file(slug, lang)
    refused = refused_text(reason, "reason") or refused_text(by, "reviewer's name")
    if refused:
        raise ReviewError(
            refused, path=path, hint="type the --reason and --by again without it; nothing changed"
        )
    with ws.lock():
        translation = workfiles.load(path)
        found = [item for item in translation.segments if item.id.startswith(segment)]
        exact = [item for item in found if item.id == segment]
        if len(exact) == 1:
            found = exact
        if len(found) != 1:
            raise ReviewError(
                f"{'no' if not found else 'more than one'} segment with id '{segment}'",
                path=path,
                hint="give the segment id as `tx status` or the review document shows it",
            )
        before = found[0]
        try:
            after = add(before, code, reason, by=by, date=(today or dt.date.today()).isoformat())
        except ValueError as error:
            raise ReviewError(f"segment {before.id}: {error}", path=path) from None
        segments = tuple(after if item is before else item for item in translation.segments)
        revision = translation.revision + 1
        saved = replace(translation, segments=segments, revision=revision)
        workfiles.save(path, history.record(translation, saved, history.stamp("review waive", by)))
    codes = tuple(w.code for w in after.waivers if w not in before.waivers)
    return Waived(before.id, codes, revision)
