"""SQLite rows for search: the FTS5 table of matching keys and the vectors semantic search scans."""

from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager
from typing import Any

from newsweave.store.base import ArticleQuery

#: Keyword matches ranked before the article filters apply.
RANKED = 2000


class SqliteSearchRows:
    @property
    def _conn(self) -> sqlite3.Connection:
        raise NotImplementedError

    def transaction(self) -> AbstractContextManager[None]:
        raise NotImplementedError

    def _where(self, q: ArticleQuery) -> tuple[str, list[Any]]:
        raise NotImplementedError

    def index_text(self, article_id: str, title: str, body: str) -> None:
        """Store an article's matching keys for keyword search (replacing what was there).

        The FTS row is keyed by the article's ``seq`` (its rowid), so replacing it is a lookup, not a
        scan of the whole index (``article_id`` is an unindexed column of the FTS table). Inside a
        caller's transaction no savepoint of its own: FTS5 flushes its pending terms at every savepoint,
        which made indexing many articles in one transaction quadratic (12.5 s for 6,000 articles with
        savepoints, 2.3 s without); the caller's transaction keeps the two statements together."""
        row = self._conn.execute("SELECT seq FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise ValueError(f"article {article_id} is not stored: store it before indexing it")
        statements = (
            ("DELETE FROM search_text WHERE rowid = ?", (row[0],)),
            (
                "INSERT INTO search_text (rowid, article_id, title, body) VALUES (?, ?, ?, ?)",
                (row[0], article_id, title, body),
            ),
        )
        if self._conn.in_transaction:
            for sql, params in statements:
                self._conn.execute(sql, params)
            return
        with self.transaction():
            for sql, params in statements:
                self._conn.execute(sql, params)

    def unindexed_articles(self, limit: int = 1000) -> list[str]:
        rows = self._conn.execute(
            "SELECT id FROM articles WHERE seq NOT IN (SELECT rowid FROM search_text) ORDER BY seq LIMIT ?",
            (limit,),
        ).fetchall()
        return [r[0] for r in rows]

    def keyword_hits(self, match: str, query: ArticleQuery) -> list[tuple[str, float]]:
        """(article id, BM25 score, higher is better) of articles whose keys match the FTS5 expression.

        FTS5 ranks its matches itself (``ORDER BY rank``), then the best ``RANKED`` are filtered by the
        article filters: a common word with a narrow filter may miss matches ranked below that."""
        where, params = self._where(query)
        where = where.replace(" WHERE ", " AND ", 1)
        ranked = max(RANKED, 10 * (query.limit + query.offset))
        rows = self._conn.execute(
            "SELECT s.article_id, -s.rank FROM (SELECT article_id, rank FROM search_text WHERE search_text MATCH ? "
            f"ORDER BY rank LIMIT ?) s JOIN articles ON articles.id = s.article_id WHERE 1{where} "
            "ORDER BY s.rank LIMIT ? OFFSET ?",
            [match, ranked, *params, query.limit, query.offset],
        ).fetchall()
        return [(r[0], float(r[1])) for r in rows]

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
