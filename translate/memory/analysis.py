"""Analysis: how much of an article is new work, counted as CAT tools count it, so that a
desk can plan and pay translation.

Each segment of an article falls in one band, in this order of precedence:

- ``context``: the article's own work file already has a reviewed translation of it;
- ``exact``: translation memory has a reviewed translation of the same sentence (100%);
- ``repetition``: the same sentence came earlier in this analysis;
- ``95-99``, ``85-94``, ``75-84``: the best fuzzy match's score;
- ``new``: nothing useful.

Words are what stands between spaces and holds a letter or a digit, and each CJK character,
as CAT tools count them; characters are counted without spaces.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from translate.memory import store, stored
from translate.memory.fuzzy import CJK, FuzzyIndex
from translate.memory.index_cache import fuzzy_index
from translate.source.articles import read_article
from translate.source.segments import segment_article
from translate.workspace import Workspace, workfiles

_CJK = re.compile(f"[{CJK}]")
BANDS = ("context", "exact", "repetition", "95-99", "85-94", "75-84", "new")
FUZZY_FLOOR = 75


@dataclass(frozen=True)
class Count:
    """Segments, words and characters of one band."""

    segments: int = 0
    words: int = 0
    characters: int = 0

    def __add__(self, other: Count) -> Count:
        return Count(
            self.segments + other.segments,
            self.words + other.words,
            self.characters + other.characters,
        )


@dataclass
class ArticleAnalysis:
    """The bands of one article in one target language."""

    slug: str
    lang: str
    bands: dict[str, Count] = field(default_factory=lambda: {band: Count() for band in BANDS})

    @property
    def total(self) -> Count:
        """Every band together."""
        total = Count()
        for count in self.bands.values():
            total = total + count
        return total


def words(text: str) -> int:
    """The words of a sentence as CAT tools count them: what stands between spaces and holds a
    letter or digit ("U.S.", "12.5%", "dual-use" are one word each), every CJK character."""
    count = 0
    for chunk in text.split():
        cjk = sum(1 for ch in chunk if _CJK.match(ch))
        count += cjk + (1 if any(ch.isalnum() and not _CJK.match(ch) for ch in chunk) else 0)
    return count


def characters(text: str) -> int:
    """The characters of a sentence, white space not counted."""
    return sum(1 for ch in text if not ch.isspace())


def analyse(
    ws: Workspace, article_paths: Sequence[Path], target_langs: Sequence[str]
) -> list[ArticleAnalysis]:
    """The analysis of each article into each language."""
    articles = [read_article(ws.readable_article(p), default_lang=ws.settings.source_lang)
                for p in article_paths]  # fmt: skip
    results: list[ArticleAnalysis] = []
    for lang in target_langs:
        seen: set[str] = set()
        cache: dict[str, tuple[store.Memory, FuzzyIndex | None]] = {}
        for article in articles:
            if article.lang == lang:
                continue
            if article.lang not in cache:
                cache[article.lang] = (stored.load(ws, lang, source_lang=article.lang), None)
            memory, index = cache[article.lang]
            path = ws.work_file(article.slug, lang)
            own = {}
            if path.is_file():
                own = {i.id: i for i in workfiles.load(path).segments if i.state.is_human}
            result = ArticleAnalysis(article.slug, lang)
            for segment in segment_article(article):
                key = store.normalize(segment.source)
                if segment.id in own:
                    band = "context"
                elif memory.lookup(segment.source) is not None:
                    band = "exact"
                elif key in seen:
                    band = "repetition"
                else:
                    if index is None:
                        index = fuzzy_index(ws, memory.units(), article.lang, lang)
                        cache[article.lang] = (memory, index)
                    band = _band(index, segment.source)
                seen.add(key)
                count = Count(1, words(segment.source), characters(segment.source))
                result.bands[band] = result.bands[band] + count
            results.append(result)
    return results


def _band(index: FuzzyIndex, source: str) -> str:
    found = index.best(source, threshold=FUZZY_FLOOR, limit=1)
    if not found:
        return "new"
    score = found[0].score
    if score >= 95:
        return "95-99"
    return "85-94" if score >= 85 else "75-84"
