"""Latvian women's names: an ending that is a man's genitive is also a woman's nominative.

Latvian's hand rules (``baseform.HAND_RULES``) read a name's "-a" as the genitive of a man's "-s"
("Šolca" → "Šolcs"), which it usually is in news; but "Evika Siliņa", "Baiba Braže" and "Daiga
Mieriņa" are women named in the nominative, and came out "Eviks Siliņs", "Baibs Braže", "Daigs Mieriņs".
The ending alone cannot tell them apart, and no name list ships here, so the article decides. A person is
a woman when
- the role written before her ends in "-e", a feminine noun that is never a man's case form
  ("premjerministre", "ministre", "prezidente", "vēstniece"); or
- her surname takes an ending only women's names take: "-as" or "-ai" ("Siliņas", "Siliņai"), or
  "-e", "-es", "-ei" after a first name that does not end like a man's ("Baiba Braže", "Bražes");
and every mention of the same surname's stem in the article then takes the feminine base: "-a",
"-as", "-ai", "-u", "-ā" → "-a"; "-es", "-ei", "-i", "-ē" → "-e". Men's names keep the hand rules.
"""

from __future__ import annotations

from collections.abc import Sequence

#: Endings after which a Latvian name's stem is what is left, longest first.
_ENDINGS = ("as", "ai", "es", "ei", "a", "u", "ā", "e", "i", "ē")
#: The feminine nominative each ending goes back to.
_BASE = {"as": "a", "ai": "a", "a": "a", "u": "a", "ā": "a", "es": "e", "ei": "e", "e": "e", "i": "e", "ē": "e"}
#: Endings only a woman's name takes in running text.
_HERS = ("as", "ai")
_FIFTH = ("e", "es", "ei")
#: A man's first name in the nominative ends so ("Edgars", "Krišjānis", "Andris", "Ojārs", "Kirils").
_HIS = ("s", "š")
MIN_STEM = 3


def _split(word: str) -> tuple[str, str] | None:
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            return word[: -len(ending)], ending
    return None


def _is_hers(surface: str, role: str | None) -> bool:
    words, role_words = surface.split(), (role or "").split()
    if role_words and role_words[-1].lower().endswith("e"):
        return True
    last = words[-1]
    if last.endswith(_HERS):
        return True
    return last.endswith(_FIFTH) and (len(words) == 1 or not words[0].endswith(_HIS))


def feminine_bases(
    bases: list[str], labels: Sequence[str], surfaces: Sequence[str], roles: Sequence[str | None]
) -> list[str]:
    """``bases`` with every Latvian woman's name in the feminine nominative (see the module's text)."""
    stems: set[str] = set()
    for label, surface, role in zip(labels, surfaces, roles, strict=True):
        if label == "PER" and surface and surface[:1].isupper() and _is_hers(surface, role):
            split = _split(surface.split()[-1])
            if split:
                stems.add(split[0])
    if not stems:
        return bases
    out = []
    for base, label, surface in zip(bases, labels, surfaces, strict=True):
        words = surface.split()
        split = _split(words[-1]) if label == "PER" and words else None
        if split is None or split[0] not in stems or len(base.split()) != len(words):
            out.append(base)
            continue
        hers = []
        for word, was in zip(words, base.split(), strict=True):
            parts = _split(word) if word[:1].isupper() else None
            hers.append(parts[0] + _BASE[parts[1]] if parts else was)
        out.append(" ".join(hers))
    return out
