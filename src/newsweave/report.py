"""``newsweave report``: one self-contained HTML file about a story, an entity or a query.

Everything is inside the file (styles inline, the timeline plot and the entity graph as SVG drawn
here), so it opens offline, can be mailed, and shows no remote content. Text from articles is escaped
by Jinja2's autoescape like every page of the UI.
"""

from __future__ import annotations

import math
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from newsweave.exports import entity_pairs
from newsweave.service import NewsWeave
from newsweave.store import ArticleQuery

HERE = Path(__file__).parent / "server"
ROWS = {"event": 0, "quote": 1, "report": 2}


def timeline_plot(lines: list[dict[str, Any]], width: int = 900) -> dict[str, Any]:
    """Dots on a date axis, one row per kind of line (events, quotes, reports); undated lines are left out."""
    dated = [(date.fromisoformat(line["date"][:10]), line) for line in lines if line.get("date")]
    if not dated:
        return {"width": width, "height": 0, "dots": [], "ticks": []}
    first, last = min(d for d, _ in dated), max(d for d, _ in dated)
    span = max((last - first).days, 1)
    left, right = 80, width - 20

    def x(day: date) -> float:
        return round(left + (right - left) * (day - first).days / span, 1)

    dots = [
        {
            "x": x(d),
            "y": 30 + 40 * ROWS.get(line["kind"], 2),
            "kind": line["kind"],
            "label": line.get("type") or line.get("outlet") or line.get("speaker") or "",
            "date": d.isoformat(),
        }
        for d, line in dated
    ]
    ticks = [{"x": x(first), "text": first.isoformat()}, {"x": x(last), "text": last.isoformat()}]
    return {
        "width": width,
        "height": 30 + 40 * len(ROWS),
        "dots": dots,
        "ticks": ticks,
        "rows": [{"y": 30 + 40 * i, "name": name + "s"} for name, i in ROWS.items()],
    }


def circle_graph(nodes: list[dict[str, Any]], edges: Counter[tuple[str, str]], size: int = 560) -> dict[str, Any]:
    """Entities on a circle, a line for each pair named together, thicker for more articles."""
    centre, radius = size / 2, size / 2 - 90
    placed = {}
    for i, node in enumerate(nodes):
        angle = 2 * math.pi * i / max(len(nodes), 1)
        placed[node["id"]] = {
            **node,
            "x": round(centre + radius * math.cos(angle), 1),
            "y": round(centre + radius * math.sin(angle), 1),
        }
    top = max(edges.values(), default=1)
    lines = [
        {
            "x1": placed[a]["x"],
            "y1": placed[a]["y"],
            "x2": placed[b]["x"],
            "y2": placed[b]["y"],
            "width": round(0.5 + 4 * n / top, 1),
        }
        for (a, b), n in edges.items()
        if a in placed and b in placed
    ]
    return {"size": size, "nodes": list(placed.values()), "edges": lines}


def _graph_of(nw: NewsWeave, article_ids: list[str], limit: int = 18) -> dict[str, Any]:
    named, pairs = entity_pairs(nw.store.get_article(a) for a in article_ids)
    nodes = []
    for entity_id, n in named.most_common(limit):
        e = nw.store.get_entity(entity_id)
        nodes.append({"id": e.id, "name": e.name, "label": e.label, "articles": n})
    return circle_graph(nodes, pairs)


def build(nw: NewsWeave, story: str | None = None, entity: str | None = None, query: str | None = None) -> str:
    """The report's HTML for exactly one of ``story``, ``entity`` or ``query``."""
    if [story, entity, query].count(None) != 2:
        raise ValueError("a report is about one story, one entity or one query")
    context: dict[str, Any]
    if story:
        view = nw.story(story)
        members = [a["id"] for rows in view["articles"].values() for a in rows if not a["duplicate_of"]]
        context = {
            "kind": "story",
            "title": view["title"],
            "story": view,
            "lines": view["timeline"],
            "graph": _graph_of(nw, members),
        }
    elif entity:
        view = nw.entity_view(entity, max_mentions=50)
        lines = nw.timeline(view["id"], 500)["lines"]
        articles = sorted({m["article_id"] for m in view["mention_list"]})
        context = {
            "kind": "entity",
            "title": view["name"],
            "entity": view,
            "lines": lines,
            "graph": _graph_of(nw, articles),
        }
    else:
        found = nw.search(str(query), ArticleQuery(limit=30), "hybrid")
        lines = [
            {
                "kind": "report",
                "date": (r["published"] or "")[:10] or None,
                "outlet": r["outlet"],
                "title": r["title"],
                "evidence": [],
            }
            for r in found["results"]
        ]
        context = {
            "kind": "query",
            "title": f"Search: {query}",
            "search": found,
            "lines": lines,
            "graph": _graph_of(nw, [r["id"] for r in found["results"]]),
        }
    env = Environment(loader=FileSystemLoader(str(HERE / "templates")), autoescape=select_autoescape(default=True))
    css = (HERE / "static" / "style.css").read_text(encoding="utf-8")
    return env.get_template("report.html").render(css=css, plot=timeline_plot(context["lines"]), **context)
