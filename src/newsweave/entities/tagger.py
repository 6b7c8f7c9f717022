"""Tag mentions in text with the trained CRF; spans come back with offsets and a confidence.

The confidence of a span is the mean marginal probability of its labels: a mention the model was
unsure of can be filtered or shown differently downstream.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from newsweave.entities.features import token_features
from newsweave.entities.gazetteer import Gazetteer
from newsweave.entities.spans import break_runaway, split_coordination, tidy
from newsweave.entities.tokens import Token, sentences, tokenize
from newsweave.entities.truecase import NOUN_CAPITALISING, truecase
from newsweave.errors import ConfigError
from newsweave.model import EntityLabel, Mention


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
                for part in split_coordination(piece):
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
        places = self._gazetteer.tag([t.text for t in tokens])
        shown = truecase(tokens, language, places) if language in NOUN_CAPITALISING else tokens
        self._tagger.set(token_features(shown, places=places))
        labels = self._tagger.tag()
        # Only a mention's own tokens' marginals count (``decode``); a sentence without one skips the
        # forward-backward pass that the first marginal would start.
        marginals = [self._tagger.marginal(label, i) if label != "O" else 0.0 for i, label in enumerate(labels)]
        return decode(tokens, labels, marginals, text)

    def tag(self, text: str, language: str | None = None) -> list[Mention]:
        mentions: list[Mention] = []
        for start, end in sentences(text):
            mentions.extend(self.tag_tokens(tokenize(text[start:end], start), text, language))
        return mentions
