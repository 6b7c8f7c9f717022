"""What the SQL backends share: the store contract written once, in SQL both SQLite and PostgreSQL run.

Statements use ``?`` placeholders; a backend's connection runs them as they are (SQLite) or translated
(PostgreSQL, see ``postgres.py``). What differs between the engines is kept to a few hooks: connecting,
starting a transaction, the migrations table, a JSON key test, the keyword index, statistics, backups
and the engine's own consistency check.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import Any

from newsweave.errors import NotFound, StoreError
from newsweave.model import Article, Entity, Event, IngestReport, Problem
from newsweave.store.base import ArticleQuery, EntityQuery, Signature
from newsweave.store.codec import (
    COLUMNS,
    ENTITY_COLUMNS,
    EVENT_COLUMNS,
    entity_from_row,
    entity_to_row,
    event_from_row,
    event_to_row,
    from_row,
    to_row,
)
from newsweave.store.migrations import latest, migrations
from newsweave.store.sql_stories import StoryRows


class SqlStore(StoryRows):
    """The contract over a DB-API-like connection: ``execute(sql, params)`` returning a cursor whose rows
    index by position and by column name, and ``executemany``.

    One writer connection, used by one thread at a time inside ``transaction()``; every other thread
    reads on a connection of its own (``_conn``), so a server's requests see committed data only."""

    BACKEND = ""
    #: The statement that opens an outermost transaction.
    BEGIN = "BEGIN"
    #: A condition true when the JSON object in column ``forms`` has the key given as parameter.
    FORMS_HAS_KEY = ""
    #: Pattern matching that ignores the case of ASCII letters (SQLite's LIKE does).
    LIKE = "LIKE"
    #: The DDL of the migrations table, run before any migration.
    MIGRATIONS_TABLE = ""

    url: str
    _writer: Any

    def _setup_connections(self) -> None:
        self._depth = 0
        self._flushes: list[Callable[[], None]] = []  # see before_commit
        self._owner: int | None = None  # the thread inside the open transaction
        self._lock = threading.RLock()
        self._local = threading.local()
        self._readers: list[Any] = []
        self._readers_lock = threading.Lock()

    def _new_reader(self) -> Any:
        """A read-only connection for the calling thread."""
        raise NotImplementedError

    def _shares_writer(self) -> bool:
        """True where every thread must use the writer (an in-memory database exists once)."""
        return False

    @property
    def _conn(self) -> Any:
        """The connection for this thread's next statement: the writer inside the thread's own
        transaction (it must see what it wrote), otherwise a read-only connection of the thread's own.
        A server's requests then read committed data only, never another request's half-done ingest,
        and the engine runs their reads side by side instead of one at a time on one connection."""
        if self._owner == threading.get_ident() or self._shares_writer():
            return self._writer
        reader = getattr(self._local, "reader", None)
        if reader is None:
            reader = self._new_reader()
            self._local.reader = reader
            with self._readers_lock:  # not the transaction lock: a writer may wait on this thread
                self._readers.append(reader)
        return reader

    # -- lifecycle -------------------------------------------------------------------------------
    def _migrate(self) -> None:
        self._writer.execute(self.MIGRATIONS_TABLE)
        current = self.schema_version()
        if current > latest(self.BACKEND):
            raise StoreError(
                f"store {self.url} has schema version {current}, newer than this newsweave knows "
                f"({latest(self.BACKEND)}); upgrade newsweave"
            )
        for version, name, sql in migrations(self.BACKEND):
            if version <= current:
                continue
            with self.transaction():
                for statement in _statements(sql):
                    self._conn.execute(statement)
                self._conn.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", (version, name))

    def schema_version(self) -> int:
        row = self._conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
        return int(row[0] or 0)

    def close(self) -> None:
        with self._readers_lock:
            for reader in self._readers:
                reader.close()
        self._writer.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Outermost call is BEGIN ... COMMIT; nested calls are savepoints. Writes held back with
        ``before_commit`` are made just before the COMMIT, inside the transaction."""
        with self._lock:
            depth = self._depth
            name = f"sp{depth}"
            self._writer.execute(self.BEGIN if depth == 0 else f"SAVEPOINT {name}")
            self._depth += 1
            self._owner = threading.get_ident()
            try:
                yield
                while depth == 0 and self._flushes:
                    self._flushes.pop(0)()
            except BaseException:
                self._depth -= 1
                if depth == 0:
                    self._owner = None
                    self._flushes.clear()
                    self._writer.execute("ROLLBACK")
                else:
                    self._writer.execute(f"ROLLBACK TO SAVEPOINT {name}")
                    self._writer.execute(f"RELEASE SAVEPOINT {name}")
                raise
            self._depth -= 1
            if depth == 0:
                self._owner = None
            self._writer.execute("COMMIT" if depth == 0 else f"RELEASE SAVEPOINT {name}")

    def before_commit(self, flush: Callable[[], None]) -> None:
        """Call ``flush`` (once, however often it is registered) just before the open transaction
        commits; forget it if the transaction rolls back. For a step that holds its writes back while
        a batch of articles is stored in one transaction: an entity that a hundred of them name is then
        written once, not a hundred times. Deferred foreign keys are checked after it has run. Outside
        a transaction there is nothing to wait for: ``flush`` is called at once."""
        if not self._in_transaction():
            flush()
        elif flush not in self._flushes:
            self._flushes.append(flush)

    def _in_transaction(self) -> bool:
        return self._owner == threading.get_ident()

    def atomic(self) -> AbstractContextManager[None]:
        """Writes whole or not at all: the caller's open transaction as it is, else one of their own.
        No savepoint inside the caller's: a caller that goes on after a failure rolls back to a
        savepoint of its own (PostgreSQL refuses every statement after a failed one until it does), and
        a savepoint per group of statements was nine statements an article and a tenth of its store
        time (SQLite's full-text index also writes out its pending terms at every savepoint)."""
        return nullcontext() if self._in_transaction() else self.transaction()

    # -- articles --------------------------------------------------------------------------------
    def put_article(self, article: Article) -> None:
        if not article.id:
            raise ValueError("article has no id: run the fingerprint stage before storing")
        with self.atomic():
            row = to_row(article)
            self._upsert("articles", COLUMNS, row)
            # the copy a story page sorts by (0011_story_latest); no row yet for a new article
            self._conn.execute(
                "UPDATE story_articles SET published = ? WHERE article_id = ?", (row["published"] or "", article.id)
            )
            if article.embedding is not None and article.embedding_model:
                self.put_embedding(article.id, article.embedding_model, article.embedding)

    def get_article(self, id_or_prefix: str) -> Article:
        return from_row(self._row_by_prefix("articles", "article", id_or_prefix))

    def has_article(self, article_id: str) -> bool:
        return self._conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def _where(self, q: ArticleQuery) -> tuple[str, list[Any]]:
        clauses, params = [], []
        if q.language:
            clauses.append("language = ?")
            params.append(q.language.lower())
        if q.since:
            clauses.append("substr(published, 1, 10) >= ?")
            params.append(q.since)
        if q.until:
            clauses.append("substr(published, 1, 10) <= ?")
            params.append(q.until)
        if q.outlet:
            clauses.append(f"outlet {self.LIKE} ? ESCAPE '\\'")
            params.append(_like(q.outlet))
        if q.entity:
            clauses.append("id IN (SELECT article_id FROM entity_mentions WHERE entity_id = ?)")
            params.append(q.entity)
        if q.story:
            clauses.append("id IN (SELECT article_id FROM story_articles WHERE story_id = ?)")
            params.append(q.story)
        if not q.include_duplicates:
            clauses.append("duplicate_of IS NULL")
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def list_articles(self, query: ArticleQuery) -> list[Article]:
        where, params = self._where(query)
        order = "ORDER BY published IS NULL, published, seq"
        # the page's keys first, then its rows: a sort, when the planner picks one, moves narrow rows
        rows = self._conn.execute(
            f"SELECT * FROM articles WHERE seq IN (SELECT seq FROM articles{where} {order} LIMIT ? OFFSET ?) {order}",
            [*params, query.limit, query.offset],
        ).fetchall()
        return [from_row(dict(r)) for r in rows]

    def count_articles(self, query: ArticleQuery) -> int:
        where, params = self._where(query)
        return int(self._conn.execute(f"SELECT COUNT(*) FROM articles{where}", params).fetchone()[0])

    # -- sources ---------------------------------------------------------------------------------
    def find_source(self, raw_hash: str) -> str | None:
        row = self._conn.execute("SELECT article_id FROM sources WHERE raw_hash = ? LIMIT 1", (raw_hash,)).fetchone()
        return str(row[0]) if row else None

    def add_source(self, article_id: str, source: str, raw_hash: str) -> bool:
        cur = self._write(
            "INSERT INTO sources (raw_hash, source, article_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            (raw_hash, source, article_id),
        )
        return bool(cur.rowcount > 0)

    def sources_of(self, article_id: str) -> list[str]:
        rows = self._conn.execute(
            "SELECT source FROM sources WHERE article_id = ? ORDER BY seq", (article_id,)
        ).fetchall()
        return [str(r[0]) for r in rows]

    def source_rows(self, article_id: str) -> list[tuple[str, str]]:
        """(source, raw hash) of every input the article was read from, in the order they came."""
        rows = self._conn.execute(
            "SELECT source, raw_hash FROM sources WHERE article_id = ? ORDER BY seq", (article_id,)
        ).fetchall()
        return [(str(r[0]), str(r[1])) for r in rows]

    # -- duplicates ------------------------------------------------------------------------------
    def signatures(self) -> Iterator[Signature]:
        cur = self._conn.execute(
            "SELECT id, minhash, duplicate_of, published FROM articles WHERE minhash IS NOT NULL ORDER BY seq"
        )
        for row in cur:
            yield Signature(row[0], bytes(row[1]), row[2], row[3])

    def set_duplicate_of(self, article_id: str, original_id: str | None, similarity: float | None) -> None:
        self._write(
            "UPDATE articles SET duplicate_of = ?, duplicate_similarity = ? WHERE id = ?",
            (original_id, similarity, article_id),
        )

    def repoint_duplicates(self, old_original: str, new_original: str) -> None:
        self._write(
            "UPDATE articles SET duplicate_of = ? WHERE duplicate_of = ? AND id != ?",
            (new_original, old_original, new_original),
        )

    def duplicates_of(self, article_id: str) -> list[str]:
        rows = self._conn.execute("SELECT id FROM articles WHERE duplicate_of = ? ORDER BY seq", (article_id,))
        return [str(r[0]) for r in rows]

    # -- entities --------------------------------------------------------------------------------
    def put_entity(self, entity: Entity) -> None:
        self._upsert("entities", ENTITY_COLUMNS, entity_to_row(entity))

    def put_entities(self, entities: list[Entity]) -> None:
        """Several entities in one batch (``executemany``: one round trip to a PostgreSQL server)."""
        rows = [entity_to_row(e) for e in entities]
        with self.atomic():
            self._conn.executemany(
                _upsert_sql("entities", ENTITY_COLUMNS), [[r[c] for c in ENTITY_COLUMNS] for r in rows]
            )

    def _upsert(self, table: str, columns: tuple[str, ...], row: dict[str, Any]) -> None:
        """Insert a row keyed by ``id``, or replace its other columns (table and columns are ours, not input)."""
        self._write(_upsert_sql(table, columns), [row[c] for c in columns])

    def get_entity(self, entity_id: str) -> Entity:
        row = self._conn.execute("SELECT * FROM entities WHERE id = ?", (entity_id,)).fetchone()
        if row is None:
            raise NotFound(f"no entity with id {entity_id!r}")
        return entity_from_row(dict(row))

    def all_entities(self) -> Iterator[Entity]:
        for row in self._conn.execute("SELECT * FROM entities ORDER BY id"):
            yield entity_from_row(dict(row))

    def list_entities(self, query: EntityQuery) -> list[Entity]:
        clauses, params = [], []
        if query.label:
            clauses.append("label = ?")
            params.append(query.label.upper())
        if query.language:
            clauses.append(self.FORMS_HAS_KEY)
            params.append(query.language.lower())
        if query.name:
            like = f"{self.LIKE} ? ESCAPE '\\'"
            clauses.append(f"(name {like} OR forms {like} OR key {like})")
            params += [_like(query.name)] * 3
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        rows = self._conn.execute(
            f"SELECT * FROM entities{where} ORDER BY mentions DESC, name LIMIT ? OFFSET ?",
            [*params, query.limit, query.offset],
        ).fetchall()
        return [entity_from_row(dict(r)) for r in rows]

    def entities_by_key(self, key: str, limit: int = 3) -> list[Entity]:
        """Entities whose matching key is exactly ``key``, most mentioned first (an index lookup)."""
        rows = self._conn.execute(
            "SELECT * FROM entities WHERE key = ? ORDER BY mentions DESC, id LIMIT ?", (key, limit)
        ).fetchall()
        return [entity_from_row(dict(r)) for r in rows]

    def link_mentions(self, article_id: str, links: list[tuple[str, int, int]]) -> None:
        with self.atomic():
            self._conn.execute("DELETE FROM entity_mentions WHERE article_id = ?", (article_id,))
            self._conn.executemany(
                'INSERT INTO entity_mentions (entity_id, article_id, start, "end") VALUES (?, ?, ?, ?) '
                'ON CONFLICT (article_id, start, "end") DO UPDATE SET entity_id = excluded.entity_id',
                [(e, article_id, s, t) for e, s, t in links],
            )

    def delete_entity(self, entity_id: str) -> None:
        self._write("DELETE FROM entities WHERE id = ?", (entity_id,))

    def entity_mentions(self, entity_id: str, limit: int = 1000) -> list[tuple[str, int, int]]:
        rows = self._conn.execute(
            'SELECT m.article_id, m.start, m."end" FROM entity_mentions m JOIN articles a ON a.id = m.article_id '
            "WHERE m.entity_id = ? ORDER BY a.published IS NULL, a.published, a.seq, m.start LIMIT ?",
            (entity_id, limit),
        ).fetchall()
        return [(str(r[0]), int(r[1]), int(r[2])) for r in rows]

    def entity_articles(self, entity_id: str, limit: int) -> list[str]:
        """The latest articles (by publication, undated last) that mention an entity."""
        rows = self._conn.execute(
            "SELECT m.article_id FROM entity_mentions m JOIN articles a ON a.id = m.article_id "
            "WHERE m.entity_id = ? GROUP BY m.article_id ORDER BY MAX(a.published) IS NULL, MAX(a.published) DESC "
            "LIMIT ?",
            (entity_id, limit),
        ).fetchall()
        return [str(r[0]) for r in rows]

    # -- events ----------------------------------------------------------------------------------
    def put_event(self, event: Event) -> None:
        with self.atomic():
            self._upsert("events", EVENT_COLUMNS, event_to_row(event))
            self._conn.execute("DELETE FROM event_participants WHERE event_id = ?", (event.id,))
            self._conn.executemany(
                "INSERT INTO event_participants (event_id, entity_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                [(event.id, e) for e in event.participants],
            )

    def get_event(self, event_id: str) -> Event:
        row = self._conn.execute("SELECT * FROM events WHERE id = ?", (event_id,)).fetchone()
        if row is None:
            raise NotFound(f"no event with id {event_id!r}")
        return event_from_row(dict(row))

    def events_with(
        self,
        entity_ids: list[str],
        type: str | None = None,
        limit: int | None = None,
        during: tuple[str, str] | None = None,
    ) -> list[Event]:
        """Events any of these entities took part in or was the place of, oldest first (undated last);
        with ``limit``, the latest that many; with ``during`` (first, last ISO day), only dated events
        overlapping those days. Merging asks for the days of one report: without the window, a country
        present in every article brought back every event it ever had, and merging slowed with the corpus."""
        if not entity_ids:
            return []
        marks = ", ".join("?" * len(entity_ids))
        sql = (
            # a UNION, not an OR of the two: PostgreSQL scans every event for the OR
            f"SELECT e.* FROM events e WHERE e.id IN (SELECT event_id FROM event_participants "
            f"WHERE entity_id IN ({marks}) UNION SELECT id FROM events WHERE place_id IN ({marks}))"
        )
        params: list[Any] = [*entity_ids, *entity_ids]
        if type:
            sql += " AND e.type = ?"
            params.append(type)
        if during:
            sql += " AND e.date IS NOT NULL AND e.date_until IS NOT NULL AND e.date <= ? AND e.date_until >= ?"
            params.extend([during[1], during[0]])
        if limit is None:
            rows = self._conn.execute(sql + " ORDER BY e.date IS NULL, e.date, e.id", params).fetchall()
            return [event_from_row(dict(r)) for r in rows]
        rows = self._conn.execute(
            sql + " ORDER BY e.date IS NULL, e.date DESC, e.id LIMIT ?", [*params, limit]
        ).fetchall()
        return sorted((event_from_row(dict(r)) for r in rows), key=lambda e: (e.date is None, e.date or "", e.id))

    def add_event_report(self, event_id: str, article_id: str, start: int, end: int) -> None:
        self._write(
            'INSERT INTO event_mentions (event_id, article_id, start, "end") VALUES (?, ?, ?, ?) '
            "ON CONFLICT DO NOTHING",
            (event_id, article_id, start, end),
        )

    def event_reports(self, event_id: str) -> list[tuple[str, int, int]]:
        rows = self._conn.execute(
            'SELECT m.article_id, m.start, m."end" FROM event_mentions m JOIN articles a ON a.id = m.article_id '
            "WHERE m.event_id = ? ORDER BY a.published IS NULL, a.published, a.seq, m.start",
            (event_id,),
        ).fetchall()
        return [(str(r[0]), int(r[1]), int(r[2])) for r in rows]

    def events_reported_in(self, article_ids: list[str]) -> list[str]:
        """Ids of the events these articles report."""
        marks = ", ".join("?" * len(article_ids))
        rows = (
            self._conn.execute(
                f"SELECT DISTINCT event_id FROM event_mentions WHERE article_id IN ({marks}) ORDER BY event_id",
                article_ids,
            ).fetchall()
            if article_ids
            else []
        )
        return [str(r[0]) for r in rows]

    def put_citations(self, article_id: str, rows: list[tuple[str, str | None, int, int]]) -> None:
        """Replace the article's citations: (outlet name, outlet entity id, start, end)."""
        with self.atomic():
            self._conn.execute("DELETE FROM citations WHERE article_id = ?", (article_id,))
            self._conn.executemany(
                'INSERT INTO citations (article_id, outlet, entity_id, start, "end") VALUES (?, ?, ?, ?, ?) '
                "ON CONFLICT (article_id, start) DO UPDATE SET outlet = excluded.outlet, "
                'entity_id = excluded.entity_id, "end" = excluded."end"',
                [(article_id, *row) for row in rows],
            )

    def repoint_entity(self, old_id: str, new_id: str) -> None:
        """Facts that name an entity follow it when it is merged into another (events, places, citations)."""
        with self.atomic():
            for (event_id,) in self._conn.execute(
                "SELECT event_id FROM event_participants WHERE entity_id = ?", (old_id,)
            ).fetchall():
                event = self.get_event(event_id)
                event.participants = sorted({new_id if e == old_id else e for e in event.participants})
                self.put_event(event)
            self._conn.execute("UPDATE events SET place_id = ? WHERE place_id = ?", (new_id, old_id))
            self._conn.execute("UPDATE citations SET entity_id = ? WHERE entity_id = ?", (new_id, old_id))

    def citation_rows(self) -> list[tuple[str, str | None, str | None, str | None, str | None, str]]:
        """Every citation of an original article: (outlet name, outlet entity id, citing article's outlet,
        its language, its publication date, its id); the outlet named as its entity is now called."""
        rows = self._conn.execute(
            """
            SELECT COALESCE(e.name, c.outlet), c.entity_id, a.outlet, a.language, a.published, c.article_id
            FROM citations c JOIN articles a ON a.id = c.article_id
            LEFT JOIN entities e ON e.id = c.entity_id
            WHERE a.duplicate_of IS NULL
            """
        ).fetchall()
        return [tuple(r) for r in rows]

    # -- runs and problems -----------------------------------------------------------------------
    def record_run(self, targets: list[str], report: IngestReport) -> int:
        with self.atomic():
            cur = self._conn.execute(
                "INSERT INTO runs (targets, added, duplicates, unchanged, problems) "
                "VALUES (?, ?, ?, ?, ?) RETURNING id",
                (
                    json.dumps(targets),
                    len(report.added),
                    len(report.near_duplicates) + len(report.exact_duplicates),
                    len(report.unchanged),
                    len(report.problems),
                ),
            )
            run_id = int(cur.fetchone()[0])
            self._conn.executemany(
                "INSERT INTO problems (run_id, source, stage, reason) VALUES (?, ?, ?, ?)",
                [(run_id, p.source, p.stage, p.reason) for p in report.problems],
            )
        return run_id

    def problems(self, run_id: int | None = None) -> list[Problem]:
        if run_id is None:
            rows = self._conn.execute("SELECT source, stage, reason FROM problems ORDER BY id").fetchall()
        else:
            rows = self._conn.execute(
                "SELECT source, stage, reason FROM problems WHERE run_id = ? ORDER BY id", (run_id,)
            ).fetchall()
        return [Problem(r[0], r[1], r[2]) for r in rows]

    def delete_article(self, article_id: str) -> None:
        """Remove an article and every row stored with it (the caller updates the counts of entities,
        events and stories it contributed to first)."""
        with self.atomic():
            row = self._conn.execute("SELECT seq FROM articles WHERE id = ?", (article_id,)).fetchone()
            if row is None:
                raise NotFound(f"no article with id {article_id!r}")
            self._unindex(int(row[0]))
            for table in ("sources", "embeddings", "story_articles", "entity_mentions", "event_mentions", "citations"):
                self._conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
            self._conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))

    def delete_event(self, event_id: str) -> None:
        with self.atomic():
            self._conn.execute("DELETE FROM event_participants WHERE event_id = ?", (event_id,))
            self._conn.execute("DELETE FROM event_mentions WHERE event_id = ?", (event_id,))
            self._conn.execute("DELETE FROM events WHERE id = ?", (event_id,))

    def article_ids(self, query: ArticleQuery) -> list[str]:
        """Ids of the articles the filters select, oldest first, one page (``limit``/``offset``)."""
        where, params = self._where(query)
        sql = f"SELECT id FROM articles{where} ORDER BY seq LIMIT ? OFFSET ?"
        return [r[0] for r in self._conn.execute(sql, [*params, query.limit, query.offset]).fetchall()]

    def vectors(self, model: str) -> tuple[list[str], bytes]:
        """Every original article's vector of ``model``: ids, and the float32 rows end to end."""
        rows = self._conn.execute(
            "SELECT e.article_id, e.vector FROM embeddings e JOIN articles a ON a.id = e.article_id "
            "WHERE e.model = ? AND a.duplicate_of IS NULL ORDER BY a.seq",
            (model,),
        ).fetchall()
        return [r[0] for r in rows], b"".join(bytes(r[1]) for r in rows)

    def _unindex(self, seq: int) -> None:
        """Drop the keyword-index row of the article with this ``seq`` (backend's search rows)."""
        raise NotImplementedError

    def integrity_check(self) -> list[str]:
        """Problems found by the engine's own check plus newsweave's invariants; empty means healthy."""
        found = self._engine_check()
        orphans = self._conn.execute(
            "SELECT COUNT(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM sources s WHERE s.article_id = a.id)"
        ).fetchone()[0]
        if orphans:
            found.append(f"{orphans} article(s) without a source")
        return found

    def _engine_check(self) -> list[str]:
        return []


def _upsert_sql(table: str, columns: tuple[str, ...]) -> str:
    cols = ", ".join(columns)
    marks = ", ".join("?" * len(columns))
    updates = ", ".join(f"{c}=excluded.{c}" for c in columns if c != "id")
    return f"INSERT INTO {table} ({cols}) VALUES ({marks}) ON CONFLICT(id) DO UPDATE SET {updates}"


def _like(fragment: str) -> str:
    """A LIKE pattern matching ``fragment`` anywhere, its own % and _ taken literally (ESCAPE '\\')."""
    return "%" + fragment.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _statements(sql: str) -> list[str]:
    """Split a migration file into statements (no semicolons inside our migrations' literals)."""
    lines = [ln for ln in sql.splitlines() if not ln.strip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]
