"""The trained CRF's weights, applied with numpy: decoding a whole article's sentences at once.

Training stays with CRFsuite (``train.py``). Tagging through python-crfsuite cost most of the mention
stage: every token's 25 feature strings were encoded and copied into C++ and looked up in the model's
string table, sentence by sentence (3.6 ms of an 11 ms article of 3,000 characters). Here a word's
features are summed into one score vector per label once per word form and kept; a token adds only
what depends on its neighbours, and Viterbi and the marginals run over all sentences of an article as
one batch. ``test_crf.py`` holds the labels and marginals equal to python-crfsuite's on a corpus.

The model file is CRFsuite's own (``crf1d_model.c``): a header of twelve little-endian 32-bit fields
and a chunk of features, each (type, source, destination, weight as a double); type 0 is a state
feature (attribute → label), type 1 a transition (label → label); labels and attributes are CRFsuite's
string tables (CQDB). python-crfsuite's own reader goes through a text dump that rounds the weights to
six decimals and takes half a second.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from newsweave.errors import ConfigError

_HEADER = struct.Struct("<4sI4sIIIIIIIII")
_FEATURE = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("weight", "<f8")])
_STATE, _TRANSITION = 0, 1


@dataclass(frozen=True)
class CrfWeights:
    """``state`` has one row per attribute and one more of zeros, where unknown attributes point."""

    labels: tuple[str, ...]
    attributes: dict[str, int]
    state: np.ndarray
    transitions: np.ndarray

    @property
    def unknown(self) -> int:
        return len(self.attributes)

    def row(self, attribute: str) -> int:
        return self.attributes.get(attribute, len(self.attributes))


def load_weights(path: Path) -> CrfWeights:
    data = path.read_bytes()
    try:
        magic, _size, kind, _version, _features, n_labels, n_attrs, off_features, off_labels, off_attrs, *_ = (
            _HEADER.unpack_from(data)
        )
    except struct.error as exc:
        raise ConfigError(f"{path}: not a CRFsuite model ({exc})") from exc
    if magic != b"lCRF" or kind != b"FOMC":
        raise ConfigError(f"{path}: not a CRFsuite model (magic {magic!r}, type {kind!r})")
    try:
        chunk, _chunk_size, count = struct.unpack_from("<4sII", data, off_features)
        # the feature count is FEAT's own: CRFsuite leaves the header's at zero
        features = np.frombuffer(data, dtype=_FEATURE, count=count, offset=off_features + 12)
        labels = _names(data, off_labels)
        names = _names(data, off_attrs)
    except (struct.error, ValueError, IndexError) as exc:  # a cut or damaged file
        raise ConfigError(f"{path}: a damaged CRFsuite model ({exc})") from exc
    if chunk != b"FEAT" or len(labels) != n_labels or len(names) != n_attrs:
        raise ConfigError(f"{path}: CRFsuite model parts do not match its header")
    state = np.zeros((n_attrs + 1, n_labels))
    transitions = np.zeros((n_labels, n_labels))
    kinds = features["type"]
    st = features[kinds == _STATE]
    state[st["src"], st["dst"]] = st["weight"]
    tr = features[kinds == _TRANSITION]
    transitions[tr["src"], tr["dst"]] = tr["weight"]
    return CrfWeights(tuple(labels), {name: i for i, name in enumerate(names)}, state, transitions)


def _names(data: bytes, offset: int) -> list[str]:
    """The strings of a CQDB chunk (``cqdb.c``) by id: its header gives the id → record table, and a
    record is (id, size, the string with its NUL)."""
    chunk, _size, _flag, _order, count, table = struct.unpack_from("<4sIIIII", data, offset)
    if chunk != b"CQDB":
        raise struct.error(f"no string table at {offset}")
    names = [""] * count
    for record in struct.unpack_from(f"<{count}I", data, offset + table):
        ident, size = struct.unpack_from("<II", data, offset + record)
        start = offset + record + 8
        names[ident] = data[start : start + size - 1].decode("utf-8")
    return names


#: Token positions (sentences × the longest of them) decoded in one batch: a typical article of 3,000
#: characters has about 1,300, so it is one batch; an article with one sentence of thousands of tokens
#: does not pad every other sentence to that length.
BATCH_CELLS = 32_768


def decode(
    scores: list[np.ndarray], transitions: np.ndarray, cells: int = BATCH_CELLS
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Best labels (Viterbi) and each position's marginal probability of every label, per sentence.

    ``scores`` are (tokens × labels) state scores. Sentences are taken longest first, so that at each
    position the sentences still running are a prefix of the batch; a step costs a few numpy calls
    whatever the number of sentences, so a batch costs about its longest sentence."""
    n_labels = transitions.shape[0]
    out: list[tuple[np.ndarray, np.ndarray]] = [(np.zeros(0, np.intp), np.zeros((0, n_labels)))] * len(scores)
    order = sorted((k for k in range(len(scores)) if len(scores[k])), key=lambda k: -len(scores[k]))
    at = 0
    while at < len(order):
        size = max(1, cells // len(scores[order[at]]))
        batch = order[at : at + size]
        for k, result in zip(batch, _decode_batch([scores[k] for k in batch], transitions), strict=True):
            out[k] = result
        at += size
    return out


def _decode_batch(scores: list[np.ndarray], transitions: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """``decode`` of sentences sorted longest first."""
    n, n_labels = len(scores), transitions.shape[0]
    lengths = np.array([len(s) for s in scores])
    longest = int(lengths[0])
    running = (n - np.cumsum(np.bincount(lengths, minlength=longest + 1))).tolist()  # sentences longer than t
    padded = np.zeros((n, longest, n_labels))
    for row, s in enumerate(scores):
        padded[row, : lengths[row]] = s
    edge = np.exp(transitions)
    emit = np.exp(padded - padded.max(axis=2, keepdims=True))
    # CRFsuite rescales the forward and backward values at each position; here every ``every``
    # positions: a position's best label has emit 1, so a step changes a row's sum by at most the
    # transitions' range and the label count, and ``every`` such steps stay far inside a double.
    every = max(1, int(300 / (float(np.abs(transitions).max()) + np.log(n_labels))))
    best = padded[:, 0].copy()
    back = np.zeros((n, longest, n_labels), dtype=np.intp)
    alpha = np.zeros_like(emit)
    alpha[:, 0] = emit[:, 0]
    step = np.empty((n, n_labels, n_labels))
    for t in range(1, longest):
        a = running[t]
        cand = np.add(best[:a, :, None], transitions, out=step[:a])
        cand.argmax(axis=1, out=back[:a, t])
        cand.max(axis=1, out=best[:a])
        best[:a] += padded[:a, t]
        v = np.matmul(alpha[:a, t - 1], edge, out=alpha[:a, t])
        v *= emit[:a, t]
        if t % every == 0:
            v /= v.sum(axis=1, keepdims=True)
    paths = np.zeros((n, longest), dtype=np.intp)
    rows = np.arange(n)
    paths[rows, lengths - 1] = best.argmax(axis=1)
    beta = np.ones_like(emit)
    inward = edge.T
    for t in range(longest - 1, 0, -1):
        a = running[t]
        paths[:a, t - 1] = back[rows[:a], t, paths[:a, t]]
        v = np.multiply(emit[:a, t], beta[:a, t], out=beta[:a, t - 1])
        np.matmul(v, inward, out=v)
        if t % every == 0:
            v /= v.sum(axis=1, keepdims=True)
    prob = alpha * beta
    prob /= np.maximum(prob.sum(axis=2, keepdims=True), 1e-300)  # padding is all zero
    return [(paths[row, :size], prob[row, :size]) for row, size in enumerate(lengths.tolist())]
