"""HTML pages: main text and metadata with trafilatura."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newsweave.model import Problem, RawDoc
from newsweave.readers.base import Input, Reader
from newsweave.readers.decode import decode
from newsweave.readers.htmltext import extract_article

_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b", re.I | re.S)
_TAGS = re.compile(rb"<(p|div|span|a|article|section|h[1-6]|meta|script|br)\b", re.I)


class HtmlReader(Reader):
    name = "html"
    extensions = (".html", ".htm", ".xhtml")

    def sniff(self, head: bytes) -> float:
        if _HTML_START.search(head[:4096]):
            return 0.9
        if len(_TAGS.findall(head[:8192])) >= 5:
            return 0.5
        return 0.0

    def read(self, item: Input) -> Iterator[RawDoc | Problem]:
        html = decode(item.read_all(self.settings.limits.max_file_bytes))
        url = item.source if item.source.startswith(("http://", "https://")) else None
        text, hints = extract_article(html, url, self.settings.limits.extract_timeout_s)
        yield RawDoc(source=item.source, text=text, format=self.name, raw=html, hints=hints)
