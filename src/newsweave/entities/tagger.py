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
from newsweave.entities.tokens import Token, sentences, tokenize
from newsweave.errors import ConfigError
from newsweave.model import EntityLabel, Mention


def tidy(mention: Mention, text: str) -> Mention | None:
    """Names start with a capital: trim leading lowercase words from a person ("von Uschakow"), and drop
    a "person" with no capitalised word at all (role nouns such as "președintele")."""
    if mention.label != "PER":
        return mention
    comma = mention.text.find(",")
    if comma > 0:  # a person's name never spans a comma: "Kirill Dmitriev, emisarul" is a name and a role
        mention.end = mention.start + comma
        mention.text = text[mention.start : mention.end]
    words = mention.text.split(" ")
    skip = 0
    while skip < len(words) - 1 and not words[skip][:1].isupper():
        skip += 1
    if not any(w[:1].isupper() for w in words[skip:]):
        return None
    if skip:
        cut = len(" ".join(words[:skip])) + 1
        mention.start += cut
        mention.text = text[mention.start : mention.end]
    return mention


_CONJUNCTION = re.compile(r" (?:[^\W\d_A-ZÀ-ÖØ-ÞА-ЯЁЄІЇҐ]{1,3}|&) (?=[^\W\d_])")


def split_coordination(mention: Mention, text: str) -> list[Mention]:
    """ "Stīvs Vitkofs un ASV", "Kijivu un Maskavu": two names joined by a short lowercase conjunction are
    two mentions, when both sides are capitalised (a conjunction inside one name, "Komunistická strana
    Čech a Moravy", has a lowercase word before it and stays whole)."""
    m = _CONJUNCTION.search(mention.text)
    if not m or mention.label == "ORG":
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
            for part in split_coordination(Mention(start, end, text[start:end], label, round(conf, 4)), text):
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


def truecase(tokens: list[Token], language: str, gazetteer: Gazetteer) -> list[Token]:
    """Show the model common nouns in lower case, as the Slavic training data would have them.

    A capitalised word that the language's dictionary knows, and that is not a place name, is most
    likely a common noun in German; names the dictionary does not know (Putin, Dmitrijew, Uschakow)
    keep their capital. Offsets stay as they are: only the text the features see changes.
    """
    from simplemma import is_known

    places = gazetteer.tag([t.text for t in tokens])
    out = []
    for token, place in zip(tokens, places, strict=True):
        word = token.text
        head = word.rsplit("-", 1)[-1]  # a compound's last part decides: US-Finanzminister is a noun
        if (
            word[:1].isupper()
            and not word.isupper()
            and not place
            and head[:1].isupper()
            and (is_known(word, lang=language) or (head != word and is_known(head, lang=language)))
        ):
            out.append(Token(word.lower(), token.start, token.end))
        else:
            out.append(token)
    return out
