"""The PostgreSQL store (psycopg 3): the server store, for many readers, big corpora and a database the
organisation already runs and backs up.

It runs the very statements of the SQLite store (``sql.py``): its connections take ``?`` placeholders and
rows that index by position and by name, like ``sqlite3``'s. What differs is below and in
``postgres_search.py`` (keyword search on a tsvector column) and ``migrations/postgresql``.

Two things PostgreSQL refuses that the contract must keep: a text value holding NUL (``\\x00``), which
news text scraped from binaries and broken encodings does carry, and any dependence on the database's
locale. NUL is written escaped and read back unescaped (``_escape``); text columns compare byte by byte
(``COLLATE "C"`` in the schema).
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from newsweave.errors import StoreError
from newsweave.store.postgres_search import PostgresSearchRows

try:  # optional: only a PostgreSQL store needs it
    import psycopg
except ImportError:  # pragma: no cover - exercised where psycopg is absent
    psycopg = None  # type: ignore[assignment]

# NUL is not storable in PostgreSQL text. It is written as ESC + "0", and ESC itself as ESC + ESC, so any
# text round-trips; ESC is a private-use character no other text depends on.
_ESC = "\ue000"
_ESCAPES = re.compile(f"[\x00{_ESC}]")
_UNESCAPES = re.compile(f"{_ESC}([0{_ESC}])")


def _escape(value: str) -> str:
    if "\x00" not in value and _ESC not in value:
        return value
    return _ESCAPES.sub(lambda m: _ESC + ("0" if m.group() == "\x00" else _ESC), value)


def _unescape(value: str) -> str:
    if _ESC not in value:
        return value
    return _UNESCAPES.sub(lambda m: "\x00" if m.group(1) == "0" else _ESC, value)


@functools.lru_cache(maxsize=512)
def _translate(sql: str) -> str:
    """``?`` placeholders to psycopg's ``%s`` (a literal ``%`` doubled). None of our statements holds a
    ``?`` or ``%`` inside a string literal; a JSON key test uses ``jsonb_exists``, not the ``?`` operator."""
    return sql.replace("%", "%%").replace("?", "%s")


class Row(tuple[Any, ...]):
    """A row that indexes by position and by column name, and turns into a dict, like ``sqlite3.Row``."""

    names: tuple[str, ...]
    positions: dict[str, int]  # shared by the rows of one result

    def keys(self) -> tuple[str, ...]:
        return self.names

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self.positions[key])
        return tuple.__getitem__(self, key)


def _row_factory(cursor: Any) -> Callable[[Sequence[Any]], Row]:
    names = tuple(c.name for c in cursor.description or ())
    positions = {name: i for i, name in reversed(list(enumerate(names)))}  # the first of a repeated name

    def make(values: Sequence[Any]) -> Row:
        row = Row(_unescape(v) if isinstance(v, str) else v for v in values)
        row.names, row.positions = names, positions
        return row

    return make


class _Cursor:
    """What the shared code uses of a cursor: ``fetchone``, ``fetchall``, iteration, ``rowcount``."""

    def __init__(self, cursor: Any) -> None:
        self._cursor = cursor
        self.rowcount: int = cursor.rowcount

    def fetchone(self) -> Row | None:
        row: Row | None = self._cursor.fetchone()
        return row

    def fetchall(self) -> list[Row]:
        rows: list[Row] = self._cursor.fetchall()
        return rows

    def __iter__(self) -> Iterator[Row]:
        return iter(self._cursor)


class PgConnection:
    """A psycopg connection in autocommit mode that runs ``sqlite3``-style statements. Transactions
    are the store's own BEGIN/SAVEPOINT/COMMIT statements (``SqlStore.transaction``)."""

    def __init__(self, url: str, read_only: bool = False) -> None:
        try:
            self._raw = psycopg.connect(url, autocommit=True, row_factory=_row_factory)
        except psycopg.Error as exc:
            raise StoreError(f"cannot open store {_redact(url)}: {str(exc).strip()}") from exc
        if read_only:
            self._raw.execute("SET default_transaction_read_only = on")

    def execute(self, sql: str, params: Sequence[Any] | None = None) -> _Cursor:
        if params is None:
            return _Cursor(self._raw.execute(sql))
        args = [_escape(p) if isinstance(p, str) else p for p in params]
        return _Cursor(self._raw.execute(_translate(sql), args))

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        with self._raw.cursor() as cur:
            cur.executemany(_translate(sql), [[_escape(p) if isinstance(p, str) else p for p in r] for r in rows])

    def close(self) -> None:
        self._raw.close()


def _redact(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


class PostgresStore(PostgresSearchRows):
    BACKEND = "postgresql"
    BEGIN = "BEGIN"
    FORMS_HAS_KEY = "jsonb_exists(forms::jsonb, ?)"
    LIKE = "ILIKE"
    MIGRATIONS_TABLE = (
        "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL,"
        " applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
    )
    #: Serialises migrations of one database between processes (any constant both agree on).
    _MIGRATION_LOCK = 0x6E657773

    def __init__(self, url: str) -> None:
        if psycopg is None:
            raise StoreError("the PostgreSQL store needs psycopg: pip install 'newsweave[postgres]'")
        self.url = url
        self._writer = PgConnection(url)
        # As the SQLite store's synchronous=NORMAL: a commit returns before its WAL reaches the disk, so a
        # power cut or a crash of the database server may lose the last fraction of a second of articles
        # (whole ones: the database stays consistent), which a re-run of the same inputs adds again. A
        # flush per article would make the ingest wait on the disk for every one.
        self._writer.execute("SET synchronous_commit = off")
        self._setup_connections()
        try:
            self._writer.execute("SELECT pg_advisory_lock(?)", (self._MIGRATION_LOCK,))
            try:
                self._migrate()
            finally:
                self._writer.execute("SELECT pg_advisory_unlock(?)", (self._MIGRATION_LOCK,))
        except BaseException as exc:  # a store refused (newer schema) closes its connections too
            self.close()
            if isinstance(exc, psycopg.Error):
                raise StoreError(f"cannot open store {_redact(url)}: {str(exc).strip()}") from exc
            raise

    def _new_reader(self) -> PgConnection:
        return PgConnection(self.url, read_only=True)

    def optimize(self) -> None:
        """Refresh the planner's statistics (PostgreSQL samples large tables itself)."""
        with self._lock:
            self._writer.execute("ANALYZE")

    def backup(self, path: str) -> None:
        """A consistent copy with ``pg_dump`` (custom format, for ``pg_restore``): PostgreSQL's own tool
        takes a snapshot, so writers may go on."""
        target = Path(path).expanduser()
        if target.exists():
            raise StoreError(f"cannot back up to {target}: it exists (give a new file name)")
        if not target.parent.is_dir():
            raise StoreError(f"cannot back up to {target}: folder {target.parent} does not exist")
        pg_dump = shutil.which("pg_dump")
        if pg_dump is None:
            raise StoreError("backing up a PostgreSQL store needs pg_dump (Debian: postgresql-client)")
        # The password goes by the environment, not the command line, which other users can list (ps).
        params = psycopg.conninfo.conninfo_to_dict(self.url)
        password = params.pop("password", None)
        env = {**os.environ, **({"PGPASSWORD": str(password)} if password else {})}
        done = subprocess.run(
            [
                pg_dump,
                "--format=custom",
                f"--file={target}",
                f"--dbname={psycopg.conninfo.make_conninfo('', **params)}",
            ],
            capture_output=True,
            text=True,
            check=False,
            env=env,
        )
        if done.returncode != 0:
            target.unlink(missing_ok=True)
            raise StoreError(f"pg_dump failed: {done.stderr.strip()}")
