"""Importing a reviewed DOCX into its work file.

Rows are matched to segments by the segment id in their first cell, never by position or by
the file's name. For each matched row:

- a translation whose text differs from the exported one (tracked changes accepted) replaces
  the segment's target: origin ``reviewer``, state ``reviewed``;
- an approval word in the status cell makes the segment ``final``; a needs-work word adds a
  ``needs-work`` flag and sets the state back to ``translated``;
- reviewer comments and new lines in the Notes cell become notes on the segment;
- the checks (glossary, numbers, URLs...) run again on every segment the review touched.

Mismatches are reported, never guessed at: rows deleted (segment left unchanged), duplicated
with different content, with an unknown or damaged id, or with edited source text are skipped
with a message naming the file and segment. A document of another article or language is
refused as a whole; a document of a source article that changed since the export is applied
to the sentences that are still there (rows of sentences that changed name no segment any
more and are reported).

Work-file revisions: each row carries short hashes of the exported source and translation. A
work file saved since the export is fine for every segment that still holds the translation
the reviewer saw; a row that changes a segment whose translation changed since the export is
a conflict: it is reported (one line naming the row, the segment and why) and left alone,
and every other row is applied. With ``all_or_nothing`` any conflict, or a changed source
article, refuses the whole import and nothing is written. A second import of the same
document is a no-op: the text already matches, approvals are already final, notes are already
present, and the file is not written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from translate.checks import waivers
from translate.errors import ReviewError, TxError
from translate.formats.marks import normalise, short_hash, target_hash
from translate.models import (
    ORIGIN_MEMORY,
    ORIGIN_REVIEWER,
    Flag,
    Glossary,
    State,
    TranslatedSegment,
    Translation,
)
from translate.roundtrip.conflicts import (
    TRANSLATION_EDITED,
    Skipped,
    conflict_entry,
    report_counts,
    report_tail,
)
from translate.roundtrip.review.document import ReviewDocument, ReviewRow, read_review_document
from translate.roundtrip.review.export import record_document
from translate.roundtrip.review.format import (
    APPROVE,
    LABEL_FINAL,
    NEEDS_WORK,
    approve_words,
    needs_work_words,
    status_instruction,
)
from translate.roundtrip.review.markup import canonical
from translate.roundtrip.review.suggestions import chosen_match
from translate.roundtrip.settling import apply_waivers, recheck, save_settled
from translate.source.inline import plain_text
from translate.workspace import Workspace, workfiles

NEEDS_WORK_FLAG = "needs-work"


@dataclass(frozen=True)
class ImportReport:
    """What an import did to one work file."""

    document: Path
    work_file: Path
    slug: str
    lang: str
    changed: tuple[str, ...] = ()
    approved: tuple[str, ...] = ()
    needs_work: tuple[str, ...] = ()
    flagged: tuple[tuple[str, tuple[Flag, ...]], ...] = ()
    noted: tuple[str, ...] = ()
    waived: tuple[str, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    conflicts: tuple[Skipped, ...] = ()
    warnings: tuple[str, ...] = ()
    revision: int = 0
    saved: bool = False

    def summary(self) -> list[str]:
        """The report as lines for a person."""
        lines = [f"{self.document}: review of '{self.slug}' in {self.lang} -> {self.work_file}"]
        lines.append(
            f"  changed {len(self.changed)}, approved {len(self.approved)}, "
            f"needs work {len(self.needs_work)}, flagged {len(self.flagged)}, "
            f"notes added {len(self.noted)}, "
            + (f"waived {len(self.waived)}, " if self.waived else "")
            + report_counts(self.skipped, self.conflicts)
        )
        return lines + report_tail(
            self.flagged,
            self.skipped,
            self.conflicts,
            self.warnings,
            self.work_file,
            self.revision,
            self.saved,
        )


@dataclass
class _Outcome:
    segments: dict[str, TranslatedSegment]
    changed: list[str] = field(default_factory=list)
    approved: list[str] = field(default_factory=list)
    needs_work: list[str] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)
    noted: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    conflicts: list[Skipped] = field(default_factory=list)
    conflict_kinds: list[str] = field(default_factory=list)
    wants_work: set[str] = field(default_factory=set)
    warnings: list[str] = field(default_factory=list)
    waive_requests: dict[str, list[tuple[int, str | None, str]]] = field(default_factory=dict)
    waived: list[str] = field(default_factory=list)


def import_review(
    ws: Workspace,
    docx_path: Path,
    *,
    slug: str | None = None,
    lang: str | None = None,
    glossary: Glossary | None = None,
    all_or_nothing: bool = False,
) -> ImportReport:
    """Apply a reviewed DOCX to its work file (found from the document's identity table).

    ``slug`` and ``lang``, when given, are what the caller expects the document to review; a
    document of another article or language is refused. ``glossary`` defaults to the
    workspace's. Rows in conflict with the work file are reported in ``conflicts`` and left
    alone, unless ``all_or_nothing``: then any conflict refuses the whole document. Raises
    ``ReviewError`` when nothing may be applied; the work file is then left byte for byte as
    it was.
    """
    document = read_review_document(docx_path)
    ident = document.identity
    if (slug is not None and slug != ident.slug) or (
        lang is not None and lang != ident.target_lang
    ):
        raise ReviewError(
            f"this document is the review of article '{ident.slug}' in '{ident.target_lang}', "
            f"not of '{slug or ident.slug}' in '{lang or ident.target_lang}'",
            path=docx_path,
            hint="import it without --lang, or pick the right document",
        )
    try:
        work_path = ws.work_file(ident.slug, ident.target_lang)
    except TxError as error:
        raise ReviewError(
            f"the document's identity table names an impossible article or language "
            f"({error.message})",
            path=docx_path,
            hint="import the review document tx exported, with its identity table intact",
        ) from None
    with ws.lock():  # read, compare and write the work file with no other writer between
        outcome, flagged, revision, saved = _apply(
            ws, document, docx_path, work_path, glossary, all_or_nothing
        )
        if docx_path.resolve() == ws.review_file(ident.slug, ident.target_lang).resolve():
            record_document(ws, docx_path)  # its edits are in the work file: safe to replace
    return ImportReport(
        document=docx_path,
        work_file=work_path,
        slug=ident.slug,
        lang=ident.target_lang,
        changed=tuple(outcome.changed),
        approved=tuple(outcome.approved),
        needs_work=tuple(outcome.needs_work),
        flagged=flagged,
        noted=tuple(outcome.noted),
        waived=tuple(dict.fromkeys(outcome.waived)),
        skipped=tuple(outcome.skipped),
        conflicts=tuple(outcome.conflicts),
        warnings=tuple(outcome.warnings),
        revision=revision,
        saved=saved,
    )


def _apply(
    ws: Workspace,
    document: ReviewDocument,
    docx_path: Path,
    work_path: Path,
    glossary: Glossary | None,
    all_or_nothing: bool = False,
) -> tuple[_Outcome, tuple[tuple[str, tuple[Flag, ...]], ...], int, bool]:
    """Apply a document to its work file (the caller holds the workspace lock)."""
    ident = document.identity
    if not work_path.is_file():
        raise ReviewError(
            f"no work file {work_path} for the article this document reviews "
            f"('{ident.slug}' in '{ident.target_lang}')",
            path=docx_path,
            hint="import it in the workspace the review was exported from",
        )
    translation = workfiles.load(work_path)
    _check_identity(document, translation, work_path, all_or_nothing)
    outcome = _Outcome(segments={item.id: item for item in translation.segments})
    outcome.warnings.extend(document.warnings)
    if translation.source_digest != ident.source_digest:
        outcome.warnings.append(
            f"{docx_path.name}: the source article changed since this review was exported; "
            "rows of sentences that are still there were applied"
        )
    if docx_path.stem != ident.slug:
        outcome.warnings.append(
            f"{docx_path.name}: the file name differs from the article it reviews "
            f"('{ident.slug}'); imported by the document's own identity"
        )
    rows = _match_rows(document, translation, outcome)
    for item, row in rows:
        _apply_row(document, translation, item, row, outcome)
    if outcome.conflicts and all_or_nothing:
        raise ReviewError(
            "work file changed since this review was exported; export a new review document "
            f"(work file {work_path} is at revision {translation.revision}, the document was "
            f"exported at revision {ident.revision}; changed on both sides: "
            + "; ".join(outcome.conflict_kinds)
            + ")",
            path=docx_path,
            hint=f"run `tx review export {ident.slug} --lang {ident.target_lang}` and redo "
            "those edits there",
        )
    flagged = recheck(
        ws,
        translation,
        outcome.segments,
        outcome.checked,
        glossary,
        kept=lambda item: tuple(
            f for f in item.flags if f.code == NEEDS_WORK_FLAG and item.id in outcome.wants_work
        ),
    )
    requests = (
        (segment_id, f"{document.path.name}: row {number}", code, reason)
        for segment_id, asked in outcome.waive_requests.items()
        for number, code, reason in asked
    )
    apply_waivers(outcome.segments, requests, "reviewer", outcome.skipped, outcome.waived)
    revision, saved = save_settled(work_path, translation, outcome.segments)
    return outcome, flagged, revision, saved


def _check_identity(
    document: ReviewDocument, translation: Translation, work_path: Path, all_or_nothing: bool
) -> None:
    ident = document.identity
    if (translation.slug, translation.target_lang, translation.source_lang) != (
        ident.slug,
        ident.target_lang,
        ident.source_lang,
    ):
        raise ReviewError(
            f"this document reviews '{ident.slug}' ({ident.source_lang} -> {ident.target_lang}) "
            f"but {work_path} holds '{translation.slug}' "
            f"({translation.source_lang} -> {translation.target_lang})",
            path=document.path,
            hint="restore the work file from git, or import the right document",
        )
    if translation.source_digest != ident.source_digest and all_or_nothing:
        raise ReviewError(
            "work file changed since this review was exported; export a new review document "
            f"({work_path} was re-translated from a changed source article)",
            path=document.path,
            hint=f"run `tx review export {ident.slug} --lang {ident.target_lang}` and redo "
            "the edits there",
        )
    if ident.revision > translation.revision:
        raise ReviewError(
            f"the document was exported from revision {ident.revision} of {work_path}, which "
            f"is now at the older revision {translation.revision}",
            path=document.path,
            hint="restore the newer work file, or export a new review document",
        )


def _match_rows(
    document: ReviewDocument, translation: Translation, outcome: _Outcome
) -> list[tuple[TranslatedSegment, ReviewRow]]:
    """Pair rows with segments by id; report rows and segments that cannot be paired."""
    name = document.path.name
    source_changed = translation.source_digest != document.identity.source_digest
    why_unknown = "its source sentence changed since the export" if source_changed else "id edited?"
    by_id: dict[str, list[ReviewRow]] = {}
    for row in document.rows:
        if row.segment_id is None or row.source_hash is None:
            what = row.segment_id or "(empty)"
            outcome.skipped.append(
                Skipped(
                    what,
                    f"{name}: row {row.number}: the segment id cell was edited "
                    f"and cannot be read; not applied{_content(row)}",
                )
            )
        elif row.segment_id not in outcome.segments:
            outcome.skipped.append(
                Skipped(
                    row.segment_id,
                    f"{name}: row {row.number}: no segment with this id in "
                    f"the work file ({why_unknown}); not applied{_content(row)}",
                )
            )
        else:
            by_id.setdefault(row.segment_id, []).append(row)
    pairs: list[tuple[TranslatedSegment, ReviewRow]] = []
    for segment_id, rows in by_id.items():
        numbers = ", ".join(str(row.number) for row in rows)
        if len(rows) > 1 and len({(r.target, r.status, r.notes) for r in rows}) > 1:
            outcome.skipped.append(
                Skipped(
                    segment_id,
                    f"{name}: rows {numbers} are copies of this segment with "
                    "different content; none applied (keep one row per segment)",
                )
            )
            continue
        if len(rows) > 1:
            outcome.warnings.append(
                f"{name}: segment {segment_id}: rows {numbers} are identical copies; applied once"
            )
        pairs.append((outcome.segments[segment_id], rows[0]))
    partial = document.identity.selection
    left_out = [item for item in translation.segments if item.id not in by_id]
    if partial and left_out:
        outcome.warnings.append(
            f"{name}: a partial document ({partial}); the {len(left_out)} segment(s) "
            "not in it were left as they are"
        )
        left_out = []
    for item in left_out:
        if item.id not in by_id:
            outcome.skipped.append(
                Skipped(
                    item.id,
                    f"{name}: no row for this segment (row deleted?); segment left unchanged",
                )
            )
    order = {item.id: index for index, item in enumerate(translation.segments)}
    positions = [order[segment_id] for segment_id in by_id]
    if positions != sorted(positions):
        outcome.warnings.append(
            f"{name}: rows are not in the exported order (reordered?); matched by segment id"
        )
    return pairs


def _content(row: ReviewRow) -> str:
    parts = [f"translation: \u00ab{row.target}\u00bb"] if row.target else []
    parts.extend(f"comment: {comment}" for comment in row.comments)
    return " (" + "; ".join(parts) + ")" if parts else ""


def _apply_row(
    document: ReviewDocument,
    translation: Translation,
    item: TranslatedSegment,
    row: ReviewRow,
    outcome: _Outcome,
) -> None:
    """Work out one row's effect on its segment, or why it is skipped or in conflict."""
    name = document.path.name
    source_read = normalise(row.source) == normalise(plain_text(item.segment.source))
    if not source_read or row.source_hash != short_hash(item.segment.source):
        edited_here = not source_read
        why = (
            "the source text was edited in the document"
            if edited_here
            else ("the work file's source text changed since the export")
        )
        outcome.skipped.append(
            Skipped(
                item.id,
                f"{name}: row {row.number}: {why}; not applied (only the "
                f"Translation, Status and Notes columns may be edited){_content(row)}",
            )
        )
        return
    current = canonical(item.target)
    seen_current = target_hash(current) == row.target_hash
    target, state, flags = item.target, item.state, item.flags
    origin = item.origin
    touched = False
    if target_hash(row.target) != row.target_hash and row.target.strip() != current.strip():
        if row.unmapped:
            outcome.skipped.append(
                Skipped(
                    item.id,
                    f"{name}: row {row.number}: the translation holds a symbol with no Unicode "
                    f"character ({', '.join(row.unmapped)}); not applied (insert the character "
                    "from a text font, e.g. Insert > Symbol > font '(normal text)')",
                )
            )
            return
        if not seen_current:
            _conflict(outcome, name, row, item, TRANSLATION_EDITED)
            return
        target, origin, state, touched = row.target, ORIGIN_REVIEWER, State.REVIEWED, True
        outcome.changed.append(item.id)
    chosen = chosen_match(row.status)
    if chosen is not None and not touched:
        if chosen > len(item.matches):
            outcome.skipped.append(
                Skipped(item.id, f"{name}: row {row.number}: there is no match {chosen} to take")
            )
            return
        if not seen_current:
            _conflict(outcome, name, row, item, f"match {chosen} taken")
            return
        target, origin = item.matches[chosen - 1].target, ORIGIN_MEMORY
        state, touched = State.REVIEWED, True
        outcome.changed.append(item.id)
    try:
        exported = LABEL_FINAL if row.exported_state == State.FINAL.value else ""
        instruction = (
            None
            if chosen is not None
            else status_instruction(row.status, translation.target_lang, exported)
        )
    except ValueError:
        instruction = None
        words = approve_words(translation.target_lang) + needs_work_words(translation.target_lang)
        outcome.skipped.append(
            Skipped(
                item.id,
                f"{name}: row {row.number}: status '{row.status}' not understood "
                f"(use one of: {', '.join(words)}); status left unchanged",
            )
        )
    if instruction is not None and not seen_current and not touched:
        applies = (instruction == APPROVE and state is not State.FINAL) or (
            instruction == NEEDS_WORK and not any(f.code == NEEDS_WORK_FLAG for f in flags)
        )
        if applies:
            _conflict(outcome, name, row, item, f"status '{row.status}'")
            return
    if instruction == NEEDS_WORK:
        outcome.wants_work.add(item.id)
    if instruction == APPROVE and state is not State.FINAL:
        state, touched = State.FINAL, True
        outcome.approved.append(item.id)
    elif instruction == NEEDS_WORK and not any(f.code == NEEDS_WORK_FLAG for f in flags):
        state, touched = State.TRANSLATED, True
        flags = (*flags, _needs_work_flag(row))
        outcome.needs_work.append(item.id)
    new_notes = tuple(dict.fromkeys(n for n in (*row.notes, *row.comments) if n not in item.notes))
    notes = item.notes + new_notes
    if notes != item.notes:
        outcome.noted.append(item.id)
    for note in new_notes:
        request = waivers.parse_note(note)
        if request is not None:
            outcome.waive_requests.setdefault(item.id, []).append((row.number, *request))
    if touched:
        outcome.checked.append(item.id)
    settled = {"previous": None, "matches": ()} if state.is_human else {}
    outcome.segments[item.id] = item.with_changes(
        target=target, origin=origin, state=state, flags=flags, notes=notes, **settled
    )


def _conflict(
    outcome: _Outcome, name: str, row: ReviewRow, item: TranslatedSegment, what: str
) -> None:
    """Report a row that changes a segment whose translation changed since the export."""
    kind, entry = conflict_entry(f"{name}: row {row.number}", item, what, "row")
    outcome.conflict_kinds.append(kind)
    outcome.conflicts.append(entry)


def _needs_work_flag(row: ReviewRow) -> Flag:
    detail = "; ".join(row.comments)
    return Flag(NEEDS_WORK_FLAG, "reviewer: needs work" + (f" ({detail})" if detail else ""))
