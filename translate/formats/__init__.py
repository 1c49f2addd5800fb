"""File formats as bytes <-> typed values, without a workspace: XLIFF 1.2 and 2.x (``xliff``,
with inline codes in ``xliff_codes``), TMX 1.4 (``tmx``), TBX (``tbx``) and the DOCX package
(``docx_package``)."""
