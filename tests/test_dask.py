"""Bulk runs on a local Dask cluster: the same store content, progress and problems as a serial run."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsweave.cli import app
from newsweave.config import load_settings
from newsweave.service import NewsWeave, Progress
from tests.snapshot import differences, snapshot

pytest.importorskip("dask.distributed")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "examples" / "seeds"
INPUTS = Path(__file__).resolve().parent / "inputs"


def _inputs(tmp_path: Path) -> list[str]:
    """The samples twice (the copy read in the same run: recognised, not processed again), bad files
    of every kind, and readable inputs of other formats."""
    again = tmp_path / "again"
    shutil.copytree(SEEDS, again)
    return [str(SEEDS), str(INPUTS / "bad"), str(again), str(INPUTS / "pages")]


def _ingest(db: Path, targets: list[str], **engine: object) -> tuple[dict[str, object], list[str], object]:
    settings = load_settings(overrides={"db": str(db), "engine": engine}, environ={})
    advanced: list[str] = []
    with NewsWeave(settings) as nw:
        report = nw.ingest(targets, Progress(advance=advanced.append))
        return snapshot(nw.store), advanced, report


@pytest.mark.slow
def test_dask_run_stores_what_a_serial_run_stores(tmp_path: Path) -> None:
    targets = _inputs(tmp_path)
    serial, serial_progress, serial_report = _ingest(tmp_path / "serial.db", targets)
    # batches of 2 and a window of 4: many batches in flight, results put back in order
    dask, dask_progress, dask_report = _ingest(tmp_path / "dask.db", targets, kind="dask", workers=2, batch=2)
    assert serial["articles"] and serial["problems"] and serial["stories"]
    assert differences(serial, dask) == []
    assert dask_progress == serial_progress and len(dask_progress) > 10
    assert dask_report == serial_report


def test_engine_options_on_the_command_line(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["--db", str(tmp_path / "x.db"), "ingest", "--engine", "spark", str(SEEDS)])
    assert result.exit_code == 2 and "--engine" in result.output
    result = runner.invoke(
        app,
        ["--db", str(tmp_path / "x.db"), "ingest", "--scheduler", "tcp://127.0.0.1:1", "-q", str(SEEDS)],
        env={"NEWSWEAVE_ENGINE__CONNECT_TIMEOUT_S": "2"},
    )
    assert result.exit_code == 2 and "cannot reach Dask scheduler tcp://127.0.0.1:1" in result.output
