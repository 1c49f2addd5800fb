"""Tokenisers of Argos packages: subword-nmt BPE codes (versions 0.1 and 0.2) with Moses
tokenisation, and SentencePiece, checked on hand-worked examples."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from translate.errors import ModelPackageError
from translate.translation.engines.tokenizers import BPECodes, BPETokenizer

CODES_02 = "#version: 0.2\nl o\nlo w</w>\ne r</w>\nn e\nne w\nlo w\n"


def test_version_02_merges_in_rank_order_and_marks_continuations() -> None:
    codes = BPECodes.parse(CODES_02)
    assert codes.joined_end
    assert codes.split_word("low") == ("low",)
    assert codes.split_word("lower") == ("low", "er")
    assert codes.split_word("newer") == ("new", "er")
    assert codes.split_word("x") == ("x",)
    assert codes.segment(["lower", "", "newest", "a"]) == [
        "low@@",
        "er",
        "new@@",
        "e@@",
        "s@@",
        "t",
        "a",
    ]


def test_version_01_keeps_the_end_of_word_mark_apart() -> None:
    codes = BPECodes.parse("l o\nlo w\nw </w>\n")
    assert not codes.joined_end
    assert codes.split_word("low") == ("low",)
    assert codes.split_word("lowlow") == ("low", "low")
    assert codes.split_word("aw") == ("a", "w")


def test_a_pair_listed_twice_keeps_its_first_rank() -> None:
    codes = BPECodes.parse("#version: 0.2\na b\nb c</w>\na b\n")
    assert codes.ranks[("a", "b")] == 0
    assert codes.split_word("abc") == ("ab", "c")


@pytest.mark.parametrize(
    ("text", "line"),
    [("#version: 0.2\na b\nabc\n", 3), ("a b c\n", 1), ("#version: 0.9\na b\n", 1)],
)
def test_malformed_codes_name_the_line(text: str, line: int, tmp_path: Path) -> None:
    path = tmp_path / "bpe.model"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ModelPackageError) as caught:
        BPECodes.read(path)
    assert caught.value.path == path and caught.value.line == line


def test_moses_tokenises_escapes_and_detokenises(tmp_path: Path) -> None:
    codes = tmp_path / "bpe.model"
    codes.write_text("#version: 0.2\nt h\nth e</w>\n", encoding="utf-8")
    tokenizer = BPETokenizer(codes, "en", "es")
    tokens = tokenizer.encode('ZX1Q said "the plan" & more.')
    assert tokens[:2] == ["Z@@", "X@@"] and "the" in tokens
    words = " ".join(tokens).replace("@@ ", "").split()
    assert words == ["ZX1Q", "said", "&quot;", "the", "plan", "&quot;", "&amp;", "more", "."]
    assert tokenizer.decode(tokens) == 'ZX1Q said "the plan" & more.'
    assert tokenizer.decode(["la", "gu@@", "erra", "."]) == "la guerra."


def test_same_tokens_and_text_as_argostranslate(
    build_argos: Callable[..., Path], tmp_path: Path
) -> None:
    """tx's BPE path gives argostranslate's tokens and text (its tokenizer module only:
    argostranslate.translate is never imported)."""
    import zipfile

    from argostranslate.tokenizer import BPETokenizer as ArgosBPETokenizer

    with zipfile.ZipFile(build_argos("en", "es", tokenizer="bpe")) as archive:
        archive.extractall(tmp_path)
    [codes] = tmp_path.glob("*/bpe.model")
    ours, theirs = BPETokenizer(codes, "en", "es"), ArgosBPETokenizer(codes, "en", "es")
    sample = Path(__file__).resolve().parents[2] / "articles" / "ukraine-guarantees-talks.md"
    lines = [line for line in sample.read_text(encoding="utf-8").splitlines() if line.strip()]
    lines += ["ZX0Q met ZX12Q — “quoted” & <b>bold</b> | [1] it's 3.5% on 21/08/2025..."]
    for line in lines:
        tokens = ours.encode(line)
        assert tokens == theirs.encode(line), line
        assert ours.decode(tokens) == theirs.decode(tokens).strip(), line
