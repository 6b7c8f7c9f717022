"""Token features for the mention tagger, chosen to carry over to languages with no training data.

Besides the word itself, every feature describes form and context in terms that mean the same in any
Latin or Cyrillic language: shape, capitalisation away from a sentence start, affixes, script,
neighbouring shapes, membership in multilingual place-name lists, and the word's cluster in the
multilingual word table (``clusters.py``; held-out topic relaxed partial F1 0.803 → 0.820). These are
what let a model trained on Bulgarian, Czech, Polish, Russian, Slovene, Ukrainian and Romanian say
something useful about Latvian or German.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from newsweave.entities.clusters import cluster_of
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


#: Word forms kept with their strings (about 1.3 KB each now that affix, shape and cluster strings are
#: shared, so at most about 85 MB). 16,384 forms kept 71 % of the tokens of 3,000 mixed-language
#: benchmark articles; a cache miss builds the word's strings again, and at that size the misses were a
#: tenth of the stage. `newsweave bench --articles 1000 --article-chars 3000 --stages-only`, side by
#: side (2026-11-24): 16,384 forms at 2.3 KB 87-89 articles/s, 65,536 at 1.3 KB 100-101, peak memory
#: +48 MB.
WORDS_KEPT = 65_536


@lru_cache(maxsize=WORDS_KEPT)
def _word(word: str) -> _Word:
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
