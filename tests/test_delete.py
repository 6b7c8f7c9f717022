"""Deleting an article takes back everything it contributed and leaves the store as if it had not come."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsweave.cli import app
from newsweave.config import load_settings
from newsweave.errors import NewsweaveError, NotFound
from newsweave.model import RawDoc
from newsweave.service import NewsWeave
from newsweave.store import ArticleQuery

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "examples" / "seeds").iterdir())


def _service(path: Path) -> NewsWeave:
    return NewsWeave(load_settings(overrides={"db": str(path)}, environ={}))


def _entities(db: Path) -> dict[tuple[str, str], tuple[int, int]]:
    conn = sqlite3.connect(db)
    try:
        return {
            (n, lab): (m, a) for n, lab, m, a in conn.execute("SELECT name, label, mentions, articles FROM entities")
        }
    finally:
        conn.close()


def _consistent(db: Path) -> None:
    """Counts agree with the rows they count, and nothing points at what is gone."""
    conn = sqlite3.connect(db)
    q = conn.execute
    try:
        per_entity = dict(q("SELECT entity_id, COUNT(*) FROM entity_mentions GROUP BY entity_id").fetchall())
        for entity_id, mentions in q("SELECT id, mentions FROM entities"):
            assert per_entity.get(entity_id, 0) == mentions, entity_id
        assert not set(per_entity) - {e for (e,) in q("SELECT id FROM entities")}
        per_event = dict(q("SELECT event_id, COUNT(*) FROM event_mentions GROUP BY event_id").fetchall())
        assert per_event == dict(q("SELECT id, reports FROM events").fetchall())
        dangling = (
            "SELECT COUNT(*) FROM event_participants p "
            "WHERE NOT EXISTS (SELECT 1 FROM entities e WHERE e.id = p.entity_id)"
        )
        assert q(dangling).fetchone()[0] == 0
        members = dict(q("SELECT story_id, COUNT(*) FROM story_articles GROUP BY story_id").fetchall())
        assert set(members) == {s for (s,) in q("SELECT id FROM stories")}
        originals = (  # a story's size counts its originals; its copies are members too
            "SELECT m.story_id, COUNT(*) FROM story_articles m JOIN articles a ON a.id = m.article_id "
            "WHERE a.duplicate_of IS NULL GROUP BY m.story_id"
        )
        assert dict(q(originals).fetchall()) == dict(q("SELECT id, size FROM stories WHERE size > 0").fetchall())
        orphans = q(
            "SELECT COUNT(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM search_text t WHERE t.rowid = a.seq)"
        )
        assert orphans.fetchone()[0] == 0
        assert q("SELECT COUNT(*) FROM search_text").fetchone()[0] == q("SELECT COUNT(*) FROM articles").fetchone()[0]
    finally:
        conn.close()


def test_delete_takes_back_what_the_article_contributed(tmp_path: Path) -> None:
    with _service(tmp_path / "all.db") as nw:
        added = nw.ingest([str(p) for p in SEEDS]).added
        victim = nw.article(added[2])
        word = max((w for w in victim.text.split() if w.isalpha()), key=len)
        result = nw.delete_article(victim.id[:8])
        assert result["deleted"] == [victim.id] and result["stories_changed"]
        with pytest.raises(NotFound):
            nw.article(victim.id)
        assert nw.count(ArticleQuery(include_duplicates=True)) == 4
        for mode in ("keyword", "semantic", "hybrid"):
            assert victim.id not in {r["id"] for r in nw.search(word, mode=mode)["results"]}  # type: ignore[arg-type]
        for story in nw.store.all_stories():
            assert victim.id not in nw.store.story_members(story.id)
            assert not victim.title or victim.title not in story.titles.values()
        assert nw.store.integrity_check() == []
        nw.ingest([str(SEEDS[0])])  # the indexes reloaded and work: re-reading a kept article adds nothing
    _consistent(tmp_path / "all.db")
    with _service(tmp_path / "four.db") as nw:
        nw.ingest([str(p) for p in SEEDS if p != Path(victim.source)])
    after, fresh = _entities(tmp_path / "all.db"), _entities(tmp_path / "four.db")
    same = sum(1 for key, counts in fresh.items() if after.get(key) == counts)
    assert same >= 0.9 * len(fresh), (sorted(set(after.items()) ^ set(fresh.items())))[:10]


def test_deleting_an_original_takes_its_copies(tmp_path: Path) -> None:
    text = SEEDS[1].read_text(encoding="utf-8")
    with _service(tmp_path / "c.db") as nw:
        first = nw.ingest_docs([RawDoc("a", text, "text"), RawDoc("b", text.replace(" Rosj", " tej Rosj"), "text")])
        original = nw.article(first.added[0])
        assert nw.store.duplicates_of(original.id) == [first.added[1]]
        rerun = nw.rerun(original.id)  # the copies are re-run with it and stay its copies
        assert rerun["rerun"] == {a: a for a in first.added} and rerun["duplicate_of"] is None
        assert nw.store.duplicates_of(original.id) == [first.added[1]]
        assert nw.rerun(first.added[1])["duplicate_of"] == original.id  # a copy alone finds its original
        _consistent(tmp_path / "c.db")
        result = nw.delete_article(original.id)
        assert sorted(result["deleted"]) == sorted(first.added)
        assert nw.count(ArticleQuery(include_duplicates=True)) == 0
        assert list(nw.store.all_stories()) == [] and nw.store.integrity_check() == []
    _consistent(tmp_path / "c.db")


def test_delete_command_and_endpoint(tmp_path: Path) -> None:
    db = str(tmp_path / "d.db")
    runner = CliRunner()
    assert runner.invoke(app, ["--db", db, "ingest", "-q", *[str(p) for p in SEEDS]]).exit_code == 0
    ids = [a["id"] for a in json.loads(runner.invoke(app, ["--db", db, "articles", "--json"]).stdout)]
    assert runner.invoke(app, ["--db", db, "delete", ids[0]], input="n\n").exit_code == 1  # asked, declined
    done = runner.invoke(app, ["--db", db, "delete", ids[0], "--yes", "--json"])
    assert done.exit_code == 0 and json.loads(done.stdout)["deleted"] == [ids[0]]
    assert runner.invoke(app, ["--db", db, "delete", ids[0], "--yes"]).exit_code == 1  # gone: says so
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from newsweave.server.api import create_app

    settings = load_settings(overrides={"db": db, "server": {"write_token": "t"}}, environ={})
    client = TestClient(create_app(settings))
    assert client.delete(f"/api/articles/{ids[1]}").status_code == 401
    response = client.delete(f"/api/articles/{ids[1]}", headers={"Authorization": "Bearer t"})
    assert response.status_code == 200 and response.json()["deleted"] == [ids[1]]
    assert client.get(f"/api/articles/{ids[1]}").status_code == 404
    assert client.delete(f"/api/articles/{ids[1]}", headers={"Authorization": "Bearer t"}).status_code == 404
    assert client.post(f"/api/articles/{ids[2]}/rerun").status_code == 401
    rerun = client.post(f"/api/articles/{ids[2]}/rerun", headers={"Authorization": "Bearer t"})
    assert rerun.status_code == 200 and rerun.json()["new"] == ids[2]
    assert runner.invoke(app, ["--db", db, "rerun", ids[2], ids[1]]).exit_code == 1  # one gone: said, other done


RSS = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>Town Wire</title><item><title>Bridge reopens</title>'
    "<link>https://town.example/bridge</link><pubDate>Mon, 03 Mar 2025 10:00:00 GMT</pubDate><description>"
    "&lt;p&gt;The mayor of Springfield reopened the old bridge on Monday after two years of repairs, the "
    "council said. Traffic will return to normal by Friday.&lt;/p&gt;</description></item></channel></rss>"
)


def _facts(nw: NewsWeave, article_id: str) -> tuple[object, ...]:
    a = nw.article(article_id)
    return (a.text, a.title, a.published, a.language, a.url, a.outlet, [(m.start, m.end, m.label) for m in a.mentions])


def test_rerun_reproduces_every_format_and_replaces_what_a_changed_pipeline_makes(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    feed = tmp_path / "in" / "wire.rss"
    feed.write_text(RSS, encoding="utf-8")
    jsonl = tmp_path / "in" / "records.jsonl"
    record = {"text": SEEDS[3].read_text(encoding="utf-8"), "title": "Record", "date": "2025-02-01", "label": "x"}
    jsonl.write_text(json.dumps(record), encoding="utf-8")
    inputs = [str(SEEDS[0]), str(ROOT / "tests" / "inputs" / "pages" / "es_economia.html"), str(feed), str(jsonl)]
    with _service(tmp_path / "r.db") as nw:
        added = nw.ingest(inputs).added
        assert len(added) == 4
        before = {a: _facts(nw, a) for a in added}
        for article_id in added:
            result = nw.rerun(article_id)
            assert result["new"] == article_id  # same pipeline, same input: the same article
            assert _facts(nw, article_id) == before[article_id], nw.article(article_id).format
        assert nw.count(ArticleQuery(include_duplicates=True)) == 4 and nw.store.integrity_check() == []
        again = nw.ingest(inputs)
        assert not again.added and len(again.unchanged) == 4  # every input still known as read
    _consistent(tmp_path / "r.db")
    target = added[0]
    without = load_settings(
        overrides={
            "db": str(tmp_path / "r.db"),
            "pipeline": [s for s in load_settings(environ={}).pipeline if s not in ("quotes", "citations")],
        },
        environ={},
    )
    with NewsWeave(without) as nw:
        assert nw.article(target).quotes
        nw.rerun(target)
        assert not nw.article(target).quotes  # what the new pipeline makes replaced what the old one made
    tiny = load_settings(overrides={"db": str(tmp_path / "r.db"), "limits": {"max_article_chars": 50}}, environ={})
    with NewsWeave(tiny) as nw, pytest.raises(NewsweaveError, match="kept as it was"):
        nw.rerun(target)
    with _service(tmp_path / "r.db") as nw:
        assert nw.article(target).text == before[target][0]  # a failed re-run changed nothing
        nw.rerun(target)
        assert nw.article(target).quotes
    _consistent(tmp_path / "r.db")


def test_rerun_of_one_member_keeps_its_story_whole(tmp_path: Path) -> None:
    """The story an article leaves is rebuilt from the members that stay before the article is stored
    again; the story's row must be that rebuild (written before the indexes reload from the store), or
    the re-run article would count twice in it."""
    with _service(tmp_path / "s.db") as nw:
        nw.ingest([str(p) for p in SEEDS])
        shared = [s for s in nw.store.all_stories() if s.size >= 2]
        assert shared, "the sample's articles share a story"
        story = shared[0]
        member = nw.store.story_members(story.id)[0]
        nw.rerun(member)
        after = {s.id: s.size for s in nw.store.all_stories()}
        assert sum(after.values()) == sum(s.size for s in nw.store.all_stories()) == len(SEEDS)
    _consistent(tmp_path / "s.db")
