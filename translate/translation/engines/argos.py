"""The argos engine: Argos Translate model packages run through CTranslate2 directly.

tx uses Argos packages (see ``argos_packages``) but not ``argostranslate.translate``, which
pulls in stanza and torch and downloads sentence models at run time. Sentences arrive already
split, so the engine only tokenises them (SentencePiece or Moses plus BPE, ``tokenizers``),
translates all texts of a call together, and turns the tokens back into text. With one worker
(a GPU, or a single core) a call is one ``Translator.translate_batch``, which CTranslate2
sorts by length and splits into batches of at most ``MAX_BATCH_SIZE`` tokens.

On the CPU a model runs as several workers of one thread each (``Layout``), sharing the
weights, and tx hands them batches of equal size it plans itself: the sentences sorted by
length and cut into a multiple of the workers, so all finish together. One batch on several
threads spends much of its time synchronising small matrix products, and CTranslate2's own
batching (longest first, as many as fit a token budget) leaves the long sentences in slim
batches and one worker idle at the end. On the 2-core benchmark machine the story took 6 to
7 s on two threads, 4.5 s on one, 2.9 s as two workers with CTranslate2's batches and about
2.5 s with planned ones; the output is the same.

Decoding is argostranslate's by default (``Decoding``: beam 4, length penalty 0.2, no
sampling), so moving from argostranslate changes speed, not output; tx.toml can change it,
per language too. The device is ``auto`` (a CUDA GPU when CTranslate2 finds one), ``cpu`` or
``cuda``, with the compute type chosen for it: int8 on the CPU, int8_float16 (else float16)
on a GPU.

Each model is loaded once per process and kept in a cache keyed by package folder, version
and device; ``unload_models`` empties it. When no package translates a pair directly, texts go
through English: one batch into English, one batch out.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from translate.errors import EngineError, ModelPackageError
from translate.translation.engines.argos_packages import BPE, SENTENCEPIECE, ModelPackage, route
from translate.translation.engines.base import EngineOutput
from translate.translation.engines.catalogue import how_to_get
from translate.translation.engines.tokenizers import BPETokenizer, SentencePieceTokenizer, Tokenizer
from translate.workspace.engine_options import Decoding, EngineOptions

BEAM_SIZE = Decoding().beam_size
LENGTH_PENALTY = Decoding().length_penalty
# CTranslate2 splits a call into batches of at most this many source tokens, sorted by length.
# Measured on the seed article with a 6+6-layer model: 512 tokens keeps the working memory at
# about 60 MB where 32 sentences a batch took 170 MB, for some 15% more CPU time.
MAX_BATCH_SIZE = 512
# With several workers each batch holds about this many tokens. Measured on the story with
# two workers: 256 tokens a batch peaked at 190 MB, 192 at 162 MB (the single worker's 512
# at 164 MB) for about the same time; far smaller batches cost more CPU per sentence than a
# parallel worker wins back (64 tokens: 40% slower).
WORKER_BATCH_SIZE = 192
# More workers than this get a share of the cores each instead (a worker per core suits small
# machines; on a big one, wider workers keep batches large).
MAX_WORKERS = 4
BATCH_TYPE = "tokens"
MAX_DECODING_LENGTH = 256
# Compute types by device, preferred first (a GPU that lacks int8 kernels gets float16).
COMPUTE_TYPES = {"cpu": ("int8",), "cuda": ("int8_float16", "float16", "float32")}
CUDA_HINT = (
    'use `--device cpu` (or `auto`), or set device = "auto" in tx.toml; a GPU needs '
    "NVIDIA's driver and the CUDA 12 libraries CTranslate2 was built for"
)


@dataclass(frozen=True)
class Device:
    """Where CTranslate2 runs: ``cpu`` or ``cuda``, and the compute type used there."""

    name: str
    compute_type: str

    def describe(self) -> str:
        """``int8 on cpu``."""
        return f"{self.compute_type} on {self.name}"


def resolve_device(requested: str = "auto") -> Device:
    """The device for ``requested`` (``auto``, ``cpu`` or ``cuda``) on this machine.

    ``auto`` is CUDA when ``ctranslate2.get_cuda_device_count()`` is above 0, else the CPU;
    ``cuda`` without a CUDA GPU raises ``EngineError`` in one line.
    """
    if requested not in ("auto", "cpu", "cuda"):
        raise EngineError(
            f"unknown device '{requested}'", hint="use auto, cpu or cuda (tx.toml: device)"
        )
    if requested == "cpu":
        return Device("cpu", COMPUTE_TYPES["cpu"][0])
    import ctranslate2

    try:
        gpus = int(ctranslate2.get_cuda_device_count())
    except (RuntimeError, OSError):
        gpus = 0
    if gpus == 0:
        if requested == "cuda":
            raise EngineError(
                "device 'cuda' was asked for, but CTranslate2 finds no CUDA GPU on this machine",
                hint=CUDA_HINT,
            )
        return Device("cpu", COMPUTE_TYPES["cpu"][0])
    supported = set(ctranslate2.get_supported_compute_types("cuda"))
    compute = next((c for c in COMPUTE_TYPES["cuda"] if c in supported), "default")
    return Device("cuda", compute)


@dataclass(frozen=True)
class Layout:
    """How a model uses the processor: ``workers`` batches decoded at once, each on
    ``threads`` threads, batches of about ``batch_tokens`` source tokens."""

    workers: int
    threads: int
    batch_tokens: int

    def plan(self, lengths: Sequence[int]) -> list[list[int]]:
        """Indexes of texts of ``lengths`` tokens in batches for the workers: sorted longest
        first (little padding) and cut into a multiple of ``workers`` batches of nearly equal
        tokens, as many rounds as the tokens fill (at least one). One worker: one batch of
        everything, which CTranslate2 splits itself."""
        order = sorted(range(len(lengths)), key=lambda i: -lengths[i])
        if self.workers == 1 or len(order) <= 1:
            return [order] if order else []
        total = sum(lengths)
        rounds = max(1, round(total / (self.workers * self.batch_tokens)))
        count = min(len(order), rounds * self.workers)
        batches: list[list[int]] = []
        begin, filled = 0, 0
        for number in range(1, count + 1):
            end = begin + 1  # every batch takes at least one text
            filled += lengths[order[begin]]
            last = len(order) - (count - number)  # leave one text for each later batch
            goal = total * number / count
            # Take the next text while that brings the batches nearer their equal shares.
            while end < last and (number == count or filled + lengths[order[end]] / 2 <= goal):
                filled += lengths[order[end]]
                end += 1
            batches.append(order[begin:end])
            begin = end
        return batches


def layout(device: Device, cores: int) -> Layout:
    """The layout for ``cores`` CPU cores (a GPU runs one worker with full batches)."""
    if device.name != "cpu" or cores <= 1:
        return Layout(1, 1 if device.name == "cpu" else 0, MAX_BATCH_SIZE)
    workers = min(cores, MAX_WORKERS)
    return Layout(workers, cores // workers, WORKER_BATCH_SIZE)


@dataclass(frozen=True)
class _LoadedModel:
    translator: object  # ctranslate2.Translator
    tokenizer: Tokenizer
    layout: Layout


_MODELS: dict[tuple[Path, str, Device, int], _LoadedModel] = {}
_MODELS_LOCK = threading.Lock()
_DEVICES: dict[str, Device] = {}


def unload_models() -> None:
    """Forget every loaded model (the next translation loads it again)."""
    with _MODELS_LOCK:
        _MODELS.clear()
        _DEVICES.clear()


class ArgosEngine:
    """Neural machine translation with installed Argos model packages, fully offline.

    ``packages_dir`` overrides the packages folder (default: ``$ARGOS_PACKAGES_DIR`` or
    argostranslate's own, shared with argospm); ``options`` carries tx.toml's device and
    decoding settings (default: auto, argostranslate's decoding); ``threads`` is how many
    CPU cores a model computes with (default: every core; a cluster worker gets its share).

    Placeholders are ``ZX<n>Q`` (``ZX0Q``, ``ZX1Q``, ...). A SentencePiece model trained on
    news text splits such a token into rare single letters and a digit; NMT models learn to
    copy rare uppercase letter-digit codes (flight numbers, product codes, acronyms) verbatim
    and do not inflect, translate or transliterate them, whereas words would be translated and
    bare numbers may be reformatted. Bracketed markers such as ``[1]`` are often dropped or
    moved as citation noise. ``ZX`` starts no word in English, Spanish, French or German, so
    the token does not clash with text, and the closing ``Q`` makes the tokens prefix-free
    (``ZX1Q`` is not the start of ``ZX12Q``). Moses keeps such a token whole, so BPE packages
    see it the same way.
    """

    name = "argos"

    def __init__(
        self,
        packages_dir: Path | None = None,
        options: EngineOptions | None = None,
        threads: int = 0,
    ):
        self.packages_dir = packages_dir
        self.options = options or EngineOptions()
        self.threads = threads

    @property
    def device(self) -> Device:
        """The device models run on (resolved once per process for each setting)."""
        with _MODELS_LOCK:
            known = _DEVICES.get(self.options.device)
        if known is None:
            known = resolve_device(self.options.device)
            with _MODELS_LOCK:
                _DEVICES[self.options.device] = known
        return known

    def supports(self, source: str, target: str) -> bool:
        """Whether installed packages translate ``source`` to ``target`` (directly or via en)."""
        return bool(route(source, target, self.packages_dir))

    def model_id(self, source: str, target: str) -> str:
        """Packages and settings, as a work file records them:
        ``argos:en-es-1.0 (beam 4, length penalty 0.2, int8 on cpu)``, or
        ``argos:fr-en-1.0+en-de-1.0 (...)`` through English."""
        steps = self._route(source, target)
        packages = "+".join(f"{p.pair}-{p.version}" for p in steps)
        decoding = self.options.decoding_for(target).describe()
        return f"argos:{packages} ({decoding}, {self.device.describe()})"

    def placeholder(self, index: int) -> str:
        """The ``index``-th placeholder: ``ZX<index>Q`` (see the class docstring for why)."""
        return f"ZX{index}Q"

    def release(self) -> None:
        """Unload the models: a run into several languages holds one model at a time."""
        unload_models()

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[EngineOutput]:
        """Translate all ``texts`` in one batch per model; empty texts give ``""``.

        The score is the mean log-probability per token (``per_token``); through English it is
        the sum of both steps' scores (log probabilities add along a chain).
        """
        steps = self._route(source, target)
        outputs = [EngineOutput("", None) for _ in texts]
        todo = [i for i, text in enumerate(texts) if text.strip()]
        if not todo:
            return outputs
        decoding = self.options.decoding_for(target)
        device = self.device
        current = [texts[i].strip() for i in todo]
        scores = [0.0] * len(todo)
        for package in steps:
            translated = _translate_batch(package, current, decoding, device, self.threads)
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
                hint=how_to_get(source, target, ("argos",)),
            )
        return steps


def decoding_options(
    decoding: Decoding, longest: int, batch_tokens: int = MAX_BATCH_SIZE
) -> dict[str, object]:
    """The ``translate_batch`` options for ``decoding`` and sources of ``longest`` tokens:
    argostranslate's search (one hypothesis, no sampling) in batches of ``batch_tokens``
    tokens, output bounded to three times the longest source plus 10 (at most 256)."""
    return {
        "beam_size": decoding.beam_size,
        "length_penalty": decoding.length_penalty,
        "repetition_penalty": decoding.repetition_penalty,
        "num_hypotheses": 1,
        "sampling_topk": 1,
        "max_batch_size": batch_tokens,
        "batch_type": BATCH_TYPE,
        "max_decoding_length": min(MAX_DECODING_LENGTH, 3 * longest + 10),
        "return_scores": True,
        "replace_unknowns": True,
    }


def _translate_batch(
    package: ModelPackage, texts: list[str], decoding: Decoding, device: Device, threads: int = 0
) -> list[tuple[str, float]]:
    model = _load(package, device, threads)
    tokens = [model.tokenizer.encode(text) for text in texts]
    longest = max(len(pieces) for pieces in tokens)
    prefix = package.target_prefix
    plan = model.layout.plan([len(pieces) for pieces in tokens])
    # One worker: CTranslate2 batches the call itself. Several: each planned batch is queued
    # as it is (no rebatching) and the workers take them in turn.
    batch_tokens = model.layout.batch_tokens if len(plan) == 1 else 0
    options = decoding_options(decoding, longest, batch_tokens)
    try:
        pending = [
            model.translator.translate_batch(  # type: ignore[attr-defined]
                [tokens[i] for i in batch],
                target_prefix=[[prefix] for _ in batch] if prefix else None,
                asynchronous=True,
                **options,
            )
            for batch in plan
        ]
        results: list[Any] = [None] * len(tokens)
        for batch, futures in zip(plan, pending, strict=True):
            for index, future in zip(batch, futures, strict=True):
                results[index] = future.result()
    except (RuntimeError, ValueError) as error:
        raise EngineError(
            f"the model failed to translate: {' '.join(str(error).split())}",
            path=package.model_dir,
            hint="reinstall the package with `tx models install`",
        ) from None
    translated = []
    for result in results:
        pieces = list(result.hypotheses[0])
        if prefix and pieces and pieces[0] == prefix:
            pieces = pieces[1:]
        score = per_token(float(result.scores[0]), len(pieces) + 1, decoding.length_penalty)
        translated.append((model.tokenizer.decode(pieces), score))
    return translated


def per_token(score: float, length: int, length_penalty: float) -> float:
    """The mean log-probability per token of a hypothesis of ``length`` tokens (with its end
    of sentence) from CTranslate2's score, which is the sum divided by
    ``length ** length_penalty``."""
    return float(score * length**length_penalty / max(length, 1))


def _load(package: ModelPackage, device: Device, threads: int = 0) -> _LoadedModel:
    key = (package.path, package.version, device, threads)
    with _MODELS_LOCK:
        loaded = _MODELS.get(key)
        if loaded is not None:
            return loaded
        import ctranslate2

        plan = layout(device, threads or os.cpu_count() or 1)
        options = {"intra_threads": plan.threads} if device.name == "cpu" else {}
        try:
            translator = ctranslate2.Translator(
                str(package.model_dir),
                device=device.name,
                compute_type=device.compute_type,
                inter_threads=plan.workers,
                **options,
            )
            tokenizer = tokenizer_of(package)
        except (RuntimeError, OSError, ValueError) as error:
            raise EngineError(
                f"cannot load the {package.pair} model on {device.name}: {error}",
                path=package.path,
                hint=f"reinstall it with `tx models install {package.from_code} "
                f"{package.to_code}` or from a .argosmodel file",
            ) from None
        loaded = _LoadedModel(translator, tokenizer, plan)
        _MODELS[key] = loaded
        return loaded


def tokenizer_of(package: ModelPackage) -> Tokenizer:
    """The tokenizer of an installed package (SentencePiece, or Moses plus BPE)."""
    if package.tokenizer == SENTENCEPIECE:
        return SentencePieceTokenizer(package.sentencepiece_model)
    if package.tokenizer == BPE:
        return BPETokenizer(package.bpe_model, package.from_code, package.to_code)
    raise ModelPackageError(
        "the package has neither sentencepiece.model nor bpe.model",
        path=package.path,
        hint=f"reinstall it with `tx models install {package.from_code} {package.to_code}`",
    )
