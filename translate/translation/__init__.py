"""Machine translation of articles into work files: the run (``pipeline``), placeholders that
protect terms, names, numbers and markup (``masking``), the engines' confidence bands
(``confidence``) and the engines themselves (``engines``)."""
