"""The ``Embedder`` interface and the table of embedders chosen by name.

An embedder turns texts into unit-length float32 vectors whose dot product is their cosine similarity,
comparable across languages. Stories, semantic search and summaries use only this interface, so a
faster or better model is one class and one line in ``EMBEDDERS``.
"""

from __future__ import annotations

import importlib
from functools import cache
from typing import Protocol

import numpy as np

from newsweave.config import Settings
from newsweave.errors import ConfigError

EMBEDDERS: dict[str, tuple[str, str]] = {
    # name: ("module:Class", extra that provides what it needs)
    "static-e5": ("newsweave.embedding.static:StaticEmbedder", ""),
    "e5": ("newsweave.embedding.e5:E5Embedder", "e5"),
    "e5-lead": ("newsweave.embedding.e5:E5LeadEmbedder", "e5"),
}
DEFAULT = "static-e5"


class Embedder(Protocol):
    name: str
    dims: int

    def embed(self, texts: list[str], languages: list[str | None] | None = None) -> np.ndarray:
        """One unit row per text (a zero row for a text with nothing to embed)."""
        ...


def unit_rows(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    out: np.ndarray = (matrix / norms).astype(np.float32)
    return out


@cache
def embedder(name: str = DEFAULT) -> Embedder:
    """The process-wide embedder called ``name``; loaded once because models are large."""
    if name not in EMBEDDERS:
        raise ConfigError(f"unknown embedder {name!r}; known: {', '.join(sorted(EMBEDDERS))}")
    target, extra = EMBEDDERS[name]
    module_name, _, attr = target.partition(":")
    try:
        module = importlib.import_module(module_name)
        made: Embedder = getattr(module, attr)()
    except ImportError as exc:
        raise ConfigError(
            f"embedder {name!r} needs a package that is not installed ({exc.name}); "
            f"try: pip install 'newsweave[{extra}]'"
        ) from exc
    return made


def configured(settings: Settings) -> str:
    """The embedder the settings choose (``stages.embed.model``): every reader of stored vectors must
    ask for the same one the embed stage wrote."""
    return str(settings.stages.get("embed", {}).get("model", DEFAULT))


def article_text(title: str | None, text: str, limit: int | None = None) -> str:
    """What represents an article: its title, then its text (cut at ``limit`` characters)."""
    body = text if limit is None else text[:limit]
    return f"{title}\n{body}" if title else body
