"""The register of published editions: what the site folder holds and what each edition was
made from.

``exports/editions.json`` (outside the site folder, never deployed) lists every edition that
passed the publishing gate and was exported, with the fingerprints of the source article and
of the translation it was made from, the files it wrote, what the site lists of it (title,
summary, date, author) and its dates (published, modified, corrected); and every withdrawal
(who, when, why). Index pages, feeds, the sitemap and the hreflang alternates of every page are
built from it, so the site lists exactly the editions that exist. An edition whose article or
translation changed since (``stale``) stays online until a new version passes the gate or a
person withdraws it; ``tx status`` reports it. The register is read and written under the
workspace lock, with the workspace's atomic write.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path

from translate.errors import ExportError
from translate.languages import normalized
from translate.models import Translation
from translate.workspace import Workspace, is_slug, write_bytes
from translate.workspace.limits import read_capped
from translate.workspace.locking import digest

REGISTER_NAME = "editions.json"
FORMAT = 1
# The register lists one entry per edition: a few hundred bytes each.
MAX_REGISTER_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class PublishedEdition:
    """One exported edition: an article in one language.

    ``source`` and ``translation`` are the fingerprints of the article file and of the
    translated text it was exported from (``translation`` is empty for the source-language
    edition). ``files`` are the written files relative to the site folder; ``alternates`` the
    languages its HTML page linked to when it was written; ``exported`` the UTC time of the
    last write (ISO 8601). ``content`` is the digest of the article's sentences it shows,
    ``published`` when it first went online, ``modified`` when what it shows last changed and
    ``corrected`` the date of its latest correction (its article's sentences changed while it
    was online).
    """

    slug: str
    lang: str
    source_lang: str
    formats: tuple[str, ...]
    source: str
    translation: str
    files: tuple[str, ...]
    title: str
    summary: str = ""
    date: str = ""
    author: str = ""
    image: str = ""
    alternates: tuple[str, ...] = ()
    exported: str = ""
    content: str = ""
    published: str = ""
    modified: str = ""
    corrected: str = ""

    @property
    def key(self) -> tuple[str, str]:
        """``(slug, lang)``: one edition per article and language."""
        return (self.slug, self.lang)

    @property
    def page(self) -> str:
        """The HTML page relative to ``exports/`` (empty when no HTML was exported)."""
        return f"{self.lang}/{self.slug}.html" if "html" in self.formats else ""


@dataclass(frozen=True)
class WithdrawalRecord:
    """A person took an edition offline: which, why, who and when (UTC, ISO 8601)."""

    slug: str
    lang: str
    reason: str
    by: str
    at: str


@dataclass
class Register:
    """The editions of a workspace, by ``(slug, lang)``, and the withdrawals people made;
    ``changed`` once anything was set."""

    path: Path
    editions: dict[tuple[str, str], PublishedEdition] = field(default_factory=dict)
    changed: bool = False
    withdrawals: list[WithdrawalRecord] = field(default_factory=list)

    def get(self, slug: str, lang: str) -> PublishedEdition | None:
        """The edition of ``slug`` in ``lang``, if one is published."""
        return self.editions.get((slug, lang))

    def of_article(self, slug: str) -> dict[str, PublishedEdition]:
        """The published editions of ``slug`` by language."""
        return {lang: item for (s, lang), item in self.editions.items() if s == slug}

    def put(self, item: PublishedEdition) -> None:
        """Record an exported edition (replacing the earlier record of it)."""
        self.editions[item.key] = item
        self.changed = True

    def drop(self, slug: str, lang: str) -> PublishedEdition | None:
        """Forget an edition; returns its record."""
        item = self.editions.pop((slug, lang), None)
        self.changed = self.changed or item is not None
        return item

    def note_withdrawal(self, item: WithdrawalRecord) -> None:
        """Keep who withdrew an edition, when and why."""
        self.withdrawals.append(item)
        self.changed = True

    def languages(self) -> list[str]:
        """Languages with at least one edition, sorted."""
        return sorted({lang for _, lang in self.editions})

    def in_language(self, lang: str) -> list[PublishedEdition]:
        """The editions in ``lang``, by slug."""
        return sorted((i for i in self.editions.values() if i.lang == lang), key=lambda i: i.slug)

    def pages(self, slug: str) -> dict[str, PublishedEdition]:
        """The editions of ``slug`` that have an HTML page, by language (sorted)."""
        found = {lang: item for lang, item in self.of_article(slug).items() if item.page}
        return dict(sorted(found.items()))

    def save(self) -> None:
        """Write the register atomically (the caller holds the workspace lock)."""
        items = sorted(self.editions.values(), key=lambda i: i.key)
        data: dict[str, object] = {"format": FORMAT, "editions": [_record(i) for i in items]}
        if self.withdrawals:
            data["withdrawals"] = [asdict(item) for item in self.withdrawals]
        text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        write_bytes(self.path, text.encode("utf-8"))
        self.changed = False


def register_path(workspace: Workspace) -> Path:
    """Where the register of ``workspace`` lives."""
    return workspace.exports_dir / REGISTER_NAME


def load(workspace: Workspace) -> Register:
    """The register of ``workspace`` (empty when nothing was published yet)."""
    path = register_path(workspace)
    if not path.is_file():
        return Register(path)
    data = read_capped(path, MAX_REGISTER_BYTES, ExportError, "register of editions")
    try:
        parsed = json.loads(data.decode("utf-8"))
        if not isinstance(parsed, dict) or parsed.get("format") != FORMAT:
            raise ValueError(f"not a format {FORMAT} register")
        items = [_edition(record) for record in parsed["editions"]]
        withdrawals = [_withdrawal(record) for record in parsed.get("withdrawals", [])]
    except (ValueError, KeyError, TypeError, UnicodeDecodeError, RecursionError) as error:
        raise ExportError(
            f"the register of published editions cannot be read ({error})",
            path=path,
            hint="restore it from backup, or delete it and the exported folders and export again",
        ) from None
    return Register(path, {item.key: item for item in items}, withdrawals=withdrawals)


def source_fingerprint(article_file: Path) -> str:
    """The fingerprint of an article file as an edition records it."""
    return digest(article_file.read_bytes())


def translation_fingerprint(translation: Translation) -> str:
    """The fingerprint of what an edition shows of a translation: its segments' texts."""
    lines = (f"{item.id}\t{item.target}\n" for item in translation.segments)
    return digest("".join(lines).encode("utf-8"))


_TEXT_FIELDS = (
    "slug",
    "lang",
    "source_lang",
    "source",
    "translation",
    "title",
    "summary",
    "date",
    "author",
    "image",
    "exported",
    "content",
    "published",
    "modified",
    "corrected",
)


def _record(item: PublishedEdition) -> dict[str, object]:
    record = asdict(item)
    for key in ("formats", "files", "alternates"):
        record[key] = list(record[key])
    return record


def _edition(record: object) -> PublishedEdition:
    if not isinstance(record, dict):
        raise ValueError("an edition is not an object")
    texts = {key: record.get(key, "") for key in _TEXT_FIELDS}
    if not all(isinstance(value, str) for value in texts.values()):
        raise ValueError("an edition field is not text")
    lists = {key: record.get(key, []) for key in ("formats", "files", "alternates")}
    if not all(isinstance(v, list) and all(isinstance(x, str) for x in v) for v in lists.values()):
        raise ValueError("an edition list is not a list of text")
    if not is_slug(texts["slug"]) or normalized(texts["lang"]) != texts["lang"]:
        raise ValueError(f"edition {texts['lang']}/{texts['slug']} is not a slug and language")
    if any(not _own_file(name, texts["slug"], texts["lang"]) for name in lists["files"]):
        raise ValueError(
            f"edition {texts['lang']}/{texts['slug']} names a file that is not its own "
            f"(only {texts['lang']}/{texts['slug']}.* and {texts['lang']}/assets/{texts['slug']}/)"
        )
    return PublishedEdition(
        **texts,
        formats=tuple(lists["formats"]),
        files=tuple(lists["files"]),
        alternates=tuple(lists["alternates"]),
    )


def _withdrawal(record: object) -> WithdrawalRecord:
    names = ("slug", "lang", "reason", "by", "at")
    if not isinstance(record, dict) or not all(isinstance(record.get(k), str) for k in names):
        raise ValueError("a withdrawal is not an object of texts")
    return WithdrawalRecord(**{key: record[key] for key in names})


def _own_file(name: str, slug: str, lang: str) -> bool:
    """Whether ``name`` (relative to exports/) is a file an edition writes: its page or
    document in ``<lang>/``, or an image in ``<lang>/assets/<slug>/``. A register edited by
    hand must not make a withdrawal delete anything else (review files, drafts, the register)."""
    if "\\" in name or Path(name).is_absolute():
        return False
    parts = Path(name).parts
    if ".." in parts or "." in name.split("/") or not parts or parts[0] != lang:
        return False
    if len(parts) == 2:
        return Path(parts[1]).stem == slug and Path(parts[1]).suffix != ""
    return len(parts) == 4 and parts[1:3] == ("assets", slug)


def alternates_of(editions: Mapping[str, PublishedEdition] | Iterable[str]) -> tuple[str, ...]:
    """The sorted languages of a set of editions (as ``PublishedEdition.alternates``)."""
    return tuple(sorted(editions))
