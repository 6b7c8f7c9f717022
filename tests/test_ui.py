"""The web UI over the sample corpus: every page renders, links to its JSON twin, and escapes article text."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsweave.config import load_settings
from newsweave.server.api import create_app

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "examples" / "seeds"
TOKEN = "test-write-token"
HOSTILE = (
    "Breaking: <script>alert('x')</script> Kirill Dmitriev met <b>officials</b> in Riyadh on Monday, "
    "said the Kremlin spokesman Dmitri Peskov. <img src=x onerror=alert(1)>"
)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    settings = load_settings(
        overrides={"db": str(tmp_path_factory.mktemp("ui") / "ui.db"), "server": {"write_token": TOKEN}}, environ={}
    )
    client = TestClient(create_app(settings), headers={"Authorization": f"Bearer {TOKEN}"})
    client.app.state.newsweave.ingest([str(SEEDS)])  # type: ignore[attr-defined]
    body = {
        "documents": [
            {"text": HOSTILE, "title": "<script>alert(1)</script> title", "language": "en", "published": "2025-12-01"}
        ]
    }
    assert client.post("/api/ingest", json=body).json()["added"]
    return client


def _links(html: str, prefix: str) -> list[str]:
    return re.findall(rf'href="({re.escape(prefix)}[^"]+)"', html)


def test_click_from_home_to_story_to_entity_to_article(client: TestClient) -> None:
    home = client.get("/")
    assert home.status_code == 200 and 'href="/api/stories"' in home.text
    story_url = _links(home.text, "/stories/")[0]
    story = client.get(story_url)
    assert story.status_code == 200 and f'href="/api{story_url}"' in story.text
    entity_url = _links(story.text, "/entities/")[0]
    entity = client.get(entity_url)
    assert entity.status_code == 200 and "<svg" in entity.text
    article_url = _links(story.text, "/articles/")[0]
    article = client.get(article_url)
    assert article.status_code == 200 and 'class="mention' in article.text
    storyline = client.get(_links(home.text, "/storylines/")[0])
    assert storyline.status_code == 200


def test_no_page_shows_raw_html_from_an_article(client: TestClient) -> None:
    hostile = [a for a in client.get("/api/articles").json()["items"] if a["title"] and "script" in a["title"]]
    assert hostile
    pages = [f"/articles/{hostile[0]['id']}", "/search?q=Riyadh&mode=keyword", "/"]
    story_id = client.get(f"/api/articles/{hostile[0]['id']}").json()["id"]
    for url in pages:
        html = client.get(url).text
        assert "<script>alert" not in html and "<img src=x" not in html and "<b>officials</b>" not in html, url
    assert "&lt;script&gt;" in client.get(f"/articles/{story_id}").text


def test_search_page_highlights(client: TestClient) -> None:
    page = client.get("/search", params={"q": "Dmitriev", "mode": "keyword"})
    assert page.status_code == 200 and "<mark>" in page.text and _links(page.text, "/articles/")


def test_missing_things_are_pages_not_tracebacks(client: TestClient) -> None:
    page = client.get("/stories/nosuchstory")
    assert page.status_code == 404 and "<h1>404</h1>" in page.text
    assert client.get("/api/stories/nosuchstory").json()["error"]


def test_bench_pages_times_every_kind_of_page(seeded: Path) -> None:
    from typer.testing import CliRunner

    from newsweave.cli import app

    result = CliRunner().invoke(app, ["--db", str(seeded), "bench-pages", "--json"])
    data = json.loads(result.stdout)
    assert result.exit_code == 0 and not any(k.endswith("_status") for k in data), data
    for kind in ("home", "story", "article", "search", "api_articles", "entity"):
        assert data[f"page_{kind}_max_ms"] >= data[f"page_{kind}_median_ms"] > 0
