"""Writing review documents: one DOCX per article and language for a human reviewer.

The document (format described in ``review.format``) opens with the article title, the
languages, the date, how many segments need review and a legend of the markers and of the
words accepted in the status cell. Then come the identity table and one table row per segment:
id and source shaded as read-only, the translation in the target language (so spell checking
works; right to left where the language is), the status cell coloured by state, and a Word
comment by "tx" on each flagged translation saying what is wrong.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from translate import __version__, confidence, languages
from translate.confidence import BANDS, NO_SCORE, Thresholds, segment_band
from translate.errors import ReviewError, ReviewInUseError, StaleReviewError
from translate.formats.marks import short_hash, target_hash
from translate.models import State, TranslatedSegment, Translation
from translate.roundtrip.review.context import article_of, segment_labels
from translate.roundtrip.review.format import (
    FIELD_ARTICLE,
    FIELD_DIGEST,
    FIELD_FORMAT,
    FIELD_REVISION,
    FIELD_SELECTION,
    FIELD_SOURCE_LANG,
    FIELD_TARGET_LANG,
    FIELD_VERSION,
    FLAG_MARK,
    FORMAT,
    IDENTITY_MARK,
    READ_ONLY_FILL,
    REVIEWER_MARK,
    SEGMENT_HEADER,
    STATE_COLOURS,
    TX_AUTHOR,
    approve_words,
    needs_work_words,
    state_label,
    w,
)
from translate.roundtrip.review.handover import (
    check_unchanged,
    record_document,
    recorded,
    save_record,
)
from translate.roundtrip.review.markup import add_runs, canonical
from translate.roundtrip.review.suggestions import add_suggestions
from translate.roundtrip.review.word_layout import COLUMN_WIDTHS_CM as COLUMN_WIDTHS_CM
from translate.roundtrip.review.word_layout import (
    fix_widths,
    hide,
    keep_together,
    repeat_header,
    set_language,
    shade,
)
from translate.roundtrip.staleness import stale_warning
from translate.workspace import Workspace, workfiles, write_bytes

_TABLE_TEXT_PT = 10
_FLAG_COLOUR = "C00000"


def needs_review(item: TranslatedSegment) -> bool:
    """Whether a segment still needs a person: not confirmed by one, or flagged."""
    return not item.state.is_human or bool(item.open_flags)


def has_open_work(translation: Translation) -> bool:
    """Whether any segment of a translation is not final or carries flags."""
    return any(item.state is not State.FINAL or item.open_flags for item in translation.segments)


@dataclass
class ReviewExports:
    """What a review export wrote, and the documents it left alone because a reviewer may be
    working on them."""

    written: list[Path] = field(default_factory=list)
    refused: list[ReviewError] = field(default_factory=list)


def export_review(
    ws: Workspace,
    slug: str,
    lang: str,
    *,
    today: dt.date | None = None,
    force: bool = False,
    below: str | None = None,
    stale: bool = False,
) -> Path:
    """Write exports/review/<lang>/<slug>.docx from the work file; returns its path.

    An existing document that differs from what tx last wrote or imported there (a reviewer
    edited it in place), or that Word or LibreOffice has open, is refused with a
    ``ReviewError`` unless ``force``. ``below`` (``high`` or ``medium``) writes a partial
    document of the segments whose confidence is below that band (``confidence.below``).
    A work file behind its article is refused with a ``StaleReviewError`` unless ``stale``
    (the document then says so at its top).
    """
    path = ws.work_file(slug, lang)
    out = ws.review_file(slug, lang)
    with ws.lock():  # the document shows the work file as it is when written
        translation = workfiles.load(path)
        if translation.slug != slug or translation.target_lang != lang:
            raise ReviewError(
                f"work file is of article '{translation.slug}' in "
                f"'{translation.target_lang}', not '{slug}' in '{lang}'",
                path=path,
                hint="restore it from git or run `tx translate` again",
            )
        warning = stale_warning(ws, translation, path, StaleReviewError, stale=stale)
        if not force:
            check_unchanged(ws, out)
        data = review_document(
            translation,
            today=today or dt.date.today(),
            below=below,
            warning=warning,
            thresholds=ws.settings.bands_for(lang),
            labels=segment_labels(article_of(ws, slug), translation),
        )
        # The record first: a document written without it would be refused as a reviewer's
        # at the next export. If the document cannot be written, the record is rolled back.
        before = recorded(ws)
        record_document(ws, out, data)
        try:
            write_bytes(out, data)
        except BaseException:
            save_record(ws, before)
            raise
    return out


def export_article_reviews(
    ws: Workspace,
    slug: str,
    langs: Sequence[str] = (),
    *,
    today: dt.date | None = None,
    force: bool = False,
    below: str | None = None,
    stale: bool = False,
) -> ReviewExports:
    """Export the review documents of an article in ``langs`` (default: every language with
    a work file for it)."""
    if not langs:
        langs = [lang for lang, path in ws.work_files() if path.stem == slug]
    if not langs:
        raise ReviewError(
            f"no work file for article '{slug}' under {ws.translations_dir}",
            path=ws.translations_dir,
            hint=f"run `tx translate articles/{slug}.md` first",
        )
    return _export_each(ws, [(slug, lang) for lang in langs], today, force, below, stale)


def export_open_reviews(
    ws: Workspace,
    langs: Sequence[str] = (),
    *,
    today: dt.date | None = None,
    force: bool = False,
    below: str | None = None,
    stale: bool = False,
) -> ReviewExports:
    """Export a review document for every work file with open work (in ``langs`` only, when
    given)."""
    wanted = [
        (path.stem, lang)
        for lang, path in ws.work_files()
        if (not langs or lang in langs) and has_open_work(workfiles.load(path))
    ]
    return _export_each(ws, wanted, today, force, below, stale)


def _export_each(
    ws: Workspace,
    wanted: Sequence[tuple[str, str]],
    today: dt.date | None,
    force: bool,
    below: str | None = None,
    stale: bool = False,
) -> ReviewExports:
    result = ReviewExports()
    for slug, lang in wanted:
        try:
            result.written.append(
                export_review(ws, slug, lang, today=today, force=force, below=below, stale=stale)
            )
        except (ReviewInUseError, StaleReviewError) as error:
            result.refused.append(error)
    return result


def language_name(lang: str) -> str:
    """English name of a language, with its own name when different: "German (Deutsch)"."""
    english = languages.language_name(lang, in_lang="en")
    native = languages.language_name(lang)
    return english if native.casefold() == english.casefold() else f"{english} ({native})"


def word_lang_tag(lang: str) -> tuple[str, bool]:
    """The tag Word's proofing tools expect (``es`` gives ``es-ES``) and whether the language
    is written right to left."""
    return languages.region_tag(lang), languages.is_rtl(lang)


def review_document(
    translation: Translation,
    *,
    today: dt.date,
    below: str | None = None,
    warning: str = "",
    thresholds: Thresholds | None = None,
    labels: Mapping[str, str] | None = None,
) -> bytes:
    """The bytes of the review DOCX of a translation; with ``below``, of the segments whose
    confidence is below that band only (a partial document, which says so); a ``warning``
    (a stale work file) stands at the top, in red. ``thresholds`` are the language's
    calibrated confidence bands (tx.toml), else the fixed ones; ``labels`` say what each
    segment is in its article (``review.context``), by segment id."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm

    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    title = " ".join(i.segment.source for i in translation.segments if i.segment.block == 0)
    title = title or translation.slug
    chosen = translation.segments
    selection = ""
    if below is not None:
        chosen = tuple(
            item
            for item in translation.segments
            if confidence.below(segment_band(item, thresholds), below)
        )
        selection = f"confidence below {below}: {len(chosen)} of {len(translation.segments)}"
    if warning:
        _warning(document, warning)
    _heading(document, translation, title, today, selection, thresholds)
    _identity_table(document, translation, selection)
    _segment_table(document, translation, chosen, thresholds, labels or {})
    _reviewer_line(document)
    props = document.core_properties
    props.title = f"Review: {title}"
    props.subject = (
        f"{FORMAT} {translation.slug} {translation.source_lang} {translation.target_lang}"
    )
    props.keywords = f"{FORMAT}; revision {translation.revision}; {translation.source_digest}"
    props.author = TX_AUTHOR
    props.last_modified_by = TX_AUTHOR
    props.comments = "Review document written by tx; import it with `tx review import`."
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _warning(document: Any, text: str) -> None:
    from docx.shared import RGBColor

    run = document.add_paragraph().add_run(text)
    run.bold = True
    run.font.color.rgb = RGBColor.from_string(_FLAG_COLOUR)


def _heading(
    document: Any,
    translation: Translation,
    title: str,
    today: dt.date,
    selection: str,
    thresholds: Thresholds | None = None,
) -> None:
    open_count = sum(1 for item in translation.segments if needs_review(item))
    empty = sum(1 for item in translation.segments if not item.target.strip())
    document.add_heading(f"Review: {title}", level=1)
    source, target = language_name(translation.source_lang), language_name(translation.target_lang)
    document.add_paragraph(f"{source} \u2192 {target}. Exported {today.isoformat()}.")
    document.add_paragraph(
        f"{open_count} of {len(translation.segments)} segments need review "
        "(not yet confirmed by a reviewer, or flagged)."
        + (f" {empty} have no translation yet: type it in the Translation column." if empty else "")
    )
    bands = Counter(
        band for band in (segment_band(i, thresholds) for i in translation.segments) if band
    )
    if bands:
        document.add_paragraph(
            "Engine confidence of the machine translations: "
            + ", ".join(f"{band} {bands[band]}" for band in (*BANDS, NO_SCORE) if bands[band])
            + (" (shown in the first column)." if set(bands) - {NO_SCORE} else ".")
        )
    if selection:
        document.add_paragraph(
            f"A partial document: only the segments with {selection.replace(':', ' (')} "
            "segments); the others are left as they are when it is imported."
        )
    document.add_heading("How to review", level=2)
    document.add_paragraph(
        "Edit the Translation column; tracked changes are read as accepted. Comments and text "
        "in the Notes column are kept as notes. Do not edit the Segment and Source columns or "
        "the identity table, and do not add, remove or reorder rows. Write your name on the "
        "Reviewer line at the end: your edits and approvals are recorded under it.",
        style="List Bullet",
    )
    document.add_paragraph(
        "The Segment column says what each sentence is in the article: a title, a heading, a "
        "table cell (with its column's header), an image's alt text, a caption, a footnote.",
        style="List Bullet",
    )
    document.add_paragraph(
        "A flag that is a false alarm: write 'waive: REASON' (or 'waive CODE: REASON' for one "
        "of several flags) in the Notes column. The waiver holds until the translation changes.",
        style="List Bullet",
    )
    document.add_paragraph(
        "Lines starting with \u25b9 under a source show how it changed since it was approved "
        "(struck and underlined words) and matches from earlier translations; type 1 or 2 in "
        "the Status column to take that match.",
        style="List Bullet",
    )
    legend = document.add_paragraph("Status colours: ", style="List Bullet")
    for label in STATE_COLOURS:
        run = legend.add_run(f" {label} ")
        shade(run._r.get_or_add_rPr(), STATE_COLOURS[label])
        legend.add_run(" ")
    document.add_paragraph(
        f"{FLAG_MARK} in the Segment column: the translation has problems, listed in the "
        f"Notes column (lines starting with {FLAG_MARK}, which the import ignores) and in a "
        f"comment by {TX_AUTHOR}.",
        style="List Bullet",
    )
    lang = translation.target_lang
    document.add_paragraph(
        "To approve a segment as final, type one of these in its Status cell: "
        + ", ".join(f"\u201c{word}\u201d" for word in approve_words(lang))
        + ". To send it back as needing work, type one of: "
        + ", ".join(f"\u201c{word}\u201d" for word in needs_work_words(lang))
        + ". Upper or lower case does not matter; editing a translation marks it reviewed.",
        style="List Bullet",
    )


def _reviewer_line(document: Any) -> None:
    """The line at the end where the reviewer writes their name (see "How to review")."""
    document.add_paragraph().add_run(f"{REVIEWER_MARK}: ").bold = True


def _identity_table(document: Any, translation: Translation, selection: str = "") -> None:
    from docx.shared import Pt

    rows = (
        (IDENTITY_MARK, "Do not edit this table: it identifies the work file."),
        (FIELD_FORMAT, FORMAT),
        (FIELD_ARTICLE, translation.slug),
        (FIELD_SOURCE_LANG, translation.source_lang),
        (FIELD_TARGET_LANG, translation.target_lang),
        (FIELD_REVISION, str(translation.revision)),
        (FIELD_DIGEST, translation.source_digest),
        (FIELD_VERSION, __version__),
        *([(FIELD_SELECTION, selection)] if selection else []),
    )
    table = document.add_table(rows=len(rows), cols=2)
    table.style = "Table Grid"
    for row, (name, value) in zip(table.rows, rows, strict=True):
        for cell, text in zip(row.cells, (name, value), strict=True):
            run = cell.paragraphs[0].add_run(text)
            run.font.size = Pt(8)
            shade(cell._tc.get_or_add_tcPr(), READ_ONLY_FILL)
    document.add_paragraph()


def _segment_table(
    document: Any,
    translation: Translation,
    segments: Sequence[TranslatedSegment],
    thresholds: Thresholds | None,
    labels: Mapping[str, str],
) -> None:
    from docx.shared import Cm, Pt, RGBColor
    from docx.text.run import Run

    headers = (
        SEGMENT_HEADER,
        f"Source ({language_name(translation.source_lang)}), read-only",
        f"Translation ({language_name(translation.target_lang)})",
        "Status",
        "Notes",
    )
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.autofit = False
    for cell, text, width in zip(table.rows[0].cells, headers, COLUMN_WIDTHS_CM, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
        cell.width = Cm(width)
        shade(cell._tc.get_or_add_tcPr(), READ_ONLY_FILL)
    repeat_header(table.rows[0])
    fix_widths(table)
    source_tag, _ = word_lang_tag(translation.source_lang)
    target_tag, rtl = word_lang_tag(translation.target_lang)
    # "no score" on a row says something only beside rows that have one (else the heading says it)
    scored = any(segment_band(i, thresholds) not in (None, NO_SCORE) for i in segments)
    for item in segments:
        row = table.add_row()
        keep_together(row)
        cells = row.cells
        for cell, width in zip(cells, COLUMN_WIDTHS_CM, strict=True):
            cell.width = Cm(width)
        id_cell, source_cell, target_cell, status_cell, notes_cell = cells
        _id_cell(id_cell, item, labels.get(item.id), segment_band(item, thresholds), scored)
        for cell in (id_cell, source_cell):
            shade(cell._tc.get_or_add_tcPr(), READ_ONLY_FILL)
        source_runs = add_runs(source_cell.paragraphs[0], item.segment.source)
        set_language(source_cell.paragraphs[0], source_runs, source_tag, rtl=False)
        if needs_review(item):
            add_suggestions(source_cell, item)
        target_runs = add_runs(target_cell.paragraphs[0], item.target)
        set_language(target_cell.paragraphs[0], target_runs, target_tag, rtl=rtl)
        label = state_label(item)
        status_cell.paragraphs[0].add_run(label)
        shade(status_cell._tc.get_or_add_tcPr(), STATE_COLOURS[label])
        lines = [(note, False) for note in item.notes]
        lines += [(f"{FLAG_MARK} {reason}", True) for reason in flag_reasons(item)]
        for index, (line, flag) in enumerate(lines):
            paragraph = notes_cell.paragraphs[0] if index == 0 else notes_cell.add_paragraph()
            run = paragraph.add_run(line)
            if flag:
                run.font.size = Pt(8)
                run.font.color.rgb = RGBColor.from_string(_FLAG_COLOUR)
        for run in row._tr.iter(w("r")):  # what tx set smaller stays smaller
            props = run.find(w("rPr"))
            if props is None or props.find(w("sz")) is None:
                Run(run, id_cell).font.size = Pt(_TABLE_TEXT_PT)
        if item.flags:
            anchor = [r for r in target_runs if r._r.getparent().tag != w("sdtContent")]
            anchor = anchor or [target_cell.paragraphs[0].add_run()]  # never inside a mark
            _flag_comment(document, anchor, item)


def _id_cell(
    id_cell: Any, item: TranslatedSegment, label: str | None, band: str | None, scored: bool
) -> None:
    """The first cell of a row: the segment's id and what it was exported as (hidden, read by
    the import), then what it is in the article, its flags, waivers and confidence."""
    from docx.shared import Pt

    id_cell.paragraphs[0].add_run(item.id).font.size = Pt(7)
    hashes = id_cell.add_paragraph().add_run(
        f"src {short_hash(item.segment.source)} tgt {target_hash(canonical(item.target))} "
        f"{item.state.value}"
    )
    hashes.font.size = Pt(7)
    for paragraph in id_cell.paragraphs:  # the row's identity, read by the import only
        hide(paragraph)
    if label:  # what the segment is in its article, when known
        id_cell.add_paragraph().add_run(label).italic = True
    if item.open_flags:
        id_cell.add_paragraph().add_run(f"{FLAG_MARK} {len(item.open_flags)}").bold = True
    if item.active_waivers:
        id_cell.add_paragraph().add_run(f"waived {len(item.active_waivers)}").italic = True
    if band is not None and (band != NO_SCORE or scored):
        id_cell.add_paragraph().add_run(f"confidence: {band}").font.size = Pt(7)


def flag_reasons(item: TranslatedSegment) -> list[str]:
    """One line per flag of a segment: its code and message, and the waiver that holds."""
    waived = {waiver.code: waiver for waiver in item.active_waivers}
    lines = []
    for flag in item.flags:
        text = flag.message
        line = text if text.startswith(f"{flag.code}:") else f"{flag.code}: {text}"
        if flag.code in waived:
            waiver = waived[flag.code]
            line += f" (waived by {waiver.by} on {waiver.date}: {waiver.reason})"
        lines.append(line)
    return lines


def _flag_comment(document: Any, runs: list[Any], item: TranslatedSegment) -> None:
    lines = flag_reasons(item)
    comment = document.add_comment(runs, text=lines[0], author=TX_AUTHOR, initials=TX_AUTHOR)
    for line in lines[1:]:
        comment.add_paragraph(line)
