"""The store contract every backend implements (SQLite now, PostgreSQL next).

Writes happen inside ``transaction()``, which nests as savepoints, so one article (its row, its source
link, its duplicate links) is written whole or not at all. Backends share the row codec in ``codec.py``
and the contract tests in ``tests/test_store.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Protocol

from newsweave.model import Article, Entity, IngestReport, Problem


@dataclass(slots=True)
class ArticleQuery:
    """Filters for listing articles; dates are ISO days, inclusive."""

    language: str | None = None
    since: str | None = None
    until: str | None = None
    outlet: str | None = None
    include_duplicates: bool = False
    limit: int = 100
    offset: int = 0


@dataclass(slots=True)
class EntityQuery:
    """Filters for listing entities: category, a language they are mentioned in, a name fragment."""

    label: str | None = None
    language: str | None = None
    name: str | None = None
    limit: int = 100
    offset: int = 0


@dataclass(slots=True)
class Signature:
    """What the dedup step needs to know about a stored article."""

    article_id: str
    minhash: bytes
    duplicate_of: str | None
    published: str | None


class Store(Protocol):
    url: str

    def transaction(self) -> AbstractContextManager[None]: ...
    def schema_version(self) -> int: ...
    def close(self) -> None: ...

    def put_article(self, article: Article) -> None: ...
    def get_article(self, id_or_prefix: str) -> Article: ...
    def has_article(self, article_id: str) -> bool: ...
    def list_articles(self, query: ArticleQuery) -> list[Article]: ...
    def count_articles(self, query: ArticleQuery) -> int: ...

    def find_source(self, raw_hash: str) -> str | None: ...
    def add_source(self, article_id: str, source: str, raw_hash: str) -> bool: ...
    def sources_of(self, article_id: str) -> list[str]: ...

    def signatures(self) -> Iterator[Signature]: ...
    def set_duplicate_of(self, article_id: str, original_id: str | None, similarity: float | None) -> None: ...
    def repoint_duplicates(self, old_original: str, new_original: str) -> None: ...
    def duplicates_of(self, article_id: str) -> list[str]: ...

    def put_entity(self, entity: Entity) -> None: ...
    def get_entity(self, entity_id: str) -> Entity: ...
    def all_entities(self) -> Iterator[Entity]: ...
    def list_entities(self, query: EntityQuery) -> list[Entity]: ...
    def delete_entity(self, entity_id: str) -> None: ...
    def link_mentions(self, article_id: str, links: list[tuple[str, int, int]]) -> None: ...
    def entity_mentions(self, entity_id: str, limit: int = 1000) -> list[tuple[str, int, int]]: ...

    def record_run(self, targets: list[str], report: IngestReport) -> int: ...
    def problems(self, run_id: int | None = None) -> list[Problem]: ...
    def integrity_check(self) -> list[str]: ...
