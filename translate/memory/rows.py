"""The sentence pairs the memory's store indexes (``translate.memory.database``), read from
a work file or, as a stream, from a TMX file, one tuple (``Row``) per pair; and the words of
a chunk of them as the store keeps them (``postings``).

A TMX unit gives a pair for each of its source-language variants and each other variant, in
``TmxUnit.pairs``'s order; which of them a memory uses depends on its languages and is
decided when it reads (``translate.memory.stored``). The pairs whose source is in the unit's
own source language are indexed up front; those of a memory read backwards (from another of
its languages) only the first time a run asks for them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from translate import languages
from translate.errors import WorkFileError
from translate.formats.tmx import ALL_LANGUAGES, TmxStream
from translate.memory.fuzzy import _FIRST
from translate.memory.store import OWN_MEMORY_HINT, unit_origin, unit_state

# Word ids are characters past U+10000 in the stored word strings (as FuzzyIndex's); a memory
# with more distinct words than there are such characters folds the rest onto them.
_SPAN = 0x10FFFF - _FIRST

# (ordinal, src, tgt, src_lang, tgt_lang, prim, state, origin, segment, usable, superseded,
#  search_lang): usable is 0 for a work file's unreviewed sentence and a superseded pair
# (never a match, only found by the concordance), search_lang the target's canonical tag
Row = tuple[int, str, str, str, str, int, str, str, str, int, str, str]
_PAIRS_PER_UNIT = 1024  # a TMX unit's pairs are numbered unit * this + pair


def work_file_rows(translation: Any) -> Iterator[Row]:
    """Every segment of a work file (a ``Translation``), in order."""
    source_lang, target_lang = translation.source_lang, translation.target_lang
    for ordinal, item in enumerate(translation.segments):
        yield (
            ordinal, item.segment.source, item.target, source_lang, target_lang, 1,
            item.state.value, item.origin, item.id, int(item.state.is_human), "", target_lang,
        )  # fmt: skip


def tmx_rows(path: Path, memory: str, direction: str | None, others: set[str]) -> Iterator[Row]:
    """The (source variant, other variant) pairs of every unit, numbered in
    ``TmxUnit.pairs``'s order: with ``direction`` None those whose source is in the unit's
    own source language (the languages of the other variants are added to ``others``),
    else those whose source is in ``direction`` and not in the unit's own language."""

    hint = OWN_MEMORY_HINT if not memory else "import the memory again"
    units = TmxStream(path, WorkFileError, hint).units()
    return tmx_unit_rows(units, path, memory, direction, others)


def tmx_unit_rows(
    units: Iterable[Any], path: Path, memory: str, direction: str | None, others: set[str]
) -> Iterator[Row]:
    """``tmx_rows`` of units already read (``TmxUnit``)."""

    same = languages.same_language
    for number, tu in enumerate(units):
        state = unit_state(tu, path, memory)
        if state is None:
            continue
        value = state.value
        origin = unit_origin(tu, memory)
        superseded = tu.prop("x-superseded") or ""
        own = tu.srclang
        if not own or own.lower() == ALL_LANGUAGES:
            own = tu.variants[0][0] if tu.variants else ""
        variants = tu.variants[: _PAIRS_PER_UNIT // 32]
        for i, (source_lang, source) in enumerate(variants):
            if not source:
                continue
            own_source = same(source_lang, own)
            if direction is None and not own_source:
                others.add(source_lang)
                continue
            if direction is not None and (own_source or not same(source_lang, direction)):
                continue
            for j, (target_lang, target) in enumerate(variants):
                if not target or target_lang.lower() == source_lang.lower():
                    continue
                prim = int(own_source and not same(target_lang, own))
                yield (
                    number * _PAIRS_PER_UNIT + i * 32 + j, source, target, source_lang,
                    target_lang, prim, value, origin, "", int(not superseded), superseded,
                    languages.normalized(target_lang) or "",
                )  # fmt: skip


def chunks(rows: Iterable[Row], size: int) -> Iterator[list[Row]]:
    """``rows`` in lists of ``size``."""
    chunk: list[Row] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def postings(
    every: list[int], first: int, count: int
) -> tuple[list[bytes], list[tuple[int, int, bytes]]]:
    """Each unit's words as stored (little-endian word characters) and, per word, the units
    holding it (word, how many, little-endian uint32 ids), from the word ids of ``count``
    units parted by 0, the units numbered from ``first``."""
    import array
    import sys

    tokens: list[bytes] = []
    holders: dict[int, list[int]] = {}
    unit, current = first, array.array("I")
    for word in [*every, 0]:
        if word:
            current.append(_FIRST + 1 + (word - 1) % _SPAN)
            holders.setdefault(word, [])
            if not holders[word] or holders[word][-1] != unit:
                holders[word].append(unit)
            continue
        if sys.byteorder == "big":
            current.byteswap()
        tokens.append(current.tobytes())
        unit, current = unit + 1, array.array("I")
    found = []
    for word in sorted(holders):
        members = array.array("I", holders[word])
        if sys.byteorder == "big":
            members.byteswap()
        found.append((word, len(holders[word]), members.tobytes()))
    return tokens[:count], found


def postings_in_bulk(
    every: list[int], first: int, count: int
) -> tuple[list[bytes], list[tuple[int, int, bytes]]]:
    """``postings`` with NumPy, for a large chunk."""
    import numpy as np

    ids = np.array(every, dtype=np.int64)
    between = ids == 0
    owner = np.cumsum(between)[~between]
    word_array = ids[~between]
    counts = np.bincount(owner, minlength=count)
    codes = word_array - 1
    codes %= _SPAN
    codes += _FIRST + 1
    encoded = codes.astype("<u4").tobytes()
    bounds = (np.concatenate(([0], np.cumsum(counts))) * 4).tolist()
    tokens = [encoded[bounds[i] : bounds[i + 1]] for i in range(count)]
    units = np.repeat(np.arange(first, first + count, dtype=np.int64), counts)
    keys = (word_array << 32) | units
    keys.sort()
    keep = np.ones(len(keys), dtype=bool)
    np.not_equal(keys[1:], keys[:-1], out=keep[1:])  # a word twice in a unit: once
    keys = keys[keep]
    if not len(keys):
        return tokens, []
    word_of = keys >> 32
    starts = np.flatnonzero(np.r_[True, word_of[1:] != word_of[:-1]])
    ends = np.r_[starts[1:], len(keys)]
    members = (keys & 0xFFFFFFFF).astype("<u4")
    found = [
        (int(word_of[s]), int(e - s), members[s:e].tobytes())
        for s, e in zip(starts.tolist(), ends.tolist(), strict=True)
    ]
    return tokens, found
