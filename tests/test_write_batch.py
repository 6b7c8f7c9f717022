"""Articles stored in batches (``write_batch``): the same store content whatever the batch size, and a
failure rolls back the open batch only, which the next run reads again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newsweave.config import load_settings
from newsweave.service import NewsWeave
from newsweave.store import ArticleQuery
from tests.snapshot import differences, snapshot

SEEDS = Path(__file__).resolve().parent.parent / "examples" / "seeds"
PAGES = Path(__file__).resolve().parent / "inputs" / "pages"


def _settings(db: Path, articles: int) -> Any:
    return load_settings(overrides={"db": str(db), "commit": {"articles": articles, "seconds": 60}}, environ={})


def _ingest(db: Path, articles: int) -> dict[str, Any]:
    with NewsWeave(_settings(db, articles)) as nw:
        report = nw.ingest([str(SEEDS), str(PAGES)])
        assert not report.problems
        return snapshot(nw.store)


def test_batch_size_does_not_change_what_is_stored(tmp_path: Path) -> None:
    one_by_one = _ingest(tmp_path / "one.db", 1)
    batched = _ingest(tmp_path / "batched.db", 500)
    assert len(one_by_one["articles"]) >= 8 and one_by_one["entities"]
    assert differences(one_by_one, batched) == []


def test_a_failure_rolls_back_the_open_batch_only(tmp_path: Path) -> None:
    reference = _ingest(tmp_path / "reference.db", 3)
    db = tmp_path / "failed.db"
    with NewsWeave(_settings(db, 3)) as nw:
        put = nw.store.put_article
        calls: list[str] = []  # articles in the order they are first stored (merges store some again)

        def failing(article: Any) -> None:
            if article.id not in calls:
                calls.append(article.id)
            if len(calls) == 5:  # the second article of the second batch
                raise RuntimeError("disk full")
            put(article)

        nw.store.put_article = failing  # type: ignore[method-assign]
        with pytest.raises(RuntimeError, match="disk full"):
            nw.ingest([str(SEEDS), str(PAGES)])
        nw.store.put_article = put  # type: ignore[method-assign]
        kept = nw.store.list_articles(ArticleQuery(include_duplicates=True))
        assert sorted(a.id for a in kept) == sorted(calls[:3])  # the first batch, whole
        linked = {m.entity_id for a in kept for m in a.mentions if m.entity_id}
        assert linked and all(nw.store.get_entity(e).mentions > 0 for e in linked)  # written by the flush
        nw.ingest([str(SEEDS), str(PAGES)])  # the same service again: its indexes hold nothing rolled back
        assert differences(reference, snapshot(nw.store)) == []
