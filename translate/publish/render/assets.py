"""Images of an edition: copied from the workspace into the edition's assets folder.

An article names its images by paths relative to its own file (front matter ``image:`` and
``![alt](src)`` blocks). Each is checked (relative, inside the workspace once symbolic links
are followed, a regular file of an image type, not larger than ``MAX_IMAGE_BYTES``) and copied
to ``<edition folder>/assets/<slug>/``, so a published folder holds everything its pages show.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from translate.errors import ExportError
from translate.models import Article, BlockKind
from translate.workspace import Workspace, write_bytes
from translate.workspace.limits import read_capped

# Formats every browser shows and python-docx can place in a document, by their first bytes.
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif")
_SIGNATURES = {
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".gif": (b"GIF87a", b"GIF89a"),
}
MAX_IMAGE_BYTES = 20 * 1024 * 1024
ASSETS = "assets"


def image_sources(article: Article) -> list[str]:
    """The images ``article`` names, in order, each once."""
    found = [article.meta.get("image", "")]
    found += [block.src for block in article.blocks if block.kind is BlockKind.IMAGE]
    return list(dict.fromkeys(src for src in found if src))


def copy_assets(
    workspace: Workspace, article: Article, folder: Path, *, dry_run: bool = False
) -> tuple[dict[str, str], dict[str, Path], list[Path]]:
    """Copy the images of ``article`` into ``folder``/assets/<slug>/.

    Returns, per ``src`` as the article writes it, the address relative to a page in
    ``folder`` and the copy's path, and the list of copies. Raises ``ExportError`` naming the
    article for an image that is missing, outside the workspace or not an image.
    """
    hrefs: dict[str, str] = {}
    files: dict[str, Path] = {}
    copied: list[Path] = []
    used: set[str] = set()
    checked: list[tuple[str, Path, Path, bytes]] = []
    for src in image_sources(article):  # every image checked before any is written
        origin = resolve_image(workspace, article, src)
        name = origin.name
        number = 1
        while name.lower() in used:
            number += 1
            name = f"{origin.stem}-{number}{origin.suffix}"
        used.add(name.lower())
        target = workspace.inside(folder / ASSETS / article.slug / name)
        data = read_capped(origin, MAX_IMAGE_BYTES, ExportError, "image")
        if not data.startswith(_SIGNATURES[origin.suffix.lower()]):
            raise ExportError(
                f"image {src!r} is not a {origin.suffix.lower()[1:].upper()} file",
                path=article.path,
                hint="export the picture again as PNG or JPEG",
            )
        checked.append((src, origin, target, data))
    for src, origin, target, data in checked:
        if not dry_run:
            write_bytes(target, data)
        hrefs[src] = f"{ASSETS}/{article.slug}/{target.name}"
        files[src] = origin if dry_run else target
        copied.append(target)
    return hrefs, files, copied


def resolve_image(workspace: Workspace, article: Article, src: str) -> Path:
    """The file an image ``src`` of ``article`` names, checked (see the module docstring)."""
    where = article.path
    hint = "name an image file inside the workspace by a path relative to the article"
    if "://" in src or src.startswith(("/", "\\")) or ":" in src.split("/", 1)[0]:
        raise ExportError(f"image {src!r} is not a relative path", path=where, hint=hint)
    base = article.path.parent if article.path is not None else workspace.articles_dir
    origin = (base / posixpath.normpath(src)).resolve()
    if not origin.is_relative_to(workspace.root.resolve()):
        raise ExportError(f"image {src!r} is outside the workspace", path=where, hint=hint)
    if origin.suffix.lower() not in IMAGE_SUFFIXES:
        raise ExportError(
            f"image {src!r} is not a {', '.join(IMAGE_SUFFIXES)} file", path=where, hint=hint
        )
    if not origin.is_file():
        raise ExportError(f"image {src!r} not found ({origin})", path=where, hint=hint)
    return origin
