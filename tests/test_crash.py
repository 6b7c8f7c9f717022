"""Crash safety: SIGKILL an ingest run at random moments, 50 times (tests/crash_harness.py does the work)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
KILLS = 50


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_random_kills_lose_nothing_and_leave_nothing_half_written(tmp_path: Path) -> None:
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    env = {k: v for k, v in env.items() if not k.startswith("NEWSWEAVE_")}
    corpus = [str(ROOT / "examples" / "seeds"), str(ROOT / "tests" / "inputs" / "pages")]
    harness = [sys.executable, str(ROOT / "tests" / "crash_harness.py"), "--work", str(tmp_path)]
    run = subprocess.run(
        [*harness, "--kills", str(KILLS), *corpus], capture_output=True, text=True, env=env, timeout=600
    )
    assert run.returncode == 0, run.stderr[-3000:]
    result = json.loads(run.stdout)
    print(json.dumps(result))  # the counts, for the log
    assert result["kills"] == KILLS
    assert result["problems"] == [] and result["final_problems"] == []
    assert result["mismatched"] == []  # the re-run ends with the reference's content
    stored = result["stored_at_kill"]
    assert len(set(stored)) >= 4 and max(stored) >= result["articles"] // 2  # kills landed all through the work
