"""Cases 1 to 5: translating the wire story (tests/data), with argos (realistic model) and apertium.

Cases 1, 2 and 4 share one rotation of four commands, so each pair is measured side by side:
tx's first run (work files reset before it), argostranslate, the minimal CTranslate2 script,
and tx's second run of the unchanged article (right after the first; it must load no model).

Every argos contender runs with CTranslate2's output bounded to ``DECODING_BOUND`` tokens per
sentence (``peers/bounded``), so no program's own limit decides a timing. The benchmark model
copies its input through a vocabulary permutation and stops after the source's length, as a
real model does; 256 (CTranslate2's default and tx's cap) never cuts a story sentence short.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from benchmarks import kept_warm, packages, workspaces
from benchmarks.harness import Command, Comparison, Sample, alternate
from benchmarks.peers import ct2_peer
from benchmarks.peers.bounded import ENV_LIMIT

DECODING_BOUND = 256
ARGOS_BEAM_SIZE = 4  # argostranslate's default (ARGOS_BEAM_SIZE), tx's default too
# Cases that could not run here, each with its reason (printed after the table).
SKIPPED: list[str] = []
PYTHON = sys.executable
TX = str(Path(sys.executable).with_name("tx"))


def _bounded_tx(*args: str) -> tuple[str, ...]:
    return (PYTHON, "-m", "benchmarks.peers.bounded", "tx", *args)


def _reset(ws: Path, *, stop_servers: bool = False) -> None:
    shutil.rmtree(ws / "translations", ignore_errors=True)
    (ws / "translations").mkdir()
    if stop_servers:
        kept_warm.stop_servers()


def check_peer_options() -> None:
    """Fail when the CTranslate2 peer's options or processor layout drifted from tx's argos
    engine."""
    from translate.translation.engines import argos

    names = ("BEAM_SIZE", "LENGTH_PENALTY", "MAX_BATCH_SIZE", "BATCH_TYPE", "MAX_DECODING_LENGTH")
    for name in names:
        if getattr(argos, name) != getattr(ct2_peer, name):
            raise RuntimeError(f"benchmarks/peers/ct2_peer.py: {name} differs from tx's argos")
    cpu = argos.Device("cpu", "int8")
    for cores in range(1, 17):
        plan = argos.layout(cpu, cores)
        if (plan.workers, plan.threads, plan.batch_tokens) != ct2_peer.layout(cores):
            raise RuntimeError("benchmarks/peers/ct2_peer.py: layout differs from tx's argos")


def argos_cases(work: Path, runs: int, warmup: int, *, three: bool = True) -> list[Comparison]:
    """Cases 1, 2, 4 (one rotation), 3 (one call into three languages vs three calls) unless
    ``three`` is False (group ``argos-es``), and 1g when there is a GPU."""
    check_peer_options()
    pk = work / "packages"
    pairs = [("en", "es"), ("en", "fr"), ("en", "de")] if three else [("en", "es")]
    packages.install(pk, pairs)
    es_package = next(pk.glob("translate-en_es-*"))
    # argostranslate gets the same en-es package alone: it loads every installed package's
    # sentence splitter at start-up, which would cost it time for pairs it does not use.
    argos_pk = work / "packages-argostranslate"
    packages.install(argos_pk, [("en", "es")])
    packages.add_spacy_sentencizer(next(argos_pk.glob("translate-en_es-*")))
    env = {
        **packages.argos_environment(pk, work / "argos-home"),
        ENV_LIMIT: str(DECODING_BOUND),
        "PYTHONPATH": str(packages.REPO),
    }
    argos_env = {
        **env,
        "ARGOS_PACKAGES_DIR": str(argos_pk),
        "ARGOS_BEAM_SIZE": str(ARGOS_BEAM_SIZE),
    }
    ws = work / "ws-argos"
    article = workspaces.story_workspace(ws)
    sentences = work / "sentences.txt"
    sentences.write_text("\n".join(workspaces.story_sentences()) + "\n", encoding="utf-8")
    out = work / "out"
    out.mkdir(exist_ok=True)
    rel = str(article.relative_to(ws))

    first = Command(
        "tx translate story --to es --engine argos (first run)",
        (_bounded_tx("translate", rel, "--to", "es", "--engine", "argos"),),
        env=env,
        cwd=ws,
        prepare=lambda: _reset(ws),
    )
    argos_peer = Command(
        "argostranslate.translate.translate(text, 'en', 'es')",
        ((PYTHON, "-m", "benchmarks.peers.argos_peer", str(article), str(out / "argos.txt")),),
        env=argos_env,
    )
    ct2 = Command(
        "CTranslate2: every sentence in one translate_batch",
        (
            (
                PYTHON,
                "-m",
                "benchmarks.peers.ct2_peer",
                str(es_package),
                str(sentences),
                str(out / "ct2.txt"),
            ),
        ),
        env=env,
    )
    second = Command(
        "tx translate story --to es (second run, unchanged)",
        (_bounded_tx("translate", rel, "--to", "es", "--engine", "argos"),),
        env=env,
        cwd=ws,
    )
    samples = alternate([first, argos_peer, ct2, second], runs, warmup)
    retried = _count_flags(ws / "translations" / "es" / "story.json", "placeholder")
    case1 = Comparison(
        "1 argos es: tx vs argostranslate",
        first,
        argos_peer,
        target_time=0.35,
        target_memory=0.5,
        a_samples=samples[0],
        b_samples=samples[1],
        note=f"both at beam {ARGOS_BEAM_SIZE}, length penalty 0.2 (argostranslate's default "
        f"and tx's configured default); argostranslate: spaCy sentencizer (offline); output "
        f"bound {DECODING_BOUND}",
    )
    case2 = Comparison(
        "2 argos es: tx vs raw CTranslate2 batch",
        first,
        ct2,
        target_time=1.05,
        a_samples=samples[0],
        b_samples=samples[2],
        note=f"tx re-translated {retried} of {len(workspaces.story_sentences())} sentences "
        "unmasked (placeholders the engine broke)",
        extra={"retried_sentences": retried},
    )
    case4 = Comparison(
        "4 second tx translate / first",
        second,
        first,
        target_time=0.1,
        a_samples=samples[3],
        b_samples=samples[0],
        note="ctranslate2 imported by the second run: " + _imports_ctranslate2(second),
    )
    sentences_count = len(workspaces.story_sentences())
    case1.extra["sentences_per_cpu_second"] = _per_cpu(samples[0], sentences_count)
    case1.extra["sentences_per_second_wall"] = sentences_count / case1.a_median

    cases = [case1, case2, case4]
    if three:
        cases.insert(2, _three_languages(ws, rel, env, runs, warmup))
    gpu = _gpu_case(ws, rel, env, runs, warmup)
    return cases + ([gpu] if gpu is not None else [])


def _gpu_case(ws: Path, rel: str, env: dict[str, str], runs: int, warmup: int) -> Comparison | None:
    """Case 1g: tx on a CUDA GPU vs tx on the CPU, when CTranslate2 finds a GPU (else the
    reason goes to ``SKIPPED``)."""
    import ctranslate2

    try:
        gpus = ctranslate2.get_cuda_device_count()
    except RuntimeError as error:
        gpus, reason = 0, f"CTranslate2 cannot query CUDA: {error}"
    else:
        reason = "CTranslate2 finds no CUDA GPU on this machine"
    if gpus == 0:
        SKIPPED.append(f"1g argos es on a GPU: skipped, {reason}")
        return None
    commands = [
        Command(
            f"tx translate seed --to es --engine argos --device {device} (first run)",
            (_bounded_tx("translate", rel, "--to", "es", "--engine", "argos", "--device", device),),
            env=env,
            cwd=ws,
            prepare=lambda: _reset(ws),
        )
        for device in ("cuda", "cpu")
    ]
    samples = alternate(commands, runs, warmup)
    return Comparison(
        "1g argos es: tx on cuda vs tx on cpu",
        commands[0],
        commands[1],
        a_samples=samples[0],
        b_samples=samples[1],
        note=f"{gpus} CUDA device(s); beam {ARGOS_BEAM_SIZE}; compute type chosen by tx",
    )


def _three_languages(ws: Path, rel: str, env: dict[str, str], runs: int, warmup: int) -> Comparison:
    one = Command(
        "tx translate story --to es,fr,de (one call)",
        (_bounded_tx("translate", rel, "--to", "es,fr,de", "--engine", "argos"),),
        env=env,
        cwd=ws,
        prepare=lambda: _reset(ws),
    )
    langs = ("es", "fr", "de")
    calls = tuple(_bounded_tx("translate", rel, "--to", x, "--engine", "argos") for x in langs)
    three = Command("three calls --to es; fr; de", calls, env=env, cwd=ws, prepare=one.prepare)
    samples = alternate([one, three], runs, warmup)
    return Comparison(
        "3 argos es,fr,de: one call vs three",
        one,
        three,
        target_time=1.0,
        a_samples=samples[0],
        b_samples=samples[1],
    )


def apertium_case(work: Path, runs: int, warmup: int) -> list[Comparison]:
    """Case 5: tx with apertium vs one raw ``apertium -u eng-spa`` over the article's text.

    tx keeps apertium's pipeline loaded between runs (``apertium_keep_alive``, 300 s by
    default) and itself loaded in its command server (``TX_KEEP_WARM``, 300 s by default), as
    in a newsroom's day: the warm-up round starts both. The first comparison is tx served by
    its command server with the pipeline running (tx's default); the second tx in a process of
    its own (``TX_KEEP_WARM=0``) with the pipeline running; the third tx's first run with no
    server of either kind running (all stopped before it), which runs in its own process and
    starts both. tx's CPU time includes the servers' (see ``kept_warm``); the raw apertium
    runs are the same samples in every comparison.
    """
    ws = work / "ws-apertium"
    article = workspaces.story_workspace(ws)
    argv = (TX, "translate", str(article.relative_to(ws)), "--to", "es", "--engine", "apertium")

    def served_prepare() -> None:
        _reset(ws)
        kept_warm.wait_served()

    served = Command(
        "tx translate story --to es --engine apertium (command server, pipeline kept warm)",
        (argv,),
        env=kept_warm.SERVED,
        cwd=ws,
        prepare=served_prepare,
    )
    tx = Command(
        "tx translate story --to es --engine apertium (own process, pipeline kept warm)",
        (argv,),
        cwd=ws,
        prepare=lambda: _reset(ws),
    )
    cold = Command(
        "tx translate story --to es --engine apertium (first run, no server running)",
        (argv,),
        env=kept_warm.SERVED,
        cwd=ws,
        prepare=lambda: _reset(ws, stop_servers=True),
    )
    raw = Command(
        "apertium -u eng-spa ARTICLE OUT",
        (("apertium", "-u", "eng-spa", str(article), str(work / "apertium-out.txt")),),
    )
    samples = kept_warm.alternate_charged([served, tx, raw, cold], runs, warmup)
    count = len(workspaces.story_sentences())
    comparisons = []
    for case, command, own in (
        ("5 apertium es: tx (served, pipeline kept warm) vs raw apertium", served, samples[0]),
        ("5 apertium es: tx (own process, pipeline kept warm) vs raw apertium", tx, samples[1]),
        ("5 apertium es: tx's first run (no server running) vs raw apertium", cold, samples[3]),
    ):
        comparison = Comparison(
            case,
            command,
            raw,
            target_time=1.5 if command is served else None,
            a_samples=own,
            b_samples=samples[2],
            note="peak memory of apertium is its largest pipeline stage, of a served tx its "
            "client's; tx's CPU time includes its servers'",
        )
        comparison.extra["sentences_per_cpu_second"] = _per_cpu(own, count)
        comparison.extra["sentences_per_second_wall"] = count / comparison.a_median
        comparisons.append(comparison)
    return comparisons


def _per_cpu(samples: list[Sample], sentences: int) -> float:
    cpu = sorted(s.cpu_seconds for s in samples)[len(samples) // 2]
    return sentences / cpu if cpu else float("inf")


def _count_flags(path: Path, code: str) -> int:
    import json

    if not path.is_file():
        return 0
    data = json.loads(path.read_text(encoding="utf-8"))
    return sum(1 for s in data["segments"] for f in s["flags"] if f["code"] == code)


def _imports_ctranslate2(command: Command) -> str:
    """Run ``command`` once with ``python -X importtime`` and say whether ctranslate2 loads."""
    argv = list(command.argvs[0])
    argv.insert(1, "-X")
    argv.insert(2, "importtime")
    import os

    env = {**os.environ, **(command.env or {})}
    done = subprocess.run(argv, cwd=command.cwd, env=env, capture_output=True, text=True)
    imported = any(line.rstrip().endswith(" ctranslate2") for line in done.stderr.splitlines())
    return "yes (a model was loaded)" if imported else "no"
