"""Streams: folders watched by polling, new and changed files ingested once settled, corpus steps after each poll."""

from __future__ import annotations

import http.server
import os
import shutil
import threading
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


ITEM = (
    "<item><title>{title}</title><link>https://town.example/{n}</link><pubDate>Mon, 0{n} Mar 2025 10:00:00 GMT"
    "</pubDate><description>The council of Springfield met on day {n} and approved item {n} of the plan for "
    "the harbour, the mayor said after a long debate about {title}.</description></item>"
)


def test_a_watched_feed_adds_only_its_new_entries(tmp_path: Path) -> None:
    entries = [ITEM.format(n=1, title="roads")]

    class Feed(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            head = '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
            data = (head + "".join(entries) + "</channel></rss>").encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Feed)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/feed"
    try:
        with NewsWeave(load_settings(overrides={"db": str(tmp_path / "f.db")}, environ={})) as nw:
            watcher = Watcher(nw, [url], settle_s=0)
            first = watcher.poll().report
            assert first is not None and len(first.added) == 1
            entries.append(ITEM.format(n=2, title="schools"))
            second = watcher.poll().report
            assert second is not None and len(second.added) == 1 and len(second.unchanged) == 1
    finally:
        server.shutdown()
