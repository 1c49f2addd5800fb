"""Applying the units of a returned file (a review DOCX, an XLIFF file) to its work file.

Each importer reads its file and names it (``Returned``: article, languages, the revision and
source digest it was exported from), then hands ``apply_returned`` one function that works out
each row's or unit's effect on its segment into an ``Outcome``. Everything around that is one
flow for both:

1. under the workspace lock, load the work file and check the file's identity against it: a
   file of another article, of a newer revision than the work file holds, or (with
   ``all_or_nothing``) of a changed source article, is refused as a whole;
2. the reader's rows are applied; a row that changes a segment whose translation changed since
   the export is a conflict (``Outcome.conflict``): reported and left alone, or with
   ``all_or_nothing`` the whole file is refused;
3. the checks run again on every segment the file touched, the waivers people asked for in
   their notes are recorded, and the work file is saved as the next revision when anything
   changed (``translate.roundtrip.settling``).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from translate.checks import waivers
from translate.errors import ReviewError, TxError, XliffError
from translate.models import Flag, Glossary, State, TranslatedSegment, Translation
from translate.roundtrip.conflicts import Skipped, conflict_entry, report_counts, report_tail
from translate.roundtrip.settling import apply_waivers, recheck, save_settled
from translate.workspace import Workspace, history, workfiles

NEEDS_WORK_FLAG = "needs-work"

Flagged = tuple[tuple[str, tuple[Flag, ...]], ...]


@dataclass(frozen=True)
class Kind:
    """How messages name one kind of returned file, and how to get a new one."""

    error: type[TxError]
    noun: str  # "review", "XLIFF file": "since this review was exported"
    thing: str  # "document", "file"
    does: str  # "this document reviews", "this file translates"
    export: str  # "tx review export"
    refusal: str  # what an all-or-nothing refusal says after "was exported; "
    newer: str  # the end of "exported from revision N of WORK FILE, which ..." (a format)
    command: str  # the command the history records: "review import"


REVIEW = Kind(
    error=ReviewError,
    noun="review",
    thing="document",
    does="this document reviews",
    export="tx review export",
    refusal="export a new review document",
    newer="which is now at the older revision {revision}",
    command="review import",
)
XLIFF = Kind(
    error=XliffError,
    noun="XLIFF file",
    thing="file",
    does="this file translates",
    export="tx xliff export",
    refusal="nothing imported",
    newer="which is at revision {revision}",
    command="xliff import",
)


@dataclass(frozen=True)
class Returned:
    """A file that came back, as its reader understood its identity.

    ``revision`` is the work-file revision it was exported from (-1 when unreadable,
    ``revision_text`` as written); ``by`` is who did the work, where the file or the command
    says (else the revision is recorded under the system's user, and waivers under ``role``).
    """

    path: Path
    kind: Kind
    slug: str
    source_lang: str | None
    target_lang: str
    source_digest: str | None
    revision: int
    revision_text: str
    by: str | None
    role: str
    when: dt.datetime | None = None  # when the work was saved (default: the file's time)


@dataclass
class Outcome:
    """What the rows of a returned file do to the segments of its work file."""

    segments: dict[str, TranslatedSegment]
    lost: Counter[str] = field(default_factory=Counter)
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
    waive_requests: list[tuple[str, str, str | None, str]] = field(default_factory=list)
    waived: list[str] = field(default_factory=list)

    def conflict(self, place: str, item: TranslatedSegment, what: str, held_in: str) -> None:
        """Report a row (``held_in``) at ``place`` that does ``what`` to a segment whose
        translation changed since the export; the row is left alone."""
        kind, entry = conflict_entry(place, item, what, held_in)
        self.conflict_kinds.append(kind)
        self.conflicts.append(entry)

    def settle(
        self,
        item: TranslatedSegment,
        place: str,
        notes: tuple[str, ...],
        touched: bool,
        **changes: object,
    ) -> None:
        """Record a row's effect on ``item``: ``changes`` (target, origin, state, flags), the
        ``notes`` it brought (those not yet on the segment are added; a note ``waive: REASON``
        asks for a waiver, placed at ``place``); ``touched`` segments are checked again."""
        new_notes = tuple(dict.fromkeys(n for n in notes if n and n not in item.notes))
        if new_notes:
            self.noted.append(item.id)
        for note in new_notes:
            request = waivers.parse_note(note)
            if request is not None:
                self.waive_requests.append((item.id, place, *request))
        if touched:
            self.checked.append(item.id)
        state = changes.get("state", item.state)
        human = isinstance(state, State) and state.is_human
        settled = {"previous": None, "matches": ()} if human else {}
        self.segments[item.id] = item.with_changes(
            notes=item.notes + new_notes, **changes, **settled
        )


@dataclass(frozen=True)
class ImportedReport:
    """What an import did to one work file: the part every importer's report has."""

    document: Path
    work_file: Path
    slug: str
    lang: str
    changed: tuple[str, ...] = ()
    flagged: Flagged = ()
    noted: tuple[str, ...] = ()
    waived: tuple[str, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    conflicts: tuple[Skipped, ...] = ()
    warnings: tuple[str, ...] = ()
    revision: int = 0
    saved: bool = False

    def summary(self) -> list[str]:
        """The report as lines for a person."""
        title, counts, extra = self._shape()
        lines = [f"{self.document}: {title} of '{self.slug}' in {self.lang} -> {self.work_file}"]
        lines.append(
            f"  changed {len(self.changed)}, {counts}flagged {len(self.flagged)}, "
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
            extra=extra,
        )

    def _shape(self) -> tuple[str, str, list[str]]:
        """What the importer's report says: its title, the counts of its own after
        "changed N, " and lines of its own before the warnings."""
        return "import", "", []


@dataclass(frozen=True)
class Applied:
    """What ``apply_returned`` did: the outcome, the segments flagged by the checks, and the
    revision the work file is at (``saved``: whether this import wrote it)."""

    outcome: Outcome
    work_file: Path
    translation: Translation
    flagged: Flagged
    revision: int
    saved: bool

    def report_fields(self, returned: Returned) -> dict[str, object]:
        """The fields every import report has, for its constructor."""
        outcome = self.outcome
        return {
            "document": returned.path,
            "work_file": self.work_file,
            "slug": returned.slug,
            "lang": returned.target_lang,
            "changed": tuple(outcome.changed),
            "flagged": self.flagged,
            "noted": tuple(outcome.noted),
            "waived": tuple(dict.fromkeys(outcome.waived)),
            "skipped": tuple(outcome.skipped),
            "conflicts": tuple(outcome.conflicts),
            "warnings": tuple(outcome.warnings),
            "revision": self.revision,
            "saved": self.saved,
        }


RowsApplier = Callable[[Translation, Outcome], None]


def apply_returned(
    ws: Workspace,
    returned: Returned,
    apply_rows: RowsApplier,
    *,
    glossary: Glossary | None = None,
    all_or_nothing: bool = False,
    warnings: tuple[str, ...] = (),
    lost: Counter[str] | None = None,
    record: Callable[[], None] | None = None,
) -> Applied:
    """Apply a returned file to its work file under the workspace lock (see the module).

    ``apply_rows`` fills the outcome from the file's rows; ``warnings`` and ``lost`` are what
    the reader found; ``record`` is called, under the lock, once the work file holds the file's
    work (it notes that the exported file may be replaced). Raises ``returned.kind.error``
    when nothing may be applied; the work file is then left byte for byte as it was.
    """
    kind = returned.kind
    work_path = ws.work_file(returned.slug, returned.target_lang)
    with ws.lock():  # read, compare and write the work file with no other writer between
        if not work_path.is_file():
            raise kind.error(
                f"no work file {work_path} for the article {kind.does} "
                f"('{returned.slug}' in '{returned.target_lang}')",
                path=returned.path,
                hint="import it in the workspace it was exported from",
            )
        translation = workfiles.load(work_path)
        _check_identity(returned, translation, work_path, all_or_nothing)
        outcome = Outcome({item.id: item for item in translation.segments})
        outcome.lost = lost if lost is not None else Counter()
        outcome.warnings.extend(warnings)
        if translation.source_digest != returned.source_digest:
            what = "rows" if kind.thing == "document" else "units"
            outcome.warnings.append(
                f"{returned.path.name}: the source article changed since this {kind.noun} was "
                f"exported; {what} of sentences that are still there were applied"
            )
        apply_rows(translation, outcome)
        if outcome.conflicts and all_or_nothing:
            raise kind.error(
                f"work file changed since this {kind.noun} was exported; {kind.refusal} "
                f"(work file {work_path} is at revision {translation.revision}, the "
                f"{kind.thing} was exported at revision {returned.revision_text}; changed on "
                "both sides: " + "; ".join(outcome.conflict_kinds) + ")",
                path=returned.path,
                hint=f"run `{kind.export} {returned.slug} --lang {returned.target_lang}` and "
                "redo those edits there",
            )
        applied = _settle(ws, returned, translation, outcome, work_path, glossary)
        if record is not None:
            record()
    return applied


def _settle(
    ws: Workspace,
    returned: Returned,
    translation: Translation,
    outcome: Outcome,
    work_path: Path,
    glossary: Glossary | None,
) -> Applied:
    """Check the touched segments again, record the waivers asked for and save."""
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
    apply_waivers(
        outcome.segments,
        outcome.waive_requests,
        returned.by or returned.role,
        outcome.skipped,
        outcome.waived,
    )
    revision, saved = save_settled(
        work_path,
        translation,
        outcome.segments,
        history.stamp(
            returned.kind.command, returned.by, returned.when or history.file_time(returned.path)
        ),
    )
    return Applied(outcome, work_path, translation, flagged, revision, saved)


def _check_identity(
    returned: Returned, translation: Translation, work_path: Path, all_or_nothing: bool
) -> None:
    kind = returned.kind
    if (translation.slug, translation.target_lang, translation.source_lang) != (
        returned.slug,
        returned.target_lang,
        returned.source_lang,
    ):
        raise kind.error(
            f"{kind.does} '{returned.slug}' ({returned.source_lang} -> {returned.target_lang}) "
            f"but {work_path} holds '{translation.slug}' "
            f"({translation.source_lang} -> {translation.target_lang})",
            path=returned.path,
            hint=f"restore the work file from git, or import the right {kind.thing}",
        )
    if translation.source_digest != returned.source_digest and all_or_nothing:
        raise kind.error(
            f"work file changed since this {kind.noun} was exported; {kind.refusal} (the "
            f"source article changed since this {kind.noun} was exported: {work_path} was "
            "re-translated from it)",
            path=returned.path,
            hint=f"run `{kind.export} {returned.slug} --lang {returned.target_lang}` and redo "
            "the work there",
        )
    if returned.revision < 0 or returned.revision > translation.revision:
        raise kind.error(
            f"the {kind.thing} was exported from revision {returned.revision_text} of "
            f"{work_path}, " + kind.newer.format(revision=translation.revision),
            path=returned.path,
            hint=f"restore the newer work file, or run `{kind.export}` again",
        )
