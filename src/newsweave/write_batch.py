"""An ingest's articles stored in batches: one transaction for many articles.

A COMMIT per article was 1.5 ms of SQLite's time (the WAL gets every page the article touched, and
the same index pages again for the next one) and a round trip and an fsync on a PostgreSQL server;
and the entities and stories that most articles name were written again for each of them. In a batch,
steps that hold writes back make them once, before the commit (``Store.before_commit``). A batch
commits only between articles, so no article is ever half-written; what changes is that a failure
rolls back the whole open batch, not only the article it happened in, and a killed process loses the
batch's articles. The next run reads them again (their inputs are not recorded as read either).
"""

from __future__ import annotations

import time
from contextlib import AbstractContextManager
from types import TracebackType

from newsweave.config import CommitSettings
from newsweave.store import Store


class WriteBatch:
    """Use as a context manager around a run's writes and call ``step()`` after each article: it
    commits once the batch is big or old enough and opens the next one. Leaving the block commits the
    last batch, or rolls it back on an exception."""

    def __init__(self, store: Store, limits: CommitSettings) -> None:
        self.store = store
        self.limits = limits
        self._open: AbstractContextManager[None] | None = None
        self._articles = 0
        self._since = 0.0

    def __enter__(self) -> WriteBatch:
        self._begin()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> bool:
        batch, self._open = self._open, None
        return bool(batch is not None and batch.__exit__(kind, exc, tb))

    def step(self) -> None:
        self._articles += 1
        if self._articles >= self.limits.articles or time.monotonic() - self._since >= self.limits.seconds:
            batch, self._open = self._open, None
            if batch is not None:
                batch.__exit__(None, None, None)
            self._begin()

    def _begin(self) -> None:
        self._open = self.store.transaction()
        self._open.__enter__()
        self._articles, self._since = 0, time.monotonic()
