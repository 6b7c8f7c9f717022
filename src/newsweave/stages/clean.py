"""Remove page furniture from the paragraphs and build the cleaned text that all offsets refer to.

Removed pieces are kept as ``Removal`` records with their rule and reason (``newsweave show ID
--removed``), and lines that carry metadata (date, byline, photo credit, title) are handed on in
``metadata['moved']`` for the meta stage.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from newsweave.cleaning.rules import classify
from newsweave.errors import StageError
from newsweave.model import Article, Paragraph, Removal
from newsweave.stages.base import Stage

PARAGRAPH_SEPARATOR = "\n\n"


class CleanOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")

    min_words: int = Field(5, description="Fewer words left after cleaning: not an article (a nav page, a stub).")


class CleanStage(Stage):
    name = "clean"
    requires = ("blocks",)
    provides = ("text", "paragraphs", "removals")
    Options = CleanOptions

    def __call__(self, article: Article) -> Article:
        decisions, body_title = classify(article.blocks, article.hints.get("title"))
        parts: list[str] = []
        paragraphs: list[Paragraph] = []
        removals: list[Removal] = []
        moved: dict[str, str] = {}
        offset = 0
        for position, (block, decision) in enumerate(zip(article.blocks, decisions, strict=True)):
            if decision.keep:
                if parts:
                    offset += len(PARAGRAPH_SEPARATOR)
                paragraphs.append(Paragraph(start=offset, end=offset + len(block), kind=decision.kind))
                parts.append(block)
                offset += len(block)
                continue
            removals.append(Removal(block, decision.rule, decision.reason, position, decision.moved_to))
            if decision.moved_to and decision.value and decision.moved_to not in moved:
                moved[decision.moved_to] = decision.value
        if not parts:
            raise StageError("no article text left after cleaning: every paragraph looked like page furniture")
        text = PARAGRAPH_SEPARATOR.join(parts)
        min_words: int = self.options.min_words  # type: ignore[attr-defined]
        if len(text.split()) < min_words:
            raise StageError(f"too short to be an article: {len(text.split())} word(s) left after cleaning")
        article.text = text
        article.paragraphs = paragraphs
        article.removals = removals
        if body_title:
            moved["title"] = body_title
        article.metadata["moved"] = moved
        article.blocks = []
        return article
