"""Exporters of editions: one module per output format and one entry in ``EXPORTERS``.

An exporter is a function from an ``Edition`` to the bytes of a file; ``translate.publishing``
decides which editions are exported and writes the files. Adding a format is one module with a
``render(edition) -> bytes`` function plus its entry here (and its tests). Exporter modules
import their heavy libraries inside ``render``, so importing this package stays cheap.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from translate.edition import Edition
from translate.errors import ExportError
from translate.export import docx, html

Exporter = Callable[[Edition], bytes]

EXPORTERS: Mapping[str, Exporter] = {
    "html": html.render,
    "docx": docx.render,
}

FORMATS = tuple(EXPORTERS)


def exporter(fmt: str) -> Exporter:
    """The exporter of format ``fmt`` (``html``, ``docx``)."""
    try:
        return EXPORTERS[fmt]
    except KeyError:
        raise ExportError(
            f"unknown export format {fmt!r}", hint=f"use one of {', '.join(FORMATS)}"
        ) from None


__all__ = ["EXPORTERS", "FORMATS", "Exporter", "exporter"]
