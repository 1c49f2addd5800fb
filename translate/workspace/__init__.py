"""The workspace: where its folders are, its settings in tx.toml, and atomic file writes.

A workspace is a folder holding ``tx.toml``; commands find it from the current directory
upward, as git finds a repository, unless ``--workspace`` names it.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path

from translate.errors import LanguageError, WorkspaceError
from translate.languages import normalized
from translate.workspace import locking
from translate.workspace.engine_options import EngineOptions, read_options

CONFIG_NAME = "tx.toml"
ENGINES = ("auto", "argos", "apertium")
# A slug names an article in file names and addresses: letters, digits, '-', '_' and '.',
# starting with a letter or digit, never a path.
_SLUG = re.compile(r"[^\W_][\w.-]{0,199}")
SLUG_HINT = "a slug is letters, digits, '-', '_' and '.', starting with a letter or digit"


def is_slug(text: str) -> bool:
    """Whether ``text`` is a safe article slug (never a path, never hidden, no '..')."""
    return bool(_SLUG.fullmatch(text)) and ".." not in text and text.isprintable()


DEFAULT_CONFIG = """\
# tx workspace settings. tx finds this file from the current directory upward.
#
# Folders of a workspace:
#   articles/<slug>.md                 source articles (Markdown with front matter, or .txt)
#   glossaries/*.csv                   house glossaries: one row per concept, a column per language
#   translations/<lang>/<slug>.json    work files per article and language (the source of truth)
#   exports/review/<lang>/<slug>.docx  review documents for reviewers
#   exports/<lang>/<slug>.html|docx    published editions

# Language the articles are written in (a BCP 47 / ISO 639 code).
source_lang = "en"

# Languages `tx translate` produces when --to is not given.
target_langs = ["es", "fr", "de"]

# Translation engine: "argos" (installed Argos Translate models), "apertium" (Debian's
# rule-based engine) or "auto" (argos when a model for the pair is installed, else apertium).
engine = "auto"

# Argos models run on "auto" (a CUDA GPU when there is one, else the CPU), "cpu" or "cuda",
# and decode as argostranslate does: beam 4, length penalty 0.2. Per target language, add a
# table such as [decoding.de] with beam_size = 5. `tx engines` shows what serves each pair.
device = "auto"
beam_size = 4

# Glossary files, as glob patterns relative to this folder.
glossaries = ["glossaries/*.csv"]

# Address the exported HTML editions are published under (used for hreflang links).
base_url = "https://news.example.org"

# Fuzzy matches from translation memory (scores 0-100): matches from fuzzy_threshold up are
# shown to reviewers; from fuzzy_use up, a match that differs only in numbers, names or
# glossary terms is repaired and used instead of machine output.
fuzzy_threshold = 75
fuzzy_use = 95

# Raw HTML blocks in Markdown articles (an embed, a <div>): "refuse" (an error before
# translation) or "sanitize" (published untranslated, with scripts, frames and styles removed).
raw_html = "refuse"
"""


@dataclass(frozen=True)
class Settings:
    """The values of tx.toml."""

    source_lang: str = "en"
    target_langs: tuple[str, ...] = ("es", "fr", "de")
    engine: str = "auto"
    glossaries: tuple[str, ...] = ("glossaries/*.csv",)
    base_url: str = "https://news.example.org"
    fuzzy_threshold: int = 75
    fuzzy_use: int = 95
    engine_options: EngineOptions = field(default_factory=EngineOptions)
    raw_html: str = "refuse"


@dataclass(frozen=True)
class Workspace:
    """A workspace folder and its settings, with the paths of everything in it."""

    root: Path
    settings: Settings

    @property
    def articles_dir(self) -> Path:
        """Where source articles live."""
        return self.root / "articles"

    @property
    def glossaries_dir(self) -> Path:
        """Where glossary files live."""
        return self.root / "glossaries"

    @property
    def translations_dir(self) -> Path:
        """Where work files live, one folder per language."""
        return self.root / "translations"

    @property
    def exports_dir(self) -> Path:
        """Where review documents and editions are written."""
        return self.root / "exports"

    def work_file(self, slug: str, lang: str) -> Path:
        """The work file of an article in a language."""
        return self.inside(self.translations_dir / self._lang(lang) / f"{self._slug(slug)}.json")

    def review_file(self, slug: str, lang: str) -> Path:
        """The review document of an article in a language."""
        folder = self.exports_dir / "review" / self._lang(lang)
        return self.inside(folder / f"{self._slug(slug)}.docx")

    def edition_file(self, slug: str, lang: str, fmt: str) -> Path:
        """The published edition of an article in a language and format (html, docx)."""
        return self.inside(self.exports_dir / self._lang(lang) / f"{self._slug(slug)}.{fmt}")

    def inside(self, path: Path) -> Path:
        """``path`` itself, after checking that it resolves (symlinks followed) to a place
        inside the workspace; raises ``WorkspaceError`` otherwise."""
        resolved = path.resolve()
        if not resolved.is_relative_to(self.root.resolve()):
            raise WorkspaceError(
                f"refusing to write outside the workspace (it resolves to {resolved})",
                path=path,
                hint="remove the symbolic link that leads out of the workspace",
            )
        return path

    def export_target(self, path: Path) -> Path:
        """``path``, a file a user named for an export (TMX, glossary), after checking that it
        would not replace a file of the workspace's own: tx.toml, an article, a glossary, a
        work file or memory, tx's state or the register of editions. ``WorkspaceError``
        otherwise (an export is written anywhere else, inside the workspace or out of it)."""
        resolved, root = path.resolve(), self.root.resolve()
        folders = (self.articles_dir, self.translations_dir, self.root / locking.STATE_DIR)
        own = resolved in {
            (root / CONFIG_NAME),
            (self.exports_dir / "editions.json").resolve(),
            *(p.resolve() for p in self.glossary_files()),
        } or any(resolved.is_relative_to(folder.resolve()) for folder in folders)
        if own:
            raise WorkspaceError(
                "refusing to write an export over a file of the workspace",
                path=path,
                hint="name a new file, e.g. in exports/ or outside the workspace",
            )
        return path

    def lock(self) -> AbstractContextManager[None]:
        """The workspace's write lock (see ``translate.workspace.locking``)."""
        return locking.workspace_lock(self.root)

    @staticmethod
    def _slug(slug: str) -> str:
        if not is_slug(slug):
            raise WorkspaceError(f"'{slug}' is not a safe article slug", hint=SLUG_HINT)
        return slug

    @staticmethod
    def _lang(lang: str) -> str:
        if normalized(lang) != lang:
            raise LanguageError(
                f"'{lang}' is not a canonical language tag",
                hint="use a BCP 47 tag such as es, fr-CA or zh-Hant",
            )
        return lang

    def glossary_files(self) -> list[Path]:
        """The glossary files named by the settings, sorted, without duplicates."""
        found: set[Path] = set()
        for pattern in self.settings.glossaries:
            found.update(p for p in self.root.glob(pattern) if p.is_file())
        return sorted(found)

    def article_files(self) -> list[Path]:
        """Every article file (.md, .markdown, .txt) in articles/, sorted by name."""
        if not self.articles_dir.is_dir():
            return []
        return sorted(
            p
            for p in self.articles_dir.iterdir()
            if p.is_file() and p.suffix.lower() in (".md", ".markdown", ".txt")
        )

    def find_article(self, name: str | Path) -> Path:
        """An article named by path (from the current folder or the workspace) or by slug."""
        given = Path(name)
        candidates = [given, self.root / given, self.articles_dir / given]
        candidates += [self.articles_dir / f"{given.name}{suffix}" for suffix in (".md", ".txt")]
        for candidate in candidates:
            if candidate.is_file():
                return self.readable_article(candidate)
        raise WorkspaceError(
            "no such article",
            path=given,
            hint=f"give a file path or the slug of an article in {self.articles_dir}",
        )

    def readable_article(self, path: Path) -> Path:
        """``path``, unless it is a symbolic link that leads out of the workspace."""
        if path.is_symlink() and not path.resolve().is_relative_to(self.root.resolve()):
            raise WorkspaceError(
                f"article is a symbolic link to {path.resolve()}, outside the workspace",
                path=path,
                hint="copy the article into articles/ instead of linking to it",
            )
        return path

    def work_files(self) -> Iterator[tuple[str, Path]]:
        """Every work file as (language, path), sorted by language then slug."""
        if not self.translations_dir.is_dir():
            return
        for lang_dir in sorted(p for p in self.translations_dir.iterdir() if p.is_dir()):
            if normalized(lang_dir.name) != lang_dir.name:
                continue  # not a language folder of tx's
            for path in sorted(lang_dir.glob("*.json")):
                if is_slug(path.stem):
                    yield lang_dir.name, path


def find_root(start: Path) -> Path:
    """The nearest folder at or above ``start`` that holds a tx.toml."""
    here = start.resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    raise WorkspaceError(
        f"no {CONFIG_NAME} found here or in any parent folder",
        path=here,
        hint="run `tx init` to create a workspace, or pass --workspace DIR",
    )


def load(root: Path | None = None, *, start: Path | None = None) -> Workspace:
    """Open the workspace at ``root``, or the one found upward from ``start`` (default: cwd)."""
    if root is None:
        root = find_root(start or Path.cwd())
    else:
        root = root.resolve()
        if not (root / CONFIG_NAME).is_file():
            raise WorkspaceError(
                f"not a tx workspace (no {CONFIG_NAME})",
                path=root,
                hint="run `tx init` there first",
            )
    return Workspace(root=root, settings=read_settings(root / CONFIG_NAME))


def read_settings(path: Path) -> Settings:
    """Read and validate tx.toml."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise WorkspaceError("not UTF-8 text", path=path, hint="save it as UTF-8") from exc
    except tomllib.TOMLDecodeError as exc:
        raise WorkspaceError(f"invalid TOML: {exc}", path=path, hint="fix the syntax") from exc
    except OSError as exc:
        raise WorkspaceError(f"cannot read: {exc.strerror}", path=path) from None
    defaults = Settings()

    def text(key: str, default: str) -> str:
        value = data.get(key, default)
        if not isinstance(value, str) or not value.strip():
            raise WorkspaceError(f"'{key}' must be a non-empty string", path=path)
        return value.strip()

    def texts(key: str, default: tuple[str, ...]) -> tuple[str, ...]:
        value = data.get(key, list(default))
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise WorkspaceError(f"'{key}' must be a list of strings", path=path)
        return tuple(v.strip() for v in value)

    def score(key: str, default: int) -> int:
        value = data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 100:
            raise WorkspaceError(f"'{key}' must be a whole number from 1 to 100", path=path)
        return value

    def language(key: str, code: str) -> str:
        tag = normalized(code)  # syntax only: reading settings must not load locale data
        if tag is None:
            raise WorkspaceError(
                f"'{key}': '{code}' is not a language tag",
                path=path,
                hint="use a BCP 47 tag such as es, fr-CA, pt-BR or zh-Hant",
            )
        return tag

    engine = text("engine", defaults.engine)
    if engine not in ENGINES:
        raise WorkspaceError(
            f"unknown engine '{engine}'", path=path, hint=f"use one of {', '.join(ENGINES)}"
        )
    raw_html = text("raw_html", defaults.raw_html)
    if raw_html not in ("refuse", "sanitize"):
        raise WorkspaceError(
            f"'raw_html' must be \"refuse\" or \"sanitize\", not '{raw_html}'", path=path
        )
    return Settings(
        source_lang=language("source_lang", text("source_lang", defaults.source_lang)),
        target_langs=tuple(
            dict.fromkeys(
                language("target_langs", code)
                for code in texts("target_langs", defaults.target_langs)
            )
        ),
        engine=engine,
        glossaries=_relative_patterns(path, texts("glossaries", defaults.glossaries)),
        base_url=text("base_url", defaults.base_url).rstrip("/"),
        fuzzy_threshold=score("fuzzy_threshold", defaults.fuzzy_threshold),
        fuzzy_use=score("fuzzy_use", defaults.fuzzy_use),
        engine_options=read_options(data, path),
        raw_html=raw_html,
    )


def _relative_patterns(path: Path, patterns: tuple[str, ...]) -> tuple[str, ...]:
    """Glob patterns that stay inside the workspace: relative, without ``..``."""
    from pathlib import PurePosixPath, PureWindowsPath

    for pattern in patterns:
        parts = PurePosixPath(pattern.replace("\\", "/")).parts
        if not pattern:
            problem = "is empty"
        elif PurePosixPath(pattern).is_absolute() or PureWindowsPath(pattern).is_absolute():
            problem = "is absolute"
        elif ".." in parts:
            problem = "leaves the workspace (..)"
        else:
            continue
        raise WorkspaceError(
            f"glossaries pattern '{pattern}' {problem}",
            path=path,
            hint="give patterns relative to the workspace, such as glossaries/*.csv",
        )
    return patterns


# translations/.gitignore of a new workspace: what tx rebuilds by itself is not versioned.
CACHES_IGNORED = """\
# Indexes tx rebuilds whenever they are missing (fuzzy matches, concordance search).
.cache/
concordance.sqlite
"""


def init(root: Path) -> tuple[Path, ...]:
    """Create a workspace in ``root``; returns what was created. Existing files are kept."""
    root.mkdir(parents=True, exist_ok=True)
    created: list[Path] = []
    config = root / CONFIG_NAME
    if not config.exists():
        write_text(config, DEFAULT_CONFIG)
        created.append(config)
    for name in ("articles", "glossaries", "translations", "exports"):
        folder = root / name
        if not folder.exists():
            folder.mkdir()
            created.append(folder)
    ignore = root / "translations" / ".gitignore"
    if not ignore.exists():
        write_text(ignore, CACHES_IGNORED)
        created.append(ignore)
    return tuple(created)


def write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically: readers see the old file or the new, never half.

    The data goes to a temporary file in the same folder, is flushed to disk, then renamed
    over the target. A rewritten file keeps its permissions; a new one gets the permissions
    the umask allows (as any file the user creates). A failure (read-only folder, full disk)
    raises ``WorkspaceError`` naming the file and leaves the old file as it was.
    """
    import tempfile  # here: commands that only read (tx status, tx --help) start faster

    tmp = ""
    try:
        mode = _mode_for(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(
            prefix=f".{path.name[:64]}.", suffix=locking.TEMP_SUFFIX, dir=path.parent
        )
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), mode)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as error:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        if not isinstance(error, OSError):
            raise
        message = f"cannot write: {error.strerror or error}"
        raise WorkspaceError(message, path=path, hint=_write_hint(error)) from None


def _mode_for(path: Path) -> int:
    """The permissions a written file gets: those of the file it replaces, else what the
    umask allows for a new file."""
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _write_hint(error: OSError) -> str:
    import errno

    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return "free some disk space and run the command again; nothing was changed"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "make the folder writable for you; nothing was changed"
    if error.errno in (errno.ENOTDIR, errno.EEXIST, errno.EISDIR):
        return "a file stands where tx expects a folder (or the reverse): move it away"
    return "check the path, its permissions and the free disk space"


def write_text(path: Path, text: str) -> None:
    """Write UTF-8 text atomically (see ``write_bytes``)."""
    write_bytes(path, text.encode("utf-8"))
