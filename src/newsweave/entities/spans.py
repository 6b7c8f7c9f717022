"""Repairs to the spans a tagger returns: trimmed articles, split coordinations, cut runaway spans.

A CRF trained on Slavic news chains words it does not know (Latvian verbs, German nouns) and takes a
leading article or preposition into a name; these repairs are language-independent rules on the span's
own words, applied to every mention before anything else sees it.
"""

from __future__ import annotations

import re

from newsweave.model import Mention

#: Articles that open a span without belonging to the name. German ones go whatever their case
#: ("Der Telegraph berichtete"); others only in lower case, since "The Moscow Times" and "Le Monde"
#: carry theirs in the title.
GERMAN_ARTICLES = frozenset({"der", "die", "das", "den", "dem", "des"})
_LOWERCASE_ARTICLES = frozenset({"the", "le", "la", "les", "el", "los", "las", "il", "lo", "gli", "het", "een"})
#: A span this long that runs through lowercase content words is several things the tagger chained.
RUNAWAY_WORDS = 6


def tidy(mention: Mention, text: str) -> Mention | None:
    """Repair a span: names start with a capital, and a person's name never spans a comma.

    Leading articles and lowercase words are trimmed ("der Ukraine", "ziņo Latvijas Radio", "von
    Uschakow"), except for events, whose names may start in lower case ("inwazja na Ukrainę"); a span
    left with no capitalised word is dropped (role nouns such as "președintele").
    """
    if mention.label == "PER":
        comma = mention.text.find(",")
        if comma > 0:  # "Kirill Dmitriev, emisarul": a name and a role
            mention.end = mention.start + comma
            mention.text = text[mention.start : mention.end]
    _unbalanced_quotes(mention, text)
    if mention.label == "EVT":
        return mention
    words = mention.text.split(" ")
    skip = 0

    def leading_article(word: str) -> bool:
        return word.lower() in GERMAN_ARTICLES or word in _LOWERCASE_ARTICLES

    while skip < len(words) - 1 and (not _capitalised(words[skip]) or leading_article(words[skip])):
        skip += 1
    if not any(_capitalised(w) for w in words[skip:]):
        return None
    if skip:
        mention.start += len(" ".join(words[:skip])) + 1
        mention.text = text[mention.start : mention.end]
    return mention


_QUOTES = frozenset('«»„“”"')


def _capitalised(word: str) -> bool:
    """Capitalised behind an opening quote too: a name the tagger took with its quotes («Українська
    правда») was dropped as if it had no capital."""
    return word.lstrip('«„“"')[:1].isupper()


def _unbalanced_quotes(mention: Mention, text: str) -> None:
    """A quote mark at either end of a span without its partner inside is the tagger running onto the
    quotes around the name ("Північного потоку-2»", "Газпрому\""): it leaves. A name quoted whole
    («Українська правда») keeps both marks."""
    while mention.end - mention.start > 1:
        inside = sum(ch in _QUOTES for ch in mention.text)
        if inside % 2 == 0:
            return
        if mention.text[-1] in _QUOTES:
            mention.end -= 1
            while mention.end > mention.start and text[mention.end - 1].isspace():
                mention.end -= 1
        elif mention.text[0] in _QUOTES:
            mention.start += 1
            while mention.start < mention.end and text[mention.start].isspace():
                mention.start += 1
        else:
            return
        mention.text = text[mention.start : mention.end]


def break_runaway(mention: Mention) -> list[Mention]:
    """Cut a span of many words at its lowercase content words, keeping the capitalised pieces."""
    words = mention.text.split(" ")
    if len(words) < RUNAWAY_WORDS or mention.label == "EVT":
        return [mention]
    pieces: list[Mention] = []
    pos = mention.start
    run: list[tuple[int, str]] = []

    def flush() -> None:
        while run and not run[-1][1][:1].isupper():
            run.pop()
        if run and any(w[:1].isupper() for _, w in run):
            start, end = run[0][0], run[-1][0] + len(run[-1][1])
            piece = " ".join(w for _, w in run)
            pieces.append(Mention(start, end, piece, mention.label, mention.confidence))
        run.clear()

    for word in words:
        if not word[:1].isupper() and len(word) >= 4:
            flush()
        elif run or word[:1].isupper():
            run.append((pos, word))
        pos += len(word) + 1
    flush()
    return pieces


_CONJUNCTION = re.compile(r" (?:[^\W\d_A-ZÀ-ÖØ-ÞА-ЯЁЄІЇҐ]{1,3}|&) (?=[^\W\d_])")


def split_coordination(mention: Mention) -> list[Mention]:
    """ "Stīvs Vitkofs un ASV", "Kijivu un Maskavu": two names joined by a short lowercase conjunction are
    two mentions, when both sides are capitalised (a conjunction inside one name, "Komunistická strana
    Čech a Moravy", has a lowercase word before it and stays whole)."""
    m = _CONJUNCTION.search(mention.text)
    if not m or mention.label == "EVT":
        return [mention]
    left, right = mention.text[: m.start()], mention.text[m.end() :]
    if not all(w[:1].isupper() for w in left.split()) or not right[:1].isupper():
        return [mention]
    first = Mention(mention.start, mention.start + len(left), left, mention.label, mention.confidence)
    second = Mention(mention.start + m.end(), mention.end, right, mention.label, mention.confidence)
    return [first, *split_coordination(second)]
