"""Which outlets an article gives as its sources.

An outlet or agency (an ORG mention the entity stage marked as media) is cited when a citing word
stands right before or after it in the same sentence: "kā norāda The Wall Street Journal", "notează
The Moscow Times", "Nach Informationen des Telegraph", "zitiert von Tass", "Reuters reported". An
outlet merely named ("an interview on CNN") is not a citation.
"""

from __future__ import annotations

from newsweave.entities.tokens import fact_sentences
from newsweave.facts.cues import all_cues, cues
from newsweave.model import Citation, Mention, Quote
from newsweave.textnorm import fold_aligned

BEFORE_CHARS = 60  # "Nach Angaben der litauischen Nachrichtenagentur BNS"
AFTER_CHARS = 25  # "Reuters reported", "Tass meldete"


def find_citations(
    text: str, language: str | None, mentions: list[Mention], quotes: list[Quote] | None = None
) -> list[Citation]:
    """Outlets next to a citing word, and outlets that relayed a quote ("told The Moscow Times")."""
    found = _cited(text, language, mentions)
    at = {(c.start, c.end) for c in found}
    by_span = {(m.start, m.end): m for m in mentions}
    for q in quotes or []:
        outlet = by_span.get(q.via) if q.via else None
        if outlet is not None and q.via not in at:
            cue = (q.cue_start, q.cue_end) if q.cue_start is not None and q.cue_end is not None else q.via
            found.append(Citation(outlet.base or outlet.text, outlet.start, outlet.end, *cue))  # type: ignore[misc]
            at.add((outlet.start, outlet.end))
    found.sort(key=lambda c: c.start)
    return found


def _cited(text: str, language: str | None, mentions: list[Mention]) -> list[Citation]:
    folded = fold_aligned(text)
    stems = cues("CITE", language)
    found: list[Citation] = []
    media = sorted((m for m in mentions if m.media), key=lambda m: m.start)
    if not media or not stems:
        return found
    for s_start, s_end in fact_sentences(text):
        here = [m for m in media if s_start <= m.start and m.end <= s_end]
        if not here:
            continue
        words = [(a + s_start, b + s_start) for a, b in all_cues(folded[s_start:s_end], stems)]
        for m in here:
            before = [c for c in words if c[1] <= m.start and m.start - c[1] <= BEFORE_CHARS]
            after = [c for c in words if c[0] >= m.end and c[0] - m.end <= AFTER_CHARS]
            cue = before[-1] if before else (after[0] if after else None)
            if cue is None:
                continue
            found.append(Citation(m.base or m.text, m.start, m.end, *cue))
    return found
