"""XLIFF 1.2 and 2.1: ``write`` (a work file as a file for CAT tools), ``read`` (any XLIFF
1.2 or 2.x file as units), ``codes`` (inline Markdown as XLIFF inline codes and back) and
``common`` (namespaces, fields and categories both share)."""
