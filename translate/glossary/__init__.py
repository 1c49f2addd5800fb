"""The house glossary: ``matching`` (loading, finding terms, checking, adding), ``sheets``
(the CSV files terminologists keep), ``formats`` (TBX and OmegaT import and export) and
``morphology`` (inflected forms of terms)."""

from translate.glossary.matching import (
    Matcher,
    TermOccurrence,
    TermReport,
    add_term,
    find_terms,
    load_glossary,
    load_workspace_glossary,
    matcher,
    term_report,
    validate,
)

__all__ = [
    "Matcher",
    "TermOccurrence",
    "TermReport",
    "add_term",
    "find_terms",
    "load_glossary",
    "load_workspace_glossary",
    "matcher",
    "term_report",
    "validate",
]
