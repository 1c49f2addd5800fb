"""Publishing: the gate that decides which editions may be exported, and the export run.

By default an edition is exported only when every segment of its article is reviewed or final
and no flag is open on any of them; a work file made from an older version of the article is
stale and blocks too. ``publish`` writes the editions that pass (or every edition, marked as a
draft, with ``draft=True``), then the index pages, and reports the blocked editions with their
blocking segments; ``PublishReport.raise_for_blocked`` turns them into one ``ExportError``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from translate import workfiles
from translate.articles import read_article
from translate.edition import Edition, draft_sentences, edition
from translate.errors import ExportError, TxError
from translate.export import FORMATS, exporter
from translate.export.index import IndexEntry, editions_index, language_index
from translate.models import Article, Segment, Translation
from translate.segments import article_digest, segment_article
from translate.workspace import Workspace, write_bytes

STALE = "article changed since translation; run tx translate"
DRAFT_MARK = b'<meta name="robots" content="noindex">'


@dataclass(frozen=True)
class Blocker:
    """A segment that keeps an edition from being published, and why."""

    segment_id: str
    state: str
    messages: tuple[str, ...]
    source: str = ""

    def __str__(self) -> str:
        where = f"segment {self.segment_id}" if self.segment_id else "work file"
        text = f"{where} ({self.state}): {'; '.join(self.messages)}"
        if self.source:
            excerpt = self.source if len(self.source) <= 60 else self.source[:59] + "…"
            text += f' "{excerpt}"'
        return text


@dataclass(frozen=True)
class GateResult:
    """The gate's verdict on one article in one language."""

    slug: str
    lang: str
    work_file: Path
    blockers: tuple[Blocker, ...]

    @property
    def passed(self) -> bool:
        """Whether the edition may be published."""
        return not self.blockers


@dataclass(frozen=True)
class PublishReport:
    """What ``publish`` wrote and which editions the gate held back."""

    written: tuple[Path, ...] = ()
    drafts: tuple[tuple[str, str], ...] = ()
    blocked: tuple[GateResult, ...] = field(default_factory=tuple)

    def describe_blocked(self) -> str:
        """The blocked editions, one line per article and language then one per segment."""
        lines = []
        for result in self.blocked:
            lines.append(
                f"{result.lang}/{result.slug} ({result.work_file}): "
                f"{len(result.blockers)} blocking segment(s)"
            )
            lines.extend(f"  {blocker}" for blocker in result.blockers)
        return "\n".join(lines)

    def raise_for_blocked(self) -> None:
        """Raise an ``ExportError`` listing the blocked editions, if there are any."""
        if self.blocked:
            raise ExportError(
                f"the publishing gate held back {len(self.blocked)} edition(s) (review the "
                "segments and resolve their flags, or export with --draft):\n"
                + self.describe_blocked()
            )


def check(
    article: Article, translation: Translation, segments: Sequence[Segment] | None = None
) -> tuple[Blocker, ...]:
    """The segments that keep ``translation`` of ``article`` from being published.

    ``segments`` are ``segment_article(article)`` if the caller has them already.
    """
    segments = segment_article(article) if segments is None else segments
    if translation.source_digest != article_digest(segments):
        return (Blocker("", "stale", (STALE,)),)
    by_id = {item.id: item for item in translation.segments}
    blockers = []
    for segment in segments:
        item = by_id.get(segment.id)
        if item is None:
            blockers.append(
                Blocker(segment.id, "missing", ("not in the work file",), segment.source)
            )
            continue
        messages = [flag.message for flag in item.open_flags]
        if not item.state.is_human:
            messages.insert(0, "not reviewed")
        if messages:
            blockers.append(Blocker(segment.id, item.state.value, tuple(messages), segment.source))
    return tuple(blockers)


def edition_url(base_url: str, slug: str, lang: str) -> str:
    """The published address of an HTML edition."""
    return f"{base_url.rstrip('/')}/{lang}/{slug}.html"


def publish(
    workspace: Workspace,
    articles: Sequence[str] = (),
    langs: Sequence[str] = (),
    formats: Sequence[str] = (),
    *,
    draft: bool = False,
) -> PublishReport:
    """Export editions of ``articles`` (slugs or paths; default all) in ``langs``.

    ``langs`` defaults to every language with a work file; ``formats`` to html and docx. An
    explicitly asked language without a work file is blocked, as is any edition the gate
    refuses unless ``draft`` is true. The source language exports the source article.
    Articles are read, gated and written one at a time, so memory does not grow with their
    number: only what the index pages list is kept.
    """
    fmts = tuple(dict.fromkeys(formats or FORMATS))
    renderers = {fmt: exporter(fmt) for fmt in fmts}
    named = [_article(workspace, name) for name in articles]
    sources: Iterable[Article] = named or (
        read_article(workspace.readable_article(path), default_lang=workspace.settings.source_lang)
        for path in workspace.article_files()
    )
    wanted = tuple(dict.fromkeys(langs)) or tuple(
        sorted({lang for lang, _ in workspace.work_files()})
    )
    with workspace.lock():
        return _publish(workspace, sources, wanted, bool(langs), renderers, draft)


def _publish(
    workspace: Workspace,
    sources: Iterable[Article],
    wanted: tuple[str, ...],
    asked: bool,
    renderers: Mapping[str, Callable[[Edition], bytes]],
    draft: bool,
) -> PublishReport:
    fmts = tuple(renderers)
    blocked: list[GateResult] = []
    drafts: list[tuple[str, str]] = []
    written: list[Path] = []
    listed: dict[tuple[str, str], IndexEntry] = {}
    for source in sources:
        editions = _editions(workspace, source, wanted, asked, draft, blocked)
        drafts.extend((source.slug, item.lang) for item in editions if item.draft is not None)
        alternates = _alternates(workspace, source, editions if "html" in fmts else [])
        for item in editions:
            item = Edition(item.article, item.source, item.draft, alternates)
            for fmt, render in renderers.items():
                target = workspace.edition_file(item.article.slug, item.lang, fmt)
                write_bytes(target, render(item))
                written.append(target)
            listed[(item.lang, item.article.slug)] = _entry(item)
    if "html" in fmts and listed:
        written.extend(_write_indexes(workspace, {lang for lang, _ in listed}, listed))
    return PublishReport(tuple(written), tuple(drafts), tuple(blocked))


def _editions(
    workspace: Workspace,
    source: Article,
    wanted: Sequence[str],
    asked: bool,
    draft: bool,
    blocked: list[GateResult],
) -> list[Edition]:
    """The editions of ``source`` in ``wanted`` that pass the gate; the others go to ``blocked``.

    ``asked`` says the languages were named, so a missing work file blocks its edition.
    """
    editions: list[Edition] = []
    segments: tuple[Segment, ...] | None = None
    for lang in wanted:
        path = workspace.work_file(source.slug, lang)
        if lang == source.lang:
            editions.append(Edition(source, source))
            continue
        if not path.is_file():
            if asked:
                hint = f"no work file; run tx translate --to {lang}"
                missing = Blocker("", "missing", (hint,))
                blocked.append(GateResult(source.slug, lang, path, (missing,)))
            continue
        translation = workfiles.load(path)
        segments = segment_article(source) if segments is None else segments
        blockers = check(source, translation, segments)
        if blockers and not draft:
            blocked.append(GateResult(source.slug, lang, path, blockers))
            continue
        marks = draft_sentences(source, translation, segments) if draft else None
        editions.append(Edition(edition(source, translation, segments), source, marks))
    return editions


def _article(workspace: Workspace, name: str) -> Article:
    """The article named by a path or a slug."""
    path = Path(name)
    candidates = [path, workspace.root / path] + [
        workspace.articles_dir / f"{name}{suffix}" for suffix in (".md", ".markdown", ".txt")
    ]
    for candidate in candidates:
        if candidate.is_file():
            candidate = workspace.readable_article(candidate)
            return read_article(candidate, default_lang=workspace.settings.source_lang)
    raise ExportError(
        f"no article {name!r}",
        path=workspace.articles_dir,
        hint="name an article by its path or its slug (the file name without .md)",
    )


def _alternates(
    workspace: Workspace, source: Article, editions: Sequence[Edition]
) -> dict[str, str]:
    """hreflang links to every HTML edition of ``source`` (``editions`` and the ones on disk)."""
    slug = source.slug
    base_url = workspace.settings.base_url
    langs = {source.lang}
    langs.update(item.lang for item in editions)
    if workspace.exports_dir.is_dir():
        langs.update(
            folder.name
            for folder in workspace.exports_dir.iterdir()
            if (folder / f"{slug}.html").is_file() and folder.name != "review"
        )
    alternates = {lang: edition_url(base_url, slug, lang) for lang in sorted(langs)}
    alternates["x-default"] = edition_url(base_url, slug, source.lang)
    return alternates


def _entry(item: Edition) -> IndexEntry:
    """What an index page lists of an edition."""
    meta = item.article.meta
    slug = item.article.slug
    return IndexEntry(
        slug=slug,
        title=item.article.title,
        href=f"{slug}.html",
        date=meta.get("date", ""),
        summary=meta.get("summary", ""),
        draft=item.draft is not None,
    )


def _write_indexes(
    workspace: Workspace, langs: set[str], listed: Mapping[tuple[str, str], IndexEntry]
) -> list[Path]:
    """Index pages of ``langs`` (every HTML edition in their folders) and the top index.

    ``listed`` holds the entries of the editions this run wrote; an HTML file an earlier run
    wrote is listed from its article and work file.
    """
    written = []
    for lang in sorted(langs):
        folder = workspace.exports_dir / lang
        entries = []
        for page in sorted(folder.glob("*.html")):
            if page.name == "index.html":
                continue
            entry = listed.get((lang, page.stem))
            if entry is None:
                entry = _existing_entry(workspace, lang, page)
            if entry is not None:
                entries.append(entry)
        target = folder / "index.html"
        write_bytes(target, language_index(lang, entries))
        written.append(target)
    all_langs = sorted(
        folder.name
        for folder in workspace.exports_dir.iterdir()
        if (folder / "index.html").is_file() and folder.name != "review"
    )
    target = workspace.exports_dir / "index.html"
    write_bytes(target, editions_index(all_langs, workspace.settings.source_lang))
    written.append(target)
    return written


def _existing_entry(workspace: Workspace, lang: str, page: Path) -> IndexEntry | None:
    """The index entry of an HTML file written by an earlier run, from its edition."""
    item = _existing_edition(workspace, lang, page.stem)
    if item is None:
        return None
    return replace(_entry(item), href=page.name, draft=DRAFT_MARK in page.read_bytes())


def _existing_edition(workspace: Workspace, lang: str, slug: str) -> Edition | None:
    """The edition behind an HTML file written by an earlier run, for the index page."""
    try:
        source = _article(workspace, slug)
    except TxError:
        return None
    if lang == source.lang:
        return Edition(source, source)
    path = workspace.work_file(slug, lang)
    if not path.is_file():
        return None
    return Edition(edition(source, workfiles.load(path)), source)
