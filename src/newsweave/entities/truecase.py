"""German truecasing: show the tagger common nouns in lower case, as its training languages write them.

German capitalises every noun, so the tagger's strongest cue for a name (a capital away from the start
of a sentence) fires on every noun. Before tagging, words that look like common nouns are lowercased in
the text the features see; offsets and the article text are untouched. docs/entities.md has the
measurements behind each condition.
"""

from __future__ import annotations

import re

from newsweave.entities.lexicon import is_known
from newsweave.entities.spans import GERMAN_ARTICLES
from newsweave.entities.tokens import Token

#: Languages that capitalise every noun, where capitals say little about names.
NOUN_CAPITALISING = frozenset({"de", "lb"})


#: Endings of German common nouns (derivations and plurals) that names rarely have.
_NOUN_ENDING = re.compile(
    r"(?:ung|ungen|heit|heiten|keit|keiten|schaft|schaften|tion|tionen|ismus|tät|täten|nis|nisse|"
    r"tum|ment|chen|ierung|ler|ner|ter[ns]?|gen|ten|nen|ben|hen|fen|ken|ssen|tzen)$"
)
#: Articles and article-prepositions: a capitalised word right after one is usually a common noun.
# fmt: off
_ARTICLES = GERMAN_ARTICLES | {
    "ein", "eine", "einen", "einem", "einer", "eines", "im", "am", "zum", "zur", "vom", "beim", "kein", "keine",
    "diese", "dieser", "dieses", "jeder", "jede", "jedes", "seine", "ihre", "unsere",
}
# fmt: on
_LONG_COMPOUND = 11


def _common_noun(word: str, previous: str, language: str) -> bool:
    """A German capitalised word that is a common noun, not a name.

    The German dictionary alone cannot tell (it knows Berlin, Friedrich and Merz too), so a word must be
    known in German and either follow an article or a Saxon genitive, or be unknown in English (which
    knows many names but few German nouns) and look like a noun: a derivational ending or a long compound.
    """
    if not is_known(word, language):
        return False
    # After an article or a Saxon genitive ("Trumps Vertreter", "Dmitrijews Mission") comes a noun.
    if previous.lower() in _ARTICLES or (len(previous) > 3 and previous[:1].isupper() and previous.endswith("s")):
        return True
    if is_known(word, "en"):
        return False
    head = word.rsplit("-", 1)[-1].lower()
    return bool(_NOUN_ENDING.search(head)) or len(head) >= _LONG_COMPOUND


def truecase(tokens: list[Token], language: str, places: list[str]) -> list[Token]:
    """The tokens as the features should see them; ``places`` are the gazetteer's tags (never lowercased)."""
    out = []
    for i, (token, place) in enumerate(zip(tokens, places, strict=True)):
        word = token.text
        previous = tokens[i - 1].text if i else ""
        if word[:1].isupper() and not word.isupper() and not place and _common_noun(word, previous, language):
            out.append(Token(word.lower(), token.start, token.end))
        else:
            out.append(token)
    return out
