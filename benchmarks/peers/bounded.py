"""Bound CTranslate2's output length in a process, identically for every contender.

A model that failed to emit the end-of-sentence token would decode every sentence to each
program's own maximum (tx computes one, argostranslate leaves CTranslate2's default of 256),
and those maxima would decide the timings. Every argos contender therefore runs with
``Translator.translate_batch``'s ``max_decoding_length`` set to
``$TX_BENCH_MAX_DECODING_LENGTH``, the same for all, whatever each program asked for; nothing
else about the call changes.

The hook is lazy: it patches ``ctranslate2`` when (and only if) the program imports it, so a
run that loads no model imports nothing extra.

    python -m benchmarks.peers.bounded tx ARGS...   runs the tx command line, bounded
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import os
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import Any

ENV_LIMIT = "TX_BENCH_MAX_DECODING_LENGTH"


def _patch(module: ModuleType, limit: int) -> None:
    base = module.Translator

    class BoundedTranslator(base):  # type: ignore[misc, valid-type]
        def translate_batch(self, source: Any, *args: Any, **kwargs: Any) -> Any:
            kwargs["max_decoding_length"] = limit
            return super().translate_batch(source, *args, **kwargs)

    module.Translator = BoundedTranslator  # type: ignore[attr-defined]


class _Hook(importlib.abc.MetaPathFinder):
    def __init__(self, limit: int) -> None:
        self.limit = limit

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != "ctranslate2":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(fullname)
        if spec is None or spec.loader is None:
            return spec
        loader = spec.loader
        original = loader.exec_module
        limit = self.limit

        def exec_module(module: ModuleType) -> None:
            original(module)
            _patch(module, limit)

        loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


def install(limit: int | None = None) -> None:
    """Set ``max_decoding_length`` to ``limit`` (default ``$TX_BENCH_MAX_DECODING_LENGTH``)."""
    if limit is None:
        limit = int(os.environ[ENV_LIMIT])
    if "ctranslate2" in sys.modules:
        _patch(sys.modules["ctranslate2"], limit)
    else:
        sys.meta_path.insert(0, _Hook(limit))


def main(argv: Sequence[str]) -> None:
    """Run ``tx`` with ``argv`` (after the program name) under the bound."""
    install()
    if not argv or argv[0] != "tx":
        raise SystemExit("usage: python -m benchmarks.peers.bounded tx ARGS...")
    sys.argv = ["tx", *argv[1:]]
    from translate.cli import main as tx_main

    tx_main()


if __name__ == "__main__":
    main(sys.argv[1:])
