"""Argos Translate model packages: find, validate, install and remove them.

tx shares its packages folder with Argos Translate's own ``argospm``: a package installed by
one is seen by the other. The folder is ``$ARGOS_PACKAGES_DIR`` when set (read at every call,
so tests and users can point it elsewhere at any time), else the one ``argostranslate.settings``
computes (its ``settings.json``, else ``~/.local/share/argos-translate/packages``).

Installed packages are read straight from each folder's ``metadata.json``, which is fast and
tolerates stray folders. Every layout argostranslate 1.9 to 1.11 loads is accepted: a
``sentencepiece.model`` or a ``bpe.model`` (Moses tokenisation plus BPE codes), a shared or a
separate source and target vocabulary, a ``target_prefix``, sentence-splitter folders
(``stanza/``, ``minisbd/``, ``spacy/``, which tx ignores: it splits sentences itself) and
metadata with or without ``type``, ``package_version``, names or a byte order mark.

Package codes are the Argos index's: mostly ISO 639-1, but ``zt`` is traditional Chinese and
``pb`` Brazilian Portuguese. ``language_tag`` maps them to BCP 47 (``zh-Hant``, ``pt-BR``) and
packages are found by language lookup (``translate.languages.lookup``), so a workspace's
``es-ES``, ``zh-TW`` or ``pt-BR`` finds the ``es``, ``zt`` or ``pb`` package.

``argostranslate.package``'s own ``install_from_path`` and
``uninstall`` are not used: both import ``argostranslate.translate`` (stanza and torch), and
``install_from_path`` extracts any zip unvalidated, so one malformed archive breaks the listing
of every package. tx validates a package first and extracts it the same way argospm does (the
archive's single top-level folder lands in the packages folder).

``install_from_index`` is the only function of tx that uses the network.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from translate import languages
from translate.errors import ModelPackageError

ENV_PACKAGES_DIR = "ARGOS_PACKAGES_DIR"
PIVOT_LANG = "en"
NETWORK_TIMEOUT = 30.0

FILE_HINT = "use a .argosmodel file from the Argos package index, unchanged"
SENTENCEPIECE = "sentencepiece"
BPE = "bpe"
TOKENIZER_FILES = {SENTENCEPIECE: "sentencepiece.model", BPE: "bpe.model"}
# Argos index codes that are not the BCP 47 tag of the language they stand for.
INDEX_CODES = {"zt": "zh-Hant", "pb": "pt-BR"}
OFFLINE_HINT = (
    "on a connected machine download the .argosmodel file from the Argos package index "
    "(https://www.argosopentech.com/argospm/index/), copy it here and run "
    "`tx models install FILE.argosmodel`"
)


@dataclass(frozen=True)
class ModelPackage:
    """An installed Argos package: one translation direction.

    ``path`` is the package folder (holding ``metadata.json``, ``model/`` and
    ``sentencepiece.model`` or ``bpe.model``); ``name`` is the human name (``English →
    Spanish``); ``target_prefix`` is the token multilingual models expect at the start of the
    output, ``""`` for most packages; ``tokenizer`` is ``sentencepiece``, ``bpe`` or ``""``
    when the folder holds neither model (loading it then fails, naming the folder).
    """

    from_code: str
    to_code: str
    version: str
    path: Path
    target_prefix: str = ""
    name: str = ""
    tokenizer: str = SENTENCEPIECE

    @property
    def pair(self) -> str:
        """``from-to`` in the index's codes, e.g. ``en-es`` or ``en-zt``."""
        return f"{self.from_code}-{self.to_code}"

    @property
    def source_tag(self) -> str:
        """The BCP 47 tag of the source language (``zt`` gives ``zh-Hant``)."""
        return language_tag(self.from_code)

    @property
    def target_tag(self) -> str:
        """The BCP 47 tag of the target language (``pb`` gives ``pt-BR``)."""
        return language_tag(self.to_code)

    @property
    def model_dir(self) -> Path:
        """The CTranslate2 model folder."""
        return self.path / "model"

    @property
    def sentencepiece_model(self) -> Path:
        """The SentencePiece model that tokenises both sides (SentencePiece packages)."""
        return self.path / TOKENIZER_FILES[SENTENCEPIECE]

    @property
    def bpe_model(self) -> Path:
        """The BPE merge codes applied after Moses tokenisation (BPE packages)."""
        return self.path / TOKENIZER_FILES[BPE]


@dataclass(frozen=True)
class PackageInfo:
    """What ``validate`` learned about a ``.argosmodel`` file.

    ``folder`` is the archive's single top-level folder, the name it gets once installed.
    """

    path: Path
    folder: str
    from_code: str
    to_code: str
    version: str
    target_prefix: str = ""
    name: str = ""
    tokenizer: str = SENTENCEPIECE


def language_tag(code: str) -> str:
    """The BCP 47 tag of an Argos package code: ``zt`` is ``zh-Hant``, ``pb`` is ``pt-BR``,
    other codes keep their meaning in canonical casing (``en``, ``pt``, ``zh``)."""
    mapped = INDEX_CODES.get(code.strip().lower())
    if mapped:
        return mapped
    return languages.normalized(code) or code


def package_code(tag: str, codes: Sequence[str]) -> str | None:
    """Which of the package ``codes`` (``en``, ``zt``, ``pb``...) serves the language ``tag``.

    The same code or tag first, else the best by language lookup: ``es-ES`` finds ``es``,
    ``zh-TW`` finds ``zt``, ``pt-BR`` finds ``pb`` before ``pt``; ``zh-Hant`` never finds
    ``zh`` (simplified).
    """
    by_tag = {language_tag(code): code for code in sorted(set(codes))}
    for code in codes:
        if _same(code, tag):
            return code
    found = languages.lookup(tag, tuple(by_tag))
    return by_tag[found] if found is not None else None


def packages_dir() -> Path:
    """The packages folder shared with argospm (``$ARGOS_PACKAGES_DIR`` first)."""
    configured = os.environ.get(ENV_PACKAGES_DIR)
    if configured:
        return Path(configured).expanduser()
    from argostranslate import settings

    return Path(settings.get_setting(ENV_PACKAGES_DIR, default=settings.data_dir / "packages"))


def installed(folder: Path | None = None) -> list[ModelPackage]:
    """The translation packages installed in ``folder`` (default ``packages_dir()``).

    Sub-folders without ``metadata.json`` and packages of other types (sentence boundary
    models) are skipped; an unreadable ``metadata.json`` is an error naming it.
    """
    root = folder if folder is not None else packages_dir()
    if not root.is_dir():
        return []
    packages = []
    for path in sorted(root.iterdir()):
        metadata_path = path / "metadata.json"
        if path.name.startswith(".") or not metadata_path.is_file():
            continue
        try:
            metadata = json.loads(metadata_path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise ModelPackageError(
                f"cannot read the package metadata: {error}",
                path=metadata_path,
                hint=f"reinstall the package or delete the folder {path}",
            ) from None
        if not isinstance(metadata, dict) or metadata.get("type", "translate") != "translate":
            continue
        from_code, to_code = metadata.get("from_code"), metadata.get("to_code")
        if not isinstance(from_code, str) or not isinstance(to_code, str):
            continue
        packages.append(
            ModelPackage(
                from_code=from_code,
                to_code=to_code,
                version=str(metadata.get("package_version", "")),
                path=path,
                target_prefix=str(metadata.get("target_prefix") or ""),
                name=_name(metadata),
                tokenizer=_tokenizer_in(path),
            )
        )
    return sorted(packages, key=lambda p: (p.from_code, p.to_code, _version_key(p.version)))


def find(source: str, target: str, folder: Path | None = None) -> ModelPackage | None:
    """The installed package translating ``source`` to ``target`` directly (newest version).

    Languages are found by lookup (``package_code``): ``en-GB`` finds an ``en`` package,
    ``zh-TW`` a ``zt`` one, ``pt-BR`` a ``pb`` one.
    """
    return _find(installed(folder), source, target)


def _find(packages: Sequence[ModelPackage], source: str, target: str) -> ModelPackage | None:
    """The best source code first (``pb`` before ``pt`` for ``pt-BR``); when none of its
    packages serves ``target``, the next code that serves ``source``."""
    codes = sorted({p.from_code for p in packages})
    while codes:
        from_code = package_code(source, codes)
        if from_code is None:
            return None
        serving = [p for p in packages if p.from_code == from_code]
        to_code = package_code(target, [p.to_code for p in serving])
        found = [p for p in serving if p.to_code == to_code]
        if found:
            return max(found, key=lambda p: _version_key(p.version))
        codes.remove(from_code)
    return None


def route(source: str, target: str, folder: Path | None = None) -> list[ModelPackage]:
    """The packages that translate ``source`` to ``target``, in order.

    One package for a direct pair; else two through English (``fr -> en -> de``); else none.
    """
    return route_among(installed(folder), source, target)


def route_among(packages: Sequence[ModelPackage], source: str, target: str) -> list[ModelPackage]:
    """``route`` over a listing already read (``installed``)."""
    direct = _find(packages, source, target)
    if direct is not None:
        return [direct]
    if _same_base(source, PIVOT_LANG) or _same_base(target, PIVOT_LANG):
        return []
    first = _find(packages, source, PIVOT_LANG)
    second = _find(packages, PIVOT_LANG, target)
    return [first, second] if first is not None and second is not None else []


def validate(path: Path) -> PackageInfo:
    """Check that ``path`` is an installable ``.argosmodel`` and say what it holds.

    It must be a zip archive with exactly one top-level folder holding a ``metadata.json``
    (a JSON object with ``from_code`` and ``to_code``), a CTranslate2 model folder ``model/``
    with ``model.bin`` and a shared or a source and a target vocabulary, and a
    ``sentencepiece.model`` or a ``bpe.model``. Other folders (``stanza/``, ``minisbd/``,
    ``spacy/``) are allowed and ignored. Anything else raises ``ModelPackageError`` naming the
    file and what is wrong.
    """
    if not path.is_file():
        raise ModelPackageError("no such file", path=path, hint="check the path")
    if not zipfile.is_zipfile(path):
        raise ModelPackageError("not an Argos model package (not a zip archive)", path=path)
    try:
        with zipfile.ZipFile(path) as archive:
            names = [name for name in archive.namelist() if name.strip("/")]
            folder = _single_folder(path, names)
            members = set(names)
            metadata_name = f"{folder}/metadata.json"
            if metadata_name not in members:
                raise ModelPackageError(
                    f"the package has no {metadata_name}", path=path, hint=FILE_HINT
                )
            metadata_text = archive.read(metadata_name)
    except zipfile.BadZipFile as error:
        raise ModelPackageError(f"the zip archive is damaged: {error}", path=path) from None
    metadata = _parse_metadata(path, metadata_name, metadata_text)
    if f"{folder}/model/model.bin" not in members:
        raise ModelPackageError(
            f"the package has no CTranslate2 model ({folder}/model/model.bin missing)",
            path=path,
            hint=FILE_HINT,
        )
    vocabularies = {PurePosixPath(n).stem for n in members if n.startswith(f"{folder}/model/")}
    if (
        "shared_vocabulary" not in vocabularies
        and not {
            "source_vocabulary",
            "target_vocabulary",
        }
        <= vocabularies
    ):
        raise ModelPackageError(
            f"the CTranslate2 model in {folder}/model/ has no vocabulary file",
            path=path,
            hint=FILE_HINT,
        )
    tokenizer = next(
        (kind for kind, name in TOKENIZER_FILES.items() if f"{folder}/{name}" in members), None
    )
    if tokenizer is None:
        raise ModelPackageError(
            f"the package has no tokenizer model ({folder}/sentencepiece.model or "
            f"{folder}/bpe.model)",
            path=path,
            hint=FILE_HINT,
        )
    return PackageInfo(
        path=path,
        folder=folder,
        from_code=str(metadata["from_code"]),
        to_code=str(metadata["to_code"]),
        version=str(metadata.get("package_version", "")),
        target_prefix=str(metadata.get("target_prefix") or ""),
        name=_name(metadata),
        tokenizer=tokenizer,
    )


def install_file(path: Path, folder: Path | None = None) -> ModelPackage:
    """Validate the ``.argosmodel`` file and install it, offline, replacing the same pair.

    The package lands in ``folder`` (default ``packages_dir()``) as argospm would put it.
    """
    info = validate(path)
    root = folder if folder is not None else packages_dir()
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".tx-install-", dir=root.parent))
    try:
        try:
            with zipfile.ZipFile(path) as archive:
                archive.extractall(staging)
        except (zipfile.BadZipFile, OSError) as error:
            raise ModelPackageError(f"cannot extract the package: {error}", path=path) from None
        for old in installed(root):
            if old.from_code == info.from_code and old.to_code == info.to_code:
                shutil.rmtree(old.path)
        destination = root / info.folder
        if destination.exists():
            shutil.rmtree(destination)
        shutil.move(str(staging / info.folder), str(destination))
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return next(p for p in installed(root) if p.path == destination)


def install_from_index(source: str, target: str, folder: Path | None = None) -> ModelPackage:
    """Download the ``source``-``target`` package from the Argos package index and install it.

    The only network access in tx. Offline it raises ``ModelPackageError`` saying so and how
    to install a package file instead. The index is saved where argospm keeps it.
    """
    from argostranslate import package as argos_package
    from argostranslate import settings

    index_url = str(settings.remote_package_index)
    index = _download(index_url, "the Argos package index")
    local_index = Path(settings.local_package_index)
    local_index.parent.mkdir(parents=True, exist_ok=True)
    local_index.write_bytes(index)
    available = [p for p in argos_package.get_available_packages() if p.type == "translate"]
    from_code = package_code(source, [str(p.from_code) for p in available if p.from_code])
    to_code = package_code(
        target, [str(p.to_code) for p in available if p.to_code and p.from_code == from_code]
    )
    matches = [p for p in available if (p.from_code, p.to_code) == (from_code, to_code)]
    if not matches:
        pairs = sorted({f"{p.from_code}-{p.to_code}" for p in available if p.from_code})
        raise ModelPackageError(
            f"the Argos package index ({index_url}) has no {source}-{target} package",
            hint=f"available pairs: {', '.join(pairs) or 'none'}; "
            f"a missing pair is translated through English when {source}-en and en-{target} "
            "are installed",
        )
    chosen = max(matches, key=lambda p: _version_key(str(p.package_version)))
    with tempfile.TemporaryDirectory(prefix="tx-download-") as tmp:
        download = Path(tmp) / f"translate-{from_code}_{to_code}.argosmodel"
        errors = []
        for link in chosen.links:
            try:
                download.write_bytes(_download(link, f"the {source}-{target} package"))
                break
            except ModelPackageError as error:
                errors.append(str(error))
        else:
            raise ModelPackageError(
                f"cannot download the {source}-{target} package: {'; '.join(errors) or 'no links'}",
                hint=OFFLINE_HINT,
            )
        return install_file(download, folder)


def remove(source: str, target: str, folder: Path | None = None) -> list[ModelPackage]:
    """Uninstall every installed package translating ``source`` to ``target`` directly."""
    root = folder if folder is not None else packages_dir()
    packages = installed(root)
    found = _find(packages, source, target)
    doomed = [
        p
        for p in packages
        if found and (p.from_code, p.to_code) == (found.from_code, found.to_code)
    ]
    if not doomed:
        raise ModelPackageError(
            f"no {source}-{target} model package is installed",
            path=root,
            hint="see `tx models list`",
        )
    for package in doomed:
        shutil.rmtree(package.path)
    return doomed


def _download(url: str, what: str) -> bytes:
    import urllib.request  # only here: the one place tx may use the network

    try:
        with urllib.request.urlopen(url, timeout=NETWORK_TIMEOUT) as response:
            data: bytes = response.read()
            return data
    except (OSError, ValueError) as error:
        reason = getattr(error, "reason", None) or error
        raise ModelPackageError(
            f"cannot download {what} from {url}: {reason}; this machine looks offline",
            hint=OFFLINE_HINT,
        ) from None


def _single_folder(path: Path, names: list[str]) -> str:
    tops = set()
    for name in names:
        parts = PurePosixPath(name).parts
        if name.startswith("/") or ".." in parts or "\\" in name:
            raise ModelPackageError(
                f"unsafe path in the archive: {name}", path=path, hint=FILE_HINT
            )
        if len(parts) == 1 and not name.endswith("/"):
            raise ModelPackageError(
                f"the archive holds a file ({name}) outside a top-level folder; a package "
                "must be exactly one top-level folder",
                path=path,
                hint=FILE_HINT,
            )
        tops.add(parts[0])
    if len(tops) != 1:
        found = ", ".join(sorted(tops)) or "nothing"
        raise ModelPackageError(
            f"a package must hold exactly one top-level folder, found: {found}",
            path=path,
            hint=FILE_HINT,
        )
    return tops.pop()


def _parse_metadata(path: Path, name: str, text: bytes) -> dict[str, object]:
    try:
        metadata = json.loads(text.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ModelPackageError(
            f"{name} is not valid JSON: {error}", path=path, hint=FILE_HINT
        ) from None
    if not isinstance(metadata, dict):
        raise ModelPackageError(f"{name} must hold a JSON object", path=path, hint=FILE_HINT)
    for key in ("from_code", "to_code"):
        if not isinstance(metadata.get(key), str) or not metadata[key]:
            raise ModelPackageError(f"{name} has no '{key}'", path=path, hint=FILE_HINT)
    kind = metadata.get("type", "translate")
    if kind != "translate":
        raise ModelPackageError(
            f"{name} describes a '{kind}' package; tx installs translation packages only",
            path=path,
        )
    return metadata


def _tokenizer_in(path: Path) -> str:
    for kind, name in TOKENIZER_FILES.items():
        if (path / name).is_file():
            return kind
    return ""


def _name(metadata: dict[str, object]) -> str:
    source = metadata.get("from_name") or metadata.get("from_code")
    target = metadata.get("to_name") or metadata.get("to_code")
    return f"{source} → {target}"


def _same(code: str, wanted: str) -> bool:
    return code.lower() == wanted.lower()


def _same_base(code: str, wanted: str) -> bool:
    return (
        code.lower().replace("_", "-").split("-")[0]
        == wanted.lower().replace("_", "-").split("-")[0]
    )


def _version_key(version: str) -> tuple[tuple[int, str], ...]:
    return tuple((int(part), "") if part.isdigit() else (-1, part) for part in version.split("."))
