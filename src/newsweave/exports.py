"""Exports for other tools: JSON and CSV of articles, entities and stories, and the entity co-occurrence
graph as GraphML (Gephi, networkx, yEd read it).

Each writer streams rows from the store, so an export does not hold the whole store in memory beyond
what one table needs; GraphML is written with ElementTree, which escapes every name.
"""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Literal

from newsweave.model import Article
from newsweave.render import article_summary, entity_summary
from newsweave.store import ArticleQuery, EntityQuery, Store

What = Literal["articles", "entities", "stories", "graph"]
PAGE = 1000


def rows(store: Store, what: What) -> Iterator[dict[str, Any]]:
    if what == "articles":
        offset = 0
        while page := store.list_articles(ArticleQuery(include_duplicates=True, limit=PAGE, offset=offset)):
            for article in page:
                yield {**article_summary(article), "story_id": store.story_of(article.id), "text": article.text}
            offset += PAGE
    elif what == "entities":
        offset = 0
        while entities := store.list_entities(EntityQuery(limit=PAGE, offset=offset)):
            for e in entities:
                summary = entity_summary(e)
                names = " | ".join(sorted({f for forms in e.forms.values() for f in forms}))
                yield {**summary, "languages": " ".join(summary["languages"]), "names": names}
            offset += PAGE
    elif what == "stories":
        for s in store.all_stories():
            yield {
                "id": s.id,
                "storyline_id": s.storyline_id,
                "size": s.size,
                "first": s.first,
                "last": s.last,
                "languages": " ".join(f"{k}:{v}" for k, v in sorted(s.languages.items())),
                "titles": json.dumps(s.titles, ensure_ascii=False),
            }
    else:
        raise ValueError(f"rows of {what!r}: use articles, entities or stories")


def entity_pairs(articles: Iterable[Article]) -> tuple[Counter[str], Counter[tuple[str, str]]]:
    """How many of these articles name each entity, and each pair of entities together."""
    named: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    for article in articles:
        ids = sorted({m.entity_id for m in article.mentions if m.entity_id})
        named.update(ids)
        pairs.update((a, b) for i, a in enumerate(ids) for b in ids[i + 1 :])
    return named, pairs


def _originals(store: Store) -> Iterator[Article]:
    offset = 0
    while page := store.list_articles(ArticleQuery(limit=PAGE, offset=offset)):
        yield from page
        offset += PAGE


def cooccurrence(store: Store, min_articles: int = 1) -> tuple[dict[str, dict[str, Any]], Counter[tuple[str, str]]]:
    """Entities and how many original articles name each pair of them."""
    _, edges = entity_pairs(_originals(store))
    kept = Counter({k: v for k, v in edges.items() if v >= min_articles})
    nodes: dict[str, dict[str, Any]] = {}
    for entity_id in {e for pair in kept for e in pair}:
        e = store.get_entity(entity_id)
        nodes[entity_id] = {"name": e.name, "label": e.label, "articles": e.articles}
    return nodes, kept


def write(store: Store, what: What, fmt: Literal["json", "csv", "graphml"], out: Path) -> int:
    """Write the export; return how many rows (or edges, for the graph) it holds."""
    if what == "graph" or fmt == "graphml":
        return _graphml(store, out)
    data = list(rows(store, what))
    if fmt == "json":
        out.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    else:
        with out.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(data[0]) if data else ["id"])
            writer.writeheader()
            writer.writerows(data)
    return len(data)


def _graphml(store: Store, out: Path) -> int:
    nodes, edges = cooccurrence(store)
    ns = "http://graphml.graphdrawing.org/xmlns"
    ET.register_namespace("", ns)
    root = ET.Element(f"{{{ns}}}graphml")
    for key, target, kind in (
        ("name", "node", "string"),
        ("label", "node", "string"),
        ("articles", "node", "int"),
        ("weight", "edge", "int"),
    ):
        ET.SubElement(root, f"{{{ns}}}key", {"id": key, "for": target, "attr.name": key, "attr.type": kind})
    graph = ET.SubElement(root, f"{{{ns}}}graph", {"id": "entities", "edgedefault": "undirected"})
    for entity_id, data in sorted(nodes.items()):
        node = ET.SubElement(graph, f"{{{ns}}}node", {"id": entity_id})
        for key in ("name", "label", "articles"):
            ET.SubElement(node, f"{{{ns}}}data", {"key": key}).text = str(data[key])
    for (a, b), weight in sorted(edges.items()):
        edge = ET.SubElement(graph, f"{{{ns}}}edge", {"source": a, "target": b})
        ET.SubElement(edge, f"{{{ns}}}data", {"key": "weight"}).text = str(weight)
    ET.ElementTree(root).write(out, encoding="utf-8", xml_declaration=True)
    return len(edges)
