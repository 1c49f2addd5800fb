"""Confidence thresholds calibrated on the reviewers' own edits.

The fixed bands (``translate.confidence``: high from -0.35, medium from -0.90 per token) were
set without real reviews. With enough reviewed sentences of one language and engine, the
edits say where the bands should be: ``medium`` starts at the score below which most
sentences (half or more) were edited, placed where it best parts the edited sentences
(below) from those kept as they were (above); ``high`` at the score from which few (a quarter
or less) were. ``tx report --calibrate`` proposes them; ``--write`` keeps them in tx.toml as
``[confidence.<lang>]`` (``high``, ``medium``), which ``tx review export --below`` uses.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from translate.analytics.evidence import Reviewed
from translate.confidence import HIGH_FROM, MEDIUM_FROM
from translate.workspace import CONFIG_NAME, Workspace, write_text

MIN_SEGMENTS = 20  # scored, reviewed sentences of a language and engine before proposing
MIN_SIDE = 5  # sentences on each side of a threshold
MOSTLY_EDITED = 0.5
FEW_EDITED = 0.25


@dataclass(frozen=True)
class Proposal:
    """Thresholds proposed for one language and engine, from ``segments`` reviewed
    sentences; ``note`` says why a threshold stayed at its default."""

    lang: str
    engine: str
    segments: int
    high_from: float
    medium_from: float
    note: str = ""


def propose(items: Iterable[Reviewed], min_segments: int = MIN_SEGMENTS) -> list[Proposal]:
    """A proposal per language and engine whose reviewed sentences carry scores."""
    scored: dict[tuple[str, str], list[Reviewed]] = {}
    for item in items:
        if item.score is not None:
            scored.setdefault((item.lang, item.engine), []).append(item)
    proposals = []
    for (lang, engine), found in sorted(scored.items()):
        if len(found) < min_segments:
            note = f"only {len(found)} scored sentences (at least {min_segments} needed)"
            proposals.append(Proposal(lang, engine, len(found), HIGH_FROM, MEDIUM_FROM, note))
            continue
        proposals.append(_proposal(lang, engine, sorted(found, key=_score)))
    return proposals


def _score(item: Reviewed) -> float:
    return item.score if item.score is not None else float("-inf")


def _proposal(lang: str, engine: str, ordered: Sequence[Reviewed]) -> Proposal:
    """Thresholds from sentences sorted by score, lowest first."""
    scores = [_score(item) for item in ordered]
    edited = [item.edited for item in ordered]
    total = len(ordered)
    medium = None
    best = -1
    for cut in range(MIN_SIDE, total - MIN_SIDE + 1):  # the sentences below scores[cut]
        if scores[cut] == scores[cut - 1]:
            continue
        below_edited = sum(edited[:cut])
        if below_edited / cut < MOSTLY_EDITED:
            continue
        separated = below_edited + (total - cut - sum(edited[cut:]))
        if separated > best:  # the cut that best parts edited (below) from kept (above)
            best, medium = separated, scores[cut]
    high = None
    for cut in range(MIN_SIDE, total - MIN_SIDE + 1):  # the sentences from scores[cut] up
        if scores[cut] == scores[cut - 1]:
            continue
        if sum(edited[cut:]) / (total - cut) <= FEW_EDITED:
            high = scores[cut]
            break
    notes = []
    if medium is None:
        notes.append("no score below which most sentences were edited: medium kept")
    if high is None:
        notes.append("no score from which few sentences were edited: high kept")
    medium_from = round(medium, 2) if medium is not None else MEDIUM_FROM
    high_from = round(high, 2) if high is not None else HIGH_FROM
    if high_from < medium_from:
        high_from = medium_from
    return Proposal(lang, engine, total, high_from, medium_from, "; ".join(notes))


def write(ws: Workspace, proposals: Sequence[Proposal]) -> Path:
    """Keep ``proposals`` in tx.toml as ``[confidence.<lang>]`` tables, its comments and other
    settings as they were (tomlkit), under the workspace lock; one language with several
    engines takes the proposal from the most sentences. Returns tx.toml's path."""
    import tomlkit  # only when writing

    config = ws.root / CONFIG_NAME
    with ws.lock():
        document = tomlkit.parse(config.read_text(encoding="utf-8"))
        _merge(document, proposals)
        write_text(config, tomlkit.dumps(document))
    return config


def _merge(document: Any, proposals: Sequence[Proposal]) -> None:
    import tomlkit

    best: dict[str, Proposal] = {}
    for proposal in proposals:
        if proposal.lang not in best or proposal.segments > best[proposal.lang].segments:
            best[proposal.lang] = proposal
    if not best:
        return
    table = document.get("confidence")
    if table is None:
        table = tomlkit.table(is_super_table=True)
        document["confidence"] = table
    for lang, proposal in sorted(best.items()):
        entry = tomlkit.table()
        entry.comment(f"calibrated by tx report on {proposal.segments} reviewed sentences")
        entry["high"] = proposal.high_from
        entry["medium"] = proposal.medium_from
        table[lang] = entry
