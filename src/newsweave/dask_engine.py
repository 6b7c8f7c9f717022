"""Bulk runs on Dask: batches of documents go to the workers, which run the per-article stages; the
driver keeps the order, stores the articles and runs the corpus steps (deduplication, entity and event
resolution, stories), whose state is the whole store's.

A local cluster (worker processes on this machine) is started unless ``engine.scheduler`` names a
running scheduler, whose workers must have the same newsweave installed. Each worker builds the
pipeline once (models load per process) and keeps it between batches.
"""

from __future__ import annotations

import logging
import os
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from newsweave.config import Settings
from newsweave.engine import Work
from newsweave.errors import ConfigError
from newsweave.gc_tuning import tune_for_ingest
from newsweave.model import Article, Problem, RawDoc
from newsweave.pipeline import Pipeline
from newsweave.search import keys_of

#: How much a local worker yields the CPU to the driver (see ``run_batch``).
LOCAL_WORKER_NICE = 10

#: Pipelines built in this (worker) process, by the settings they were built from, with those settings.
_PIPELINES: dict[str, tuple[Pipeline, Settings]] = {}
_BUILD = threading.Lock()
_NICED: list[int] = []  # once per process, whatever runs follow


def run_batch(settings_json: str, docs: list[RawDoc], nice: int = 0) -> list[Article | Problem]:
    """On a worker: the stages over a batch of documents, and the articles' search keys (work the
    driver would otherwise do). ``nice`` lowers the worker's priority once, for a cluster on the
    driver's own machine: the driver is the run's one serial part, and waits for no one then."""
    with _BUILD:
        built = _PIPELINES.get(settings_json)
        if nice and not _NICED:
            os.nice(nice)
            _NICED.append(nice)
        if built is None:
            settings = Settings.model_validate_json(settings_json)
            built = _PIPELINES[settings_json] = (Pipeline.from_settings(settings), settings)
    pipeline, settings = built
    results = [pipeline.run_one(doc) for doc in docs]
    for result in results:
        if isinstance(result, Article):
            result.search_keys = (keys_of(result.title or ""), keys_of(result.text))
    tune_for_ingest(settings.engine.gc_young)  # after a first batch: its models are loaded, and frozen
    return results


def _for_workers(settings: Settings) -> str:
    """The settings a worker builds its pipeline from: without the server's tokens (they would travel
    to every worker), and with lingua's thread pool off (each worker is a process of its own)."""
    stages = {**settings.stages, "language": {**settings.stages.get("language", {}), "parallel": False}}
    return settings.model_copy(update={"stages": stages}).model_dump_json(exclude={"server"})


class DaskEngine:
    runs_ahead = True

    def __init__(self, settings: Settings) -> None:
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError as exc:
            raise ConfigError("--engine dask needs Dask: pip install 'newsweave[dask]'") from exc
        options = settings.engine
        self.batch = options.batch
        self.in_flight = max(2, 2 * options.workers)
        self._settings_json = _for_workers(settings)
        self._cluster: Any = None
        self._nice = 0
        try:
            if options.scheduler:
                self.client = Client(  # type: ignore[no-untyped-call]
                    options.scheduler, timeout=f"{options.connect_timeout_s}s"
                )
            else:
                self._cluster = LocalCluster(  # type: ignore[no-untyped-call]
                    n_workers=options.workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
                self.client = Client(self._cluster)  # type: ignore[no-untyped-call]
                self._nice = LOCAL_WORKER_NICE
        except (OSError, TimeoutError) as exc:
            where = options.scheduler or "a local cluster"
            raise ConfigError(f"cannot reach Dask scheduler {where}: {exc}") from exc
        except RuntimeError as exc:  # a worker process that could not start
            raise ConfigError(
                f"cannot start a local Dask cluster: {exc}. Worker processes import the main module: a Python "
                "script that ingests with engine.kind = 'dask' must do so under `if __name__ == '__main__':`"
            ) from exc
        workers = len(self.client.scheduler_info().get("workers", {}))
        self.in_flight = max(self.in_flight, 2 * workers)

    def run(self, items: Iterable[object]) -> Iterator[tuple[object, Article | Problem | None]]:
        """Batches of ``batch`` documents, at most ``in_flight`` batches out at once (memory stays
        bounded on a stream of any length); results come back in input order."""
        window: deque[tuple[list[object], Any]] = deque()
        batch: list[object] = []
        work = 0
        for item in items:
            batch.append(item)
            work += isinstance(item, Work)
            if work >= self.batch:
                window.append(self._submit(batch))
                batch, work = [], 0
                while len(window) > self.in_flight:
                    yield from self._collect(*window.popleft())
        if batch:
            window.append(self._submit(batch))
        while window:
            yield from self._collect(*window.popleft())

    def _submit(self, batch: list[object]) -> tuple[list[object], Any]:
        docs = [item.doc for item in batch if isinstance(item, Work)]
        future = (
            self.client.submit(run_batch, self._settings_json, docs, self._nice, pure=False, retries=1)
            if docs
            else None
        )
        return batch, future

    def _collect(self, batch: list[object], future: Any) -> Iterator[tuple[object, Article | Problem | None]]:
        results: list[Article | Problem] = []
        failure: str | None = None
        if future is not None:
            try:
                results = future.result()
            except Exception as exc:  # noqa: BLE001 - a lost worker fails its batch, not the run
                failure = f"Dask worker failed: {type(exc).__name__}: {exc}"
        done = iter(results)
        for item in batch:
            if not isinstance(item, Work):
                yield item, None
            elif failure is not None:
                yield item, Problem(item.doc.source, "engine", failure)
            else:
                yield item, next(done)

    def warm(self, docs: list[RawDoc]) -> None:
        """Every worker builds its pipeline and runs it on ``docs``."""
        self.client.run(run_batch, self._settings_json, docs, self._nice)

    def close(self) -> None:
        self.client.close()  # type: ignore[no-untyped-call]
        if self._cluster is not None:
            self._cluster.close()
