"""Tokens and sentences with character offsets, for every script newsweave reads.

Offsets are kept from the start so that every mention can point back into ``Article.text``. The rules
are deliberately simple and script-agnostic (letters, digits, joiners inside words), since the tagger
learns from context what a tokenizer cannot know.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

#: Dotted acronyms and initials (U.S., J.D., C.S.U.) stay whole; any other period is its own token.
_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|\w+(?:[-'’]\w+)*|[^\w\s]")
_SENT_END = re.compile(r"(?<=[.!?…])[\"'”»)]*\s+(?=[\"'„“«(]?[^\W\d_])")
#: For the fact stages: a sentence may also open with a spaced French quote ("« Nous …").
_SENT_END_SPACED = re.compile(r"(?<=[.!?…])[\"'”»)]*\s+(?=[\"'„“«(]?\s?[^\W\d_])")
#: Characters before a period that an abbreviation can span ("dipl." and the word boundary before it).
ABBREV_WINDOW = 8
#: Abbreviations and initials that end with a period without ending a sentence.
_ABBREV = re.compile(
    r"(?:\b[^\W\d_]\.|\b(?:dr|prof|mr|mrs|ms|st|nr|tzw|np|itd|ok|gen|ul|ang|r|ks|św|hr|fr|dipl|ing)\.)$", re.I
)


class Token(NamedTuple):
    """A tuple, not a frozen dataclass: articles have thousands of tokens, and a frozen dataclass's
    constructor costs several times a tuple's."""

    text: str
    start: int
    end: int


def tokenize(text: str, offset: int = 0) -> list[Token]:
    # tuple.__new__ skips the named tuple's Python-level constructor: a quarter of the cost, per token
    new = tuple.__new__
    return [new(Token, (m.group(), m.start() + offset, m.end() + offset)) for m in _TOKEN.finditer(text)]


@lru_cache(maxsize=16)
def fact_sentences(text: str) -> tuple[tuple[int, int], ...]:
    """The sentences the fact stages and evidence use (``lowercase_continues``), split once per text:
    dates, events, quotes and citations all walk the same article's sentences."""
    return tuple(sentences(text, lowercase_continues=True))


def sentences(text: str, lowercase_continues: bool = False) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence: paragraphs split on newlines, then on sentence-final punctuation.

    ``lowercase_continues`` keeps a period followed by a lower-case word inside the sentence ("2025.
    gada 30. novembrī", "ok. pięciu"), which the fact stages need to see a date and its event together,
    and lets a sentence open with a spaced French quote ("« Nous …").
    The tagger keeps the plain split it was trained with: trained with this rule, the model lost German
    recall (sentence starts are what it learns capitalisation from; docs/entities.md)."""
    pos = 0
    for line in text.split("\n"):
        start = pos
        pos += len(line) + 1
        if not line.strip():
            continue
        begin = 0
        for m in (_SENT_END_SPACED if lowercase_continues else _SENT_END).finditer(line):
            # Only the last few characters can hold an abbreviation: searching the whole prefix for a
            # pattern anchored at its end made long paragraphs quadratic.
            if _ABBREV.search(line, max(0, m.start() - ABBREV_WINDOW), m.start()):
                continue
            if lowercase_continues and line[m.end() : m.end() + 1].islower():
                continue
            yield start + begin, start + m.start()
            begin = m.end()
        if line[begin:].strip():
            yield start + begin, start + len(line.rstrip())
