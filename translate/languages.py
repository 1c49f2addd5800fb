"""Facts about languages that every part of tx asks: the base language of a code, the text
direction, the name of a language, the tag Word's proofing tools expect.

They come from Babel's CLDR data, imported inside the functions so ``tx --help`` stays fast.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from translate.errors import LanguageError

RTL_FALLBACK = frozenset({"ar", "fa", "he", "ur", "ps", "sd", "ug", "yi", "dv", "ckb"})
EAST_ASIAN = frozenset({"zh", "ja", "ko"})


# language[-Script][-REGION][-variant...], the parts of BCP 47 a newsroom's editions use.
_TAG = re.compile(
    r"([A-Za-z]{2,3})(?:[-_]([A-Za-z]{4}))?(?:[-_]([A-Za-z]{2}|[0-9]{3}))?"
    r"((?:[-_](?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*)"
)


@lru_cache(maxsize=4096)
def normalized(code: str) -> str | None:
    """The canonical casing of a syntactically valid tag (``es_es`` gives ``es-ES``), or
    ``None`` when ``code`` is not shaped like a tag. Needs no locale data."""
    text = code.strip()
    match = _TAG.fullmatch(text) if len(text) <= 64 else None
    if match is None:
        return None
    language, script, region, variants = match.groups()
    parts = [language.lower()]
    if script:
        parts.append(script.title())
    if region:
        parts.append(region.upper())
    parts.extend(v.lower() for v in variants.replace("_", "-").split("-") if v)
    return "-".join(parts)


@lru_cache(maxsize=256)
def canonical(code: str) -> str:
    """The canonical BCP 47 form of a language code: ``ES`` gives ``es``, ``es_es`` gives
    ``es-ES``, ``zh-hant`` gives ``zh-Hant``.

    Raises ``LanguageError`` for anything that is not a tag of a language CLDR knows, so a
    code can never be a path or an unknown language.
    """
    tag = normalized(code)
    if tag is None:
        raise LanguageError(
            f"'{_shown(code)}' is not a language tag",
            hint="use a BCP 47 tag such as es, fr-CA, pt-BR or zh-Hant",
        )
    language = tag.split("-")[0]
    if not _has_locale_data(language) and language not in _language_codes():
        raise LanguageError(
            f"'{_shown(code)}': unknown language '{language}'",
            hint="use an ISO 639 code that CLDR knows, such as es, de, uk, zh or ar",
        )
    return tag


@lru_cache(maxsize=512)
def maximized(tag: str) -> tuple[str, str, str]:
    """(language, script, region) of a tag with the missing parts filled in from CLDR's
    likely subtags: ``zh-TW`` gives (zh, Hant, TW), ``es`` gives (es, Latn, ES)."""
    from babel.core import get_global

    parts = (normalized(tag) or tag).split("-")
    language = parts[0].lower()
    script = next((p for p in parts[1:] if len(p) == 4 and p.isalpha()), "")
    region = next((p for p in parts[1:] if len(p) == 2 or (len(p) == 3 and p.isdigit())), "")
    likely = get_global("likely_subtags")
    for key in (f"{language}_{script}_{region}", f"{language}_{region}", f"{language}_{script}"):
        if "__" not in key and not key.endswith("_") and key in likely:
            break
    else:
        key = language
    filled = str(likely.get(key, "")).split("_")
    if len(filled) == 3:
        script = script or filled[1]
        region = region or filled[2]
    return language, script, region


def explicit_region(tag: str) -> str:
    """The region a tag names itself (``es-MX`` gives MX, ``es`` and ``zh-Hant`` give '')."""
    parts = (normalized(tag) or tag).split("-")
    return next((p for p in parts[1:] if len(p) == 2 or (len(p) == 3 and p.isdigit())), "")


def serves(available: str, wanted: str) -> bool:
    """Whether text tagged ``available`` may stand in an edition in ``wanted``: the same
    language and script (after likely subtags), and no two different regions both named.
    ``es-ES`` serves ``es``, ``zh-Hant`` serves ``zh-TW`` and ``zh-HK``, ``pt-BR`` does not
    serve ``pt-PT``, ``zh`` (simplified) does not serve ``zh-TW``."""
    one, other = maximized(available), maximized(wanted)
    if one[:2] != other[:2]:
        return False
    regions = explicit_region(available), explicit_region(wanted)
    return not (regions[0] and regions[1] and regions[0] != regions[1])


@lru_cache(maxsize=4096)
def same_language(tag: str, named: str) -> bool:
    """Whether text tagged ``tag`` is in the language ``named`` (any letter case; ``en-US``
    text is English): the tags are equal or ``tag`` serves ``named``."""
    if tag.lower() == named.lower():
        return True
    return bool(normalized(tag) and normalized(named)) and serves(tag, named)


def lookup(wanted: str, available: Iterable[str]) -> str | None:
    """The best of ``available`` tags for ``wanted`` (RFC 4647 lookup in spirit): the same
    tag, else one that serves it, the same region first, then one naming no region."""
    return _lookup(wanted, tuple(available))


@lru_cache(maxsize=4096)
def _lookup(wanted: str, tags: tuple[str, ...]) -> str | None:
    tag = normalized(wanted) or wanted
    for code in tags:
        if (normalized(code) or code) == tag:
            return code
    language = (normalized(tag) or tag).split("-")[0].lower()
    if not any(_language_of(code) == language for code in tags):
        return None  # only a tag of the same language serves: CLDR's subtags are not needed
    region, likely = explicit_region(tag), maximized(tag)[2]
    fitting = [code for code in tags if normalized(code) and serves(code, tag)]
    fitting.sort(
        key=lambda code: (
            explicit_region(code) != region,
            maximized(code)[2] != likely,
            bool(explicit_region(code)),
        )
    )
    return fitting[0] if fitting else None


def _language_of(code: str) -> str | None:
    """The language subtag of a well-formed tag, as ``maximized`` reads it; ``None`` else."""
    tag = normalized(code)
    return tag.split("-")[0].lower() if tag else None


def _shown(code: str) -> str:
    text = code if len(code) <= 40 else code[:40] + "..."
    return text.encode("unicode_escape").decode("ascii")


def _has_locale_data(language: str) -> bool:
    """Whether CLDR has locale data for ``language``: a file lookup, where the full list of
    language names (``_language_codes``) costs a twentieth of a second to load."""
    if len(language) not in (2, 3) or not language.isalpha():
        return False
    if has_locale_file(language):
        return True
    from babel import localedata

    return localedata.exists(language)


def has_locale_file(language: str) -> bool:
    """Whether Babel's CLDR data has a file for ``language`` (two or three small ASCII
    letters), found without loading Babel: what ``localedata.exists`` and ``Locale.parse``
    look for first, so a run that needs no more of Babel does not load it."""
    if len(language) not in (2, 3) or not (language.isascii() and language.isalpha()):
        return False
    if not language.islower():
        return False
    spec = importlib.util.find_spec("babel")
    folders = spec.submodule_search_locations if spec is not None else None
    if not folders:
        return False
    return (Path(next(iter(folders))) / "locale-data" / f"{language}.dat").is_file()


@lru_cache(maxsize=1)
def _language_codes() -> frozenset[str]:
    from babel import Locale
    from babel.core import get_global

    return frozenset(Locale("en").languages) | frozenset(get_global("language_aliases"))


def base(lang: str) -> str:
    """The language subtag of a code: ``pt-BR`` gives ``pt``."""
    return lang.replace("_", "-").split("-")[0].lower()


@lru_cache(maxsize=64)
def locale(lang: str) -> Any:
    """The Babel Locale of a language code, or ``None`` when CLDR does not know it."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return None


def direction(lang: str) -> str:
    """``rtl`` for right-to-left languages (from Babel), else ``ltr``."""
    known = locale(lang)
    if known is None:
        return "rtl" if base(lang) in RTL_FALLBACK else "ltr"
    return "rtl" if known.character_order == "right-to-left" else "ltr"


def is_rtl(lang: str) -> bool:
    """Whether ``lang`` is written right to left."""
    return direction(lang) == "rtl"


def is_east_asian(lang: str) -> bool:
    """Whether Word treats ``lang`` as an East Asian language (w:eastAsia)."""
    return base(lang) in EAST_ASIAN


def language_name(lang: str, *, in_lang: str | None = None) -> str:
    """The name of ``lang`` in ``in_lang`` (default: in itself), as Babel spells it."""
    known = locale(lang)
    if known is None:
        return lang
    where = locale(in_lang) if in_lang else known
    name = known.get_display_name(where) if where is not None else None
    return str(name) if name else lang


def region_tag(lang: str) -> str:
    """A language tag with a region, as Word's proofing tools expect it (``es`` gives
    ``es-ES``, ``zh`` gives ``zh-CN``; a tag with a region stays as it is)."""
    if "-" in lang or "_" in lang:
        return lang.replace("_", "-")
    from babel.core import get_global

    likely = get_global("likely_subtags").get(lang)
    if not likely:
        return lang
    parts = str(likely).split("_")
    region = next((p for p in parts[1:] if len(p) == 2 and p.isupper()), None)
    return f"{lang}-{region}" if region else lang
