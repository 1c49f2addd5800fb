"""`tx glossary add`: a new term becomes a new row; a term the glossary has gets its row
changed (renderings, lists, note, kept name), under the workspace lock, saying what changed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from translate.errors import UsageError
from translate.glossary.matching import (
    add_term,
    existing_term,
    load_workspace_glossary,
    update_term,
)
from translate.models import Term, TermType
from translate.workspace import Workspace


@dataclass(frozen=True)
class Edit:
    """What ``add_or_update`` did: the term as it now is, the row it changed (``None`` for a
    new row) and each change in words."""

    term: Term
    existing: Term | None
    changes: tuple[str, ...] = ()


def add_or_update(
    ws: Workspace,
    path: Path,
    source: str,
    targets: Mapping[str, str],
    *,
    keep: bool = False,
    case: str | None = None,
    note: str = "",
    avoid: Mapping[str, Sequence[str]] | None = None,
    variants: Mapping[str, Sequence[str]] | None = None,
) -> Edit:
    """Add ``source`` to the glossary file ``path``, or change the row the glossary already
    has for it; the glossary is read and rewritten with no other writer between."""
    with ws.lock():
        known = load_workspace_glossary(ws)
        old = existing_term(known, source.strip())
        if old is not None:
            if case is not None:
                raise UsageError(
                    f"--case: '{old.source}' is already in the glossary",
                    path=old.file,
                    line=old.line,
                    hint="edit its case cell by hand",
                )
            term, changes = update_term(
                old,
                targets,
                source_lang=ws.settings.source_lang,
                keep=keep,
                note=note.strip(),
                avoid=avoid,
                variants=variants,
            )
            return Edit(term, old, tuple(changes))
        term = add_term(
            path,
            source.strip(),
            targets,
            source_lang=ws.settings.source_lang,
            type=TermType.KEEP if keep else TermType.TERM,
            case=case,
            note=note.strip(),
            avoid=avoid,
            known=known,
            variants=variants,
        )
        return Edit(term, None)
