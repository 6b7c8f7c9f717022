"""Static multilingual embeddings: average of per-word vectors distilled from multilingual-e5-small.

Built by ``newsweave.embedding.distill`` (``newsweave train embeddings``) and shipped as
``models/embeddings.static.npz``. A word the table lacks is looked up by its dictionary base form
(simplemma), then by a shorter prefix, because news in Baltic and Slavic languages inflects names and
nouns the frequency lists hold in one form only (``sarunās`` → ``sarunas``, ``Dmitrijewa`` → ``Dmitrijew``).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from newsweave.embedding.base import unit_rows
from newsweave.entities.lexicon import known_lemma

WORD = re.compile(r"[^\W\d_]+")
#: A prefix shorter than this matches too many unrelated words.
MIN_PREFIX = 4
#: At most this many letters are cut from the end of an unknown word (case endings are short).
MAX_CUT = 3
MODEL_FILE = "embeddings.static.npz"


def model_path() -> Path:
    return Path(str(resources.files("newsweave") / "models" / MODEL_FILE))


@lru_cache(maxsize=2)
def table_words(path: Path) -> bytes:
    """A table's word list as stored (newline-separated UTF-8), read once per process."""
    return bytes(np.load(path, allow_pickle=False)["words"])


@lru_cache(maxsize=2)
def word_rows(path: Path) -> dict[str, int]:
    """Row of each word of a table, built once per process: the embedder and the tagger's word
    clusters (``entities/clusters.py``) share it (131,643 words, about 15 MB as a dict)."""
    return {w: i for i, w in enumerate(table_words(path).decode("utf-8").split("\n"))}


def prefix_row(rows: dict[str, int], word: str) -> int:
    """Row of the longest prefix of ``word`` the table knows, cutting at most ``MAX_CUT`` letters and
    keeping ``MIN_PREFIX``: an inflected form the table lacks finds its stem ("Kyjevě" → "kyjev"); -1
    when none is known."""
    for cut in range(1, MAX_CUT + 1):
        if len(word) - cut < MIN_PREFIX:
            break
        row = rows.get(word[:-cut], -1)
        if row >= 0:
            return row
    return -1


class StaticEmbedder:
    name = "static-e5"

    def __init__(self, path: Path | None = None) -> None:
        data = np.load(path or model_path(), allow_pickle=False)
        self._row = word_rows(path or model_path())
        self._vectors = np.asarray(data["vectors"])  # int8, one row per word, SIF weight baked in
        self._scales = np.asarray(data["scales"], dtype=np.float32)
        self.dims = int(self._vectors.shape[1])
        self._memo: dict[tuple[str, str | None], int] = {}

    def row_of(self, word: str, language: str | None) -> int:
        """Table row of ``word`` (lower-cased), or -1 when neither it, its base form nor a prefix is known."""
        key = (word, language)
        found = self._memo.get(key)
        if found is not None:
            return found
        row = self._row.get(word, -1)
        if row < 0 and language:
            lemma = known_lemma(word, language)
            if lemma:
                row = self._row.get(lemma.lower(), -1)
        if row < 0:
            row = prefix_row(self._row, word)
        if len(self._memo) > 500_000:
            self._memo.clear()
        self._memo[key] = row
        return row

    def bag(self, text: str, language: str | None = None) -> Counter[int]:
        rows: Counter[int] = Counter()
        for match in WORD.finditer(text):
            row = self.row_of(match.group().lower(), language)
            if row >= 0:
                rows[row] += 1
        return rows

    def embed(self, texts: list[str], languages: list[str | None] | None = None) -> np.ndarray:
        out = np.zeros((len(texts), self.dims), dtype=np.float32)
        for i, text in enumerate(texts):
            rows = self.bag(text, languages[i] if languages else None)
            if not rows:
                continue
            idx = np.fromiter(rows.keys(), dtype=np.int64, count=len(rows))
            counts = np.fromiter(rows.values(), dtype=np.float32, count=len(rows))
            weights = counts * self._scales[idx]
            out[i] = weights @ self._vectors[idx].astype(np.float32)
        return unit_rows(out)
