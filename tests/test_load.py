"""Load: 50 concurrent clients on loopback, for a bounded time, mixing page loads, searches and ingests.

A real uvicorn server in a thread and real HTTP clients. Zero errors allowed, and every article an
ingest reported as added must be in the store afterwards (no lost writes). The latency percentiles are
printed, for the log; they are not asserted (timings are for the benchmark, never for a test).
"""

from __future__ import annotations

import json
import random
import socket
import statistics
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("uvicorn")
import httpx
import uvicorn

from newsweave.config import load_settings
from newsweave.server.api import create_app

ROOT = Path(__file__).resolve().parent.parent
CLIENTS = 50
SECONDS = 12.0
TOKEN = "load-token"
WORDS = [
    "council",
    "budget",
    "roads",
    "schools",
    "mayor",
    "debate",
    "approved",
    "plan",
    "money",
    "bridge",
    "harbour",
    "tram",
]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    settings = load_settings(
        overrides={"db": str(tmp_path_factory.mktemp("load") / "l.db"), "server": {"write_token": TOKEN}}, environ={}
    )
    app = create_app(settings)
    app.state.newsweave.ingest([str(ROOT / "examples" / "seeds")])
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


def _document(rng: random.Random, n: int) -> dict[str, str]:
    words = " ".join(rng.choice(WORDS) for _ in range(60))
    return {
        "text": f"Load test report number {n} from the city of Testville{n}. The {words}. "
        f"The mayor of Testville{n} said the vote was close.",
        "title": f"Report {n}",
        "language": "en",
        "published": f"2025-0{1 + n % 9}-1{n % 10}",
    }


def test_fifty_clients_no_errors_no_lost_writes(base_url: str) -> None:
    with httpx.Client(base_url=base_url, timeout=60) as probe:
        articles = [a["id"] for a in probe.get("/api/articles").json()["items"]]
        stories = [s["id"] for s in probe.get("/api/stories").json()["items"]]
        entities = [e["id"] for e in probe.get("/api/entities", params={"limit": 20}).json()["items"]]
    reads = ["/", "/api/articles", "/api/stories", "/api/sources"]
    reads += [f"/articles/{a}" for a in articles] + [f"/api/articles/{a}" for a in articles]
    reads += [f"/stories/{s}" for s in stories] + [f"/entities/{e}" for e in entities[:10]]
    searches = ["Dmitriev", "Witkoff", "Putin", "Riad", "sankcje", "council", "Trump Putin", "Testville"]
    latencies: dict[str, list[float]] = {"read": [], "search": [], "ingest": []}
    errors: list[str] = []
    added: list[str] = []
    lock = threading.Lock()
    deadline = time.monotonic() + SECONDS
    counter = iter(range(1_000_000))

    def client(index: int) -> None:
        rng = random.Random(index)
        with httpx.Client(base_url=base_url, timeout=60, headers={"Authorization": f"Bearer {TOKEN}"}) as http:
            while time.monotonic() < deadline:
                roll = rng.random()
                try:
                    started = time.perf_counter()
                    if roll < 0.08:
                        kind = "ingest"
                        with lock:
                            n = next(counter)
                        response = http.post("/api/ingest", json={"documents": [_document(rng, n)]})
                    elif roll < 0.4:
                        kind = "search"
                        page = rng.random() < 0.5
                        params = {"q": rng.choice(searches), "mode": rng.choice(["keyword", "semantic", "hybrid"])}
                        response = http.get("/search" if page else "/api/search", params=params)
                    else:
                        kind = "read"
                        response = http.get(rng.choice(reads))
                    elapsed = time.perf_counter() - started
                except httpx.HTTPError as exc:
                    with lock:
                        errors.append(f"{type(exc).__name__}: {exc}")
                    continue
                with lock:
                    latencies[kind].append(elapsed)
                    if response.status_code != 200:
                        errors.append(f"{response.request.url}: {response.status_code} {response.text[:200]}")
                    elif kind == "ingest":
                        report = response.json()
                        if report["problems"]:
                            errors.append(f"ingest problems: {report['problems']}")
                        added.extend(report["added"])

    threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    summary = {
        kind: {
            "requests": len(times),
            "p50_ms": round(1000 * statistics.median(times), 1) if times else None,
            "p99_ms": round(1000 * sorted(times)[int(0.99 * (len(times) - 1))], 1) if times else None,
        }
        for kind, times in latencies.items()
    }
    print("load:", json.dumps(summary))
    assert errors == [], errors[:5]
    assert all(summary[k]["requests"] for k in summary)  # the mix really mixed
    with httpx.Client(base_url=base_url, timeout=60) as probe:
        stored = probe.get("/api/articles", params={"duplicates": True, "limit": 1}).json()["total"]
        assert stored == len(articles) + len(set(added))  # every write that was acknowledged is there
        for article_id in added[:: max(1, len(added) // 20)]:
            assert probe.get(f"/api/articles/{article_id}").status_code == 200
