"""The argos engine with real model packages the test suite builds (CTranslate2, SentencePiece)."""

from __future__ import annotations

import re
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from translate import engines
from translate.engines import EngineOutput, argos_packages
from translate.engines.argos import ArgosEngine, unload_models
from translate.errors import EngineError

BuildArgos = Callable[..., Path]

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_f9c8f4929e86b7bc.txt"


def _seed_sentences() -> list[str]:
    text = SEED.read_text(encoding="utf-8")
    sentences = [s.strip() for s in re.split(r"(?<=[.!?”])\s+|\n+", text)]
    return [s for s in sentences if s]


class CountingTranslators:
    """Replaces ``ctranslate2.Translator``: counts models loaded and batches translated."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        import ctranslate2

        self.real = ctranslate2.Translator
        self.loads: list[str] = []
        self.batches: list[dict[str, Any]] = []
        monkeypatch.setattr(ctranslate2, "Translator", self.load)

    def load(self, model_path: str, **options: Any) -> Any:
        self.loads.append(model_path)
        real = self.real(model_path, **options)
        batches = self.batches

        class Counting:
            def translate_batch(self, tokens: list[list[str]], **kwargs: Any) -> Any:
                batches.append({"tokens": tokens, **kwargs})
                return real.translate_batch(tokens, **kwargs)

        return Counting()


@pytest.fixture()
def counting(monkeypatch: pytest.MonkeyPatch) -> CountingTranslators:
    unload_models()
    return CountingTranslators(monkeypatch)


@pytest.fixture()
def en_es(argos_package_file: Path, argos_packages_dir: Path) -> ArgosEngine:
    argos_packages.install_file(argos_package_file)
    return ArgosEngine()


def test_translates_the_seed_article_deterministically(en_es: ArgosEngine) -> None:
    sentences = _seed_sentences()
    assert len(sentences) > 10
    first = en_es.translate(sentences, "en", "es")
    unload_models()
    second = en_es.translate(sentences, "en", "es")
    assert len(first) == len(sentences)
    assert all(isinstance(out, EngineOutput) and out.text.strip() for out in first)
    assert all(isinstance(out.score, float) and out.score < 0 for out in first)
    assert first == second


def test_one_batch_per_call_and_one_load_per_model(
    en_es: ArgosEngine, counting: CountingTranslators
) -> None:
    sentences = _seed_sentences()[:12]
    en_es.translate(sentences, "en", "es")
    en_es.translate(sentences[:3], "en", "es")
    assert len(counting.loads) == 1
    assert len(counting.batches) == 2
    first = counting.batches[0]
    assert len(first["tokens"]) == len(sentences)
    assert first["return_scores"] is True
    assert first["max_batch_size"] == 32
    assert first["target_prefix"] is None
    assert first["max_decoding_length"] <= 256
    assert all(isinstance(piece, str) for piece in first["tokens"][0])


def test_empty_texts_map_to_empty_outputs(
    en_es: ArgosEngine, counting: CountingTranslators
) -> None:
    outputs = en_es.translate(["", "Zelensky rejected the idea.", "  "], "en", "es")
    assert outputs[0] == EngineOutput("", None)
    assert outputs[2] == EngineOutput("", None)
    assert outputs[1].text
    assert len(counting.batches[0]["tokens"]) == 1
    assert en_es.translate(["", ""], "en", "es") == [EngineOutput("", None)] * 2
    assert len(counting.batches) == 1


def test_model_id_supports_and_placeholders(en_es: ArgosEngine) -> None:
    assert en_es.name == "argos"
    assert en_es.supports("en", "es")
    assert not en_es.supports("es", "en")
    assert en_es.model_id("en", "es") == "argos:en-es-1.0"
    assert [en_es.placeholder(i) for i in (0, 1, 12)] == ["ZX0Q", "ZX1Q", "ZX12Q"]
    with pytest.raises(EngineError, match="no Argos model package translates es to en"):
        en_es.translate(["Hola."], "es", "en")


def test_registry_creates_the_argos_engine(en_es: ArgosEngine) -> None:
    engine = engines.create("argos")
    assert isinstance(engine, ArgosEngine)
    assert engines.select("argos", "en", "es").name == "argos"


def test_pivots_through_english_one_batch_per_step(
    build_argos: BuildArgos, argos_packages_dir: Path, counting: CountingTranslators
) -> None:
    argos_packages.install_file(build_argos("fr", "en"))
    argos_packages.install_file(build_argos("en", "de"))
    engine = ArgosEngine()
    assert engine.model_id("fr", "de") == "argos:fr-en-1.0+en-de-1.0"
    outputs = engine.translate(["Bonjour le monde.", "", "La guerre continue."], "fr", "de")
    assert [bool(out.text) for out in outputs] == [True, False, True]
    assert len(counting.loads) == 2
    assert [len(batch["tokens"]) for batch in counting.batches] == [2, 2]
    assert all(isinstance(out.score, float) for out in (outputs[0], outputs[2]))


def test_honours_the_target_prefix(
    build_argos: BuildArgos, argos_packages_dir: Path, counting: CountingTranslators
) -> None:
    argos_packages.install_file(build_argos("en", "it", target_prefix="__it__"))
    outputs = ArgosEngine().translate(["The war goes on."], "en", "it")
    assert counting.batches[0]["target_prefix"] == [["__it__"]]
    assert outputs[0].text and not outputs[0].text.startswith("__it__")


def test_translates_with_the_network_blocked(
    en_es: ArgosEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network blocked by the test")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    unload_models()
    outputs = en_es.translate(_seed_sentences()[:5], "en", "es")
    assert len(outputs) == 5 and all(out.text for out in outputs)
