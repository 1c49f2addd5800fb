"""What ``tx status`` needs of each article (slug, language, segment digest and count), kept
between runs so that a status of unchanged articles reads no Markdown.

Reading an article means importing markdown-it, PyYAML and the sentence splitter and
segmenting the whole text: most of ``tx status``'s time on a workspace where nothing changed.
The facts of each article are saved in ``translations/.cache/articles.json`` with the
article's stamp (modification time, size, inode) and a key of everything that decides them
(tx's version, the default source language, the stamps of tx's source-reading modules and
of the parsers they use); an entry whose stamp or key differs is read again. It is only a
cache and is untrusted: a missing, damaged or foreign file, or an entry of the wrong shape,
is ignored and rewritten, and one that cannot be written is skipped.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from pathlib import Path

from translate import __version__
from translate.errors import TxError
from translate.workspace import Workspace, write_bytes

CACHE_FILE = "articles.json"
_MAX_BYTES = 16 << 20
_PARSERS = ("markdown_it", "mdit_py_plugins", "yaml", "nh3")


@dataclass(frozen=True)
class ArticleFacts:
    """An article's slug, language, segment digest and number of segments."""

    slug: str
    lang: str
    digest: str
    segments: int


def article_facts(ws: Workspace, paths: list[Path]) -> list[ArticleFacts | TxError]:
    """The facts of each article (or the error reading it), from the cache where the
    article did not change."""
    cache_path = ws.translations_dir / ".cache" / CACHE_FILE
    key = _key(ws)
    saved = _load(cache_path, key)
    fresh: dict[str, list[object]] = {}
    found: list[ArticleFacts | TxError] = []
    for path in paths:
        name = path.as_posix()
        try:
            readable = ws.readable_article(path)
            stat = readable.stat()
        except (TxError, OSError):
            stamp = ""
        else:
            stamp = f"{stat.st_mtime_ns}:{stat.st_size}:{stat.st_ino}"
        entry = saved.get(name)
        if stamp and entry is not None and entry[0] == stamp:
            found.append(ArticleFacts(*entry[1:]))  # type: ignore[arg-type]
            fresh[name] = entry
            continue
        try:
            facts = _read(ws, path)
        except TxError as error:
            found.append(error)
            continue
        found.append(facts)
        if stamp:
            fresh[name] = [stamp, facts.slug, facts.lang, facts.digest, facts.segments]
    if fresh != saved:
        data = json.dumps({"key": key, "articles": fresh}, ensure_ascii=False).encode()
        with contextlib.suppress(TxError, OSError):  # read-only: read again next time
            write_bytes(ws.inside(cache_path), data)
    return found


def _read(ws: Workspace, path: Path) -> ArticleFacts:
    from translate.source.articles import read_article
    from translate.source.segments import article_digest, segment_article

    article = read_article(ws.readable_article(path), default_lang=ws.settings.source_lang)
    segments = segment_article(article)
    return ArticleFacts(article.slug, article.lang, article_digest(segments), len(segments))


def _load(path: Path, key: str) -> dict[str, list[object]]:
    """The saved entries made under ``key``, each checked for shape; {} when there are none."""
    try:
        if path.stat().st_size > _MAX_BYTES:
            return {}
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("key") != key:
        return {}
    articles = data.get("articles")
    if not isinstance(articles, dict):
        return {}
    shape = (str, str, str, str, int)
    return {
        name: entry
        for name, entry in articles.items()
        if isinstance(name, str)
        and isinstance(entry, list)
        and len(entry) == len(shape)
        and all(type(value) is kind for value, kind in zip(entry, shape, strict=True))
    }


def _key(ws: Workspace) -> str:
    """What the facts of an article depend on besides the article itself."""
    import importlib.util

    package = Path(__file__).parents[1]
    modules = sorted(
        [*package.joinpath("source").rglob("*.py"), package / "models.py", package / "languages.py"]
    )
    for name in _PARSERS:
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.origin:
            modules.append(Path(spec.origin))
    stamps = []
    for module in modules:
        try:
            stat = module.stat()
        except OSError:
            continue
        stamps.append(f"{module.name}:{stat.st_mtime_ns}:{stat.st_size}")
    return "|".join([__version__, ws.settings.source_lang, *stamps])
