"""A memory read from the indexed store (``translate.memory.database``): the same answers as
a ``Memory`` holding every unit, from only the rows a lookup needs.

Which unit answers for a sentence follows ``Memory.add`` exactly: the units of the sentence
are read in the order ``load`` would have added them (work files by path, memory.tmx,
imported memories by name; each file in its own order) and settled the same way (a final
translation wins over a reviewed one, the workspace's own over an imported memory's; the
rest are alternatives for fuzzy matching, each distinct translation once). Fuzzy matches
take their candidates from the stored inverted index and score them as ``FuzzyIndex`` does,
ties going to the unit ``Memory.units()`` would list first.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache
from typing import Any, overload

from translate import languages
from translate.memory import store
from translate.memory.database import IMPORTED, WORK_FILE, Source, Store, key_of
from translate.memory.fuzzy import _FIRST, FuzzyIndex, FuzzyMatch, tokens
from translate.memory.rows import _SPAN
from translate.memory.store import Memory, MemoryUnit, _better, _serves, normalize
from translate.models import State
from translate.workspace import Workspace, workfiles

# (order, unit): order sorts units as Memory would have added them
_Ordered = tuple[tuple[int, int], MemoryUnit]
_COLUMNS = "id, source, ordinal, src, tgt, src_lang, tgt_lang, prim, state, origin"


class StoredMemory(Memory):
    """``Memory``'s answers for one target language, read from the store as needed."""

    def __init__(
        self,
        store: Store,
        target_lang: str,
        sources: Sequence[Source],
        source_lang: str | None,
    ) -> None:
        super().__init__(target_lang)
        self.store, self.source_lang = store, source_lang
        self._sources = {source.id: (rank, source) for rank, source in enumerate(sources)}
        self._added: list[MemoryUnit] = []  # units added in this run, after the stored ones

    def close(self) -> None:
        """Close the store (a memory that is dropped closes it too)."""
        self.store.close()

    def add(self, unit: MemoryUnit) -> None:
        """Remember a unit after every stored one (see ``Memory.add``)."""
        self._added.append(unit)

    def lookup(self, source: str) -> MemoryUnit | None:
        """The reviewed translation of exactly this sentence, if any."""
        found = self._settled(normalize(source))
        return found[0][1] if found else None

    def units(self) -> StoredUnits:  # type: ignore[override]
        """Every unit, as ``Memory.units`` orders them; read only when iterated or counted
        (``fuzzy_index`` of these units asks the store instead)."""
        return StoredUnits(self)

    def __len__(self) -> int:
        return len(self._whole())

    # --- reading the store -------------------------------------------------------------------

    def _rows(self, sql: str, values: Sequence[Any]) -> Iterator[_Ordered]:
        """The usable units among the rows ``sql`` selects (``_COLUMNS``), with their order."""
        for (
            sid,
            source,
            ordinal,
            src,
            tgt,
            src_lang,
            tgt_lang,
            prim,
            state,
            origin,
        ) in self.store.db.execute(sql, values):
            entry = self._sources.get(source)
            if entry is None:
                continue
            rank, info = entry
            if info.kind != WORK_FILE and not self._direction(src_lang, tgt_lang, prim):
                continue
            memory = info.name if info.kind == IMPORTED else ""
            lang = "" if info.kind == WORK_FILE else tgt_lang  # as read_tmx and unit_of give
            yield (rank, ordinal), MemoryUnit(src, tgt, State(state), origin, memory, "", lang)
            del sid

    def _direction(self, src_lang: str, tgt_lang: str, prim: int) -> bool:
        return _direction_ok(self.source_lang, self.target_lang, src_lang, tgt_lang, prim)

    def _settled(self, key: str) -> list[tuple[tuple[int, int, int], MemoryUnit]]:
        """The units ``Memory.units`` would list for sentence ``key`` (normalised), the one
        used for exact matches first, each with its place in that list."""
        rows = [
            row
            for row in self._rows(
                f"SELECT {_COLUMNS} FROM units WHERE key = ? AND usable = 1", (key_of(key),)
            )
            if normalize(row[1].source) == key
        ]
        rows.sort(key=lambda row: row[0])
        end = (len(self._sources), 0)
        rows += [((end[0], n), u) for n, u in enumerate(self._added) if normalize(u.source) == key]
        return settle(rows)

    def _whole(self) -> Memory:
        whole = Memory(self.target_lang)
        rows = sorted(
            self._rows(f"SELECT {_COLUMNS} FROM units WHERE usable = 1", ()), key=lambda r: r[0]
        )
        for _, unit in rows:
            whole.add(unit)
        for unit in self._added:
            whole.add(unit)
        return whole

    def any(self) -> bool:
        """Whether the memory holds any unit."""
        if self._added:
            return True
        sources = list(self._sources)
        for at in range(0, len(sources), 500):
            part = sources[at : at + 500]
            marks = ",".join("?" * len(part))
            sql = f"SELECT {_COLUMNS} FROM units WHERE usable = 1 AND source IN ({marks})"
            for _ in self._rows(sql, part):
                return True
        return False


@cache
def _direction_ok(
    source_lang: str | None, target_lang: str, src_lang: str, tgt_lang: str, prim: int
) -> bool:
    """Whether a TMX pair (source variant, other variant) is one ``read_tmx`` gives for these
    languages (see ``TmxUnit.pairs``)."""
    if source_lang is None:
        direction = bool(prim)
    else:
        direction = languages.same_language(src_lang, source_lang) and not (
            languages.same_language(tgt_lang, source_lang)
        )
    return direction and _serves(tgt_lang, target_lang)


def settle(rows: Iterable[_Ordered]) -> list[tuple[tuple[int, int, int], MemoryUnit]]:
    """The units of one sentence in the order they were added, settled as ``Memory.add``
    settles them: the unit used first, then the alternatives, each with a sort key that
    places it in ``Memory.units()`` (the used unit where the sentence was first added, an
    alternative where it was set aside)."""
    known: MemoryUnit | None = None
    first: tuple[int, int] = (0, 0)
    others: list[tuple[tuple[int, int, int], MemoryUnit]] = []
    seen: set[str] = set()
    for order, unit in rows:
        target = normalize(unit.target)
        if known is None:
            known, first = unit, order
        elif _better(unit, known):
            if normalize(known.target) != target:
                others.append(((1, *order), known))
            known = unit
        elif target not in seen:
            others.append(((1, *order), unit))
        seen.add(target)
    if known is None:
        return []
    return [((0, *first), known), *others]


class StoredUnits(Sequence[MemoryUnit]):
    """``Memory.units()`` of a stored memory, read from the store only when listed."""

    def __init__(self, memory: StoredMemory) -> None:
        self.memory = memory
        self._list: list[MemoryUnit] | None = None

    def _all(self) -> list[MemoryUnit]:
        if self._list is None:
            self._list = self.memory._whole().units()
        return self._list

    def __bool__(self) -> bool:
        return self.memory.any()

    def __len__(self) -> int:
        return len(self._all())

    @overload
    def __getitem__(self, index: int) -> MemoryUnit: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[MemoryUnit]: ...

    def __getitem__(self, index: int | slice) -> MemoryUnit | Sequence[MemoryUnit]:
        return self._all()[index]

    def __iter__(self) -> Iterator[MemoryUnit]:
        return iter(self._all())

    def fuzzy_index(self) -> StoredFuzzyIndex:
        """Fuzzy lookup of these units from the store's inverted index."""
        return StoredFuzzyIndex(self.memory)


class StoredFuzzyIndex(FuzzyIndex):
    """``FuzzyIndex.best`` over a stored memory: candidates from the stored postings (it
    holds none of ``FuzzyIndex``'s arrays)."""

    def __init__(self, memory: StoredMemory) -> None:  # no FuzzyIndex arrays: no super()
        self.memory = memory
        self.db: sqlite3.Connection = memory.store.db
        self._added: Any = None

    def __len__(self) -> int:
        return len(self.memory.units())

    def to_bytes(self) -> bytes:
        """Nothing to save: the store is the index."""
        raise TypeError("a stored memory's index lives in its store")

    def best(self, source: str, *, threshold: int, limit: int = 2) -> list[FuzzyMatch]:
        """Up to ``limit`` units scoring at least ``threshold`` against ``source``, best
        first (ties: the unit ``Memory.units()`` lists first)."""
        from rapidfuzz import process
        from rapidfuzz.distance import Levenshtein

        words = tokens(source)
        length = len(words)
        if not length:
            return []
        ratio = max(threshold, 1) / 100
        shared = length - math.floor(length * (1 - ratio) / ratio)
        if shared <= 0:
            return []
        distinct = list(dict.fromkeys(words))
        ids = self.memory.store.word_ids(distinct)
        query = _encode(words, ids)
        frequency = self._frequencies(sorted(set(ids.values())))
        ranked = sorted(distinct, key=lambda w: frequency.get(ids.get(w, 0), 0))
        chosen = [ids[w] for w in ranked[: max(1, len(ranked) - shared + 1)] if w in ids]
        low, high = math.ceil(length * ratio), math.floor(length / ratio)
        candidates = self._candidates(chosen, low, high)
        scored = process.extract(
            query,
            [encoded for _, encoded in candidates],
            scorer=Levenshtein.normalized_similarity,
            score_cutoff=threshold / 100 - 1e-9,
            limit=None,
        )
        scores: dict[str, int] = {}
        for _, similar, at in scored:
            score = math.floor(100 * similar + 1e-9)
            if score >= threshold:
                key = candidates[at][0]
                scores[key] = max(score, scores.get(key, 0))
        for unit in self.memory._added:  # units added in this run: scored one by one
            score = _similarity(words, tokens(unit.source))
            if score >= threshold:
                key = normalize(unit.source)
                scores[key] = max(score, scores.get(key, 0))
        found = [
            (-score, place, unit)
            for key, score in scores.items()
            for place, unit in self.memory._settled(key)
        ]
        found.sort(key=lambda item: item[:2])
        return [FuzzyMatch(-score, unit) for score, _, unit in found[:limit]]

    def _frequencies(self, ids: list[int]) -> dict[int, int]:
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        sql = f"SELECT word, SUM(n) FROM postings WHERE word IN ({marks}) GROUP BY word"
        return dict(self.db.execute(sql, ids).fetchall())

    def _candidates(self, words: list[int], low: int, high: int) -> list[tuple[str, str]]:
        """(normalised source, word string) of the usable units holding one of ``words``
        with ``low`` to ``high`` words, in this memory's sources and languages."""
        import array
        import sys

        if not words:
            return []
        marks = ",".join("?" * len(words))
        found_ids: set[int] = set()
        for (blob,) in self.db.execute(
            f"SELECT units FROM postings WHERE word IN ({marks})", words
        ):  # little-endian uint32 unit ids; array, not NumPy: no import for a short run
            ids = array.array("I")
            ids.frombytes(blob)
            if sys.byteorder == "big":
                ids.byteswap()
            found_ids.update(ids)
        if not found_ids:
            return []
        units = sorted(found_ids)
        memory, found = self.memory, []
        sql = (
            "SELECT source, src_lang, tgt_lang, prim, src, tokens FROM units WHERE id IN "
            "(SELECT value FROM json_each(?)) AND usable = 1 AND ntok BETWEEN ? AND ?"
        )
        import json

        for at in range(0, len(units), 100_000):
            part = json.dumps(units[at : at + 100_000])
            for source, src_lang, tgt_lang, prim, src, blob in self.db.execute(
                sql, (part, low, high)
            ):
                entry = memory._sources.get(source)
                if entry is None:
                    continue
                if entry[1].kind != WORK_FILE and not memory._direction(src_lang, tgt_lang, prim):
                    continue
                found.append((normalize(src), blob.decode("utf-32-le")))
        return found


def _encode(words: list[str], ids: dict[str, int]) -> str:
    """A query's words as the store's word characters; an unknown word matches nothing."""
    unseen: dict[str, str] = {}
    chars = []
    for word in words:
        known = ids.get(word)
        if known is not None:
            chars.append(chr(_FIRST + 1 + (known - 1) % _SPAN))
        else:  # characters below U+10000 are never word ids
            chars.append(unseen.setdefault(word, chr(0x100 + len(unseen))))
    return "".join(chars)


def _similarity(one: list[str], other: list[str]) -> int:
    from rapidfuzz.distance import Levenshtein

    from translate.memory.fuzzy import _score

    if not one and not other:
        return 100
    return _score(Levenshtein.distance(one, other), max(len(one), len(other)))


def open_memory(
    ws: Any,
    target_lang: str,
    *,
    skip_slugs: Iterable[str] = (),
    source_lang: str | None = None,
    on_broken: Callable[[Any], object] | None = None,
) -> StoredMemory | None:
    """The stored memory for ``target_lang`` (see ``load``), the store brought up to
    date first; None when the workspace can keep no store (read-only)."""
    opened = Store.open(ws)
    if opened is None:
        return None
    try:
        sources = opened.refresh(target_lang)
        if source_lang:
            opened.directions(sources, source_lang)
    except sqlite3.DatabaseError:
        opened.close()
        return None
    except BaseException:
        opened.close()
        raise
    skipped = set(skip_slugs)
    kept = []
    for source in sources:
        if source.kind == WORK_FILE:
            if source.name in skipped:
                continue
            if source.broken:
                if on_broken is not None:
                    on_broken(ws.root / source.path)
                continue
            if source_lang and languages.base(source.source_lang) != languages.base(source_lang):
                continue
        kept.append(source)
    return StoredMemory(opened, target_lang, kept, source_lang)


def load(
    ws: Workspace,
    target_lang: str,
    *,
    skip_slugs: Iterable[str] = (),
    source_lang: str | None = None,
) -> Memory:
    """The memory for ``target_lang``: reviewed segments of every work file, then memory.tmx,
    then the imported memories.

    Work files of ``skip_slugs`` are left out (the caller already has them in hand), and so
    are those translated from another language than ``source_lang`` when it is given. The
    units are read from the workspace's indexed store (``translate.memory.database``), which
    is first brought up to date with the files that changed; only a workspace where no store
    can be written reads every file into memory.
    """
    stored = open_memory(
        ws, target_lang, skip_slugs=skip_slugs, source_lang=source_lang, on_broken=workfiles.load
    )
    if stored is not None:
        return stored
    return _read_whole(ws, target_lang, skip_slugs=skip_slugs, source_lang=source_lang)


def _read_whole(
    ws: Workspace,
    target_lang: str,
    *,
    skip_slugs: Iterable[str] = (),
    source_lang: str | None = None,
) -> Memory:
    """``load`` without the store (a workspace where none can be written): every file read."""
    skipped = set(skip_slugs)
    memory = Memory(target_lang)
    lang_dir = ws.translations_dir / target_lang
    if lang_dir.is_dir():
        for path in sorted(lang_dir.glob("*.json")):
            if path.stem in skipped:
                continue
            translation = workfiles.load(path)
            if source_lang and languages.base(translation.source_lang) != languages.base(
                source_lang
            ):
                continue
            for item in translation.segments:
                if item.state.is_human:
                    memory.add(store.unit_of(item))
    for unit in store.read_tmx(
        ws.translations_dir / store.MEMORY_FILE, target_lang, source_lang=source_lang
    ):
        memory.add(unit)
    for name, path in store.external_memories(ws):
        for unit in store.read_tmx(path, target_lang, source_lang=source_lang, memory=name):
            memory.add(unit)
    return memory
