"""Read annotated corpora in the shared format and turn them into tagged sentences.

Format (JSONL, optionally gzipped): ``{"id", "lang", "topic"?, "text", "entities": [{"start", "end",
"text", "label", "lemma"?, "link_id"?}]}``. RONEC's labels are mapped onto the five BSNLP categories;
labels with no BSNLP counterpart (dates, numbers, nationalities) become "outside".
"""

from __future__ import annotations

import gzip
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsweave.entities.gazetteer import region_code, territory_code
from newsweave.entities.tokens import Token, sentences, tokenize

CATEGORIES = ("PER", "ORG", "LOC", "EVT", "PRO")
LABEL_MAP = {
    "PER": "PER", "PERSON": "PER",
    "ORG": "ORG", "ORGANIZATION": "ORG",
    "LOC": "LOC", "GPE": "LOC", "FACILITY": "LOC", "LOCATION": "LOC",
    "EVT": "EVT", "EVENT": "EVT",
    "PRO": "PRO", "PRODUCT": "PRO", "WORK_OF_ART": "PRO",
}  # fmt: skip


@dataclass(slots=True)
class Span:
    start: int
    end: int
    label: str
    text: str
    lemma: str | None = None
    link_id: str | None = None


@dataclass(slots=True)
class Doc:
    id: str
    lang: str
    text: str
    topic: str | None = None
    spans: list[Span] = field(default_factory=list)


def read_docs(path: Path) -> Iterator[Doc]:
    opener: Any = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            raw = json.loads(line)
            spans = []
            for e in raw.get("entities", []):
                label = LABEL_MAP.get(str(e["label"]).upper())
                text = str(e.get("text") or raw["text"][e["start"] : e["end"]])
                if label == "PER" and not text[:1].isupper():
                    continue  # RONEC marks role nouns ("președintele") as PERSON; BSNLP names only names
                if label:
                    spans.append(Span(e["start"], e["end"], label, e.get("text", ""), e.get("lemma"), e.get("link_id")))
            yield Doc(raw["id"], raw["lang"], raw["text"], raw.get("topic"), spans)


def corpus_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.jsonl*") if p.suffix in (".jsonl", ".gz"))


def tagged_sentences(doc: Doc) -> Iterator[tuple[list[Token], list[str]]]:
    """Sentences as tokens with BIO labels; a sentence that cuts through an entity is joined to the next."""
    starts = sorted(doc.spans, key=lambda s: s.start)
    pending: list[tuple[int, int]] = []
    for start, end in sentences(doc.text):
        pending.append((start, end))
        if any(s.start < end < s.end for s in starts):
            continue
        lo, hi = pending[0][0], pending[-1][1]
        pending = []
        tokens = tokenize(doc.text[lo:hi], lo)
        labels = ["O"] * len(tokens)
        for span in starts:
            if span.end <= lo or span.start >= hi:
                continue
            inside = [i for i, t in enumerate(tokens) if t.start < span.end and t.end > span.start]
            for n, i in enumerate(inside):
                labels[i] = ("B-" if n == 0 else "I-") + span.label
        if tokens:
            yield tokens, labels


def linked_places(docs: Iterable[Doc], regions: bool = False) -> dict[str, Counter[str]]:
    """Link id -> the CLDR codes its mentions name as written or in base form (countries; with
    ``regions``, continents too), how often each: the corpora link "the Russians" to Russia's entity,
    which the lists learned from them must tell from people and places of their own."""
    codes: dict[str, Counter[str]] = defaultdict(Counter)
    for doc in docs:
        for span in doc.spans:
            if not span.link_id:
                continue
            name = span.lemma or span.text
            code = territory_code(name, exact=True) or (region_code(name) if regions else None)
            if code:
                codes[span.link_id][code] += 1
    return dict(codes)
