"""The argos benchmark cases' own logic (no timing): equal decoding for every contender, and
a backlog whose sentences are all different."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks import cases_backlog, cases_translate
from benchmarks.peers import ct2_peer
from translate.workspace.engine_options import Decoding


def test_every_contender_decodes_as_argostranslate_does() -> None:
    cases_translate.check_peer_options()  # the raw CTranslate2 peer matches tx's engine
    assert ct2_peer.BEAM_SIZE == cases_translate.ARGOS_BEAM_SIZE == Decoding().beam_size == 4
    assert ct2_peer.LENGTH_PENALTY == Decoding().length_penalty == 0.2


def test_backlog_code_words_are_distinct_lowercase_words() -> None:
    words = [cases_backlog.code_word(n) for n in range(3000)]
    assert len(set(words)) == len(words)
    assert all(word.isalpha() and word.islower() and len(word) >= 4 for word in words)
