"""Normalise the extracted text and split it into candidate paragraphs (``Article.blocks``).

Sources disagree on what a paragraph break is: extractors put one paragraph per line, copy-pastes use
blank lines, e-mail style text is hard-wrapped at ~72 columns. We treat every line as a paragraph unless
the text is visibly hard-wrapped, in which case blank lines separate paragraphs.
"""

from __future__ import annotations

from newsweave.errors import StageError
from newsweave.model import Article
from newsweave.stages.base import Stage
from newsweave.textnorm import normalize


def _hard_wrapped(lines: list[str]) -> bool:
    filled = [ln for ln in lines if ln]
    if len(filled) < 6 or len(filled) == len(lines):
        return False
    wrapped = sum(1 for ln in filled if 55 <= len(ln) <= 80)
    return wrapped / len(filled) >= 0.6 and max(len(ln) for ln in filled) <= 100


def split_blocks(text: str) -> list[str]:
    lines = text.split("\n")
    if _hard_wrapped(lines):
        blocks, current = [], []
        for line in [*lines, ""]:
            if line:
                current.append(line)
            elif current:
                blocks.append(" ".join(current))
                current = []
        return blocks
    return [ln for ln in lines if ln]


class TextStage(Stage):
    name = "text"
    requires = ("extracted",)
    provides = ("blocks",)

    def __call__(self, article: Article) -> Article:
        article.blocks = split_blocks(normalize(article.extracted))
        if not article.blocks:
            raise StageError("no text: the input holds only whitespace or invisible characters")
        return article
