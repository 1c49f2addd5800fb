"""Peer of case 1: Argos Translate translating the article its documented way.

    python -m benchmarks.peers.argos_peer ARTICLE.txt OUTPUT.txt

``argostranslate.translate.translate(text, "en", "es")`` over the whole text, with the
package installed in ``$ARGOS_PACKAGES_DIR``; the output length is bounded like every other
contender's (``bounded``). Sentence splitting is argostranslate's spaCy mode
(``ARGOS_CHUNK_TYPE=SPACY``) with a spaCy pipeline packaged inside the Argos package, set up by
``benchmarks.packages``: its other modes download a model at run time and cannot run offline.
"""

from __future__ import annotations

import sys
from pathlib import Path

from benchmarks.peers import bounded


def main(source: Path, output: Path) -> None:
    """Translate ``source`` into Spanish with argostranslate and write ``output``."""
    bounded.install()
    import argostranslate.translate

    text = source.read_text(encoding="utf-8")
    output.write_text(argostranslate.translate.translate(text, "en", "es"), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
