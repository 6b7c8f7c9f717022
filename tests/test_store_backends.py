"""PostgreSQL and SQLite hold the same thing after the same work: the whole pipeline, the corpus steps,
search, deletion and re-runs, compared through the store contract (``tests/snapshot.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.config import load_settings
from newsweave.errors import StoreError
from newsweave.service import NewsWeave
from newsweave.store import ArticleQuery, open_store
from newsweave.store.migrations import latest
from tests.snapshot import differences, snapshot

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "examples" / "seeds"
INPUTS = Path(__file__).resolve().parent / "inputs"


def _service(db: str) -> NewsWeave:
    return NewsWeave(load_settings(overrides={"db": db}, environ={}))


def test_the_same_ingest_gives_the_same_store(tmp_path: Path, postgres_url: str) -> None:
    targets = [str(SEEDS), str(INPUTS / "bad")]
    stores = {}
    for name, db in (("sqlite", str(tmp_path / "s.db")), ("postgresql", postgres_url)):
        with _service(db) as nw:
            nw.ingest(targets)
            nw.ingest([str(SEEDS)])  # a second run: every input recognised
            stores[name] = snapshot(nw.store)
            stores[name]["search"] = {  # as sets: BM25 (FTS5) and cover density (tsvector) rank differently
                q: sorted(h["id"] for h in nw.search(q, mode="keyword")["results"])
                for q in ("Dmitriev", "Putina", "Miami talks", "sarunas", "nothing-like-this")
            }
            stores[name]["semantic"] = [h["id"] for h in nw.search("peace talks", mode="semantic")["results"]]
            assert nw.store.integrity_check() == []
    assert stores["sqlite"]["articles"] and stores["sqlite"]["stories"] and stores["sqlite"]["events"]
    assert stores["sqlite"]["search"]["Dmitriev"]
    assert differences(stores["sqlite"], stores["postgresql"]) == []


def test_delete_and_rerun_on_postgresql(postgres_url: str) -> None:
    with _service(postgres_url) as nw:
        nw.ingest([str(SEEDS)])
        before = snapshot(nw.store)
        victim = sorted(before["articles"])[0]
        nw.delete_article(victim)
        assert victim not in snapshot(nw.store)["articles"]
        assert nw.store.integrity_check() == []
        other = sorted(before["articles"])[1]
        nw.rerun(other)
        assert other in snapshot(nw.store)["articles"]


def test_backup_of_a_postgresql_store(postgres_url: str, tmp_path: Path) -> None:
    import shutil
    import subprocess

    from typer.testing import CliRunner

    from newsweave.cli import app

    if shutil.which("pg_dump") is None:
        pytest.skip("no pg_dump")
    with _service(postgres_url) as nw:
        nw.ingest([str(SEEDS)])
    target = tmp_path / "news.dump"
    result = CliRunner().invoke(app, ["--db", postgres_url, "backup", str(target)])
    assert result.exit_code == 0, result.output
    listing = subprocess.run(["pg_restore", "--list", str(target)], capture_output=True, text=True, check=True)
    assert "TABLE DATA" in listing.stdout and " articles " in listing.stdout
    again = CliRunner().invoke(app, ["--db", postgres_url, "backup", str(target)])
    assert again.exit_code == 1 and "exists" in again.output


def test_postgresql_schema_version_and_newer_store_refused(postgres_url: str) -> None:
    store = open_store(postgres_url)
    assert store.schema_version() == latest("postgresql") >= 1
    with store.transaction():
        store._conn.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", (999, "future"))  # type: ignore[attr-defined]
    store.close()
    with pytest.raises(StoreError, match="newer"):
        open_store(postgres_url)


def test_unreachable_postgresql_is_a_clear_error() -> None:
    pytest.importorskip("psycopg")
    with pytest.raises(StoreError, match=r"cannot open store postgresql://nobody:\*\*\*@127.0.0.1:1/none"):
        open_store("postgresql://nobody:secret@127.0.0.1:1/none?connect_timeout=2")


def test_keyword_hits_rank_and_filter_on_both(store_url: str) -> None:
    """The two engines rank differently (BM25, cover density) but find and filter the same articles."""
    with _service(store_url) as nw:
        nw.ingest([str(SEEDS)])
        every = {a for a, _ in nw.store.keyword_hits(["putin"], ArticleQuery(limit=50))}
        german = {a for a, _ in nw.store.keyword_hits(["putin"], ArticleQuery(language="de", limit=50))}
        assert german and german < every
        assert all(nw.store.get_article(a).language == "de" for a in german)
        assert nw.store.keyword_hits(["putin", "zzzz"], ArticleQuery()) == []
