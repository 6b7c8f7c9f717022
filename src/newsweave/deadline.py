"""Time limits on work that hostile input can make slow (HTML extraction, the per-article stages).

A size limit bounds memory but not time: a page of a few hundred kilobytes can keep an extractor busy
for minutes. In the main thread ``time_limit`` interrupts the work with SIGALRM, the one way to stop
pure-Python code from outside without a second process. Signals reach only the main thread, so in
other threads (a Dask worker's task thread, a server's request threads) a watchdog timer raises the
exception in the working thread instead (CPython's ``PyThreadState_SetAsyncExc``): it lands at the next
Python instruction, so a long call into C (a regular expression, lingua) finishes first, and a limit
cannot stop a thread stuck in one such call. ``TimeLimitExceeded`` derives from ``BaseException`` so
that libraries which catch ``Exception`` around their own work cannot swallow it; callers turn it into
a ``Problem``.
"""

from __future__ import annotations

import ctypes
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class TimeLimitExceeded(BaseException):
    """The work went past its time limit."""


def enforceable() -> bool:
    """Whether a limit can stop this thread: by signal in the main thread, else by the watchdog."""
    if threading.current_thread() is threading.main_thread():
        return hasattr(signal, "setitimer")
    return hasattr(ctypes, "pythonapi") and hasattr(ctypes.pythonapi, "PyThreadState_SetAsyncExc")


def _raise_in(thread_id: int, exc: type[BaseException] | None) -> None:
    """Make ``thread_id`` raise ``exc`` at its next Python instruction (None withdraws a pending one)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(exc) if exc else None)


@contextmanager
def _thread_limit(seconds: float, what: str) -> Iterator[None]:
    target = threading.get_ident()
    lock = threading.Lock()
    state = {"done": False, "fired": False}

    def expire() -> None:
        with lock:
            if not state["done"]:
                state["fired"] = True
                _raise_in(target, TimeLimitExceeded)

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    except TimeLimitExceeded as exc:
        if exc.args:  # an inner limit's, with its own message
            raise
        raise TimeLimitExceeded(f"{what} took longer than {seconds:g} s") from None
    finally:
        timer.cancel()
        with lock:
            state["done"] = True
            if state["fired"]:  # fired as the work ended: withdraw it if it has not been raised yet
                _raise_in(target, None)


@contextmanager
def time_limit(seconds: float | None, what: str) -> Iterator[None]:
    """Raise ``TimeLimitExceeded`` naming ``what`` once ``seconds`` have passed (None or 0: no limit)."""
    if not seconds or seconds <= 0 or not enforceable():
        yield
        return
    if threading.current_thread() is not threading.main_thread():
        with _thread_limit(seconds, what):
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
