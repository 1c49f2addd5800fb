"""Errors that tx reports to its users.

Every error names the file it is about (and the line or segment where known) and says how to
fix the problem. The CLI prints ``str(error)`` on one line and exits with status 1; any other
exception escaping the library is a bug.
"""

from __future__ import annotations

from pathlib import Path

# Exit statuses of every command (the README's table): 0 everything asked was done; 1 an
# error, nothing changed; 2 a usage error (click's); 3 done in part, what was not done listed.
EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_PARTIAL = 3


class TxError(Exception):
    """Base class of every error a user can cause and fix. ``exit_code`` is the command's
    exit status when it ends on this error; ``label`` starts its line."""

    exit_code = EXIT_ERROR
    label = "error"

    def __init__(
        self,
        message: str,
        *,
        path: Path | str | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        self.hint = hint
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line is not None else f"{self.path}: "
        text = f"{where}{self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


class WorkspaceError(TxError):
    """The workspace or its tx.toml is missing or invalid."""


class LanguageError(TxError):
    """A language code is not a BCP 47 tag of a known language."""


class ArticleError(TxError):
    """An article cannot be read: not UTF-8, empty, binary, bad front matter."""


class GlossaryError(TxError):
    """A glossary file has a malformed row or cannot be read."""


class EngineError(TxError):
    """A translation engine is missing, misconfigured or failed."""


class ClusterError(TxError):
    """The Ray cluster that runs the models cannot be used: Ray missing, the cluster
    unreachable, no worker started, or the cluster lost during a run (which then stops)."""


class ModelPackageError(TxError):
    """An Argos model package is invalid or cannot be installed."""


class WorkFileError(TxError):
    """A work file under translations/ is corrupt or of another article."""


class ReviewError(TxError):
    """A review document cannot be imported."""


class StaleReviewError(ReviewError):
    """A review document was asked of a work file that is behind its article."""


class ReviewInUseError(ReviewError):
    """A review document a reviewer may be working on would be overwritten."""


class ExportError(TxError):
    """An edition cannot be exported (for example the publishing gate is closed)."""


class MemoryFileError(TxError):
    """A translation memory file (TMX) cannot be imported, exported or read."""


class XliffError(TxError):
    """An XLIFF file cannot be written or read."""


class BilingualError(TxError):
    """A bilingual file given to `tx check` cannot be read."""


class UsageError(TxError):
    """An option or argument has a value tx does not accept; the CLI exits with status 2, as
    for any other usage error."""

    exit_code = EXIT_USAGE


class PartlyDone(TxError):
    """A command did part of what was asked and lists the rest (rows skipped, languages
    pending, editions held back by the publishing gate): exit status 3."""

    exit_code = EXIT_PARTIAL
    label = "not done"


class HistoryError(TxError):
    """A revision asked of a work file's history is not recorded there."""
