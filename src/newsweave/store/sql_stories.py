"""Rows for embeddings and stories, in SQL both backends run; apart from the article and entity rows of ``sql.py``."""

from __future__ import annotations

import heapq
import json
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any

from newsweave.errors import NotFound
from newsweave.model import Story

STORY_COLUMNS = ("id", "size", "first", "last", "languages", "entities", "events", "titles", "centroid", "storyline_id")
_JSON = ("languages", "entities", "events", "titles")


#: Entities kept in a story's stored row, most named first (the index keeps up to twice as many in memory).
STORED_ENTITIES = 300


def story_to_row(story: Story) -> dict[str, Any]:
    entities = story.entities
    if len(entities) > STORED_ENTITIES:
        entities = dict(heapq.nsmallest(STORED_ENTITIES, entities.items(), key=lambda kv: (-kv[1], kv[0])))
    return {
        "id": story.id,
        "size": story.size,
        "first": story.first,
        "last": story.last,
        "languages": json.dumps(story.languages, sort_keys=True),
        "entities": json.dumps(entities, sort_keys=True),
        "events": json.dumps(story.events),
        "titles": json.dumps(story.titles, ensure_ascii=False, sort_keys=True),
        "centroid": story.centroid,
        "storyline_id": story.storyline_id,
    }


def story_from_row(row: dict[str, Any]) -> Story:
    data = {k: row[k] for k in STORY_COLUMNS}
    for key in _JSON:
        data[key] = json.loads(data[key])
    data["centroid"] = bytes(data["centroid"])
    return Story(**data)


class StoryRows:
    @property
    def _conn(self) -> Any:
        raise NotImplementedError

    def transaction(self) -> AbstractContextManager[None]:
        raise NotImplementedError

    def _upsert(self, table: str, columns: tuple[str, ...], row: dict[str, Any]) -> None:
        raise NotImplementedError

    def _in_transaction(self) -> bool:
        raise NotImplementedError

    def atomic(self) -> AbstractContextManager[None]:
        raise NotImplementedError

    def _write(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """One statement, in this thread's open transaction as it is, otherwise in one of its own. A
        statement is atomic by itself, so it needs no savepoint of its own, which would cost two more
        statements (two more round trips to a PostgreSQL server) for every row written."""
        if self._in_transaction():
            return self._conn.execute(sql, params)
        with self.transaction():
            return self._conn.execute(sql, params)

    # -- embeddings ------------------------------------------------------------------------------
    def put_embedding(self, article_id: str, model: str, vector: bytes) -> None:
        self._write(
            "INSERT INTO embeddings (article_id, model, vector) VALUES (?, ?, ?) "
            "ON CONFLICT(article_id) DO UPDATE SET model = excluded.model, vector = excluded.vector",
            (article_id, model, vector),
        )

    def embeddings(self, article_ids: list[str], model: str) -> dict[str, bytes]:
        """Stored vectors of ``model`` for these articles (those embedded by another model are absent)."""
        out: dict[str, bytes] = {}
        for i in range(0, len(article_ids), 500):
            chunk = article_ids[i : i + 500]
            marks = ", ".join("?" * len(chunk))
            sql = f"SELECT article_id, vector FROM embeddings WHERE model = ? AND article_id IN ({marks})"
            for row in self._conn.execute(sql, [model, *chunk]):
                out[row[0]] = bytes(row[1])
        return out

    # -- stories ---------------------------------------------------------------------------------
    def put_story(self, story: Story) -> None:
        """Write the story and mark it for the end-of-run pass (``pending_stories``)."""
        self._upsert("stories", (*STORY_COLUMNS, "pending"), {**story_to_row(story), "pending": 1})

    def pending_stories(self) -> set[str]:
        return {r[0] for r in self._conn.execute("SELECT id FROM stories WHERE pending = 1")}

    def clear_pending_stories(self) -> None:
        self._write("UPDATE stories SET pending = 0 WHERE pending = 1")

    def get_story(self, id_or_prefix: str) -> Story:
        return story_from_row(self._row_by_prefix("stories", "story", id_or_prefix))

    def _row_by_prefix(self, table: str, what: str, id_or_prefix: str) -> dict[str, Any]:
        """The row whose id is ``id_or_prefix`` or, failing that, the one row whose id starts with it (a
        prefix of 4+ characters, as people copy ids from listings). Both lookups use the id index (an
        ``OR`` with ``LIKE`` would scan the table on every call). ``table`` is ours, never input."""
        key = id_or_prefix.strip()
        row = self._conn.execute(f"SELECT * FROM {table} WHERE id = ?", (key,)).fetchone()
        if row is not None:
            return dict(row)
        rows = []
        if len(key) >= 4:
            rows = self._conn.execute(
                f"SELECT * FROM {table} WHERE id >= ? AND id < ? ORDER BY id LIMIT 2", (key, key + "\U0010ffff")
            ).fetchall()
        if len(rows) == 1:
            return dict(rows[0])
        if not rows:
            raise NotFound(f"no {what} with id {key!r}")
        raise NotFound(f"{what} id {key!r} is ambiguous; give more characters")

    def all_stories(self) -> Iterator[Story]:
        for row in self._conn.execute("SELECT * FROM stories ORDER BY id"):
            yield story_from_row(dict(row))

    def list_stories(self, limit: int = 50, offset: int = 0, storyline_id: str | None = None) -> list[Story]:
        """Newest first (by last article), then larger first."""
        where, params = ("WHERE storyline_id = ?", [storyline_id]) if storyline_id else ("", [])
        rows = self._conn.execute(
            f"SELECT * FROM stories {where} ORDER BY last IS NULL, last DESC, size DESC, id LIMIT ? OFFSET ?",
            [*params, limit, offset],
        ).fetchall()
        return [story_from_row(dict(r)) for r in rows]

    def delete_story(self, story_id: str) -> None:
        self._write("DELETE FROM stories WHERE id = ?", (story_id,))

    def set_story_of(self, article_id: str, story_id: str, score: float | None) -> None:
        self._write(
            "INSERT INTO story_articles (article_id, story_id, score, published) "
            "VALUES (?, ?, ?, COALESCE((SELECT published FROM articles WHERE id = ?), '')) "
            "ON CONFLICT(article_id) DO UPDATE SET story_id = excluded.story_id, score = excluded.score, "
            "published = excluded.published",
            (article_id, story_id, score, article_id),
        )

    def move_story_members(self, old: str, new: str) -> None:
        """Every member of story ``old`` now belongs to ``new`` (a merge), in one statement."""
        self._write("UPDATE story_articles SET story_id = ?, score = NULL WHERE story_id = ?", (new, old))

    def story_members(self, story_id: str, limit: int | None = None) -> list[str]:
        """Article ids of a story; with ``limit``, its latest articles (by publication, undated last)."""
        if limit is None:
            rows = self._conn.execute(
                "SELECT article_id FROM story_articles WHERE story_id = ? ORDER BY article_id", (story_id,)
            ).fetchall()
        else:
            rows = self._conn.execute(
                "SELECT article_id FROM story_articles WHERE story_id = ? ORDER BY published DESC, article_id LIMIT ?",
                (story_id, limit),
            ).fetchall()
        return [r[0] for r in rows]

    def story_size(self, story_id: str) -> int:
        """Members, copies included."""
        row = self._conn.execute("SELECT COUNT(*) FROM story_articles WHERE story_id = ?", (story_id,)).fetchone()
        return int(row[0])

    def story_of(self, article_id: str) -> str | None:
        row = self._conn.execute("SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,)).fetchone()
        return None if row is None else str(row[0])

    def story_assignments(self) -> dict[str, str]:
        """article id -> story id, for evaluation and for rebuilding an index."""
        return {r[0]: r[1] for r in self._conn.execute("SELECT article_id, story_id FROM story_articles")}

    def clear_stories(self) -> None:
        """Forget every story (to cluster again, e.g. with another model); articles stay."""
        with self.atomic():
            self._conn.execute("DELETE FROM story_articles")
            self._conn.execute("DELETE FROM stories")

    def set_storylines(self, storyline_of: dict[str, str]) -> None:
        with self.atomic():
            self._conn.executemany(
                "UPDATE stories SET storyline_id = ? WHERE id = ?", [(line, s) for s, line in storyline_of.items()]
            )
