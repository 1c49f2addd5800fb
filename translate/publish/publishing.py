"""The export: editions that pass the gate (``translate.publish.gate``) written into the site
folder (tx.toml's ``site_dir``), with the index pages, Atom feeds, sitemap and hreflang links.

``publish`` plans and writes one run (``translate.publish.run``): within the articles and
languages asked for, it writes the editions that pass and re-exports recorded editions whose
article or translation changed since, once the new version passes; an edition that no longer
passes stays online at its last good version and is reported (``kept``). It touches only the
files of the languages asked for, and takes nothing offline unless asked (``prune`` for the
editions of deleted articles; ``translate.publish.withdrawal`` for ``tx withdraw``). Drafts
(``draft=True``) go to ``exports/drafts/<lang>/`` only: never listed, never indexed, never
over a published edition. ``dry_run`` reports what would change and writes nothing.
``PublishReport.raise_for_blocked`` ends a run that held editions back: ``PartlyDone`` (exit
3) when others were published, ``ExportError`` when none was.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from translate.errors import ExportError, PartlyDone
from translate.models import Article
from translate.publish.edition import Edition, Site, draft_sentences, edition
from translate.publish.gate import Blocker, GateResult
from translate.publish.migration import migrate
from translate.publish.register import load as load_register
from translate.publish.render import FORMATS, exporter
from translate.publish.run import ExportRun, Kept
from translate.publish.withdrawal import Withdrawal
from translate.source.articles import read_article
from translate.source.segments import segment_article
from translate.workspace import Workspace, workfiles, write_bytes

DRAFTS = "drafts"


@dataclass(frozen=True)
class PublishReport:
    """What ``publish`` wrote (or, in a dry run, would write), withdrew and held back."""

    written: tuple[Path, ...] = ()
    drafts: tuple[tuple[str, str], ...] = ()
    blocked: tuple[GateResult, ...] = field(default_factory=tuple)
    withdrawn: tuple[Withdrawal, ...] = ()
    removed: tuple[Path, ...] = ()
    dry_run: bool = False
    kept: tuple[Kept, ...] = ()
    done: int = 0
    moved: tuple[str, ...] = ()

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
        """End a run that held editions back: ``PartlyDone`` (exit 3) when other editions
        asked for are published, else ``ExportError``; both list the blocked editions."""
        if not self.blocked:
            return
        message = (
            f"the publishing gate held back {len(self.blocked)} edition(s) (review the "
            "segments and resolve their flags, or export with --draft):\n" + self.describe_blocked()
        )
        raise PartlyDone(message) if self.done and not self.dry_run else ExportError(message)


def publish(
    workspace: Workspace,
    articles: Sequence[str] = (),
    langs: Sequence[str] = (),
    formats: Sequence[str] = (),
    *,
    draft: bool = False,
    dry_run: bool = False,
    prune: bool = False,
) -> PublishReport:
    """Export editions of ``articles`` (slugs or paths; default all) in ``langs``.

    ``langs`` defaults to the source language and every language with a work file or a
    published edition; ``formats`` to html and docx. An explicitly asked language without a
    work file is blocked, as is any edition the gate refuses (a published one stays online).
    With ``draft`` the editions in ``langs`` are written, marked, to ``exports/drafts/<lang>/``
    and nothing published is touched. ``prune`` withdraws the editions of deleted articles.
    Every edition is read and gated before anything is written (see ``ExportRun``).
    """
    fmts = tuple(dict.fromkeys(formats or FORMATS))
    renderers = {fmt: exporter(fmt) for fmt in fmts}
    named = [_article(workspace, name) for name in articles]
    wanted = tuple(dict.fromkeys(langs))
    with workspace.lock():
        if draft:
            return _drafts(workspace, named, wanted, renderers, dry_run)
        moved = migrate(workspace, dry_run)
        run = ExportRun(
            workspace, load_register(workspace), renderers, dry_run=dry_run, prune=prune
        )
        run.plan(named or list(_all_articles(workspace)), wanted, everything=not named)
        run.apply()
        return PublishReport(
            written=tuple(run.written),
            blocked=tuple(run.blocked),
            withdrawn=tuple(run.withdrawn),
            removed=tuple(run.removed),
            dry_run=dry_run,
            kept=tuple(run.kept),
            done=run.done,
            moved=moved,
        )


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
            item = replace(item, site=Site.of(workspace.settings))
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


def _with_assets(
    workspace: Workspace, item: Edition, folder: Path, dry_run: bool
) -> tuple[Edition, list[Path]]:
    """``item`` with its images copied into ``folder``/assets/<slug>/, and the copies."""
    from translate.publish.render.assets import copy_assets

    assets, files, copied = copy_assets(workspace, item.source, folder, dry_run=dry_run)
    return replace(item, assets=assets, files=files), copied


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
