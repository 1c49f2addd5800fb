"""Every package layout argostranslate 1.9 to 1.11 loads installs and runs in tx: SentencePiece
or BPE (Moses) tokenisation, shared or separate vocabularies, a target prefix, embedded
sentence-splitter folders, metadata variants, and the index's codes zt and pb."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from support.argos_builder import build_argos_package

from translate import workspace
from translate.translation import pipeline
from translate.translation.engines import argos_packages
from translate.translation.engines.argos import ArgosEngine
from translate.workspace import workfiles

BuildArgos = Callable[..., Path]
REPOSITORY = Path(__file__).resolve().parents[2]
SAMPLE = REPOSITORY / "articles" / "ukraine-guarantees-talks.md"
PLACEHOLDER = re.compile(r"ZX\d+Q", re.IGNORECASE)


@pytest.mark.parametrize("tokenizer", ["sentencepiece", "bpe"])
def test_the_sample_article_translates_end_to_end(
    tokenizer: str, build_argos: BuildArgos, argos_packages_dir: Path, tmp_path: Path
) -> None:
    installed = argos_packages.install_file(build_argos("en", "es", tokenizer=tokenizer))
    assert installed.tokenizer == tokenizer
    root = tmp_path / "ws"
    workspace.init(root)
    shutil.copy(REPOSITORY / "glossaries" / "house.csv", root / "glossaries" / "house.csv")
    shutil.copy(SAMPLE, root / "articles" / SAMPLE.name)
    ws = workspace.load(root)
    [result] = pipeline.translate(ws, [root / "articles" / SAMPLE.name], ["es"], engine="argos")
    assert result.written and result.from_engine == result.total > 20
    segments = workfiles.load(ws.work_file(SAMPLE.stem, "es")).segments
    assert all(item.origin.startswith("argos:en-es-1.0 (beam 4") for item in segments)
    assert not any(PLACEHOLDER.search(item.target) for item in segments)
    assert all(item.target.strip() for item in segments)
    text = " ".join(item.target for item in segments)
    for kept in ("Volodímir Zelenski", "Marco Rubio", "Pekín", "2025"):  # house glossary
        assert kept in text
    changed = [item for item in segments if item.target != item.segment.source]
    assert len(changed) > len(segments) // 2  # words were "translated"


def test_bpe_and_sentencepiece_packages_of_one_pair_agree_on_what_they_keep(
    build_argos: BuildArgos, argos_packages_dir: Path
) -> None:
    texts = ["ZX0Q met ZX1Q in Washington on August 21, 2025.", "Marco Rubio (ZX12Q) said so."]
    outputs = {}
    for tokenizer in ("sentencepiece", "bpe"):
        argos_packages.install_file(build_argos("en", "es", tokenizer=tokenizer))
        outputs[tokenizer] = [out.text for out in ArgosEngine().translate(texts, "en", "es")]
    for text in (*outputs["sentencepiece"], *outputs["bpe"]):
        assert PLACEHOLDER.search(text)
    assert outputs["bpe"][0].startswith("ZX0Q ") and outputs["bpe"][0].endswith("21, 2025.")
    assert "Marco Rubio (ZX12Q)" in outputs["bpe"][1]


def test_bpe_package_with_target_prefix(build_argos: BuildArgos, argos_packages_dir: Path) -> None:
    argos_packages.install_file(build_argos("en", "it", tokenizer="bpe", target_prefix="__it__"))
    [output] = ArgosEngine().translate(["The war goes on."], "en", "it")
    assert output.text and "__it__" not in output.text


@pytest.mark.parametrize("splitter", ["stanza", "minisbd", "spacy"])
def test_packages_with_sentence_splitters_install_and_run(
    splitter: str, build_argos: BuildArgos, argos_packages_dir: Path
) -> None:
    file = build_argos("en", "es", splitter=splitter)
    assert any(f"/{splitter}/" in name for name in zipfile.ZipFile(file).namelist())
    package = argos_packages.install_file(file)
    assert (package.path / splitter).is_dir()
    [output] = ArgosEngine().translate(["Zelensky rejected the idea."], "en", "es")
    assert output.text.startswith("Zelensky ")


@pytest.mark.parametrize("tokenizer", ["sentencepiece", "bpe"])
def test_separate_source_and_target_vocabularies(
    tokenizer: str, build_argos: BuildArgos, argos_packages_dir: Path
) -> None:
    file = build_argos("en", "de", tokenizer=tokenizer, vocabularies="separate")
    names = {Path(name).name for name in zipfile.ZipFile(file).namelist()}
    assert {"source_vocabulary.txt", "target_vocabulary.txt"} <= names
    assert "shared_vocabulary.json" not in names
    argos_packages.install_file(file)
    [output] = ArgosEngine().translate(["Zelensky rejected the idea on 21 August."], "en", "de")
    assert output.text.startswith("Zelensky ") and "21" in output.text


@pytest.mark.parametrize(
    "change",
    [
        {"type": None},  # argos 1.0 packages have no type
        {"package_version": None, "argos_version": None},
        {"package_version": 1.1},  # a number, not a string
        {"from_name": None, "to_name": None, "links": None},
        {"target_prefix": ""},
        {"code": "translate-en_es-1_0", "languages": [], "dependencies": []},
    ],
)
def test_metadata_variants(
    change: dict[str, object], argos_packages_dir: Path, tmp_path: Path
) -> None:
    file = build_argos_package(tmp_path, "en", "es", metadata=change)
    info = argos_packages.validate(file)
    assert (info.from_code, info.to_code) == ("en", "es")
    package = argos_packages.install_file(file)
    assert argos_packages.find("en", "es") == package
    [output] = ArgosEngine().translate(["Zelensky rejected the idea."], "en", "es")
    assert output.text.startswith("Zelensky ")


def test_metadata_with_a_byte_order_mark(argos_package_file: Path, tmp_path: Path) -> None:
    bom = tmp_path / "bom.argosmodel"
    with zipfile.ZipFile(argos_package_file) as source, zipfile.ZipFile(bom, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.endswith("metadata.json"):
                data = "\ufeff".encode() + data
            target.writestr(item, data)
    assert argos_packages.validate(bom).from_code == "en"
    folder = tmp_path / "packages"
    package = argos_packages.install_file(bom, folder)
    assert argos_packages.installed(folder) == [package]


def test_index_codes_zt_and_pb_serve_canonical_tags(
    build_argos: BuildArgos, argos_packages_dir: Path
) -> None:
    zt = argos_packages.install_file(build_argos("en", "zt"))
    pb = argos_packages.install_file(build_argos("en", "pb"))
    pt = argos_packages.install_file(build_argos("en", "pt"))
    assert (zt.target_tag, pb.target_tag, pt.target_tag) == ("zh-Hant", "pt-BR", "pt")
    assert argos_packages.find("en", "zh-Hant") == zt
    assert argos_packages.find("en", "zh-TW") == zt
    assert argos_packages.find("en", "zh") is None  # simplified Chinese is another package
    assert argos_packages.find("en", "pt-BR") == pb
    assert argos_packages.find("en", "pt") == pt
    assert argos_packages.find("en-GB", "pt-BR") == pb
    engine = ArgosEngine()
    assert engine.supports("en", "zh-Hant") and engine.model_id("en", "zh-Hant").startswith(
        "argos:en-zt-1.0 "
    )
    [output] = engine.translate(["Zelensky rejected the idea."], "en", "pt-BR")
    assert output.text.startswith("Zelensky ")
    assert [p.pair for p in argos_packages.remove("en", "zh-Hant")] == ["en-zt"]


def test_es_es_and_other_regional_tags_find_the_language_package(
    argos_package_file: Path, argos_packages_dir: Path
) -> None:
    package = argos_packages.install_file(argos_package_file)
    for tag in ("es", "es-ES", "es-MX", "es-419"):
        assert argos_packages.find("en", tag) == package, tag
    assert argos_packages.find("en-US", "es-ES") == package


def test_a_package_is_listed_with_its_tokenizer(
    build_argos: BuildArgos, argos_packages_dir: Path
) -> None:
    argos_packages.install_file(build_argos("en", "es", tokenizer="bpe"))
    argos_packages.install_file(build_argos("en", "fr"))
    kinds = {p.pair: p.tokenizer for p in argos_packages.installed()}
    assert kinds == {"en-es": "bpe", "en-fr": "sentencepiece"}
    metadata = json.loads((argos_packages.find("en", "es").path / "metadata.json").read_text())  # type: ignore[union-attr]
    assert metadata["from_code"] == "en"
