"""Everything a store holds, through the store contract, as plain data two stores can be compared by."""

from __future__ import annotations

from typing import Any

from newsweave.store import ArticleQuery, Store
from newsweave.store.codec import entity_to_row, event_to_row, to_row
from newsweave.store.sql_stories import story_to_row


def snapshot(store: Store) -> dict[str, Any]:
    articles = store.list_articles(ArticleQuery(include_duplicates=True, limit=1_000_000))
    ids = [a.id for a in articles]
    events = {e: event_to_row(store.get_event(e)) for e in store.events_reported_in(ids)}
    entities = {e.id: entity_to_row(e) for e in store.all_entities()}
    return {
        "articles": {a.id: to_row(a) for a in articles},
        "sources": {i: store.source_rows(i) for i in ids},
        "entities": entities,
        "mentions": {e: store.entity_mentions(e) for e in entities},
        "events": events,
        "event_reports": {e: store.event_reports(e) for e in events},
        "citations": sorted(map(repr, store.citation_rows())),
        "stories": {s.id: story_to_row(s) for s in store.all_stories()},
        "story_of": store.story_assignments(),
        "problems": store.problems(),
        "unindexed": store.unindexed_articles(),
    }


def differences(a: dict[str, Any], b: dict[str, Any]) -> list[str]:
    """What differs, part by part and key by key (empty when the stores hold the same)."""
    found = []
    for part in a:
        left, right = a[part], b[part]
        if left == right:
            continue
        if isinstance(left, dict) and isinstance(right, dict):
            for key in sorted(set(left) | set(right)):
                if left.get(key) != right.get(key):
                    found.append(f"{part}[{key}]: {str(left.get(key))[:200]} != {str(right.get(key))[:200]}")
        else:
            found.append(f"{part}: {str(left)[:300]} != {str(right)[:300]}")
    return found
