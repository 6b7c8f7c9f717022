"""The store contract: round trips, transactions that nest and roll back whole, migrations, integrity.

Written against the ``Store`` protocol through ``open_store``: every test taking ``store`` runs on SQLite
and on PostgreSQL (``store_url`` in conftest.py; PostgreSQL where TEST_POSTGRES_URL names a server).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from newsweave.errors import NotFound, StoreError
from newsweave.model import Article, IngestReport, Mention, Paragraph, Problem, Published, Removal
from newsweave.store import ArticleQuery, Store, open_store
from newsweave.store.migrations import latest


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    s = open_store(store_url)
    yield s
    s.close()


def _article(i: int, **kw: object) -> Article:
    text = f"Article number {i} says something.\n\nSecond paragraph {i}."
    base = dict(
        id=f"{i:016x}",
        source=f"src/{i}.txt",
        raw=f"raw {i}",
        text=text,
        format="text",
        raw_hash=f"h{i}",
        paragraphs=[Paragraph(0, text.index("\n"), "text", "en", 0.9), Paragraph(text.index("S"), len(text))],
        removals=[Removal("Share", "share-comment", "share prompt", 3)],
        language="en",
        language_confidence=0.99,
        published=Published(f"2024-01-{i % 28 + 1:02d}", "day", "field", "x"),
        title=f"T{i}",
        outlet="Wire",
        metadata={"label": str(i), "nested": {"a": [1, 2]}},
        mentions=[Mention(0, 7, "Article", "ORG", 0.9, "Article", False, None, "e1")],
        minhash=b"\x01\x02" * 4,
    )
    base.update(kw)
    return Article(**base)  # type: ignore[arg-type]


def _put(store: Store, art: Article) -> None:
    with store.transaction():
        store.put_article(art)
        store.add_source(art.id, art.source, art.raw_hash)


def test_round_trip(store: Store) -> None:
    art = _article(1)
    _put(store, art)
    back = store.get_article(art.id)
    for name in (
        "id",
        "source",
        "raw",
        "text",
        "paragraphs",
        "removals",
        "language",
        "published",
        "title",
        "metadata",
        "mentions",
        "minhash",
        "outlet",
    ):
        assert getattr(back, name) == getattr(art, name), name
    assert store.get_article(art.id[:6]).id == art.id
    with pytest.raises(NotFound):
        store.get_article("ffffffffffffffff")


def test_filters_and_paging(store: Store) -> None:
    for i in range(1, 8):
        _put(store, _article(i, language="de" if i % 2 else "pl", outlet="Wire" if i < 4 else "Other"))
    assert store.count_articles(ArticleQuery(language="de")) == 4
    assert store.count_articles(ArticleQuery(since="2024-01-03", until="2024-01-05")) == 3
    assert store.count_articles(ArticleQuery(outlet="oth")) == 4
    page = store.list_articles(ArticleQuery(limit=3, offset=2))
    assert [a.id for a in page] == [f"{i:016x}" for i in (3, 4, 5)]


def test_story_members_latest_first(store: Store) -> None:
    for i in (3, 9, 5):
        _put(store, _article(i))
    _put(store, _article(7, published=None))
    with store.transaction():
        for i in (3, 9, 5, 7):
            store.set_story_of(f"{i:016x}", "s1", None)
    assert store.story_members("s1", 3) == [f"{i:016x}" for i in (9, 5, 3)]
    _put(store, _article(3, published=Published("2024-02-01", "day", "field", "x")))  # a corrected date
    assert store.story_members("s1", 2) == [f"{i:016x}" for i in (3, 9)]
    assert store.story_members("s1", 4)[-1] == f"{7:016x}"  # undated last
    assert store.story_size("s1") == 4


def test_other_threads_read_committed_data_only(store: Store) -> None:
    """A server's requests read on connections of their own: never another request's open ingest."""

    def count_elsewhere() -> int:
        seen: list[int] = []
        thread = threading.Thread(
            target=lambda: seen.append(store.count_articles(ArticleQuery(include_duplicates=True)))
        )
        thread.start()
        thread.join()
        return seen[0]

    _put(store, _article(1))
    with store.transaction():
        store.put_article(_article(2))
        assert store.count_articles(ArticleQuery(include_duplicates=True)) == 2  # the writer sees its own
        assert count_elsewhere() == 1
    assert count_elsewhere() == 2


def test_outer_failure_rolls_back_everything(store: Store) -> None:
    with pytest.raises(RuntimeError), store.transaction():
        _put(store, _article(1))
        raise RuntimeError("crash in the middle of a batch")
    assert store.count_articles(ArticleQuery(include_duplicates=True)) == 0


def test_nested_failure_rolls_back_only_the_savepoint(store: Store) -> None:
    with store.transaction():
        _put(store, _article(1))
        with pytest.raises(RuntimeError), store.transaction():
            _put(store, _article(2))
            raise RuntimeError("one article failed")
        _put(store, _article(3))
    ids = {a.id for a in store.list_articles(ArticleQuery())}
    assert ids == {f"{1:016x}", f"{3:016x}"}


def test_writes_held_back_are_made_once_before_the_commit(store: Store) -> None:
    """``before_commit``: a step that holds its writes back over a batch of articles makes them once,
    inside the transaction (another thread sees none of it before the commit); a rollback forgets them."""
    made: list[str] = []

    def flush() -> None:
        made.append("flush")
        store.put_article(_article(9))  # still inside the transaction: committed with the rest

    store.before_commit(lambda: made.append("at once"))  # outside a transaction: nothing to wait for
    assert made == ["at once"]
    made.clear()
    with store.transaction():
        for i in (1, 2):
            with store.transaction():  # a savepoint inside it
                _put(store, _article(i))
                store.before_commit(flush)
        assert made == []
    assert made == ["flush"]
    assert store.count_articles(ArticleQuery(include_duplicates=True)) == 3
    with pytest.raises(RuntimeError), store.transaction():
        store.before_commit(flush)
        raise RuntimeError("the batch failed")
    with store.transaction():
        _put(store, _article(3))
    assert made == ["flush"]  # the rolled-back transaction's flush was not carried into the next one


def test_sources_duplicates_and_runs(store: Store) -> None:
    _put(store, _article(1))
    _put(store, _article(2))
    assert store.find_source("h1") == f"{1:016x}"
    assert store.add_source(f"{1:016x}", "copy.txt", "h9") and not store.add_source(f"{1:016x}", "copy.txt", "h9")
    assert store.sources_of(f"{1:016x}") == ["src/1.txt", "copy.txt"]
    with store.transaction():
        store.set_duplicate_of(f"{2:016x}", f"{1:016x}", 0.91)
    assert store.duplicates_of(f"{1:016x}") == [f"{2:016x}"]
    assert store.count_articles(ArticleQuery()) == 1
    report = IngestReport(added=["a"], problems=[Problem("bad.bin", "read", "binary file")])
    run = store.record_run(["x"], report)
    assert store.problems(run) == [Problem("bad.bin", "read", "binary file")]
    assert [s.article_id for s in store.signatures()] == [f"{1:016x}", f"{2:016x}"]
    assert store.integrity_check() == []


def test_schema_version_and_newer_store_refused(tmp_path: Path) -> None:
    path = tmp_path / "v.db"
    s = open_store(str(path))
    assert s.schema_version() == latest("sqlite") >= 1
    s.close()
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO schema_migrations (version, name) VALUES (999, 'future')")
    with pytest.raises(StoreError, match="newer"):
        open_store(str(path))


def test_not_a_store_and_bad_urls(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError):
        open_store(str(junk))
    with pytest.raises(StoreError):
        open_store("mysql://x")
    with pytest.raises(StoreError):
        open_store(str(tmp_path / "missing-folder" / "x.db"))
    assert open_store(f"sqlite:///{tmp_path / 'u.db'}").schema_version() >= 1


def test_wal_mode(tmp_path: Path) -> None:
    open_store(str(tmp_path / "w.db")).close()
    with sqlite3.connect(tmp_path / "w.db") as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=200)


@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_TEXT, title=st.one_of(st.none(), _TEXT), meta=st.dictionaries(st.text(max_size=10), _TEXT, max_size=3))
def test_round_trip_any_text(store: Store, text: str, title: str | None, meta: dict[str, str]) -> None:
    art = _article(7, text=text, title=title, metadata=meta, raw=text, paragraphs=[Paragraph(0, len(text))])
    art.id = f"{abs(hash((text, title))) % 16**16:016x}"
    _put(store, art)
    back = store.get_article(art.id)
    assert (back.text, back.title, back.metadata, back.raw) == (text, title, meta, text)
