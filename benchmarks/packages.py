"""The realistic Argos packages the benchmark translates with, built once and cached.

Packages come from the test suite's builder (``tests/support/argos_builder.py``, size
``realistic``: 6+6 layers, d_model 512, 8 heads, feed-forward 2048, 8,000 pieces, int8) and are
cached in ``benchmarks/.cache/packages/<builder digest>/``: a changed builder or training text
(``tests/data/``) builds anew.

``install`` extracts them into a packages folder with tx's own installer. For argostranslate
(the case 1 peer) each installed package also gets a ``spacy/`` folder holding a blank
English spaCy pipeline: with ``ARGOS_CHUNK_TYPE=SPACY`` argostranslate loads a spaCy model
packaged this way and adds spaCy's rule-based sentencizer. Its default mode (MiniSBD), stanza
and its unpackaged spaCy mode all download a model at run time, which this machine cannot.
"""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[1]
BUILDER = REPO / "tests" / "support" / "argos_builder.py"
CACHE = REPO / "benchmarks" / ".cache"


def _builder() -> ModuleType:
    # Loaded by path: another installed distribution owns the top-level name ``tests``.
    name = "_tx_bench_argos_builder"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, BUILDER)
    if spec is None or spec.loader is None:
        raise RuntimeError(f"cannot load {BUILDER}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def package_file(from_code: str, to_code: str, size: str = "realistic") -> Path:
    """The cached ``.argosmodel`` for the pair, built first if missing."""
    inputs = hashlib.sha256()
    for path in (BUILDER, *_builder().TRAINING_TEXTS):
        inputs.update(hashlib.sha256(path.read_bytes()).digest())
    digest = inputs.hexdigest()[:12]
    folder = CACHE / "packages" / f"{size}-{digest}"
    found = sorted(folder.glob(f"translate-{from_code}_{to_code}-*.argosmodel"))
    if found:
        return found[-1]
    path: Path = _builder().build_argos_package(folder, from_code, to_code, size=size)
    return path


def install(packages_dir: Path, pairs: list[tuple[str, str]], size: str = "realistic") -> None:
    """Install the cached packages for ``pairs`` into ``packages_dir`` (tx's installer)."""
    from translate.translation.engines.argos_packages import install_file

    packages_dir.mkdir(parents=True, exist_ok=True)
    for from_code, to_code in pairs:
        install_file(package_file(from_code, to_code, size), packages_dir)


def add_spacy_sentencizer(package_folder: Path) -> None:
    """Give an installed package the ``spacy/`` folder argostranslate's spaCy mode loads."""
    import spacy

    target = package_folder / "spacy"
    if not target.exists():
        spacy.blank("en").to_disk(target)


def argos_environment(packages_dir: Path, home: Path) -> dict[str, str]:
    """Environment for argostranslate: our packages, spaCy splitting, its folders in ``home``.

    argostranslate's spaCy mode first looks for its multilingual model in its cache and
    downloads it when missing, even when the package brings its own; an empty cache entry
    stops that (the packaged model is the one used).
    """
    (home / "cache" / "argos-translate" / "spacy" / "senter" / "model").mkdir(
        parents=True, exist_ok=True
    )
    return {
        "ARGOS_PACKAGES_DIR": str(packages_dir),
        "ARGOS_CHUNK_TYPE": "SPACY",
        "ARGOS_DEVICE_TYPE": "cpu",
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
    }
