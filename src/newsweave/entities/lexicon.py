"""One process-wide view of simplemma's dictionaries, with room for every language newsweave meets.

simplemma's module-level functions keep only eight languages' dictionaries decoded; a multilingual
stream touches more (the article languages plus English for German truecasing), and every eviction
costs a second or two of decompression. Measured: 17 reloads in 200 mixed-language articles, which
cut the mention stage from 137 to 19 articles/s. One cached factory sized for all languages fixes it.
"""

from __future__ import annotations

from functools import cache
from typing import Any

MAX_LANGUAGES = 64
_UNSUPPORTED: set[str] = set()


@cache
def _lookup() -> Any:
    from simplemma.strategies import DictionaryLookupStrategy
    from simplemma.strategies.dictionaries.dictionary_factory import DefaultDictionaryFactory

    return DictionaryLookupStrategy(dictionary_factory=DefaultDictionaryFactory(cache_max_size=MAX_LANGUAGES))


def known_lemma(word: str, language: str) -> str | None:
    """The dictionary's base form of ``word``, or None when the word (or the language) is unknown to it."""
    from simplemma.utils import normalize_token

    if language in _UNSUPPORTED:
        return None
    try:
        lemma = _lookup().get_lemma(normalize_token(word), language)
    except ValueError:
        _UNSUPPORTED.add(language)  # simplemma has no dictionary for it: do not look on disk again
        return None
    except KeyError:
        return None
    return str(lemma) if lemma is not None else None


def is_known(word: str, language: str) -> bool:
    return known_lemma(word, language) is not None
