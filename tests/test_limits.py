"""Limits on size per field and on time, each reported naming the input and the setting that was hit."""

from __future__ import annotations

import json
import signal
import time
from pathlib import Path

import pytest
import trafilatura

from newsweave.config import load_settings
from newsweave.deadline import TimeLimitExceeded, time_limit
from newsweave.model import Article, RawDoc
from newsweave.pipeline import Pipeline
from newsweave.service import NewsWeave

TEXT = "The council of Springfield approved the new budget on Monday after a long debate about the roads."


def test_an_overlong_field_refuses_its_document_only(tmp_path: Path) -> None:
    path = tmp_path / "f.jsonl"
    records = [
        {"text": TEXT, "title": "x" * 30_000},
        {"text": TEXT.replace("Monday", "Friday"), "title": "fine", "extra": {"note": "y" * 30_000}},
        {"text": TEXT.replace("Monday", "Tuesday"), "title": "A normal title"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    settings = load_settings(overrides={"db": str(tmp_path / "f.db")}, environ={})
    with NewsWeave(settings) as nw:
        report = nw.ingest([str(path)])
    assert len(report.added) == 1
    reasons = [p.reason for p in report.problems]
    assert len(reasons) == 2 and all("limits.max_field_chars" in r for r in reasons)
    assert "'title' too long: 30,000 characters" in reasons[0] and "extra.note" in reasons[1]
    assert all(str(path) in p.source for p in report.problems)


class _Slow:
    name = "slow"

    def __call__(self, article: Article) -> Article:
        time.sleep(5)
        return article


def test_the_article_time_limit_names_the_stage(tmp_path: Path) -> None:
    settings = load_settings(overrides={"db": str(tmp_path / "t.db"), "limits": {"article_timeout_s": 0.3}}, environ={})
    pipeline = Pipeline.from_settings(settings)
    pipeline.stages.insert(2, _Slow())  # type: ignore[arg-type]
    started = time.perf_counter()
    result = pipeline.run_one(RawDoc("slow.txt", TEXT, "text"))
    assert time.perf_counter() - started < 3
    assert not isinstance(result, Article)
    assert result.stage == "slow" and "limits.article_timeout_s" in result.reason and "0.3 s" in result.reason
    pipeline.stages.pop(2)
    assert isinstance(pipeline.run_one(RawDoc("ok.txt", TEXT, "text")), Article)  # the timer is gone


class _Busy:
    name = "busy"

    def __call__(self, article: Article) -> Article:
        while True:  # pure Python that never ends: what a pathological input can do to a stage
            sum(range(100))


def test_the_article_time_limit_off_the_main_thread(tmp_path: Path) -> None:
    """Where no signal can reach (a Dask worker's task thread, a server's request thread), the limit
    still stops the stage, and leaves no late exception behind for the thread's next work."""
    from concurrent.futures import ThreadPoolExecutor

    settings = load_settings(overrides={"db": str(tmp_path / "t.db"), "limits": {"article_timeout_s": 0.3}}, environ={})
    pipeline = Pipeline.from_settings(settings)
    pipeline.stages.insert(2, _Busy())  # type: ignore[arg-type]
    with ThreadPoolExecutor(max_workers=1) as pool:
        started = time.perf_counter()
        result = pool.submit(pipeline.run_one, RawDoc("busy.txt", TEXT, "text")).result(timeout=10)
        assert time.perf_counter() - started < 3
        assert not isinstance(result, Article)
        assert result.stage == "busy" and "took longer than 0.3 s" in result.reason
        pipeline.stages.pop(2)

        def then_more_work() -> Article | object:
            done = pipeline.run_one(RawDoc("ok.txt", TEXT, "text"))
            time.sleep(0.5)
            sum(range(10**6))  # a late exception would land here
            return done

        assert isinstance(pool.submit(then_more_work).result(timeout=10), Article)


def test_the_extraction_time_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def stuck(*_: object, **__: object) -> None:
        time.sleep(5)

    monkeypatch.setattr(trafilatura, "bare_extraction", stuck)
    page = tmp_path / "p.html"
    page.write_text(f"<html><body><p>{TEXT}</p></body></html>", encoding="utf-8")
    settings = load_settings(overrides={"db": str(tmp_path / "x.db"), "limits": {"extract_timeout_s": 0.3}}, environ={})
    with NewsWeave(settings) as nw:
        report = nw.ingest([str(page)])
    assert not report.added and len(report.problems) == 1
    assert "HTML extraction took longer than 0.3 s (limits.extract_timeout_s)" in report.problems[0].reason


def test_time_limit_is_only_what_it_says() -> None:
    with time_limit(0.5, "quick work"):
        pass
    time.sleep(0.7)  # the timer was cancelled: no late alarm
    with pytest.raises(TimeLimitExceeded, match=r"quick work took longer than 0\.1 s"), time_limit(0.1, "quick work"):
        time.sleep(2)
    with time_limit(None, "no limit"), time_limit(0, "no limit"):
        pass
    previous = signal.signal(signal.SIGALRM, lambda *_: None)
    try:
        signal.setitimer(signal.ITIMER_REAL, 30)  # someone else's timer (a test runner's) survives ours
        with time_limit(0.2, "quick work"):
            pass
        assert 25 < signal.getitimer(signal.ITIMER_REAL)[0] <= 30
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
