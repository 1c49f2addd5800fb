"""A run's work file saved under the workspace lock, merged with what another command wrote
to it since it was read; reviewed segments that left the article go to memory.tmx."""

from __future__ import annotations

from dataclasses import replace

from translate import memory
from translate.checks import seal as check_seal
from translate.models import Translation
from translate.source.segments import article_digest
from translate.translation.jobs import Job
from translate.workspace import Workspace, history, locking, workfiles


def save_job(ws: Workspace, job: Job, source_lang: str, by: str | None = None) -> None:
    """Save a job's work file under the workspace lock, merging what another command wrote
    to it since it was read; reviewed segments that left the article go to memory.tmx. The
    revision is recorded as made by ``by`` (default: the system's user) with `tx translate`."""
    items = tuple(item for item in job.items if item is not None)
    job.result.flagged = sum(1 for item in items if item.open_flags)
    ids = {segment.id for segment in job.segments}
    path = job.result.path
    translation = Translation(
        slug=job.article.slug,
        source_lang=source_lang,
        target_lang=job.target_lang,
        source_digest=article_digest(job.segments),
        segments=items,
        revision=(job.previous.revision if job.previous else 0),
        checked=check_seal.seal(job.checks_context, items),
    )
    with ws.lock():
        base = job.previous
        if locking.fingerprint(path) != job.fingerprint:
            theirs = workfiles.load(path) if path.exists() else None
            if theirs is not None:
                known = {translation.source_digest, (base or theirs).source_digest}
                if theirs.source_digest not in known:
                    job.result.conflict = (
                        "another command rewrote this work file from a different version of "
                        "the article while this run translated; nothing was overwritten: run "
                        "`tx translate` again"
                    )
                    return
                translation = workfiles.merge(base, translation, theirs)
            base = theirs
        gone = [item for item in (base.segments if base else ()) if item.id not in ids]
        replaced = {  # a reviewed sentence the article now holds a corrected version of
            item.id: new.segment.source
            for item in gone
            for new in translation.segments
            if new.previous is not None and new.previous.source == item.segment.source
        }
        job.result.retired = memory.keep_retired(ws, source_lang, job.target_lang, gone, replaced)
        # A seal alone is no reason to save (nor to count a revision a review document sees).
        if (
            base is not None
            and replace(
                translation, revision=base.revision, checked=base.checked, history=base.history
            )
            == base
        ):
            return
        translation = replace(translation, revision=(base.revision if base else 0) + 1)
        workfiles.save(path, history.record(base, translation, history.stamp("translate", by)))
        job.result.written = True
