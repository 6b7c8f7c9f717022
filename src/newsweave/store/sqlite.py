"""The embedded SQLite store: one file, WAL journal, numbered migrations, nested transactions.

WAL lets readers (the CLI listing while an ingest runs, the web UI) work during writes.
``synchronous=NORMAL`` in WAL mode survives a killed process, which is the failure news pipelines meet
(OOM kills, Ctrl-C); only a power cut can lose the last commits, never corrupt the file. Savepoint
journals stay in memory (``temp_store``) and the page cache may grow to 64 MB: an ingest writes a batch
of articles in one transaction (``write_batch``), whose pages would otherwise spill to disk mid-way.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from newsweave.errors import StoreError
from newsweave.store.sqlite_search import SqliteSearchRows


class SqliteStore(SqliteSearchRows):
    BACKEND = "sqlite"
    BEGIN = "BEGIN IMMEDIATE"
    FORMS_HAS_KEY = "json_extract(forms, '$.' || ?) IS NOT NULL"
    MIGRATIONS_TABLE = (
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
        " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))"
    )

    def __init__(self, path: str) -> None:
        self.url = f"sqlite:///{path}"
        self.path = path
        if path != ":memory:":
            parent = Path(path).expanduser().resolve().parent
            if not parent.is_dir():
                raise StoreError(f"cannot create store {path}: folder {parent} does not exist")
        try:
            self._writer = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30.0)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open store {path}: {exc}") from exc
        self._writer.row_factory = sqlite3.Row
        self._setup_connections()
        try:
            self._writer.execute("PRAGMA journal_mode=WAL")
            self._writer.execute("PRAGMA synchronous=NORMAL")
            self._writer.execute("PRAGMA temp_store=MEMORY")
            self._writer.execute("PRAGMA cache_size=-65536")
            self._writer.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            self.close()
            raise StoreError(f"cannot open store {path}: {exc} (is it a newsweave SQLite file?)") from exc

    def _shares_writer(self) -> bool:
        return self.path == ":memory:"

    def _new_reader(self) -> sqlite3.Connection:
        reader = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=30.0)
        reader.row_factory = sqlite3.Row
        reader.execute("PRAGMA query_only = 1")
        return reader

    def optimize(self) -> None:
        """Refresh the planner's statistics from a sample (milliseconds at any size), so that queries keep
        their indexes as the store grows from empty."""
        with self._lock:
            self._writer.execute("PRAGMA analysis_limit = 1000")
            self._writer.execute("ANALYZE")

    def backup(self, path: str) -> None:
        """A consistent copy of the store while it is in use (SQLite's online backup: a writer may go on;
        the copy is the state at one moment, whole articles only)."""
        target = Path(path).expanduser()
        if target.exists():
            raise StoreError(f"cannot back up to {target}: it exists (give a new file name)")
        if not target.parent.is_dir():
            raise StoreError(f"cannot back up to {target}: folder {target.parent} does not exist")
        copy = sqlite3.connect(str(target))
        try:
            with self._lock:
                self._conn.backup(copy)
        finally:
            copy.close()

    def _engine_check(self) -> list[str]:
        found = [str(r[0]) for r in self._conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
        found += [f"foreign key: {tuple(r)}" for r in self._conn.execute("PRAGMA foreign_key_check")]
        return found
