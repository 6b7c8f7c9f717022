"""The search results the service returns: plain dicts for the CLI, the API and the UI."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from newsweave.entities.gazetteer import territory_code
from newsweave.entities.names import name_key
from newsweave.search import Mode, snippet
from newsweave.store.base import ArticleQuery

if TYPE_CHECKING:
    from newsweave.service import NewsWeave


def _entities_named(nw: NewsWeave, query: str) -> list[dict[str, str]]:
    """The entity whose name the whole query is (its matching key, looked up in an index), if any."""
    key = name_key(query)
    if not key:
        return []
    code = territory_code(query)  # countries are keyed by their CLDR code, whatever the language
    found = nw.store.entities_by_key(f"cldr:{code}", 1) if code else []
    found = found or nw.store.entities_by_key(key, 1)
    return [{"id": e.id, "name": e.name, "label": e.label} for e in found]


def search_view(nw: NewsWeave, query: str, filters: ArticleQuery, mode: Mode) -> dict[str, Any]:
    started = time.perf_counter()
    entities = _entities_named(nw, query) if mode != "semantic" else []
    hits = nw.searcher.search(query, filters, mode, [e["id"] for e in entities])
    results = []
    for hit in hits:
        article = nw.store.get_article(hit.article_id)
        text, start, highlights = snippet(article.text, query)
        results.append(
            {
                "id": article.id,
                "title": article.title,
                "language": article.language,
                "published": article.published.value if article.published else None,
                "outlet": article.outlet,
                "score": round(hit.score, 4),
                "matched_by": hit.matched_by,
                "snippet": text,
                "snippet_start": start,
                "highlights": [list(h) for h in highlights],
                "story_id": nw.store.story_of(article.id),
            }
        )
    return {
        "query": query,
        "mode": mode,
        "entities": entities,
        "offset": filters.offset,
        "limit": filters.limit,
        "results": results,
        "took_ms": round((time.perf_counter() - started) * 1000, 1),
    }
