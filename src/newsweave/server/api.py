"""The REST API: every route a few lines over ``NewsWeave``; OpenAPI at ``/docs`` and ``/openapi.json``.

The interactive docs (Swagger UI at ``/docs``, ReDoc at ``/redoc``) are served from this server
(fastapi-offline ships their scripts): FastAPI's own pages load them from a CDN, which left an
air-gapped user with a blank page.

Errors are JSON ``{"error": message}`` with the status that says what went wrong: 404 for an id or name
that is not in the store, 400 for a request newsweave cannot act on, 422 for parameters that do not
validate (FastAPI's own check, reshaped the same way). Listings page with ``limit``/``offset`` and say
how many there are in all where the store can count them cheaply.
"""

from __future__ import annotations

import html
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, File, HTTPException, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from pydantic import BaseModel, Field

from newsweave.config import FieldMap, Settings, load_settings
from newsweave.errors import NewsweaveError, NotFound
from newsweave.model import Problem
from newsweave.readers.base import Input
from newsweave.readers.records import record_to_doc
from newsweave.render import article_summary, entity_summary, report_dict
from newsweave.server.security import DOCS_ASSETS, Guard
from newsweave.service import NewsWeave
from newsweave.store import ArticleQuery, EntityQuery

Limit = Annotated[int, Query(ge=1, le=500, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, description="Items to skip.")]
Day = Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}$", description="YYYY-MM-DD")]


def _service(request: Request) -> NewsWeave:
    service: NewsWeave = request.app.state.newsweave
    return service


Service = Annotated[NewsWeave, Depends(_service)]


class Document(BaseModel):
    """One article posted as JSON; only ``text`` is required."""

    text: str = Field(min_length=1)
    title: str | None = None
    published: str | None = None
    language: str | None = None
    url: str | None = None
    outlet: str | None = None
    source: str | None = Field(None, description="A name for where it came from (default: api:N).")


class IngestBody(BaseModel):
    documents: list[Document] = Field(min_length=1)


def create_app(settings: Settings | None = None) -> FastAPI:
    """One app per store; the service is built once and shared by the requests (SQLite serialises)."""
    settings = settings or load_settings()
    app = FastAPIOffline(
        title="newsweave",
        summary="Multilingual news: articles, entities, events, quotes, stories and search.",
        version="0.1.0",
        static_url=DOCS_ASSETS,
        # Swagger UI would otherwise send the schema's address to validator.swagger.io for a badge.
        swagger_ui_parameters={"validatorUrl": None},
    )
    app.state.newsweave = NewsWeave(settings)
    app.state.newsweave.searcher.warm()
    app.add_middleware(Guard, settings=settings.server)
    if settings.server.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.server.cors_origins,
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["Authorization", "Content-Type"],
        )

    @app.get("/healthz", include_in_schema=False)
    def healthz(nw: Service) -> dict[str, Any]:
        """For a load balancer or supervisor: the store answers."""
        return {"ok": True, "schema_version": nw.store.schema_version()}

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        return _error(request, str(exc), 404)

    @app.exception_handler(NewsweaveError)
    async def bad_request(request: Request, exc: NewsweaveError) -> Response:
        return _error(request, str(exc), 400)

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()]
        return JSONResponse({"error": "; ".join(problems), "detail": exc.errors()}, status_code=422)

    @app.get("/api/articles", tags=["articles"])
    def articles(
        nw: Service,
        lang: str | None = None,
        since: Day = None,
        until: Day = None,
        outlet: str | None = None,
        entity: Annotated[str | None, Query(description="An entity id or name.")] = None,
        story: str | None = None,
        duplicates: bool = False,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Stored articles, oldest first, undated last."""
        q = ArticleQuery(lang, since, until, outlet, duplicates, limit, offset, _entity_id(nw, entity), story)
        return {
            "total": nw.count(q),
            "limit": limit,
            "offset": offset,
            "items": [article_summary(a) for a in nw.articles(q)],
        }

    @app.get("/api/articles/{article_id}", tags=["articles"])
    def article(nw: Service, article_id: str, raw: bool = False) -> dict[str, Any]:
        """One article: metadata, cleaned text, what was removed, mentions, dates, events, quotes, citations."""
        return nw.article_view(article_id, with_raw=raw)

    @app.delete("/api/articles/{article_id}", tags=["articles"])
    def delete_article(nw: Service, article_id: str) -> dict[str, Any]:
        """Remove an article and its near copies with what they contributed (needs the write token)."""
        return nw.delete_article(article_id)

    @app.post("/api/articles/{article_id}/rerun", tags=["articles"])
    def rerun_article(nw: Service, article_id: str) -> dict[str, Any]:
        """Process a stored article again from its raw input with the current pipeline (write token)."""
        return nw.rerun(article_id)

    @app.get("/api/entities", tags=["entities"])
    def entities(
        nw: Service,
        label: Literal["PER", "ORG", "LOC", "EVT", "PRO"] | None = None,
        lang: str | None = None,
        name: str | None = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """People, organisations, places, events and products, most mentioned first."""
        found = nw.entities(EntityQuery(label, lang, name, limit, offset))
        return {"limit": limit, "offset": offset, "items": [entity_summary(e) for e in found]}

    @app.get("/api/entities/{name_or_id}", tags=["entities"])
    def entity(nw: Service, name_or_id: str) -> dict[str, Any]:
        """An entity by id or by any of its names: names by language, roles, mentions, co-occurring."""
        return nw.entity_view(name_or_id)

    @app.get("/api/entities/{name_or_id}/timeline", tags=["entities"])
    def timeline(nw: Service, name_or_id: str, limit: Limit = 500) -> dict[str, Any]:
        """The entity's events and quotes in date order, each with the sentences it came from."""
        return nw.timeline(name_or_id, limit)

    @app.get("/api/events", tags=["facts"])
    def events(nw: Service, entity: str, limit: Limit = 100) -> dict[str, Any]:
        """Events an entity took part in (or was the place of), with their reports."""
        view = nw.timeline(entity, 10_000)
        lines = [line for line in view["lines"] if line["kind"] == "event"]
        return {"entity": view["entity"], "items": lines[:limit]}

    @app.get("/api/quotes", tags=["facts"])
    def quotes(nw: Service, entity: str, limit: Limit = 100) -> dict[str, Any]:
        """What an entity said, direct and reported, with the relaying outlet and the sentence."""
        view = nw.timeline(entity, 10_000)
        lines = [line for line in view["lines"] if line["kind"] == "quote"]
        return {"entity": view["entity"], "items": lines[:limit]}

    @app.get("/api/sources", tags=["facts"])
    def sources(nw: Service, limit: Limit = 100) -> dict[str, Any]:
        """Who cites whom: outlets given as sources, most cited first."""
        return {"items": nw.sources(limit)}

    @app.get("/api/stories", tags=["stories"])
    def stories(nw: Service, storyline: str | None = None, limit: Limit = 30, offset: Offset = 0) -> dict[str, Any]:
        """Stories, newest first: articles about one event across languages."""
        return {"limit": limit, "offset": offset, "items": nw.stories(limit, offset, storyline)}

    @app.get("/api/stories/{story_id}", tags=["stories"])
    def story(nw: Service, story_id: str) -> dict[str, Any]:
        """A story: titles and articles by language, entities, timeline, summary, disagreements."""
        return nw.story(story_id)

    @app.get("/api/storylines/{storyline_id}", tags=["stories"])
    def storyline(nw: Service, storyline_id: str) -> dict[str, Any]:
        """A storyline: its stories over time, languages, outlets, entities and timeline."""
        return nw.storyline(storyline_id)

    @app.get("/api/search", tags=["search"])
    def search(
        nw: Service,
        q: Annotated[str, Query(min_length=1, max_length=500, description="Words or a name, any language.")],
        mode: Literal["hybrid", "keyword", "semantic"] = "hybrid",
        lang: str | None = None,
        since: Day = None,
        until: Day = None,
        outlet: str | None = None,
        entity: str | None = None,
        story: str | None = None,
        limit: Annotated[int, Query(ge=1, le=100)] = 20,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Ranked articles with highlighted snippets (keyword, semantic or both)."""
        filters = ArticleQuery(lang, since, until, outlet, False, limit, offset, _entity_id(nw, entity), story)
        return nw.search(q, filters, mode)

    @app.post("/api/ingest", tags=["ingest"])
    def ingest(nw: Service, body: IngestBody) -> dict[str, Any]:
        """Add articles posted as JSON; the report says what was added, copied or refused, and why."""
        if len(body.documents) > nw.settings.server.max_documents:
            raise HTTPException(
                413,
                f"{len(body.documents):,} documents; at most {nw.settings.server.max_documents:,} "
                "per request (server.max_documents)",
            )
        docs = []
        for i, d in enumerate(body.documents):
            record = {k: v for k, v in d.model_dump().items() if v is not None and k != "source"}
            docs.append(record_to_doc(record, FieldMap(), d.source or f"api:{i}", "jsonl"))
        return report_dict(nw.ingest_docs(docs))

    @app.post("/api/ingest/files", tags=["ingest"])
    async def ingest_files(
        nw: Service, files: Annotated[list[UploadFile], File(description="Files.")]
    ) -> dict[str, Any]:
        """Add uploaded files (text, HTML, JSONL, CSV, RSS/Atom, WARC: the format is sniffed)."""
        items: list[Input | Problem] = []
        for upload in files:
            data = await upload.read(settings.limits.max_file_bytes + 1)
            name = f"upload:{upload.filename or 'file'}"
            if len(data) > nw.settings.limits.max_file_bytes:
                items.append(Problem(name, "read", "larger than limits.max_file_bytes"))
            else:
                items.append(Input(source=name, data=data))
        return report_dict(nw.ingest_inputs(items))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        return _error(request, str(exc.detail), exc.status_code)

    from newsweave.server.ui import STATIC, router

    app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


def _error(request: Request, message: str, status: int) -> Response:
    """JSON for the API; a small page, escaped, for a person following a link in the UI."""
    if request.url.path.startswith("/api"):
        return JSONResponse({"error": message}, status_code=status)
    page = f"<!doctype html><title>{status}</title><h1>{status}</h1><p>{html.escape(message)}</p>"
    return HTMLResponse(page + "<p><a href='/'>home</a></p>", status_code=status)


def _entity_id(nw: NewsWeave, name_or_id: str | None) -> str | None:
    return nw.entity(name_or_id).id if name_or_id else None
