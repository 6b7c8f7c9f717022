"""Settle the article's title, outlet, byline, URL and publication date from everything we know.

Sources of a fact, most trusted first: a structured field (JSONL/CSV, HTML meta, feed), the sample
header line, a date line found in the body. Each publication date records how it was found, and an
article with no trustworthy date keeps none: later stages must not invent one.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from newsweave.dates import parse_date_value
from newsweave.model import Article, DateMethod, Published
from newsweave.stages.base import Stage
from newsweave.textnorm import normalize


def _outlet_from_url(url: str) -> str | None:
    host = urlsplit(url).hostname or ""
    return host[4:] if host.startswith("www.") else (host or None)


class MetaStage(Stage):
    name = "meta"
    requires = ("text", "removals")
    provides = ("title", "published", "outlet", "byline", "url")

    def __call__(self, article: Article) -> Article:
        hints: dict[str, Any] = article.hints
        moved: dict[str, str] = article.metadata.pop("moved", {})
        languages = [article.language] if article.language else None

        title = hints.get("title") or moved.get("title")
        article.title = normalize(str(title)).replace("\n", " ") if title else None
        article.byline = hints.get("byline") or moved.get("byline")
        article.url = hints.get("url") or (article.source if article.source.startswith("http") else None)
        article.outlet = hints.get("outlet") or (_outlet_from_url(article.url) if article.url else None)
        if moved.get("photo_credit"):
            article.metadata["photo_credit"] = moved["photo_credit"]
        if moved.get("updated"):
            article.metadata["updated"] = moved["updated"]
        for key in ("label", "language"):
            if hints.get(key):
                article.metadata["declared_language" if key == "language" else key] = hints[key]
        if hints.get("extra"):
            article.metadata.update({k: v for k, v in hints["extra"].items() if k not in article.metadata})

        article.published = None
        if hints.get("published"):
            method: DateMethod = hints.get("published_method") or "header-line"
            found = parse_date_value(str(hints["published"]), languages)
            if found:
                text = str(hints.get("published_text") or hints["published"])
                article.published = Published(found.value, found.precision, method, text)
            else:
                article.metadata["unparsed_published"] = str(hints["published"])
        if article.published is None and moved.get("published"):
            found = parse_date_value(moved["published"])
            line = next((r.text for r in article.removals if r.moved_to == "published"), moved["published"])
            if found:
                article.published = Published(found.value, found.precision, "text-line", line)
        return article
