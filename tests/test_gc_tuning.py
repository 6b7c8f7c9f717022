"""Ingest runs tune the garbage collector once per process (``gc_tuning``); a program can opt out."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from newsweave import gc_tuning


@pytest.fixture
def collector() -> Iterator[None]:
    """The interpreter's collector as it was, whatever the test does."""
    threshold, tuned = gc.get_threshold(), list(gc_tuning._TUNED)
    gc_tuning._TUNED.clear()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)
    gc_tuning._TUNED[:] = tuned


def test_tuning_freezes_what_is_alive_once_and_collects_less_often(collector: None) -> None:
    gc.unfreeze()
    gc_tuning.tune_for_ingest(None)  # opted out: nothing changes
    assert gc.get_freeze_count() == 0 and gc.get_threshold()[0] != 12_345
    gc_tuning.tune_for_ingest(12_345)
    frozen = gc.get_freeze_count()
    assert frozen > 1_000 and gc.get_threshold()[0] == 12_345
    gc_tuning.tune_for_ingest(20_000)  # once per process: a second run neither freezes nor changes it
    assert gc.get_freeze_count() == frozen and gc.get_threshold()[0] == 12_345


def test_the_setting_is_validated() -> None:
    from newsweave.config import load_settings

    assert load_settings(overrides={"engine": {"gc_young": None}}, environ={}).engine.gc_young is None
    with pytest.raises(ValueError, match="gc_young"):
        load_settings(overrides={"engine": {"gc_young": 10}}, environ={})
