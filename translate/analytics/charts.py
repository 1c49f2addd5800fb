"""The report's charts as inline SVG, drawn offline with matplotlib (its SVG backend, no
screen, no network): edit rate by language and engine, edit rate over the weeks, check
precision and the confidence calibration."""

from __future__ import annotations

import io
from typing import Any

from translate.analytics.figures import Report

COLOURS = ("#1f5f8b", "#c8553d", "#2a9d8f", "#8d6a9f", "#e9a03b", "#5c6b73")


def _figure(width: float = 6.0, height: float = 3.0) -> Any:
    import matplotlib

    matplotlib.rcParams["svg.fonttype"] = "none"  # text stays text: searchable, small
    matplotlib.rcParams["svg.hashsalt"] = "tx-report"  # the same SVG for the same figures
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), dpi=96, layout="constrained")
    return figure


def _svg(figure: Any) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    text = buffer.getvalue()
    text = text[text.index("<svg") :]  # inline: no XML declaration or DOCTYPE
    start, end = text.find("<metadata>"), text.find("</metadata>")
    if start != -1 and end != -1:  # the RDF block names its tool and licence: not needed
        text = text[:start] + text[end + len("</metadata>") :]
    return text


def _percent_axis(axes: Any) -> None:
    axes.set_ylim(0, 100)
    axes.set_ylabel("%")
    axes.grid(axis="y", color="#dddddd")
    axes.set_axisbelow(True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)


def edit_rate_by_language(report: Report) -> str:
    """Bars: the share of sentences reviewers edited, per language and engine."""
    labels = [f"{g.key[0]}\n{g.key[1]}" for g in report.by_language]
    values = [100 * g.edit_rate for g in report.by_language]
    title = "Sentences edited by reviewers, by language and engine"
    return _percent_bars(labels, values, COLOURS[0], title)


def edit_rate_over_time(report: Report) -> str:
    """Lines: the edit rate per week, one line per language."""
    figure = _figure()
    axes = figure.add_subplot()
    weeks = sorted({g.key[0] for g in report.by_week})
    langs = sorted({g.key[1] for g in report.by_week})
    for index, lang in enumerate(langs):
        rates = {g.key[0]: 100 * g.edit_rate for g in report.by_week if g.key[1] == lang}
        xs = [weeks.index(week) for week in weeks if week in rates]
        axes.plot(xs, [rates[weeks[x]] for x in xs], marker="o", label=lang,
                  color=COLOURS[index % len(COLOURS)])  # fmt: skip
    axes.set_xticks(range(len(weeks)), weeks, fontsize=8)
    _percent_axis(axes)
    if langs:
        axes.legend(fontsize=8, frameon=False)
    axes.set_title("Edit rate over time (week of approval)", fontsize=10)
    return _svg(figure)


def check_precision(report: Report) -> str:
    """Horizontal bars: per check, the share of its flags followed by an edit."""
    figure = _figure(height=max(2.0, 0.35 * len(report.checks) + 1.0))
    axes = figure.add_subplot()
    if not report.checks:
        axes.set_axis_off()
        axes.text(0.5, 0.5, "No check flagged a machine draft.", ha="center", va="center")
        return _svg(figure)
    codes = [f"{c.code} ({c.flagged})" for c in report.checks]
    values = [100 * c.precision for c in report.checks]
    bars = axes.barh(codes, values, color=COLOURS[1])
    axes.bar_label(bars, fmt="%.0f%%", fontsize=8)
    axes.set_xlim(0, 100)
    axes.set_xlabel("% of flagged sentences the reviewer edited")
    axes.invert_yaxis()
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.set_title("Check precision on real reviews (flags given)", fontsize=10)
    return _svg(figure)


def calibration(report: Report) -> str:
    """Bars: the edit rate of each confidence band (a calibrated engine edits less in its
    high band than in its low band)."""
    labels = [f"{b.band}\n({b.segments})" for b in report.bands]
    values = [100 * b.edit_rate for b in report.bands]
    return _percent_bars(labels, values, COLOURS[2], "Edit rate by the engine's confidence band")


def _percent_bars(labels: list[str], values: list[float], colour: str, title: str) -> str:
    """Vertical bars of percentages, each labelled with its value."""
    figure = _figure()
    axes = figure.add_subplot()
    bars = axes.bar(labels, values, color=colour)
    axes.bar_label(bars, fmt="%.0f%%", fontsize=8)
    _percent_axis(axes)
    axes.set_title(title, fontsize=10)
    return _svg(figure)
