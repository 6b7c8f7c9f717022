"""The fact stages: dates, events, quotes and cited sources, each a pure function of one article.

They are separate stages so that a pipeline can leave out what it does not need (a date-only run skips
the rest) and so that the benchmark times each one. Each keeps offsets into ``Article.text`` as its
evidence; entity ids are filled in later by the resolution step, which sees the whole corpus.
"""

from __future__ import annotations

from newsweave.facts.citations import find_citations
from newsweave.facts.dates import find_dates
from newsweave.facts.events import find_events
from newsweave.facts.quotes import find_quotes
from newsweave.model import Article
from newsweave.stages.base import Stage


class DateStage(Stage):
    """Date expressions, resolved against the publication date; none is invented without one."""

    name = "dates"
    requires = ("text", "language", "published")
    provides = ("times",)

    def __call__(self, article: Article) -> Article:
        published = article.published.value if article.published else None
        article.times = find_dates(article.text, article.language, published)
        return article


class EventStage(Stage):
    name = "events"
    requires = ("text", "language", "mentions", "times", "published")
    provides = ("events",)

    def __call__(self, article: Article) -> Article:
        published = article.published.value if article.published else None
        article.events = find_events(article.text, article.language, article.mentions, article.times, published)
        return article


class QuoteStage(Stage):
    name = "quotes"
    requires = ("text", "language", "mentions")
    provides = ("quotes",)

    def __call__(self, article: Article) -> Article:
        article.quotes = find_quotes(article.text, article.language, article.mentions)
        return article


class CitationStage(Stage):
    name = "citations"
    requires = ("text", "language", "mentions", "quotes")
    provides = ("citations",)

    def __call__(self, article: Article) -> Article:
        article.citations = find_citations(article.text, article.language, article.mentions, article.quotes)
        return article
