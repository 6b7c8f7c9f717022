"""What a story says, in a few sentences, and where its sources disagree.

The summary is extractive across languages: candidate sentences are the leads of the story's articles
(news puts the event first), scored by similarity to the story centroid and picked by maximal marginal
relevance, so a Latvian and a German sentence saying the same thing count once. Every sentence keeps
its article id and offsets.

Disagreements are assessments of the same story with opposite polarity ("productive", "constructive"
against "no progress", "without agreement") in different articles. The cue lists are per language; a
negative cue is looked for first because most negative assessments contain a positive word
("no major progress").
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from newsweave.embedding.base import Embedder
from newsweave.entities.tokens import fact_sentences
from newsweave.facts.cues import all_cues, cues
from newsweave.model import Article
from newsweave.textnorm import fold

#: Sentences of each article's lead that may enter the summary.
LEAD_SENTENCES = 4
#: Relevance against redundancy in MMR (1: relevance only).
MMR_LAMBDA = 0.7
#: Sentences this similar to one already picked say the same thing.
REDUNDANT = 0.9


@dataclass(frozen=True, slots=True)
class Sentence:
    article_id: str
    language: str | None
    start: int
    end: int
    text: str

    def as_dict(self) -> dict[str, object]:
        return {
            "article_id": self.article_id,
            "language": self.language,
            "start": self.start,
            "end": self.end,
            "text": self.text,
        }


def lead_sentences(article: Article) -> list[Sentence]:
    out: list[Sentence] = []
    for start, end in fact_sentences(article.text)[:LEAD_SENTENCES]:
        text = article.text[start:end].strip()
        if len(text) >= 25:  # a dateline or a byline is not a summary sentence
            out.append(Sentence(article.id, article.language, start, end, text))
    return out


def summarise(
    articles: list[Article], embedder: Embedder, centroid: np.ndarray | None, size: int = 4
) -> list[Sentence]:
    """Up to ``size`` lead sentences that best cover the story, most central first."""
    candidates = [s for a in articles for s in lead_sentences(a)]
    if not candidates:
        return []
    # No language: the static table then backs off by prefix only, not through a lemma dictionary,
    # whose first load costs ~1.5 s per language (9 s on a fresh server's first page of a six-language
    # story); comparing a handful of lead sentences does not need it.
    vectors = embedder.embed([s.text for s in candidates], [None] * len(candidates))
    centre = centroid if centroid is not None and centroid.shape[0] == vectors.shape[1] else vectors.mean(0)
    norm = float(np.linalg.norm(centre))
    relevance = vectors @ (centre / norm) if norm else np.zeros(len(candidates))
    picked: list[int] = []
    while len(picked) < min(size, len(candidates)):
        best, best_value = -1, -np.inf
        for i in range(len(candidates)):
            if i in picked:
                continue
            redundancy = max((float(vectors[i] @ vectors[j]) for j in picked), default=0.0)
            if redundancy >= REDUNDANT:
                continue
            value = MMR_LAMBDA * float(relevance[i]) - (1 - MMR_LAMBDA) * redundancy
            if value > best_value:
                best, best_value = i, value
        if best < 0:
            break
        picked.append(best)
    return [candidates[i] for i in picked]


def polarity(sentence: str, language: str | None) -> tuple[str, str] | None:
    """("negative"|"positive", the cue) of an assessment in ``sentence``, or None; cues in table order."""
    folded = fold(sentence)
    for kind, table in (("negative", "ASSESS_NEGATIVE"), ("positive", "ASSESS_POSITIVE")):
        for stem in cues(table, language):
            if all_cues(folded, (stem,)):
                return kind, stem.rstrip(" ")
    return None


def disagreements(articles: list[Article], limit: int = 5) -> list[dict[str, object]]:
    """Pairs of sentences from different articles that assess the story in opposite ways."""
    found: dict[str, list[tuple[Sentence, str]]] = {"positive": [], "negative": []}
    for article in articles:
        for start, end in fact_sentences(article.text):
            text = article.text[start:end].strip()
            judged = polarity(text, article.language)
            if judged is not None:
                found[judged[0]].append((Sentence(article.id, article.language, start, end, text), judged[1]))
    pairs: list[dict[str, object]] = []
    for pos, pos_cue in found["positive"]:
        for neg, neg_cue in found["negative"]:
            if pos.article_id != neg.article_id and len(pairs) < limit:
                pairs.append(
                    {"positive": {**pos.as_dict(), "cue": pos_cue}, "negative": {**neg.as_dict(), "cue": neg_cue}}
                )
    return pairs
