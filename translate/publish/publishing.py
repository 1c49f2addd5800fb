"""The export run: editions that pass the gate (``translate.publish.gate``) written into
``exports/<lang>/``, with the index pages, Atom feeds, sitemap and hreflang alternates.

``publish`` keeps ``exports/`` exact: it writes the editions that pass, records each in the
register (``translate.publish.register``) with what it was made from, re-exports or withdraws
(removes, page and entries) every recorded edition whose article or translation changed since,
removes the editions of deleted articles, and rebuilds the index pages, the per-language Atom
feeds, the sitemap and the hreflang alternates from the register. Drafts (``draft=True``) go
to ``exports/drafts/<lang>/`` only: never listed, never indexed, never over a published
edition. ``dry_run`` reports what would change and writes nothing. Blocked editions are
reported with their blocking segments; ``PublishReport.raise_for_blocked`` turns them into
one ``ExportError``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from translate.errors import ExportError, TxError
from translate.models import Article, Segment
from translate.publish.edition import Edition, draft_sentences, edition
from translate.publish.gate import Blocker, GateResult, check
from translate.publish.register import (
    PublishedEdition,
    Register,
    source_fingerprint,
    translation_fingerprint,
)
from translate.publish.register import load as load_register
from translate.publish.render import FORMATS, exporter
from translate.source.articles import read_article
from translate.source.segments import segment_article
from translate.workspace import Workspace, workfiles, write_bytes

DRAFTS = "drafts"


@dataclass(frozen=True)
class Withdrawal:
    """A published edition taken down: its article and language, why, and its files."""

    slug: str
    lang: str
    reason: str
    files: tuple[Path, ...] = ()


@dataclass(frozen=True)
class PublishReport:
    """What ``publish`` wrote (or, in a dry run, would write), withdrew and held back."""

    written: tuple[Path, ...] = ()
    drafts: tuple[tuple[str, str], ...] = ()
    blocked: tuple[GateResult, ...] = field(default_factory=tuple)
    withdrawn: tuple[Withdrawal, ...] = ()
    removed: tuple[Path, ...] = ()
    dry_run: bool = False

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
    dry_run: bool = False,
) -> PublishReport:
    """Export editions of ``articles`` (slugs or paths; default all) in ``langs``.

    ``langs`` defaults to the source language and every language with a work file;
    ``formats`` to html and docx. An explicitly asked language without a work file is
    blocked, as is any edition the gate refuses. With ``draft`` the editions in ``langs`` are
    written, marked, to ``exports/drafts/<lang>/`` and nothing published is touched.
    Otherwise every recorded edition of every article is checked too (see the module's
    docstring). Articles are read, gated and written one at a time, so memory does not grow
    with their number.
    """
    fmts = tuple(dict.fromkeys(formats or FORMATS))
    renderers = {fmt: exporter(fmt) for fmt in fmts}
    named = [_article(workspace, name) for name in articles]
    wanted = tuple(dict.fromkeys(langs))
    with workspace.lock():
        if draft:
            return _drafts(workspace, named, wanted, renderers, dry_run)
        run = _Run(workspace, load_register(workspace), renderers, dry_run)
        run.publish(named, wanted)
        return run.report()


def _drafts(
    workspace: Workspace,
    named: Sequence[Article],
    wanted: tuple[str, ...],
    renderers: Mapping[str, Callable[[Edition], bytes]],
    dry_run: bool,
) -> PublishReport:
    """Every edition of ``named`` (default all) in ``wanted``, marked, in exports/drafts/."""
    written: list[Path] = []
    drafts: list[tuple[str, str]] = []
    blocked: list[GateResult] = []
    langs = wanted or tuple(sorted({lang for lang, _ in workspace.work_files()}))
    for source in named or _all_articles(workspace):
        segments = segment_article(source)
        for lang in langs:
            if lang == source.lang:
                continue
            path = workspace.work_file(source.slug, lang)
            if not path.is_file():
                if wanted:
                    hint = f"no work file; run tx translate --to {lang}"
                    missing = (Blocker("", "missing", (hint,)),)
                    blocked.append(GateResult(source.slug, lang, path, missing))
                continue
            translation = workfiles.load(path)
            marks = draft_sentences(source, translation, segments)
            folder = workspace.exports_dir / DRAFTS / lang
            item = Edition(edition(source, translation, segments), source, marks)
            item, copied = _with_assets(workspace, item, folder, dry_run)
            written.extend(copied)
            for fmt, render in renderers.items():
                target = workspace.inside(folder / f"{source.slug}.{fmt}")
                if not dry_run:
                    write_bytes(target, render(item))
                written.append(target)
            drafts.append((source.slug, lang))
    return PublishReport(tuple(written), tuple(drafts), tuple(blocked), dry_run=dry_run)


def _all_articles(workspace: Workspace) -> Iterable[Article]:
    for path in workspace.article_files():
        yield read_article(
            workspace.readable_article(path),
            default_lang=workspace.settings.source_lang,
            raw_html=workspace.settings.raw_html,
        )


@dataclass
class _Candidate:
    """One edition of an article as the run sees it: what it should become."""

    lang: str
    asked: bool  # in the languages this run was asked for
    record: PublishedEdition | None
    item: Edition | None = None
    fingerprint: str = ""
    blockers: tuple[Blocker, ...] = ()
    work_file: Path | None = None


class _Run:
    """One non-draft export: gates, writes and withdraws editions, then rebuilds the site."""

    def __init__(
        self,
        workspace: Workspace,
        register: Register,
        renderers: Mapping[str, Callable[[Edition], bytes]],
        dry_run: bool,
    ) -> None:
        self.workspace = workspace
        self.register = register
        self.renderers = renderers
        self.dry_run = dry_run
        self.before = set(register.languages())
        self.written: list[Path] = []
        self.blocked: list[GateResult] = []
        self.withdrawn: list[Withdrawal] = []
        self.removed: list[Path] = []
        self.now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()

    def publish(self, named: Sequence[Article], wanted: tuple[str, ...]) -> None:
        """Export ``named`` (or every article) in ``wanted``; check every recorded edition."""
        scope = {item.slug for item in named}
        seen: set[str] = set()
        for source in named:
            seen.add(source.slug)
            self.article(source, wanted, in_scope=True)
        for path in self.workspace.article_files():
            if scope:
                try:
                    source = read_article(
                        self.workspace.readable_article(path),
                        default_lang=self.workspace.settings.source_lang,
                        raw_html=self.workspace.settings.raw_html,
                    )
                except TxError:
                    seen.add(path.stem)  # unreadable now: its editions stay as they are
                    continue
            else:
                source = read_article(
                    self.workspace.readable_article(path),
                    default_lang=self.workspace.settings.source_lang,
                    raw_html=self.workspace.settings.raw_html,
                )
            if source.slug in seen:
                continue
            seen.add(source.slug)
            self.article(source, wanted, in_scope=not scope)
        for slug, lang in sorted(self.register.editions):
            if slug not in seen:
                self.withdraw(slug, lang, "the article was deleted")
        if self.register.changed or self.written or self.withdrawn:
            self.rebuild_site()
            if not self.dry_run:
                self.register.save()

    def report(self) -> PublishReport:
        """What the run did."""
        return PublishReport(
            written=tuple(self.written),
            blocked=tuple(self.blocked),
            withdrawn=tuple(self.withdrawn),
            removed=tuple(self.removed),
            dry_run=self.dry_run,
        )

    # ------------------------------------------------------------ one article

    def article(self, source: Article, wanted: tuple[str, ...], *, in_scope: bool) -> None:
        """Gate, write or withdraw every edition of ``source`` that is asked for or recorded."""
        slug = source.slug
        recorded = self.register.of_article(slug)
        asked: tuple[str, ...] = ()
        if in_scope:
            asked = wanted or (source.lang, *self._translated(slug))
        langs = list(dict.fromkeys([*asked, *sorted(recorded)]))
        source_print = source_fingerprint(source.path) if source.path else ""
        segments: tuple[Segment, ...] | None = None
        candidates: list[_Candidate] = []
        for lang in langs:
            candidate = _Candidate(lang, lang in asked, recorded.get(lang))
            if lang == source.lang:
                candidate.item = Edition(source, source)
            else:
                path = self.workspace.work_file(slug, lang)
                candidate.work_file = path
                if not path.is_file():
                    hint = f"no work file; run tx translate --to {lang}"
                    candidate.blockers = (Blocker("", "missing", (hint,)),)
                else:
                    translation = workfiles.load(path)
                    segments = segment_article(source) if segments is None else segments
                    candidate.blockers = check(source, translation, segments)
                    candidate.fingerprint = translation_fingerprint(translation)
                    if not candidate.blockers:
                        localized = edition(source, translation, segments)
                        candidate.item = Edition(localized, source)
            candidates.append(candidate)
        passed = [c for c in candidates if c.item is not None and not c.blockers]
        for candidate in candidates:
            if candidate.item is not None and not candidate.blockers:
                continue
            if candidate.record is not None:
                reason = "no longer passes the publishing gate"
                if any(b.state == "stale" for b in candidate.blockers):
                    reason = "the article changed since it was translated"
                elif any(b.state == "missing" and not b.segment_id for b in candidate.blockers):
                    reason = "its work file was removed"
                self.withdraw(slug, candidate.lang, reason)
            if candidate.asked:
                work_file = candidate.work_file or Path()
                self.blocked.append(GateResult(slug, candidate.lang, work_file, candidate.blockers))
        pages = sorted(c.lang for c in passed if "html" in self._formats(c) and c.item is not None)
        alternates = _alternates(self.workspace, source, pages)
        for candidate in passed:
            record = candidate.record
            current = (
                record is not None
                and record.source == source_print
                and record.translation == candidate.fingerprint
            )
            if current and not candidate.asked:
                relinked = record is not None and record.alternates != tuple(pages)
                if relinked and record is not None and "html" in record.formats:
                    self.write(candidate, source_print, alternates, pages, only_html=True)
                continue
            self.write(candidate, source_print, alternates, pages)

    def _translated(self, slug: str) -> list[str]:
        """Languages with a work file of ``slug``."""
        return [lang for lang, path in self.workspace.work_files() if path.stem == slug]

    def _formats(self, candidate: _Candidate) -> tuple[str, ...]:
        asked = tuple(self.renderers) if candidate.asked else ()
        kept = candidate.record.formats if candidate.record is not None else ()
        return tuple(dict.fromkeys([*kept, *asked]))

    def write(
        self,
        candidate: _Candidate,
        source_print: str,
        alternates: Mapping[str, str],
        pages: Sequence[str],
        *,
        only_html: bool = False,
    ) -> None:
        """Write one edition in its formats and record it."""
        assert candidate.item is not None
        base = candidate.item
        article = base.article
        folder = self.workspace.exports_dir / candidate.lang
        item = Edition(article, base.source, None, alternates)
        item, copied = _with_assets(self.workspace, item, folder, self.dry_run)
        formats = ("html",) if only_html else self._formats(candidate)
        files = [self._relative(path) for path in copied]
        for fmt in formats:
            render = self.renderers.get(fmt) or exporter(fmt)
            target = self.workspace.edition_file(article.slug, candidate.lang, fmt)
            if not self.dry_run:
                write_bytes(target, render(item))
            self.written.append(target)
            files.append(self._relative(target))
        self.written.extend(copied)
        record = candidate.record
        if only_html and record is not None:
            formats = record.formats
            files = list(dict.fromkeys([*record.files, *files]))
        elif record is not None:
            self._remove(set(record.files) - set(files))
        meta = article.meta
        self.register.put(
            PublishedEdition(
                slug=article.slug,
                lang=candidate.lang,
                source_lang=base.source.lang,
                formats=tuple(formats),
                source=source_print,
                translation=candidate.fingerprint,
                files=tuple(files),
                title=article.title,
                summary=meta.get("summary", ""),
                date=meta.get("date", ""),
                author=meta.get("author", ""),
                image=item.assets.get(meta.get("image", ""), ""),
                alternates=tuple(pages) if "html" in formats else (),
                exported=self.now,
            )
        )

    def withdraw(self, slug: str, lang: str, reason: str) -> None:
        """Take a published edition down: its files and its record."""
        record = self.register.drop(slug, lang)
        if record is None:
            return
        files = self._remove(set(record.files))
        self.withdrawn.append(Withdrawal(slug, lang, reason, files))

    def _remove(self, names: set[str]) -> tuple[Path, ...]:
        removed = []
        for name in sorted(names):
            path = self.workspace.inside(self.workspace.exports_dir / name)
            if path.is_file() or path.is_symlink():
                if not self.dry_run:
                    path.unlink()
                removed.append(path)
                _prune(path.parent, self.workspace.exports_dir)
        return tuple(removed)

    def _relative(self, path: Path) -> str:
        return path.relative_to(self.workspace.exports_dir).as_posix()

    # ------------------------------------------------------------ the site

    def rebuild_site(self) -> None:
        """Index pages, feeds and the sitemap, from the register."""
        from translate.publish.render import site

        workspace = self.workspace
        settings = workspace.settings
        langs = self.register.languages()
        files = site.files(self.register, settings.base_url, settings.source_lang)
        for name, data in files.items():
            target = workspace.inside(workspace.exports_dir / name)
            if not self.dry_run:
                write_bytes(target, data)
            self.written.append(target)
        for lang in sorted(self.before - set(langs)):
            for name in site.language_files(lang):
                path = workspace.inside(workspace.exports_dir / name)
                if path.is_file():
                    if not self.dry_run:
                        path.unlink()
                    self.removed.append(path)
                    _prune(path.parent, workspace.exports_dir)


def _prune(folder: Path, top: Path) -> None:
    """Remove ``folder`` and its parents up to ``top`` while they are empty."""
    while folder != top and folder.is_relative_to(top):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


def _alternates(workspace: Workspace, source: Article, langs: Sequence[str]) -> dict[str, str]:
    """hreflang links to the published HTML editions of ``source`` (``langs``); the
    source-language edition is the ``x-default`` when it is one of them."""
    base_url = workspace.settings.base_url
    alternates = {lang: edition_url(base_url, source.slug, lang) for lang in sorted(langs)}
    if source.lang in alternates:
        alternates["x-default"] = alternates[source.lang]
    return alternates


def _with_assets(
    workspace: Workspace, item: Edition, folder: Path, dry_run: bool
) -> tuple[Edition, list[Path]]:
    """``item`` with its images copied into ``folder``/assets/<slug>/, and the copies."""
    from translate.publish.render.assets import copy_assets

    assets, files, copied = copy_assets(workspace, item.source, folder, dry_run=dry_run)
    return (
        Edition(item.article, item.source, item.draft, item.alternates, assets, files),
        copied,
    )


def _article(workspace: Workspace, name: str) -> Article:
    """The article named by a path or a slug."""
    path = Path(name)
    candidates = [path, workspace.root / path] + [
        workspace.articles_dir / f"{name}{suffix}" for suffix in (".md", ".markdown", ".txt")
    ]
    for candidate in candidates:
        if candidate.is_file():
            candidate = workspace.readable_article(candidate)
            if candidate.absolute().parent.resolve() != workspace.articles_dir.resolve():
                raise ExportError(
                    f"{name!r} is not an article of this workspace",
                    path=candidate,
                    hint=f"copy it into {workspace.articles_dir} (only articles there are "
                    "published, and exports/ keeps only their editions)",
                )
            return read_article(
                candidate,
                default_lang=workspace.settings.source_lang,
                raw_html=workspace.settings.raw_html,
            )
    raise ExportError(
        f"no article {name!r}",
        path=workspace.articles_dir,
        hint="name an article by its path or its slug (the file name without .md)",
    )
