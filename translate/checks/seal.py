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

The seal is keyed: the context digests a secret the workspace keeps outside its work files
(``.tx/seal.key``, 32 random bytes made at the first sealed save, readable by its owner only),
and the seal is an HMAC of the segments under that context. A seal recomputed by hand, or
with these functions without the key, does not verify, so a flag deleted from a work file is
found again by ``tx translate`` and by the publishing gate (``translate.publish.gate``), which
re-run the checks for every work file whose seal does not verify. Without a key (a fresh
clone) nothing verifies and everything is checked.

Anything else that touches the file leaves a seal that no longer matches: a reviewer's import
or a hand edit changes a translation or a flag, a merge with another command's save is not
sealed, and a different glossary gives another context. Then every sentence is checked again,
as before. Files written before seals existed have none and are checked every time until
their next save.
"""

from __future__ import annotations

import hashlib
import hmac
import importlib.util
import os
import re
from collections.abc import Sequence
from pathlib import Path

from translate import __version__
from translate.models import Glossary, TranslatedSegment
from translate.workspace import Workspace
from translate.workspace.limits import open_regular
from translate.workspace.locking import STATE_DIR

KEY_NAME = "seal.key"
_KEY = re.compile("[0-9a-f]{64}")
_KEY_BYTES = 4096  # a key file larger than this holds no key

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
CHECK_FILES = (
    "source/markdown.py",
    "source/inline.py",
    "languages.py",
    "models.py",
    "workspace/limits.py",
)


def check_modules() -> tuple[str, ...]:
    """The paths (in the package) of every module whose code decides a flag."""
    package = Path(__file__).parents[1]
    found = [
        path.relative_to(package).as_posix()
        for name in CHECK_PACKAGES
        for path in sorted((package / name).glob("*.py"))
    ]
    return (*found, *CHECK_FILES)


def workspace_key(ws: Workspace, *, create: bool = False) -> bytes:
    """The workspace's sealing key (``.tx/seal.key``): b"" when there is none (or it is not
    a key), unless ``create`` makes one. Made with O_EXCL, so two commands agree on one."""
    path = ws.root / STATE_DIR / KEY_NAME
    for _ in range(2):
        try:
            if path.is_symlink():
                return b""  # a key is never taken from elsewhere
            with open_regular(path) as handle:  # a FIFO is refused, never waited on
                data = handle.read(_KEY_BYTES + 1)
            text = "" if len(data) > _KEY_BYTES else data.decode("ascii").strip()
        except FileNotFoundError:
            if not create:
                return b""
            path.parent.mkdir(parents=True, exist_ok=True)
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                continue  # another command made it meanwhile: read that one
            import secrets  # a key is made once per workspace

            with os.fdopen(fd, "w", encoding="ascii") as handle:
                handle.write(secrets.token_hex(32) + "\n")
            continue
        except (OSError, UnicodeDecodeError):
            return b""
        return bytes.fromhex(text) if _KEY.fullmatch(text) else b""
    return b""


def context(glossary: Glossary, target_lang: str, key: bytes) -> str:
    """A digest of everything the checks of a work file depend on besides its segments, and
    of the workspace's key (``workspace_key``); with no key, no seal ever verifies."""
    if not key:
        return ""
    digest = hashlib.sha256(key)
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
    """The seal of ``segments`` whose flags were computed in ``checks_context`` (an HMAC
    keyed by the context, which digests the workspace's key); '' without a context."""
    if not checks_context:
        return ""
    digest = hmac.new(checks_context.encode(), digestmod=hashlib.sha256)
    for item in segments:
        digest.update(b"\1" + item.segment.id.encode())
        digest.update(b"\2" + item.segment.source.encode())
        digest.update(b"\3" + item.target.encode())
        for flag in item.flags:
            digest.update(b"\4" + repr((flag.code, flag.message)).encode())
    return digest.hexdigest()


def is_sealed(checks_context: str, checked: str, segments: Sequence[TranslatedSegment]) -> bool:
    """Whether ``checked`` (a work file's seal) vouches for the flags of ``segments``."""
    return bool(checked and checks_context) and hmac.compare_digest(
        checked, seal(checks_context, segments)
    )
