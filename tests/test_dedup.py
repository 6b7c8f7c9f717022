"""Duplicates: exact copies add only a source, near copies link to the earliest original."""

from __future__ import annotations

import json

from newsweave import ArticleQuery, NewsWeave

BASE = [
    "The European Commission proposed on Tuesday a new package of sanctions against Russia, targeting banks, "
    "energy companies and more than eighty individuals linked to the war in Ukraine.",
    "The package must be approved unanimously by the twenty-seven member states, and Hungary has already "
    "signalled that it wants exemptions for its oil imports through the Druzhba pipeline.",
    "Diplomats expect the talks to last several weeks, with a first discussion planned for the meeting of "
    "ambassadors on Friday in Brussels, according to two officials familiar with the matter.",
]
TEXT = "\n".join(BASE)
COPY = "\n".join([BASE[0], BASE[1], BASE[2] + " The agency contributed to this report."])
OTHER = (
    "Heavy rain caused flooding in several villages in the south of the country on Sunday, and rescue "
    "teams evacuated more than two hundred people from their homes overnight."
)


def _jsonl(*records: dict[str, str]) -> str:
    return "\n".join(json.dumps(r) for r in records)


def test_reingest_adds_nothing(service: NewsWeave, write) -> None:  # type: ignore[no-untyped-def]
    path = write("a.jsonl", _jsonl({"text": TEXT, "url": "https://a.example/1"}, {"text": OTHER}))
    first = service.ingest([str(path)])
    second = service.ingest([str(path)])
    assert len(first.added) == 2 and not second.added and len(second.unchanged) == 2
    assert service.count(ArticleQuery(include_duplicates=True)) == 2


def test_exact_copy_from_another_source_adds_a_source(service: NewsWeave, write) -> None:  # type: ignore[no-untyped-def]
    a = write("a.txt", TEXT)
    b = write("b.jsonl", _jsonl({"text": TEXT.replace("  ", " "), "outlet": "wire"}))
    report = service.ingest([str(a), str(b)])
    assert len(report.added) == 1 and len(report.exact_duplicates) == 1
    art_id = report.added[0]
    assert sorted(service.store.sources_of(art_id)) == sorted([str(a), f"{b}:1"])


def test_near_copy_linked_to_earliest_original(service: NewsWeave, write) -> None:  # type: ignore[no-untyped-def]
    late = write("late.jsonl", _jsonl({"text": COPY, "published": "2024-03-05", "outlet": "Syndicator"}))
    early = write("early.jsonl", _jsonl({"text": TEXT, "published": "2024-03-04", "outlet": "Wire"}))
    r1 = service.ingest([str(late)])
    r2 = service.ingest([str(early)])  # the older original arrives second
    late_id, early_id = r1.added[0], r2.added[0]
    assert service.article(late_id).duplicate_of == early_id
    assert service.article(early_id).duplicate_of is None
    listed = [a.id for a in service.articles()]
    assert listed == [early_id], "copies are hidden from listings by default"
    assert service.store.duplicates_of(early_id) == [late_id]


def test_near_copy_order_independent(service: NewsWeave, write) -> None:  # type: ignore[no-untyped-def]
    early = write("early.jsonl", _jsonl({"text": TEXT, "published": "2024-03-04"}))
    late = write("late.jsonl", _jsonl({"text": COPY, "published": "2024-03-05"}))
    report = service.ingest([str(early), str(late)])
    assert report.near_duplicates and report.near_duplicates[0][1] == report.added[0]
    assert report.near_duplicates[0][2] >= 0.8


def test_different_articles_not_linked(service: NewsWeave, write) -> None:  # type: ignore[no-untyped-def]
    report = service.ingest([str(write("x.jsonl", _jsonl({"text": TEXT}, {"text": OTHER})))])
    assert len(report.added) == 2 and not report.near_duplicates


def test_interrupted_run_leaves_whole_articles_and_resumes(service: NewsWeave, write, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A failure while storing (disk full, a kill) loses only the open batch of articles, here one
    article to a batch; a re-run completes (tests/test_write_batch.py has larger batches)."""
    from tests.test_sample_corpus import SEEDS_DIR

    monkeypatch.setattr(service.settings.commit, "articles", 1)
    calls = {"n": 0}
    real = service.store.add_source

    def failing_add_source(article_id: str, source: str, raw_hash: str) -> bool:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError("disk full")
        return real(article_id, source, raw_hash)

    monkeypatch.setattr(service.store, "add_source", failing_add_source)
    try:
        service.ingest([str(SEEDS_DIR)])
    except OSError:
        pass
    else:
        raise AssertionError("the store failure must stop the run")
    assert service.count(ArticleQuery(include_duplicates=True)) == 2
    assert service.store.integrity_check() == []
    monkeypatch.setattr(service.store, "add_source", real)
    report = service.ingest([str(SEEDS_DIR)])
    assert len(report.added) == 3 and len(report.unchanged) == 2
    assert service.count() == 5
