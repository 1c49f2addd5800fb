"""Whether a work file's flags are still what the checks would say, without running them.

``tx translate`` checks every kept sentence again on each run, because a glossary change or a
new version of tx can change what is flagged. When nothing of that changed, the checks would
only give the same flags again: on an unchanged article that was most of the run (25 sentences
of the sample story: a tenth of a second, a third of the run). So when ``tx translate`` saves a
work file whose flags it computed itself, it seals them: ``checked`` in the file is a digest
of what the checks read (the glossary, the languages, tx's version, the check rules'
revision and the text of the modules that check, the installed locale data, word-form
libraries and Markdown parser) and of every segment's source, translation and flags. A later
run whose context gives the same digest over the file's segments keeps their flags as they are.

Anything else that touches the file leaves a seal that no longer matches: a reviewer's import
or a hand edit changes a translation or a flag, a merge with another command's save is not
sealed, and a different glossary gives another context. Then every sentence is checked again,
as before. Files written before seals existed have none and are checked every time until
their next save.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
from collections.abc import Sequence
from pathlib import Path

from translate import __version__
from translate.models import Glossary, TranslatedSegment

# Raise when a check changes what it flags, so that sealed work files are checked again.
CHECK_RULES_REVISION = 2
# Libraries whose data or parsing the checks read: locale data (numbers, dates), word forms,
# number words, word lists (untranslated words) and the Markdown parser that finds inline
# formatting (qa's markup check).
LIBRARIES = (
    "babel",
    "pymorphy3",
    "pymorphy3_dicts_ru",
    "pymorphy3_dicts_uk",
    "simplemma",
    "num2words",
    "wordfreq",
    "markdown_it",
    "mdit_py_plugins",
)


# tx's own code that decides the flags: every module of the packages named here, and the
# modules named here (paths in the package). An editable install (make setup) keeps
# __version__ across a `git pull`, so their text is part of the context.
CHECK_PACKAGES = ("checks", "glossary")
CHECK_FILES = ("source/markdown.py", "source/inline.py", "languages.py", "models.py")


def check_modules() -> tuple[str, ...]:
    """The paths (in the package) of every module whose code decides a flag."""
    package = Path(__file__).parents[1]
    found = [
        path.relative_to(package).as_posix()
        for name in CHECK_PACKAGES
        for path in sorted((package / name).glob("*.py"))
    ]
    return (*found, *CHECK_FILES)


def context(glossary: Glossary, target_lang: str) -> str:
    """A digest of everything the checks of a work file depend on besides its segments."""
    digest = hashlib.sha256()
    parts = (__version__, str(CHECK_RULES_REVISION), target_lang, glossary.source_lang)
    found = (*(_installed(name) for name in LIBRARIES), *(_source(m) for m in check_modules()))
    for part in (*parts, *found):
        digest.update(part.encode() + b"\0")
    digest.update(repr(glossary.terms).encode())
    return digest.hexdigest()


def _source(name: str) -> str:
    """A digest of the text of tx's module ``name`` (read, not imported)."""
    try:
        text = (Path(__file__).parents[1] / name).read_bytes()
    except OSError:
        return f"{name}:?"
    return f"{name}:{hashlib.sha256(text).hexdigest()}"


def _installed(name: str) -> str:
    """Which installation of a library this is, without importing it (importing the word-form
    libraries costs more than the checks a seal saves): its entry file's size and time, which
    an upgrade or a reinstall changes."""
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        return f"{name}:-"
    try:
        found = os.stat(spec.origin)
    except OSError:
        return f"{name}:?"
    return f"{name}:{found.st_size}:{found.st_mtime_ns}"


def seal(checks_context: str, segments: Sequence[TranslatedSegment]) -> str:
    """The seal of ``segments`` whose flags were computed in ``checks_context``."""
    digest = hashlib.sha256(checks_context.encode())
    for item in segments:
        digest.update(b"\1" + item.segment.id.encode())
        digest.update(b"\2" + item.segment.source.encode())
        digest.update(b"\3" + item.target.encode())
        for flag in item.flags:
            digest.update(b"\4" + repr((flag.code, flag.message)).encode())
    return digest.hexdigest()


def is_sealed(checks_context: str, checked: str, segments: Sequence[TranslatedSegment]) -> bool:
    """Whether ``checked`` (a work file's seal) vouches for the flags of ``segments``."""
    return bool(checked) and checked == seal(checks_context, segments)
