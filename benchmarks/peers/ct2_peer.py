"""Peer of case 2: the least a program can do to translate the article with CTranslate2.

    python -m benchmarks.peers.ct2_peer PACKAGE_DIR SENTENCES.txt OUTPUT.txt

Reads one sentence per line (tx's own segmentation, written by the benchmark beforehand),
tokenises with the package's SentencePiece model, sends every sentence in one
``translate_batch`` with the options and the processor layout (workers, threads, tokens per
batch) tx's argos engine uses (the constants and ``layout`` below; the benchmark checks they
still match ``translate.translation.engines.argos``), decodes and writes one line per sentence.
CTranslate2 forms the batches; tx plans its own of equal size, which is part of what case 2
measures.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from benchmarks.peers import bounded

# argostranslate's decoding, which tx uses by default (translate.workspace.engine_options.Decoding).
BEAM_SIZE = 4
LENGTH_PENALTY = 0.2
MAX_BATCH_SIZE = 512
WORKER_BATCH_SIZE = 192
MAX_WORKERS = 4
BATCH_TYPE = "tokens"
MAX_DECODING_LENGTH = 256


def layout(cores: int) -> tuple[int, int, int]:
    """Workers, threads per worker and batch tokens on ``cores`` CPU cores, as tx runs
    them. The batches themselves are CTranslate2's (tx plans its own, of equal size)."""
    if cores <= 1:
        return 1, 1, MAX_BATCH_SIZE
    workers = min(cores, MAX_WORKERS)
    return workers, cores // workers, WORKER_BATCH_SIZE


def main(package: Path, sentences: Path, output: Path) -> None:
    """Translate every line of ``sentences`` with the model in ``package``."""
    bounded.install()
    import ctranslate2
    import sentencepiece

    workers, threads, batch_tokens = layout(os.cpu_count() or 1)
    translator = ctranslate2.Translator(
        str(package / "model"),
        device="cpu",
        compute_type="int8",
        inter_threads=workers,
        intra_threads=threads,
    )
    tokenizer = sentencepiece.SentencePieceProcessor(
        model_file=str(package / "sentencepiece.model")
    )
    lines = sentences.read_text(encoding="utf-8").splitlines()
    tokens = [tokenizer.encode(line, out_type=str) for line in lines]
    longest = max(len(pieces) for pieces in tokens)
    results = translator.translate_batch(
        tokens,
        beam_size=BEAM_SIZE,
        length_penalty=LENGTH_PENALTY,
        max_batch_size=batch_tokens,
        batch_type=BATCH_TYPE,
        max_decoding_length=min(MAX_DECODING_LENGTH, 3 * longest + 10),
        return_scores=True,
        replace_unknowns=True,
    )
    texts = [tokenizer.decode_pieces(list(r.hypotheses[0])).strip() for r in results]
    output.write_text("\n".join(texts) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
