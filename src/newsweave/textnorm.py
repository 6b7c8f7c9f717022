"""Text normalisation shared by cleaning, ids and (later) search.

Two different normalisations on purpose: ``normalize`` keeps the text a person reads (NFC, one kind of
space, no invisible characters) and is what offsets refer to; ``fold`` is for comparing only (no case, no
diacritics, no punctuation), so that "Citește și" matches "citeste si" and two copies of an article with
different quote marks get one id.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from functools import lru_cache

#: Invisible characters that break matching and can hide text: zero-width space/joiners used as
#: separators, word joiner, BOM, soft hyphen, and bidirectional controls (which can reorder what a
#: person sees). ZWNJ (U+200C) is kept: it changes spelling in Persian and Indic scripts.
_INVISIBLE = dict.fromkeys(
    [0x200B, 0x200D, 0x2060, 0xFEFF, 0x00AD, 0x180E, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
)
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_NON_WORD = re.compile(r"[\W_]+")
#: Letters that Unicode does not decompose into base + diacritic, folded by hand.
_UNDECOMPOSED = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th", "ŀ": "l", "ŧ": "t", "ð": "d"}
)


def normalize(text: str) -> str:
    """Readable normal form: NFC, LF line ends, no invisible or control characters, single spaces."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").replace("\u2028", "\n")
    text = text.replace("\u2029", "\n\n")
    text = _CONTROLS.sub("", text)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def fold(text: str) -> str:
    """Comparison form: case-folded, diacritics removed, whitespace collapsed (punctuation kept)."""
    return fold_word(text) if len(text) <= SHORT else _fold(text)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_UNDECOMPOSED))
    return " ".join(decomposed.translate(_combining_marks()).split())


@lru_cache(maxsize=1)
def _combining_marks() -> dict[int, None]:
    """Every code point with a combining class, to delete in one ``translate`` (a character-by-character
    test was a tenth of an article's time)."""
    return {cp: None for cp in range(sys.maxunicode + 1) if unicodedata.combining(chr(cp))}


#: Words and names repeat across a corpus: the tagger's features, the gazetteer and the rules that
#: compare a mention's words with their lists fold each once (an ingest folded about 200 short strings
#: an article from scratch before, 5 % of its profiled time).
fold_word = lru_cache(maxsize=200_000)(_fold)
#: Strings up to this length are folded through the cache; longer ones (sentences, texts) rarely repeat.
SHORT = 40


def words(text: str) -> list[str]:
    """Folded word tokens, punctuation dropped."""
    return folded_words(fold(text))


def folded_words(folded: str) -> list[str]:
    """``words`` of a text already folded (a caller that needs the fold too folds once)."""
    return [w for w in _NON_WORD.split(folded) if w]


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    folded = fold(ch)
    return folded[0] if folded else (" " if ch.isspace() else ch)


class _FoldTable(dict[int, str]):
    """Code point -> its one-character fold, filled as characters are met (``str.translate`` then maps a
    whole text in C)."""

    def __missing__(self, code: int) -> str:
        value = self[code] = _fold_char(chr(code))
        return value


_FOLD_TABLE = _FoldTable()


@lru_cache(maxsize=16)
def fold_aligned(text: str) -> str:
    """``fold`` one character at a time, so that offsets into the result are offsets into ``text``
    (what cue matching needs to point back at the words it found). Kept for the last few texts: the
    fact stages each ask for the same article's."""
    return text.translate(_FOLD_TABLE)
