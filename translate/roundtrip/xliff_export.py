"""Exporting a work file as XLIFF: exports/review/<lang>/<slug>.xlf, for a CAT tool.

The export holds the workspace lock while it reads the work file and writes the XLIFF file
(atomically), finds the glossary terms of each segment for XLIFF 2.1's glossary module, and
remembers what it wrote: a file a translator saved into since is never replaced without
``force`` (the review documents' rule), until it has been imported.
"""

from __future__ import annotations

from pathlib import Path

from translate.errors import XliffError
from translate.formats.xliff.write import write_xliff
from translate.models import Glossary, Term, Translation
from translate.roundtrip.staleness import stale_warning
from translate.workspace import Workspace, workfiles, write_bytes, write_text
from translate.workspace.locking import STATE_DIR, digest, fingerprint

# What tx last wrote (or imported) at each XLIFF file's path: a file that differs is a
# translator's, and is never overwritten without --force.
RECORD_NAME = "xliff-files.json"


def xliff_path(ws: Workspace, slug: str, lang: str) -> Path:
    """exports/review/<lang>/<slug>.xlf, beside the review document."""
    return ws.inside(ws.review_file(slug, lang).with_name(f"{slug}.xlf"))


def export_xliff(
    ws: Workspace,
    slug: str,
    lang: str,
    *,
    version: str = "2.1",
    glossary: Glossary | None = None,
    copy_source: bool = False,
    force: bool = False,
    stale: bool = False,
) -> Path:
    """Write exports/review/<lang>/<slug>.xlf from the work file; returns its path.

    ``glossary`` (default: the workspace's) gives the terms written as XLIFF 2.1 glossary
    entries. See ``write_xliff`` for ``copy_source``. An existing file that differs from what
    tx last wrote or imported there (a translator saved into it) is refused unless ``force``.
    A work file behind its article is refused unless ``stale`` (the file then says so).
    """
    work = ws.work_file(slug, lang)
    out = xliff_path(ws, slug, lang)
    with ws.lock():
        translation = workfiles.load(work)
        if translation.slug != slug or translation.target_lang != lang:
            raise XliffError(
                f"work file is of article '{translation.slug}' in "
                f"'{translation.target_lang}', not '{slug}' in '{lang}'",
                path=work,
                hint="restore it from git or run `tx translate` again",
            )
        if not force and out.exists() and _recorded(ws).get(_key(ws, out)) != fingerprint(out):
            raise XliffError(
                "the XLIFF file changed since tx wrote it (a translator may be working on it)",
                path=out,
                hint=f"import it first (`tx xliff import {out}`), or pass --force to replace it",
            )
        warning = stale_warning(ws, translation, work, XliffError, stale=stale)
        terms = _terms(ws, translation, glossary) if version == "2.1" else {}
        data = write_xliff(
            translation, version, terms=terms, copy_source=copy_source, warning=warning
        )
        before = _recorded(ws)  # the record first, rolled back if the file cannot be written
        record_file(ws, out, digest(data))
        try:
            write_bytes(out, data)
        except BaseException:
            _save_record(ws, before)
            raise
    return out


def _recorded(ws: Workspace) -> dict[str, str]:
    """What tx last wrote or imported at each XLIFF file's path (fingerprints)."""
    import json

    try:
        data = json.loads((ws.root / STATE_DIR / RECORD_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def record_file(ws: Workspace, path: Path, fingerprint: str) -> None:
    """Remember a file as safe to replace (the caller holds the workspace lock)."""
    _save_record(ws, _recorded(ws) | {_key(ws, path): fingerprint})


def _save_record(ws: Workspace, record: dict[str, str]) -> None:
    import json

    text = json.dumps(dict(sorted(record.items())), indent=2) + "\n"
    write_text(ws.root / STATE_DIR / RECORD_NAME, text)


def _key(ws: Workspace, path: Path) -> str:
    return path.resolve().relative_to(ws.root.resolve()).as_posix()


def _terms(
    ws: Workspace, translation: Translation, glossary: Glossary | None
) -> dict[str, tuple[Term, ...]]:
    from translate.glossary import find_terms, load_workspace_glossary

    if glossary is None:
        glossary = load_workspace_glossary(ws, translation.source_lang)
    found: dict[str, tuple[Term, ...]] = {}
    for item in translation.segments:
        terms: list[Term] = []
        for match in find_terms(glossary, item.segment.source):
            if all(match.term is not known for known in terms):
                terms.append(match.term)
        if terms:
            found[item.id] = tuple(terms)
    return found
