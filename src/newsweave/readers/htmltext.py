"""HTML to article text and metadata, shared by the HTML, feed and WARC readers.

trafilatura finds the main text and the page's own metadata. We switch off its date heuristics that
guess from weak signals (``extensive_search``): a missing date is better than an invented one.
"""

from __future__ import annotations

import re
from typing import Any

import lxml.html
import trafilatura

from newsweave.deadline import TimeLimitExceeded, time_limit
from newsweave.errors import InputError

_BLOCK_END = re.compile(r"(?i)</(p|div|li|h[1-6]|blockquote|tr|section|article)\s*>|<br\s*/?>")


def extract_article(html: str, url: str | None = None, timeout_s: float | None = None) -> tuple[str, dict[str, Any]]:
    """Main text (paragraphs separated by newlines) and metadata hints of an HTML page."""
    try:
        with time_limit(timeout_s, "HTML extraction"):
            doc = trafilatura.bare_extraction(
                html,
                url=url,
                with_metadata=True,
                include_comments=False,
                include_tables=False,
                date_extraction_params={"extensive_search": False, "original_date": True},
            )
    except TimeLimitExceeded as exc:
        raise InputError(f"{exc} (limits.extract_timeout_s)") from exc
    except (ValueError, TypeError, RecursionError, AttributeError) as exc:
        raise InputError(f"malformed HTML: {type(exc).__name__}: {exc}") from exc
    if doc is None:
        raise InputError("no article text found in the HTML page")
    meta = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = (meta.get("text") or "").strip()
    if not text:
        raise InputError("no article text found in the HTML page")
    hints: dict[str, Any] = {}
    for src, dst in (("title", "title"), ("author", "byline"), ("url", "url"), ("language", "language")):
        if meta.get(src):
            hints[dst] = meta[src]
    outlet = meta.get("sitename") or meta.get("hostname")
    if outlet:
        hints["outlet"] = outlet
    if meta.get("date"):
        hints["published"] = meta["date"]
        hints["published_method"] = "html-meta"
    return text, hints


def fragment_to_text(fragment: str) -> str:
    """Text of a small HTML fragment (a feed entry), keeping paragraph breaks."""
    if "<" not in fragment:
        return fragment.strip()
    marked = _BLOCK_END.sub(lambda m: m.group(0) + "\n\n", fragment)
    try:
        root = lxml.html.fragment_fromstring(marked, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return re.sub(r"<[^>]+>", " ", fragment).strip()
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    text = root.text_content()
    return re.sub(r"\n\s*\n\s*", "\n\n", text).strip()
