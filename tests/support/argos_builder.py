"""Build format-correct Argos Translate model packages (``.argosmodel``) for tests.

Argos models cannot be downloaded here, so the tests (and the benchmark) build their own: a
SentencePiece model trained on the test suite's texts (``tests/data/wire-story.txt`` and
``tests/data/training.txt``) plus generated sentences (every ASCII letter,
digit and punctuation mark is a piece, so placeholders never become ``<unk>``) and a pre-norm
CTranslate2 Transformer written through its spec API, int8. The package has the layout
``argostranslate.package`` expects: one top-level folder with ``metadata.json``, ``model/``
and ``sentencepiece.model``.

The default ``behaviour="copy"`` model has hand-set weights (no training) that make it act
like a translation model: output piece i is ``pi(source piece i)``, then ``</s>``. ``pi``
(``vocabulary_permutation``) swaps word-initial lowercase pieces (``▁war``) among themselves,
so lowercase words come out changed as in a foreign language, and keeps every other piece
(uppercase letters, digits, punctuation, the bare ``▁``, word continuations, special tokens):
names (``▁Tr`` ``ump``), numbers and placeholders (``▁`` ``Z`` ``X`` ``1`` ``2`` ``Q``) come
through unchanged. How:

- ``d_model`` splits into a token half T and a position half P. Token embeddings are balanced
  +-1 codes in T (``_spread_codes``), position encodings a table of balanced +-1 codes in P
  (no sinusoids), so every layer norm of ``embedding + position`` is the identity.
- Encoder layers, decoder self-attention and feed-forward blocks have output projections of
  about 1e-7 (their full-size matrices still run): the encoder output is embedding plus
  position code.
- In the last decoder layer, cross-attention queries and keys read the first ``head_dim``
  dimensions of P in every head, queries scaled so that decoder step t attends to source
  position t alone; head h's values carry slice h of T, written back into T with gain
  ``CROSS_GAIN`` so the source token outweighs the decoder's own.
- Output row v is the token code of ``pi^-1(v)``, so the argmax is ``pi(source piece t)``;
  the source ends with ``</s>`` (``add_source_eos``), which ``pi`` keeps, so decoding stops.
  With a target prefix the decoder's position table is shifted by one step.

``behaviour="random"`` writes seeded random weights instead: output runs to the length cap
and drops placeholders. Builds are seeded from the pair, so they are byte-identical.
"""

from __future__ import annotations

import io
import json
import random
import string
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# The SentencePiece training texts: files of the repository, found from this file's place
# (the benchmark loads this module by path, not as ``support``).
TRAINING_TEXTS = tuple(
    Path(__file__).resolve().parents[1] / "data" / name
    for name in ("wire-story.txt", "training.txt")
)

LANGUAGE_NAMES = {
    "en": "English",
    "es": "Spanish",
    "fr": "French",
    "de": "German",
    "it": "Italian",
    "pt": "Portuguese",
    "ca": "Catalan",
}

BEHAVIOURS = ("copy", "random")
MAX_POSITIONS = 1100  # CTranslate2 cuts sources at 1024 pieces (+ </s>), targets at 256
CROSS_GAIN = 10.0  # how much more the copied source token weighs than the decoder's own
ATTENTION_GAP = 16.0  # least attention logit gap between the aligned position and any other
OUTPUT_GAP = 8.0  # least output logit gap the projection gain guarantees (a lower bound)
_PERMUTATION_GROUP = 8  # pi cycles pieces within groups of this many of similar length
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
    "tiny": ModelSize(layers=2, d_model=64, heads=4, ffn=128, vocab=1000, generated_sentences=300),
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
    behaviour: str = "copy",
    tokenizer: str = "sentencepiece",
    vocabularies: str = "shared",
    splitter: str = "",
    metadata: Mapping[str, object] | None = None,
) -> Path:
    """Build ``dest/translate-<from>_<to>-<version>.argosmodel`` and return its path.

    ``size`` is ``tiny`` (2+2 layers, d_model 64, 4 heads, ffn 128, vocabulary 1000: builds in
    under two seconds) or ``realistic`` (6+6 layers, d_model 512, 8 heads, ffn 2048,
    vocabulary 8000: the shape and cost of a real Argos model, for benchmarks). ``corpus``
    replaces the SentencePiece training text (default: ``TRAINING_TEXTS`` plus generated
    sentences). ``target_prefix``, when given, is written to metadata.json and added to the
    vocabulary, as multilingual Argos packages do. ``behaviour`` is ``copy`` (the model
    "translates" through ``vocabulary_permutation``, see the module docstring) or ``random``
    (seeded random weights that never end a sentence and drop placeholders).

    ``tokenizer`` is ``sentencepiece`` or ``bpe``: a ``bpe.model`` (subword-nmt codes,
    version 0.2, learnt here on the Moses-tokenised corpus; see ``tests/support/bpe_builder``)
    instead of ``sentencepiece.model``, as the older Argos packages have. ``vocabularies`` is
    ``shared`` (``shared_vocabulary.json``) or ``separate`` (``source_vocabulary.txt`` and
    ``target_vocabulary.txt``, the older text format). ``splitter`` adds an embedded
    sentence-splitter folder (``stanza``, ``minisbd`` or ``spacy``) with placeholder files.
    ``metadata`` overrides keys of metadata.json (``None`` removes a key).
    """
    try:
        shape = SIZES[size]
    except KeyError:
        raise ValueError(f"unknown size {size!r}; use one of {', '.join(SIZES)}") from None
    if behaviour not in BEHAVIOURS:
        raise ValueError(f"unknown behaviour {behaviour!r}; use one of {', '.join(BEHAVIOURS)}")
    seed = package_seed(from_code, to_code, size, version)
    lines = list(corpus) if corpus is not None else _default_corpus(shape, seed)
    folder_name = f"translate-{from_code}_{to_code}-{version.replace('.', '_')}"
    dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / folder_name
        folder.mkdir()
        movable: Callable[[str], bool] | None = None
        if tokenizer == "bpe":
            bpe_builder = _bpe_builder()
            bpe = bpe_builder.learn(lines, from_code, merges=shape.vocab // 2, extra=target_prefix)
            (folder / "bpe.model").write_text(bpe.codes_text, encoding="utf-8")
            pieces, movable = bpe.vocabulary, bpe.is_movable
        elif tokenizer == "sentencepiece":
            pieces = _train_sentencepiece(
                folder / "sentencepiece.model", lines, shape, target_prefix
            )
        else:
            raise ValueError(f"unknown tokenizer {tokenizer!r}; use sentencepiece or bpe")
        spec = _random_model(pieces, shape, seed)
        if behaviour == "copy":
            shifted = bool(target_prefix)
            _set_copying_weights(spec, pieces, shape, seed, shifted=shifted, movable=movable)
        spec.validate()
        spec.optimize(quantization="int8")
        (folder / "model").mkdir()
        spec.save(str(folder / "model"))
        if vocabularies == "separate":
            _split_vocabularies(folder / "model")
        if splitter:
            _add_splitter(folder, splitter, from_code)
        fields: dict[str, object] = {
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
            fields["target_prefix"] = target_prefix
        for key, value in (metadata or {}).items():
            if value is None:
                fields.pop(key, None)
            else:
                fields[key] = value
        (folder / "metadata.json").write_text(json.dumps(fields, indent=2), encoding="utf-8")
        readme = f"Test model {from_code}->{to_code} ({behaviour} weights) by tests/support.\n"
        (folder / "README.md").write_text(readme, encoding="utf-8")
        target = dest / f"{folder_name}.argosmodel"
        _zip_folder(folder, target)
    return target


def package_seed(from_code: str, to_code: str, size: str = "tiny", version: str = "1.0") -> int:
    """The seed of a package's corpus, weights and ``vocabulary_permutation``."""
    return zlib.crc32(f"{from_code}-{to_code}-{size}-{version}".encode())


def is_permuted_piece(piece: str) -> bool:
    """Whether ``pi`` moves ``piece``: a word-initial piece of lowercase letters (``▁war``).

    Everything else is a fixed point: pieces with an uppercase letter, a digit or punctuation,
    the bare ``▁``, word continuations (``ump`` in ``▁Tr`` ``ump``, so names split into
    several pieces survive) and special tokens.
    """
    word = piece[1:]
    return piece.startswith("▁") and word.isalpha() and word.islower()


def vocabulary_permutation(
    pieces: Sequence[str], seed: int, movable: Callable[[str], bool] | None = None
) -> list[int]:
    """``pi`` as a list: source piece ``i`` becomes target piece ``pi[i]``.

    Permuted pieces (``is_permuted_piece``) are ordered by length (ties shuffled by ``seed``)
    and rotated within groups of ``_PERMUTATION_GROUP``, so each becomes a different piece of
    about its length; every other piece maps to itself.
    """
    rng = random.Random(seed)
    moves = movable or is_permuted_piece
    movable_at = [i for i, piece in enumerate(pieces) if moves(piece)]
    order = sorted(movable_at, key=lambda i: (len(pieces[i]), rng.random()))
    groups = [order[i : i + _PERMUTATION_GROUP] for i in range(0, len(order), _PERMUTATION_GROUP)]
    if len(groups) > 1 and len(groups[-1]) == 1:
        groups[-2].extend(groups.pop())
    permutation = list(range(len(pieces)))
    for group in groups:
        for k, index in enumerate(group):
            permutation[index] = group[(k + 1) % len(group)]
    return permutation


def _default_corpus(shape: ModelSize, seed: int) -> list[str]:
    rng = random.Random(seed)
    lines = [
        line.strip()
        for path in TRAINING_TEXTS
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
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
        required_chars=string.ascii_letters + string.digits + string.punctuation,
        minloglevel=2,
    )
    path.write_bytes(model.getvalue())
    processor = spm.SentencePieceProcessor(model_proto=model.getvalue())
    return [processor.id_to_piece(i) for i in range(processor.get_piece_size())]


def _random_model(vocabulary: list[str], shape: ModelSize, seed: int) -> Any:
    """The full-size Transformer spec with seeded random weights (``behaviour="random"``)."""
    import numpy as np
    from ctranslate2.specs import transformer_spec

    rng = np.random.default_rng(seed)
    d, vocab = shape.d_model, len(vocabulary)

    def matrix(rows: int, cols: int) -> Any:
        return (rng.standard_normal((rows, cols)) * cols**-0.5).astype(np.float32)

    def vector(length: int, scale: float = 0.02) -> Any:
        return (rng.standard_normal(length) * scale).astype(np.float32)

    def norm(spec: Any) -> None:
        spec.gamma = np.ones(d, dtype=np.float32)
        spec.beta = np.zeros(d, dtype=np.float32)

    def linear(spec: Any, rows: int, cols: int) -> None:
        spec.weight = matrix(rows, cols)
        spec.bias = vector(rows)

    spec = transformer_spec.TransformerSpec.from_config((shape.layers, shape.layers), shape.heads)
    spec.encoder.embeddings[0].weight = matrix(vocab, d)
    spec.decoder.embeddings.weight = matrix(vocab, d)
    linear(spec.decoder.projection, vocab, d)
    norm(spec.encoder.layer_norm)
    norm(spec.decoder.layer_norm)
    for layer in (*spec.encoder.layer, *spec.decoder.layer):
        blocks: list[tuple[Any, tuple[int, ...]]] = [(layer.self_attention, (3 * d, d))]
        if hasattr(layer, "attention"):  # decoder layers attend to the encoder output
            blocks.append((layer.attention, (d, 2 * d, d)))
        for block, rows in blocks:
            norm(block.layer_norm)
            for part, count in zip(block.linear, rows, strict=True):
                linear(part, count, d)
        norm(layer.ffn.layer_norm)
        linear(layer.ffn.linear_0, shape.ffn, d)
        linear(layer.ffn.linear_1, d, shape.ffn)
    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(vocabulary)
    return spec


def _set_copying_weights(
    spec: Any,
    vocabulary: list[str],
    shape: ModelSize,
    seed: int,
    *,
    shifted: bool,
    movable: Callable[[str], bool] | None = None,
) -> None:
    """Overwrite ``spec``'s weights so that it copies its source through ``pi`` (see above).

    The matrices keep their full sizes: the computation costs what the architecture costs.
    ``shifted``: decoder step t + 1 reads source position t (a target prefix takes step 0).
    """
    import numpy as np

    rng = np.random.default_rng(seed)
    d, heads = shape.d_model, shape.heads
    half, head_dim = d // 2, d // heads
    share = half // heads  # the slice of T each cross-attention head carries
    tokens, closest = _spread_codes(rng, len(vocabulary), half, limit=half // 2)
    place_limit = head_dim // 2 if head_dim >= 32 else head_dim - 4
    places, _ = _spread_codes(rng, MAX_POSITIONS + 1, head_dim, limit=place_limit)
    filler, _ = _spread_codes(rng, MAX_POSITIONS + 1, half - head_dim, limit=half - head_dim)

    embeddings = np.zeros((len(vocabulary), d), dtype=np.float32)
    embeddings[:, :half] = tokens / np.sqrt(d)  # the spec scales embeddings by sqrt(d_model)
    positions = np.zeros((MAX_POSITIONS + 1, d), dtype=np.float32)
    positions[:, half : half + head_dim] = places
    positions[:, half + head_dim :] = filler
    spec.config.add_source_eos = True
    spec.encoder.embeddings[0].weight = embeddings
    spec.decoder.embeddings.weight = embeddings.copy()
    spec.encoder.position_encodings.encodings = positions[:MAX_POSITIONS]
    decoder_rows = [MAX_POSITIONS, *range(MAX_POSITIONS - 1)] if shifted else range(MAX_POSITIONS)
    spec.decoder.position_encodings.encodings = positions[list(decoder_rows)]

    for layer in (*spec.encoder.layer, *spec.decoder.layer):
        silent = [layer.self_attention.linear[-1], layer.ffn.linear_1]
        silent += [layer.attention.linear[2]] if hasattr(layer, "attention") else []
        for linear in silent:  # near zero, but distinct, so no two matrices are merged on save
            linear.weight = (rng.standard_normal(linear.weight.shape) * 1e-7).astype(np.float32)
            linear.bias = np.zeros_like(linear.bias)

    # Last decoder layer (CTranslate2's alignment layer, which replace_unknowns reads): attend
    # by position, carry the source token into T.
    query_scale = ATTENTION_GAP * np.sqrt(head_dim) / (head_dim - place_limit)
    query = np.zeros((d, d), dtype=np.float32)
    keys_values = np.zeros((2 * d, d), dtype=np.float32)
    output = np.zeros((d, d), dtype=np.float32)
    for head in range(heads):
        for k in range(head_dim):
            query[head * head_dim + k, half + k] = query_scale
            keys_values[head * head_dim + k, half + k] = 1.0
        for k in range(share):
            keys_values[d + head * head_dim + k, head * share + k] = 1.0
            output[head * share + k, head * head_dim + k] = CROSS_GAIN
    attention = spec.decoder.layer[-1].attention
    for part, weight in zip(attention.linear, (query, keys_values, output), strict=True):
        part.weight, part.bias = weight, np.zeros(len(weight), np.float32)

    # Output: row v is the code of pi^-1(v), scaled so the worst case keeps OUTPUT_GAP.
    spread = np.sqrt((half * (CROSS_GAIN**2 + 1) + 2 * CROSS_GAIN * closest + half) / d)
    worst = (CROSS_GAIN * (half - closest) - half - closest) / spread
    inverse = np.empty(len(vocabulary), dtype=np.int64)
    inverse[vocabulary_permutation(vocabulary, seed, movable)] = np.arange(len(vocabulary))
    projection = np.zeros((len(vocabulary), d), dtype=np.float32)
    projection[:, :half] = tokens[inverse] * (OUTPUT_GAP / worst)
    # Int8 GEMMs on AVX2 (u8 x s8 pairs summed in int16) saturate when neighbouring weights
    # of a row are both near 127. Twice the gain in one column of every row (one constant added
    # to all logits) makes the code weights quantize to +-64; that column's neighbour is 0.
    projection[:, half] = 2 * OUTPUT_GAP / worst
    spec.decoder.projection.weight = projection
    spec.decoder.projection.bias = np.zeros(len(vocabulary), dtype=np.float32)


def _spread_codes(rng: Any, count: int, dims: int, *, limit: int) -> tuple[Any, int]:
    """``count`` balanced +-1 codes of length ``dims`` with pairwise ``|dot| <= limit``.

    Codes are drawn at random; the later code of every pair too close is drawn again until
    no pair is (``limit < dims`` makes the codes distinct). Returns the codes and their
    largest pairwise ``|dot|``.
    """
    import numpy as np

    base = np.tile(np.repeat(np.array([1, -1], dtype=np.float32), dims // 2), (count, 1))
    codes = rng.permuted(base, axis=1)
    for _ in range(1000):
        redraw: set[int] = set()
        closest = 0
        for start in range(0, count, 1024):
            gram = np.abs(codes[start : start + 1024] @ codes.T)
            rows = np.arange(len(gram))
            gram[rows, rows + start] = 0
            closest = max(closest, int(gram.max()))
            pairs = np.nonzero(gram > limit)
            redraw.update(int(c) for r, c in zip(pairs[0] + start, pairs[1], strict=True) if c > r)
        if not redraw:
            return codes, closest
        codes[sorted(redraw)] = rng.permuted(base[: len(redraw)], axis=1)
    raise RuntimeError(f"cannot find {count} codes of length {dims} within {limit}")


def _bpe_builder() -> Any:
    """``bpe_builder`` beside this file (the benchmarks load this module by path)."""
    import importlib.util
    import sys

    name = "_tx_tests_bpe_builder"
    if name not in sys.modules:
        path = Path(__file__).with_name("bpe_builder.py")
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def _split_vocabularies(model: Path) -> None:
    """Replace ``shared_vocabulary.json`` by ``source_`` and ``target_vocabulary.txt``."""
    shared = model / "shared_vocabulary.json"
    tokens = json.loads(shared.read_text(encoding="utf-8"))
    for side in ("source", "target"):
        text = "".join(f"{token}\n" for token in tokens)
        (model / f"{side}_vocabulary.txt").write_text(text, encoding="utf-8")
    shared.unlink()


SPLITTERS = ("stanza", "minisbd", "spacy")


def _add_splitter(folder: Path, splitter: str, lang: str) -> None:
    """An embedded sentence-splitter folder with small placeholder files (tx ignores it)."""
    if splitter not in SPLITTERS:
        raise ValueError(f"unknown splitter {splitter!r}; use one of {', '.join(SPLITTERS)}")
    files = {
        "stanza": [f"{lang}/tokenize/default.pt", "resources.json"],
        "minisbd": [f"{lang}.onnx"],
        "spacy": ["config.cfg", "meta.json", "senter/model"],
    }[splitter]
    for name in files:
        path = folder / splitter / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"placeholder: tx never loads sentence splitters\n")


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
