"""Repairing a fuzzy match: a reviewed translation whose source differs from the new sentence
only in numbers, glossary terms, names or links is made to fit the new sentence.

Both sources are masked the way the engine's input is (``translate.translation.masking``):
if what is
left is identical, every difference lies in a protected span. Each span of the old sentence
whose rendering differs is then found in the reviewed translation, exactly once, and replaced
by the new span's rendering (a number written the target language's way, the approved term).
A number is found by its value however the reviewer wrote it (``80%``, ``80 %``, ``80\u00a0%``,
``80\u202f%``, ``1.200`` or ``1 200``: ``translate.translation.numbers``) and the new one is
written in the same style. Anything less certain is not repaired: the match is only shown to
the reviewer.
"""

from __future__ import annotations

import itertools
import re

from translate.glossary import find_terms
from translate.models import Glossary
from translate.translation import numbers
from translate.translation.masking import Slot, SlotKind, mask


def _token(index: int) -> str:
    return f"\ue000{index}\ue001"  # private-use marks: never in a sentence


def repair(
    old_source: str,
    old_target: str,
    new_source: str,
    glossary: Glossary,
    lang: str,
    source_lang: str,
) -> str | None:
    """``old_target`` fitted to ``new_source``, or ``None`` when the sources differ in more
    than protected spans, or a span to change is not in the translation exactly once."""
    old = mask(old_source, find_terms(glossary, old_source), lang, _token, source_lang=source_lang)
    new = mask(new_source, find_terms(glossary, new_source), lang, _token, source_lang=source_lang)
    if old.text != new.text or len(old.slots) != len(new.slots):
        return None
    changes: dict[str, tuple[Slot, Slot]] = {}
    for before, after in zip(old.slots, new.slots, strict=True):
        if before.kind != after.kind:
            return None
        if before.replacement == after.replacement:
            continue
        known = changes.get(before.replacement)
        if known is not None and known[1].replacement != after.replacement:
            return None  # one old value becoming two new ones: ambiguous
        changes[before.replacement] = (before, after)
    if not changes:
        return old_target
    edits: list[tuple[int, int, str]] = []
    for before, after in changes.values():
        found = _found(before, after, old_target, source_lang)
        if found is None:
            return None
        edits.append(found)
    edits.sort()
    if any(a[1] > b[0] for a, b in itertools.pairwise(edits)):
        return None  # two changes in one place
    pieces, cursor = [], 0
    for start, end, text in edits:
        pieces += [old_target[cursor:start], text]
        cursor = end
    return "".join(pieces) + old_target[cursor:]


def _found(before: Slot, after: Slot, target: str, source_lang: str) -> tuple[int, int, str] | None:
    """Where the old span is in ``target`` (exactly once) and what replaces it: a number is
    found however the translation writes it (``numbers.find``) and the new one written the
    same way; anything else as its exact rendering."""
    if before.kind is SlotKind.NUMBER:
        return numbers.replace_once(
            before.source, after.source, after.replacement, target, source_lang
        )
    hits = list(_bounded(before.replacement).finditer(target))
    if len(hits) != 1:
        return None
    return hits[0].start(), hits[0].end(), after.replacement


def _bounded(value: str) -> re.Pattern[str]:
    """``value`` as a whole: not inside a longer word or number ("3" is not in "2023")."""
    left = r"(?<![\w.,])" if value[:1].isalnum() else ""
    right = r"(?![\w]|[.,]\d)" if value[-1:].isalnum() else ""
    return re.compile(left + re.escape(value) + right)
