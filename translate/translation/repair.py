"""Repairing a fuzzy match: a reviewed translation whose source differs from the new sentence
only in numbers, glossary terms, names or links is made to fit the new sentence.

Both sources are masked the way the engine's input is (``translate.translation.masking``):
if what is
left is identical, every difference lies in a protected span. Each span of the old sentence
whose rendering differs is then found in the reviewed translation, exactly once, and replaced
by the new span's rendering (a number written the target language's way, the approved term).
Anything less certain is not repaired: the match is only shown to the reviewer.
"""

from __future__ import annotations

import re

from translate.glossary import find_terms
from translate.models import Glossary
from translate.translation.masking import mask


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
    changes: dict[str, str] = {}
    for before, after in zip(old.slots, new.slots, strict=True):
        if before.kind != after.kind:
            return None
        if before.replacement == after.replacement:
            continue
        if changes.get(before.replacement, after.replacement) != after.replacement:
            return None  # one old value becoming two new ones: ambiguous
        changes[before.replacement] = after.replacement
    if not changes:
        return old_target
    spans = {value: _bounded(value) for value in changes}
    if any(len(pattern.findall(old_target)) != 1 for pattern in spans.values()):
        return None
    either = re.compile("|".join(f"(?:{p.pattern})" for p in spans.values()))
    return either.sub(lambda m: changes[m.group()], old_target)


def _bounded(value: str) -> re.Pattern[str]:
    """``value`` as a whole: not inside a longer word or number ("3" is not in "2023")."""
    left = r"(?<![\w.,])" if value[:1].isalnum() else ""
    right = r"(?![\w]|[.,]\d)" if value[-1:].isalnum() else ""
    return re.compile(left + re.escape(value) + right)
