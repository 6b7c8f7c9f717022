"""Tag mentions in text with the trained CRF; spans come back with offsets and a confidence.

The confidence of a span is the mean marginal probability of its labels: a mention the model was
unsure of can be filtered or shown differently downstream.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from newsweave.entities.features import token_features
from newsweave.entities.gazetteer import Gazetteer
from newsweave.entities.lexicon import is_known
from newsweave.entities.tokens import Token, sentences, tokenize
from newsweave.errors import ConfigError
from newsweave.model import EntityLabel, Mention

#: Articles that open a span without belonging to the name. German ones go whatever their case
#: ("Der Telegraph berichtete"); others only in lower case, since "The Moscow Times" and "Le Monde"
#: carry theirs in the title.
_GERMAN_ARTICLES = frozenset({"der", "die", "das", "den", "dem", "des"})
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
    if mention.label == "EVT":
        return mention
    words = mention.text.split(" ")
    skip = 0

    def leading_article(word: str) -> bool:
        return word.lower() in _GERMAN_ARTICLES or word in _LOWERCASE_ARTICLES

    while skip < len(words) - 1 and (not words[skip][:1].isupper() or leading_article(words[skip])):
        skip += 1
    if not any(w[:1].isupper() for w in words[skip:]):
        return None
    if skip:
        mention.start += len(" ".join(words[:skip])) + 1
        mention.text = text[mention.start : mention.end]
    return mention


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


def split_coordination(mention: Mention, text: str) -> list[Mention]:
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
    return [first, *split_coordination(second, text)]


def decode(tokens: list[Token], labels: list[str], marginals: list[float], text: str) -> list[Mention]:
    """BIO labels to mentions; an I- without a matching B- starts a mention (the CRF rarely does this)."""
    out: list[Mention] = []
    cur: list[int] = []
    cur_label = ""

    def close() -> None:
        if cur:
            start, end = tokens[cur[0]].start, tokens[cur[-1]].end
            conf = sum(marginals[i] for i in cur) / len(cur)
            label: EntityLabel = cur_label  # type: ignore[assignment]
            whole = Mention(start, end, text[start:end], label, round(conf, 4))
            for piece in break_runaway(whole):
                for part in split_coordination(piece, text):
                    mention = tidy(part, text)
                    if mention is not None:
                        out.append(mention)

    for i, tag in enumerate(labels):
        kind, _, label = tag.partition("-")
        if kind == "B" or (kind == "I" and label != cur_label):
            close()
            cur, cur_label = [i], label
        elif kind == "I":
            cur.append(i)
        else:
            close()
            cur, cur_label = [], ""
    close()
    return out


class MentionTagger:
    def __init__(self, model: Path) -> None:
        import pycrfsuite

        if not model.is_file():
            raise ConfigError(f"entity model not found: {model}; build it with: newsweave train entities")
        self.model = model
        self._tagger: Any = pycrfsuite.Tagger()
        self._tagger.open(str(model))
        self._gazetteer = Gazetteer()

    def tag_tokens(self, tokens: list[Token], text: str, language: str | None = None) -> list[Mention]:
        if not tokens:
            return []
        shown = truecase(tokens, language, self._gazetteer) if language and language in NOUN_CAPITALISING else tokens
        self._tagger.set(token_features(shown, self._gazetteer))
        labels = self._tagger.tag()
        marginals = [self._tagger.marginal(label, i) for i, label in enumerate(labels)]
        return decode(tokens, labels, marginals, text)

    def tag(self, text: str, language: str | None = None) -> list[Mention]:
        mentions: list[Mention] = []
        for start, end in sentences(text):
            mentions.extend(self.tag_tokens(tokenize(text[start:end], start), text, language))
        return mentions


#: Languages that capitalise every noun, where capitals say little about names.
NOUN_CAPITALISING = frozenset({"de", "lb"})


#: Endings of German common nouns (derivations and plurals) that names rarely have.
_NOUN_ENDING = re.compile(
    r"(?:ung|ungen|heit|heiten|keit|keiten|schaft|schaften|tion|tionen|ismus|tät|täten|nis|nisse|"
    r"tum|ment|chen|ierung|ler|ner|ter|ter[ns]?|gen|ten|nen|ben|hen|fen|ken|ssen|tzen)$"
)
#: Articles and article-prepositions: a capitalised word right after one is usually a common noun.
_ARTICLES = frozenset(
    {
        "der",
        "die",
        "das",
        "den",
        "dem",
        "des",
        "ein",
        "eine",
        "einen",
        "einem",
        "einer",
        "eines",
        "im",
        "am",
        "zum",
        "zur",
        "vom",
        "beim",
        "kein",
        "keine",
        "diese",
        "dieser",
        "dieses",
        "jeder",
        "jede",
        "jedes",
        "seine",
        "ihre",
        "unsere",
    }
)
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


def truecase(tokens: list[Token], language: str, gazetteer: Gazetteer) -> list[Token]:
    """Show the model German common nouns in lower case, as the Slavic training data would have them.

    Offsets stay as they are: only the text the features see changes.
    """
    places = gazetteer.tag([t.text for t in tokens])
    out = []
    for i, (token, place) in enumerate(zip(tokens, places, strict=True)):
        word = token.text
        previous = tokens[i - 1].text if i else ""
        if word[:1].isupper() and not word.isupper() and not place and _common_noun(word, previous, language):
            out.append(Token(word.lower(), token.start, token.end))
        else:
            out.append(token)
    return out
