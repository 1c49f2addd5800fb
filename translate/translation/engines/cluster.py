"""Argos translation on a Ray cluster: the driver keeps the run, workers keep the models.

With ``tx translate --cluster ADDRESS`` (or tx.toml's ``cluster``) the pipeline does all it
does locally up to the engine (read, segment, work files, memory, mask, deduplicate) and hands
the masked sentences to ``ClusterEngine``. It splits them into batches the way CTranslate2
does (longest first, at most ``MAX_BATCH_SIZE`` tokens counting padding) and keeps every worker
busy with up to ``IN_FLIGHT`` batches (one running, the next waiting) through ``ray.wait``,
longest batches first. Outputs come back to the driver, which unmasks, checks and writes: the
workspace keeps one writer and its lock and revision rules.

Workers are Ray actors (``ModelWorker``): one per GPU when the device is ``cuda`` (or ``auto``
and the cluster has GPUs), else one per ``worker_cpus`` CPUs, each loading a language pair's
models once. Models come from the driver's installed packages: each package folder is packed
once (tar), put in Ray's object store, and unpacked by each worker into its temporary folder;
a worker downloads nothing and needs no packages installed, only tx itself.

Faults: Ray restarts a worker that dies (``MAX_RESTARTS``) and retries its batch there; a
batch whose worker is gone for good goes to another, at most ``MAX_ATTEMPTS`` times in all.
When no worker is left or the cluster stops answering, the run stops with ``ClusterError``
(not an ``EngineError``: the pipeline does not take it for a language without an engine);
articles saved before stay saved, so running the command again continues.

Ray is optional (``pip install 'tx-publish[cluster]'``) and imported only here, only when a
cluster is asked for.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import io
import itertools
import logging
import os
import shutil
import tarfile
import tempfile
import threading
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from translate.errors import ClusterError, TxError
from translate.translation.engines.argos import MAX_BATCH_SIZE, ArgosEngine, Device, tokenizer_of
from translate.translation.engines.argos_packages import ModelPackage
from translate.translation.engines.base import EngineOutput
from translate.translation.engines.tokenizers import Tokenizer
from translate.workspace.engine_options import ClusterOptions, EngineOptions

INSTALL_HINT = (
    "install Ray with `pip install 'tx-publish[cluster]'` here and on every machine of the "
    "cluster, or run without --cluster (and without `cluster` in tx.toml)"
)
START_HINT = (
    "start a cluster with `ray start --head` (and `ray start --address HEAD:6379` on each "
    "other machine), then use --cluster auto or --cluster HEAD:6379; --cluster local starts "
    "one on this machine"
)
SAVED = "articles finished so far are saved: run the same command again to continue"
MAX_RESTARTS = 2  # Ray restarts a dead worker this often and retries its running batch
MAX_ATTEMPTS = 3  # a batch is sent at most this often in all, to any workers
IN_FLIGHT = 2  # batches queued on one worker: it never waits for the driver between batches
DEFAULT_WORKER_CPUS = 4  # CPUs per CPU worker, at most the largest machine's
START_TIMEOUT = 300.0  # seconds for the first worker to start (and load CTranslate2)
STALL_TIMEOUT = 600.0  # seconds without any batch finishing before the run gives up
NAMESPACE = "tx"
PROBE_TIMEOUT = 10.0  # seconds to open a connection to the cluster's address
TEXTS_PER_WORKER = 128  # texts per engine call and worker (the local engine takes 128 a call)

# on_batch(done, total): called on the driver after each batch of an engine call.
BatchHook = Callable[[int, int], None]
_ActorError = (ConnectionError, TimeoutError, RuntimeError, ValueError)


def require_ray() -> Any:
    """The ``ray`` module, or ``ClusterError`` saying how to install it."""
    try:
        import ray
    except ImportError:
        raise ClusterError(
            "translating on a cluster needs Ray, which is not installed", hint=INSTALL_HINT
        ) from None
    return ray


def token_batches(lengths: Sequence[int], limit: int = MAX_BATCH_SIZE) -> list[list[int]]:
    """Indexes of texts of ``lengths`` tokens in batches as CTranslate2 forms them: longest
    first, each batch as many texts as fit ``limit`` tokens counting padding (count times
    the longest), at least one text."""
    order = sorted(range(len(lengths)), key=lambda i: -lengths[i])
    batches: list[list[int]] = []
    batch: list[int] = []
    for index in order:
        if batch and (len(batch) + 1) * lengths[batch[0]] > limit:
            batches.append(batch)
            batch = []
        batch.append(index)
    if batch:
        batches.append(batch)
    return batches


class ModelWorker:
    """What a Ray actor holds: packages unpacked in its temporary folder and the models of
    the pairs it translated, loaded once (``ArgosEngine``'s cache in the actor's process)."""

    def __init__(self, options: EngineOptions, threads: int) -> None:
        self.options = replace(options, cluster=ClusterOptions())
        self.threads = threads
        self.folder = Path(tempfile.mkdtemp(prefix="tx-worker-"))
        atexit.register(shutil.rmtree, self.folder, True)
        self.unpacked: dict[str, Path] = {}

    def describe(self) -> tuple[Device, str, int]:
        """The device models run on here, the machine's name and the worker's process id."""
        engine = ArgosEngine(options=self.options, threads=self.threads)
        return engine.device, os.uname().nodename, os.getpid()

    def translate(
        self, packages: tuple[tuple[str, Any], ...], texts: list[str], source: str, target: str
    ) -> list[tuple[str, float | None]]:
        """Translate one batch with ``packages`` (digest and object reference of each
        package of the route): the text and score of each output."""
        engine = ArgosEngine(self._pair_folder(packages), self.options, self.threads)
        return [(out.text, out.score) for out in engine.translate(texts, source, target)]

    def release(self) -> None:
        """Unload every model (a run holds one language's models at a time)."""
        from translate.translation.engines.argos import unload_models

        unload_models()

    def close(self) -> None:
        """Unload the models and delete the unpacked packages (the driver is done)."""
        self.release()
        self.unpacked.clear()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _pair_folder(self, packages: tuple[tuple[str, Any], ...]) -> Path:
        """A packages folder holding exactly the route's packages (links to unpacked ones)."""
        digests = [digest for digest, _ in packages]
        folder = self.folder / "routes" / "+".join(digests)
        if folder.is_dir():
            return folder
        ray = require_ray()
        for digest, ref in packages:
            if digest not in self.unpacked:
                data = ray.get(ref)  # nested in a tuple, so Ray left it as a reference
                store = self.folder / "store" / digest
                with tarfile.open(fileobj=io.BytesIO(data)) as archive:
                    archive.extractall(store, filter="data")
                self.unpacked[digest] = store / "package"
        building = Path(tempfile.mkdtemp(dir=self.folder))
        for digest in digests:
            (building / digest).symlink_to(self.unpacked[digest], target_is_directory=True)
        folder.parent.mkdir(parents=True, exist_ok=True)
        building.rename(folder)
        return folder


@dataclass
class _Worker:
    handle: Any
    name: str
    busy: int = 0


@dataclass(frozen=True)
class _Plan:
    """How many workers to start, what each asks of Ray, its CPU threads and settings."""

    workers: int
    resources: dict[str, int]
    threads: int
    options: EngineOptions


class _Pool:
    """The workers of one cluster setting in this process, and the packages sent to them."""

    _names = itertools.count()

    def __init__(self, ray: Any, options: EngineOptions) -> None:
        self.ray, self.options = ray, options
        self.live: list[_Worker] = []
        self.starting: dict[Any, _Worker] = {}
        self.packages: dict[tuple[Path, str], tuple[str, Any]] = {}
        self.device: Device | None = None
        self.last_loss = ""
        self.plan: _Plan | None = None

    def ensure(self) -> None:
        """Start workers up to the number wanted (replacing any lost in an earlier call),
        and wait until at least one is ready."""
        ray = self.ray
        plan = self.plan = self.plan or self._plan()
        missing = plan.workers - len(self.live) - len(self.starting)
        actor = ray.remote(ModelWorker)
        for _ in range(max(0, missing)):
            name = f"tx-translator-{os.getpid()}-{next(self._names)}"
            options = {"max_restarts": MAX_RESTARTS, "max_task_retries": MAX_RESTARTS}
            handle = actor.options(name=name, **options, **plan.resources).remote(
                plan.options, plan.threads
            )
            self.starting[handle.describe.remote()] = _Worker(handle, name)
        while not self.live:
            if not self.starting:
                raise ClusterError(
                    f"no worker of the Ray cluster could start: {self.last_loss}",
                    hint="check the workers' logs (`ray logs`) and that tx is installed on "
                    "every machine of the cluster",
                )
            ready, _ = ray.wait(list(self.starting), num_returns=1, timeout=START_TIMEOUT)
            if not ready:
                cpus, gpus = plan.resources["num_cpus"], plan.resources["num_gpus"]
                raise ClusterError(
                    f"no worker started within {START_TIMEOUT:.0f} s (each asks for "
                    f"{cpus} CPUs{', 1 GPU' if gpus else ''})",
                    hint="lower cluster_workers or cluster_worker_cpus in tx.toml, or add "
                    "machines to the cluster",
                )
            self._started(ready[0])

    def _plan(self) -> _Plan:
        """One worker per GPU, else per ``worker_cpus`` CPUs (unless ``workers`` is set)."""
        ray, cluster = self.ray, self.options.cluster
        nodes = [node for node in ray.nodes() if node.get("Alive")]
        cpus = [int(node.get("Resources", {}).get("CPU", 0)) for node in nodes]
        gpus = sum(int(node.get("Resources", {}).get("GPU", 0)) for node in nodes)
        device = self.options.device
        if device == "cuda" and not gpus:
            raise ClusterError(
                "device 'cuda' was asked for, but the Ray cluster has no GPU",
                hint="use --device cpu (or auto), or add GPU machines to the cluster",
            )
        if device == "cuda" or (device == "auto" and gpus):
            on_gpu = replace(self.options, device="cuda")
            return _Plan(cluster.workers or gpus, {"num_cpus": 1, "num_gpus": 1}, 1, on_gpu)
        largest = max(cpus, default=1) or 1
        each = cluster.worker_cpus or min(DEFAULT_WORKER_CPUS, largest)
        fitting = sum(count // each for count in cpus)
        resources = {"num_cpus": each, "num_gpus": 0}
        on_cpu = replace(self.options, device="cpu")
        return _Plan(cluster.workers or max(1, fitting), resources, each, on_cpu)

    def _started(self, ref: Any) -> None:
        worker = self.starting.pop(ref)
        try:
            device, _, _ = self.ray.get(ref)
        except self.ray.exceptions.RayTaskError as error:
            if isinstance(error.cause, TxError):  # e.g. device cuda on a worker without a GPU
                raise error.cause from None
            self.last_loss = _first_line(error)
            return
        except self.ray.exceptions.RayActorError as error:
            self.last_loss = _first_line(error)
            return
        self.device = self.device or device
        self.live.append(worker)

    def refs(self, route: Sequence[ModelPackage]) -> tuple[tuple[str, Any], ...]:
        """Each package of ``route`` packed and put in the object store, once per process."""
        found = []
        for package in route:
            key = (package.path, package.version)
            if key not in self.packages:
                buffer = io.BytesIO()
                with tarfile.open(fileobj=buffer, mode="w") as archive:
                    archive.add(package.path, arcname="package")
                data = buffer.getvalue()
                digest = hashlib.sha256(data).hexdigest()[:16]
                self.packages[key] = (digest, self.ray.put(data))
            found.append(self.packages[key])
        return tuple(found)

    def run(
        self,
        batches: list[list[str]],
        packages: tuple[tuple[str, Any], ...],
        source: str,
        target: str,
        on_batch: BatchHook | None = None,
    ) -> list[list[tuple[str, float | None]]]:
        """Translate every batch on the workers, keeping each busy; results in order."""
        ray = self.ray
        results: list[list[tuple[str, float | None]] | None] = [None] * len(batches)
        queue = deque(range(len(batches)))
        attempts = [0] * len(batches)
        running: dict[Any, tuple[_Worker, int]] = {}
        done = 0
        while queue or running:
            for worker in sorted(self.live, key=lambda w: w.busy):
                while queue and worker.busy < IN_FLIGHT:
                    index = queue.popleft()
                    attempts[index] += 1
                    call = worker.handle.translate.remote(packages, batches[index], source, target)
                    running[call] = (worker, index)
                    worker.busy += 1
            if not running and not self.starting:
                raise ClusterError(
                    f"every worker of the Ray cluster was lost ({self.last_loss})",
                    hint=SAVED,
                )
            ready, _ = ray.wait([*running, *self.starting], num_returns=1, timeout=STALL_TIMEOUT)
            if not ready:
                raise ClusterError(
                    f"no worker of the Ray cluster finished a batch in {STALL_TIMEOUT:.0f} s",
                    hint=f"check the cluster (`ray status`); {SAVED}",
                )
            if ready[0] in self.starting:
                self._started(ready[0])
                continue
            worker, index = running.pop(ready[0])
            worker.busy -= 1
            try:
                results[index] = ray.get(ready[0])
            except ray.exceptions.RayActorError as error:
                self.last_loss = _first_line(error)
                if isinstance(error, ray.exceptions.ActorDiedError) and worker in self.live:
                    self.live.remove(worker)
                if attempts[index] >= MAX_ATTEMPTS:
                    raise ClusterError(
                        f"lost the Ray cluster: a batch failed on {attempts[index]} workers "
                        f"({self.last_loss})",
                        hint=SAVED,
                    ) from None
                queue.appendleft(index)
                continue
            done += 1
            if on_batch is not None:
                on_batch(done, len(batches))
        return [result or [] for result in results]

    def release(self, close: bool = False) -> None:
        """Unload the models on every worker (they stay up for the next language); with
        ``close``, delete their unpacked packages and stop them."""
        ray = self.ray
        calls = [getattr(w.handle, "close" if close else "release").remote() for w in self.live]
        with contextlib.suppress(ray.exceptions.RayError):  # a lost worker holds no models
            ray.wait(calls, num_returns=len(calls), timeout=60)
        if close:
            for worker in [*self.live, *self.starting.values()]:
                ray.kill(worker.handle, no_restart=True)
            self.live.clear()
            self.starting.clear()


def close_pools() -> None:
    """Stop every worker this process started, deleting their unpacked packages (at exit)."""
    with _POOLS_LOCK:
        pools = list(_POOLS.values())
        _POOLS.clear()
    for found in pools:
        # at exit, a cluster already gone holds nothing of ours
        with contextlib.suppress(Exception):
            if found.ray.is_initialized():
                found.release(close=True)


_POOLS: dict[EngineOptions, _Pool] = {}
_POOLS_LOCK = threading.Lock()


def pool(options: EngineOptions) -> _Pool:
    """The workers for ``options`` in this process, connecting to the cluster first (an
    existing Ray connection of the process is used as it is)."""
    ray = require_ray()
    address = options.cluster.address
    with _POOLS_LOCK:
        if not ray.is_initialized():
            _POOLS.clear()
            settings: dict[str, Any] = {
                "address": address,
                "namespace": NAMESPACE,
                "logging_level": logging.ERROR,
                "log_to_driver": False,
            }
            if address == "local":
                settings["include_dashboard"] = False
            elif address != "auto":
                probe(address)
            try:
                ray.init(**settings)
            except _ActorError as error:
                raise ClusterError(
                    f"cannot reach the Ray cluster at '{address}': {_first_line(error)}",
                    hint=START_HINT,
                ) from None
            atexit.register(close_pools)  # after ray's own: it runs before ray shuts down
        found = _POOLS.get(options)
        if found is None:
            found = _POOLS[options] = _Pool(ray, options)
        try:
            found.ensure()
        except ray.exceptions.RayError as error:
            raise _lost(error) from None
        return found


def probe(address: str) -> None:
    """Fail at once, in one line, when nothing listens at ``HOST:PORT`` (Ray itself would
    retry for minutes, logging each attempt)."""
    import socket

    host, _, port = address.removeprefix("ray://").rpartition(":")
    try:
        with socket.create_connection((host.strip("[]"), int(port)), timeout=PROBE_TIMEOUT):
            pass
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise ClusterError(
            f"cannot reach the Ray cluster at '{address}': {reason}", hint=START_HINT
        ) from None


def _lost(error: BaseException) -> ClusterError:
    return ClusterError(f"lost the Ray cluster: {_first_line(error)}", hint=SAVED)


def _first_line(error: BaseException) -> str:
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return lines[0][:200] if lines else type(error).__name__


class ClusterEngine(ArgosEngine):
    """The argos engine with the models on a Ray cluster's workers (``translate.translation.engines.
    cluster``): same packages, decoding and output as a local run, recorded under the same
    model id; ``on_batch`` is called on the driver after every batch."""

    def __init__(
        self,
        packages_dir: Path | None = None,
        options: EngineOptions | None = None,
        on_batch: BatchHook | None = None,
    ) -> None:
        super().__init__(packages_dir, options)
        require_ray()
        self.on_batch = on_batch
        self._tokenizers: dict[Path, Tokenizer] = {}

    @property
    def device(self) -> Device:
        """The device the cluster's workers run models on."""
        workers = pool(self.options)
        assert workers.device is not None  # set by the first worker that started
        return workers.device

    @property
    def batch_size(self) -> int:
        """How many texts the pipeline sends in one call: enough for every worker."""
        return TEXTS_PER_WORKER * max(1, len(pool(self.options).live))

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[EngineOutput]:
        """Translate all ``texts`` on the cluster in batches of CTranslate2's size; empty
        texts give ``""``; raises ``ClusterError`` when the cluster is lost."""
        steps = self._route(source, target)
        outputs = [EngineOutput("", None) for _ in texts]
        todo = [i for i, text in enumerate(texts) if text.strip()]
        if not todo:
            return outputs
        tokenizer = self._tokenizers.get(steps[0].path)
        if tokenizer is None:
            tokenizer = self._tokenizers[steps[0].path] = tokenizer_of(steps[0])
        lengths = [len(tokenizer.encode(texts[i].strip())) for i in todo]
        batches = [[todo[k] for k in batch] for batch in token_batches(lengths)]
        workers = pool(self.options)
        ray = workers.ray
        try:
            results = workers.run(
                [[texts[i] for i in batch] for batch in batches],
                workers.refs(steps),
                source,
                target,
                self.on_batch,
            )
        except ray.exceptions.RayTaskError as error:
            cause = error.cause
            if isinstance(cause, TxError):
                raise cause from None
            raise ClusterError(f"a worker failed: {_first_line(error)}", hint=SAVED) from None
        except ray.exceptions.RayError as error:
            raise _lost(error) from None
        for batch, result in zip(batches, results, strict=True):
            for index, (text, score) in zip(batch, result, strict=True):
                outputs[index] = EngineOutput(text, score)
        return outputs

    def release(self) -> None:
        """Unload the models on the workers (the workers stay up)."""
        pool(self.options).release()
