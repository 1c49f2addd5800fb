"""Argos model packages: validation, install, listing, routing, removal (real built packages)."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from translate.errors import ModelPackageError
from translate.translation.engines import argos_packages

BuildArgos = Callable[..., Path]


def _rewrite(
    source: Path,
    dest: Path,
    *,
    rename: Callable[[str], str] = lambda name: name,
    drop: str | None = None,
    replace: dict[str, bytes] | None = None,
) -> Path:
    """A copy of the package ``source`` with entries renamed, dropped or replaced."""
    replace = replace or {}
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(dest, "w") as new:
        for item in old.infolist():
            if drop is not None and item.filename.endswith(drop):
                continue
            data = next(
                (value for key, value in replace.items() if item.filename.endswith(key)),
                old.read(item),
            )
            new.writestr(rename(item.filename), data)
    return dest


def test_validate_reads_a_built_package(argos_package_file: Path) -> None:
    info = argos_packages.validate(argos_package_file)
    assert (info.from_code, info.to_code, info.version) == ("en", "es", "1.0")
    assert info.folder == "translate-en_es-1_0"
    assert info.name == "English → Spanish"
    assert info.target_prefix == ""


def test_install_file_lists_and_finds_the_package(
    argos_package_file: Path, argos_packages_dir: Path
) -> None:
    package = argos_packages.install_file(argos_package_file)
    assert package.path == argos_packages_dir / "translate-en_es-1_0"
    assert (package.model_dir / "model.bin").is_file()
    assert package.sentencepiece_model.is_file()
    assert argos_packages.installed() == [package]
    assert argos_packages.find("en", "es") == package
    assert argos_packages.find("en-GB", "es") == package
    assert argos_packages.find("es", "en") is None
    assert argos_packages.route("en", "es") == [package]
    assert not [p for p in argos_packages_dir.parent.iterdir() if p.name.startswith(".tx-")]


def test_argostranslate_sees_packages_tx_installed(
    argos_package_file: Path, argos_packages_dir: Path
) -> None:
    from argostranslate import package as argos_package

    argos_packages.install_file(argos_package_file)
    found = argos_package.get_installed_packages([argos_packages_dir])
    assert [(p.from_code, p.to_code, p.package_version) for p in found] == [("en", "es", "1.0")]


def test_packages_dir_follows_the_environment_at_call_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import argostranslate.settings  # noqa: F401  (imported before the variable changes)

    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "one"))
    assert argos_packages.packages_dir() == tmp_path / "one"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "two"))
    assert argos_packages.packages_dir() == tmp_path / "two"
    assert argos_packages.installed() == []


def test_install_replaces_the_same_pair(
    build_argos: BuildArgos, argos_package_file: Path, argos_packages_dir: Path
) -> None:
    argos_packages.install_file(argos_package_file)
    newer = argos_packages.install_file(build_argos("en", "es", version="1.1"))
    assert argos_packages.installed() == [newer]
    assert newer.version == "1.1"
    assert sorted(p.name for p in argos_packages_dir.iterdir()) == ["translate-en_es-1_1"]


def test_route_pivots_through_english(build_argos: BuildArgos, argos_packages_dir: Path) -> None:
    fr_en = argos_packages.install_file(build_argos("fr", "en"))
    en_de = argos_packages.install_file(build_argos("en", "de"))
    assert argos_packages.route("fr", "de") == [fr_en, en_de]
    assert argos_packages.route("de", "fr") == []
    assert argos_packages.route("en", "fr") == []


def test_remove_uninstalls_the_pair(argos_package_file: Path, argos_packages_dir: Path) -> None:
    installed = argos_packages.install_file(argos_package_file)
    assert argos_packages.remove("en", "es") == [installed]
    assert not installed.path.exists()
    assert argos_packages.installed() == []
    with pytest.raises(ModelPackageError, match="no en-es model package is installed") as caught:
        argos_packages.remove("en", "es")
    assert str(argos_packages_dir) in str(caught.value)


def test_listing_skips_stray_folders_and_names_bad_metadata(
    argos_package_file: Path, argos_packages_dir: Path
) -> None:
    (argos_packages_dir / "stray").mkdir()
    package = argos_packages.install_file(argos_package_file)
    assert argos_packages.installed() == [package]
    broken = argos_packages_dir / "broken"
    broken.mkdir()
    (broken / "metadata.json").write_text("{oops", encoding="utf-8")
    with pytest.raises(ModelPackageError, match="cannot read the package metadata") as caught:
        argos_packages.installed()
    assert str(broken / "metadata.json") in str(caught.value)


def _two_top_folders(name: str) -> str:
    return name if "model/" in name else name.replace("translate-en_es-1_0", "other", 1)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"rename": _two_top_folders}, "exactly one top-level folder, found: other"),
        ({"rename": lambda n: n.split("/", 1)[1] or "x/"}, "outside a top-level folder"),
        ({"drop": "metadata.json"}, "has no translate-en_es-1_0/metadata.json"),
        ({"replace": {"metadata.json": b"{not json"}}, "metadata.json is not valid JSON"),
        ({"replace": {"metadata.json": b"[]"}}, "must hold a JSON object"),
        ({"replace": {"metadata.json": json.dumps({"to_code": "es"}).encode()}}, "'from_code'"),
        ({"drop": "model.bin"}, "no CTranslate2 model"),
        ({"drop": "shared_vocabulary.json"}, "no vocabulary file"),
        ({"drop": "sentencepiece.model"}, "no tokenizer model .*sentencepiece.model or"),
        ({"rename": lambda n: n.replace("translate-", "../", 1)}, "unsafe path"),
    ],
)
def test_validate_rejects_malformed_packages(
    argos_package_file: Path, tmp_path: Path, change: dict[str, object], message: str
) -> None:
    bad = _rewrite(argos_package_file, tmp_path / "bad.argosmodel", **change)  # type: ignore[arg-type]
    with pytest.raises(ModelPackageError, match=message) as caught:
        argos_packages.validate(bad)
    assert str(caught.value).startswith(f"{bad}: ")


def test_validate_rejects_files_that_are_not_zips(tmp_path: Path) -> None:
    text = tmp_path / "model.argosmodel"
    text.write_text("not a zip", encoding="utf-8")
    with pytest.raises(ModelPackageError, match="not a zip archive") as caught:
        argos_packages.validate(text)
    assert str(text) in str(caught.value)
    with pytest.raises(ModelPackageError, match="no such file"):
        argos_packages.validate(tmp_path / "missing.argosmodel")


def test_a_rejected_file_installs_nothing(
    argos_package_file: Path, argos_packages_dir: Path, tmp_path: Path
) -> None:
    bad = _rewrite(argos_package_file, tmp_path / "bad.argosmodel", drop="metadata.json")
    with pytest.raises(ModelPackageError):
        argos_packages.install_file(bad)
    assert list(argos_packages_dir.iterdir()) == []


def test_install_from_index_offline_says_how_to_install_a_file(
    argos_packages_dir: Path, network_blocked: list[object]
) -> None:
    with pytest.raises(ModelPackageError, match="looks offline") as caught:
        argos_packages.install_from_index("en", "es")
    assert "tx models install FILE.argosmodel" in str(caught.value)
    assert list(argos_packages_dir.iterdir()) == []
    assert network_blocked  # it did try the index, and only that failed


def test_install_from_index_downloads_and_installs(
    argos_package_file: Path,
    argos_packages_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The index and the package come from file:// URLs, so no network is needed."""
    from argostranslate import settings

    entry = {"type": "translate", "from_code": "en", "to_code": "es", "package_version": "1.0"}
    index = tmp_path / "index.json"
    index.write_text(json.dumps([{**entry, "links": [argos_package_file.as_uri()]}]), "utf-8")
    monkeypatch.setattr(settings, "remote_package_index", index.as_uri())
    monkeypatch.setattr(settings, "local_package_index", tmp_path / "local" / "index.json")
    package = argos_packages.install_from_index("en", "es")
    assert argos_packages.installed() == [package]
    assert (tmp_path / "local" / "index.json").read_bytes() == index.read_bytes()
    with pytest.raises(ModelPackageError, match=r"has no es-en package .*available pairs: en-es"):
        argos_packages.install_from_index("es", "en")


def test_install_from_index_by_canonical_tags(
    build_argos: BuildArgos,
    argos_packages_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``tx models install en zh-Hant`` gets the index's en-zt package, pt-BR its en-pb."""
    from argostranslate import settings

    entries = [
        {"type": "translate", "from_code": "en", "to_code": code, "package_version": "1.9"}
        for code in ("zt", "pb", "pt", "zh")
    ]
    for entry in entries:
        entry["links"] = [build_argos("en", str(entry["to_code"]), tokenizer="bpe").as_uri()]
    index = tmp_path / "index.json"
    index.write_text(json.dumps(entries), "utf-8")
    monkeypatch.setattr(settings, "remote_package_index", index.as_uri())
    monkeypatch.setattr(settings, "local_package_index", tmp_path / "local" / "index.json")
    assert argos_packages.install_from_index("en", "zh-Hant").pair == "en-zt"
    assert argos_packages.install_from_index("en", "pt-BR").pair == "en-pb"
    assert argos_packages.install_from_index("en-US", "zh").pair == "en-zh"
    assert {p.pair: p.tokenizer for p in argos_packages.installed()} == {
        "en-pb": "bpe",
        "en-zh": "bpe",
        "en-zt": "bpe",
    }
