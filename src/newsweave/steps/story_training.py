"""Learn the story model from gold clusters (``newsweave train stories``).

As Miranda et al. do, the model is trained on the decisions the stream actually faces: the gold
documents are replayed in stream order, each is scored against the candidate stories that exist at
that moment (built from the gold, so one early mistake does not poison the rest), and the pair
(article, its true story) is a positive, every other candidate a negative. Logistic regression on
those pairs gives the weights; the join threshold is then chosen for the best B-cubed F1 when the
learned model clusters the same documents, and the storyline parameters for the best storyline F1
where the gold groups stories into storylines.

Gold written about a handful of events puts each on its own dates, and a model trained on it learns
"different day, different story" and nothing about content. A real stream has many events the same
day, so every gold set is also replayed with its clusters moved onto the same week (offsets inside a
cluster kept): there the text, the entities and the events must decide.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import numpy as np

from newsweave.config import Settings
from newsweave.evaluation.stories import Ingested, bcubed, ingest, recluster, stream
from newsweave.steps.stories import StoryIndex
from newsweave.steps.story_model import FEATURES, StoryModel, fit_logistic

THRESHOLDS = [round(0.05 * i, 2) for i in range(2, 19)]


def oracle_pairs(run: Ingested, model: StoryModel) -> tuple[np.ndarray, np.ndarray]:
    """Features and labels of (article, candidate story) with stories built from the gold."""
    store = run.service.store
    store.clear_stories()
    index = StoryIndex(store, model)
    cluster_of = {run.article_of[g]: c for g, c in run.gold.items()}
    story_of_cluster: dict[str, str] = {}
    xs: list[np.ndarray] = []
    ys: list[float] = []
    for article in stream(run.service):
        cluster = cluster_of.get(article.id)
        if cluster is None or article.duplicate_of:
            continue
        home = story_of_cluster.get(cluster)
        for story_id, x in index.candidate_features(article):
            xs.append(x)
            ys.append(1.0 if story_id == home else 0.0)
        story_of_cluster[cluster] = index.join(article, home, None)
    if not xs:
        return np.zeros((0, len(FEATURES))), np.zeros(0)
    return np.stack(xs), np.array(ys)


def same_week(docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The documents with every cluster moved to start on one day; undated ones unchanged."""
    starts: dict[str, date] = {}
    for doc in docs:
        day = _day(doc)
        if day is not None and (doc["cluster"] not in starts or day < starts[doc["cluster"]]):
            starts[doc["cluster"]] = day
    base = min(starts.values(), default=None)
    out: list[dict[str, Any]] = []
    for doc in docs:
        day = _day(doc)
        if day is None or base is None:
            out.append(doc)
            continue
        moved = base + (day - starts[doc["cluster"]])
        out.append({**doc, "id": f"{doc['id']}~week", "date": moved.isoformat()})
    return out


def _day(doc: dict[str, Any]) -> date | None:
    try:
        return date.fromisoformat(str(doc.get("date") or "")[:10])
    except ValueError:
        return None


def train(gold_sets: list[list[dict[str, Any]]], settings: Settings, names: list[str]) -> dict[str, Any]:
    """Fit weights on every gold set (and its same-week replay), then choose the threshold."""
    runs = [ingest(variant, settings) for docs in gold_sets for variant in (docs, same_week(docs))]
    model = StoryModel(trained_on=names)
    # Candidates must not depend on the weights being learned: take them wide.
    wide = replace(model, window_days=max(model.window_days, 30))
    parts = [oracle_pairs(run, wide) for run in runs]
    x = np.concatenate([p[0] for p in parts])
    y = np.concatenate([p[1] for p in parts])
    if not len(y) or y.min() == y.max():
        raise ValueError("the gold gives no choice to learn from (every candidate right, or none)")
    weights = fit_logistic(x, y)
    # More days apart never makes "same story" likelier; a positive weight is noise of a small gold.
    days = FEATURES.index("log_days")
    weights[days] = min(0.0, weights[days])
    model.weights = [round(float(w), 4) for w in weights]
    best: tuple[float, float] = (-1.0, model.threshold)
    for threshold in THRESHOLDS:
        trial = replace(model, threshold=threshold)
        f1 = float(np.mean([_story_f1(run, trial) for run in runs]))
        if f1 > best[0]:
            best = (f1, threshold)
    model.threshold = best[1]
    return {
        "model": model,
        "pairs": len(y),
        "positives": int(y.sum()),
        "bcubed_f1": round(best[0], 4),
    }


def _story_f1(run: Ingested, model: StoryModel) -> float:
    story_of, _ = recluster(run.service, model)
    pred = {g: story_of[a] for g, a in run.article_of.items() if a in story_of}
    return bcubed(run.gold, pred)["f1"]
