"""The web UI: server-rendered HTML pages over the same service, each linking to its JSON twin under /api.

Jinja2 escapes every value (autoescape), so article text, titles and names reach the page as text,
never as markup: an article containing ``<script>`` shows the word, it does not run it. Article pages
are built from plain segments (text, or a mention with its entity) so highlighting needs no HTML from
the data either. The entity graph is an SVG drawn here (a circle of co-occurring entities): no script
and no network needed to read it.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from newsweave.server.api import Service
from newsweave.store import ArticleQuery

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
STATIC = str(Path(__file__).parent / "static")
router = APIRouter(include_in_schema=False)


def _page(request: Request, name: str, **context: Any) -> HTMLResponse:
    return TEMPLATES.TemplateResponse(request, name, context)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, nw: Service) -> HTMLResponse:
    return _page(request, "home.html", stories=nw.stories(limit=30), api="/api/stories")


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story(request: Request, nw: Service, story_id: str) -> HTMLResponse:
    view = nw.story(story_id)
    return _page(request, "story.html", story=view, api=f"/api/stories/{view['id']}")


@router.get("/storylines/{storyline_id}", response_class=HTMLResponse)
def storyline(request: Request, nw: Service, storyline_id: str) -> HTMLResponse:
    view = nw.storyline(storyline_id)
    return _page(request, "storyline.html", line=view, api=f"/api/storylines/{view['id']}")


@router.get("/entities/{name_or_id}", response_class=HTMLResponse)
def entity(request: Request, nw: Service, name_or_id: str) -> HTMLResponse:
    view = nw.entity_view(name_or_id, max_mentions=100)
    timeline = nw.timeline(view["id"], 200)["lines"]
    return _page(
        request, "entity.html", entity=view, timeline=timeline, graph=_graph(view), api=f"/api/entities/{view['id']}"
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, nw: Service, article_id: str) -> HTMLResponse:
    view = nw.article_view(article_id)
    return _page(
        request,
        "article.html",
        article=view,
        segments=_segments(view),
        story_id=nw.store.story_of(view["id"]),
        api=f"/api/articles/{view['id']}",
    )


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, nw: Service, q: str = "", mode: str = "hybrid", lang: str | None = None) -> HTMLResponse:
    mode = mode if mode in ("hybrid", "keyword", "semantic") else "hybrid"
    view = nw.search(q, ArticleQuery(language=lang or None, limit=30), mode) if q.strip() else None  # type: ignore[arg-type]
    for r in (view or {}).get("results", []):
        r["parts"] = _highlighted(r["snippet"], r["highlights"])
    return _page(request, "search.html", q=q, mode=mode, lang=lang or "", view=view, api=f"/api/search?q={q}")


def _segments(view: dict[str, Any]) -> list[dict[str, Any]]:
    """The article text as plain pieces: text, or a mention with its category and entity."""
    text, out, at = view["text"], [], 0
    for m in sorted(view["mentions"], key=lambda m: (m["start"], -m["end"])):
        if m["start"] < at:
            continue  # nested or overlapping: the outer mention wins
        if m["start"] > at:
            out.append({"text": text[at : m["start"]]})
        out.append({"text": text[m["start"] : m["end"]], "label": m["label"], "entity": m.get("entity_id")})
        at = m["end"]
    out.append({"text": text[at:]})
    return out


def _highlighted(snippet: str, spans: list[list[int]]) -> list[dict[str, Any]]:
    parts, at = [], 0
    for start, end in spans:
        if start >= at:
            parts.append({"text": snippet[at:start], "hit": False})
            parts.append({"text": snippet[start:end], "hit": True})
            at = end
    parts.append({"text": snippet[at:], "hit": False})
    return parts


def _graph(view: dict[str, Any], size: int = 520) -> dict[str, Any]:
    """The entity in the middle, who appears with it on a circle, edges weighted by shared articles."""
    others = view["co_occurring"][:16]
    centre = size / 2
    radius = size / 2 - 80
    top = max((o["articles"] for o in others), default=1)
    nodes = []
    for i, other in enumerate(others):
        angle = 2 * math.pi * i / max(len(others), 1)
        nodes.append(
            {
                **other,
                "x": round(centre + radius * math.cos(angle), 1),
                "y": round(centre + radius * math.sin(angle), 1),
                "width": round(1 + 4 * other["articles"] / top, 1),
            }
        )
    return {"size": size, "centre": centre, "name": view["name"], "nodes": nodes}
