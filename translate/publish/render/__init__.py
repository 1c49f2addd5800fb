"""Exporters of editions: one module per output format and one entry in ``EXPORTERS``.

An exporter is a function from an ``Edition`` to the bytes of a file;
``translate.publish.publishing``
decides which editions are exported and writes the files. Adding a format is one module with a
``render(edition) -> bytes`` function plus its entry here (and its tests). Exporter modules are
imported when their format is asked for, and import their heavy libraries inside ``render``, so
importing this package (as the checks do, for ``export.inline``) stays cheap.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from translate.errors import ExportError

if TYPE_CHECKING:
    from translate.publish.edition import Edition

Exporter = Callable[["Edition"], bytes]

# Format name -> the module of this package whose ``render`` writes it.
EXPORTERS: Mapping[str, str] = {"html": "html", "docx": "docx"}

FORMATS = tuple(EXPORTERS)


def exporter(fmt: str) -> Exporter:
    """The exporter of format ``fmt`` (``html``, ``docx``)."""
    try:
        module = EXPORTERS[fmt]
    except KeyError:
        raise ExportError(
            f"unknown export format {fmt!r}", hint=f"use one of {', '.join(FORMATS)}"
        ) from None
    render: Exporter = importlib.import_module(f"{__name__}.{module}").render
    return render


__all__ = ["EXPORTERS", "FORMATS", "Exporter", "exporter"]
