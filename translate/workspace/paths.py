"""A workspace's folders and files: where articles, work files and exports live, and the
workspace found from the current directory upward, as git finds a repository."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

from translate.errors import LanguageError, WorkspaceError
from translate.languages import normalized
from translate.workspace import locking
from translate.workspace.files import write_text
from translate.workspace.settings import CONFIG_NAME, DEFAULT_CONFIG, Settings, read_settings

# A slug names an article in file names and addresses: letters, digits, '-', '_' and '.',
# starting with a letter or digit, never a path.
_SLUG = re.compile(r"[^\W_][\w.-]{0,199}")
SLUG_HINT = "a slug is letters, digits, '-', '_' and '.', starting with a letter or digit"


# Names of the files and folders tx writes itself beside the editions (index pages, feeds,
# the sitemap, images, drafts, review documents, the register, the site folder): an
# article named so would overwrite one of them, or be recorded as its owner.
RESERVED_SLUGS = frozenset(
    {"index", "feed", "sitemap", "assets", "drafts", "review", "site", "editions"}
)


def reserved_slug(slug: str) -> bool:
    """Whether ``slug`` names a file or folder tx writes itself (any case, any suffix:
    ``Index``, ``index.v2`` and ``feed`` are reserved)."""
    return slug.split(".", 1)[0].casefold() in RESERVED_SLUGS


SLUG_RENAME = (
    "rename the file (e.g. articles/index-story.md) or set another `slug:` in its front matter"
)


def slug_problem(slug: str) -> str:
    """Why ``slug`` cannot name an article (empty when it can)."""
    if not is_slug(slug):
        return f"'{slug}' is not a safe slug (it names the article's files and addresses)"
    if reserved_slug(slug):
        return (
            f"the slug '{slug}' is a name tx writes itself (index pages, feeds, the sitemap, "
            "assets, drafts, review documents)"
        )
    return ""


def is_slug(text: str) -> bool:
    """Whether ``text`` is a safe article slug (never a path, never hidden, no '..')."""
    return bool(_SLUG.fullmatch(text)) and ".." not in text and text.isprintable()


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

    @property
    def site_dir(self) -> Path:
        """The deployable site (tx.toml's ``site_dir``): published editions, index pages,
        feeds and the sitemap, and nothing else."""
        return self.root / self.settings.site_dir

    def work_file(self, slug: str, lang: str) -> Path:
        """The work file of an article in a language."""
        return self.inside(self.translations_dir / self._lang(lang) / f"{self._slug(slug)}.json")

    def review_file(self, slug: str, lang: str) -> Path:
        """The review document of an article in a language."""
        folder = self.exports_dir / "review" / self._lang(lang)
        return self.inside(folder / f"{self._slug(slug)}.docx")

    def edition_file(self, slug: str, lang: str, fmt: str) -> Path:
        """The published edition of an article in a language and format (html, docx)."""
        return self.inside(self.site_dir / self._lang(lang) / f"{self._slug(slug)}.{fmt}")

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
        return [self.contained(path, "glossary") for path in sorted(found)]

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
        candidates += [
            self.articles_dir / f"{given.name}{suffix}" for suffix in (".md", ".markdown", ".txt")
        ]
        for candidate in candidates:
            if candidate.is_file():
                return self.readable_article(candidate)
        raise WorkspaceError(f"no such article '{name}'", hint=self._article_hint(given.stem))

    def _article_hint(self, wanted: str) -> str:
        """Say which articles come close to ``wanted`` (a mistyped slug), else where they are."""
        import difflib  # only when an article was not found

        slugs = [path.stem for path in self.article_files()]
        close = difflib.get_close_matches(wanted, slugs, n=3, cutoff=0.6)
        if close:
            return "did you mean " + " or ".join(f"'{slug}'" for slug in close) + "?"
        return f"give a file path or the slug of an article in {self.articles_dir}"

    def contained(self, path: Path, what: str) -> Path:
        """``path``, a file tx reads by itself (a glossary, a work file, a memory, a cache),
        unless it resolves (symbolic links followed) to a place outside the workspace: then
        ``WorkspaceError``, before anything of it is read (its text is never shown)."""
        resolved = path.resolve()
        if not resolved.is_relative_to(self.root.resolve()):
            raise WorkspaceError(
                f"{what} is a symbolic link to {resolved}, outside the workspace; not read",
                path=path,
                hint="copy the file into the workspace instead of linking to it",
            )
        return path

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
        root = self.root.resolve()
        for lang_dir in sorted(p for p in self.translations_dir.iterdir() if p.is_dir()):
            if normalized(lang_dir.name) != lang_dir.name:
                continue  # not a language folder of tx's
            # A file that is no link, in a folder inside the workspace, is inside it too.
            inside = lang_dir.resolve().is_relative_to(root)
            for path in sorted(lang_dir.glob("*.json")):
                if is_slug(path.stem):
                    if inside and not path.is_symlink():
                        yield lang_dir.name, path
                    else:
                        yield lang_dir.name, self.contained(path, "work file")


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
