"""How people name an article on the command line: by path or by slug, in every command."""

from __future__ import annotations

from pathlib import Path

from translate.errors import WorkspaceError
from translate.source.articles import read_article
from translate.workspace import Workspace


def article_slug(ws: Workspace, name: str) -> str:
    """The slug of the article ``name`` names (a path or a slug, see ``find_article``).

    A name that is no article but has work files (its article was deleted or renamed) is
    taken as the slug itself, so its review documents and XLIFF files can still be made;
    anything else is "no such article", with the close matches.
    """
    try:
        path = ws.find_article(name)
    except WorkspaceError:
        stem = Path(name).stem
        if any(path.stem == stem for _, path in ws.work_files()):
            return stem
        raise
    return read_article(path, default_lang=ws.settings.source_lang).slug


def article_path(ws: Workspace | None, name: Path) -> Path:
    """The file of the article ``name``: the path itself when it is a file, else the article
    of that slug in the workspace (``ws``; ``None`` outside one)."""
    if name.is_file() or ws is None:
        return name
    return ws.find_article(str(name))
