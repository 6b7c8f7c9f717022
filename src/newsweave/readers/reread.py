"""The input document of a stored article, rebuilt from its raw form, for re-running the pipeline.

The store keeps each article's ``raw`` (the page's HTML, the record's JSON, the text file as read), not
the reader's output, so re-running reads ``raw`` again with the reader of the article's format. What a
container gave and the raw form lacks (a feed entry's title and date, a WARC record's URL) comes back
from the stored fields.
"""

from __future__ import annotations

from typing import Any

from newsweave.config import Settings
from newsweave.errors import InputError
from newsweave.model import Article, Problem, RawDoc
from newsweave.readers import build_readers
from newsweave.readers.base import Input
from newsweave.readers.htmltext import fragment_to_text

#: Reader that reads each format's stored raw form: CSV rows and JSON records are stored as JSON,
#: WARC records as their page's HTML; feed entries as their HTML fragment (read below).
_RAW_FORMAT = {"csv": "jsonl", "jsonl": "jsonl", "warc": "html", "html": "html", "text": "text"}


def reread(article: Article, settings: Settings) -> RawDoc:
    """The document ``article`` was made from, as a reader would give it today."""
    if article.format == "feed":
        doc = RawDoc(source=article.source, text=fragment_to_text(article.raw), format="feed", raw=article.raw)
    else:
        name = _RAW_FORMAT.get(article.format)
        reader = next((r for r in build_readers(settings) if r.name == name), None)
        if reader is None:
            raise InputError(f"cannot re-read format {article.format!r}")
        docs = [d for d in reader.read(Input(article.source, data=article.raw.encode("utf-8")))]
        found = [d for d in docs if isinstance(d, RawDoc)]
        if len(found) != 1:
            why = "; ".join(d.reason for d in docs if isinstance(d, Problem)) or f"{len(found)} documents"
            raise InputError(f"cannot re-read article {article.id} from its stored form: {why}")
        doc = RawDoc(source=article.source, text=found[0].text, format=article.format, raw=found[0].raw)
        doc.hints = dict(found[0].hints)
    _restore(doc.hints, article)
    return doc


def _restore(hints: dict[str, Any], article: Article) -> None:
    for key in ("title", "url", "outlet", "byline"):
        value = getattr(article, key)
        if value and not hints.get(key):
            hints[key] = value
    published = article.published
    if published and not hints.get("published") and published.method != "text-line":
        hints["published"] = published.value
        hints["published_method"] = published.method
        hints["published_text"] = published.text or published.value
    for key, hint in (("label", "label"), ("declared_language", "language")):
        if article.metadata.get(key) and not hints.get(hint):
            hints[hint] = article.metadata[key]
