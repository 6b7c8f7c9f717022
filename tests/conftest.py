"""Shared fixtures: a settings object on a temporary store, the service, a CLI runner, input builders."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsweave.config import Settings, load_settings
from newsweave.service import NewsWeave

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "examples" / "seeds"
INPUTS = Path(__file__).resolve().parent / "inputs"


@pytest.fixture(autouse=True)
def _no_user_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """The developer's or CI's own NEWSWEAVE_* variables must not change what the CLI tests see."""
    import os

    for name in list(os.environ):
        if name.startswith("NEWSWEAVE_"):
            monkeypatch.delenv(name)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings(overrides={"db": str(tmp_path / "test.db")}, environ={})


@pytest.fixture
def service(settings: Settings) -> Iterator[NewsWeave]:
    with NewsWeave(settings) as nw:
        yield nw


@pytest.fixture(scope="session")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the sample corpus, built once per test session (read-only for tests)."""
    db = tmp_path_factory.mktemp("seeded") / "seeds.db"
    with NewsWeave(load_settings(overrides={"db": str(db)}, environ={})) as nw:
        report = nw.ingest([str(SEEDS)])
        assert report.ok, report.problems
    return db


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def write(tmp_path: Path):  # type: ignore[no-untyped-def]
    """write("name.ext", text_or_bytes) -> Path in a fresh folder."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / "in" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The fuzzing counts of this run, so that CI's log records them."""
    import sys

    module = sys.modules.get("tests.test_fuzz")
    counts = getattr(module, "COUNTS", None)
    if counts:
        terminalreporter.write_line("fuzz: " + ", ".join(f"{n:,} {what}" for what, n in counts.items()))
