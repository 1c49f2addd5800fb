"""Where every article stands: per language, segments by review state and by flag."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from translate import languages
from translate.confidence import segment_band
from translate.errors import TxError
from translate.models import Article, State
from translate.publish.register import PublishedEdition
from translate.source.digests import article_facts
from translate.workspace import Workspace, workfiles

if TYPE_CHECKING:
    from translate.publish.gate import FlagCheck


@dataclass(frozen=True)
class StatusRow:
    """One article in one language. ``stale`` when the article changed since translation;
    ``missing`` when a configured target language has no work file yet."""

    slug: str
    lang: str
    total: int
    source_lang: str = ""
    states: Counter[State] = field(default_factory=Counter)
    flags: Counter[str] = field(default_factory=Counter)
    waived: Counter[str] = field(default_factory=Counter)
    confidence: Counter[str] = field(default_factory=Counter)  # band to count (unreviewed)
    untranslated: int = 0  # segments with no translation yet (a language people translate)
    stale: bool = False
    missing: bool = False
    error: str = ""  # the article or work file cannot be read: why (the message of a TxError)

    @property
    def publishable(self) -> bool:
        """Every segment reviewed or final, no open flag, translation up to date."""
        return (
            not self.error
            and not self.missing
            and not self.stale
            and not self.flags
            and not self.untranslated
            and sum(n for s, n in self.states.items() if s.is_human) == self.total
        )


def workspace_status(ws: Workspace) -> list[StatusRow]:
    """A row per article and language: every work file, plus configured languages without one.

    An article or work file that cannot be read gets a row with its ``error`` (slug from the
    file name; language empty for an article) and the others are reported as usual.
    """
    rows: list[StatusRow] = []
    digests: dict[str, tuple[str, int]] = {}
    articles: dict[str, Path] = {}
    source_langs: dict[str, str] = {}
    paths = ws.article_files()
    for path, facts in zip(paths, article_facts(ws, paths), strict=True):
        if isinstance(facts, TxError):
            rows.append(StatusRow(slug=path.stem, lang="", total=0, error=str(facts)))
            continue
        digests[facts.slug] = (facts.digest, facts.segments)
        articles[facts.slug] = path
        source_langs[facts.slug] = facts.lang
    seen: set[tuple[str, str]] = set()
    for lang, path in ws.work_files():
        try:
            translation = workfiles.load(path)
        except TxError as error:
            seen.add((path.stem, lang))
            rows.append(StatusRow(slug=path.stem, lang=lang, total=0, error=str(error)))
            continue
        slug = translation.slug
        seen.add((slug, lang))
        digest = digests.get(slug, ("", 0))[0]
        rows.append(
            StatusRow(
                slug=slug,
                lang=lang,
                total=len(translation.segments),
                source_lang=translation.source_lang,
                states=Counter(item.state for item in translation.segments),
                flags=Counter(f.code for item in translation.segments for f in item.open_flags),
                waived=Counter(
                    w.code for item in translation.segments for w in item.active_waivers
                ),
                confidence=Counter(
                    band for band in map(segment_band, translation.segments) if band is not None
                ),
                stale=digest != translation.source_digest,
                untranslated=sum(1 for item in translation.segments if not item.target.strip()),
            )
        )
    for slug, (_, total) in digests.items():
        source = source_langs[slug]
        for lang in ws.settings.target_langs:
            if (slug, lang) not in seen and languages.base(lang) != languages.base(source):
                rows.append(StatusRow(slug, lang, total, source_lang=source, missing=True))
    rows.sort(key=lambda row: (row.slug, row.lang))
    return rows


def narrowed(
    rows: list[StatusRow],
    articles: set[str] | None = None,
    langs: set[str] | None = None,
    *,
    stale: bool = False,
) -> list[StatusRow]:
    """The rows of ``articles`` (slugs) in ``langs`` (``None``: all); with ``stale``, only the
    translations whose article changed since. A row that cannot be read is always kept."""
    return [
        row
        for row in rows
        if (articles is None or row.slug in articles)
        and (langs is None or row.lang in langs or not row.lang)
        and (not stale or row.stale or bool(row.error))
    ]


def as_json(row: StatusRow) -> dict[str, object]:
    """A row as JSON-ready values, for ``tx status --json``."""
    return {
        "article": row.slug,
        "source_lang": row.source_lang,
        "lang": row.lang,
        "total": row.total,
        "states": {state.value: row.states.get(state, 0) for state in State},
        "flags": dict(sorted(row.flags.items())),
        "waived": dict(sorted(row.waived.items())),
        "confidence": dict(sorted(row.confidence.items())),
        "stale": row.stale,
        "missing": row.missing,
        "publishable": row.publishable,
        "error": row.error,
    }


def confidence_summary(bands: Counter[str]) -> str:
    """``high 3, medium 1, no score 2``: the machine sentences no reviewer confirmed, by band."""
    from translate.confidence import BANDS, NO_SCORE

    return ", ".join(f"{band} {bands[band]}" for band in (*BANDS, NO_SCORE) if bands[band])


@dataclass(frozen=True)
class StaleEdition:
    """A published edition that is online but behind its article or translation, and why."""

    slug: str
    lang: str
    reason: str


def stale_editions(ws: Workspace) -> list[StaleEdition]:
    """The published editions (``translate.publish.register``) that are online but behind:
    their article or translation changed since they were exported (and whether the new
    version passes the gate), their article or work file is gone, or their page links
    another set of language editions than the article has online. Each stays online at its
    last good version until ``tx export`` replaces it or a person withdraws it."""
    from translate.publish.register import load

    register = load(ws)
    if not register.editions:  # nothing published: the gate and the articles are not needed
        return []
    from translate.publish.gate import FlagCheck
    from translate.source.articles import read_article

    flags = FlagCheck(ws)
    files: dict[str, Path] = {}
    articles: dict[str, Article] = {}
    for path in ws.article_files():
        try:
            article = read_article(ws.readable_article(path), default_lang=ws.settings.source_lang)
        except TxError:
            files.setdefault(path.stem, path)
            continue
        files[article.slug] = path
        articles[article.slug] = article
    found = []
    for (slug, lang), item in sorted(register.editions.items()):
        reason = _behind(ws, item, files.get(slug), articles.get(slug), flags)
        if not reason and item.page and item.alternates != tuple(register.pages(slug)):
            reason = f"its language links are out of date (tx export --lang {lang} updates them)"
        if reason:
            found.append(StaleEdition(slug, lang, reason))
    return found


def _behind(
    ws: Workspace,
    item: PublishedEdition,
    path: Path | None,
    article: Article | None,
    flags: FlagCheck,
) -> str:
    """Why the published ``item`` is behind (empty when it is current); ``flags`` are the
    gate's checks (see ``translate.publish.gate.FlagCheck``)."""
    from translate.publish.gate import check
    from translate.publish.register import source_fingerprint, translation_fingerprint
    from translate.publish.run import gate_summary, kept_reason

    again = f"tx export --lang {item.lang} republishes it"
    if path is None:
        return "the article was deleted (tx export --prune or tx withdraw takes it down)"
    changed = source_fingerprint(path) != item.source
    if item.lang == item.source_lang:
        return f"the article changed since it was exported ({again})" if changed else ""
    work_file = ws.work_file(item.slug, item.lang)
    if not work_file.is_file():
        return "its work file was removed"
    try:
        translation = workfiles.load(work_file)
    except TxError:
        return "its work file cannot be read (tx status lists why)"
    current = not changed and translation_fingerprint(translation) == item.translation
    what = "the article changed since it was exported" if changed else "the translation changed"
    if article is None:
        return "" if current else f"{what}; the article cannot be read"
    blockers = check(article, translation, flags=flags)
    if blockers and current:
        return f"it no longer passes the publishing gate: {gate_summary(blockers)}"
    if blockers:
        if any(b.state == "stale" for b in blockers):
            return f"{what}; its translation is behind it (run tx translate, then review)"
        return f"{what}; {kept_reason(blockers)}"
    return "" if current else f"{what} ({again})"
