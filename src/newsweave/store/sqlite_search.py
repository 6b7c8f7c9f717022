"""SQLite rows for search: the FTS5 table of matching keys and the vectors semantic search scans."""

from __future__ import annotations

from newsweave.store.base import ArticleQuery
from newsweave.store.sql import SqlStore

#: Keyword matches ranked before the article filters apply.
RANKED = 2000


class SqliteSearchRows(SqlStore):
    """Keyword search on an FTS5 table keyed by the articles' ``seq``."""

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
        with self.atomic():
            self._unindex(row[0])
            self._conn.execute(
                "INSERT INTO search_text (rowid, article_id, title, body) VALUES (?, ?, ?, ?)",
                (row[0], article_id, title, body),
            )

    def _unindex(self, seq: int) -> None:
        self._conn.execute("DELETE FROM search_text WHERE rowid = ?", (seq,))

    def unindexed_articles(self, limit: int = 1000) -> list[str]:
        rows = self._conn.execute(
            "SELECT id FROM articles WHERE seq NOT IN (SELECT rowid FROM search_text) ORDER BY seq LIMIT ?",
            (limit,),
        ).fetchall()
        return [r[0] for r in rows]

    def keyword_hits(self, keys: list[str], query: ArticleQuery) -> list[tuple[str, float]]:
        """(article id, BM25 score, higher is better) of articles holding a key starting with each of
        ``keys`` (plain letters and digits, see ``search.search_key``), as one FTS5 expression.

        FTS5 ranks its matches itself (``ORDER BY rank``), then the best ``RANKED`` are filtered by the
        article filters: a common word with a narrow filter may miss matches ranked below that."""
        where, params = self._where(query)
        where = where.replace(" WHERE ", " AND ", 1)
        ranked = max(RANKED, 10 * (query.limit + query.offset))
        rows = self._conn.execute(
            "SELECT s.article_id, -s.rank FROM (SELECT article_id, rank FROM search_text WHERE search_text MATCH ? "
            f"ORDER BY rank LIMIT ?) s JOIN articles ON articles.id = s.article_id WHERE 1{where} "
            "ORDER BY s.rank LIMIT ? OFFSET ?",
            [" AND ".join(f'"{k}"*' for k in keys), ranked, *params, query.limit, query.offset],
        ).fetchall()
        return [(r[0], float(r[1])) for r in rows]
