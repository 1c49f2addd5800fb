"""Whether a work file is behind its article, before it goes out to a reviewer.

A review document or XLIFF file made from a work file whose article changed since it was
translated would give a person the old sentences to work on. Both exports refuse it (run
``tx translate`` first: for a language people translate it only brings the work file in
step) unless asked for a stale one, which then says so at the top.
"""

from __future__ import annotations

from pathlib import Path

from translate.errors import TxError
from translate.models import ORIGIN_HUMAN, Translation
from translate.source.articles import read_article
from translate.source.segments import article_digest, segment_article
from translate.workspace import Workspace


def behind(ws: Workspace, translation: Translation) -> bool:
    """Whether the article changed since ``translation`` was made from it (False when the
    article is gone or cannot be read: nothing newer to bring in)."""
    try:
        path = ws.find_article(translation.slug)
        article = read_article(
            path, default_lang=ws.settings.source_lang, raw_html=ws.settings.raw_html
        )
    except TxError:
        return False
    return article_digest(segment_article(article)) != translation.source_digest


def stale_warning(
    ws: Workspace,
    translation: Translation,
    work_file: Path,
    error: type[TxError],
    *,
    stale: bool,
) -> str:
    """'' for a work file in step with its article; for one behind it, the warning a stale
    export carries at its top when ``stale``, else ``error`` saying what to run."""
    if not behind(ws, translation):
        return ""
    slug, lang = translation.slug, translation.target_lang
    command = f"tx translate {slug} --to {lang}"
    by_hand = any(item.origin == ORIGIN_HUMAN for item in translation.segments)
    if by_hand and not ws.settings.is_human(lang):
        command += " --engine none"
    if not stale:
        raise error(
            f"the work file is behind its article: articles/{slug} changed since it was "
            "translated, so the export would hold the old sentences",
            path=work_file,
            hint=f"run `{command}` first, which for a language people translate only brings "
            "the work file in step; or pass --stale to export it as it is",
        )
    return (
        f"STALE: exported from a work file that is behind its article (articles/{slug} "
        "changed since it was translated); sentences may be missing or out of date. Run "
        "tx translate on this article and export again before working on it."
    )
