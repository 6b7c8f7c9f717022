"""Streams: folders watched by polling, new and changed files ingested once settled, corpus steps after each poll."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from typer.testing import CliRunner

from newsweave.cli import app
from newsweave.config import load_settings
from newsweave.service import NewsWeave
from newsweave.watch import Watcher

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "examples" / "seeds").iterdir())


def _old(path: Path) -> None:
    """As if written a minute ago (settled)."""
    stamp = time.time() - 60
    os.utime(path, (stamp, stamp))


def test_new_and_changed_files_are_ingested_once_settled(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(SEEDS[0], inbox / "a.txt")
    _old(inbox / "a.txt")
    with NewsWeave(load_settings(overrides={"db": str(tmp_path / "w.db")}, environ={})) as nw:
        watcher = Watcher(nw, [str(inbox)], settle_s=5)
        first = watcher.poll()
        assert first.report is not None and len(first.report.added) == 1
        assert watcher.poll().report is None  # nothing new: nothing read
        (inbox / "sub").mkdir()
        shutil.copy(SEEDS[1], inbox / "sub" / "b.txt")  # just written: waits until it settles
        waiting = watcher.poll()
        assert waiting.report is None and waiting.waiting == 1
        _old(inbox / "sub" / "b.txt")
        shutil.copy(SEEDS[2], inbox / "c.txt")
        _old(inbox / "c.txt")
        second = watcher.poll()
        assert second.report is not None and len(second.report.added) == 2
        assert sorted(Path(t).name for t in second.targets) == ["b.txt", "c.txt"]
        assert len(list(nw.store.all_stories())) >= 1  # corpus steps ran after the poll
        with (inbox / "c.txt").open("a", encoding="utf-8") as fh:  # a file that changed is read again
            fh.write("\n\nThe talks are to continue next week, officials in Moscow said on Friday.\n")
        _old(inbox / "c.txt")
        third = watcher.poll()
        assert third.report is not None and third.targets == [str(inbox / "c.txt")] and len(third.report.added) == 1


def test_watch_command(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for seed in SEEDS[:2]:
        shutil.copy(seed, inbox / seed.name)
        _old(inbox / seed.name)
    db = str(tmp_path / "c.db")
    result = CliRunner().invoke(app, ["--db", db, "watch", str(inbox), "--polls", "2", "--interval", "0.01"])
    assert result.exit_code == 0 and "2 added" in result.output
    missing = CliRunner().invoke(app, ["--db", db, "watch", str(tmp_path / "nowhere"), "--polls", "1"])
    assert missing.exit_code == 2 and "no such file or folder" in missing.output
