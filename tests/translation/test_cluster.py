"""``tx translate --cluster``: Argos models on Ray actors, every write on the driver.

The Ray tests share one local Ray instance of two CPUs for the module (two workers of one CPU
each) and the test suite's own Argos packages; the workers get the packages from the driver
through Ray's object store.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from support.cli import tx
from support.wire_story import TRAINING_TEXT, WIRE_STORY

from translate import workspace
from translate.errors import ClusterError, WorkspaceError
from translate.translation import pipeline
from translate.translation.engines import argos_packages
from translate.translation.engines.cluster import ClusterEngine, close_pools, pool, token_batches
from translate.workspace.engine_options import ClusterOptions, EngineOptions, cluster_address

BuildArgos = Callable[..., Path]
ARTICLES = 6
LANGS = "es,fr"
SETTINGS = "cluster_workers = 2\ncluster_worker_cpus = 1\n"


@pytest.fixture(scope="module")
def ray_session() -> Iterator[Any]:
    """One local Ray instance with two CPUs for the module's tests."""
    import ray

    ray.init(
        num_cpus=2,
        include_dashboard=False,
        namespace="tx-tests",
        logging_level=logging.ERROR,
        log_to_driver=False,
    )
    yield ray
    close_pools()
    ray.shutdown()


@pytest.fixture(scope="module")
def packages(build_argos: BuildArgos) -> list[Path]:
    """The en->es and en->fr packages."""
    return [build_argos("en", "es"), build_argos("en", "fr")]


def _articles(root: Path) -> list[Path]:
    """ARTICLES articles of some twenty sentences each, every sentence unique to its article."""
    lines = [line.strip() for line in TRAINING_TEXT.read_text(encoding="utf-8").splitlines()]
    lines += [line.strip() for line in WIRE_STORY.read_text(encoding="utf-8").splitlines()]
    lines = [line for line in lines if line.endswith(".")]
    paths = []
    for number in range(ARTICLES):
        chosen = [lines[(number * 7 + step) % len(lines)] for step in range(20)]
        body = "\n\n".join(f"{line[:-1]} item{number}." for line in chosen)
        path = root / "articles" / f"story-{number}.md"
        path.write_text(f"---\ntitle: Story number {number}\n---\n\n{body}\n", encoding="utf-8")
        paths.append(path)
    return paths


def _workspace(root: Path, packages: list[Path], argos_packages_dir: Path) -> workspace.Workspace:
    workspace.init(root)
    with (root / "tx.toml").open("a", encoding="utf-8") as config:
        config.write(SETTINGS)
    _articles(root)
    if not any(argos_packages_dir.iterdir()):
        for package in packages:
            argos_packages.install_file(package)
    return workspace.load(root)


def _on_cluster(ws: workspace.Workspace) -> EngineOptions:
    """The workspace's engine settings with ``--cluster local`` (the key of its pool)."""
    options = ws.settings.engine_options
    assert options.cluster == ClusterOptions("", workers=2, worker_cpus=1)
    return replace(options, cluster=replace(options.cluster, address="local"))


@pytest.fixture()
def local_run(tmp_path: Path, packages: list[Path], argos_packages_dir: Path) -> Path:
    """The work files of a local run (no Ray) of the articles into es and fr."""
    ws = _workspace(tmp_path / "local", packages, argos_packages_dir)
    code, output = tx(ws, "translate", "--to", LANGS, "--engine", "argos")
    assert code == 0, output
    return ws.translations_dir


def _same_files(left: Path, right: Path) -> list[str]:
    names = sorted(str(p.relative_to(left)) for p in left.rglob("*.json"))
    assert names == sorted(str(p.relative_to(right)) for p in right.rglob("*.json"))
    assert len(names) == 2 * ARTICLES
    return [name for name in names if _unsealed(left / name) != _unsealed(right / name)]


def _unsealed(path: Path) -> dict[str, object]:
    """A work file without its seal (seals are keyed per workspace: .tx/seal.key) and without
    the dates of its history and changes (two runs never save in the same second)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    data.pop("checked", None)
    for entry in data.get("history", []):
        entry.pop("date", None)
    for item in data.get("segments", []):
        if isinstance(item.get("changed"), dict):
            item["changed"].pop("date", None)
    return data


def test_a_cluster_of_two_workers_writes_what_a_local_run_writes(
    ray_session: Any,
    local_run: Path,
    tmp_path: Path,
    packages: list[Path],
    argos_packages_dir: Path,
) -> None:
    ws = _workspace(tmp_path / "cluster", packages, argos_packages_dir)
    code, output = tx(ws, "translate", "--to", LANGS, "--engine", "argos", "--cluster", "local")
    assert code == 0, output
    assert _same_files(local_run, ws.translations_dir) == []
    workers = pool(_on_cluster(ws))
    assert len(workers.live) == 2
    names = {w.name for w in workers.live}
    assert names <= set(ray_session.util.list_named_actors())
    # a second run finds everything translated and sends nothing
    code, output = tx(ws, "translate", "--to", LANGS, "--cluster", "local")
    assert code == 0 and "-> " not in output, output


@pytest.mark.parametrize("restart", [False, True], ids=["gone-for-good", "restarted-by-ray"])
def test_a_worker_killed_mid_run_changes_nothing(
    ray_session: Any,
    restart: bool,
    local_run: Path,
    tmp_path: Path,
    packages: list[Path],
    argos_packages_dir: Path,
) -> None:
    ws = _workspace(tmp_path / "cluster", packages, argos_packages_dir)
    options = _on_cluster(ws)
    killed: list[str] = []

    def kill_a_busy_worker(done: int, total: int) -> None:
        if killed:
            return
        assert total > 2  # several batches in the first call: both workers have work
        workers = pool(options)
        busy = max(workers.live, key=lambda w: w.busy)
        assert busy.busy > 0
        killed.append(busy.name)
        ray_session.kill(busy.handle, no_restart=not restart)

    def engine(source: str, target: str) -> ClusterEngine:
        return ClusterEngine(options=options, on_batch=kill_a_busy_worker)

    paths = sorted(ws.articles_dir.glob("*.md"))
    results = pipeline.translate(ws, paths, LANGS.split(","), choose_engine=engine)
    assert all(r.written and not r.conflict for r in results)
    assert len(killed) == 1
    assert _same_files(local_run, ws.translations_dir) == []
    workers = pool(options)  # a worker gone for good is replaced for the next call
    assert len(workers.live) + len(workers.starting) == 2
    if not restart:
        assert killed[0] not in {w.name for w in workers.live}
        assert "died" in workers.last_loss or "killed" in workers.last_loss


def test_a_lost_cluster_stops_the_run_and_a_rerun_continues(
    ray_session: Any,
    local_run: Path,
    tmp_path: Path,
    packages: list[Path],
    argos_packages_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(pipeline, "SAVE_EVERY", 40)  # articles saved two by two
    ws = _workspace(tmp_path / "cluster", packages, argos_packages_dir)
    options = _on_cluster(ws)
    calls: list[int] = []

    def lose_every_worker_in_the_second_call(done: int, total: int) -> None:
        if done == 1:
            calls.append(total)
        if len(calls) == 2 and done == 1:
            for worker in pool(options).live:
                ray_session.kill(worker.handle, no_restart=True)

    def engine(source: str, target: str) -> ClusterEngine:
        return ClusterEngine(options=options, on_batch=lose_every_worker_in_the_second_call)

    paths = sorted(ws.articles_dir.glob("*.md"))
    with pytest.raises(ClusterError, match="Ray cluster") as raised:
        pipeline.translate(ws, paths, ["es"], choose_engine=engine)
    assert "run the same command again" in str(raised.value)
    saved = sorted(p.name for p in (ws.translations_dir / "es").glob("*.json"))
    # the groups finished before the loss are saved (how many depends on the batches)
    assert 0 < len(saved) < ARTICLES
    assert saved == [f"story-{number}.json" for number in range(len(saved))]
    # the next run gets new workers and translates only the rest
    code, output = tx(ws, "translate", "--to", LANGS, "--cluster", "local")
    assert code == 0, output
    assert _same_files(local_run, ws.translations_dir) == []


def test_batches_are_ctranslate2s_longest_first_within_the_token_budget() -> None:
    lengths = [5, 300, 40, 40, 200, 1, 600, 41]
    batches = token_batches(lengths, limit=512)
    assert sorted(i for batch in batches for i in batch) == list(range(len(lengths)))
    flat = [lengths[i] for batch in batches for i in batch]
    assert flat == sorted(lengths, reverse=True)
    for batch in batches:
        widest = max(lengths[i] for i in batch)
        assert len(batch) == 1 or len(batch) * widest <= 512
    assert batches[0] == [6]  # longer than the budget: alone
    assert token_batches([]) == []


def test_without_ray_the_option_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "ws"
    workspace.init(root)
    _articles(root)
    ws = workspace.load(root)
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray now fails as if not installed
    code, output = tx(ws, "translate", "--to", "es", "--cluster", "local")
    assert code == 1
    assert "error:" in output and "pip install 'tx-publish[cluster]'" in output
    assert len(output.strip().splitlines()) == 1
    with (root / "tx.toml").open("a", encoding="utf-8") as config:
        config.write('cluster = "auto"\n')
    code, output = tx(ws, "translate", "--to", "es")
    assert code == 1 and "tx-publish[cluster]" in output
    assert not (root / "translations" / "es").exists()


def test_local_runs_and_help_never_import_ray(
    tmp_path: Path, packages: list[Path], argos_packages_dir: Path
) -> None:
    ws = _workspace(tmp_path / "ws", packages, argos_packages_dir)
    with (ws.root / "tx.toml").open("a", encoding="utf-8") as config:
        config.write('cluster = "none"\n')
    script = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from translate.cli import app\n"
        "runner = CliRunner()\n"
        "assert runner.invoke(app, ['--help']).exit_code == 0\n"
        "result = runner.invoke(app, ['--workspace', sys.argv[1], 'translate', '--to', 'es'])\n"
        "assert result.exit_code == 0, result.output\n"
        "print('ray' in sys.modules, sorted(m for m in sys.modules if m.startswith('ray.'))[:3])\n"
    )
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(argos_packages_dir)}
    done = subprocess.run(
        [sys.executable, "-c", script, str(ws.root)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=300,
    )
    assert done.stdout.strip() == "False []", done.stderr
    assert len(list((ws.translations_dir / "es").glob("*.json"))) == ARTICLES


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("auto", "auto"),
        ("LOCAL", "local"),
        ("none", ""),
        ("", ""),
        ("10.0.0.5:6379", "10.0.0.5:6379"),
        ("ray://head.example.org:10001", "ray://head.example.org:10001"),
    ],
)
def test_cluster_addresses(value: str, expected: str) -> None:
    assert cluster_address(value) == expected


@pytest.mark.parametrize("value", ["head", "head:port", "host:0", "a b:1", "ray://:10001"])
def test_cluster_addresses_refused(value: str) -> None:
    with pytest.raises(ValueError):
        cluster_address(value)


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ("cluster = 5", "'cluster'"),
        ('cluster = "head"', "'cluster'"),
        ("cluster_workers = -1", "'cluster_workers'"),
        ("cluster_worker_cpus = true", "'cluster_worker_cpus'"),
    ],
)
def test_bad_cluster_settings_name_the_key(tmp_path: Path, line: str, key: str) -> None:
    root = tmp_path / "ws"
    workspace.init(root)
    with (root / "tx.toml").open("a", encoding="utf-8") as config:
        config.write(line + "\n")
    with pytest.raises(WorkspaceError, match=key):
        workspace.load(root)


def test_the_cluster_option_refuses_a_bad_address(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    workspace.init(root)
    code, output = tx(workspace.load(root), "translate", "--cluster", "nowhere")
    assert code == 2 and "not a Ray address" in output


def test_an_unreachable_cluster_is_one_line_at_once(
    tmp_path: Path, packages: list[Path], argos_packages_dir: Path
) -> None:
    ws = _workspace(tmp_path / "ws", packages, argos_packages_dir)
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(argos_packages_dir)}
    tx_command = Path(sys.executable).with_name("tx")
    argv = [str(tx_command), "--workspace", str(ws.root), "translate", "--to", "es"]
    # nothing listens on port 1 of this machine: refused at once, not after Ray's retries
    done = subprocess.run(
        [*argv, "--cluster", "127.0.0.1:1"], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 1
    assert done.stderr.startswith("error: cannot reach the Ray cluster at '127.0.0.1:1'")
    assert "ray start --head" in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert not (ws.translations_dir / "es").exists()
