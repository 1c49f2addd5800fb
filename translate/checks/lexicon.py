"""Whether a word is a word of a language: wordfreq's "small" word lists (the words of each
language seen often enough in its web, news, subtitle and book corpora), read straight from
the package's data files.

The untranslated check asks it about a source word left in a translation ("Los Estados
guarantor"): a Spanish word list knows "plan", "hotel" and "drones", not "guarantor". The
list of a language is read on first use (a few hundredths of a second); wordfreq's own module
is never imported, as it loads a tokenizer and a language database tx does not need.
"""

from __future__ import annotations

import functools
import gzip
import importlib.util
import itertools
from pathlib import Path


@functools.lru_cache(maxsize=16)
def words(lang: str) -> frozenset[str] | None:
    """The words of ``lang`` (lower case), or ``None`` when there is no list for it."""
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        return None
    code = {"nb": "nb", "no": "nb", "hr": "sh", "sr": "sh", "bs": "sh"}.get(lang, lang)
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / f"small_{code}.msgpack.gz"
    if not path.is_file():
        return None
    import msgpack

    with gzip.open(path) as stream:
        buckets = msgpack.load(stream, raw=False)
    return frozenset(itertools.chain.from_iterable(buckets[1:]))


def known(word: str, lang: str) -> bool | None:
    """Whether ``word`` is a word of ``lang``; ``None`` when tx has no list for ``lang``."""
    listed = words(lang)
    if listed is None:
        return None
    folded = word.casefold().replace("’", "'")
    return folded in listed
