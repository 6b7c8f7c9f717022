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


def _postgres_server() -> str | None:
    """The PostgreSQL server tests may use: TEST_POSTGRES_URL (``.ci/run`` starts one and sets it, with
    REQUIRE_POSTGRES_TESTS=1 so that a test that cannot reach it fails instead of skipping)."""
    import os

    return os.environ.get("TEST_POSTGRES_URL") or None


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A URL to an empty schema of its own on the test server, dropped afterwards."""
    import os
    import uuid
    from urllib.parse import quote

    server = _postgres_server()
    if server is None:
        if os.environ.get("REQUIRE_POSTGRES_TESTS"):
            pytest.fail("REQUIRE_POSTGRES_TESTS is set but TEST_POSTGRES_URL is not")
        pytest.skip("no PostgreSQL server: set TEST_POSTGRES_URL (see .ci/run)")
    psycopg = pytest.importorskip("psycopg")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    try:
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {schema}")
    except psycopg.Error as exc:
        if os.environ.get("REQUIRE_POSTGRES_TESTS"):
            pytest.fail(f"PostgreSQL at TEST_POSTGRES_URL is not usable: {exc}")
        pytest.skip(f"PostgreSQL at TEST_POSTGRES_URL is not usable: {exc}")
    sep = "&" if "?" in server else "?"
    yield f"{server}{sep}options={quote(f'-csearch_path={schema}')}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Each store backend in turn: a fresh SQLite file, then a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        return str(tmp_path / "s.db")
    url: str = request.getfixturevalue("postgres_url")
    return url


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
