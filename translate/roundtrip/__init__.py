"""Interchange with the tools translators already use: XLIFF 1.2 and 2.1 files of work files.

``codes`` turns a segment's inline Markdown into XLIFF inline codes and back, ``xliff``
writes and reads the files, ``xliff_export`` writes a work file's XLIFF file into the
workspace, ``xliff_import`` applies a translated file to its work file.
"""
