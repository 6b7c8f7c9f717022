"""Stores, chosen by URL: a path or ``sqlite:///path`` is SQLite; ``postgresql://`` comes with issue 7."""

from __future__ import annotations

from newsweave.errors import StoreError
from newsweave.store.base import ArticleQuery, EntityQuery, Signature, Store

__all__ = ["ArticleQuery", "EntityQuery", "Signature", "Store", "open_store"]


def open_store(url: str) -> Store:
    if url.startswith(("postgresql://", "postgres://")):
        raise StoreError("the PostgreSQL store is not available in this version; use a SQLite path")
    if "://" in url and not url.startswith("sqlite://"):
        raise StoreError(f"unknown store URL {url!r}: use a file path or sqlite:///path")
    path = url[len("sqlite:///") :] if url.startswith("sqlite:///") else url
    from newsweave.store.sqlite import SqliteStore

    return SqliteStore(path or "newsweave.db")
