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
from dataclasses import dataclass, field
from pathlib import Path

from translate.checks import waivers
from translate.errors import XliffError
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
from translate.models import Flag, Glossary, State, TranslatedSegment, Translation
from translate.roundtrip.conflicts import (
    TRANSLATION_EDITED,
    Skipped,
    conflict_entry,
    report_counts,
    report_tail,
)
from translate.roundtrip.settling import apply_waivers, recheck, save_settled
from translate.roundtrip.xliff_export import record_file, xliff_path
from translate.workspace import Workspace, is_slug, workfiles
from translate.workspace.locking import digest

ORIGIN_TRANSLATOR = "translator"
_REVIEWED_2 = frozenset({"reviewed", "final"})
_REVIEWED_12 = frozenset({"signed-off", "final"})
_TX_NOTES = frozenset({FLAG_CATEGORY, WAIVER_CATEGORY, TX_CATEGORY, "tx-identity"})


@dataclass(frozen=True)
class XliffImportReport:
    """What an XLIFF import did to one work file, and what it could not carry over."""

    document: Path
    work_file: Path
    slug: str
    lang: str
    changed: tuple[str, ...] = ()
    reviewed: tuple[str, ...] = ()
    flagged: tuple[tuple[str, tuple[Flag, ...]], ...] = ()
    noted: tuple[str, ...] = ()
    waived: tuple[str, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    conflicts: tuple[Skipped, ...] = ()
    not_carried: tuple[tuple[str, int], ...] = ()
    warnings: tuple[str, ...] = ()
    revision: int = 0
    saved: bool = False

    def summary(self) -> list[str]:
        """The report as lines for a person."""
        lines = [f"{self.document}: XLIFF of '{self.slug}' in {self.lang} -> {self.work_file}"]
        lines.append(
            f"  changed {len(self.changed)}, reviewed {len(self.reviewed)}, "
            f"flagged {len(self.flagged)}, notes added {len(self.noted)}, "
            + (f"waived {len(self.waived)}, " if self.waived else "")
            + report_counts(self.skipped, self.conflicts)
        )
        lost = (f"  not carried over: {count} {kind}" for kind, count in self.not_carried)
        return lines + report_tail(
            self.flagged,
            self.skipped,
            self.conflicts,
            self.warnings,
            self.work_file,
            self.revision,
            self.saved,
            extra=lost,
        )


@dataclass
class _Outcome:
    segments: dict[str, TranslatedSegment]
    lost: Counter[str]
    changed: list[str] = field(default_factory=list)
    reviewed: list[str] = field(default_factory=list)
    noted: list[str] = field(default_factory=list)
    waived: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    conflicts: list[Skipped] = field(default_factory=list)
    conflict_kinds: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    waive_requests: dict[str, list[tuple[str | None, str]]] = field(default_factory=dict)


def import_xliff(
    ws: Workspace,
    path: Path,
    *,
    lang: str | None = None,
    glossary: Glossary | None = None,
    all_or_nothing: bool = False,
) -> XliffImportReport:
    """Apply a translated XLIFF file to the work file it was exported from.

    ``lang``, when given, is the language the caller expects; a file of another one is
    refused. Units in conflict with the work file are reported in ``conflicts`` and left
    alone, unless ``all_or_nothing``: then any conflict, or a changed source article, refuses
    the whole file. Raises ``XliffError`` when nothing may be applied; the work file is then
    left byte for byte as it was.
    """
    document = read_xliff(path)
    slug, target_lang = _identity(document, lang)
    work_path = ws.work_file(slug, target_lang)
    with ws.lock():  # read, compare and write the work file with no other writer between
        if not work_path.is_file():
            raise XliffError(
                f"no work file {work_path} for the article this file translates "
                f"('{slug}' in '{target_lang}')",
                path=path,
                hint="import it in the workspace it was exported from",
            )
        translation = workfiles.load(work_path)
        _check_identity(document, translation, work_path, all_or_nothing)
        outcome = _Outcome({item.id: item for item in translation.segments}, document.lost)
        source_changed = document.identity.get(FIELD_DIGEST) != translation.source_digest
        if source_changed:
            outcome.warnings.append(
                f"{path.name}: the source article changed since this XLIFF file was exported; "
                "units of sentences that are still there were applied"
            )
        copy_source = document.identity.get(FIELD_MODE) == MODE_COPY_SOURCE
        seen: set[str] = set()
        for unit in document.units:
            item = outcome.segments.get(unit.id)
            if item is None or unit.id in seen:
                outcome.lost[
                    "units unknown to the work file" if item is None else "duplicate units"
                ] += 1
                why = (
                    "its source sentence changed since the export"
                    if source_changed
                    else "id edited?"
                )
                outcome.skipped.append(
                    Skipped(
                        unit.id or "(no id)",
                        f"{path.name}: no such segment in the work file ({why}); not applied"
                        if item is None
                        else f"{path.name}: a second unit for this segment; not applied "
                        "(the first one was)",
                    )
                )
                continue
            seen.add(unit.id)
            _apply_unit(document, unit, item, outcome, copy_source, translation.revision)
        for item in translation.segments:
            if item.id not in seen:
                outcome.lost["segments missing from the file (left unchanged)"] += 1
        if outcome.conflicts and all_or_nothing:
            raise XliffError(
                "work file changed since this XLIFF file was exported; nothing imported "
                f"(work file {work_path} is at revision {translation.revision}, the file was "
                f"exported at revision {document.identity.get(FIELD_REVISION, '?')}; changed "
                "on both sides: " + "; ".join(outcome.conflict_kinds) + ")",
                path=path,
                hint=f"run `tx xliff export {slug} --lang {target_lang}` and redo those "
                "segments there",
            )
        touched = [
            i.id
            for i in translation.segments
            if outcome.segments[i.id].target != i.target
            or outcome.segments[i.id].state is not i.state
        ]
        flagged = recheck(ws, translation, outcome.segments, touched, glossary)
        requests = (
            (segment_id, path.name, code, reason)
            for segment_id, asked in outcome.waive_requests.items()
            for code, reason in asked
        )
        apply_waivers(outcome.segments, requests, "translator", outcome.skipped, outcome.waived)
        if path.resolve() == xliff_path(ws, slug, target_lang).resolve():
            record_file(ws, path, digest(document.data))  # in the work file now: safe to replace
        revision, saved = save_settled(work_path, translation, outcome.segments)
    return XliffImportReport(
        document=path,
        work_file=work_path,
        slug=slug,
        lang=target_lang,
        changed=tuple(outcome.changed),
        reviewed=tuple(outcome.reviewed),
        flagged=flagged,
        noted=tuple(outcome.noted),
        waived=tuple(dict.fromkeys(outcome.waived)),
        skipped=tuple(outcome.skipped),
        conflicts=tuple(outcome.conflicts),
        not_carried=tuple(sorted(outcome.lost.items())),
        warnings=tuple(outcome.warnings),
        revision=revision,
        saved=saved,
    )


def _identity(document: XliffFile, expected: str | None) -> tuple[str, str]:
    from translate.languages import normalized

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
    return slug, target


def _check_identity(
    document: XliffFile, translation: Translation, work_path: Path, all_or_nothing: bool
) -> None:
    ident = document.identity
    slug = ident[FIELD_ARTICLE]
    target = translation.target_lang
    if (ident.get(FIELD_SOURCE_LANG), slug) != (translation.source_lang, translation.slug):
        raise XliffError(
            f"this file translates '{slug}' ({ident.get(FIELD_SOURCE_LANG)} -> "
            f"{ident.get(FIELD_TARGET_LANG)}) but {work_path} holds '{translation.slug}' "
            f"({translation.source_lang} -> {target})",
            path=document.path,
            hint="restore the work file from git, or import the right file",
        )
    if ident.get(FIELD_DIGEST) != translation.source_digest and all_or_nothing:
        raise XliffError(
            "the source article changed since this XLIFF file was exported (the work file "
            f"{work_path} was re-translated from it); nothing imported",
            path=document.path,
            hint=f"run `tx xliff export {slug} --lang {target}` and redo the work there",
        )
    try:
        revision = int(ident.get(FIELD_REVISION, ""))
    except ValueError:
        revision = -1
    if revision < 0 or revision > translation.revision:
        raise XliffError(
            f"the file was exported from revision {ident.get(FIELD_REVISION)} of "
            f"{work_path}, which is at revision {translation.revision}",
            path=document.path,
            hint="restore the newer work file, or export a new XLIFF file",
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
    outcome: _Outcome,
    copy_source: bool,
    revision: int,
) -> None:
    """Work out one unit's effect on its segment, or why it is skipped or in conflict."""
    from translate.formats.marks import normalise, short_hash

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
        outcome.reviewed.append(item.id)
    new_notes = tuple(
        dict.fromkeys(
            note
            for category, note in unit.notes
            if note and category not in _TX_NOTES and note not in item.notes
        )
    )
    notes = item.notes + new_notes
    if new_notes:
        outcome.noted.append(item.id)
    for note in new_notes:
        request = waivers.parse_note(note)
        if request is not None:
            outcome.waive_requests.setdefault(item.id, []).append(request)
    flags = item.flags if not touched else ()
    settled = {"previous": None, "matches": ()} if state.is_human else {}
    outcome.segments[item.id] = item.with_changes(
        target=target, origin=origin, state=state, flags=flags, notes=notes, **settled
    )


def _conflict(outcome: _Outcome, name: str, item: TranslatedSegment, what: str) -> None:
    """Report a unit that changes a segment whose translation changed since the export."""
    kind, entry = conflict_entry(name, item, what, "unit")
    outcome.conflict_kinds.append(kind)
    outcome.conflicts.append(entry)
