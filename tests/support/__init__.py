"""Test support code: builders of real test inputs (such as Argos model packages) and fakes.

Test modules import it as ``support`` (pytest puts ``tests/`` on ``sys.path`` for the
root ``conftest.py``).
"""
