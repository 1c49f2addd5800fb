"""One export run over the published site: plan everything, then write, then record.

The run first reads and gates every edition in its scope (the articles and languages asked
for; every article and language by default) and decides what becomes of each: written (new,
or a new version that passes the gate), kept online at its last good version (it no longer
passes: a flag, an unreviewed sentence, a stale work file; or its article was deleted), or
left alone (out of scope, or current). Nothing is written until every edition is checked, so
an error in one work file changes nothing. Then the planned editions are written, and the
register and the site files (index pages, feeds, sitemap) of what changed are rebuilt, also
when a write fails half-way, so the register always describes the site folder.

An edition is only ever taken offline by a person: ``tx withdraw``, or ``tx export --prune``
for the editions of deleted articles (``translate.publish.withdrawal``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from translate.models import Article, Segment
from translate.publish.edition import Edition, Site, edition
from translate.publish.gate import Blocker, FlagCheck, GateResult, check
from translate.publish.register import (
    PublishedEdition,
    Register,
    source_fingerprint,
    translation_fingerprint,
)
from translate.publish.render import exporter
from translate.publish.site_update import rebuild_site
from translate.publish.withdrawal import Withdrawal, remove_files, take_down
from translate.source.segments import article_digest, segment_article
from translate.workspace import Workspace, workfiles, write_bytes

DELETED = "the article was deleted"


@dataclass(frozen=True)
class Kept:
    """An edition left online at its last good version, and why it was not replaced."""

    slug: str
    lang: str
    reason: str


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


@dataclass(frozen=True)
class _Write:
    """An edition the run will write: what, in which formats, linking which languages."""

    candidate: _Candidate
    item: Edition
    source_print: str
    content: str
    pages: tuple[str, ...]
    only_html: bool


def gate_summary(blockers: Sequence[Blocker]) -> str:
    """The first blocking segment and how many more."""
    first = str(blockers[0]) if blockers else ""
    return first + (f" and {len(blockers) - 1} more" if len(blockers) > 1 else "")


def kept_reason(blockers: Sequence[Blocker]) -> str:
    """Why an edition that no longer passes the gate is kept at its last good version."""
    if any(b.state == "stale" for b in blockers):
        return "the article changed since it was translated (run tx translate, then review)"
    if any(b.state == "missing" and not b.segment_id for b in blockers):
        return "its work file was removed"
    return f"held back by the publishing gate: {gate_summary(blockers)}"


class ExportRun:
    """One non-draft export (see the module docstring). ``relink_only`` rewrites nothing but
    the language links of current pages (after a withdrawal)."""

    def __init__(
        self,
        workspace: Workspace,
        register: Register,
        renderers: Mapping[str, Callable[[Edition], bytes]],
        *,
        dry_run: bool = False,
        prune: bool = False,
        relink_only: bool = False,
    ) -> None:
        self.workspace = workspace
        self.register = register
        self.renderers = renderers
        self.dry_run = dry_run
        self.prune = prune
        self.relink_only = relink_only
        self.flags = FlagCheck(workspace)
        self.before = set(register.languages())
        self.planned: list[_Write] = []
        self.to_withdraw: list[tuple[str, str]] = []
        self.written: list[Path] = []
        self.removed: list[Path] = []
        self.blocked: list[GateResult] = []
        self.kept: list[Kept] = []
        self.withdrawn: list[Withdrawal] = []
        self.done = 0  # asked editions that are online and current once the run is over
        self.touched: set[str] = set()  # languages whose editions change
        self.now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()

    # ------------------------------------------------------------ planning

    def plan(
        self,
        articles: Sequence[Article],
        wanted: tuple[str, ...],
        *,
        everything: bool,
    ) -> None:
        """Gate every edition of ``articles`` in ``wanted`` (default: every language it has);
        with ``everything`` (no article named) also the recorded editions of deleted ones."""
        seen = set()
        for source in articles:
            seen.add(source.slug)
            self.article(source, wanted)
        if not everything:
            return
        for slug, lang in sorted(self.register.editions):
            if slug in seen or (wanted and lang not in wanted):
                continue
            if self.prune:
                self.to_withdraw.append((slug, lang))
            else:
                hint = "tx export --prune or tx withdraw takes it down"
                self.kept.append(Kept(slug, lang, f"{DELETED} ({hint})"))

    def article(self, source: Article, wanted: tuple[str, ...]) -> None:
        """Gate every edition of ``source`` in scope and plan what becomes of it."""
        slug = source.slug
        recorded = self.register.of_article(slug)
        asked = wanted or (source.lang, *self._translated(slug))
        langs = list(dict.fromkeys([*asked, *([] if wanted else sorted(recorded))]))
        segments = segment_article(source)
        candidates = [self._candidate(source, segments, lang, lang in asked) for lang in langs]
        candidates = [c for c in candidates if c.asked or c.record is not None]
        passed = [c for c in candidates if c.item is not None]
        for candidate in candidates:
            if candidate.item is not None:
                continue
            if candidate.record is not None:
                self.kept.append(Kept(slug, candidate.lang, kept_reason(candidate.blockers)))
            if candidate.asked:
                path = candidate.work_file or Path()
                self.blocked.append(GateResult(slug, candidate.lang, path, candidate.blockers))
        online = {lang for lang, item in recorded.items() if item.page}
        pages = tuple(sorted(online | {c.lang for c in passed if "html" in self._formats(c)}))
        source_print = source_fingerprint(source.path) if source.path else ""
        content = article_digest(segments)
        for candidate in passed:
            record = candidate.record
            current = (
                record is not None
                and record.source == source_print
                and record.translation == candidate.fingerprint
            )
            self.done += candidate.asked
            complete = record is not None and set(self._formats(candidate)) <= set(record.formats)
            if current and (complete or self.relink_only):  # online as it should be
                if record is not None and "html" in record.formats and record.alternates != pages:
                    self._plan(candidate, source_print, content, pages, only_html=True)
                continue
            if not self.relink_only:
                self._plan(candidate, source_print, content, pages, only_html=False)

    def _candidate(
        self, source: Article, segments: tuple[Segment, ...], lang: str, asked: bool
    ) -> _Candidate:
        candidate = _Candidate(lang, asked, self.register.get(source.slug, lang))
        if lang == source.lang:
            candidate.item = Edition(source, source)
            return candidate
        path = self.workspace.work_file(source.slug, lang)
        candidate.work_file = path
        if not path.is_file():
            hint = f"no work file; run tx translate --to {lang}"
            candidate.blockers = (Blocker("", "missing", (hint,)),)
            return candidate
        translation = workfiles.load(path)
        candidate.blockers = check(source, translation, segments, flags=self.flags)
        candidate.fingerprint = translation_fingerprint(translation)
        if not candidate.blockers:
            candidate.item = Edition(edition(source, translation, segments), source)
        return candidate

    def _plan(
        self,
        candidate: _Candidate,
        source_print: str,
        content: str,
        pages: tuple[str, ...],
        *,
        only_html: bool,
    ) -> None:
        from translate.publish.render.assets import copy_assets

        assert candidate.item is not None
        item = candidate.item
        folder = self.workspace.site_dir / candidate.lang
        copy_assets(self.workspace, item.source, folder, dry_run=True)  # checked now
        self.planned.append(_Write(candidate, item, source_print, content, pages, only_html))
        self.touched.add(candidate.lang)

    def _translated(self, slug: str) -> list[str]:
        """Languages with a work file of ``slug``."""
        return [lang for lang, path in self.workspace.work_files() if path.stem == slug]

    def _formats(self, candidate: _Candidate) -> tuple[str, ...]:
        asked = tuple(self.renderers) if candidate.asked else ()
        kept = candidate.record.formats if candidate.record is not None else ()
        return tuple(dict.fromkeys([*kept, *asked]))

    # ------------------------------------------------------------ writing

    def apply(self) -> None:
        """Write what was planned, withdraw what was asked, then rebuild and record the
        site (also when a write fails half-way)."""
        try:
            for slug, lang in self.to_withdraw:
                files = take_down(self.workspace, self.register, slug, lang, self.dry_run)
                self.withdrawn.append(Withdrawal(slug, lang, DELETED, files))
                self.touched.add(lang)
            for write in self.planned:
                self.write(write)
        finally:
            if self.register.changed:
                written, removed = rebuild_site(
                    self.workspace, self.register, self.before, self.touched, self.dry_run
                )
                self.written += written
                self.removed += removed
                if not self.dry_run:
                    self.register.save()

    def write(self, plan: _Write) -> None:
        """Write one edition in its formats and record it."""
        from translate.publish.render.assets import copy_assets

        candidate, record = plan.candidate, plan.candidate.record
        base = plan.item
        article = base.article
        changed = record is None or (record.source, record.translation) != (
            plan.source_print,
            candidate.fingerprint,
        )
        published = (record.published or record.exported) if record is not None else self.now
        modified = self.now if changed or record is None else record.modified or published
        corrected = record.corrected if record is not None else ""
        if record is not None and record.content and record.content != plan.content:
            corrected = self.now[:10]
        item = replace(
            base,
            alternates=_alternates(self.workspace, base.source, plan.pages),
            published=published,
            modified=modified,
            corrected=corrected,
            site=Site.of(self.workspace.settings),
        )
        folder = self.workspace.site_dir / candidate.lang
        assets, files_of, copied = copy_assets(
            self.workspace, base.source, folder, dry_run=self.dry_run
        )
        item = replace(item, assets=assets, files=files_of)
        formats = ("html",) if plan.only_html else self._formats(candidate)
        files = [self._relative(path) for path in copied]
        for fmt in formats:
            render = self.renderers.get(fmt) or exporter(fmt)
            target = self.workspace.edition_file(article.slug, candidate.lang, fmt)
            data = render(item)
            if not self.dry_run:
                write_bytes(target, data)
            self.written.append(target)
            files.append(self._relative(target))
        self.written.extend(copied)
        if plan.only_html and record is not None:
            formats = record.formats
            files = list(dict.fromkeys([*record.files, *files]))
        elif record is not None:
            gone = set(record.files) - set(files)
            self.removed += remove_files(self.workspace, gone, self.dry_run)
        meta = article.meta
        self.register.put(
            PublishedEdition(
                slug=article.slug,
                lang=candidate.lang,
                source_lang=base.source.lang,
                formats=tuple(formats),
                source=plan.source_print,
                translation=candidate.fingerprint,
                files=tuple(files),
                title=article.title,
                summary=meta.get("summary", ""),
                date=meta.get("date", ""),
                author=meta.get("author", ""),
                image=item.assets.get(meta.get("image", ""), ""),
                alternates=plan.pages if "html" in formats else (),
                exported=self.now,
                content=plan.content,
                published=published,
                modified=modified,
                corrected=corrected,
            )
        )

    def _relative(self, path: Path) -> str:
        return path.relative_to(self.workspace.site_dir).as_posix()


def edition_url(base_url: str, slug: str, lang: str) -> str:
    """The published address of an HTML edition."""
    return f"{base_url.rstrip('/')}/{lang}/{slug}.html"


def _alternates(workspace: Workspace, source: Article, langs: Sequence[str]) -> dict[str, str]:
    """hreflang links to the published HTML editions of ``source`` (``langs``); the
    source-language edition is the ``x-default`` when it is one of them."""
    base_url = workspace.settings.base_url
    alternates = {lang: edition_url(base_url, source.slug, lang) for lang in sorted(langs)}
    if source.lang in alternates:
        alternates["x-default"] = alternates[source.lang]
    return alternates
