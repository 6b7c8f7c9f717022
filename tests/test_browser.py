"""The web UI in a real headless Chromium (Debian's, driven by Playwright): click from the home page to a
story, to an entity, to an article, and check that each page is drawn (its screenshot is not blank).

Needs /usr/bin/chromium (``.ci/run`` installs it and sets REQUIRE_BROWSER_TESTS=1, so CI fails instead of
skipping when it is missing)."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.ui

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("REQUIRE_BROWSER_TESTS"):
            pytest.fail("headless Chromium is required here but /usr/bin/chromium is missing")
        pytest.skip("no Chromium on this machine (apt install chromium)")
    import uvicorn

    from newsweave.config import load_settings
    from newsweave.server.api import create_app

    settings = load_settings(overrides={"db": str(tmp_path_factory.mktemp("b") / "b.db")}, environ={})
    app = create_app(settings)
    app.state.newsweave.ingest([str(ROOT / "examples" / "seeds")])
    port = _free_port()
    uv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    for _ in range(100):
        if uv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join(timeout=5)


def test_click_through_in_a_real_browser(server: str, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.goto("about:blank")
        blank = len(page.screenshot(type="jpeg", quality=80))
        shots = {}
        page.goto(server + "/")
        shots["home"] = page.screenshot(type="jpeg", quality=80)
        page.click("a.story >> nth=0")
        page.wait_for_url("**/stories/*")
        assert page.locator("h1").inner_text().strip()
        shots["story"] = page.screenshot(type="jpeg", quality=80, full_page=True)
        page.click("a.chip >> nth=0")
        page.wait_for_url("**/entities/*")
        assert page.locator("svg.graph").count() == 1
        shots["entity"] = page.screenshot(type="jpeg", quality=80, full_page=True)
        page.click("p.evidence a >> nth=0")
        page.wait_for_url("**/articles/*")
        assert page.locator("a.mention").count() > 0
        shots["article"] = page.screenshot(type="jpeg", quality=80, full_page=True)
        page.goto(server + "/search?q=Dmitriev&mode=keyword")
        assert page.locator("mark").count() > 0
        shots["search"] = page.screenshot(type="jpeg", quality=80)
        browser.close()
    for name, shot in shots.items():
        (tmp_path / f"{name}.jpg").write_bytes(shot)
        assert len(shot) > 3 * blank, f"{name} page looks blank ({len(shot)} bytes, blank {blank})"


def test_api_docs_draw_offline(server: str) -> None:
    """Swagger UI and ReDoc draw the API with every request to another host refused, as on an
    air-gapped machine: their scripts come from this server."""
    from playwright.sync_api import Route, sync_playwright

    elsewhere: list[str] = []

    def only_here(route: Route) -> None:
        if route.request.url.startswith(server):
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page()
        page.route("**/*", only_here)
        page.goto(server + "/docs")
        page.wait_for_selector(".swagger-ui .opblock", timeout=15_000)
        assert "newsweave" in page.locator(".swagger-ui .info .title").inner_text()
        assert page.locator(".swagger-ui .opblock").count() >= 10  # one block per route
        page.goto(server + "/redoc")
        page.wait_for_selector("redoc h1, [role=navigation], .menu-content", timeout=15_000)
        assert "newsweave" in page.content()
        browser.close()
    assert elsewhere == []
