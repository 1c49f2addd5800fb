"""The apertium engine, run for real on Debian's apertium-eng-spa (installed in CI)."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from support.wire_story import WIRE_STORY

from translate.errors import EngineError
from translate.source.segments import split_sentences
from translate.translation.engines.apertium import (
    ApertiumEngine,
    decode_batch,
    encode_batch,
    tidy,
    unknown_words,
)
from translate.translation.engines.base import Engine


def _apertium_missing() -> str | None:
    if shutil.which("apertium") is None:
        return "the apertium binary is not installed (apt-get install apertium apertium-eng-spa)"
    if "eng-spa" not in ApertiumEngine().installed_modes():
        return "apertium's eng-spa mode is not installed (apt-get install apertium-eng-spa)"
    return None


_MISSING = _apertium_missing()


@pytest.fixture(scope="module")
def engine() -> ApertiumEngine:
    """An engine whose installed modes are already listed."""
    found = ApertiumEngine()
    found.installed_modes()
    return found


@pytest.fixture()
def runs(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The command line of every apertium translation process started during the test."""
    started: list[list[str]] = []
    real_run: Callable[..., Any] = subprocess.run

    def counting_run(args: list[str], *rest: Any, **options: Any) -> Any:
        if "-f" in args:
            started.append(list(args))
        return real_run(args, *rest, **options)

    monkeypatch.setattr(subprocess, "run", counting_run)
    return started


def story_sentences() -> list[str]:
    """The wire story's sentences (tests/data/wire-story.txt)."""
    paragraphs = [p for p in WIRE_STORY.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    return [s for paragraph in paragraphs for s in split_sentences(paragraph, "en")]


def test_text_survives_encoding_and_decoding_without_apertium() -> None:
    texts = ["a <b> & c", "x &amp; [y] \\ z ~ w", "two\n lines"]
    assert decode_batch(encode_batch(texts), 3) == [
        "a <b> & c",
        "x &amp; [y] \\ z ~ w",
        "two lines",
    ]


def test_tidy_removes_marks_and_spaces_but_keeps_the_writers_own() -> None:
    assert tidy(" Él  *mustered el #tener @casa .", "He mustered the house.") == (
        "Él mustered el tener casa."
    )
    assert tidy("Sigue #etiqueta y @usuario", "Follow #tag and @user") == (
        "Sigue #etiqueta y @usuario"
    )
    assert tidy("Vraiment ?", "Really ?") == "Vraiment ?"


def test_unknown_words_are_reported() -> None:
    output = "El *guarantor los estados reservaron dos *berths."
    assert unknown_words(output, "The guarantor states reserved two berths.") == (
        "guarantor",
        "berths",
    )
    assert unknown_words("Sigue *esto", "Follow *this") == ()  # the source's own stars


def test_engine_protocol_and_names() -> None:
    found: Engine = ApertiumEngine()
    assert found.name == "apertium"
    assert found.model_id("en", "es") == "apertium:eng-spa"
    assert [found.placeholder(i) for i in (0, 1, 12)] == ["7770001", "7770002", "7770013"]


@pytest.mark.apertium
@pytest.mark.skipif(_MISSING is not None, reason=_MISSING or "")
def test_supports_installed_pairs_only(engine: ApertiumEngine) -> None:
    assert engine.supports("en", "es")
    assert engine.supports("es", "en")
    assert not engine.supports("en", "xx")
    assert not ApertiumEngine(binary="no-such-apertium-binary").supports("en", "es")


@pytest.mark.apertium
@pytest.mark.skipif(_MISSING is not None, reason=_MISSING or "")
class TestWithApertium:
    """Translations by the real apertium eng-spa pair."""

    def test_wire_story_is_one_process_one_output_per_sentence_in_order(
        self, engine: ApertiumEngine, runs: list[list[str]]
    ) -> None:
        sentences = story_sentences()
        outputs = engine.translate(sentences, "en", "es")
        assert len(runs) == 1
        assert len(outputs) == len(sentences) > 20
        texts = [output.text for output in outputs]
        assert all(text for text in texts)
        assert all(output.score is None for output in outputs)
        for text in texts:
            assert 'id="tx' not in text and "<p" not in text and "</p>" not in text
            assert not re.search(r"(?<!\w)[*#@]\w", text), text
            assert text == " ".join(text.split())
        # Each text translated alone gives the same result: nothing leaks between texts.
        for i in (0, 1, 5, len(sentences) - 1):
            assert engine.translate([sentences[i]], "en", "es")[0].text == texts[i]
        assert texts[0].startswith("Kyiv Gira Abajo Oferta de Beijing")

    def test_unknown_words_come_with_the_output(self, engine: ApertiumEngine) -> None:
        [output] = engine.translate(["The guarantor states reserved two berths."], "en", "es")
        assert output.unknown == ("guarantor", "berths")
        assert "*" not in output.text and "guarantor" in output.text

    def test_sentences_without_final_punctuation_are_not_merged(
        self, engine: ApertiumEngine
    ) -> None:
        texts = ["I have the", "house of my father", "The dog is big"]
        outputs = [o.text for o in engine.translate(texts, "en", "es")]
        assert outputs == ["Tengo el", "Casa de mi padre", "El perro es grande"]

    def test_markup_like_text_survives(self, engine: ApertiumEngine) -> None:
        texts = [
            "The <b>dog</b> is big.",
            "Tom &amp; Jerry & friends.",
            "See note [x] and [1].",
            "A back\\slash and C:\\path\\file.",
            "Less than < and greater than > here.",
            "About ~ 5 dollars.",
        ]
        outputs = [o.text for o in engine.translate(texts, "en", "es")]
        assert "<b>" in outputs[0] and "</b>" in outputs[0]
        assert "&amp;" in outputs[1] and " & " in outputs[1]
        assert "[x]" in outputs[2] and "[1]" in outputs[2]
        assert outputs[3].count("\\") == 3  # the words between are translated
        assert "<" in outputs[4] and ">" in outputs[4]
        assert "~ 5" in outputs[5]

    def test_placeholders_survive_in_every_position(self, engine: ApertiumEngine) -> None:
        templates = [
            "{0} said the talks would continue.",
            "The decision was made in {0} on Monday.",
            "{0}'s security depends on the agreement.",
            "The president met {0}’s foreign minister.",
            "The {0}'s decision was praised.",
            "He praised the {0} proposal.",
            "He called it a “{0}” partnership.",
            'They said "{0}" twice.',
            "{0} {1} rejected the idea.",
            "According to {0} ({1}), the vote was close.",
            "He arrived on {0}.",
            "Was it {0}?",
            "They met {0}, {1} and the others.",
            "{0}: the talks are over.",
            "In {0}, {1} of people agreed.",
            "A {0}-based group met {1}.",
            "President {0} welcomed Ukrainian President {1} at the {2} in {3} on {4}.",
        ]
        tokens = [engine.placeholder(i) for i in range(5)]
        texts = [template.format(*tokens) for template in templates]
        outputs = [o.text for o in engine.translate(texts, "en", "es")]
        for template, source, output in zip(templates, texts, outputs, strict=True):
            used = [t for i, t in enumerate(tokens) if f"{{{i}}}" in template]
            for token in used:
                assert output.count(token) == 1, (source, output)
        assert "del 7770001" in outputs[4]

    def test_empty_texts_give_empty_outputs(
        self, engine: ApertiumEngine, runs: list[list[str]]
    ) -> None:
        assert engine.translate([], "en", "es") == []
        assert [o.text for o in engine.translate(["", "  "], "en", "es")] == ["", ""]
        assert runs == []
        outputs = engine.translate(["", "The dog is big.", " "], "en", "es")
        assert [o.text for o in outputs] == ["", "El perro es grande.", ""]
        assert len(runs) == 1

    def test_a_batch_of_500_sentences_is_one_process(
        self, engine: ApertiumEngine, runs: list[list[str]]
    ) -> None:
        story = story_sentences()
        texts = [f"{story[i % len(story)]} Item {i}." for i in range(500)]
        outputs = engine.translate(texts, "en", "es")
        assert len(runs) == 1
        assert len(outputs) == 500
        for i, output in enumerate(outputs):
            assert output.text.endswith(f" {i}."), output.text

    def test_unsupported_pair_says_what_to_install(self, engine: ApertiumEngine) -> None:
        with pytest.raises(EngineError, match="apertium has no package for en to xx") as caught:
            engine.translate(["Hello."], "en", "xx")
        assert "apertium-eng-xx" not in str(caught.value)  # no such Debian package
        with pytest.raises(EngineError, match="apt-get install apertium apertium-fr-es"):
            engine.translate(["Hola."], "es", "fr")


def _wrapper(folder: Path, script: str) -> str:
    """An apertium command that runs ``script`` (bash, input on stdin) around the real one."""
    path = folder / "apertium-wrapper"
    path.write_text(f'#!/bin/bash\nif [ "$1" = -l ]; then exec apertium -l; fi\n{script}\n')
    path.chmod(0o755)
    return str(path)


@pytest.mark.apertium
@pytest.mark.skipif(_MISSING is not None, reason=_MISSING or "")
def test_failing_batches_are_split_in_halves_not_per_sentence(
    tmp_path: Path, runs: list[list[str]]
) -> None:
    # This apertium refuses any input of more than two texts.
    binary = _wrapper(
        tmp_path,
        'input=$(cat)\nif [ "$(grep -c "<p " <<<"$input")" -gt 2 ]; then\n'
        '  echo "too many texts" >&2; exit 3\nfi\nprintf "%s" "$input" | apertium "$@"',
    )
    texts = ["The dog is big.", "The cat is small.", "I have a house.", "Hello.", "Thanks."]
    outputs = ApertiumEngine(binary=binary).translate(texts, "en", "es")
    assert [o.text for o in outputs] == [
        "El perro es grande.",
        "El gato es pequeño.",
        "Tengo una casa.",
        "Hola.",
        "Gracias.",
    ]
    assert len(runs) == 5  # 5 texts -> 2 + 3 -> 1 + 2: five runs, not one per sentence


@pytest.mark.apertium
@pytest.mark.skipif(_MISSING is not None, reason=_MISSING or "")
def test_a_text_apertium_cannot_translate_raises_with_its_stderr(tmp_path: Path) -> None:
    binary = _wrapper(
        tmp_path,
        'input=$(cat)\nif grep -q POISON <<<"$input"; then echo "bad input" >&2; exit 3; fi\n'
        'printf "%s" "$input" | apertium "$@"',
    )
    with pytest.raises(EngineError, match=r"failed on the text 'POISON here\.'.*bad input"):
        ApertiumEngine(binary=binary).translate(["Hello.", "POISON here.", "Bye."], "en", "es")


@pytest.mark.apertium
@pytest.mark.skipif(_MISSING is not None, reason=_MISSING or "")
def test_missing_paragraphs_are_detected(tmp_path: Path) -> None:
    binary = _wrapper(tmp_path, 'apertium "$@" | sed /DROPME/d')
    engine = ApertiumEngine(binary=binary)
    assert [o.text for o in engine.translate(["Hello.", "Thanks."], "en", "es")] == [
        "Hola.",
        "Gracias.",
    ]
    with pytest.raises(EngineError, match="expected 1 paragraphs, got 0"):
        engine.translate(["Hello.", "DROPME now."], "en", "es")
