"""Story clustering quality: B-cubed and pairwise precision/recall/F1 against gold clusters.

Gold is JSONL, one document per line: ``{"id", "lang", "date", "title", "text", "cluster"}`` (``topic``
is read when there is no ``cluster``, so SlavicNER's topics serve as storyline-level gold). The gold
documents go through the whole pipeline into an in-memory store, in stream order (by date, then id),
exactly as an ingest would; the baseline a user would try first, HDBSCAN over the same embeddings,
runs on the vectors that ingest stored.
"""

from __future__ import annotations

import gzip
import json
import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from newsweave.config import FieldMap, Settings
from newsweave.embedding.base import configured
from newsweave.errors import InputError
from newsweave.model import Article
from newsweave.readers.records import record_to_doc
from newsweave.service import NewsWeave
from newsweave.steps.stories import StoryIndex
from newsweave.steps.story_model import StoryModel
from newsweave.steps.story_split import after_run
from newsweave.store import ArticleQuery, open_store


def read_gold(path: Path, limit: int | None = None, seed: int = 13) -> list[dict[str, Any]]:
    """Gold documents with a cluster label; a ``limit`` draws a seeded sample, the same every run. A
    folder stands for all its .jsonl(.gz) files together (each file's labels kept apart by its name)."""
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.name.endswith((".jsonl", ".jsonl.gz")))
        if not files:
            raise InputError(f"{path}: no .jsonl or .jsonl.gz gold files in this folder")
        docs = []
        for file in files:
            for record in read_gold(file):
                record["cluster"] = f"{file.name}:{record['cluster']}"
                record["storyline"] = f"{file.name}:{record['storyline']}"
                docs.append(record)
    else:
        docs = _read_gold_file(path)
    if limit is not None and limit < len(docs):
        docs = random.Random(seed).sample(docs, limit)
    return docs


def _read_gold_file(path: Path) -> list[dict[str, Any]]:
    opener: Any = gzip.open if path.suffix == ".gz" else open
    docs: list[dict[str, Any]] = []
    with opener(path, "rt", encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except ValueError as exc:
                raise InputError(f"{path}:{number}: invalid JSON: {exc}") from exc
            label = record.get("cluster", record.get("topic"))
            if label is None or not record.get("text") or not record.get("id"):
                raise InputError(f"{path}:{number}: a gold document needs id, text and cluster (or topic)")
            record["cluster"] = str(label)
            record["storyline"] = str(record.get("storyline", label))
            docs.append(record)
    return docs


def bcubed(gold: dict[str, str], pred: dict[str, str]) -> dict[str, float]:
    """B-cubed (Bagga & Baldwin, 1998) over the items both sides hold."""
    items = sorted(set(gold) & set(pred))
    pairs = Counter((gold[i], pred[i]) for i in items)
    gold_size = Counter(gold[i] for i in items)
    pred_size = Counter(pred[i] for i in items)
    p = sum(n * n / pred_size[c] for (_, c), n in pairs.items()) / len(items) if items else 0.0
    r = sum(n * n / gold_size[g] for (g, _), n in pairs.items()) / len(items) if items else 0.0
    return _prf(p, r)


def pairwise(gold: dict[str, str], pred: dict[str, str]) -> dict[str, float]:
    """Precision and recall of "these two are in the same cluster" over all pairs of items."""
    items = sorted(set(gold) & set(pred))

    def links(counts: Counter[Any]) -> int:
        return sum(n * (n - 1) // 2 for n in counts.values())

    both = links(Counter((gold[i], pred[i]) for i in items))
    in_pred, in_gold = links(Counter(pred[i] for i in items)), links(Counter(gold[i] for i in items))
    return _prf(both / in_pred if in_pred else 1.0, both / in_gold if in_gold else 1.0)


def _prf(p: float, r: float) -> dict[str, float]:
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


@dataclass
class Ingested:
    """Gold documents as newsweave stored them."""

    service: NewsWeave
    article_of: dict[str, str]  # gold id -> article id
    gold: dict[str, str]  # gold id -> cluster
    lines: dict[str, str] = field(default_factory=dict)  # gold id -> storyline
    problems: list[str] = field(default_factory=list)


def ingest(docs: list[dict[str, Any]], settings: Settings) -> Ingested:
    """Run the gold documents through the pipeline in stream order (date, then id)."""
    settings = settings.model_copy(update={"db": ":memory:"})
    service = NewsWeave(settings, store=open_store(":memory:"))
    fields = FieldMap()
    ordered = sorted(docs, key=lambda d: (str(d.get("date") or "9999"), str(d["id"])))
    out = Ingested(service, {}, {})
    for record in ordered:
        body = {k: v for k, v in record.items() if k not in ("cluster", "storyline", "entities", "topic")}
        doc = record_to_doc(body, fields, str(record["id"]), "jsonl")
        report = service.ingest_docs([doc])
        added = report.added or [a for _, a in report.exact_duplicates]
        if added:
            out.article_of[str(record["id"])] = added[0]
            out.gold[str(record["id"])] = record["cluster"]
            out.lines[str(record["id"])] = record.get("storyline", record["cluster"])
        out.problems.extend(f"{p.source}: {p.reason}" for p in report.problems)
    return out


def stream(service: NewsWeave) -> Iterator[Article]:
    """Stored articles (copies included) in stream order, with their embeddings attached."""
    articles = sorted(
        service.articles(ArticleQuery(include_duplicates=True, limit=10**9)),
        key=lambda a: ((a.published.value[:10] if a.published else "9999"), a.id),
    )
    vectors = service.store.embeddings([a.id for a in articles], configured(service.settings))
    for article in articles:
        article.embedding = vectors.get(article.id)
        yield article


def recluster(service: NewsWeave, model: StoryModel) -> tuple[dict[str, str], dict[str, str]]:
    """Cluster the stored articles again with ``model``, one article per run as ``ingest`` did:
    (article -> story, article -> storyline)."""
    store = service.store
    store.clear_stories()
    index = StoryIndex(store, model)
    name = configured(service.settings)
    for article in stream(service):
        index.assign(article)
        after_run(index, name)
    story_of = store.story_assignments()
    line_of_story = {s.id: s.storyline_id or s.id for s in index.stories.values()}
    return story_of, {a: line_of_story.get(s, s) for a, s in story_of.items()}


def hdbscan_labels(vectors: np.ndarray, min_cluster_size: int = 2) -> list[int]:
    """HDBSCAN (scikit-learn) on unit vectors; its noise points become singletons."""
    from sklearn.cluster import HDBSCAN

    if len(vectors) < 3:
        return list(range(len(vectors)))
    labels = HDBSCAN(min_cluster_size=min_cluster_size, metric="euclidean", copy=True).fit_predict(vectors)
    top = int(labels.max()) + 1
    out: list[int] = []
    for label in labels:
        if label < 0:
            out.append(top)
            top += 1
        else:
            out.append(int(label))
    return out


def evaluate(
    docs: list[dict[str, Any]], settings: Settings, model: StoryModel | None = None, baseline: bool = True
) -> dict[str, Any]:
    run = ingest(docs, settings)
    model = model or StoryModel.load(Path(settings.stories_model) if settings.stories_model else None)
    story_of, line_of = recluster(run.service, model)
    gold = run.gold
    pred_story = {g: story_of[a] for g, a in run.article_of.items() if a in story_of}
    pred_line = {g: line_of[a] for g, a in run.article_of.items() if a in line_of}
    report: dict[str, Any] = {
        "documents": len(gold),
        "gold_clusters": len(set(gold.values())),
        "stories": len(set(pred_story.values())),
        "storylines": len(set(pred_line.values())),
        "stories_bcubed": bcubed(gold, pred_story),
        "stories_pairwise": pairwise(gold, pred_story),
        "gold_storylines": len(set(run.lines.values())),
        "storylines_bcubed": bcubed(run.lines, pred_line),
        "storylines_pairwise": pairwise(run.lines, pred_line),
        "problems": run.problems,
    }
    if baseline:
        ids = sorted(run.article_of)
        vectors = run.service.store.embeddings([run.article_of[g] for g in ids], configured(settings))
        rows = [g for g in ids if run.article_of[g] in vectors]
        if rows:
            matrix = np.stack([np.frombuffer(vectors[run.article_of[g]], dtype=np.float32) for g in rows])
            labels = hdbscan_labels(matrix)
            pred = {g: str(label) for g, label in zip(rows, labels, strict=True)}
            report["baseline_hdbscan"] = {"bcubed": bcubed(gold, pred), "pairwise": pairwise(gold, pred)}
    run.service.close()
    return report
