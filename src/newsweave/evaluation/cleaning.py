"""Precision and recall of debris removal against hand-labelled paragraphs.

Gold format (JSONL, one input per line): ``{"input": PATH, "paragraphs": [["keep"|"remove", TEXT], ...]}``
with paragraphs in the order a reader of the page meets them, navigation and footers included. The
whole path is measured, reader and extractor too: a gold paragraph counts as kept when it appears, in
order, among the article's cleaned paragraphs. "Positive" is debris, so precision says how much of what
we removed was debris, and recall how much of the debris we removed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from newsweave.config import Settings
from newsweave.evaluation.metrics import PRF
from newsweave.model import Article, RawDoc
from newsweave.pipeline import Pipeline
from newsweave.readers import read_all
from newsweave.textnorm import fold


@dataclass(slots=True)
class Counts(PRF):
    """Debris is the positive class; an input with no debris that keeps everything scores 1."""

    EMPTY: ClassVar[float] = 1.0
    tn: int = 0  # article text kept
    errors: list[dict[str, str]] = field(default_factory=list)

    def add(self, other: PRF) -> None:
        PRF.add(self, other)
        if isinstance(other, Counts):
            self.tn += other.tn
            self.errors += other.errors

    def as_dict(self) -> dict[str, Any]:
        out = PRF.as_dict(self)
        return {
            "precision": out["p"],
            "recall": out["r"],
            "f1": out["f1"],
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "tn": self.tn,
        }


def score_article(article: Article | None, gold: list[list[str]]) -> Counts:
    kept = [fold(t) for t in article.paragraph_texts()] if article else []
    counts, j = Counts(), 0
    for label, text in gold:
        key = fold(text)
        try:
            k = kept.index(key, j)
            predicted_keep, j = True, k + 1
        except ValueError:
            predicted_keep = False
        debris = label == "remove"
        if debris and not predicted_keep:
            counts.tp += 1
        elif debris:
            counts.fn += 1
            counts.errors.append({"error": "debris kept", "text": text})
        elif not predicted_keep:
            counts.fp += 1
            counts.errors.append({"error": "text removed", "text": text})
        else:
            counts.tn += 1
    return counts


def evaluate(gold_file: Path, settings: Settings, base: Path | None = None) -> dict[str, Any]:
    """Per-input and overall counts; input paths in the gold file are relative to ``base``."""
    base = base or Path.cwd()
    pipeline = Pipeline.from_settings(settings)
    total, per_input = Counts(), {}
    for line in gold_file.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        docs = [d for d in read_all([str(base / item["input"])], settings) if isinstance(d, RawDoc)]
        article = pipeline.run_one(docs[0]) if docs else None
        counts = score_article(article if isinstance(article, Article) else None, item["paragraphs"])
        per_input[item["input"]] = {**counts.as_dict(), "errors": counts.errors}
        total.add(counts)
    return {"overall": total.as_dict(), "inputs": per_input}
