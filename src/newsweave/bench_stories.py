"""The story-clustering benchmark: embeddings and online clustering of a long stream, nothing else.

The issue's target is about the clustering step's growth ("100,000 articles in under 10 minutes,
embeddings included"), which the end-to-end benchmark cannot reach at that size in reasonable time
(the entity tagger dominates it). So this one takes the benchmark corpus, embeds every article with the
configured embedder, spreads the stream over a year in order (about 270 articles a day at 100,000), and
clusters it through the real ``StoryIndex`` into a real SQLite store. Entity ids are a stand-in: the
capitalised words inside sentences of each article, which have the skewed frequencies of real names,
so the entity index and its capped postings cost what they would; their quality is not measured here.
"""

from __future__ import annotations

import json
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from newsweave.bench import _peak_mb, build_corpus
from newsweave.config import Settings
from newsweave.embedding.base import DEFAULT, configured, embedder
from newsweave.model import Article, Mention, Published
from newsweave.steps.stories import StoryIndex
from newsweave.store import ArticleQuery, Store, open_store

NAME = re.compile(r"(?<=[a-zà-ÿа-я,;] )([A-ZÀ-ÞА-Я][\w-]{2,})")
START = date(2025, 1, 1)
DAYS = 365
BATCH = 256


@dataclass(slots=True)
class StoryBench:
    articles: int
    embed_per_s: float = 0.0
    cluster_per_s: float = 0.0
    halves_s: tuple[float, float] = (0.0, 0.0)
    stories: int = 0
    total_s: float = 0.0
    peak_rss_mb: float = 0.0
    embedder: str = DEFAULT
    extra: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "embedder": self.embedder,
            "embed_articles_per_s": round(self.embed_per_s, 1),
            "cluster_articles_per_s": round(self.cluster_per_s, 1),
            "cluster_first_half_s": round(self.halves_s[0], 1),
            "cluster_second_half_s": round(self.halves_s[1], 1),
            "stories": self.stories,
            "seconds_embeddings_and_clustering": round(self.total_s, 1),
            "peak_rss_mb": round(self.peak_rss_mb),
            **self.extra,
        }


def run_stories(
    settings: Settings,
    n: int,
    corpora: Path | None,
    samples: Path | None,
    queries: int = 50,
    keep: Path | None = None,
) -> StoryBench:
    """``keep``: a folder to leave the benchmark store in (stories.db), to look into a slow page."""
    docs = build_corpus(n, corpora, samples)
    name = configured(settings)
    model = embedder(name)
    model.embed(["warm up"], ["en"])
    result = StoryBench(articles=len(docs), embedder=name)
    articles: list[Article] = []
    t0 = time.perf_counter()
    for i in range(0, len(docs), BATCH):
        chunk = docs[i : i + BATCH]
        vectors = model.embed([d.text for d in chunk], [_language(d.hints.get("pool")) for d in chunk])
        for j, doc in enumerate(chunk):
            k = i + j
            day = START + timedelta(days=k * DAYS // max(1, len(docs)))
            article = Article(source=doc.source, raw=doc.text, id=f"b{k:07d}", text=doc.text)
            article.language = _language(doc.hints.get("pool"))
            article.published = Published(day.isoformat(), "day", "field")
            article.embedding = vectors[j].tobytes()
            article.embedding_model = name
            article.mentions = [
                Mention(m.start(), m.end(), m.group(), "PER", entity_id="e" + m.group().lower())
                for m in NAME.finditer(doc.text)
            ]
            articles.append(article)
    embed_s = time.perf_counter() - t0
    result.embed_per_s = len(docs) / max(embed_s, 1e-9)
    with tempfile.TemporaryDirectory() as tmp:
        folder = keep or Path(tmp)
        store = open_store(str(folder / "stories.db"))
        index = StoryIndex(store)
        half = len(articles) // 2
        marks = [time.perf_counter()]
        for i, article in enumerate(articles):
            with store.transaction():
                store.put_article(article)
                index.assign(article)
            if i + 1 == half:
                marks.append(time.perf_counter())
        marks.append(time.perf_counter())
        result.halves_s = (marks[1] - marks[0], marks[2] - marks[1])
        result.cluster_per_s = len(articles) / max(marks[2] - marks[0], 1e-9)
        result.stories = len(index.stories)
        if queries:
            result.extra = _time_search(store, name, articles, queries)
            result.extra.update(_time_pages(folder / "stories.db", articles))
        store.close()
    result.total_s = embed_s + result.halves_s[0] + result.halves_s[1]
    result.peak_rss_mb = _peak_mb()
    return result


def _language(pool: str | None) -> str | None:
    """The pool's language; the sample articles' pool mixes several."""
    return None if pool in (None, "sample") else pool


def _time_search(store: Store, embedder_name: str, articles: list[Article], n: int) -> dict[str, Any]:
    """Index every article for keyword search, then time ``n`` queries of each mode (median and 95th
    percentile, milliseconds). Queries are names and words drawn from the articles themselves, so that
    they find something, as a user's do."""
    from newsweave.search import Searcher

    searcher = Searcher(store, embedder_name)
    t0 = time.perf_counter()
    with store.transaction():
        for article in articles:
            searcher.index(article)
    indexed_s = time.perf_counter() - t0
    rng = random.Random(11)
    words = [m.group() for a in rng.sample(articles, min(n, len(articles))) for m in NAME.finditer(a.text)]
    picked = rng.sample(words, min(n, len(words)))
    timings: dict[str, Any] = {"search_index_s": round(indexed_s, 1), "search_queries": len(picked)}
    for mode in ("keyword", "semantic", "hybrid"):
        took: list[float] = []
        for query in picked:
            t = time.perf_counter()
            hits = searcher.search(query, ArticleQuery(limit=10), mode, [])
            for hit in hits:  # what a result page reads
                store.get_article(hit.article_id)
            took.append((time.perf_counter() - t) * 1000)
        took.sort()
        timings[f"search_{mode}_median_ms"] = round(statistics.median(took), 1) if took else None
        timings[f"search_{mode}_p95_ms"] = round(took[int(0.95 * (len(took) - 1))], 1) if took else None
    return timings


def _time_pages(db: Path, articles: list[Article]) -> dict[str, Any]:
    """Page timings of a freshly started server on the benchmark store (a process of its own, so
    nothing this one loaded makes the first pages look faster than a user's)."""
    _store_stand_in_entities(db, articles)
    command = [sys.executable, "-m", "newsweave", "--db", str(db), "bench-pages", "--json"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return {"pages_error": done.stderr.strip()[-500:]}
    return dict(json.loads(done.stdout))


def time_pages(settings: Settings, db: Path) -> dict[str, Any]:
    """Server time of each kind of UI page and API listing on a store, from a server started here:
    the first request of each kind included (median and slowest, milliseconds). Needs the server extra.
    Pages: home, the biggest story and four others, five articles, five searches, a deep article
    listing, the five most-named entities."""
    from fastapi.testclient import TestClient

    from newsweave.server.api import create_app
    from newsweave.store import EntityQuery

    store = open_store(str(db))
    try:
        stories = sorted(store.all_stories(), key=lambda s: (-s.size, s.id))
        total = store.count_articles(ArticleQuery())
        rng = random.Random(5)
        picked = [store.list_articles(ArticleQuery(limit=1, offset=rng.randrange(max(1, total))))[0] for _ in range(5)]
        entities = [e.id for e in store.list_entities(EntityQuery(limit=5))]
    finally:
        store.close()
    started = time.perf_counter()
    client = TestClient(create_app(settings.model_copy(update={"db": str(db)})))
    out: dict[str, Any] = {"pages_server_start_s": round(time.perf_counter() - started, 2)}
    urls = {
        "home": ["/"],
        "story": [f"/stories/{s.id}" for s in stories[:1] + rng.sample(stories, min(4, len(stories)))],
        "article": [f"/articles/{a.id}" for a in picked],
        "search": ["/search?q=" + w for w in ("Ukraine", "Putin", "Brexit", "covid", "Ryanair")],
        "api_articles": [f"/api/articles?limit=50&offset={min(5000, max(0, total - 50))}"],
        "entity": [f"/entities/{e}" for e in entities],
    }
    out["pages_biggest_story_articles"] = stories[0].size if stories else 0
    for name, paths in urls.items():
        took = []
        for path in paths:
            t = time.perf_counter()
            status = client.get(path).status_code
            took.append((time.perf_counter() - t) * 1000)
            if status != 200:
                out[f"page_{name}_status"] = status
        if took:
            out[f"page_{name}_median_ms"] = round(statistics.median(took), 1)
            out[f"page_{name}_max_ms"] = round(max(took), 1)
            out[f"page_{name}_slowest"] = paths[took.index(max(took))]
    return out


def _store_stand_in_entities(db: Path, articles: list[Article], top: int = 5) -> list[str]:
    """Entity records and mention links for the stand-in entities, so entity pages can be timed; returns
    the ids of the ``top`` most-named."""
    from newsweave.model import Entity

    store = open_store(str(db))
    named: dict[str, set[str]] = {}
    with store.transaction():
        for article in articles:
            links = [(m.entity_id, m.start, m.end) for m in article.mentions if m.entity_id]
            store.link_mentions(article.id, links)
            for entity_id, _, _ in links:
                named.setdefault(entity_id, set()).add(article.id)
        for entity_id, found_in in named.items():
            name = entity_id[1:].title()
            store.put_entity(
                Entity(entity_id, "PER", name, name.lower(), {"en": {name: 1}}, {}, len(found_in), len(found_in))
            )
    store.close()
    return [e for e, _ in sorted(named.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:top]]
