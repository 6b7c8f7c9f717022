"""Plain text, including the sample corpus format.

A file may start with a header line `` date YYYY-MM-DD <title> <label>``: title and label are optional
and the body may start on that same line. We read the rest of the header line as a title only when it
looks like one (short, not ending a sentence); otherwise it is the first paragraph of the body.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from newsweave.model import Problem, RawDoc
from newsweave.readers.base import Input, Reader
from newsweave.readers.decode import decode

_HEADER = re.compile(r"^[ \t\ufeff]*date[ \t]+(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}(?::\d{2})?))?[ \t]*(.*)$")
_LABEL = re.compile(r"^(.*?)[ \t]+(-?\d{1,6})[ \t]*$")
_SENTENCE_END = re.compile(r"[.!?…]([\"'”»)]*)$")
MAX_TITLE_CHARS = 300


def looks_like_title(line: str) -> bool:
    """A headline is short and does not end like a sentence (headlines rarely carry a final period)."""
    line = line.strip()
    if not line or len(line) > MAX_TITLE_CHARS or len(line.split()) < 2:
        return False
    return not _SENTENCE_END.search(line) or line.endswith("?")


def parse_header(first_line: str) -> tuple[dict[str, str], str | None]:
    """Return (hints, body_start) for a sample-format header line, or ({}, None) if it is not one.

    ``body_start`` is text from the header line that belongs to the body, or "" when there is none.
    """
    match = _HEADER.match(first_line)
    if not match:
        return {}, None
    day, clock, rest = match.groups()
    hints: dict[str, str] = {"published": f"{day}T{clock}" if clock else day}
    hints["published_text"] = first_line[: match.start(3)].strip()
    rest = rest.strip()
    if not rest:
        return hints, ""
    labelled = _LABEL.match(rest)
    if labelled and (not labelled.group(1) or looks_like_title(labelled.group(1))):
        hints["label"] = labelled.group(2)
        rest = labelled.group(1).strip()
        if rest:
            hints["title"] = rest
        return hints, ""
    if rest.isdigit():
        hints["label"] = rest
        return hints, ""
    if looks_like_title(rest):
        hints["title"] = rest
        return hints, ""
    return hints, rest


class TextReader(Reader):
    name = "text"
    extensions = (".txt", ".text", "")

    def sniff(self, head: bytes) -> float:
        return 0.1  # the fallback for anything that decodes as text

    def read(self, item: Input) -> Iterator[RawDoc | Problem]:
        original = text = decode(item.read_all(self.settings.limits.max_file_bytes))
        first, _, rest = text.partition("\n")
        hints, body_start = parse_header(first)
        if body_start is not None:
            text = body_start + ("\n" if body_start else "") + rest
        yield RawDoc(source=item.source, text=text, format=self.name, raw=original, hints=dict(hints))
