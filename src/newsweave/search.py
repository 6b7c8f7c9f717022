"""Search: keyword (case, diacritics, transliteration and inflection blind), semantic (cross-lingual) and
both together, with filters and highlighted snippets.

Keyword search runs on *matching keys*: every word of an article is stored as its transliterated,
folded key (``newsweave.entities.names.word_key``: Дмитриев, Dmitrijew and Dmitriev all give
``dmitrev``) and a query word matches keys that start with its key, so the case endings of Baltic and
Slavic languages (Dmitrijev-s, Dmitrijew-a, Putin-a, Kremlin-ului) are found from the base form. A query
that names a known entity also finds the articles that mention it under any name (*Krievija* for
"Russia"). Semantic search embeds the query with the article embedder and ranks by cosine, so an English
query finds German and Latvian articles. ``hybrid`` fuses the two rankings by reciprocal rank (RRF,
Cormack et al. 2009), which needs no score calibration between them.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Literal

import numpy as np

from newsweave.embedding.base import embedder
from newsweave.entities.names import word_key
from newsweave.model import Article
from newsweave.store.base import ArticleQuery, Store
from newsweave.textnorm import fold_word

Mode = Literal["hybrid", "keyword", "semantic"]
WORD = re.compile(r"\w+")
#: Reciprocal-rank constant: how much lower ranks still count.
RRF_K = 60
#: Candidates each ranking contributes before fusion and paging.
POOL = 200
SNIPPET_CHARS = 240
#: Query words shorter than this are not highlighted when longer ones are there.
MIN_HIGHLIGHT = 3


@lru_cache(maxsize=200_000)
def search_key(word: str) -> str:
    """A word's matching key: diacritics off first (Galați and GALATI meet), then the transliteration-aware
    name key (Дмитриев, Dmitrijew and Dmitriev meet). Cached: words repeat, and every stored article's
    every word passes here."""
    return word_key(fold_word(word))


def keys_of(text: str) -> str:
    """The matching keys of a text, space-separated, in order."""
    return " ".join(k for k in (search_key(w) for w in WORD.findall(text)) if k)


def query_keys(query: str) -> list[str]:
    """The keys a keyword search looks for, each as a prefix of an article's key (every one must match)."""
    return [k for k in (search_key(w) for w in WORD.findall(query)) if k]


@dataclass(slots=True)
class Hit:
    article_id: str
    score: float
    matched_by: list[str] = field(default_factory=list)


def snippet(text: str, query: str, width: int = SNIPPET_CHARS) -> tuple[str, int, list[tuple[int, int]]]:
    """(snippet, its start offset in ``text``, highlighted spans relative to the snippet).

    The window is centred on the first word whose key starts with a query key; without one (a
    semantic hit), the opening of the text."""
    keys = [k for k in (search_key(w) for w in WORD.findall(query)) if k]
    keys = [k for k in keys if len(k) >= MIN_HIGHLIGHT] or keys  # "in", "de" would light up half the text
    spans = [(m.start(), m.end()) for m in WORD.finditer(text) if _matches(search_key(m.group()), keys)]
    start = 0 if not spans else max(0, spans[0][0] - width // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < spans[0][0] else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    inside = [(s - start, e - start) for s, e in spans if s >= start and e <= end]
    return text[start:end], start, inside


def _matches(key: str, query_keys: list[str]) -> bool:
    return bool(key) and any(key.startswith(k) for k in query_keys)


class Searcher:
    """Runs searches against a store; keeps the matrix of article vectors between semantic queries."""

    def __init__(self, store: Store, embedder_name: str) -> None:
        self.store = store
        self.embedder_name = embedder_name
        self._ids: list[str] = []
        self._matrix = np.zeros((0, 0), dtype=np.float32)
        self._seen = -1
        self._pending: list[tuple[str, np.ndarray]] = []
        self._lock = threading.Lock()  # a server's threads search while one of them ingests

    def index(self, article: Article) -> None:
        """Keyword keys into the store; the vector, once the matrix is loaded, onto a list the next
        semantic query appends (a server that ingests does not reload every vector per article)."""
        title_keys, text_keys = article.search_keys or (keys_of(article.title or ""), keys_of(article.text))
        self.store.index_text(article.id, title_keys, text_keys)
        with self._lock:
            loaded = self._seen >= 0 and not article.duplicate_of and article.embedding is not None
            if loaded and article.embedding_model == self.embedder_name and article.embedding is not None:
                self._pending.append((article.id, np.frombuffer(article.embedding, dtype=np.float32)))
                self._seen += 1

    def keyword(self, query: str, filters: ArticleQuery, entity_ids: list[str]) -> list[Hit]:
        pool = replace(filters, limit=POOL, offset=0)
        hits: dict[str, Hit] = {}
        keys = query_keys(query)
        if keys:
            for article_id, score in self.store.keyword_hits(keys, pool):
                hits[article_id] = Hit(article_id, score, ["keyword"])
        for entity_id in entity_ids:  # the entity under every name it goes by
            for article_id in self.store.article_ids(replace(pool, entity=entity_id))[:POOL]:
                hit = hits.setdefault(article_id, Hit(article_id, 0.0))
                hit.matched_by.append("entity")
                hit.score += 1.0
        return sorted(hits.values(), key=lambda h: (-h.score, h.article_id))

    def semantic(self, query: str, filters: ArticleQuery) -> list[Hit]:
        ids, matrix = self._refresh()  # one consistent pair, whatever other threads do meanwhile
        if not ids or not query.strip():
            return []
        vector = embedder(self.embedder_name).embed([query], [None])[0]
        if matrix.shape[1] != vector.shape[0] or not vector.any():
            return []
        scores = matrix @ vector
        allowed = _filtered(filters)
        if allowed:
            keep = set(self.store.article_ids(replace(filters, limit=10**9, offset=0)))
            rows = np.array([i for i, a in enumerate(ids) if a in keep], dtype=np.int64)
        else:
            rows = np.arange(len(ids))
        if not rows.size:
            return []
        chosen = scores[rows]
        if chosen.size > POOL:  # the top of a long list without sorting all of it
            keep_rows = np.argpartition(-chosen, POOL)[:POOL]
            rows, chosen = rows[keep_rows], chosen[keep_rows]
        order = rows[np.lexsort((rows, -chosen))]
        return [Hit(ids[i], float(scores[i]), ["semantic"]) for i in order]

    def search(self, query: str, filters: ArticleQuery, mode: Mode, entity_ids: list[str]) -> list[Hit]:
        """Ranked hits of one page (``filters.limit``/``offset``)."""
        if mode == "keyword":
            ranked = self.keyword(query, filters, entity_ids)
        elif mode == "semantic":
            ranked = self.semantic(query, filters)
        else:
            ranked = _fuse(self.keyword(query, filters, entity_ids), self.semantic(query, filters))
        return ranked[filters.offset : filters.offset + filters.limit]

    def warm(self) -> None:
        """Load now (a server at start) what the first search would otherwise load: the article vectors
        (a second or two at 100,000 articles), the query embedder's table and the gazetteer that maps a
        country's name in any language to its code (half a second of CLDR data)."""
        from newsweave.entities.gazetteer import territory_code

        self._refresh()
        embedder(self.embedder_name).embed(["warm"], [None])  # as queries are embedded: no lemma dictionary
        territory_code("warm")

    def _refresh(self) -> tuple[list[str], np.ndarray]:
        """The ids and vectors to search: with the vectors this process indexed since the last query
        appended once their articles are committed; all reloaded when the count says another process
        (or a rolled-back write) changed the store."""
        with self._lock:
            count = self.store.count_articles(ArticleQuery())  # committed articles, as this thread sees them
            if count == self._seen:
                pending, self._pending = self._pending, []
                if not pending:
                    return self._ids, self._matrix
                if all(v.shape[0] == self._matrix.shape[1] for _, v in pending):
                    self._ids = self._ids + [a for a, _ in pending]
                    self._matrix = np.vstack([self._matrix, *(v for _, v in pending)])
                    return self._ids, self._matrix
            elif self._seen - len(self._pending) <= count < self._seen:
                return self._ids, self._matrix  # an ingest is still writing: its articles join later
            ids, blob = self.store.vectors(self.embedder_name)
            matrix = np.frombuffer(blob, dtype=np.float32)
            dims = matrix.size // len(ids) if ids else 0
            self._ids, self._matrix = ids, matrix.reshape(len(ids), dims) if ids else np.zeros((0, 0), np.float32)
            self._pending, self._seen = [], count
            return self._ids, self._matrix


def _filtered(filters: ArticleQuery) -> bool:
    return any((filters.language, filters.since, filters.until, filters.outlet, filters.entity, filters.story))


def _fuse(*rankings: list[Hit]) -> list[Hit]:
    fused: dict[str, Hit] = {}
    for ranking in rankings:
        for rank, hit in enumerate(ranking):
            into = fused.setdefault(hit.article_id, Hit(hit.article_id, 0.0))
            into.score += 1.0 / (RRF_K + rank + 1)
            into.matched_by.extend(m for m in hit.matched_by if m not in into.matched_by)
    return sorted(fused.values(), key=lambda h: (-h.score, h.article_id))
