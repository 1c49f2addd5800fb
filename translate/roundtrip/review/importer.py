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

from dataclasses import dataclass
from pathlib import Path

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
from translate.roundtrip.apply import (
    NEEDS_WORK_FLAG,
    REVIEW,
    ImportedReport,
    Outcome,
    Returned,
    apply_returned,
)
from translate.roundtrip.conflicts import TRANSLATION_EDITED, Skipped
from translate.roundtrip.review.document import ReviewDocument, ReviewRow, read_review_document
from translate.roundtrip.review.format import (
    APPROVE,
    LABEL_FINAL,
    NEEDS_WORK,
    approve_words,
    needs_work_words,
    status_instruction,
)
from translate.roundtrip.review.handover import record_document
from translate.roundtrip.review.markup import canonical
from translate.roundtrip.review.suggestions import chosen_match
from translate.source.inline import plain_text
from translate.workspace import Workspace

__all__ = ["NEEDS_WORK_FLAG", "ImportReport", "import_review"]


@dataclass(frozen=True)
class ImportReport(ImportedReport):
    """What a review import did to one work file."""

    approved: tuple[str, ...] = ()
    needs_work: tuple[str, ...] = ()

    def _shape(self) -> tuple[str, str, list[str]]:
        counts = f"approved {len(self.approved)}, needs work {len(self.needs_work)}, "
        return "review", counts, []


def import_review(
    ws: Workspace,
    docx_path: Path,
    *,
    slug: str | None = None,
    lang: str | None = None,
    glossary: Glossary | None = None,
    all_or_nothing: bool = False,
    by: str | None = None,
) -> ImportReport:
    """Apply a reviewed DOCX to its work file (found from the document's identity table).

    ``slug`` and ``lang``, when given, are what the caller expects the document to review; a
    document of another article or language is refused. ``glossary`` defaults to the
    workspace's. Rows in conflict with the work file are reported in ``conflicts`` and left
    alone, unless ``all_or_nothing``: then any conflict refuses the whole document. Raises
    ``ReviewError`` when nothing may be applied; the work file is then left byte for byte as
    it was. The changes are recorded under the name on the document's Reviewer line, else
    its last-modified-by, else ``by``, else the system's user.
    """
    document = read_review_document(docx_path)
    returned = _returned(ws, document, slug, lang, by)
    name_warnings = []
    if docx_path.stem != returned.slug:
        name_warnings.append(
            f"{docx_path.name}: the file name differs from the article it reviews "
            f"('{returned.slug}'); imported by the document's own identity"
        )

    def record() -> None:
        if docx_path.resolve() == ws.review_file(returned.slug, returned.target_lang).resolve():
            record_document(ws, docx_path)  # its edits are in the work file: safe to replace

    def apply_rows(translation: Translation, outcome: Outcome) -> None:
        outcome.warnings.extend(name_warnings)
        for item, row in _match_rows(document, translation, outcome):
            _apply_row(document, translation, item, row, outcome)

    applied = apply_returned(
        ws,
        returned,
        apply_rows,
        glossary=glossary,
        all_or_nothing=all_or_nothing,
        warnings=document.warnings,
        record=record,
    )
    outcome = applied.outcome
    return ImportReport(
        approved=tuple(outcome.approved),
        needs_work=tuple(outcome.needs_work),
        **applied.report_fields(returned),  # type: ignore[arg-type]
    )


def _returned(
    ws: Workspace, document: ReviewDocument, slug: str | None, lang: str | None, by: str | None
) -> Returned:
    """The document's identity, refused when it is not what the caller expects."""
    ident = document.identity
    if (slug is not None and slug != ident.slug) or (
        lang is not None and lang != ident.target_lang
    ):
        raise ReviewError(
            f"this document is the review of article '{ident.slug}' in '{ident.target_lang}', "
            f"not of '{slug or ident.slug}' in '{lang or ident.target_lang}'",
            path=document.path,
            hint="import it without --lang, or pick the right document",
        )
    try:
        ws.work_file(ident.slug, ident.target_lang)
    except TxError as error:
        raise ReviewError(
            f"the document's identity table names an impossible article or language "
            f"({error.message})",
            path=document.path,
            hint="import the review document tx exported, with its identity table intact",
        ) from None
    return Returned(
        path=document.path,
        kind=REVIEW,
        slug=ident.slug,
        source_lang=ident.source_lang,
        target_lang=ident.target_lang,
        source_digest=ident.source_digest,
        revision=ident.revision,
        revision_text=str(ident.revision),
        by=document.reviewer or document.modified_by or (by or "").strip() or None,
        role=ORIGIN_REVIEWER,
        when=document.modified,
    )


def _match_rows(
    document: ReviewDocument, translation: Translation, outcome: Outcome
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
    outcome: Outcome,
) -> None:
    """Work out one row's effect on its segment, or why it is skipped or in conflict."""
    name = document.path.name
    if not _source_intact(name, item, row, outcome):
        return
    seen_current = target_hash(canonical(item.target)) == row.target_hash
    edit = _edit(name, item, row, outcome, seen_current)
    if edit is None:
        return
    target, origin, state, touched = edit
    flags = item.flags
    instruction = _instruction(name, translation.target_lang, item, row, outcome)
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
    outcome.settle(
        item,
        f"{name}: row {row.number}",
        (*row.notes, *row.comments),
        touched,
        target=target,
        origin=origin,
        state=state,
        flags=flags,
    )


def _source_intact(name: str, item: TranslatedSegment, row: ReviewRow, outcome: Outcome) -> bool:
    """Whether the row's source is the segment's, as exported; a row whose source was edited
    (in the document or in the work file since) is skipped."""
    source_read = normalise(row.source) == normalise(plain_text(item.segment.source))
    if source_read and row.source_hash == short_hash(item.segment.source):
        return True
    why = (
        "the source text was edited in the document"
        if not source_read
        else "the work file's source text changed since the export"
    )
    _skip(
        outcome,
        item,
        f"{name}: row {row.number}: {why}; not applied (only the "
        f"Translation, Status and Notes columns may be edited){_content(row)}",
    )
    return False


def _edit(
    name: str, item: TranslatedSegment, row: ReviewRow, outcome: Outcome, seen_current: bool
) -> tuple[str, str, State, bool] | None:
    """The row's translation (typed, or a match taken): target, origin, state and whether it
    changed; None when the row is skipped or in conflict."""
    current = canonical(item.target)
    if target_hash(row.target) != row.target_hash and row.target.strip() != current.strip():
        if row.unmapped:
            _skip(
                outcome,
                item,
                f"{name}: row {row.number}: the translation holds a symbol with no Unicode "
                f"character ({', '.join(row.unmapped)}); not applied (insert the character "
                "from a text font, e.g. Insert > Symbol > font '(normal text)')",
            )
            return None
        if not seen_current:
            _conflict(outcome, name, row, item, TRANSLATION_EDITED)
            return None
        outcome.changed.append(item.id)
        return row.target, ORIGIN_REVIEWER, State.REVIEWED, True
    chosen = chosen_match(row.status)
    if chosen is None:
        return item.target, item.origin, item.state, False
    if chosen > len(item.matches):
        outcome.skipped.append(
            Skipped(item.id, f"{name}: row {row.number}: there is no match {chosen} to take")
        )
        return None
    if not seen_current:
        _conflict(outcome, name, row, item, f"match {chosen} taken")
        return None
    outcome.changed.append(item.id)
    return item.matches[chosen - 1].target, ORIGIN_MEMORY, State.REVIEWED, True


def _instruction(
    name: str, lang: str, item: TranslatedSegment, row: ReviewRow, outcome: Outcome
) -> str | None:
    """What the status cell asks (approve, needs work), or None (nothing, a match number, a
    word not understood: reported)."""
    if chosen_match(row.status) is not None:
        return None
    exported = LABEL_FINAL if row.exported_state == State.FINAL.value else ""
    try:
        return status_instruction(row.status, lang, exported)
    except ValueError:
        words = approve_words(lang) + needs_work_words(lang)
        _skip(
            outcome,
            item,
            f"{name}: row {row.number}: status '{row.status}' not understood "
            f"(use one of: {', '.join(words)}); status left unchanged",
        )
        return None


def _skip(outcome: Outcome, item: TranslatedSegment, why: str) -> None:
    outcome.skipped.append(Skipped(item.id, why))


def _conflict(
    outcome: Outcome, name: str, row: ReviewRow, item: TranslatedSegment, what: str
) -> None:
    outcome.conflict(f"{name}: row {row.number}", item, what, "row")


def _needs_work_flag(row: ReviewRow) -> Flag:
    detail = "; ".join(row.comments)
    return Flag(NEEDS_WORK_FLAG, "reviewer: needs work" + (f" ({detail})" if detail else ""))
