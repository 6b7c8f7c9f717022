"""Tag mentions in text with the trained CRF; spans come back with offsets and a confidence.

The confidence of a span is the mean marginal probability of its labels: a mention the model was
unsure of can be filtered or shown differently downstream.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from newsweave.entities.crf import decode as decode_crf
from newsweave.entities.crf import load_weights
from newsweave.entities.features import FeatureScorer
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
        elif cur:
            close()
            cur, cur_label = [], ""
    close()
    return out


#: Tokens scored in one call: the score arrays of a two-million-character article are not held at once.
CHUNK_TOKENS = 8_192


class MentionTagger:
    def __init__(self, model: Path) -> None:
        if not model.is_file():
            raise ConfigError(f"entity model not found: {model}; build it with: newsweave train entities")
        self.model = model
        weights = load_weights(model)
        self._labels = weights.labels
        self._transitions = weights.transitions
        self._scorer = FeatureScorer(weights)
        self._gazetteer = Gazetteer()

    def tag(self, text: str, language: str | None = None) -> list[Mention]:
        """Mentions of every sentence, scored and decoded a few thousand tokens at a time (an article of
        3,000 characters has about 500): numpy's calls cost per batch, not per sentence."""
        sentence_tokens = [tokenize(text[start:end], start) for start, end in sentences(text)]
        mentions: list[Mention] = []
        chunk: list[list[Token]] = []
        size = 0
        for tokens in sentence_tokens:
            if not tokens:
                continue
            chunk.append(tokens)
            size += len(tokens)
            if size >= CHUNK_TOKENS:
                mentions.extend(self._tag_sentences(chunk, text, language))
                chunk, size = [], 0
        if chunk:
            mentions.extend(self._tag_sentences(chunk, text, language))
        return mentions

    def _tag_sentences(self, sentence_tokens: list[list[Token]], text: str, language: str | None) -> list[Mention]:
        rows = []
        for tokens in sentence_tokens:
            places = self._gazetteer.tag([t.text for t in tokens])
            shown = truecase(tokens, language, places) if language in NOUN_CAPITALISING else tokens
            rows.append(([t.text for t in shown], places))
        mentions: list[Mention] = []
        labels = self._labels
        for tokens, (path, prob) in zip(
            sentence_tokens, decode_crf(self._scorer.scores(rows), self._transitions), strict=True
        ):
            names = [labels[k] for k in path.tolist()]
            # a mention's confidence is its own tokens' marginals (``decode``)
            marginals = prob[np.arange(len(path)), path].tolist()
            mentions.extend(decode(tokens, names, marginals, text))
        return mentions
