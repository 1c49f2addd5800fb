"""What tx's XLIFF reader and writer share: namespaces, versions, the fields a file records
of the work file it was exported from, and note categories."""

from __future__ import annotations

from translate.formats.marks import exported_mark, short_hash
from translate.models import ORIGIN_FUZZY, ORIGIN_MEMORY, TranslatedSegment
from translate.workspace.limits import MIB

XLIFF_12 = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF_2 = "urn:oasis:names:tc:xliff:document:2.0"  # the core namespace of 2.0 and 2.1
MDA = "urn:oasis:names:tc:xliff:metadata:2.0"
GLS = "urn:oasis:names:tc:xliff:glossary:2.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
VERSIONS = ("1.2", "2.1")
FORMAT = "tx-xliff/1"
MAX_XLIFF_BYTES = 20 * MIB

FIELD_FORMAT = "format"
FIELD_ARTICLE = "article"
FIELD_SOURCE_LANG = "source-language"
FIELD_TARGET_LANG = "target-language"
FIELD_REVISION = "revision"
FIELD_DIGEST = "source-digest"
FIELD_VERSION = "tx-version"
FIELD_MODE = "targets"
MODE_COPY_SOURCE = "source-copy"

TX_CATEGORY = "tx"  # metadata group and note category prefix of what tx writes
FLAG_CATEGORY = "tx-flag"
WAIVER_CATEGORY = "tx-waiver"
HINT = "give an XLIFF 1.2 or 2.x file that tx exported (tx xliff export)"


def sub_state(item: TranslatedSegment) -> str:
    """Where a translation came from, as an XLIFF 2.1 ``subState`` (``tx:machine``...)."""
    if item.origin in (ORIGIN_MEMORY, ORIGIN_FUZZY):
        return f"tx:{item.origin}"
    if item.origin in ("reviewer", "translator") or item.origin.startswith("translator"):
        return "tx:" + item.origin.split(" ", 1)[0]
    return "tx:machine"


def hashes(item: TranslatedSegment) -> str:
    return exported_mark(short_hash(item.segment.source), short_hash(item.target), item.state)
