"""Words for a country's people ("Rosjanie", "Rusové", "Ukraińcy", "Amerykanie") resolve to the country.

News writes "the Russians" for Russia acting, and the BSNLP guidelines link such mentions to the
country's entity, so an analyst asking for Russia gets them too. No open list of demonyms covers these
languages, and a rule on stems mistakes surnames for them ("Rosjan-" is also a surname's start), so the
list is learned from the annotated corpora: a single-word mention linked to an entity whose other
mentions name a country (CLDR), when its own words are not that country's name. Only word forms and
country codes are kept, with enough evidence; never corpus text.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

from newsweave.entities.artifacts import DEMONYMS, artifact_path, read_artifact
from newsweave.entities.corpus import Doc, linked_places
from newsweave.entities.gazetteer import first_words, territory_code
from newsweave.textnorm import fold

#: A form is kept when it was linked to the country this often, and (share) nearly always to it.
MIN_COUNT = 3
MIN_SHARE = 0.8
LABELS = frozenset({"PER", "LOC"})

Demonyms = dict[str, dict[str, str]]  # language -> folded word form -> CLDR code


def demonyms_path(model: Path) -> Path:
    return artifact_path(model, DEMONYMS)


def learn(docs: Iterable[Doc]) -> Demonyms:
    docs = list(docs)
    country_of = {
        link: codes.most_common(1)[0][0] for link, codes in linked_places(docs).items() if sum(codes.values()) >= 3
    }
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for doc in docs:
        for span in doc.spans:
            surface = span.text or doc.text[span.start : span.end]
            if span.label not in LABELS or " " in surface.strip() or territory_code(surface, exact=True):
                continue
            code = country_of.get(span.link_id or "", "")
            for form in {fold(surface), fold(span.lemma or surface)}:
                votes[(doc.lang, form)][code] += 1
    table: Demonyms = {}
    for (lang, form), codes in votes.items():
        code, n = codes.most_common(1)[0]
        if not code or n < MIN_COUNT or n / sum(codes.values()) < MIN_SHARE:
            continue
        # Never the first word of two countries' names ("Korea" of both Koreas, linked to one of them in
        # a corpus about it). Forms the gazetteer finds stay: it is asked for places, and "Rosjanie" is
        # tagged a person.
        if form not in first_words():
            table.setdefault(lang, {})[form] = code
    return table


def load(path: Path) -> Demonyms:
    data: Demonyms = read_artifact(path) or {}
    return data


def country_of(table: Demonyms, language: str | None, *forms: str) -> str | None:
    """The country whose people one of ``forms`` (a mention's base form, its text) names."""
    known = table.get((language or "").split("-")[0])
    if not known:
        return None
    for form in forms:
        code = known.get(fold(form))
        if code:
            return code
    return None
