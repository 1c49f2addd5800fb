"""The apertium engine: Debian's rule-based translator, a kept-warm pipeline or one process
per batch.

All texts of a call go to a single ``apertium -f html-noent <mode>`` process. Each text
becomes one HTML paragraph with a numbered id, ``<p id="tx0">...</p>``; apertium's HTML
deformatter keeps tags out of translation and treats a block tag as a sentence end, so words
never move from one paragraph to the next, and the ids let the output be checked: exactly one
paragraph per input, in order, with nothing outside them. ``&``, ``<`` and ``>`` in a text are
written as entities (and read back), so a text containing markup survives as text; ``~``, which
apertium's HTML deformatter drops, travels as a private-use character, and a character apertium
cannot carry (a lone surrogate, which has no UTF-8, and U+FFFF, which its readers take for the
end of the input) as a numeric character reference, which apertium keeps as formatting and puts
back in its place, untranslated. Apertium marks a word it
does not know with ``*`` and copies it as written ("El *guarantor los estados"): the marked
words are reported with the output (``EngineOutput.unknown``, which the checks flag as
untranslated for the reviewer), and the marks removed, as is any ``#``/``@`` mark at the start
of a word (unless the source itself used that character). Runs of whitespace become one space.

With ``apertium_keep_alive`` above 0 (tx.toml; 300 seconds by default), the batch goes to a
server that keeps the mode's pipeline loaded (``apertium_server``, reached through
``apertium_client``): the same stages, byte for byte the same output, without loading the
dictionaries for every run. Whenever that road fails, the batch takes the one below.

If apertium fails or returns the wrong number of paragraphs, the batch is split in halves and
each half translated again (never one process per sentence); a single text that still fails
raises ``EngineError`` with apertium's stderr.

Placeholders are 7-digit numbers, ``7770001``, ``7770002``, ... Measured on apertium-eng-spa
0.8.1 with 59 sentences (the seed article with names, terms and dates masked, plus sentence
start, after a preposition, ``X's``, before a noun, in quotes, adjacent, before punctuation):

====================  ==============  ================  ===========  =============
candidate             copied exactly  split or dropped  unknown (*)  X's -> de X
====================  ==============  ================  ===========  =============
``7770001``           104/104         0                 0            4/8
``TX0TERM`` ``Xq0``   104/104         0                 103          0/8
``ZX0Q`` (argos)      104/104         0                 103          0/8
``[0]``               104/104         0                 0            0/8 ("[0] es")
``__0__`` ``⟦0⟧``     100/104         4                 0            0/8
====================  ==============  ================  ===========  =============

Apertium analyses a digit run as a number (a noun phrase it never inflects or marks unknown),
so "the X's plan" becomes "el plan del 7770001" and "the X proposal" agrees as "la 7770001
propuesta". Letter tokens are unknown words: apertium capitalises the word after one at a
sentence start ("TX0TERM Dijo") and drops a following "'s"; "[0]'s" becomes "[0] es";
bracketed tokens are torn apart by the genitive rule ("decisión__ del __0"). The fixed width
keeps tokens prefix-free. Masking turns every number of the text into a placeholder, so a real
number cannot be mistaken for one. Known limits: "X's" without an article loses its "'s" (only
"the X's" becomes "del X"), and "the X" is always "el X" / "al X" / "del X", whatever the
gender of the term the token stands for.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

from translate.errors import EngineError
from translate.translation.engines.base import EngineOutput
from translate.translation.engines.catalogue import ISO3, how_to_get

TIMEOUT_SECONDS = 600.0
MODES_DIR = Path("/usr/share/apertium/modes")

# ISO 639-1 codes to the ISO 639-3 codes apertium's pair names use (eng-spa, spa-cat, ...).

_TILDE = "~"
_TILDE_STAND_IN = "\ue07e"  # apertium's HTML deformatter drops "~"; this it copies
# Characters apertium cannot carry as text: lone surrogates (no UTF-8 encoding), U+FFFF
# (lttoolbox's end of input: the rest of the batch is lost) and the tilde's stand-in itself
# (it would come back as a tilde). They travel as references.
_UNCARRIED = re.compile("[\ud800-\udfff\uffff\ue07e]")
_CARRIED = re.compile("&#x(D[89A-F][0-9A-F]{2}|FFFF|E07E);")
_BLOCK = re.compile(r'<p id="tx(\d+)">(.*?)</p>', re.DOTALL)
_MARK = re.compile(r"(?<![^\W_])[*#@](?=[^\W_])")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+(?=[.,;:!?](?:\s|$))")


class ApertiumEngine:
    """Rule-based translation with Debian's apertium and an installed pair (``eng-spa``).

    ``binary`` is the apertium command; ``timeout`` bounds one process, in seconds.
    ``keep_alive`` above 0 sends batches to the mode's kept-warm pipeline (``apertium_client``)
    and keeps it that many seconds after the last; 0 starts apertium for every batch.
    """

    name = "apertium"

    def __init__(
        self,
        binary: str = "apertium",
        *,
        timeout: float = TIMEOUT_SECONDS,
        keep_alive: float = 0.0,
    ) -> None:
        self.binary = binary
        self.timeout = timeout
        self.keep_alive = keep_alive
        self._modes: frozenset[str] | None = None

    def installed_modes(self) -> frozenset[str]:
        """The translation directions apertium lists here (``eng-spa``, ``spa-eng``, ...)."""
        if self._modes is None:
            self._modes = frozenset(self._list_modes())
        return self._modes

    def _list_modes(self) -> list[str]:
        path = shutil.which(self.binary)
        if path is None:
            return []
        # Debian's pairs install their modes here; reading the folder saves a process.
        installed = sorted(mode.stem for mode in MODES_DIR.glob("*.mode"))
        if installed:
            return installed
        try:
            listed = subprocess.run(
                [path, "-l"], capture_output=True, text=True, timeout=60, check=True
            )
        except (OSError, subprocess.SubprocessError):
            return sorted(mode.stem for mode in MODES_DIR.glob("*.mode"))
        return [line.strip() for line in listed.stdout.splitlines() if line.strip()]

    def mode(self, source: str, target: str) -> str | None:
        """The installed apertium mode translating ``source`` to ``target``, if any."""
        modes = self.installed_modes()
        for candidate in _mode_names(source, target):
            if candidate in modes:
                return candidate
        return None

    def supports(self, source: str, target: str) -> bool:
        """Whether the apertium binary and the pair's mode are installed."""
        return self.mode(source, target) is not None

    def model_id(self, source: str, target: str) -> str:
        """``apertium:eng-spa``: the engine and the mode used."""
        mode = self.mode(source, target) or _mode_names(source, target)[0]
        return f"apertium:{mode}"

    def placeholder(self, index: int) -> str:
        """The ``index``-th placeholder: ``7770001`` for 0 (see the module docstring)."""
        return str(7770001 + index)

    def release(self) -> None:
        """Nothing to free: a kept-warm pipeline ends by itself when idle."""

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[EngineOutput]:
        """Translate all ``texts`` with one apertium process; empty texts give ``""``."""
        mode = self.mode(source, target)
        if mode is None:
            raise EngineError(
                f"apertium cannot translate {source} to {target} here (installed directions: "
                f"{', '.join(sorted(self.installed_modes())) or 'none'})",
                hint=how_to_get(source, target, ("apertium",)),
            )
        outputs = [EngineOutput("") for _ in texts]
        todo = [i for i, text in enumerate(texts) if text.strip()]
        if not todo:
            return outputs
        batch = [texts[i] for i in todo]
        translated = self._kept_warm(batch, mode) or self._translate_halving(batch, mode)
        for i, text in zip(todo, translated, strict=True):
            outputs[i] = EngineOutput(tidy(text, texts[i]), unknown=unknown_words(text, texts[i]))
        return outputs

    def _kept_warm(self, texts: list[str], mode: str) -> list[str] | None:
        """``texts`` through the mode's kept-warm pipeline; ``None`` when that road fails
        (the caller then runs apertium itself)."""
        if self.keep_alive <= 0 or self.binary != "apertium":  # the server runs Debian's
            return None
        from translate.translation.engines import apertium_client

        output = apertium_client.translate(encode_batch(texts), mode, self.keep_alive, self.timeout)
        if output is None:
            return None
        try:
            return decode_batch(output, len(texts))
        except _BatchError:
            return None

    def _translate_halving(self, texts: list[str], mode: str) -> list[str]:
        """One process for ``texts``; if that fails, each half again (recursively)."""
        try:
            return self._run(texts, mode)
        except _BatchError as error:
            if len(texts) == 1:
                raise EngineError(
                    f"apertium ({mode}) failed on the text {texts[0][:80]!r}: {error}",
                    hint="check that the pair is installed and works: "
                    f"`echo 'Hello world.' | apertium -u {mode}`",
                ) from None
        middle = len(texts) // 2
        return self._translate_halving(texts[:middle], mode) + self._translate_halving(
            texts[middle:], mode
        )

    def _run(self, texts: list[str], mode: str) -> list[str]:
        command = [self.binary, "-f", "html-noent", mode]
        try:
            done = subprocess.run(
                command,
                input=encode_batch(texts),
                capture_output=True,
                text=True,
                encoding="utf-8",
                timeout=self.timeout,
            )
        except FileNotFoundError:
            raise EngineError(
                f"the apertium command '{self.binary}' is not installed",
                hint=f"`apt-get install apertium apertium-{mode}`",
            ) from None
        except subprocess.TimeoutExpired:
            raise EngineError(
                f"apertium ({mode}) took longer than {self.timeout:.0f}s for {len(texts)} texts",
                hint="translate fewer segments at a time",
            ) from None
        if done.returncode != 0:
            raise _BatchError(f"exit status {done.returncode}: {done.stderr.strip()[-500:]}")
        return decode_batch(done.stdout, len(texts))


class _BatchError(Exception):
    """One apertium run failed or returned output that does not match its input."""


def _mode_names(source: str, target: str) -> list[str]:
    """Apertium pair names to look for, preferred first: ``eng-spa``, then ``en-es``."""
    names = [f"{_apertium_code(source)}-{_apertium_code(target)}", f"{source}-{target}"]
    return list(dict.fromkeys(names))


def _apertium_code(lang: str) -> str:
    base = lang.replace("_", "-").split("-")[0].lower()
    return ISO3.get(base, base)


def encode_batch(texts: Sequence[str]) -> str:
    """The apertium input for ``texts``: one numbered HTML paragraph per text, escaped."""
    return "".join(f'<p id="tx{i}">{_escape(text)}</p>\n' for i, text in enumerate(texts))


def decode_batch(output: str, count: int) -> list[str]:
    """The ``count`` texts of apertium's output for ``encode_batch``, unescaped.

    Raises ``_BatchError`` unless the output is exactly paragraphs ``tx0`` to ``tx<count-1>``
    in order, with no stray text between them and no tag inside them.
    """
    blocks = list(_BLOCK.finditer(output))
    ids = [int(block.group(1)) for block in blocks]
    if ids != list(range(count)):
        raise _BatchError(f"expected {count} paragraphs, got {len(ids)}")
    leftover = _BLOCK.sub("", output)
    if leftover.strip():
        raise _BatchError(f"unexpected text between paragraphs: {leftover.strip()[:80]!r}")
    texts = [block.group(2) for block in blocks]
    if any("<" in text or ">" in text for text in texts):
        raise _BatchError("markup moved into a paragraph")
    return [_unescape(text) for text in texts]


def _escape(text: str) -> str:
    text = " ".join(text.split())
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    escaped = _UNCARRIED.sub(lambda found: f"&#x{ord(found.group()):X};", escaped)
    return escaped.replace(_TILDE, _TILDE_STAND_IN)


def _unescape(text: str) -> str:
    """A paragraph of apertium's output as text: tildes back from their stand-in, then the
    references ``_escape`` wrote for the characters apertium cannot carry (``html.unescape``
    would drop or replace them), then the rest."""
    text = text.replace(_TILDE_STAND_IN, _TILDE)
    text = _CARRIED.sub(lambda found: chr(int(found.group(1), 16)), text)
    return html.unescape(text)


_UNKNOWN = re.compile(r"(?<![^\W_])\*([^\W\d_][\w'’-]*)")


def unknown_words(output: str, source: str) -> tuple[str, ...]:
    """The words apertium marked as unknown (``*word``) in ``output``, once each, in order;
    none when the source itself writes ``*`` (the marks cannot be told from its own)."""
    if "*" in source:
        return ()
    return tuple(dict.fromkeys(_UNKNOWN.findall(output)))


def tidy(output: str, source: str) -> str:
    """``output`` with apertium's marks removed and its whitespace tidied.

    A ``*``, ``#`` or ``@`` at the start of a word is removed unless ``source`` contains that
    character; runs of whitespace become one space; a space apertium left before ``.,;:!?``
    is removed unless the source has such spaces (as French typography does).
    """
    text = _MARK.sub(lambda mark: mark.group() if mark.group() in source else "", output)
    text = " ".join(text.split())
    if not _SPACE_BEFORE_PUNCT.search(" ".join(source.split())):
        text = _SPACE_BEFORE_PUNCT.sub("", text)
    return text
