"""Cases 6 and 7: start-up (``tx --help``, ``tx status``) and a big workspace (status, export).

Case 7 compares ``tx export --format html,docx`` of every edition with pandoc converting the
same editions, as Markdown, one process per file and format (``pandoc -s X.md -o X.html``,
``pandoc X.md -o X.docx``). pandoc's side is 6,000 processes at 1,000 articles (minutes per
run), so within ``make bench``'s 20 minutes the pair is measured at 100 articles
(``SMALL_RUNS`` alternating pairs) and, at 1,000 articles, tx runs ``LARGE_RUNS`` times while
pandoc's time is its measured 100-article median times ten (one process per file: its time is
linear by construction). ``--full`` measures pandoc at 1,000 articles too.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from benchmarks import kept_warm, workspaces
from benchmarks.harness import Command, Comparison, Sample, alternate

PYTHON = sys.executable
TX = str(Path(sys.executable).with_name("tx"))
REPO = Path(__file__).resolve().parents[1]
HEAVY = ("ctranslate2", "sentencepiece", "docx", "babel", "argostranslate", "torch", "yaml")
SMALL, LARGE = 100, 1000
SMALL_RUNS, LARGE_RUNS = 3, 1


def startup_cases(runs: int, warmup: int) -> list[Comparison]:
    """Case 6: ``tx --help`` and ``tx status`` (sample workspace) vs ``import typer``, each
    in a process of its own (``TX_KEEP_WARM=0``) and served by tx's command server."""
    help_ = Command("tx --help", ((TX, "--help"),), cwd=REPO)
    status = Command("tx status (sample workspace)", ((TX, "status"),), cwd=REPO)
    typer = Command('python -c "import typer"', ((PYTHON, "-c", "import typer"),))
    ready = kept_warm.wait_served
    served_help = Command(
        "tx --help (served)", ((TX, "--help"),), env=kept_warm.SERVED, cwd=REPO, prepare=ready
    )
    served_status = Command(
        "tx status (sample workspace, served)",
        ((TX, "status"),),
        env=kept_warm.SERVED,
        cwd=REPO,
        prepare=ready,
    )
    commands = [help_, status, typer, served_help, served_status]
    samples = kept_warm.alternate_charged(commands, runs, warmup)
    heavy = _heavy_imports([TX, "--help"])
    served = [
        Comparison(
            f"6 {command.label} vs import typer",
            command,
            typer,
            a_samples=own,
            b_samples=samples[2],
            note="CPU time includes the command server's; peak memory is the client's",
        )
        for command, own in ((served_help, samples[3]), (served_status, samples[4]))
    ]
    return [
        Comparison(
            "6 tx --help vs import typer",
            help_,
            typer,
            target_time=2.0,
            a_samples=samples[0],
            b_samples=samples[2],
            note="heavy modules imported by tx --help: " + (", ".join(heavy) or "none"),
        ),
        Comparison(
            "6 tx status vs import typer",
            status,
            typer,
            target_time=2.0,
            a_samples=samples[1],
            b_samples=samples[2],
        ),
        *served,
    ]


def _heavy_imports(argv: list[str]) -> list[str]:
    done = subprocess.run(
        [PYTHON, "-X", "importtime", *argv], cwd=REPO, capture_output=True, text=True
    )
    found = set()
    for line in done.stderr.splitlines():
        name = line.rsplit("|", 1)[-1].strip()
        if name.split(".")[0] in HEAVY:
            found.add(name.split(".")[0])
    return sorted(found)


def _export(ws: Path, count: int) -> Command:
    def prepare() -> None:
        shutil.rmtree(ws / "exports", ignore_errors=True)
        (ws / "exports").mkdir()

    return Command(
        f"tx export --format html,docx ({count} articles x 3 languages)",
        ((TX, "export", "--format", "html,docx"),),
        cwd=ws,
        prepare=prepare,
    )


def _pandoc(inputs: list[Path], out: Path) -> Command:
    argvs = []
    for path in inputs:
        stem = out / path.parent.name / path.stem
        argvs.append(("pandoc", "-s", str(path), "-o", f"{stem}.html"))
        argvs.append(("pandoc", str(path), "-o", f"{stem}.docx"))

    def prepare() -> None:
        shutil.rmtree(out, ignore_errors=True)
        for lang in workspaces.LANGS:
            (out / lang).mkdir(parents=True)

    return Command(
        f"pandoc, one process per file and format ({len(argvs)} processes)",
        tuple(argvs),
        prepare=prepare,
    )


def workspace_cases(work: Path, runs: int, warmup: int, *, full: bool = False) -> list[Comparison]:
    """Case 7 at 100 and 1,000 articles: status, export vs pandoc, and tx's growth."""
    results = []
    exports: dict[int, Comparison] = {}
    for count in (SMALL, LARGE):
        ws = work / f"ws-{count}"
        inputs = workspaces.generated_workspace(ws, count, work / f"md-{count}")
        status = Command(f"tx status ({count} articles x 3 languages)", ((TX, "status"),), cwd=ws)
        status_samples = alternate([status], runs if count == SMALL else 3, warmup)[0]
        results.append(
            Comparison(f"7 tx status, {count} articles", status, None, a_samples=status_samples)
        )
        export = _export(ws, count)
        pandoc = _pandoc(inputs, work / f"pandoc-{count}")
        if count == SMALL or full:
            pair_runs = SMALL_RUNS if count == SMALL else LARGE_RUNS
            samples = alternate([export, pandoc], pair_runs, warmup)
            note = f"{pair_runs} pairs after {warmup} warm-up (pandoc is slow; see module docs)"
            comparison = Comparison(
                f"7 tx export, {count} articles vs pandoc",
                export,
                pandoc,
                target_time=0.5,
                a_samples=samples[0],
                b_samples=samples[1],
                note=note,
            )
        else:
            a_samples = alternate([export], LARGE_RUNS, 0)[0]
            small = exports[SMALL]
            scale = count / SMALL
            estimated = [
                Sample(s.seconds * scale, s.max_rss_kb, s.cpu_seconds * scale)
                for s in small.b_samples
            ]
            estimated = [estimated[len(estimated) // 2]] * len(a_samples)
            comparison = Comparison(
                f"7 tx export, {count} articles vs pandoc (est.)",
                export,
                pandoc,
                target_time=0.5,
                a_samples=a_samples,
                b_samples=estimated,
                note=f"{LARGE_RUNS} tx run(s); pandoc's time estimated as its {SMALL}-article "
                f"median x {scale:g} (not run: {len(pandoc.argvs)} processes)",
            )
        exports[count] = comparison
        results.append(comparison)
    small, large = exports[SMALL], exports[LARGE]
    growth = large.a_median / small.a_median
    large.extra["growth_100_to_1000"] = growth
    large.extra["ms_per_edition_100"] = 1000 * small.a_median / (SMALL * 3)
    large.extra["ms_per_edition_1000"] = 1000 * large.a_median / (LARGE * 3)
    large.note += (
        f"; tx export time x{growth:.2f} from {SMALL} to {LARGE} articles "
        f"({large.extra['ms_per_edition_100']:.1f} -> {large.extra['ms_per_edition_1000']:.1f} "
        "ms per edition)"
    )
    return results
