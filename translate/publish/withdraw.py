"""Taking editions offline: only a person does it (``tx withdraw``, or ``tx export --prune``
for the editions of deleted articles), and the register keeps who, when and why.

``withdraw`` removes an edition's files (page, document, images) and its record, rebuilds the
index and feed of its language, the top index and the sitemap, and relinks the article's
other current pages so none links to the withdrawn one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from translate.errors import ExportError
from translate.publish.register import WithdrawalRecord
from translate.publish.register import load as load_register
from translate.publish.render import FORMATS, exporter
from translate.publish.run import ExportRun
from translate.publish.withdrawal import Withdrawal, take_down
from translate.source.articles import read_article
from translate.workspace import SLUG_HINT, Workspace, is_slug
from translate.workspace.history import stamp


@dataclass(frozen=True)
class WithdrawReport:
    """What ``withdraw`` took down, and the files it rewrote or removed around it."""

    withdrawn: tuple[Withdrawal, ...]
    written: tuple[Path, ...]
    removed: tuple[Path, ...]
    by: str
    at: str


def withdraw(
    workspace: Workspace,
    slug: str,
    langs: Sequence[str],
    reason: str,
    *,
    by: str = "",
    dry_run: bool = False,
) -> WithdrawReport:
    """Take the editions of ``slug`` in ``langs`` offline, recording ``reason``, who (``by``,
    default the OS user) and when. ``ExportError`` when one of them is not published or the
    reason is empty; then nothing changes."""
    if not is_slug(slug):
        raise ExportError(f"'{slug}' is not an article slug", hint=SLUG_HINT)
    reason = " ".join(reason.split())
    if not reason or not reason.isprintable():
        raise ExportError(
            "a withdrawal needs a reason", hint='say why with --reason "...", in one line'
        )
    if not by.isprintable():
        raise ExportError("--by must be a name in one line of text", hint="e.g. --by 'Ana Ruiz'")
    made = stamp("tx withdraw", " ".join(by.split()))  # who and when, as work files record
    who, at = made.by, made.date
    with workspace.lock():
        register = load_register(workspace)
        missing = [lang for lang in langs if register.get(slug, lang) is None]
        if missing or not langs:
            online = ", ".join(sorted(register.of_article(slug))) or "none"
            raise ExportError(
                f"{slug} is not published in {', '.join(missing) or 'any language given'}",
                path=register.path,
                hint=f"its published editions: {online}; tx status lists every edition",
            )
        run = ExportRun(workspace, register, {f: exporter(f) for f in FORMATS}, dry_run=dry_run)
        run.before = set(register.languages())
        withdrawn = []
        for lang in langs:
            files = take_down(workspace, register, slug, lang, dry_run)
            withdrawn.append(Withdrawal(slug, lang, reason, files))
            register.note_withdrawal(WithdrawalRecord(slug, lang, reason, who, at))
            run.touched.add(lang)
        run.relink_only = True
        path = next((p for p in workspace.article_files() if p.stem == slug), None)
        if path is not None and register.of_article(slug):
            source = read_article(
                workspace.readable_article(path),
                default_lang=workspace.settings.source_lang,
                raw_html=workspace.settings.raw_html,
            )
            if source.slug == slug:
                run.article(source, ())
        run.apply()
    return WithdrawReport(tuple(withdrawn), tuple(run.written), tuple(run.removed), who, at)
