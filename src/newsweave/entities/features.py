"""Token features for the mention tagger, chosen to carry over to languages with no training data.

Besides the word itself, every feature describes form and context in terms that mean the same in any
Latin or Cyrillic language: shape, capitalisation away from a sentence start, affixes, script,
neighbouring shapes, membership in multilingual place-name lists, and the word's cluster in the
multilingual word table (``clusters.py``; held-out topic relaxed partial F1 0.803 → 0.820). These are
what let a model trained on Bulgarian, Czech, Polish, Russian, Slovene, Ukrainian and Romanian say
something useful about Latvian or German.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from functools import lru_cache

import numpy as np

from newsweave.entities.clusters import cluster_of
from newsweave.entities.crf import CrfWeights
from newsweave.entities.gazetteer import Gazetteer
from newsweave.entities.tokens import Token
from newsweave.textnorm import fold_word

_CYR = re.compile(r"[\u0400-\u04ff]")


@lru_cache(maxsize=200_000)
def shape(word: str) -> str:
    out: list[str] = []
    for ch in word:
        kind = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch
        if not out or out[-1] != kind:
            out.append(kind)
    return "".join(out)[:6]


@lru_cache(maxsize=200_000)
def _script(word: str) -> str:
    if _CYR.search(word):
        return "cyr"
    ch = next((c for c in word if c.isalpha()), "")
    return "lat" if ch and unicodedata.name(ch, "").startswith("LATIN") else ("other" if ch else "none")


class _Word:
    """What a word contributes to its own row and to its neighbours' rows, built once per word form:
    formatting these strings anew for every token was most of the feature time."""

    __slots__ = ("near", "own", "shape", "tail3", "titled")

    def __init__(self, word: str) -> None:
        low, folded = word.lower(), fold_word(word)
        self.shape = shape(word)
        self.tail3 = folded[-3:]
        self.titled = word[:1].isupper()
        coarse, fine = cluster_of(word)
        # Only the word's own strings are new; affixes, shapes and clusters are shared with every other
        # word that has them, which halves what a cached word costs (and so doubles what is cached).
        own = ["b", "w=" + low, *_shared(self.shape, folded[-2:], self.tail3, folded[-4:], folded[:3])]
        own += [_LENGTH[min(len(word), 12) // 3], _one("sc=" + _script(word))]
        if fine:
            own += _clusters(coarse, fine)
        self.own = tuple(own)
        near = _near(self.shape, coarse, fine)
        self.near = tuple((f"{d}w={low}", *rest) for d, rest in zip(_NEIGHBOURS, near, strict=True))


_LENGTH = tuple(f"len={k}" for k in range(5))


def _shared(shape_: str, s2: str, s3: str, s4: str, p3: str) -> tuple[str, ...]:
    return (_one("sh=" + shape_), _one("s2=" + s2), _one("s3=" + s3), _one("s4=" + s4), _one("p3=" + p3))


#: One copy of each affix and shape feature (40,000 in 1,000 mixed-language articles of 3,000 characters).
@lru_cache(maxsize=200_000)
def _one(feature: str) -> str:
    return feature


@lru_cache(maxsize=4_096)
def _clusters(coarse: str, fine: str) -> tuple[str, str]:
    return "C=" + coarse, "c=" + fine


@lru_cache(maxsize=65_536)
def _near(shape_: str, coarse: str, fine: str) -> tuple[tuple[str, ...], ...]:
    """What a word shows its neighbours besides itself: its shape, and its kind, finely to the next
    words and coarsely two away."""
    return tuple(
        (f"{d}sh={shape_}", *((f"{d}c={fine}",) if abs(d) == 1 else (f"{d}C={coarse}",)))
        if fine
        else (f"{d}sh={shape_}",)
        for d in _NEIGHBOURS
    )


_NEIGHBOURS = (-2, -1, 1, 2)
_TITLED = {d: f"{d}T" for d in _NEIGHBOURS}
_PAD = {d: f"{d}pad" for d in _NEIGHBOURS}
_OPENERS = frozenset({"„", '"', "«", "(", "“", "-", "–", "—", ":"})


#: Word forms kept: by the tagger as summed scores (``FeatureScorer``, 440 bytes each, 29 MB in all),
#: by training as strings (``_word``, about 1.3 KB each). A miss builds the word again. With strings,
#: 16,384 forms kept 71 % of the tokens of 3,000 mixed-language benchmark articles and the misses were a
#: tenth of the stage; `newsweave bench --articles 1000 --article-chars 3000 --stages-only`, side by
#: side (2026-11-24): 16,384 forms 87-89 articles/s, 65,536 100-101.
WORDS_KEPT = 65_536


@lru_cache(maxsize=WORDS_KEPT)
def _word(word: str) -> _Word:
    """A word's strings, for ``token_features`` (training and the tests; the tagger sums them once)."""
    return _Word(word)


def token_features(
    tokens: list[Token], gazetteer: Gazetteer | None = None, places: list[str] | None = None
) -> list[list[str]]:
    """Features per token; ``places`` are the gazetteer's tags when the caller already has them."""
    words = [t.text for t in tokens]
    info = [_word(w) for w in words]
    gaz = places if places is not None else (gazetteer.tag(words) if gazetteer else [""] * len(words))
    feats: list[list[str]] = []
    n = len(words)
    for i, w in enumerate(words):
        me = info[i]
        first = i == 0 or words[i - 1] in _OPENERS
        row = list(me.own)
        if me.titled:
            row.append("T" if not first else "Tfirst")
        if w.isupper() and len(w) > 1:
            row.append("UP")
        if first:
            row.append("first")
        if gaz[i]:
            row.append("gaz=" + gaz[i])
        for k, d in enumerate(_NEIGHBOURS):
            j = i + d
            if 0 <= j < n:
                row.extend(info[j].near[k])
                if info[j].titled:
                    row.append(_TITLED[d])
                if gaz[j]:
                    row.append(f"{d}gaz={gaz[j]}")
            else:
                row.append(_PAD[d])
        if i > 0:
            row.append(f"-1s3|sh={info[i - 1].tail3}|{me.shape}")
        if i + 1 < n:
            row.append(f"sh|+1sh={me.shape}|{info[i + 1].shape}")
        feats.append(row)
    return feats


class FeatureScorer:
    """The CRF's state scores of ``token_features``, without building its strings token by token.

    A word's own features and what it shows each neighbour are summed once per word form into a
    (5 × labels) row of a fixed table (when it is full, a word not seen since the clock hand last
    passed gives its row up: frequent words stay, as in an LRU cache, for a bit per row); a
    token then adds its neighbours' rows and the few features that depend on its place (capitals,
    sentence start, place names, the two pairs). ``test_crf.py`` holds the sums equal to the weights of
    ``token_features``' strings: a feature changed there must be changed here too."""

    def __init__(self, weights: CrfWeights, words_kept: int = WORDS_KEPT) -> None:
        self.weights = weights
        row = weights.row
        self._row = row
        self._pad = {d: row(_PAD[d]) for d in _NEIGHBOURS}
        self._titled = {d: row(_TITLED[d]) for d in _NEIGHBOURS}
        self._fixed = {name: row(name) for name in ("T", "Tfirst", "UP", "first")}
        self._pairs: dict[tuple[str, str, str], int] = {}
        n_labels = weights.state.shape[1]
        self._table = np.zeros((words_kept, 1 + len(_NEIGHBOURS), n_labels))
        self._slot_of: dict[str, int] = {}
        self._word_at: list[str | None] = [None] * words_kept
        self._form: list[tuple[str, str, bool]] = [("", "", False)] * words_kept  # shape, tail3, titled
        self._used = np.zeros(words_kept, dtype=bool)
        self._hand = 0

    def _words(self, words: list[str]) -> tuple[np.ndarray, list[tuple[str, str, bool]]]:
        """Each word's (5 × labels) rows and its (shape, tail3, titled); new words are summed together."""
        get = self._slot_of.get
        slots = [get(w, -1) for w in words]
        self._used[slots] = True  # a miss marks the last row, which is harmless
        rows = self._table[slots]  # a copy: rows given up below do not change it
        form = self._form
        forms = [form[k] for k in slots]
        missing = [i for i, k in enumerate(slots) if k < 0]
        if missing:
            new: dict[str, int] = {}
            for i in missing:
                new.setdefault(words[i], len(new))
            built = [_Word(w) for w in new]
            ids: list[int] = []
            starts: list[int] = []
            attr = self.weights.attributes.get
            unknown = self.weights.unknown
            for w in built:
                for group in (w.own, *w.near):
                    starts.append(len(ids))
                    ids.extend([attr(a, unknown) for a in group])
            sums = np.add.reduceat(self.weights.state[ids], starts).reshape(len(built), *rows.shape[1:])
            rows[missing] = sums[[new[words[i]] for i in missing]]
            made = [(w.shape, w.tail3, w.titled) for w in built]
            for i in missing:
                forms[i] = made[new[words[i]]]
            self._keep(list(new), sums, made)
        return rows, forms

    def _keep(self, words: list[str], sums: np.ndarray, made: list[tuple[str, str, bool]]) -> None:
        size, used = len(self._word_at), self._used
        for word, rows, form in zip(words[-size:], sums[-size:], made[-size:], strict=True):
            slot = self._hand
            while used[slot]:
                used[slot] = False
                slot = (slot + 1) % size
            self._hand = (slot + 1) % size
            old = self._word_at[slot]
            if old is not None:
                del self._slot_of[old]
            self._word_at[slot] = word
            self._slot_of[word] = slot
            self._table[slot] = rows
            self._form[slot] = form

    def _pair_rows(self, kind: str, keys: list[tuple[str, str]]) -> list[int]:
        pairs, row = self._pairs, self._row
        out = []
        for a, b in keys:
            key = (kind, a, b)
            found = pairs.get(key)
            if found is None:
                found = row(f"{kind}={a}|{b}")
                if len(pairs) < WORDS_KEPT:
                    pairs[key] = found
            out.append(found)
        return out

    def scores(self, sentences: list[tuple[list[str], list[str]]]) -> list[np.ndarray]:
        """(tokens × labels) state scores of each sentence, given its words and place tags; the whole
        article at once, so that each feature is one numpy operation over all its tokens."""
        words = [w for sentence, _ in sentences for w in sentence]
        places = [p for _, tags in sentences for p in tags]
        n = len(words)
        state = self.weights.state
        if not n:
            return [np.zeros((0, state.shape[1])) for _ in sentences]
        lengths = [len(sentence) for sentence, _ in sentences]
        ends = np.cumsum(lengths)
        sentence_of = np.repeat(np.arange(len(lengths)), lengths)
        everywhere = np.arange(n)
        position = everywhere - (ends - lengths)[sentence_of]
        length = np.asarray(lengths)[sentence_of]
        rows, forms = self._words(words)
        total = rows[:, 0].copy()
        titled = np.fromiter((f[2] for f in forms), bool, n)
        first = position == 0
        first[1:] |= np.fromiter((w in _OPENERS for w in words[:-1]), bool, n - 1)
        for k, d in enumerate(_NEIGHBOURS):
            inside = (position + d >= 0) & (position + d < length)
            seen = np.clip(everywhere + d, 0, n - 1)
            total += np.where(inside[:, None], rows[seen, k + 1], state[self._pad[d]])
            total += np.outer(inside & titled[seen], state[self._titled[d]])
        fixed = self._fixed
        total += np.outer(titled & ~first, state[fixed["T"]]) + np.outer(titled & first, state[fixed["Tfirst"]])
        total += np.outer(first, state[fixed["first"]])
        upper = np.fromiter((w.isupper() and len(w) > 1 for w in words), bool, n)
        if upper.any():
            total += np.outer(upper, state[fixed["UP"]])
        shapes = [f[0] for f in forms]
        tails = [f[1] for f in forms]
        opens = position[1:] > 0  # a pair within one sentence
        before = np.array(self._pair_rows("-1s3|sh", list(zip(tails[:-1], shapes[1:], strict=True))))
        after = np.array(self._pair_rows("sh|+1sh", list(itertools.pairwise(shapes))))
        unknown = self.weights.unknown
        total[1:] += state[np.where(opens, before, unknown)]
        total[:-1] += state[np.where(opens, after, unknown)]
        if any(places):
            row = self._row
            for i in np.flatnonzero([bool(p) for p in places]).tolist():
                total[i] += state[row("gaz=" + places[i])]
                for d in _NEIGHBOURS:
                    j = i - d  # the token that sees this place ``d`` away
                    if 0 <= j < n and sentence_of[j] == sentence_of[i]:
                        total[j] += state[row(f"{d}gaz={places[i]}")]
        return np.split(total, ends[:-1])
