"""Rebuilding the site files around the editions from the register: the index and feed of
each language whose editions changed, the top index page and the sitemap; the index and feed
of a language left without editions are removed."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from translate.publish.edition import Site
from translate.publish.register import Register
from translate.workspace import Workspace, write_bytes


def rebuild_site(
    workspace: Workspace,
    register: Register,
    before: Iterable[str],
    touched: Iterable[str],
    dry_run: bool,
) -> tuple[list[Path], list[Path]]:
    """Write the site files of ``register`` for the languages in ``touched`` (plus the top
    index and the sitemap); remove those of languages in ``before`` that have no edition
    left. Returns the files written and removed."""
    from translate.publish.render import site

    settings = workspace.settings
    langs = register.languages()
    changed = set(touched)
    shared = {f"{lang}/{name}" for lang in langs for name in ("index.html", site.FEED_NAME)}
    written: list[Path] = []
    removed: list[Path] = []
    named = Site.of(settings)
    found = site.files(register, settings.base_url, settings.source_lang, named)
    for name, data in found.items():
        if name in shared and name.split("/", 1)[0] not in changed:
            target = workspace.inside(workspace.site_dir / name)
            if target.is_file():
                continue  # another language's files: only its own export rewrites them
        target = workspace.inside(workspace.site_dir / name)
        if not dry_run:
            write_bytes(target, data)
        written.append(target)
    for lang in sorted(set(before) - set(langs)):
        for name in site.language_files(lang):
            path = workspace.inside(workspace.site_dir / name)
            if path.is_file():
                if not dry_run:
                    path.unlink()
                removed.append(path)
                prune_folders(path.parent, workspace.site_dir)
    return written, removed


def prune_folders(folder: Path, top: Path) -> None:
    """Remove ``folder`` and its parents up to ``top`` while they are empty."""
    while folder != top and folder.is_relative_to(top):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
