"""tx.toml: a workspace's settings, read and checked where they enter."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from translate.errors import WorkspaceError
from translate.languages import normalized
from translate.workspace.engine_options import EngineOptions, read_options

CONFIG_NAME = "tx.toml"
SITE_DIR = "exports/site"
# Folders of the workspace a site folder must neither be nor hold.
_OWN_FOLDERS = ("articles", "glossaries", "translations", "exports", ".tx")
# The longest site name, publisher and site description tx.toml may give (in characters).
SITE_NAME_CHARS = 100
SITE_DESCRIPTION_CHARS = 300
ENGINES = ("auto", "argos", "apertium", "none")  # none: people translate (empty targets)
DEFAULT_CONFIG = """\
# tx workspace settings. tx finds this file from the current directory upward.
#
# Folders of a workspace:
#   articles/<slug>.md                 source articles (Markdown with front matter, or .txt)
#   glossaries/*.csv                   house glossaries: one row per concept, a column per language
#   translations/<lang>/<slug>.json    work files per article and language (the source of truth)
#   exports/review/<lang>/<slug>.docx  review documents for reviewers (and .xlf): internal
#   exports/drafts/<lang>/             proofs (tx export --draft): internal
#   exports/editions.json              what is published, from what, withdrawn by whom
#   exports/site/                      THE FOLDER TO DEPLOY: editions, indexes, feeds, sitemap

# Language the articles are written in (a BCP 47 / ISO 639 code).
source_lang = "en"

# Languages `tx translate` produces when --to is not given.
target_langs = ["es", "fr", "de"]

# Translation engine: "argos" (installed Argos Translate models), "apertium" (Debian's
# rule-based engine), "auto" (argos when a model for the pair is installed, else apertium) or
# "none" (people translate: tx keeps the work files in step, with empty targets).
engine = "auto"

# Languages people translate by hand (no engine): `tx translate` keeps their work files in
# step with the articles, sentences still to translate left empty, e.g. human_langs = ["ar"].
human_langs = []

# Argos models run on "auto" (a CUDA GPU when there is one, else the CPU), "cpu" or "cuda",
# and decode as argostranslate does: beam 4, length penalty 0.2. Per target language, add a
# table such as [decoding.de] with beam_size = 5. `tx engines` shows what serves each pair.
device = "auto"
beam_size = 4

# Apertium keeps a pair's pipeline loaded this many seconds after a run, so the next run does
# not load its dictionaries again (a server and apertium's stages per user and pair, about
# 125 MB for eng-spa; 0: start apertium for every call).
apertium_keep_alive = 300

# An engine per language, instead of `engine` (so that installing an Argos model never moves
# a language to another engine unnoticed), e.g.:
# [engines]
# es = "apertium"

# Glossary files, as glob patterns relative to this folder.
glossaries = ["glossaries/*.csv"]

# Address the exported HTML editions are published under (canonical and hreflang links,
# feeds, sitemap): an http or https URL.
base_url = "https://news.example.org"

# What the site calls itself: the name at the top of every page, the home page and the feeds;
# a line of description under it on the home page; and the publisher named in the feeds and
# in each page's structured data (schema.org). Without them the site is named by its address.
# site_name = "The Harbor Courier"
# site_description = "Local news in English, Spanish, French and German"
# publisher = "Harbor Courier Media"

# The deployable site: the only folder to copy to the web server. Review documents, XLIFF
# files, drafts and the register stay outside it.
site_dir = "exports/site"

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
    # [engines] in tx.toml: the engine pinned for a language (``es = "apertium"``)
    engines: tuple[tuple[str, str], ...] = ()

    def engine_for(self, lang: str) -> str:
        """The engine that translates into ``lang``: pinned in ``[engines]`` (the tag, else
        its base language), else ``engine``."""
        pinned = dict(self.engines)
        return pinned.get(lang) or pinned.get(lang.split("-")[0]) or self.engine

    site_dir: str = SITE_DIR
    # What the site calls itself (empty: named by base_url's host), and who publishes it
    site_name: str = ""
    site_description: str = ""
    publisher: str = ""
    human_langs: tuple[str, ...] = ()
    # [confidence.<lang>]: calibrated thresholds (high from, medium from) per language
    confidence: tuple[tuple[str, float, float], ...] = ()

    def bands_for(self, lang: str) -> tuple[float, float] | None:
        """The calibrated (high from, medium from) thresholds of ``lang``, if any."""
        for code, high, medium in self.confidence:
            if code in (lang, lang.split("-")[0]):
                return high, medium
        return None

    def is_human(self, lang: str) -> bool:
        """Whether people translate ``lang`` by hand: in ``human_langs``, or its engine (the
        pinned one, else ``engine``) is "none"."""
        return self.engine_for(lang) == "none" or lang in self.human_langs


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
    read = _Values(data, path)
    text, texts, score, language = read.text, read.texts, read.score, read.language
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
    threshold = score("fuzzy_threshold", defaults.fuzzy_threshold)
    use = score("fuzzy_use", defaults.fuzzy_use)
    if use < threshold:
        raise WorkspaceError(
            f"'fuzzy_use' ({use}) is below 'fuzzy_threshold' ({threshold}): a match too weak "
            "to be shown to a reviewer would be used as the translation",
            path=path,
            hint="set fuzzy_use to fuzzy_threshold or more (the defaults are 75 and 95)",
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
        base_url=_web_address(path, text("base_url", defaults.base_url)),
        fuzzy_threshold=threshold,
        fuzzy_use=use,
        engine_options=read_options(data, path),
        raw_html=raw_html,
        confidence=_calibrated(data.get("confidence", {}), path, language),
        engines=_pinned_engines(data.get("engines", {}), path, language),
        site_dir=_site_folder(path, text("site_dir", defaults.site_dir)),
        site_name=read.line("site_name", SITE_NAME_CHARS),
        site_description=read.line("site_description", SITE_DESCRIPTION_CHARS),
        publisher=read.line("publisher", SITE_NAME_CHARS),
        human_langs=tuple(
            dict.fromkeys(language("human_langs", code) for code in texts("human_langs", ()))
        ),
    )


def _pinned_engines(
    table: object, path: Path, language: Callable[[str, str], str]
) -> tuple[tuple[str, str], ...]:
    """``[engines]``: a language tag to an engine name for each pinned language."""
    if not isinstance(table, dict):
        raise WorkspaceError(
            "'engines' must be a table of languages and engines",
            path=path,
            hint='write [engines] and lines such as es = "apertium"',
        )
    pinned = []
    for code, name in table.items():
        if not isinstance(name, str) or name not in ENGINES:
            raise WorkspaceError(
                f"[engines] {code}: unknown engine {name!r}",
                path=path,
                hint=f"use one of {', '.join(ENGINES)}",
            )
        pinned.append((language("engines", code), name))
    return tuple(pinned)


def _web_address(path: Path, value: str) -> str:
    """``base_url`` when it is an http or https address with a host (it goes into every
    page's canonical and hreflang links, the feeds and the sitemap)."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(value)
        web = parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
    except ValueError:
        web = False
    clean = value.isprintable() and not any(c.isspace() for c in value)
    if not clean or not web:
        raise WorkspaceError(
            f"'base_url' must be an http or https address, not {value[:80]!r}",
            path=path,
            hint='write the address the site is served from, e.g. "https://news.example.org"',
        )
    return value.rstrip("/")


def _site_folder(path: Path, value: str) -> str:
    """``site_dir``: a folder inside the workspace, apart from its own folders."""
    posix = PurePosixPath(value.replace("\\", "/"))
    absolute = posix.is_absolute() or PureWindowsPath(value).is_absolute()
    parts = posix.parts
    reserved = (
        not parts
        or parts[0] in _OWN_FOLDERS[:3]
        or parts[0] == ".tx"
        or tuple(parts[:2]) in (("exports",), ("exports", "review"), ("exports", "drafts"))
    )
    if absolute or ".." in parts or reserved:
        raise WorkspaceError(
            f"'site_dir' {value!r} must be a folder of its own inside the workspace",
            path=path,
            hint='use e.g. "exports/site" or "site" (not exports/ itself, review/, drafts/, '
            "articles/ or translations/)",
        )
    return posix.as_posix()


def _relative_patterns(path: Path, patterns: tuple[str, ...]) -> tuple[str, ...]:
    """Glob patterns that stay inside the workspace: relative, without ``..``."""
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


def _calibrated(
    table: object, path: Path, language: Callable[[str, str], str]
) -> tuple[tuple[str, float, float], ...]:
    """``[confidence.<lang>]``: ``high`` and ``medium`` thresholds (per-token log-probability,
    medium <= high <= 0) for each calibrated language."""
    hint = "write [confidence.es] with high = -0.3 and medium = -0.8 (or run tx report --calibrate)"
    if not isinstance(table, dict):
        raise WorkspaceError("'confidence' must be a table of languages", path=path, hint=hint)
    found = []
    for code, entry in table.items():
        values = entry if isinstance(entry, dict) else {}
        high, medium = values.get("high"), values.get("medium")
        numbers = all(
            isinstance(v, int | float) and not isinstance(v, bool) for v in (high, medium)
        )
        if not numbers or not float(medium) <= float(high) <= 0:  # type: ignore[arg-type]
            raise WorkspaceError(
                f"[confidence.{code}] needs numbers high and medium with medium <= high <= 0",
                path=path,
                hint=hint,
            )
        found.append((language("confidence", code), float(high), float(medium)))  # type: ignore[arg-type]
    return tuple(found)


class _Values:
    """The values of parsed tx.toml ``data``, each checked as it is taken."""

    def __init__(self, data: dict[str, Any], path: Path) -> None:
        self.data, self.path = data, path

    def text(self, key: str, default: str) -> str:
        """A non-empty string."""
        value = self.data.get(key, default)
        if not isinstance(value, str) or not value.strip():
            raise WorkspaceError(f"'{key}' must be a non-empty string", path=self.path)
        return value.strip()

    def line(self, key: str, most: int) -> str:
        """An optional line of text for readers (empty when absent): printable, at most
        ``most`` characters, its spaces collapsed."""
        value = self.data.get(key, "")
        if not isinstance(value, str):
            raise WorkspaceError(
                f"'{key}' must be a string", path=self.path, hint=f'write {key} = "..."'
            )
        text = " ".join(value.split())
        if not text.isprintable() or len(text) > most:
            raise WorkspaceError(
                f"'{key}' must be one line of at most {most} printable characters",
                path=self.path,
                hint=f"shorten {key} and remove control characters",
            )
        return text

    def texts(self, key: str, default: tuple[str, ...]) -> tuple[str, ...]:
        """A list of non-empty strings."""
        value = self.data.get(key, list(default))
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise WorkspaceError(f"'{key}' must be a list of strings", path=self.path)
        return tuple(v.strip() for v in value)

    def score(self, key: str, default: int) -> int:
        """A whole number from 1 to 100."""
        value = self.data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 100:
            raise WorkspaceError(f"'{key}' must be a whole number from 1 to 100", path=self.path)
        return value

    def language(self, key: str, code: str) -> str:
        """A language tag, by its syntax only (reading settings must not load locale data)."""
        tag = normalized(code)
        if tag is None:
            raise WorkspaceError(
                f"'{key}': '{code}' is not a language tag",
                path=self.path,
                hint="use a BCP 47 tag such as es, fr-CA, pt-BR or zh-Hant",
            )
        return tag
