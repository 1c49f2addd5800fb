"""How sure the engine was of a machine translation: a band made from its score.

The argos engine scores each sentence with CTranslate2's log-probability of the output,
normalised per token (``engines.argos.per_token``): the mean natural log-probability of the
tokens it chose, 0 for certain and below for less. Through English the two steps' scores add
(the probabilities multiply). The bands, with the mean token probability they stand for:

=========  ===========================  =======================
band       mean token log-probability   mean token probability
=========  ===========================  =======================
high       -0.35 or more                about 0.70 or more
medium     -0.90 to -0.35               about 0.41 to 0.70
low        below -0.90                  below about 0.41
=========  ===========================  =======================

An engine that gives no score (apertium, a rule-based system) gets ``no score``: tx never
invents one. Segments from memory or confirmed by a reviewer have no band (``None``): the
engine's opinion no longer matters for them.
"""

from __future__ import annotations

from translate.models import TranslatedSegment, is_machine

HIGH = "high"
MEDIUM = "medium"
LOW = "low"
NO_SCORE = "no score"
BANDS = (HIGH, MEDIUM, LOW)  # most confident first
THRESHOLDS = (HIGH, MEDIUM)  # what "below" may name
HIGH_FROM = -0.35
MEDIUM_FROM = -0.90


Thresholds = tuple[float, float]  # (high from, medium from), e.g. calibrated by tx report


def band_of(score: float | None, thresholds: Thresholds | None = None) -> str:
    """The band of an engine's per-token score, or ``NO_SCORE`` when there is none;
    ``thresholds`` replace the fixed ones (``[confidence.<lang>]`` in tx.toml)."""
    if score is None:
        return NO_SCORE
    high_from, medium_from = thresholds or (HIGH_FROM, MEDIUM_FROM)
    if score >= high_from:
        return HIGH
    if score >= medium_from:
        return MEDIUM
    return LOW


def segment_band(item: TranslatedSegment, thresholds: Thresholds | None = None) -> str | None:
    """The band of a machine-translated segment no reviewer has confirmed, else ``None``."""
    if item.state.is_human or not is_machine(item.origin):  # memory, a person, none yet
        return None
    return band_of(item.score, thresholds)


def below(band: str | None, threshold: str) -> bool:
    """Whether a segment of ``band`` is less confident than ``threshold`` (``high`` or
    ``medium``): a lower band, or no score at all (nothing says it is good). Segments without
    a band (memory, reviewed) never are."""
    if threshold not in THRESHOLDS:
        raise ValueError(f"unknown confidence band '{threshold}' (use {' or '.join(THRESHOLDS)})")
    if band is None:
        return False
    if band == NO_SCORE:
        return True
    return BANDS.index(band) > BANDS.index(threshold)
