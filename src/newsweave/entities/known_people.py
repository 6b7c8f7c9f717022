"""Surnames of people the news keeps naming, so that a lone inflected surname is found as a person.

An article often names a well-known person by surname alone, in a case form ("pirms Trampa
prezidentūras", "ar Putinu"): one capitalised word, in a language the tagger has no training data for
(Latvian), or at a sentence start where the dictionary knows the word ("Putina" is also a form of a
Latvian verb). The article gives no other clue, but the news does: these people are named in story
after story. So the list is learned from the annotated corpora: the word forms of people (one
cross-lingual entity) named in at least two topics, with enough evidence that the form is a person's.

Only matching keys are kept (``names.word_key``: ASCII, spelling traditions folded, so the Latvian
"Trampa" meets the Russian "Трампа"), never corpus text. Measured in ``docs/entities.md``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

from newsweave.entities.artifacts import PEOPLE, artifact_path, read_artifact
from newsweave.entities.corpus import Doc, linked_places
from newsweave.entities.names import word_key

#: A person must be named in this many topics: a story's own cast is not "well known".
MIN_TOPICS = 2
#: A form is kept when it was a person's surname this often, and rarely part of another kind of name.
MIN_COUNT = 3
MAX_OTHER_SHARE = 0.2
#: Shorter keys ("kim", "li") meet too many words of other languages.
MIN_KEY = 4


def people_path(model: Path) -> Path:
    return artifact_path(model, PEOPLE)


def learn(docs: Iterable[Doc]) -> list[str]:
    """Sorted keys of the surname forms of people named in ``MIN_TOPICS`` topics or more."""
    docs = list(docs)
    topics: dict[str, set[str]] = defaultdict(set)
    # The corpora link "the Russians" and "the Europeans" (tagged PER) to Russia and Europe: not people.
    countries = set(linked_places(docs, regions=True))
    for doc in docs:
        for span in doc.spans:
            if span.label == "PER" and span.link_id:
                topics[span.link_id].add(doc.topic or doc.id)
    as_person: Counter[str] = Counter()
    as_other: Counter[str] = Counter()
    for doc in docs:
        for span in doc.spans:
            words = (span.text or doc.text[span.start : span.end]).split()
            if not words:
                continue
            link = span.link_id or ""
            if span.label == "PER":
                if len(topics[link]) >= MIN_TOPICS and link not in countries:
                    as_person[word_key(words[-1], doc.lang, person=True)] += 1
            else:
                as_other.update(word_key(w, doc.lang, person=True) for w in words)
    return sorted(
        key
        for key, n in as_person.items()
        if len(key) >= MIN_KEY and n >= MIN_COUNT and as_other[key] <= MAX_OTHER_SHARE * n
    )


def load(path: Path) -> frozenset[str]:
    keys: frozenset[str] = read_artifact(path, frozenset) or frozenset()
    return keys
