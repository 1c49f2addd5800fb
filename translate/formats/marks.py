"""What an exported unit records of the segment it came from: short hashes of its source and
translation, compared when the unit comes back (review documents and XLIFF files alike)."""

from __future__ import annotations

import hashlib

from translate.models import State


def short_hash(text: str) -> str:
    """Eight hex digits of the SHA-256 of ``text`` with its whitespace normalised."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()[:8]


def target_hash(text: str) -> str:
    """Eight hex digits of the SHA-256 of a translation as it is, only its ends stripped: a
    change of white space (a space made a no-break space) changes it."""
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()[:8]


def normalise(text: str) -> str:
    """``text`` with runs of whitespace made one space and the ends stripped."""
    return " ".join(text.split())


def exported_mark(source_hash: str, target_hash: str, state: State) -> str:
    """What a unit records of the segment it was exported from."""
    return f"src {source_hash} tgt {target_hash} {state.value}"
