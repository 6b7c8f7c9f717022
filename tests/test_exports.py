"""Reports (one self-contained HTML file) and exports (JSON, CSV, GraphML) of the sample corpus."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsweave.cli import app

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "examples" / "seeds"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("x") / "x.db")
    assert CliRunner().invoke(app, ["--db", path, "ingest", str(SEEDS)]).exit_code == 0
    return path


def test_reports_are_self_contained(db: str, tmp_path: Path) -> None:
    runner = CliRunner()
    story = json.loads(runner.invoke(app, ["--db", db, "stories", "--json"]).stdout)[0]["id"]
    for args in (["--story", story], ["--entity", "Dmitriev"], ["--query", "secret talks"]):
        out = tmp_path / "r.html"
        result = runner.invoke(app, ["--db", db, "report", "--out", str(out), *args])
        assert result.exit_code == 0, result.output
        page = out.read_text(encoding="utf-8")
        assert page.startswith("<!doctype html>") and page.count("<svg") == 2
        assert "src=" not in page and 'href="http' not in page and "<script" not in page  # nothing loaded
    assert runner.invoke(app, ["--db", db, "report", "--out", str(tmp_path / "x.html")]).exit_code == 2
    assert (
        runner.invoke(app, ["--db", db, "report", "--story", "nosuch", "--out", str(tmp_path / "x.html")]).exit_code
        == 1
    )


def test_exports(db: str, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "a.json"
    assert runner.invoke(app, ["--db", db, "export", "articles", "--out", str(out)]).exit_code == 0
    articles = json.loads(out.read_text(encoding="utf-8"))
    assert len(articles) == 5 and all(a["text"] and a["story_id"] for a in articles)
    out = tmp_path / "e.csv"
    assert runner.invoke(app, ["--db", db, "export", "entities", "--format", "csv", "--out", str(out)]).exit_code == 0
    entities = list(csv.DictReader(out.open(encoding="utf-8")))
    assert any(e["name"] == "Kirill Dmitriev" and "lv" in e["languages"] for e in entities)
    out = tmp_path / "g.graphml"
    assert runner.invoke(app, ["--db", db, "export", "graph", "--format", "graphml", "--out", str(out)]).exit_code == 0
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ET.parse(out).getroot()
    nodes = {n.get("id") for n in root.iterfind(".//g:node", ns)}
    edges = list(root.iterfind(".//g:edge", ns))
    assert edges and all(e.get("source") in nodes and e.get("target") in nodes for e in edges)
    assert runner.invoke(app, ["--db", db, "export", "graph", "--format", "csv", "--out", str(out)]).exit_code == 2
