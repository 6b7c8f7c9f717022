"""Word clusters for the mention tagger: k-means over the static multilingual word table.

Why: a CRF knows only the words it was trained on, and a topic it never saw brings new ones. A word's
cluster says what kind of word it is ("ministry", "ministerstwo", "управление" share one; so do
"president", "президент", "premier") whatever its language, so the model can generalise from the
clusters it saw in training to words it did not. The table is distilled from multilingual-e5-small
(``embedding/distill.py``), so clusters are shared across languages, which helps German, Latvian and
English, for which there is no annotated data here. This is the classic use of Brown clusters or
embedding clusters in NER, with two granularities as cluster-prefix features usually have.

The shipped file (``models/entities.clusters.npz``) holds one cluster id per table row and a
fingerprint of the table's word list, so a clusters file built from another table is refused rather
than silently misread. ``newsweave train entities`` rebuilds it (deterministic, numpy only).
"""

from __future__ import annotations

import hashlib
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from newsweave.embedding.static import model_path, prefix_row, table_words, word_rows
from newsweave.errors import ConfigError

CLUSTERS_FILE = Path(__file__).resolve().parent.parent / "models" / "entities.clusters.npz"
#: Cluster counts: a coarse one (kinds of words) and a fine one (topics, roles, name types).
SIZES = (64, 512)
KMEANS_ITERATIONS = 25
SEED = 7


def _fingerprint(words: bytes) -> str:
    return hashlib.sha256(words).hexdigest()[:16]


def _kmeans(vectors: np.ndarray, k: int, seed: int) -> np.ndarray:
    """Lloyd's k-means on unit vectors (cosine), from ``k`` rows drawn with a fixed seed."""
    rng = np.random.default_rng(seed)
    centres = vectors[rng.choice(len(vectors), size=k, replace=False)].copy()
    labels = np.zeros(len(vectors), dtype=np.int64)
    for _ in range(KMEANS_ITERATIONS):
        labels = np.concatenate(
            [np.argmax(vectors[i : i + 16384] @ centres.T, axis=1) for i in range(0, len(vectors), 16384)]
        )
        sums = np.zeros_like(centres)
        np.add.at(sums, labels, vectors)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        centres = np.where(norms > 0, sums / np.maximum(norms, 1e-9), centres)  # an empty cluster keeps its centre
    return labels


def build(out: Path = CLUSTERS_FILE, table: Path | None = None) -> Path:
    """Cluster every word of the static table at each of ``SIZES`` and write the ids to ``out``."""
    data = np.load(table or model_path(), allow_pickle=False)
    vectors = np.asarray(data["vectors"], dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
    arrays: dict[str, Any] = {f"k{k}": _kmeans(vectors, k, SEED).astype(np.uint16) for k in SIZES}
    arrays["fingerprint"] = np.frombuffer(_fingerprint(bytes(data["words"])).encode(), dtype=np.uint8)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb") as fh:
        np.savez_compressed(fh, **arrays)
    return out


class WordClusters:
    def __init__(self, path: Path = CLUSTERS_FILE, table: Path | None = None) -> None:
        if not path.is_file():
            raise ConfigError(f"word clusters not found: {path}; build them with: newsweave train entities")
        clusters = np.load(path, allow_pickle=False)
        if bytes(clusters["fingerprint"]).decode() != _fingerprint(table_words(table or model_path())):
            raise ConfigError(f"{path} was built from another word table; rebuild: newsweave train entities")
        self._row = word_rows(table or model_path())
        # One string object per cluster id, shared by every word that has it.
        names = [str(i) for i in range(max(SIZES))]
        self._ids = [[names[i] for i in clusters[f"k{k}"].tolist()] for k in SIZES]

    def of(self, word: str) -> tuple[str, ...]:
        """The word's cluster at each granularity ("" when the table knows neither it nor a prefix of
        it: inflected forms find their stem by ``prefix_row`` as in ``StaticEmbedder.row_of``, without the dictionary,
        so that the answer depends on the word alone)."""
        low = word.lower()
        row = self._row.get(low, -1)
        if row < 0:
            row = prefix_row(self._row, low)
        return tuple(ids[row] for ids in self._ids) if row >= 0 else _NONE


@cache
def clusters() -> WordClusters:
    return WordClusters()


_NONE = ("",) * len(SIZES)


@lru_cache(maxsize=65_536)
def cluster_of(word: str) -> tuple[str, ...]:
    return clusters().of(word)
