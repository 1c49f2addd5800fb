"""The argos engine: Argos Translate model packages run through CTranslate2 directly.

tx uses Argos packages (see ``argos_packages``) but not ``argostranslate.translate``, which
pulls in stanza and torch and downloads sentence models at run time. Sentences arrive already
split, so the engine only tokenises with the package's SentencePiece model, translates all texts
of a call in one ``Translator.translate_batch`` (CTranslate2 splits it into batches of
``MAX_BATCH_SIZE``), and decodes the pieces back to text.

Each model is loaded once per process (int8 on the CPU, one thread per core) and kept in a
cache keyed by package folder and version; ``unload_models`` empties it. When no package
translates a pair directly, texts go through English: one batch into English, one batch out.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from translate.engines import EngineOutput
from translate.engines.argos_packages import ModelPackage, route
from translate.errors import EngineError

BEAM_SIZE = 2
# CTranslate2 splits a call into batches of at most this many source tokens, sorted by length.
# Measured on the seed article with a 6+6-layer model: 512 tokens keeps the working memory at
# about 60 MB where 32 sentences a batch took 170 MB, for some 15% more CPU time.
MAX_BATCH_SIZE = 512
BATCH_TYPE = "tokens"
MAX_DECODING_LENGTH = 256


@dataclass(frozen=True)
class _LoadedModel:
    translator: Any  # ctranslate2.Translator
    tokenizer: Any  # sentencepiece.SentencePieceProcessor


_MODELS: dict[tuple[Path, str], _LoadedModel] = {}
_MODELS_LOCK = threading.Lock()


def unload_models() -> None:
    """Forget every loaded model (the next translation loads it again)."""
    with _MODELS_LOCK:
        _MODELS.clear()


class ArgosEngine:
    """Neural machine translation with installed Argos model packages, fully offline.

    ``packages_dir`` overrides the packages folder (default: ``$ARGOS_PACKAGES_DIR`` or
    argostranslate's own, shared with argospm).

    Placeholders are ``ZX<n>Q`` (``ZX0Q``, ``ZX1Q``, ...). A SentencePiece model trained on
    news text splits such a token into rare single letters and a digit; NMT models learn to
    copy rare uppercase letter-digit codes (flight numbers, product codes, acronyms) verbatim
    and do not inflect, translate or transliterate them, whereas words would be translated and
    bare numbers may be reformatted. Bracketed markers such as ``[1]`` are often dropped or
    moved as citation noise. ``ZX`` starts no word in English, Spanish, French or German, so
    the token does not clash with text, and the closing ``Q`` makes the tokens prefix-free
    (``ZX1Q`` is not the start of ``ZX12Q``).
    """

    name = "argos"

    def __init__(self, packages_dir: Path | None = None) -> None:
        self.packages_dir = packages_dir

    def supports(self, source: str, target: str) -> bool:
        """Whether installed packages translate ``source`` to ``target`` (directly or via en)."""
        return bool(route(source, target, self.packages_dir))

    def model_id(self, source: str, target: str) -> str:
        """``argos:en-es-1.0``, or ``argos:fr-en-1.0+en-de-1.0`` through English."""
        steps = self._route(source, target)
        return "argos:" + "+".join(f"{p.pair}-{p.version}" for p in steps)

    def placeholder(self, index: int) -> str:
        """The ``index``-th placeholder: ``ZX<index>Q`` (see the class docstring for why)."""
        return f"ZX{index}Q"

    def release(self) -> None:
        """Unload the models: a run into several languages holds one model at a time."""
        unload_models()

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[EngineOutput]:
        """Translate all ``texts`` in one batch per model; empty texts give ``""``.

        Through English the score is the sum of both steps' scores (log probabilities add
        along a chain).
        """
        steps = self._route(source, target)
        outputs = [EngineOutput("", None) for _ in texts]
        todo = [i for i, text in enumerate(texts) if text.strip()]
        if not todo:
            return outputs
        current = [texts[i].strip() for i in todo]
        scores = [0.0] * len(todo)
        for package in steps:
            translated = _translate_batch(package, current)
            current = [text for text, _ in translated]
            scores = [total + score for total, (_, score) in zip(scores, translated, strict=True)]
        for i, text, score in zip(todo, current, scores, strict=True):
            outputs[i] = EngineOutput(text, score)
        return outputs

    def _route(self, source: str, target: str) -> list[ModelPackage]:
        steps = route(source, target, self.packages_dir)
        if not steps:
            raise EngineError(
                f"no Argos model package translates {source} to {target} "
                f"(directly or through English)",
                hint=f"install one with `tx models install {source} {target}` or, offline, "
                "`tx models install FILE.argosmodel`; see `tx models list`",
            )
        return steps


def _translate_batch(package: ModelPackage, texts: list[str]) -> list[tuple[str, float]]:
    model = _load(package)
    tokens = [model.tokenizer.encode(text, out_type=str) for text in texts]
    longest = max(len(pieces) for pieces in tokens)
    prefix = package.target_prefix
    try:
        results = model.translator.translate_batch(
            tokens,
            target_prefix=[[prefix] for _ in tokens] if prefix else None,
            beam_size=BEAM_SIZE,
            max_batch_size=MAX_BATCH_SIZE,
            batch_type=BATCH_TYPE,
            max_decoding_length=min(MAX_DECODING_LENGTH, 3 * longest + 10),
            return_scores=True,
            replace_unknowns=True,
        )
    except (RuntimeError, ValueError) as error:
        raise EngineError(
            f"the model failed to translate: {error}",
            path=package.model_dir,
            hint="reinstall the package with `tx models install`",
        ) from None
    translated = []
    for result in results:
        pieces = list(result.hypotheses[0])
        if prefix and pieces and pieces[0] == prefix:
            pieces = pieces[1:]
        text = model.tokenizer.decode_pieces(pieces).strip()
        translated.append((text, float(result.scores[0])))
    return translated


def _load(package: ModelPackage) -> _LoadedModel:
    key = (package.path, package.version)
    with _MODELS_LOCK:
        loaded = _MODELS.get(key)
        if loaded is not None:
            return loaded
        import ctranslate2
        import sentencepiece

        try:
            translator = ctranslate2.Translator(
                str(package.model_dir),
                device="cpu",
                compute_type="int8",
                inter_threads=1,
                intra_threads=os.cpu_count() or 0,
            )
            tokenizer = sentencepiece.SentencePieceProcessor(
                model_file=str(package.sentencepiece_model)
            )
        except (RuntimeError, OSError, ValueError) as error:
            raise EngineError(
                f"cannot load the {package.pair} model: {error}",
                path=package.path,
                hint=f"reinstall it with `tx models install {package.from_code} "
                f"{package.to_code}` or from a .argosmodel file",
            ) from None
        loaded = _LoadedModel(translator, tokenizer)
        _MODELS[key] = loaded
        return loaded
