"""Applying a translated XLIFF file back to the work file it was exported from.

The import follows the rules of the review DOCX import (``translate.roundtrip.review.importer``):

- the file names its article, languages, work-file revision and source digest; a file of
  another article or language (than ``--lang`` asks), or of a newer revision than the work
  file holds, is refused as a whole; a file of a source article that changed since the
  export is applied to the sentences that are still there (units of sentences that changed
  name no segment any more and are reported);
- units are matched to segments by id, never by position; a unit whose source text was
  edited is skipped and reported (the source is not the translator's to change);
- a target that differs from the exported one replaces the segment's translation only if the
  work file still holds the translation that was exported; otherwise the unit is a conflict
  (changed on both sides): it is reported on one line and left alone, and every other unit
  is applied (``translate.roundtrip.conflicts``, shared with the review import). With
  ``all_or_nothing`` any conflict, or a changed source article, refuses the whole file and
  nothing is written. Each unit records the short hashes of the source and translation it
  was exported with (as review rows do); where a tool dropped that record, a unit counts as
  current only if the work file is still at the exported revision;
- a changed target becomes ``reviewed`` only when the file says so (2.x state reviewed or
  final, 1.2 ``approved="yes"`` or state signed-off or final); otherwise it is
  ``translated``, its origin ``translator`` (with the tool's name where the file gives it);
- the checks run again on every changed segment; new notes are kept, and a note
  ``waive: REASON`` waives a flag as in review documents;
- everything the file holds that tx cannot carry over (unknown units, inline codes it does
  not know, annotations, units split into several segments...) is counted by kind in the
  report, never dropped silently.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from translate.errors import XliffError
from translate.formats.marks import normalise, short_hash
from translate.formats.xliff.codes import Code, known_codes, markdown, split_codes
from translate.formats.xliff.common import (
    FIELD_ARTICLE,
    FIELD_DIGEST,
    FIELD_FORMAT,
    FIELD_MODE,
    FIELD_REVISION,
    FIELD_SOURCE_LANG,
    FIELD_TARGET_LANG,
    FLAG_CATEGORY,
    FORMAT,
    MODE_COPY_SOURCE,
    TX_CATEGORY,
    WAIVER_CATEGORY,
)
from translate.formats.xliff.read import Event, Unit, XliffFile, read_xliff
from translate.languages import normalized
from translate.models import ORIGIN_TRANSLATOR, Glossary, State, TranslatedSegment, Translation
from translate.roundtrip.apply import XLIFF, ImportedReport, Outcome, Returned, apply_returned
from translate.roundtrip.conflicts import TRANSLATION_EDITED, Skipped
from translate.roundtrip.xliff_export import record_file, xliff_path
from translate.workspace import Workspace, is_slug
from translate.workspace.locking import digest

_REVIEWED_2 = frozenset({"reviewed", "final"})
_REVIEWED_12 = frozenset({"signed-off", "final"})
_STATES_2 = frozenset({"initial", "translated", "reviewed", "final"})
_STATES_12 = frozenset(
    {
        "new", "needs-translation", "needs-adaptation", "needs-l10n", "needs-review-translation",
        "needs-review-adaptation", "needs-review-l10n", "translated", "signed-off", "final",
    }
)  # fmt: skip
_TX_NOTES = frozenset({FLAG_CATEGORY, WAIVER_CATEGORY, TX_CATEGORY, "tx-identity"})


@dataclass(frozen=True)
class XliffImportReport(ImportedReport):
    """What an XLIFF import did to one work file, and what it could not carry over."""

    reviewed: tuple[str, ...] = ()
    not_carried: tuple[tuple[str, int], ...] = ()

    def _shape(self) -> tuple[str, str, list[str]]:
        lost = [f"  not carried over: {count} {kind}" for kind, count in self.not_carried]
        return "XLIFF", f"reviewed {len(self.reviewed)}, ", lost


def import_xliff(
    ws: Workspace,
    path: Path,
    *,
    lang: str | None = None,
    glossary: Glossary | None = None,
    all_or_nothing: bool = False,
    by: str | None = None,
) -> XliffImportReport:
    """Apply a translated XLIFF file to the work file it was exported from.

    ``lang``, when given, is the language the caller expects; a file of another one is
    refused. Units in conflict with the work file are reported in ``conflicts`` and left
    alone, unless ``all_or_nothing``: then any conflict, or a changed source article, refuses
    the whole file. Raises ``XliffError`` when nothing may be applied; the work file is then
    left byte for byte as it was. The changes are recorded under the person the file names
    (an XLIFF 1.2 phase's contact-name), else ``by``, else the system's user.
    """
    document = read_xliff(path)
    returned = _returned(document, lang, by)

    def record() -> None:
        if path.resolve() == xliff_path(ws, returned.slug, returned.target_lang).resolve():
            record_file(ws, path, digest(document.data))  # in the work file now: replaceable

    applied = apply_returned(
        ws,
        returned,
        lambda translation, outcome: _apply_units(document, translation, outcome),
        glossary=glossary,
        all_or_nothing=all_or_nothing,
        lost=document.lost,
        record=record,
    )
    return XliffImportReport(
        reviewed=tuple(applied.outcome.approved),
        not_carried=tuple(sorted(applied.outcome.lost.items())),
        **applied.report_fields(returned),  # type: ignore[arg-type]
    )


def _apply_units(document: XliffFile, translation: Translation, outcome: Outcome) -> None:
    """Apply each unit to its segment; count what is unknown, doubled or missing."""
    name = document.path.name
    source_changed = document.identity.get(FIELD_DIGEST) != translation.source_digest
    copy_source = document.identity.get(FIELD_MODE) == MODE_COPY_SOURCE
    seen: set[str] = set()
    for unit in document.units:
        item = outcome.segments.get(unit.id)
        if item is None or unit.id in seen:
            outcome.lost[
                "units unknown to the work file" if item is None else "duplicate units"
            ] += 1
            why = "its source sentence changed since the export" if source_changed else "id edited?"
            outcome.skipped.append(
                Skipped(
                    unit.id or "(no id)",
                    f"{name}: no such segment in the work file ({why}); not applied"
                    if item is None
                    else f"{name}: a second unit for this segment; not applied (the first one was)",
                )
            )
            continue
        seen.add(unit.id)
        known = _STATES_2 if document.version.startswith("2") else _STATES_12
        if unit.state and unit.state not in known:  # reported, never silently taken
            shown = unit.state if len(unit.state) <= 40 else unit.state[:39] + "…"
            outcome.lost[f"units with the unknown state {shown!r} (taken as not reviewed)"] += 1
        _apply_unit(document, unit, item, outcome, copy_source, translation.revision)
    for item in translation.segments:
        if item.id not in seen:
            outcome.lost["segments missing from the file (left unchanged)"] += 1


def _returned(document: XliffFile, expected: str | None, by: str | None) -> Returned:
    """The file's tx identity, refused when it has none or is not what the caller expects."""
    ident = document.identity
    path = document.path
    if ident.get(FIELD_FORMAT) != FORMAT or not ident.get(FIELD_ARTICLE):
        raise XliffError(
            "the file does not say which article and work file it was exported from "
            "(no tx identity)",
            path=path,
            hint="import an XLIFF file that `tx xliff export` wrote, with its header intact",
        )
    slug = ident[FIELD_ARTICLE]
    target = normalized(ident.get(FIELD_TARGET_LANG, ""))
    if not is_slug(slug) or target is None:
        raise XliffError(
            "the file's tx identity names an impossible article or language",
            path=path,
            hint="import the XLIFF file tx exported, with its header intact",
        )
    if expected is not None and expected != target:
        raise XliffError(
            f"this file translates article '{slug}' into '{target}', not into '{expected}'",
            path=path,
            hint="import it without --lang, or pick the right file",
        )
    revision_text = ident.get(FIELD_REVISION, "")
    try:
        revision = int(revision_text)
    except ValueError:
        revision = -1
    return Returned(
        path=path,
        kind=XLIFF,
        slug=slug,
        source_lang=ident.get(FIELD_SOURCE_LANG),
        target_lang=target,
        source_digest=ident.get(FIELD_DIGEST),
        revision=revision,
        revision_text=revision_text or "?",
        by=document.person or (by or "").strip() or None,
        role=ORIGIN_TRANSLATOR,
    )


def render(events: tuple[Event, ...], codes: dict[str, Code], lost: Counter[str]) -> str:
    """The Markdown of inline content read from a file, each code by its number in ``codes``
    (``known_codes`` of the segment); a code that is not there, or not of its kind, is
    counted in ``lost`` and dropped, its text kept."""
    parts: list[str] = []
    unknown: set[tuple[str, bool]] = set()
    for event in events:
        if event.kind == "text":
            parts.append(event.value)
            continue
        code = codes.get(event.value)
        if code is None or code.paired == (event.kind == "ph"):
            key = (event.value, event.kind == "ph")
            if key not in unknown:  # a code's start and end are one code
                unknown.add(key)
                lost["inline codes not recognised (dropped, text kept)"] += 1
        elif event.kind == "open":
            parts.append(code.start)
        elif event.kind == "close":
            parts.append(code.end)
        else:
            parts.append(code.start)
    return "".join(parts)


def _apply_unit(
    document: XliffFile,
    unit: Unit,
    item: TranslatedSegment,
    outcome: Outcome,
    copy_source: bool,
    revision: int,
) -> None:
    """Work out one unit's effect on its segment, or why it is skipped or in conflict."""
    name = document.path.name
    pieces = split_codes(item.segment.source)
    codes = known_codes(item.segment.source, item.target)
    source = render(unit.source, codes, Counter())
    mark = unit.exported.split()  # src HASH tgt HASH STATE, as exported
    moved = len(mark) == 5 and mark[0] == "src" and mark[1] != short_hash(item.segment.source)
    if moved or normalise(source) != normalise(markdown(pieces)):
        why = (
            "the work file's source text changed since the export"
            if moved
            else "the source text was edited in the file"
        )
        outcome.skipped.append(
            Skipped(item.id, f"{name}: {why}; not applied (only targets and notes may be changed)")
        )
        return
    says_reviewed = (
        unit.state in _REVIEWED_2
        if document.version.startswith("2")
        else unit.approved or unit.state in _REVIEWED_12
    )
    text = render(unit.target, codes, outcome.lost) if unit.target is not None else ""
    if len(mark) == 5 and mark[2] == "tgt":
        seen_current = mark[3] == short_hash(item.target)
        edited = short_hash(text) != mark[3] and normalise(text) != normalise(item.target)
    else:  # a tool dropped tx's record of the unit: fall back on the file's revision
        outcome.lost["units without tx's export record (checked by revision)"] += 1
        seen_current = document.identity.get(FIELD_REVISION) == str(revision)
        edited = normalise(text) != normalise(item.target)
    if copy_source and normalise(text) == normalise(item.segment.source):
        edited = False  # the copy of the source tx wrote: not translated
        if not item.state.is_human:
            outcome.lost["targets left as the source copy (not translated)"] += 1
    if not text.strip():
        edited = False
        if item.target:
            outcome.lost["empty or missing targets (translation kept)"] += 1
    if not unit.translate:
        if edited or not (copy_source and item.state.is_human):  # not one tx locked itself
            outcome.lost["units marked translate=no (left unchanged)"] += 1
        return
    target, origin, state = item.target, item.origin, item.state
    touched = False
    if edited:
        if not seen_current:
            _conflict(outcome, name, item, TRANSLATION_EDITED)
            return
        target, touched = text, True
        origin = ORIGIN_TRANSLATOR + (f" ({document.tool})" if document.tool else "")
        state = State.REVIEWED if says_reviewed else State.TRANSLATED
        outcome.changed.append(item.id)
    elif says_reviewed and not item.state.is_human and text.strip():
        if not seen_current:
            _conflict(outcome, name, item, "marked reviewed")
            return
        state, touched = State.REVIEWED, True
    if touched and state is State.REVIEWED:
        outcome.approved.append(item.id)
    flags = item.flags if not touched else ()
    notes = tuple(note for category, note in unit.notes if category not in _TX_NOTES)
    outcome.settle(
        item, name, notes, touched, target=target, origin=origin, state=state, flags=flags
    )


def _conflict(outcome: Outcome, name: str, item: TranslatedSegment, what: str) -> None:
    outcome.conflict(name, item, what, "unit")
