"""Token features for the mention tagger, chosen to carry over to languages with no training data.

Besides the word itself, every feature describes form and context in terms that mean the same in any
Latin or Cyrillic language: shape, capitalisation away from a sentence start, affixes, script,
neighbouring shapes, and membership in multilingual place-name lists. These are what let a model trained
on Bulgarian, Czech, Polish, Russian, Slovene, Ukrainian and Romanian say something useful about
Latvian or German.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from newsweave.entities.gazetteer import Gazetteer
from newsweave.entities.tokens import Token
from newsweave.textnorm import fold_word

_CYR = re.compile(r"[\u0400-\u04ff]")

#: Words repeat across a corpus; shaping them once each is a large share of tagging time.


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


def token_features(
    tokens: list[Token], gazetteer: Gazetteer | None = None, places: list[str] | None = None
) -> list[list[str]]:
    """Features per token; ``places`` are the gazetteer's tags when the caller already has them."""
    words = [t.text for t in tokens]
    low = [w.lower() for w in words]
    shapes = [shape(w) for w in words]
    titled = [w[:1].isupper() for w in words]
    gaz = places if places is not None else (gazetteer.tag(words) if gazetteer else [""] * len(words))
    feats: list[list[str]] = []
    n = len(words)
    for i, w in enumerate(words):
        f = fold_word(w)
        first = i == 0 or words[i - 1] in {"„", '"', "«", "(", "“", "-", "–", "—", ":"}
        row = [
            "b",
            "w=" + low[i],
            "sh=" + shapes[i],
            "s2=" + f[-2:],
            "s3=" + f[-3:],
            "s4=" + f[-4:],
            "p3=" + f[:3],
            "len=" + str(min(len(w), 12) // 3),
            "sc=" + _script(w),
        ]
        if titled[i]:
            row.append("T" if not first else "Tfirst")
        if w.isupper() and len(w) > 1:
            row.append("UP")
        if first:
            row.append("first")
        if gaz[i]:
            row.append("gaz=" + gaz[i])
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < n:
                row.append(f"{d}w={low[j]}")
                row.append(f"{d}sh={shapes[j]}")
                if titled[j]:
                    row.append(f"{d}T")
                if gaz[j]:
                    row.append(f"{d}gaz={gaz[j]}")
            else:
                row.append(f"{d}pad")
        if i > 0:
            row.append(f"-1s3|sh={fold_word(words[i - 1])[-3:]}|{shapes[i]}")
        if i + 1 < n:
            row.append(f"sh|+1sh={shapes[i]}|{shapes[i + 1]}")
        feats.append(row)
    return feats
