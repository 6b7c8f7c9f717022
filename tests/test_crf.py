"""The numpy CRF tagger against the definition of a linear-chain CRF and against python-crfsuite, which
trained the model: same labels, same marginals, same state scores as ``token_features``' strings."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pycrfsuite
import pytest

from newsweave.entities.crf import BATCH_CELLS, decode, load_weights
from newsweave.entities.features import FeatureScorer, token_features
from newsweave.entities.gazetteer import Gazetteer
from newsweave.entities.tokens import Token, sentences, tokenize
from newsweave.entities.train import DEFAULT_MODEL
from newsweave.entities.truecase import truecase
from newsweave.errors import ConfigError

SEEDS = Path(__file__).resolve().parent.parent / "examples" / "seeds"


def _brute_force(scores: np.ndarray, transitions: np.ndarray) -> tuple[list[int], np.ndarray]:
    """Every label sequence scored: the best one, and each position's marginals."""
    length, n_labels = scores.shape
    best, best_score = [], -np.inf
    marginals = np.zeros((length, n_labels))
    for path in itertools.product(range(n_labels), repeat=length):
        score = sum(scores[t, y] for t, y in enumerate(path)) + sum(
            transitions[a, b] for a, b in itertools.pairwise(path)
        )
        if score > best_score:
            best, best_score = list(path), score
        for t, y in enumerate(path):
            marginals[t, y] += np.exp(score)
    return best, marginals / marginals.sum(axis=1, keepdims=True)


def test_decoding_is_the_crf_definition() -> None:
    """Sentences of different lengths in one batch, with strong transitions (which must overturn the
    states' own best labels somewhere) and scores far from zero."""
    rng = np.random.default_rng(3)
    transitions = rng.normal(0, 3, (3, 3))
    batch = [rng.normal(0, 2, (n, 3)) + 40 for n in (5, 1, 3, 6, 2)]
    overturned = False
    for cells in (BATCH_CELLS, 7):  # one batch, and batches of one or two sentences
        for scores, (path, marginals) in zip(batch, decode(batch, transitions, cells), strict=True):
            expected_path, expected_marginals = _brute_force(scores, transitions)
            assert path.tolist() == expected_path
            np.testing.assert_allclose(marginals, expected_marginals, atol=1e-12)
            overturned |= expected_path != scores.argmax(axis=1).tolist()
    assert overturned
    assert decode([], transitions) == []
    empty, one = decode([np.zeros((0, 3)), batch[0]], transitions)
    assert empty[0].shape == (0,) and one[0].tolist() == _brute_force(batch[0], transitions)[0]


def test_long_sentences_neither_overflow_nor_underflow() -> None:
    rng = np.random.default_rng(5)
    transitions = rng.normal(0, 8, (4, 4))
    ((path, marginals),) = decode([rng.normal(0, 30, (2_000, 4))], transitions)
    assert np.isfinite(marginals).all() and np.allclose(marginals.sum(axis=1), 1)
    assert marginals[np.arange(2_000), path].min() > 0


def _seed_sentences() -> list[tuple[list[str], list[str]]]:
    gazetteer = Gazetteer()
    out = []
    for k, path in enumerate(sorted(SEEDS.glob("*.txt"))):
        text = path.read_text(encoding="utf-8")
        for start, end in sentences(text):
            tokens = tokenize(text[start:end], start)
            if tokens:
                places = gazetteer.tag([t.text for t in tokens])
                # every other file truecased as German is, so that lower-cased nouns are seen too
                shown = truecase(tokens, "de", places) if k % 2 else tokens
                out.append(([t.text for t in shown], places))
    return out


def test_the_shipped_model_tags_as_crfsuite_does() -> None:
    """Labels, marginals and state scores of every sample sentence, with a word table small enough that
    words are given up and built again on the way."""
    weights = load_weights(DEFAULT_MODEL)
    scorer = FeatureScorer(weights, words_kept=64)
    reference = pycrfsuite.Tagger()
    reference.open(str(DEFAULT_MODEL))
    rows = _seed_sentences()
    assert len(rows) > 50
    scores = scorer.scores(rows) + scorer.scores(rows[::-1])[::-1]
    decoded = decode(scores[: len(rows)], weights.transitions)
    for i, (words, places) in enumerate(rows):
        features = token_features([Token(w, 0, 0) for w in words], places=places)
        expected = np.array([weights.state[[weights.row(a) for a in row]].sum(axis=0) for row in features])
        np.testing.assert_allclose(scores[i], expected, atol=1e-9)
        np.testing.assert_allclose(scores[len(rows) + i], expected, atol=1e-9)
        reference.set(features)
        labels = reference.tag()
        path, marginals = decoded[i]
        assert [weights.labels[k] for k in path] == labels, words
        for t, label in enumerate(labels):
            assert marginals[t, weights.labels.index(label)] == pytest.approx(reference.marginal(label, t), abs=1e-9)


def test_a_file_that_is_no_crfsuite_model_is_named(tmp_path: Path) -> None:
    whole = DEFAULT_MODEL.read_bytes()
    for content in (b"", b"not a model at all, just some bytes " * 4, whole[:2_000], whole[: len(whole) * 2 // 3]):
        bad = tmp_path / "entities.crfsuite"
        bad.write_bytes(content)
        with pytest.raises(ConfigError, match=r"entities\.crfsuite"):
            load_weights(bad)


def test_an_article_tagged_in_chunks_has_the_same_mentions(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsweave.entities import tagger as tagger_module

    tagger = tagger_module.MentionTagger(DEFAULT_MODEL)
    text = "\n".join(path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt")))
    whole = tagger.tag(text, "pl")
    monkeypatch.setattr(tagger_module, "CHUNK_TOKENS", 30)
    assert tagger.tag(text, "pl") == whole and len(whole) > 50
