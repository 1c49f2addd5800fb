"""Which language pairs each engine serves here, and what could be installed for the rest.

``served`` lists every pair the installed engines translate on this machine: argos directly
or through English (with package versions and decoding settings), apertium by its installed
modes. ``how_to_get`` says how to get an engine for a pair, naming only things that exist:
pairs of the Argos package index (argospm's cached copy of the index when there is one, else
the snapshot below) and Debian's real apertium packages.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from translate import languages
from translate.translation.engines.argos_packages import (
    PIVOT_LANG,
    language_tag,
    package_code,
)

# The translation pairs of the Argos package index (argosopentech/argospm-index, index.json of
# 2025-06-21), in the index's codes (zt: traditional Chinese, pb: Brazilian Portuguese).
ARGOS_INDEX_PAIRS = tuple(
    tuple(pair.split("-"))
    for pair in [
        "ar-en",
        "az-en",
        "bg-en",
        "bn-en",
        "ca-en",
        "cs-en",
        "da-en",
        "de-en",
        "el-en",
        "en-ar",
        "en-az",
        "en-bg",
        "en-bn",
        "en-ca",
        "en-cs",
        "en-da",
        "en-de",
        "en-el",
        "en-eo",
        "en-es",
        "en-et",
        "en-eu",
        "en-fa",
        "en-fi",
        "en-fr",
        "en-ga",
        "en-gl",
        "en-he",
        "en-hi",
        "en-hu",
        "en-id",
        "en-it",
        "en-ja",
        "en-ko",
        "en-ky",
        "en-lt",
        "en-lv",
        "en-ms",
        "en-nb",
        "en-nl",
        "en-pb",
        "en-pl",
        "en-pt",
        "en-ro",
        "en-ru",
        "en-sk",
        "en-sl",
        "en-sq",
        "en-sv",
        "en-th",
        "en-tl",
        "en-tr",
        "en-uk",
        "en-ur",
        "en-zh",
        "en-zt",
        "eo-en",
        "es-en",
        "es-pt",
        "et-en",
        "eu-en",
        "fa-en",
        "fi-en",
        "fr-en",
        "ga-en",
        "gl-en",
        "he-en",
        "hi-en",
        "hu-en",
        "id-en",
        "it-en",
        "ja-en",
        "ko-en",
        "ky-en",
        "lt-en",
        "lv-en",
        "ms-en",
        "nb-en",
        "nl-en",
        "pb-en",
        "pl-en",
        "pt-en",
        "pt-es",
        "ro-en",
        "ru-en",
        "sk-en",
        "sl-en",
        "sq-en",
        "sv-en",
        "th-en",
        "tl-en",
        "tr-en",
        "uk-en",
        "ur-en",
        "zh-en",
        "zt-en",
    ]
)

# Debian 12's apertium translation packages (`apt-cache search apertium`; transitional dummy
# packages left out) and the two languages each one holds, as ISO 639 codes. A package may
# translate one way only: `apertium -l` lists the directions once it is installed.
DEBIAN_APERTIUM = {
    "apertium-afr-nld": ("af", "nl"),
    "apertium-arg-cat": ("an", "ca"),
    "apertium-bel-rus": ("be", "ru"),
    "apertium-br-fr": ("br", "fr"),
    "apertium-cat-ita": ("ca", "it"),
    "apertium-cat-srd": ("ca", "sc"),
    "apertium-dan-nor": ("da", "no"),
    "apertium-en-gl": ("en", "gl"),
    "apertium-eng-cat": ("en", "ca"),
    "apertium-eng-spa": ("en", "es"),
    "apertium-eo-ca": ("eo", "ca"),
    "apertium-eo-en": ("eo", "en"),
    "apertium-eo-es": ("eo", "es"),
    "apertium-eo-fr": ("eo", "fr"),
    "apertium-es-gl": ("es", "gl"),
    "apertium-es-pt": ("es", "pt"),
    "apertium-es-ro": ("es", "ro"),
    "apertium-eu-en": ("eu", "en"),
    "apertium-eu-es": ("eu", "es"),
    "apertium-fr-es": ("fr", "es"),
    "apertium-fra-cat": ("fr", "ca"),
    "apertium-fra-frp": ("fr", "frp"),
    "apertium-hbs-eng": ("sh", "en"),
    "apertium-hbs-mkd": ("sh", "mk"),
    "apertium-hbs-slv": ("sh", "sl"),
    "apertium-ind-zlm": ("id", "ms"),
    "apertium-isl-eng": ("is", "en"),
    "apertium-isl-swe": ("is", "sv"),
    "apertium-mkd-bul": ("mk", "bg"),
    "apertium-mkd-eng": ("mk", "en"),
    "apertium-nno-nob": ("nn", "nb"),
    "apertium-oc-ca": ("oc", "ca"),
    "apertium-oc-es": ("oc", "es"),
    "apertium-oci-fra": ("oc", "fr"),
    "apertium-pol-szl": ("pl", "szl"),
    "apertium-por-cat": ("pt", "ca"),
    "apertium-pt-gl": ("pt", "gl"),
    "apertium-rus-ukr": ("ru", "uk"),
    "apertium-spa-arg": ("es", "an"),
    "apertium-spa-ast": ("es", "ast"),
    "apertium-spa-cat": ("es", "ca"),
    "apertium-spa-ita": ("es", "it"),
    "apertium-srd-ita": ("sc", "it"),
    "apertium-swe-dan": ("sv", "da"),
    "apertium-swe-nor": ("sv", "no"),
    "apertium-urd-hin": ("ur", "hi"),
}
# Serbo-Croatian packages serve its standard variants.
# The end of a hint everywhere but in `tx engines` itself (see ``availability.coverage``).
SEE_ENGINES = "; `tx engines` lists what serves what"

# Apertium's three-letter codes of the languages it has pairs for.
ISO3 = {
    "en": "eng",
    "es": "spa",
    "fr": "fra",
    "ca": "cat",
    "pt": "por",
    "it": "ita",
    "de": "deu",
    "gl": "glg",
    "oc": "oci",
    "ro": "ron",
    "eu": "eus",
    "eo": "epo",
    "nl": "nld",
    "af": "afr",
    "sv": "swe",
    "da": "dan",
    "nb": "nob",
    "nn": "nno",
    "is": "isl",
    "cy": "cym",
    "br": "bre",
    "ga": "gle",
    "mt": "mlt",
    "ar": "ara",
    "ru": "rus",
    "uk": "ukr",
    "be": "bel",
    "pl": "pol",
    "cs": "ces",
    "sk": "slk",
    "sl": "slv",
    "mk": "mkd",
    "bg": "bul",
    "kk": "kaz",
    "tt": "tat",
    "id": "ind",
    "ms": "msa",
    "hi": "hin",
    "ur": "urd",
}

_HBS = {"hr": "sh", "sr": "sh", "bs": "sh"}


def index_pairs() -> tuple[tuple[str, ...], ...]:
    """The Argos index's pairs: argospm's cached index when readable, else the snapshot."""
    cached = local_index()
    if cached is not None:
        try:
            data = json.loads(cached.read_text(encoding="utf-8"))
            pairs = tuple(
                (str(item["from_code"]), str(item["to_code"]))
                for item in data
                if item.get("type", "translate") == "translate"
            )
        except (OSError, UnicodeDecodeError, ValueError, TypeError, KeyError, AttributeError):
            pairs = ()
        if pairs:
            return pairs
    return ARGOS_INDEX_PAIRS


def local_index() -> Path | None:
    """argospm's cached copy of the Argos index (written by ``tx models install``), if any."""
    try:
        from argostranslate import settings
    except ImportError:
        return None
    path = Path(settings.local_package_index)
    return path if path.is_file() else None


def argos_install_commands(source: str, target: str) -> list[str]:
    """The ``tx models install`` commands that get argos ``source`` to ``target`` from the
    index: one for a direct pair, two through English, none when the index cannot."""
    pairs = index_pairs()

    def find(src: str, tgt: str) -> tuple[str, str] | None:
        from_code = package_code(src, [a for a, _ in pairs])
        if from_code is None:
            return None
        to_code = package_code(tgt, [b for a, b in pairs if a == from_code])
        return (from_code, to_code) if to_code is not None else None

    direct = find(source, target)
    if direct is not None:
        return [f"tx models install {_shown(direct[0])} {_shown(direct[1])}"]
    if PIVOT_LANG in (languages.base(source), languages.base(target)):
        return []
    into, out_of = find(source, PIVOT_LANG), find(PIVOT_LANG, target)
    if into is None or out_of is None:
        return []
    return [
        f"tx models install {_shown(into[0])} {PIVOT_LANG}",
        f"tx models install {PIVOT_LANG} {_shown(out_of[1])}",
    ]


def apertium_package(source: str, target: str) -> str | None:
    """Debian's apertium package holding ``source`` and ``target``, if there is one."""
    wanted = {_apertium_base(source), _apertium_base(target)}
    for package, langs in DEBIAN_APERTIUM.items():
        if set(langs) == wanted and len(wanted) == 2:
            return package
    return None


def how_to_get(source: str, target: str, engines: Sequence[str] = ("argos", "apertium")) -> str:
    """A hint naming what can be installed to translate ``source`` to ``target``."""
    ways = []
    if "argos" in engines:
        commands = argos_install_commands(source, target)
        if len(commands) == 1:
            ways.append(f"`{commands[0]}` (Argos package index)")
        elif commands:
            ways.append(
                f"`{commands[0]}` and `{commands[1]}` (Argos package index; "
                "translated through English)"
            )
    if "apertium" in engines:
        package = apertium_package(source, target)
        if package is not None:
            ways.append(
                f"`apt-get install apertium {package}` (Debian; `apertium -l` lists its directions)"
            )
    if ways:
        return "get one with " + ", or ".join(ways) + SEE_ENGINES
    sources = [
        name
        for name, used in (
            ("the Argos package index", "argos" in engines),
            ("Debian's apertium", "apertium" in engines),
        )
        if used
    ]
    if len(sources) == 2:
        missing = f"neither {sources[0]} nor {sources[1]} has a package"
    else:
        missing = f"{sources[0]} has no package"
    return (
        f"{missing} for {source} to {target}; with a .argosmodel file for the pair, run "
        "`tx models install FILE.argosmodel`"
    )


def _shown(code: str) -> str:
    """An index code as a user would type it: the BCP 47 tag (``zt`` as ``zh-Hant``)."""
    return language_tag(code)


def _apertium_base(tag: str) -> str:
    base = languages.base(tag)
    return _HBS.get(base, base)
