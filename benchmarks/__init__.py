"""tx's benchmarks: ``python -m benchmarks`` (``make bench``) runs every case side by side.

Each case times whole processes (start-up and model load included) of tx and of a peer,
alternately, and reports medians, peak memory and ratios; see ``harness`` for the method and
``cases_translate`` and ``cases_workspace`` for the cases. Results go to benchmarks/results/.
"""
