"""PostgreSQL rows for keyword search: the articles' matching keys as a tsvector with a GIN index.

The keys (``search.keys_of``) are already folded, transliterated and split, so the ``simple``
configuration (lower-casing, no stemming, no stop words) indexes them as they are, and a query key
matches as a prefix (``key:*``), as in the SQLite store's FTS5 table.
"""

from __future__ import annotations

from newsweave.store.base import ArticleQuery
from newsweave.store.sql import SqlStore

#: Keyword matches ranked before the article filters apply (as in the SQLite store).
RANKED = 2000


def tsquery(keys: list[str]) -> str:
    """Every key as a prefix, all required. Keys are letters and digits; quoting keeps anything else
    a literal all the same."""
    return " & ".join("'" + k.replace("\\", "\\\\").replace("'", "''") + "':*" for k in keys)


class PostgresSearchRows(SqlStore):
    def index_text(self, article_id: str, title: str, body: str) -> None:
        """Store an article's matching keys (replacing what was there), keyed by the article's ``seq``."""
        done = self._write(
            "INSERT INTO search_text (seq, article_id, keys) "
            "SELECT seq, id, setweight(to_tsvector('simple', ?), 'A') || to_tsvector('simple', ?) "
            "FROM articles WHERE id = ? "
            "ON CONFLICT (seq) DO UPDATE SET article_id = excluded.article_id, keys = excluded.keys",
            (title, body, article_id),
        )
        if done.rowcount == 0:
            raise ValueError(f"article {article_id} is not stored: store it before indexing it")

    def _unindex(self, seq: int) -> None:
        self._conn.execute("DELETE FROM search_text WHERE seq = ?", (seq,))

    def unindexed_articles(self, limit: int = 1000) -> list[str]:
        rows = self._conn.execute(
            "SELECT id FROM articles a WHERE NOT EXISTS (SELECT 1 FROM search_text s WHERE s.seq = a.seq) "
            "ORDER BY seq LIMIT ?",
            (limit,),
        ).fetchall()
        return [r[0] for r in rows]

    def keyword_hits(self, keys: list[str], query: ArticleQuery) -> list[tuple[str, float]]:
        """(article id, cover-density rank, higher is better) of articles holding a key starting with
        each of ``keys``; the best ``RANKED`` matches are then filtered by the article filters."""
        if not keys:
            return []
        where, params = self._where(query)
        where = where.replace(" WHERE ", " AND ", 1)
        ranked = max(RANKED, 10 * (query.limit + query.offset))
        rows = self._conn.execute(
            "SELECT s.article_id, s.score FROM (SELECT article_id, ts_rank_cd(keys, q) AS score "
            "FROM search_text, to_tsquery('simple', ?) q WHERE keys @@ q ORDER BY score DESC, seq LIMIT ?) s "
            f"JOIN articles ON articles.id = s.article_id WHERE TRUE{where} "
            "ORDER BY s.score DESC, articles.seq LIMIT ? OFFSET ?",
            [tsquery(keys), ranked, *params, query.limit, query.offset],
        ).fetchall()
        return [(r[0], float(r[1])) for r in rows]
