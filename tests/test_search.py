"""Search: keyword across case, diacritics, transliteration and inflection; cross-lingual semantic; filters."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsweave.cli import app
from newsweave.config import load_settings
from newsweave.search import keys_of, query_keys, snippet
from newsweave.service import NewsWeave
from newsweave.store import ArticleQuery

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "examples" / "seeds"
DEV = ROOT / "tests" / "gold" / "stories" / "dev.jsonl"


@pytest.fixture(scope="module")
def nw(tmp_path_factory: pytest.TempPathFactory) -> NewsWeave:
    service = NewsWeave(load_settings(overrides={"db": str(tmp_path_factory.mktemp("s") / "s.db")}, environ={}))
    service.ingest([str(SEEDS), str(DEV)])
    return service


def test_keys_make_spellings_and_scripts_meet() -> None:
    assert keys_of("Дмитриев") == keys_of("Dmitriev") == keys_of("Dmitrijew")
    assert query_keys("Dmitriev!") == ["dmitrev"]
    assert query_keys("  ...  ") == []


def test_inflected_names_are_found_from_the_base_form(nw: NewsWeave) -> None:
    view = nw.search("Dmitriev", ArticleQuery(limit=20), "keyword")
    languages = {r["language"] for r in view["results"]}
    assert {"lv", "de", "ro"} <= languages  # Dmitrijevs, Dmitrijew(s), Dmitriev
    for r in view["results"]:
        article = nw.article(r["id"])
        start = r["snippet_start"]
        assert article.text[start : start + len(r["snippet"])] == r["snippet"]
        for s, e in r["highlights"]:
            assert r["snippet"][s:e].lower().startswith("dmitri")


def test_case_and_diacritics_do_not_matter(nw: NewsWeave) -> None:
    def by_words(query: str) -> set[str]:
        results = nw.search(query, ArticleQuery(limit=20), "keyword")["results"]
        return {r["id"] for r in results if "keyword" in r["matched_by"]}

    assert len(by_words("Galați")) >= 4  # ro, fr, de, en
    assert by_words("GALATI") == by_words("Galați") == by_words("galati")


def test_an_entity_is_found_under_its_other_names(nw: NewsWeave) -> None:
    view = nw.search("Russia", ArticleQuery(limit=50), "keyword")
    assert view["entities"] and view["entities"][0]["name"]
    assert {"lv", "pl"} <= {r["language"] for r in view["results"] if "entity" in r["matched_by"]}


def test_semantic_search_crosses_languages(nw: NewsWeave) -> None:
    results = nw.search("floods in Portugal, people evacuated", ArticleQuery(limit=6), "semantic")["results"]
    porto = [r for r in results if r["title"] and ("Porto" in r["title"] or "Oporto" in r["title"])]
    assert len({r["language"] for r in porto}) >= 2
    assert results[0]["title"] and "Porto" in results[0]["title"]


def test_filters_apply_to_every_mode(nw: NewsWeave) -> None:
    for mode in ("keyword", "semantic", "hybrid"):
        only_pl = nw.search("Putin", ArticleQuery(limit=20, language="pl"), mode)["results"]  # type: ignore[arg-type]
        assert only_pl and all(r["language"] == "pl" for r in only_pl)
    dated = nw.search("Putin", ArticleQuery(limit=20, since="2025-01-01"), "keyword")["results"]
    assert dated and all(r["published"] and r["published"] >= "2025-01-01" for r in dated)
    story = dated[0]["story_id"]
    in_story = nw.search("Putin", ArticleQuery(limit=20, story=story), "hybrid")["results"]
    assert in_story and all(r["story_id"] == story for r in in_story)


def test_pages_do_not_overlap(nw: NewsWeave) -> None:
    first = [r["id"] for r in nw.search("the", ArticleQuery(limit=3), "semantic")["results"]]
    second = [r["id"] for r in nw.search("the", ArticleQuery(limit=3, offset=3), "semantic")["results"]]
    assert len(first) == len(second) == 3 and not set(first) & set(second)


def test_snippet_without_a_match_is_the_opening() -> None:
    text, start, spans = snippet("One two three. " * 40, "nothing")
    assert start == 0 and not spans and len(text) <= 240


def test_search_command(tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(tmp_path / "c.db")
    assert runner.invoke(app, ["--db", db, "ingest", str(SEEDS)]).exit_code == 0
    shown = runner.invoke(app, ["--db", db, "search", "Putin", "--json", "--mode", "keyword", "--entity", "Putin"])
    assert shown.exit_code == 0, shown.output
    assert len(json.loads(shown.stdout)["results"]) >= 4
    assert runner.invoke(app, ["--db", db, "search", "Putin"]).exit_code == 0
    assert runner.invoke(app, ["--db", db, "search", "Putin", "--mode", "fuzzy"]).exit_code == 2


def test_articles_ingested_after_a_search_are_found_without_reloading_every_vector(tmp_path: Path) -> None:
    nw = NewsWeave(load_settings(overrides={"db": str(tmp_path / "g.db")}, environ={}))
    nw.ingest([str(SEEDS)])
    assert nw.search("secret talks", ArticleQuery(limit=3), "semantic")["results"]
    loads = []
    original = nw.store.vectors

    def counted(model: str) -> tuple[list[str], bytes]:
        loads.append(model)
        return original(model)

    nw.store.vectors = counted  # type: ignore[method-assign]
    docs = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines()]
    porto = next(d for d in docs if d["id"] == "d3-en")
    from newsweave.model import RawDoc

    hints = {"title": porto["title"], "published": porto["date"], "published_method": "field"}
    nw.ingest_docs([RawDoc("porto", porto["text"], "text", hints=hints)])
    results = nw.search("floods in Portugal", ArticleQuery(limit=1), "semantic")["results"]
    assert results[0]["title"] == porto["title"]
    assert not loads


def test_a_search_during_an_ingest_sees_committed_articles_only(tmp_path: Path) -> None:
    """A server searches on other threads while one ingests: an article whose transaction is open is
    not found yet (its page could not be shown), and is found once committed, without a reload."""
    import threading

    from newsweave.model import Article, RawDoc

    nw = NewsWeave(load_settings(overrides={"db": str(tmp_path / "t.db")}, environ={}))
    nw.ingest([str(SEEDS)])
    nw.searcher.warm()
    porto = next(json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if '"d3-en"' in line)
    article = nw.pipeline.run_one(RawDoc("porto", porto["text"], "text", hints={"title": porto["title"]}))
    assert isinstance(article, Article)
    loads: list[str] = []
    original = nw.store.vectors
    nw.store.vectors = lambda model: (loads.append(model), original(model))[1]  # type: ignore[method-assign]

    def titles_elsewhere() -> list[str]:
        found: list[list[str]] = []
        query = ArticleQuery(limit=3)
        worker = threading.Thread(
            target=lambda: found.append(
                [r["title"] for r in nw.search("floods in Portugal", query, "semantic")["results"]]
            )
        )
        worker.start()
        worker.join()
        return found[0]

    with nw.store.transaction():
        nw.store.put_article(article)
        nw.store.add_source(article.id, "porto", article.raw_hash)
        nw.searcher.index(article)
        assert porto["title"] not in titles_elsewhere()
    assert titles_elsewhere()[0] == porto["title"] and not loads
