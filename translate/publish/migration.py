"""Moving a workspace's published site out of exports/ into its own folder (``site_dir``).

Before ``site_dir`` existed, editions were written to ``exports/<lang>/`` beside the review
documents and drafts, with ``exports/index.html`` and ``exports/sitemap.xml``. ``migrate`` moves
every file the register names, and the site files, into the site folder (once, under the
workspace lock, the register staying where it is), so deploying the site folder publishes
exactly the editions and nothing internal.
"""

from __future__ import annotations

import os

from translate.publish.register import load as load_register
from translate.publish.site_update import prune_folders
from translate.workspace import Workspace


def migrate(workspace: Workspace, dry_run: bool) -> tuple[str, ...]:
    """Move the site of an older workspace from exports/ to ``workspace.site_dir``; returns
    one line saying what moved (nothing when there was nothing to move)."""
    from translate.publish.render.site import SITEMAP_NAME, language_files

    old, new = workspace.exports_dir, workspace.site_dir
    if old.resolve() == new.resolve():
        return ()
    register = load_register(workspace)
    names = {name for item in register.editions.values() for name in item.files}
    names |= {name for lang in register.languages() for name in language_files(lang)}
    names |= {"index.html", SITEMAP_NAME}
    found = [name for name in sorted(names) if (old / name).is_file()]
    if not register.editions or not found:
        return ()
    moved = 0
    for name in found:
        source = workspace.inside(old / name)
        target = workspace.inside(new / name)
        if target.exists():
            continue  # the site folder already has it: the old copy stays where it is
        moved += 1
        if not dry_run:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, target)
            prune_folders(source.parent, old)
    site = new.relative_to(workspace.root).as_posix()
    would = "would move" if dry_run else "moved"
    return (
        f"{would} {moved} published file(s) from exports/ to {site}/ (the site folder, set by "
        f"site_dir in tx.toml): deploy {site}/ only; exports/ keeps review documents and drafts",
    )


__all__ = ["migrate"]
