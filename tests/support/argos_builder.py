"""Build format-correct Argos Translate model packages (``.argosmodel``) for tests.

Argos language models cannot be downloaded here, so the test suite (and the benchmark) builds
its own: a SentencePiece model trained on a small corpus (the seed article plus generated
sentences) and a CTranslate2 Transformer whose weights are seeded random numbers, written
through CTranslate2's Python spec API with int8 quantization. The package has the layout
``argostranslate.package`` expects: one top-level folder holding ``metadata.json``, ``model/``
(``model.bin``, ``config.json``, ``shared_vocabulary.json``) and ``sentencepiece.model``.

The model translates nothing meaningfully, but it is a real model: real tokenisation, real
beam search, real scores, the same file formats and code paths as a downloaded package.
Everything is seeded from the language pair, so two builds give byte-identical packages.
"""

from __future__ import annotations

import io
import json
import random
import tempfile
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

SEED_ARTICLE = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "000_f9c8f4929e86b7bc.txt"

LANGUAGE_NAMES = {
    "en": "English",
    "es": "Spanish",
    "fr": "French",
    "de": "German",
    "it": "Italian",
    "pt": "Portuguese",
    "ca": "Catalan",
}

_ZIP_TIME = (2024, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class ModelSize:
    """Shape of the generated Transformer and its vocabulary."""

    layers: int
    d_model: int
    heads: int
    ffn: int
    vocab: int
    generated_sentences: int


SIZES = {
    "tiny": ModelSize(layers=2, d_model=64, heads=4, ffn=128, vocab=500, generated_sentences=300),
    "realistic": ModelSize(
        layers=6, d_model=512, heads=8, ffn=2048, vocab=8000, generated_sentences=12000
    ),
}

_SUBJECTS = ("The minister", "A spokesman", "The president", "Our reporter", "The committee")
_VERBS = ("said", "announced", "denied", "confirmed", "reported", "warned")
_OBJECTS = (
    "that talks would resume",
    "the new security guarantees",
    "a ceasefire on Monday",
    "the draft agreement",
    "sanctions against the regime",
)
_SYLLABLES = tuple(
    c + v for c in "bcdfghklmnprstvwz" for v in ("a", "e", "i", "o", "u", "ai", "ou", "er")
)


def build_argos_package(
    dest: Path,
    from_code: str = "en",
    to_code: str = "es",
    *,
    size: str = "tiny",
    corpus: Sequence[str] | None = None,
    target_prefix: str = "",
    version: str = "1.0",
) -> Path:
    """Build ``dest/translate-<from>_<to>-<version>.argosmodel`` and return its path.

    ``size`` is ``tiny`` (2+2 layers, d_model 64, vocabulary about 500: builds in about a
    second) or ``realistic`` (6+6 layers, d_model 512, 8 heads, ffn 2048, vocabulary 8000: the
    shape of a real Argos model, for benchmarks). ``corpus`` replaces the SentencePiece
    training text (default: the seed article plus generated sentences). ``target_prefix``, when
    given, is written to metadata.json and added to the vocabulary, as multilingual Argos
    packages do.
    """
    try:
        shape = SIZES[size]
    except KeyError:
        raise ValueError(f"unknown size {size!r}; use one of {', '.join(SIZES)}") from None
    seed = zlib.crc32(f"{from_code}-{to_code}-{size}-{version}".encode())
    lines = list(corpus) if corpus is not None else _default_corpus(shape, seed)
    folder_name = f"translate-{from_code}_{to_code}-{version.replace('.', '_')}"
    dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / folder_name
        folder.mkdir()
        pieces = _train_sentencepiece(folder / "sentencepiece.model", lines, shape, target_prefix)
        _write_model(folder / "model", pieces, shape, seed)
        metadata = {
            "package_version": version,
            "argos_version": "1.9.0",
            "from_code": from_code,
            "from_name": LANGUAGE_NAMES.get(from_code, from_code),
            "to_code": to_code,
            "to_name": LANGUAGE_NAMES.get(to_code, to_code),
            "type": "translate",
            "links": [],
        }
        if target_prefix:
            metadata["target_prefix"] = target_prefix
        (folder / "metadata.json").write_text(json.dumps(metadata, indent=2), encoding="utf-8")
        (folder / "README.md").write_text(
            f"Test model {from_code}->{to_code}, random weights, built by tests/support.\n",
            encoding="utf-8",
        )
        target = dest / f"{folder_name}.argosmodel"
        _zip_folder(folder, target)
    return target


def _default_corpus(shape: ModelSize, seed: int) -> list[str]:
    rng = random.Random(seed)
    lines = [line.strip() for line in SEED_ARTICLE.read_text(encoding="utf-8").splitlines()]
    lines = [line for line in lines if line]
    words = sorted(
        {"".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(9000)}
    )
    for number in range(shape.generated_sentences):
        made_up = " ".join(rng.choice(words) for _ in range(rng.randint(3, 9)))
        lines.append(
            f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)} "
            f"in {made_up.capitalize()} on day {number % 31 + 1}."
        )
    return lines


def _train_sentencepiece(
    path: Path, lines: list[str], shape: ModelSize, target_prefix: str
) -> list[str]:
    import sentencepiece as spm

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_writer=model,
        vocab_size=shape.vocab,
        model_type="unigram",
        hard_vocab_limit=False,
        character_coverage=1.0,
        num_threads=1,
        shuffle_input_sentence=False,
        user_defined_symbols=[target_prefix] if target_prefix else [],
        minloglevel=2,
    )
    path.write_bytes(model.getvalue())
    processor = spm.SentencePieceProcessor(model_proto=model.getvalue())
    return [processor.id_to_piece(i) for i in range(processor.get_piece_size())]


def _write_model(folder: Path, vocabulary: list[str], shape: ModelSize, seed: int) -> None:
    import numpy as np
    from ctranslate2.specs import transformer_spec

    rng = np.random.default_rng(seed)
    d, vocab = shape.d_model, len(vocabulary)

    def matrix(rows: int, cols: int) -> object:
        return (rng.standard_normal((rows, cols)) * cols**-0.5).astype(np.float32)

    def vector(length: int, scale: float = 0.02) -> object:
        return (rng.standard_normal(length) * scale).astype(np.float32)

    def norm(spec: object) -> None:
        spec.gamma = np.ones(d, dtype=np.float32)  # type: ignore[attr-defined]
        spec.beta = np.zeros(d, dtype=np.float32)  # type: ignore[attr-defined]

    def linear(spec: object, rows: int, cols: int) -> None:
        spec.weight = matrix(rows, cols)  # type: ignore[attr-defined]
        spec.bias = vector(rows)  # type: ignore[attr-defined]

    spec = transformer_spec.TransformerSpec.from_config((shape.layers, shape.layers), shape.heads)
    spec.encoder.embeddings[0].weight = matrix(vocab, d)
    norm(spec.encoder.layer_norm)
    for layer in spec.encoder.layer:
        norm(layer.self_attention.layer_norm)
        linear(layer.self_attention.linear[0], 3 * d, d)
        linear(layer.self_attention.linear[1], d, d)
        norm(layer.ffn.layer_norm)
        linear(layer.ffn.linear_0, shape.ffn, d)
        linear(layer.ffn.linear_1, d, shape.ffn)
    spec.decoder.embeddings.weight = matrix(vocab, d)
    norm(spec.decoder.layer_norm)
    linear(spec.decoder.projection, vocab, d)
    for layer in spec.decoder.layer:
        norm(layer.self_attention.layer_norm)
        linear(layer.self_attention.linear[0], 3 * d, d)
        linear(layer.self_attention.linear[1], d, d)
        norm(layer.attention.layer_norm)
        linear(layer.attention.linear[0], d, d)
        linear(layer.attention.linear[1], 2 * d, d)
        linear(layer.attention.linear[2], d, d)
        norm(layer.ffn.layer_norm)
        linear(layer.ffn.linear_0, shape.ffn, d)
        linear(layer.ffn.linear_1, d, shape.ffn)
    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(vocabulary)
    spec.validate()
    spec.optimize(quantization="int8")
    folder.mkdir(parents=True, exist_ok=True)
    spec.save(str(folder))


def _zip_folder(folder: Path, target: Path) -> None:
    """Zip ``folder`` as the archive's single top-level folder, with fixed timestamps."""
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo(f"{folder.name}/", _ZIP_TIME), b"")
        for path in sorted(folder.rglob("*")):
            name = path.relative_to(folder.parent).as_posix()
            if path.is_dir():
                archive.writestr(zipfile.ZipInfo(f"{name}/", _ZIP_TIME), b"")
                continue
            info = zipfile.ZipInfo(name, _ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
