"""The report as text: a plain table for the terminal, CSV for spreadsheets, JSON for tools."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from translate.analytics.calibration import Proposal
from translate.analytics.figures import Group, Report

GROUP_HEADER = (
    "sentences",
    "words",
    "unchanged %",
    "char edit %",
    "word edit %",
    "terms corrected",
    "hours to approval",
)


def group_values(group: Group) -> list[str]:
    """A group's figures as the cells of a table row."""
    hours = f"{group.hours_median:.1f}" if group.hours_median is not None else "-"
    return [
        str(group.segments),
        str(group.words),
        f"{100 * group.unchanged_share:.1f}",
        f"{100 * group.char_distance:.1f}",
        f"{100 * group.word_edit_rate:.1f}",
        str(group.terms_corrected),
        hours,
    ]


def sections(report: Report) -> list[tuple[str, list[str], list[list[str]]]]:
    """The report's tables: (title, header, rows)."""
    tables = [
        ("by language and engine", ["lang", "engine", *GROUP_HEADER],
         [[*g.key, *group_values(g)] for g in report.by_language]),
        ("by article", ["article", "lang", *GROUP_HEADER],
         [[*g.key, *group_values(g)] for g in report.by_article]),
        ("checks: how often a flag was followed by an edit", ["check", "flagged", "edited",
         "precision %"], [[c.code, str(c.flagged), str(c.edited), f"{100 * c.precision:.1f}"]
                          for c in report.checks]),
        ("confidence bands", ["band", "sentences", "edited", "edit rate %"],
         [[b.band, str(b.segments), str(b.edited), f"{100 * b.edit_rate:.1f}"]
          for b in report.bands]),
        ("by week", ["week", "lang", *GROUP_HEADER],
         [[*g.key, *group_values(g)] for g in report.by_week]),
    ]  # fmt: skip
    if report.by_person:
        tables.append(
            ("by person", ["person", *GROUP_HEADER],
             [[*g.key, *group_values(g)] for g in report.by_person])
        )  # fmt: skip
    return tables


def text(report: Report) -> str:
    """The report as aligned text tables."""
    total = report.total
    lines = [
        f"{total.segments} reviewed machine sentences ({total.words} source words): "
        f"{100 * total.unchanged_share:.1f}% left unchanged, {total.terms_corrected} glossary "
        f"terms corrected, {report.unflagged_edits} edited sentences had no flag"
    ]
    for title, header, rows in sections(report):
        lines += ["", title]
        lines += _aligned([header, *rows]) if rows else ["  (none)"]
    for item in report.unreadable:
        lines.append(f"not read: {item.path}: {item.reason}")
    return "\n".join(lines)


def _aligned(rows: list[list[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  " + "  ".join(cell.ljust(w) if i < 2 else cell.rjust(w) for i, (cell, w) in
                         enumerate(zip(row, widths, strict=True)))
        for row in rows
    ]  # fmt: skip


def csv_text(report: Report) -> str:
    """Every table of the report in one CSV, its first column naming the table."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for title, header, rows in sections(report):
        writer.writerow(["table", *header])
        for row in rows:
            writer.writerow([title, *row])
    return buffer.getvalue()


def _group_json(group: Group, names: tuple[str, ...]) -> dict[str, Any]:
    data: dict[str, Any] = dict(zip(names, group.key, strict=True))
    data.update(
        sentences=group.segments,
        words=group.words,
        unchanged=group.unchanged,
        unchanged_share=round(group.unchanged_share, 4),
        char_edit_rate=round(group.char_distance, 4),
        word_edit_rate=round(group.word_edit_rate, 4),
        terms_corrected=group.terms_corrected,
        hours_to_approval=None if group.hours_median is None else round(group.hours_median, 2),
    )
    return data


def json_text(report: Report, proposals: list[Proposal] | None = None) -> str:
    """The report as one JSON document."""
    data: dict[str, Any] = {
        "total": _group_json(report.total, ()),
        "unflagged_edits": report.unflagged_edits,
        "by_language": [_group_json(g, ("lang", "engine")) for g in report.by_language],
        "by_article": [_group_json(g, ("article", "lang")) for g in report.by_article],
        "by_week": [_group_json(g, ("week", "lang")) for g in report.by_week],
        "checks": [
            {"check": c.code, "flagged": c.flagged, "edited": c.edited,
             "precision": round(c.precision, 4)} for c in report.checks
        ],
        "bands": [
            {"band": b.band, "sentences": b.segments, "edited": b.edited,
             "edit_rate": round(b.edit_rate, 4)} for b in report.bands
        ],
        "unreadable": [{"path": u.path, "reason": u.reason} for u in report.unreadable],
    }  # fmt: skip
    if report.by_person:
        data["by_person"] = [_group_json(g, ("person",)) for g in report.by_person]
    if proposals is not None:
        data["calibration"] = [vars(p) for p in proposals]
    return json.dumps(data, ensure_ascii=False, indent=2)
