"""The report as one HTML page a managing editor would rather look at than read: the charts
(inline SVG) with their figures beside them. Self-contained: no script, font or image is
fetched from anywhere."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape

from translate.analytics import charts
from translate.analytics.calibration import Proposal
from translate.analytics.figures import Report
from translate.analytics.tables import sections

STYLE = """
body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 2rem auto; max-width: 72rem;
       color: #1d2b36; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
.lead { color: #4a5a66; margin-top: 0; }
.kpis { display: flex; gap: 1rem; flex-wrap: wrap; margin: 1rem 0; }
.kpi { background: #f1f5f8; border-radius: 6px; padding: .7rem 1rem; min-width: 10rem; }
.kpi b { display: block; font-size: 1.5rem; }
.pair { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1.5rem;
        align-items: start; }
.pair svg { width: 100%; height: auto; }
table { border-collapse: collapse; font-size: .85rem; width: 100%; }
th, td { border-bottom: 1px solid #dde3e8; padding: .25rem .5rem; text-align: right; }
th:first-child, td:first-child, th:nth-child(2), td:nth-child(2) { text-align: left; }
th { background: #f1f5f8; }
"""


def html(report: Report, proposals: Sequence[Proposal] = (), *, title: str = "") -> str:
    """The whole page."""
    total = report.total
    tables = {name: (header, rows) for name, header, rows in sections(report)}
    kpis = [
        ("reviewed machine sentences", f"{total.segments}"),
        ("left unchanged", f"{100 * total.unchanged_share:.0f}%"),
        ("word edit rate", f"{100 * total.word_edit_rate:.0f}%"),
        ("glossary terms corrected", f"{total.terms_corrected}"),
        ("edits no check flagged", f"{report.unflagged_edits}"),
    ]
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{escape(title or 'Post-editing report')}</title>",
        f"<style>{STYLE}</style></head><body>",
        f"<h1>{escape(title or 'What machine translation costs the newsroom')}</h1>",
        f'<p class="lead">Post-editing report made by tx on {dt.date.today().isoformat()}, '
        "from the reviewers' own edits of the machine drafts.</p>",
        '<div class="kpis">'
        + "".join(f'<div class="kpi"><b>{v}</b>{escape(k)}</div>' for k, v in kpis)
        + "</div>",
    ]
    pairs = [
        ("Edit rate by language and engine", charts.edit_rate_by_language(report),
         "by language and engine"),
        ("Edit rate over time", charts.edit_rate_over_time(report), "by week"),
        ("Check precision", charts.check_precision(report),
         "checks: how often a flag was followed by an edit"),
        ("Confidence calibration", charts.calibration(report), "confidence bands"),
    ]  # fmt: skip
    for heading, svg, table in pairs:
        header, rows = _compact(*tables[table])
        parts.append(f"<h2>{escape(heading)}</h2>")
        parts.append(f'<div class="pair"><div>{svg}</div><div>{_table(header, rows)}</div></div>')
    if proposals:
        rows = [
            [p.lang, p.engine, str(p.segments), f"{p.high_from:.2f}", f"{p.medium_from:.2f}",
             p.note or "-"] for p in proposals
        ]  # fmt: skip
        header = ["lang", "engine", "sentences", "high from", "medium from", "note"]
        parts += ["<h2>Proposed confidence thresholds</h2>", _table(header, rows)]
    for name in ("by language and engine", "by article", "by person"):
        if name in tables:
            header, rows = tables[name]
            heading = "All figures " + name if name.startswith("by language") else name.capitalize()
            parts += [f"<h2>{escape(heading)}</h2>", _table(header, rows)]
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


# The columns kept beside a chart (the full tables follow the charts).
BESIDE = (
    "lang", "engine", "week", "check", "band", "sentences", "flagged", "edited",
    "unchanged %", "word edit %", "precision %", "edit rate %", "hours to approval",
)  # fmt: skip


def _compact(
    header: Sequence[str], rows: Sequence[Sequence[str]]
) -> tuple[list[str], list[list[str]]]:
    keep = [index for index, name in enumerate(header) if name in BESIDE]
    return [header[i] for i in keep], [[row[i] for i in keep] for row in rows]


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    head = "".join(f"<th>{escape(cell)}</th>" for cell in header)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
