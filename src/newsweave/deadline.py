"""Time limits on work that hostile input can make slow (HTML extraction, the per-article stages).

A size limit bounds memory but not time: a page of a few hundred kilobytes can keep an extractor busy
for minutes. ``time_limit`` interrupts the work with SIGALRM, the one way to stop pure-Python code from
outside without a second process. Signals reach only the main thread, so elsewhere (a server's worker
threads) the limit is not enforced and the size limits are what protects; on platforms without
``setitimer`` likewise. ``TimeLimitExceeded`` derives from ``BaseException`` so that libraries which
catch ``Exception`` around their own work cannot swallow it; callers turn it into a ``Problem``.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class TimeLimitExceeded(BaseException):
    """The work went past its time limit."""


def enforceable() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float | None, what: str) -> Iterator[None]:
    """Raise ``TimeLimitExceeded`` naming ``what`` once ``seconds`` have passed (None or 0: no limit)."""
    if not seconds or seconds <= 0 or not enforceable():
        yield
        return

    def expired(_signum: int, _frame: FrameType | None) -> None:
        raise TimeLimitExceeded(f"{what} took longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expired)
    outer, _ = signal.setitimer(signal.ITIMER_REAL, seconds)  # a timer someone else had set (a test runner's)
    started = time.monotonic()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer > 0:  # theirs again, less the time that passed
            signal.setitimer(signal.ITIMER_REAL, max(0.001, outer - (time.monotonic() - started)))
