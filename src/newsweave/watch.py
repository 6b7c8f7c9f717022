"""Streams: watch folders and feeds, and ingest what is new as it appears.

Each poll walks the folders for files not seen before (or changed since: another size or modification
time) and fetches every feed again; what is new goes through one ordinary ingest run, so the corpus steps
(stories, storylines) are brought up to date incrementally after each poll. A file counts only once it
has not changed for ``settle_s`` seconds, so a file still being copied in is not read half-written. Feed
entries already stored are recognised by the store (the same input read again adds nothing), so polling
a feed costs one download and a few lookups. WARC files are read record by record whatever their size.

Polling rather than inotify: it works the same on every platform and on network filesystems, and a
newsroom's folders change every few seconds at most.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from newsweave.model import IngestReport
from newsweave.readers.inputs import walk
from newsweave.service import NewsWeave


@dataclass(slots=True)
class Poll:
    """What one poll found and what ingesting it gave."""

    started: float
    targets: list[str]
    report: IngestReport | None = None
    waiting: int = 0  # files still changing, left for a later poll


@dataclass
class Watcher:
    nw: NewsWeave
    targets: list[str]
    settle_s: float = 2.0
    _seen: dict[str, tuple[int, int]] = field(default_factory=dict)

    def poll(self) -> Poll:
        """Ingest what is new since the last poll."""
        now = time.time()
        fresh: list[str] = []
        waiting = 0
        for target in self.targets:
            if target.startswith(("http://", "https://")):
                fresh.append(target)  # the store skips entries it holds
                continue
            path = Path(target)
            for file in walk(path) if path.is_dir() else [path] if path.is_file() else []:
                try:
                    stat = file.stat()
                except OSError:
                    continue  # gone since the walk
                state = (stat.st_size, stat.st_mtime_ns)
                if self._seen.get(str(file)) == state:
                    continue
                if now - stat.st_mtime < self.settle_s:
                    waiting += 1
                    continue
                self._seen[str(file)] = state
                fresh.append(str(file))
        poll = Poll(now, fresh, waiting=waiting)
        if fresh:
            poll.report = self.nw.ingest(fresh)
        return poll

    def run(
        self,
        interval_s: float,
        on_poll: Callable[[Poll], None],
        polls: int | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        """Poll every ``interval_s`` seconds, ``polls`` times (None: until interrupted)."""
        done = 0
        while polls is None or done < polls:
            on_poll(self.poll())
            done += 1
            if polls is None or done < polls:
                sleep(interval_s)
