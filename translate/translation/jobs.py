"""What a run works on: one article into one language (``Job``) and what was done with it
(``LanguageResult``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from translate.models import Article, MemoryMatch, Segment, TranslatedSegment, Translation


@dataclass
class LanguageResult:
    """What ``translate`` did (or, in a dry run, would do) for one article and language."""

    slug: str
    target_lang: str
    path: Path
    total: int = 0
    kept: int = 0
    from_memory: int = 0
    from_engine: int = 0
    flagged: int = 0
    removed: int = 0
    retired: int = 0
    engine: str = ""
    written: bool = False
    conflict: str = ""
    refused: str = ""
    no_engine: str = ""
    engine_changed: str = ""  # "apertium -> argos": the engines of the work file, and now
    to_translate: list[str] = field(default_factory=list)


@dataclass
class Job:
    article: Article
    segments: tuple[Segment, ...]
    target_lang: str
    previous: Translation | None
    fingerprint: str | None
    result: LanguageResult
    items: list[TranslatedSegment | None] = field(default_factory=list)
    # what the reviewer is shown beside an engine translation: previous version, matches
    extras: dict[int, tuple[MemoryMatch | None, tuple[MemoryMatch, ...]]] = field(
        default_factory=dict
    )
    # What the checks depend on (check_seal.context), and whether the work file's flags were
    # sealed in that context, so kept sentences need no checking again.
    checks_context: str = ""
    sealed: bool = False
