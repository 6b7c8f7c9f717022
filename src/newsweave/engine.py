"""Where the per-article stages run: in this process (serial) or on a Dask cluster.

The service reads inputs and writes the store in its own process; an engine only turns documents into
articles (``Pipeline.run_one``, a pure function of the document and the settings), so every engine
gives the same articles in the same order and the store ends up the same. Items that are not work (a
marker that an input is done, a document known already) pass through in their place, so progress and
reports come out as in a serial run.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

from newsweave.config import Settings
from newsweave.model import Article, Problem, RawDoc
from newsweave.pipeline import Pipeline


@dataclass(slots=True)
class Work:
    """A document to run the stages on; ``key`` is its raw hash (computed once, by the driver)."""

    doc: RawDoc
    key: str


class Engine(Protocol):
    #: True where documents are sent on before the results of earlier ones are stored, so one may be
    #: stored meanwhile (the same input twice in a run): the service then looks each one up again.
    runs_ahead: bool

    def run(self, items: Iterable[object]) -> Iterator[tuple[object, Article | Problem | None]]:
        """Each item with the stages' result for a ``Work`` item, or None for any other item; in order."""
        ...

    def warm(self, docs: list[RawDoc]) -> None:
        """Load every model where the stages run, by running them on ``docs`` (benchmarks time work,
        not start-up)."""
        ...

    def close(self) -> None: ...


class SerialEngine:
    """The stages in this process, one document at a time: the next item is only taken once the last
    result has been handed back (and stored), so a document repeated within one run is recognised."""

    runs_ahead = False

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline

    def run(self, items: Iterable[object]) -> Iterator[tuple[object, Article | Problem | None]]:
        for item in items:
            yield item, (self.pipeline.run_one(item.doc) if isinstance(item, Work) else None)

    def warm(self, docs: list[RawDoc]) -> None:
        for doc in docs:
            self.pipeline.run_one(doc)

    def close(self) -> None:
        pass


def make_engine(settings: Settings, pipeline: Pipeline) -> Engine:
    if settings.engine.kind == "dask":
        from newsweave.dask_engine import DaskEngine

        return DaskEngine(settings)
    return SerialEngine(pipeline)
