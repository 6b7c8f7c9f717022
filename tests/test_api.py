"""The REST API over a store with the sample corpus: every route, pagination, errors as JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsweave.config import load_settings
from newsweave.server.api import create_app

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "examples" / "seeds"
TOKEN = "test-write-token"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    settings = load_settings(
        overrides={"db": str(tmp_path_factory.mktemp("api") / "api.db"), "server": {"write_token": TOKEN}}, environ={}
    )
    client = TestClient(create_app(settings), headers={"Authorization": f"Bearer {TOKEN}"})
    for path in sorted(SEEDS.iterdir()):
        with path.open("rb") as fh:
            response = client.post("/api/ingest/files", files=[("files", (path.name, fh, "text/plain"))])
        assert response.status_code == 200, response.text
    return client


def test_articles_page_and_count(client: TestClient) -> None:
    first = client.get("/api/articles", params={"limit": 2}).json()
    second = client.get("/api/articles", params={"limit": 2, "offset": 2}).json()
    assert first["total"] == 5 and len(first["items"]) == 2
    assert not {a["id"] for a in first["items"]} & {a["id"] for a in second["items"]}
    one = client.get(f"/api/articles/{first['items'][0]['id'][:8]}").json()
    assert one["text"] and one["mentions"] and "embedding" not in one


def test_entities_timeline_events_quotes(client: TestClient) -> None:
    people = client.get("/api/entities", params={"label": "PER"}).json()["items"]
    assert any(p["name"] == "Kirill Dmitriev" for p in people)
    view = client.get("/api/entities/Dmitrijevs").json()
    assert view["name"] == "Kirill Dmitriev"
    assert client.get("/api/entities/Dmitriev/timeline").json()["lines"]
    assert client.get("/api/events", params={"entity": "Dmitriev"}).json()["items"]
    assert client.get("/api/quotes", params={"entity": "Peskov"}).status_code == 200
    assert client.get("/api/sources").json()["items"]


def test_stories_and_search(client: TestClient) -> None:
    stories = client.get("/api/stories").json()["items"]
    assert stories
    story = client.get(f"/api/stories/{stories[0]['id']}").json()
    assert story["summary"]
    line = client.get(f"/api/storylines/{stories[0]['storyline_id']}").json()
    assert line["stories"]
    found = client.get("/api/search", params={"q": "Dmitriev", "mode": "keyword", "lang": "lv"}).json()
    assert found["results"] and all(r["language"] == "lv" for r in found["results"])


def test_ingest_json_and_what_it_reports(client: TestClient) -> None:
    body = {
        "documents": [
            {
                "text": "Negocierile de la Miami s-au încheiat fără acord, a declarat Dmitri Peskov.",
                "title": "Miami",
                "published": "2025-12-24",
                "language": "ro",
            }
        ]
    }
    report = client.post("/api/ingest", json=body).json()
    assert len(report["added"]) == 1 and report["ok"]
    again = client.post("/api/ingest", json=body).json()
    assert not again["added"]


@pytest.mark.parametrize(
    ("method", "url", "kwargs", "status"),
    [
        ("get", "/api/articles/doesnotexist", {}, 404),
        ("get", "/api/entities/Nobody%20Atall", {}, 404),
        ("get", "/api/stories/nosuchstory", {}, 404),
        ("get", "/api/articles", {"params": {"since": "yesterday"}}, 422),
        ("get", "/api/articles", {"params": {"limit": 0}}, 422),
        ("get", "/api/search", {}, 422),
        ("post", "/api/ingest", {"json": {"documents": []}}, 422),
        ("post", "/api/ingest", {"content": b"not json", "headers": {"content-type": "application/json"}}, 422),
    ],
)
def test_errors_are_json_with_the_right_status(
    client: TestClient, method: str, url: str, kwargs: dict, status: int
) -> None:
    response = getattr(client, method)(url, **kwargs)
    assert response.status_code == status
    assert json.loads(response.text)["error"]


def test_a_bad_upload_is_reported_not_fatal(client: TestClient) -> None:
    report = client.post("/api/ingest/files", files=[("files", ("empty.txt", b"", "text/plain"))]).json()
    assert report["problems"] and "empty" in report["problems"][0]["reason"]


def test_openapi_lists_every_route(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in (
        "/api/articles",
        "/api/entities/{name_or_id}",
        "/api/stories/{story_id}",
        "/api/search",
        "/api/ingest",
    ):
        assert path in paths
