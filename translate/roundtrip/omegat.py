"""A ready OmegaT project of articles for a freelancer: ``tx omegat export``.

The project (OmegaT 3.6 and later open it as it is) holds:

- ``omegat.project``: the languages, the default folders, sentence segmentation off;
- ``source/<slug>.xlf``: each article's work file as tx's XLIFF 1.2 for OmegaT's own filter
  (``tx xliff export --version 1.2 --copy-source``): one unit per sentence tx made, inline
  Markdown as protected codes, reviewed and final sentences locked with their translation;
- ``tm/auto/tx-memory.tmx``: every reviewed and final sentence of the workspace (what
  ``tx memory export`` writes), in OmegaT's tag-shortcut form so that a formatted sentence
  matches too; OmegaT inserts these 100% matches when the project opens;
- ``tm/tx-drafts.tmx``: tx's machine drafts of the exported articles, offered as 100% matches
  (``fill_drafts`` puts them in ``tm/auto/`` instead, and OmegaT inserts them);
- ``glossary/glossary.txt``: the house glossary for the target language (OmegaT's TSV);
- ``omegat/segmentation.conf``: segmentation rules that agree with tx's splitter, for a
  translator who turns sentence segmentation on.

What the translator writes comes back with ``tx xliff import target/<slug>.xlf``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from translate import __version__, languages
from translate.errors import XliffError
from translate.formats import omegat
from translate.formats.omegat_rules import segmentation_conf
from translate.formats.xliff.write import write_xliff
from translate.glossary import load_workspace_glossary
from translate.glossary.exchange import omegat_text
from translate.memory.exchange import reviewed_units
from translate.models import Translation
from translate.workspace import Workspace, workfiles, write_bytes, write_text

MEMORY_TMX = "tx-memory.tmx"
DRAFTS_TMX = "tx-drafts.tmx"


@dataclass(frozen=True)
class OmegatProject:
    """What ``export_project`` wrote: the project folder, the source files, and how many
    sentence pairs and glossary terms it holds (and left out, by reason)."""

    root: Path
    sources: tuple[Path, ...]
    memory: int
    drafts: int
    terms: int
    left_out: tuple[tuple[str, int], ...] = ()


def export_project(
    ws: Workspace,
    slugs: Sequence[str],
    lang: str,
    dest: Path,
    *,
    fill_drafts: bool = False,
) -> OmegatProject:
    """Write an OmegaT project of the work files of ``slugs`` into ``lang`` in the new (or
    empty) folder ``dest``. ``XliffError`` for a folder that holds files already (a
    translator's project is never written over) or work files in another source language."""
    ws.export_target(dest)
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise XliffError(
            "the folder is not empty (it may be an OmegaT project a translator works in)",
            path=dest,
            hint="name a new folder for the project",
        )
    with ws.lock():
        translations = [workfiles.load(ws.work_file(slug, lang)) for slug in slugs]
    source_lang = _source_lang(ws, translations)
    left_out: Counter[str] = Counter()
    sources = []
    for translation in translations:
        path = dest / "source" / f"{translation.slug}.xlf"
        write_bytes(path, write_xliff(translation, "1.2", copy_source=True))
        sources.append(path)
    memory = _pairs(
        ((u.source, u.target) for u in reviewed_units(ws, lang)
         if languages.same_language(u.source_lang, source_lang)),
        left_out,
    )  # fmt: skip
    known = {source for source, _ in memory}  # a reviewed translation wins over a draft
    drafts = [
        pair for pair in _pairs(
            ((item.segment.source, item.target) for t in translations for item in t.segments
             if not item.state.is_human and item.target.strip()),
            left_out,
        )
        if pair[0] not in known
    ]  # fmt: skip
    tm = dest / "tm"
    write_bytes(
        tm / "auto" / MEMORY_TMX, omegat.shortcut_tmx(memory, source_lang, lang, __version__)
    )
    drafts_path = (tm / "auto" if fill_drafts else tm) / DRAFTS_TMX
    write_bytes(drafts_path, omegat.shortcut_tmx(drafts, source_lang, lang, __version__))
    glossary, terms = omegat_text(load_workspace_glossary(ws, source_lang), lang)
    write_text(dest / "glossary" / "glossary.txt", glossary)
    write_text(dest / "omegat" / "segmentation.conf", segmentation_conf(source_lang))
    for folder in ("target", "dictionary"):
        (dest / folder).mkdir(parents=True, exist_ok=True)
    write_text(dest / "omegat.project", omegat.project_xml(source_lang, lang))
    return OmegatProject(
        dest, tuple(sources), len(memory), len(drafts), terms, tuple(sorted(left_out.items()))
    )


def _source_lang(ws: Workspace, translations: Sequence[Translation]) -> str:
    found = {t.source_lang for t in translations} or {ws.settings.source_lang}
    if len(found) > 1:
        raise XliffError(
            f"the articles are written in several languages ({', '.join(sorted(found))})",
            hint="export the articles of each source language as a project of its own",
        )
    return found.pop()


def _pairs(pairs: Iterable[tuple[str, str]], left_out: Counter[str]) -> list[tuple[str, str]]:
    """Sentence pairs in OmegaT's shortcut form, each once."""
    seen: dict[tuple[str, str], None] = {}
    for source, target in pairs:
        shown = omegat.shortcut_pair(source, target)
        if shown is None:
            left_out["translations with a code their source lacks"] += 1
        else:
            seen.setdefault(shown)
    return list(seen)
