"""What machine translation costs the newsroom: post-editing figures from the reviewers' own
work (``evidence``: one record per reviewed machine sentence, read from the work files;
``figures``: the sums per language and engine, article, check, confidence band, person and
week; ``calibration``: confidence thresholds proposed from the edits; ``charts`` and ``page``:
the HTML report with inline SVG charts)."""
