"""The test-built Argos packages (tests/support/argos_builder.py), run through CTranslate2.

The default model must behave like a translation model: piece i of the output is
``pi(source piece i)`` and decoding ends after the last piece; names, numbers and placeholders
are fixed points of ``pi``. ``behaviour="random"`` must keep the old random weights.
"""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from support.argos_builder import (
    OUTPUT_GAP,
    build_argos_package,
    is_permuted_piece,
    package_seed,
    vocabulary_permutation,
)
from support.wire_story import WIRE_STORY

BuildArgos = Callable[..., Path]


def _sentences() -> list[str]:
    text = WIRE_STORY.read_text(encoding="utf-8")
    return [s.strip() for s in re.split(r"(?<=[.!?”])\s+|\n+", text) if s.strip()]


class Unpacked:
    """An extracted package: its SentencePiece model, translator and ``pi``."""

    def __init__(self, package: Path, tmp: Path, size: str = "tiny") -> None:
        import ctranslate2
        import sentencepiece

        with zipfile.ZipFile(package) as archive:
            archive.extractall(tmp)
            folder = tmp / archive.namelist()[0].rstrip("/")
        self.folder = folder
        self.metadata = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
        self.sp = sentencepiece.SentencePieceProcessor(
            model_file=str(folder / "sentencepiece.model")
        )
        self.pieces = [self.sp.id_to_piece(i) for i in range(self.sp.get_piece_size())]
        seed = package_seed(self.metadata["from_code"], self.metadata["to_code"], size)
        self.pi = vocabulary_permutation(self.pieces, seed)
        self.translator = ctranslate2.Translator(str(folder / "model"), compute_type="int8")

    def encode(self, text: str) -> list[str]:
        return list(self.sp.encode(text, out_type=str))

    def expected(self, pieces: list[str]) -> list[str]:
        return [self.pieces[self.pi[self.sp.piece_to_id(piece)]] for piece in pieces]

    def translate(self, batch: list[list[str]], **options: Any) -> list[list[str]]:
        results = self.translator.translate_batch(batch, max_decoding_length=256, **options)
        return [list(result.hypotheses[0]) for result in results]


@pytest.fixture(scope="module")
def tiny(build_argos: BuildArgos, tmp_path_factory: pytest.TempPathFactory) -> Unpacked:
    return Unpacked(build_argos("en", "es"), tmp_path_factory.mktemp("tiny"))


def test_which_pieces_pi_moves() -> None:
    assert all(map(is_permuted_piece, ["▁war", "▁the", "▁naïve", "▁a"]))
    fixed = ["war", "ump", "▁", "▁War", "▁ZX", "Q", "▁2025", "▁20", "5", "▁don't", ",", "<s>"]
    assert not any(map(is_permuted_piece, [*fixed, "</s>", "<unk>", "__it__", "▁U.S."]))


def test_vocabulary_permutation_moves_word_pieces_only() -> None:
    words = [f"▁{a}{b}" for a in "bcdfg" for b in "aeiou"] + ["▁strong", "▁street", "▁sto"]
    pieces = ["<unk>", "<s>", "</s>", "▁", "▁Trump", "ump", "▁2025", "Q", ",", *words]
    pi = vocabulary_permutation(pieces, seed=7)
    assert sorted(pi) == list(range(len(pieces)))  # a permutation
    assert pi == vocabulary_permutation(pieces, seed=7)
    assert pi != vocabulary_permutation(pieces, seed=8)
    for i, piece in enumerate(pieces):
        if is_permuted_piece(piece):
            assert pi[i] != i and is_permuted_piece(pieces[pi[i]])
        else:
            assert pi[i] == i


def test_pi_on_the_tiny_vocabulary(tiny: Unpacked) -> None:
    moved = [i for i, j in enumerate(tiny.pi) if i != j]
    assert len(moved) > 250
    assert all(is_permuted_piece(tiny.pieces[i]) for i in moved)
    assert max(abs(len(tiny.pieces[tiny.pi[i]]) - len(tiny.pieces[i])) for i in moved) <= 3


def test_package_layout_and_shape(tiny: Unpacked) -> None:
    folder = tiny.folder
    assert tiny.metadata["from_code"] == "en" and tiny.metadata["to_code"] == "es"
    config = json.loads((folder / "model" / "config.json").read_text(encoding="utf-8"))
    assert config["add_source_eos"] is True and config["eos_token"] == "</s>"
    vocabulary = json.loads((folder / "model" / "shared_vocabulary.json").read_text("utf-8"))
    assert vocabulary == tiny.pieces and len(vocabulary) == 1000
    names = set(
        re.findall(rb"(?:en|de)coder/layer_\d+", (folder / "model" / "model.bin").read_bytes())
    )
    assert names == {b"encoder/layer_0", b"encoder/layer_1", b"decoder/layer_0", b"decoder/layer_1"}


def test_builds_are_byte_identical(build_argos: BuildArgos, tmp_path: Path) -> None:
    again = build_argos_package(tmp_path, "en", "es")
    assert again.read_bytes() == build_argos("en", "es").read_bytes()


def test_names_numbers_and_placeholders_are_fixed_known_pieces(tiny: Unpacked) -> None:
    text = "ZX0Q ZX12Q (ZX7Q), 2025 80% 13: 2. Donald Trump, Zelensky, Oleh Ivashchenko’s U.S."
    pieces = tiny.encode(text)
    assert "<unk>" not in pieces
    assert all(
        tiny.pi[tiny.sp.piece_to_id(piece)] == tiny.sp.piece_to_id(piece) for piece in pieces
    )


def test_copies_every_piece_through_pi_then_stops(tiny: Unpacked) -> None:
    batch = [tiny.encode(s) for s in _sentences()]
    outputs = tiny.translate(batch, beam_size=2)
    assert [len(out) for out in outputs] == [len(pieces) for pieces in batch]
    assert outputs == [tiny.expected(pieces) for pieces in batch]
    assert outputs == tiny.translate(batch, beam_size=2)


def test_argmax_margin(tiny: Unpacked) -> None:
    import numpy as np

    batch = [tiny.encode(s) for s in _sentences()]
    results = tiny.translator.translate_batch(batch, beam_size=1, return_logits_vocab=True)
    gaps = []
    for result in results:
        for step in result.logits[0]:
            best, second = np.sort(np.asarray(step, dtype=np.float32).ravel())[-2:][::-1]
            gaps.append(best - second)
    assert min(gaps) >= OUTPUT_GAP  # the bound the projection gain is computed for


def test_target_prefix_takes_the_first_step(build_argos: BuildArgos, tmp_path: Path) -> None:
    package = Unpacked(build_argos("en", "it", target_prefix="__it__"), tmp_path)
    pieces = package.encode("The war goes on in 2025 with ZX0Q.")
    output = package.translate([pieces], target_prefix=[["__it__"]])[0]
    assert output == ["__it__", *package.expected(pieces)]


def test_random_behaviour_runs_to_the_length_cap(build_argos: BuildArgos, tmp_path: Path) -> None:
    package = Unpacked(build_argos("en", "es", behaviour="random"), tmp_path)
    pieces = package.encode("Zelensky rejected the idea.")
    results = package.translator.translate_batch([pieces], max_decoding_length=40)
    assert len(results[0].hypotheses[0]) == 40


def test_unknown_size_or_behaviour(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown size 'huge'"):
        build_argos_package(tmp_path, size="huge")
    with pytest.raises(ValueError, match="unknown behaviour 'smart'"):
        build_argos_package(tmp_path, behaviour="smart")


@pytest.mark.slow
def test_realistic_package_copies_too(tmp_path: Path) -> None:
    package_file = build_argos_package(tmp_path / "build", "en", "es", size="realistic")
    package = Unpacked(package_file, tmp_path, size="realistic")
    assert len(package.pieces) == 8000
    names = re.findall(rb"decoder/layer_\d+", (package.folder / "model" / "model.bin").read_bytes())
    assert len(set(names)) == 6
    batch = [package.encode(s) for s in _sentences()]
    assert package.translate(batch, beam_size=2) == [package.expected(p) for p in batch]
