"""What taking an edition offline does to the files: its page, document and images removed
with its record (``take_down``), shared by ``tx withdraw`` (``translate.publish.withdraw``) and
the export run's ``--prune`` of deleted articles."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from translate.publish.register import Register
from translate.publish.site_update import prune_folders
from translate.workspace import Workspace


@dataclass(frozen=True)
class Withdrawal:
    """A published edition taken down: its article and language, why, and its files."""

    slug: str
    lang: str
    reason: str
    files: tuple[Path, ...] = ()


def remove_files(workspace: Workspace, names: Iterable[str], dry_run: bool) -> list[Path]:
    """Remove the site files ``names`` (relative to the site folder); returns those found."""
    removed = []
    for name in sorted(names):
        path = workspace.inside(workspace.site_dir / name)
        if path.is_file() or path.is_symlink():
            if not dry_run:
                path.unlink()
            removed.append(path)
            prune_folders(path.parent, workspace.site_dir)
    return removed


def take_down(
    workspace: Workspace, register: Register, slug: str, lang: str, dry_run: bool
) -> tuple[Path, ...]:
    """Remove one edition's files and its record; returns the files removed."""
    record = register.drop(slug, lang)
    if record is None:
        return ()
    return tuple(remove_files(workspace, record.files, dry_run))
