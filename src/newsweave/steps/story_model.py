"""The learned part of story clustering: features of (article, story), a logistic model and its threshold.

Kept apart from the clustering loop so training and evaluation use exactly the features the stream
does. ``models/stories.json`` holds the weights learned by ``newsweave train stories`` on gold
clusters, the join threshold chosen there for the best B-cubed F1, and the storyline parameters.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path
from typing import ClassVar

import numpy as np

from newsweave.errors import ConfigError

FEATURES = ("bias", "cosine", "entities", "event", "log_days", "undated")
MODEL_FILE = "stories.json"


def features(cosine: float, entity_share: float, shared_event: bool, days: int | None) -> np.ndarray:
    return np.array(
        [1.0, cosine, entity_share, 1.0 if shared_event else 0.0, math.log1p(days or 0), 1.0 if days is None else 0.0],
        dtype=np.float64,
    )


@dataclass
class StoryModel:
    #: One weight per name in FEATURES. The defaults are what training on the shipped gold gives; the
    #: file overrides them.
    weights: list[float] = field(default_factory=lambda: [-6.0, 8.8, 5.5, 1.9, 0.0, 0.0])
    threshold: float = 0.25
    #: Stories whose articles are further than this from an article's date are not candidates.
    window_days: int = 10
    #: Storylines: two stories are linked when their centroids are this similar ...
    line_cosine: float = 0.5
    #: ... and this share of one's (rarity-weighted) entities is named by the other.
    line_entities: float = 0.1
    trained_on: list[str] = field(default_factory=list)
    _w: ClassVar[np.ndarray]  # per instance in fact: set with the weights (see __setattr__)

    def __setattr__(self, name: str, value: object) -> None:
        """The weights are also kept as an array, made when they are set (training sets them after
        construction), not for every candidate scored."""
        super().__setattr__(name, value)
        if name == "weights":
            super().__setattr__("_w", np.asarray(value, dtype=np.float64))

    def probability(self, x: np.ndarray) -> float:
        z = float(np.dot(self._w, x))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    @classmethod
    def load(cls, path: Path | None = None) -> StoryModel:
        source = path or Path(str(resources.files("newsweave") / "models" / MODEL_FILE))
        if not source.is_file():
            return cls()
        try:
            data = json.loads(source.read_text(encoding="utf-8"))
        except ValueError as exc:
            raise ConfigError(f"story model {source} is not valid JSON: {exc}") from exc
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(asdict(self)) + "\n", encoding="utf-8")


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 0.1, steps: int = 50) -> np.ndarray:
    """L2-regularised logistic regression by Newton's method (a handful of features, a few thousand pairs)."""
    w = np.zeros(x.shape[1])
    ridge = l2 * np.eye(x.shape[1])
    ridge[0, 0] = 0.0  # the bias is not shrunk
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        grad = x.T @ (p - y) + ridge @ w
        hess = (x * (p * (1 - p))[:, None]).T @ x + ridge + 1e-9 * np.eye(x.shape[1])
        step = np.linalg.solve(hess, grad)
        w -= step
        if float(np.abs(step).max()) < 1e-8:
            break
    return w
