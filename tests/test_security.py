"""The server lets in only who it should: write and read tokens, body limits, CORS, headers, escaping."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient

from newsweave.config import load_settings
from newsweave.model import Entity
from newsweave.server.api import create_app

WRITE, READ = "w-secret", "r-secret"
DOC = {"text": "The council of Springfield approved the new budget on Monday after a long debate.", "language": "en"}
HOSTILE_TEXT = (
    'Officials met in Riyadh on Monday. <a href="javascript:alert(1)">read more</a> '
    "<svg onload=alert(2)></svg> <img src=x onerror=alert(3)> <script>alert(4)</script> "
    "Kirill Dmitriev said the talks were useful."
)
HOSTILE_NAMES = ["<script>alert(5)</script>", "javascript:alert(6)", '"><img src=x onerror=alert(7)>']


def _client(tmp_path: Path, **server: Any) -> TestClient:
    tmp_path.mkdir(exist_ok=True)
    settings = load_settings(overrides={"db": str(tmp_path / "s.db"), "server": server}, environ={})
    return TestClient(create_app(settings))


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _basic(token: str) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"anyone:{token}".encode()).decode()}


def test_writes_are_refused_without_a_configured_token(tmp_path: Path) -> None:
    client = _client(tmp_path)
    response = client.post("/api/ingest", json={"documents": [DOC]}, headers=_bearer("guess"))
    assert response.status_code == 403 and "server.write_token" in response.json()["error"]
    assert client.get("/api/articles").json()["total"] == 0
    assert client.get("/api/articles").status_code == 200  # reads are public by default


def test_write_token(tmp_path: Path) -> None:
    client = _client(tmp_path, write_token=WRITE)
    for headers in ({}, _bearer("wrong"), _bearer(WRITE[:-1]), {"Authorization": "Token " + WRITE}):
        response = client.post("/api/ingest", json={"documents": [DOC]}, headers=headers)
        assert response.status_code == 401 and response.headers["www-authenticate"].startswith("Bearer")
    files = [("files", ("a.txt", b"The mayor of Springfield opened the new bridge on Friday.", "text/plain"))]
    assert client.post("/api/ingest/files", files=files).status_code == 401
    assert client.get("/api/articles").json()["total"] == 0  # nothing got in
    assert len(client.post("/api/ingest", json={"documents": [DOC]}, headers=_bearer(WRITE)).json()["added"]) == 1
    assert len(client.post("/api/ingest/files", files=files, headers=_basic(WRITE)).json()["added"]) == 1


def test_private_reads(tmp_path: Path) -> None:
    client = _client(tmp_path, write_token=WRITE, read_token=READ)
    for url in ("/api/articles", "/openapi.json", "/api/search?q=x"):
        response = client.get(url)
        assert response.status_code == 401 and response.json()["error"], url
    page = client.get("/")
    assert page.status_code == 401 and page.headers["www-authenticate"].startswith("Basic")  # the browser asks
    assert client.get("/api/articles", headers=_bearer("nope")).status_code == 401
    assert client.get("/api/articles", headers=_bearer(READ)).status_code == 200
    assert client.get("/", headers=_basic(READ)).status_code == 200
    assert client.get("/api/articles", headers=_bearer(WRITE)).status_code == 200  # the writer may read
    response = client.post("/api/ingest", json={"documents": [DOC]}, headers=_bearer(READ))
    assert response.status_code == 401  # a reader may not write
    assert client.get("/healthz").json()["ok"] and client.get("/static/style.css").status_code == 200


def test_request_size_limits(tmp_path: Path) -> None:
    client = _client(tmp_path, write_token=WRITE, max_request_bytes=2_000, max_documents=3)
    big = {"documents": [{"text": "word " * 1_000}]}
    response = client.post("/api/ingest", json=big, headers=_bearer(WRITE))
    assert response.status_code == 413 and "server.max_request_bytes" in response.json()["error"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: the body is counted as it arrives
        yield b'{"documents": [{"text": "'
        for _ in range(100):
            yield b"x" * 100
        yield b'"}]}'

    headers = {**_bearer(WRITE), "Content-Type": "application/json"}
    assert client.post("/api/ingest", content=chunks(), headers=headers).status_code == 413
    many = {"documents": [DOC] * 4}
    response = client.post("/api/ingest", json=many, headers=_bearer(WRITE))
    assert response.status_code == 413 and "server.max_documents" in response.json()["error"]
    assert client.get("/api/articles").json()["total"] == 0


def test_cors_off_by_default_and_only_for_listed_origins(tmp_path: Path) -> None:
    origin = {"Origin": "https://evil.example"}
    assert "access-control-allow-origin" not in _client(tmp_path / "a").get("/api/articles", headers=origin).headers
    client = _client(tmp_path / "b", cors_origins=["https://newsroom.example"])
    assert "access-control-allow-origin" not in client.get("/api/articles", headers=origin).headers
    allowed = client.get("/api/articles", headers={"Origin": "https://newsroom.example"})
    assert allowed.headers["access-control-allow-origin"] == "https://newsroom.example"


@pytest.fixture
def hostile(tmp_path: Path) -> TestClient:
    client = _client(tmp_path, write_token=WRITE)
    body = {"documents": [{**DOC, "text": HOSTILE_TEXT, "title": HOSTILE_NAMES[2], "outlet": HOSTILE_NAMES[0]}]}
    assert len(client.post("/api/ingest", json=body, headers=_bearer(WRITE)).json()["added"]) == 1
    store = client.app.state.newsweave.store  # type: ignore[attr-defined]
    with store.transaction():
        for i, name in enumerate(HOSTILE_NAMES):
            store.put_entity(Entity(f"hostile{i}", "PER", name, name.lower(), forms={"en": {name: 1}}, mentions=1))
    return client


def test_security_headers_everywhere(hostile: TestClient) -> None:
    for url in ("/", "/api/articles", "/entities/hostile0", "/api/stories/none", "/no/such/page"):
        headers = hostile.get(url).headers
        assert headers["x-content-type-options"] == "nosniff" and headers["x-frame-options"] == "DENY", url
        assert "script-src 'none'" in headers["content-security-policy"], url
        assert headers["referrer-policy"] == "no-referrer", url


def test_api_docs_load_nothing_from_elsewhere(tmp_path: Path) -> None:
    """Swagger UI and ReDoc come from this server: FastAPI's defaults loaded them from a CDN, a blank
    page on an air-gapped machine. Their scripts are open (like the UI's style sheet) when reads need
    a token."""
    import re

    client = _client(tmp_path, read_token=READ)
    for page in ("/docs", "/redoc"):
        response = client.get(page, headers=_bearer(READ))
        assert response.status_code == 200, page
        assert not re.findall(r"(?:src|href)=[\"']?(?:https?:)?//", response.text), page
        policy = response.headers["content-security-policy"]
        assert "http" not in policy and "script-src 'self' 'unsafe-inline'" in policy, page
        assets = re.findall(r"(?:src|href)=[\"']?(/static/docs/[\w.-]+)", response.text)
        assert assets, page
        for asset in assets:
            fetched = client.get(asset)  # no token: a static file
            assert fetched.status_code == 200 and len(fetched.content) > 1_000, asset
    assert client.get("/docs").status_code == 401  # the page itself is read like any other


class _Tags(HTMLParser):
    """What a browser would run: script elements, event attributes, javascript: links."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "iframe", "object", "embed"):
            self.found.append(tag)
        for name, value in attrs:
            url = name in ("href", "src", "action", "formaction", "xlink:href")
            if name.startswith("on") or (url and (value or "").strip().lower().startswith("javascript:")):
                self.found.append(f"{tag} {name}={value}")


def _active_content(html: str) -> list[str]:
    parser = _Tags()
    parser.feed(html)
    return parser.found


def test_hostile_text_and_names_are_escaped(hostile: TestClient) -> None:
    article_id = hostile.get("/api/articles").json()["items"][0]["id"]
    pages = [f"/articles/{article_id}", "/", "/search?q=Riyadh", "/search?q=script"]
    pages += [f"/entities/hostile{i}" for i in range(len(HOSTILE_NAMES))]
    pages += [f"/search?q={name}" for name in HOSTILE_NAMES]
    for url in pages:
        response = hostile.get(url)
        assert response.status_code in (200, 404), url
        assert _active_content(response.text) == [], url
    assert "&lt;script&gt;alert(5)" in hostile.get("/entities/hostile0").text


def test_hostile_queries_are_data_not_sql(hostile: TestClient) -> None:
    for q in ["' OR 1=1 --", '"unbalanced', "NEAR(a b", "a* OR b:c", "x'); DROP TABLE articles; --", "\x00", "^*"]:
        for mode in ("keyword", "hybrid"):
            response = hostile.get("/api/search", params={"q": q, "mode": mode})
            assert response.status_code in (200, 400), (q, response.text)
        assert hostile.get("/api/entities", params={"name": q}).status_code == 200
        assert hostile.get("/api/articles", params={"outlet": q}).status_code == 200
    assert hostile.get("/api/articles").json()["total"] == 1
