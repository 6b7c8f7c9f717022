"""Kill ingest runs with SIGKILL at random moments and check what the store holds after each kill.

Run by tests/test_crash.py in a process of its own (it forks). The parent ingests the corpus once into a
reference store, which also loads every model, then forks children that ingest the same corpus into the
target store and kills each at a random moment within the time a full run takes. Forking from a warm
parent puts kills into the work itself rather than into start-up. After every kill the store must open,
pass its integrity check and hold no article without the rows written with it (articles are stored in
batches of two, so a kill also lands inside a batch). When a child finishes
before its kill the target is started afresh, so later kills keep landing on real work. Finally one run
completes on the last, partly written store, and its content must equal the reference's.

Prints one JSON object: kills, kills during work, runs that finished first, problems found, and whether
the final content matched.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

from newsweave.config import load_settings
from newsweave.service import NewsWeave
from newsweave.store import open_store

#: Articles per transaction: small, so that kills land between batches and inside them.
COMMIT_ARTICLES = 2


def ingest(db: Path, corpus: list[str]) -> None:
    overrides = {"db": str(db), "commit": {"articles": COMMIT_ARTICLES}}
    with NewsWeave(load_settings(overrides=overrides, environ={})) as nw:
        report = nw.ingest(corpus)
        if report.problems:
            raise SystemExit(f"problems: {report.problems}")


def half_written(db: Path) -> list[str]:
    """Rows an article is stored with, missing: what a crash between statements would leave."""
    store = open_store(str(db))  # opening also runs any migration a kill interrupted
    try:
        found = store.integrity_check()
    finally:
        store.close()
    conn = sqlite3.connect(db)
    try:
        checks = {
            "without a story": "SELECT COUNT(*) FROM articles a WHERE NOT EXISTS "
            "(SELECT 1 FROM story_articles s WHERE s.article_id = a.id)",
            "without search keys": "SELECT COUNT(*) FROM articles a WHERE NOT EXISTS "
            "(SELECT 1 FROM search_text t WHERE t.rowid = a.seq)",
            "without an embedding": "SELECT COUNT(*) FROM articles a WHERE a.duplicate_of IS NULL AND NOT EXISTS "
            "(SELECT 1 FROM embeddings e WHERE e.article_id = a.id)",
            "in a story that is not stored": "SELECT COUNT(*) FROM story_articles s WHERE NOT EXISTS "
            "(SELECT 1 FROM stories t WHERE t.id = s.story_id)",
        }
        for what, sql in checks.items():
            n = conn.execute(sql).fetchone()[0]
            if n:
                found.append(f"{n} article(s) {what}")
    finally:
        conn.close()
    return found


def content(db: Path) -> dict[str, Any]:
    """What a reader sees, independent of ids that depend on nothing but content anyway."""
    conn = sqlite3.connect(db)
    try:
        q = conn.execute
        names = dict(q("SELECT id, name || ' ' || label FROM entities").fetchall())
        stories: dict[str, list[str]] = {}
        for article_id, story_id in q("SELECT article_id, story_id FROM story_articles"):
            stories.setdefault(story_id, []).append(article_id)
        lines: dict[str | None, list[str]] = {}
        for story_id, line in q("SELECT id, storyline_id FROM stories"):
            lines.setdefault(line, []).extend(sorted(stories.get(story_id, [])))
        return {
            "articles": sorted(
                q(
                    "SELECT id, text, COALESCE(title, ''), language, COALESCE(published, ''), "
                    "COALESCE(duplicate_of, '') FROM articles"
                ).fetchall()
            ),
            "mentions": sorted(
                (a, s, e, names.get(i))
                for a, s, e, i in q("SELECT article_id, start, end, entity_id FROM entity_mentions")
            ),
            "entities": sorted(q("SELECT name, label, mentions, articles FROM entities").fetchall()),
            "events": sorted(q("SELECT type, COALESCE(date, ''), modality FROM events").fetchall()),
            "stories": sorted(sorted(members) for members in stories.values()),
            # each line's articles as a set: the order its stories' rows were written in is no content
            "storylines": sorted(sorted(members) for key, members in lines.items() if key is not None),
        }
    finally:
        conn.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("corpus", nargs="+")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    reference, target = args.work / "reference.db", args.work / "target.db"
    started = time.perf_counter()
    ingest(reference, args.corpus)  # also loads every model before the first fork
    # How long a child's whole run takes, timed on a forked child like the ones to be killed: the
    # parent's own second run was faster than a child's (no copy-on-write faults, lingua's thread
    # pool), and on a busy machine every kill then landed in the first articles.
    warm = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        try:
            ingest(args.work / "timing.db", args.corpus)
        finally:
            os._exit(0)
    os.waitpid(pid, 0)
    full = time.perf_counter() - warm
    expected = content(reference)
    kills = finished = 0
    stored: list[int] = []  # articles in the target store at each kill: where the kills landed
    problems: list[str] = []
    while kills < args.kills:
        delay = rng.uniform(0.0, full)
        pid = os.fork()
        if pid == 0:  # the child: one ordinary ingest run
            try:
                ingest(target, args.corpus)
            finally:
                os._exit(0)
        time.sleep(delay)
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            finished += 1
            for suffix in ("", "-wal", "-shm"):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
            continue
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        kills += 1
        if target.exists():
            problems += [f"kill {kills} after {delay:.2f} s: {p}" for p in half_written(target)]
            conn = sqlite3.connect(target)
            stored.append(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
            conn.close()
        else:
            stored.append(0)
    ingest(target, args.corpus)  # the same run again, to completion
    final = content(target)
    mismatched = [key for key in expected if final[key] != expected[key]]
    result = {
        "kills": kills,
        "finished_before_kill": finished,
        "full_run_s": round(full, 2),
        "articles": len(expected["articles"]),
        "stored_at_kill": stored,
        "problems": problems,
        "final_problems": half_written(target),
        "mismatched": mismatched,
        "seconds": round(time.perf_counter() - started, 1),
    }
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
