"""Stores, chosen by URL: a path or ``sqlite:///path`` is SQLite; ``postgresql://…`` is PostgreSQL."""

from __future__ import annotations

from newsweave.errors import StoreError
from newsweave.store.base import ArticleQuery, EntityQuery, Signature, Store

__all__ = ["ArticleQuery", "EntityQuery", "Signature", "Store", "open_store"]


def open_store(url: str) -> Store:
    if url.startswith(("postgresql://", "postgres://")):
        from newsweave.store.postgres import PostgresStore

        return PostgresStore(url)
    if "://" in url and not url.startswith("sqlite://"):
        raise StoreError(f"unknown store URL {url!r}: use a file path, sqlite:///path or postgresql://…")
    path = url[len("sqlite:///") :] if url.startswith("sqlite:///") else url
    from newsweave.store.sqlite import SqliteStore

    return SqliteStore(path or "newsweave.db")
