"""Stable id and MinHash signature of the cleaned text.

The id hashes the folded text (no case, diacritics or spacing differences), so the same article read
from an HTML page, a feed and a JSONL dump gets one id. The MinHash over word 3-grams (character
5-grams for text without spaces, such as Chinese or Japanese) lets the dedup step find syndicated copies
whose wording differs slightly.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from typing import Any

import numpy as np
from datasketch import MinHash
from pydantic import BaseModel, ConfigDict, Field

from newsweave.model import Article
from newsweave.stages.base import Stage
from newsweave.textnorm import fold, folded_words


class FingerprintOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")

    num_perm: int = Field(128, description="MinHash permutations; more is more exact and slower.")
    shingle_words: int = Field(3, description="Words per shingle.")


def article_id(folded: str) -> str:
    """The id of a text from its ``fold``: the stage folds once for the id and the shingles."""
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()[:16]


def shingles(tokens: list[str], chars: int, size: int) -> set[bytes]:
    """Word ``size``-grams of a text's folded words; ``chars`` is the text's length."""
    if len(tokens) < max(3, chars // 40):  # few spaces: a script written without word breaks
        flat = "".join(tokens)
        return {flat[i : i + 5].encode() for i in range(max(1, len(flat) - 4))}
    if len(tokens) < size:
        return {" ".join(tokens).encode()}
    return {" ".join(tokens[i : i + size]).encode() for i in range(len(tokens) - size + 1)}


#: Pinned so stored signatures stay comparable across datasketch releases (2.0 changed the default once).
SCHEME = "affine32"
_DTYPE = np.uint32


@lru_cache(maxsize=8)
def _permutations(num_perm: int) -> Any:
    """The permutations every signature of this size uses (seed 1), made once: datasketch draws them
    anew for each MinHash, which took a third of this stage's time."""
    return MinHash(num_perm=num_perm, scheme=SCHEME).permutations


def signature(text: str, num_perm: int = 128, size: int = 3, folded: str | None = None) -> MinHash:
    tokens = folded_words(fold(text) if folded is None else folded)
    mh = MinHash(num_perm=num_perm, scheme=SCHEME, permutations=_permutations(num_perm))
    mh.update_batch(sorted(shingles(tokens, len(text), size)))
    return mh


def signature_bytes(mh: MinHash) -> bytes:
    return np.asarray(mh.hashvalues, dtype=_DTYPE).tobytes()


def signature_from_bytes(data: bytes) -> MinHash:
    values = np.frombuffer(data, dtype=_DTYPE)
    return MinHash(
        num_perm=len(values), hashvalues=values.copy(), scheme=SCHEME, permutations=_permutations(len(values))
    )


class FingerprintStage(Stage):
    name = "fingerprint"
    requires = ("text",)
    provides = ("id", "minhash")
    Options = FingerprintOptions

    def __call__(self, article: Article) -> Article:
        opts: FingerprintOptions = self.options  # type: ignore[assignment]
        folded = fold(article.text)
        article.id = article_id(folded)
        article.minhash = signature_bytes(signature(article.text, opts.num_perm, opts.shingle_words, folded))
        return article
