"""tx: an offline translation and publishing toolkit for multilingual newsrooms.

The package is a library first; ``translate.cli`` is a thin command-line skin over it.
"""

__version__ = "0.1.0"
