"""The embed stage: one multilingual vector per article, for stories and semantic search.

Per-article (not a corpus step) so a bulk run computes vectors on the workers; the store keeps each
vector with the name of the model that made it, so vectors of two models are never compared.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from newsweave.embedding.base import DEFAULT, EMBEDDERS, Embedder, article_text, embedder
from newsweave.errors import ConfigError
from newsweave.model import Article
from newsweave.stages.base import Stage


class EmbedOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")

    model: str = Field(DEFAULT, description=f"Embedder: one of {', '.join(sorted(EMBEDDERS))}.")


class EmbedStage(Stage):
    name = "embed"
    requires = ("text", "language")
    provides = ("embedding",)
    Options = EmbedOptions

    def __init__(self, options: BaseModel | None = None) -> None:
        super().__init__(options)
        model = str(getattr(self.options, "model", DEFAULT))
        if model not in EMBEDDERS:
            raise ConfigError(f"unknown embedder {model!r}; known: {', '.join(sorted(EMBEDDERS))}")
        self.model = model
        self._embedder: Embedder | None = None

    def __call__(self, article: Article) -> Article:
        if self._embedder is None:
            self._embedder = embedder(self.model)  # loaded on first use: workers load it themselves
        vector = self._embedder.embed([article_text(article.title, article.text)], [article.language])[0]
        article.embedding = vector.tobytes()
        article.embedding_model = self._embedder.name
        return article
