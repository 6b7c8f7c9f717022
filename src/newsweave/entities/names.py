"""Name keys that survive transliteration, spelling traditions and case endings.

*Kirils Dmitrijevs* (lv), *Kirill Dmitriew* (de), *Kirill Dmitriev* (ro) and *Кирилл Дмитриев* (ru)
must meet. We transliterate to ASCII (anyascii), then fold the spelling differences that separate the
languages' traditions for the same sound: w/v, ij/iy/yi/y → i, kh/ch/h, sch/sh/sz, tsch/tch/ch, doubled
letters, and Latvian's masculine nominative -s (Tramps, Putins). The key is for matching only; people
see the base forms.
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii

#: Lower-case words inside a name ("Corriere della Sera", "Ursula von der Leyen", "Voice of America"):
#: a run of capitalised words may cross them.
NAME_PARTICLES = frozenset(
    {
        "della",
        "delle",
        "del",
        "di",
        "de",
        "la",
        "le",
        "du",
        "des",
        "do",
        "da",
        "of",
        "van",
        "von",
        "der",
        "den",
        "al",
        "bin",
    }
)

#: Letters whose ASCII form loses a sound that other spellings keep (š is "sh" in English, "sch" in German).
_PRE = str.maketrans(
    {
        "š": "sh",
        "Š": "sh",
        "ž": "zh",
        "Ž": "zh",
        "č": "ch",
        "Č": "ch",
        "ć": "ch",
        "ś": "sh",
        "ż": "zh",
        "ź": "zh",
        "ş": "sh",
        "ș": "sh",
        "ț": "ts",
        "ţ": "ts",
        "ł": "l",
        "Ł": "l",
    }
)
_RULES = [
    (re.compile(r"^d(?:zh|z)(?=[aeiou])|^dj"), "j"),
    (re.compile(r"^(?:yu|ju|iu)"), "iu"),
    (re.compile(r"^(?:ya|ja|ia)"), "ia"),
    (re.compile(r"tsch|tch|tsh"), "ch"),
    (re.compile(r"sch|sh|sz|s'"), "sh"),
    (re.compile(r"kh|ch(?!e)|h"), "h"),
    (re.compile(r"w"), "v"),
    (re.compile(r"ij|iy|yi|ii|y|j(?=[^aeiou]|$)"), "i"),
    (re.compile(r"(?<=[^aeiou])ie"), "e"),
    (re.compile(r"ks"), "x"),
    (re.compile(r"c(?=[aou])|ck|q"), "k"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"ou"), "u"),
    (re.compile(r"(.)\1+"), r"\1"),
]
_NON_ALNUM = re.compile(r"[^a-z0-9 ]+")


@lru_cache(maxsize=65536)
def word_key(word: str, lang: str | None = None, person: bool = False) -> str:
    ascii_word = _NON_ALNUM.sub("", anyascii(word.translate(_PRE)).lower())
    if person and lang == "lv" and len(ascii_word) > 3 and ascii_word.endswith("s"):
        ascii_word = ascii_word[:-1]  # Latvian adds -s to masculine names: Tramps, Putins, Dmitrijevs
    for pattern, repl in _RULES:
        ascii_word = pattern.sub(repl, ascii_word)
    return ascii_word


def name_key(base: str, lang: str | None = None, label: str = "") -> str:
    """The matching key of a whole name (its base form), word by word."""
    return " ".join(k for k in (word_key(w, lang, label == "PER") for w in base.split()) if k)
