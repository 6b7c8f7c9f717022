"""Bad input, tried on purpose: every file gives what tests/inputs/bad/EXPECTED.json says, the batch goes
on, and nothing already stored changes. Generated cases cover what is too big to keep in the repo."""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

from newsweave.config import load_settings
from newsweave.service import NewsWeave

ROOT = Path(__file__).resolve().parent.parent
BAD = ROOT / "tests" / "inputs" / "bad"
SEEDS = ROOT / "examples" / "seeds"


def _rows(db: Path, ids: list[str]) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(db)
    try:
        marks = ", ".join("?" * len(ids))
        return conn.execute(f"SELECT * FROM articles WHERE id IN ({marks}) ORDER BY id", ids).fetchall()
    finally:
        conn.close()


def _read_per_file(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    try:
        counts: dict[str, int] = {}
        for (source,) in conn.execute("SELECT source FROM sources"):
            name = Path(source.split("#")[0].rsplit(":", 1)[0] if "/bad/" in source else source).name
            counts[name] = counts.get(name, 0) + 1
        return counts
    finally:
        conn.close()


def test_every_bad_file_as_expected_in_one_batch_and_the_store_unchanged(tmp_path: Path) -> None:
    db = tmp_path / "bad.db"
    settings = load_settings(overrides={"db": str(db)}, environ={})
    with NewsWeave(settings) as nw:
        seeds = nw.ingest([str(SEEDS)]).added
        before = _rows(db, seeds)
        report = nw.ingest([str(BAD)])
        assert nw.store.integrity_check() == []
    assert _rows(db, seeds) == before  # what was stored did not change
    expected = {k: v for k, v in json.loads((BAD / "EXPECTED.json").read_text()).items() if k != "_"}
    files = {p.name for p in BAD.iterdir()} - {"EXPECTED.json", "README.md"}
    assert set(expected) == files  # every file has its expectation
    read = _read_per_file(db)
    for name, want in expected.items():
        problems = [
            p for p in report.problems if Path(p.source.split("#")[0]).name.startswith(name.removesuffix(".gz"))
        ]
        assert read.get(name, 0) == want["read"], (name, problems)
        assert len(problems) == len(want["problems"]), (name, [p.reason for p in problems])
        for part, problem in zip(want["problems"], problems, strict=True):
            assert part in problem.reason, (name, problem.reason)
            assert name.removesuffix(".gz") in problem.source  # the problem names the file


def test_generated_giants(tmp_path: Path) -> None:
    """A 200 MB file is refused by its size before it is read; a 3 MB line is read in bounded time."""
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(200 * 1024 * 1024)  # sparse: costs no disk
    line = tmp_path / "line.txt"
    words = ["council", "budget", "roads", "schools", "mayor", "debate", "Monday", "approved", "plan", "money"]
    line.write_text(" ".join(words[i % len(words)] for i in range(450_000)), encoding="utf-8")  # ~3 MB
    settings = load_settings(overrides={"db": str(tmp_path / "g.db")}, environ={})
    started = time.perf_counter()
    with NewsWeave(settings) as nw:
        report = nw.ingest([str(big), str(line)])
    assert time.perf_counter() - started < 60
    reasons = {Path(p.source).name: p.reason for p in report.problems}
    assert "limits.max_file_bytes" in reasons["big.txt"]
    assert "line.txt" in reasons and "limits.max_article_chars" in reasons["line.txt"]
    shorter = tmp_path / "shorter.txt"
    shorter.write_text(" ".join(words[i % len(words)] for i in range(150_000)), encoding="utf-8")  # ~1 MB, one line
    started = time.perf_counter()
    with NewsWeave(settings) as nw:
        report = nw.ingest([str(shorter)])
    assert time.perf_counter() - started < 60 and len(report.added) == 1, report.problems
