"""Checking a delivery: every tx check run over a bilingual file from any tool, the way
agencies check what translators send back (Xbench, pofilter).

``check_file`` reads every unit (``translate.formats.bilingual``: TSV, TMX, XLIFF 1.2 and
2.x, segment by segment where the file segments its units) and says what it did with each:

- checked: a translation in one of the states chosen (``states``, by default translated,
  reviewed and final), run through every check of ``check_segment`` and the delivery's own
  whitespace checks (leading and trailing spaces, a no-break space turned into a space);
- without a translation: no target, an empty one, or one the file itself marks as not
  translated yet (initial: XLIFF 1.2 ``new``/``needs-translation``...) when initial is not
  chosen; each gets a ``missing`` flag naming why;
- skipped, with the reason: ``translate="no"``, or a state that was not chosen.

The file's languages are compared with the ones asked for first: a file into another
language, from another language, or a TMX without a single variant in the language checked is
refused with a ``BilingualError`` saying which languages it holds.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from translate.checks.segment import check_segment
from translate.errors import BilingualError
from translate.formats.bilingual import STATES, Bilingual, Entry, read_bilingual
from translate.languages import same_language
from translate.models import Flag, Glossary

DEFAULT_STATES = ("translated", "reviewed", "final")
_NO_BREAK = "\u00a0\u202f"


@dataclass(frozen=True)
class Pair:
    """A source sentence and its translation (``None``: none), and where they are."""

    where: str
    source: str
    target: str | None


@dataclass(frozen=True)
class Finding:
    """One flag on one pair."""

    pair: Pair
    flag: Flag


@dataclass(frozen=True)
class Delivery:
    """What ``check_file`` read and found: counts of units and segments by what was done
    with them, skip reasons, what the file holds that is not checked, and every flag."""

    path: Path
    kind: str
    units: int
    segments: int
    checked: int
    missing: int
    skipped: tuple[tuple[str, int], ...]
    reported: tuple[tuple[str, int], ...]
    findings: tuple[Finding, ...]

    @property
    def clean(self) -> bool:
        """Whether nothing is missing and nothing is flagged."""
        return not self.findings and not self.missing

    def summary(self) -> str:
        """``N units read, M checked, K without a translation, S skipped (reasons)``."""
        skipped = sum(count for _, count in self.skipped)
        reasons = ", ".join(f"{reason} {count}" for reason, count in self.skipped)
        parts = [
            f"{self.units} unit(s) read",
            *([f"{self.segments} segment(s)"] if self.segments != self.units else []),
            f"{self.checked} checked",
            f"{self.missing} without a translation",
            f"{skipped} skipped" + (f" ({reasons})" if reasons else ""),
        ]
        return f"{self.kind}: " + ", ".join(parts)


def check_file(
    path: Path,
    glossary: Glossary,
    target_lang: str,
    source_lang: str,
    *,
    states: tuple[str, ...] = DEFAULT_STATES,
    source_given: bool = True,
) -> Delivery:
    """Read every unit of ``path`` (``open_delivery``) and check each translation in
    ``states`` (``check_delivery``)."""
    bilingual = open_delivery(path, target_lang, source_lang, source_given=source_given)
    return check_delivery(bilingual, glossary, target_lang, states=states)


def open_delivery(
    path: Path, target_lang: str, source_lang: str, *, source_given: bool = True
) -> Bilingual:
    """Every unit of the bilingual file ``path``, after comparing the languages it declares
    with the ones asked for (``source_given``: whether ``source_lang`` was asked for with
    ``--from`` rather than a default; the message names the option that fits either way)."""
    bilingual = read_bilingual(path, target_lang, source_lang)
    _compare_languages(bilingual, target_lang, source_lang, source_given)
    if not bilingual.units:
        raise BilingualError(
            f"no translation units in this {bilingual.kind} file (0 units read)",
            path=path,
            hint="check that it is the delivery and not an empty template",
        )
    return bilingual


def check_delivery(
    bilingual: Bilingual,
    glossary: Glossary,
    target_lang: str,
    *,
    states: tuple[str, ...] = DEFAULT_STATES,
) -> Delivery:
    """Check every translation of ``bilingual`` in ``states``; count and flag the rest."""
    unknown = [state for state in states if state not in STATES]
    if unknown:
        raise BilingualError(
            f"unknown state '{unknown[0]}'", hint=f"choose among {', '.join(STATES)}"
        )
    findings: list[Finding] = []
    skipped: Counter[str] = Counter()
    checked = missing = 0
    for entry in bilingual.entries:
        pair = Pair(entry.where, entry.source, entry.target)
        why = _skip(entry, states)
        if why:
            skipped[why] += 1
            continue
        absent = _missing(entry, states)
        if absent:
            missing += 1
            findings.append(Finding(pair, Flag("missing", absent)))
            continue
        checked += 1
        assert entry.target is not None
        flags = check_segment(entry.source, entry.target, glossary, target_lang)
        flags += whitespace_flags(entry.source, entry.target)
        findings.extend(Finding(pair, flag) for flag in flags)
    return Delivery(
        bilingual.path,
        bilingual.kind,
        bilingual.units,
        len(bilingual.entries),
        checked,
        missing,
        tuple(sorted(skipped.items())),
        tuple(sorted(bilingual.reported.items())),
        tuple(findings),
    )


def _skip(entry: Entry, states: tuple[str, ...]) -> str:
    if entry.skip:
        return entry.skip
    if not entry.translate:
        return 'translate="no"'
    if entry.target is not None and entry.state not in states and entry.state != "initial":
        return f"state {entry.file_state or entry.state} (not chosen with --state)"
    return ""


def _missing(entry: Entry, states: tuple[str, ...]) -> str:
    if entry.target is None:
        return "no translation" + (f" (state {entry.file_state})" if entry.file_state else "")
    if entry.state == "initial" and "initial" not in states:
        said = entry.file_state or entry.state
        return f"the file marks it as not translated yet (state {said}); --state initial checks it"
    return ""


def _compare_languages(
    bilingual: Bilingual, target_lang: str, source_lang: str, source_given: bool
) -> None:
    path = bilingual.path
    declared = bilingual.target_lang
    if declared and not same_language(declared, target_lang):
        raise BilingualError(
            f"the file translates into {declared}, not {target_lang}",
            path=path,
            hint=f"check it with --lang {declared}",
        )
    declared = bilingual.source_lang
    if declared and not same_language(declared, source_lang):
        option = "--from" if source_given else "--from (tx.toml's source_lang is not it)"
        raise BilingualError(
            f"the file translates from {declared}, not {source_lang}",
            path=path,
            hint=f"check it with {option} {declared}",
        )
    if bilingual.kind == "TMX" and not any(
        same_language(lang, target_lang) and not same_language(lang, source_lang)
        for lang in bilingual.languages
    ):
        held = ", ".join(bilingual.languages) or "no language"
        raise BilingualError(
            f"the memory holds no {target_lang} variant (its languages: {held})",
            path=path,
            hint="check it with --lang set to one of its languages",
        )


def whitespace_flags(source: str, target: str) -> tuple[Flag, ...]:
    """What a delivery's whitespace says that the text checks do not see: leading or trailing
    spaces the source does not have (or lost), a no-break space of the source turned into an
    ordinary space between the same words."""
    flags = []
    for side, pattern in (("leading", r"^\s+"), ("trailing", r"\s+$")):
        in_source = re.search(pattern, source) is not None
        in_target = re.search(pattern, target) is not None
        if in_target and not in_source:
            flags.append(Flag("spacing", f"{side} space in the translation, not in the source"))
        elif in_source and not in_target:
            flags.append(Flag("spacing", f"the translation lost the source's {side} space"))
    for found in re.finditer(rf"(\S+)[{_NO_BREAK}](\S+)", source):
        before, after = found.group(1), found.group(2)
        if f"{before} {after}" in target and f"{before}\u00a0{after}" not in target:
            flags.append(Flag("spacing", f"no-break space turned into a space: '{before} {after}'"))
            break
    return tuple(flags)
