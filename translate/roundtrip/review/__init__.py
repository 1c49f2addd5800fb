"""The review round trip: review documents (DOCX) written for reviewers and read back.

``format`` (the document's layout, labels and status words), ``export`` (writing one),
``suggestions`` (source changes and fuzzy matches shown under a source), ``document``
(reading one back), ``importer`` (applying a reviewed document to its work file) and
``conflicts`` (the conflict rule and report lines the XLIFF import shares).
"""
