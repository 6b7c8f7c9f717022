"""East Slavic surnames put back in the nominative, in the case and gender their first name shows.

A Russian or Ukrainian surname's ending alone is ambiguous: "Захарова" is a woman's nominative and a
man's genitive, "Лаврову" a man's dative and a woman's accusative. The first name beside it settles
both: "Дмитрия" is the genitive of the man's name "Дмитрий", "Марию" the accusative of the woman's
"Мария". The surnames themselves follow a small closed set of declensions (-ов/-ев/-ин, adjectival
-ский/-ой, consonant stems), written down here once, because the annotated corpus has too few inflected
Russian names for the learned rules to see every case (held-out Russian people: "Дмитрия Медведева",
"Николая Сольского", "Сергею Лаврову" were left unchanged or half-changed by them).
"""

from __future__ import annotations

LANGUAGES = frozenset({"ru", "uk", "be"})
_VOWELS = set("аеёиоуыэюяіїє")
_SOFT_STEM = set("кгхжшчщ")

#: (surname ending, replacement) per (gender, case), longest first within a case.
_MASCULINE = {
    "gen": [
        ("ского", "ский"),
        ("цкого", "цкий"),
        ("ова", "ов"),
        ("ева", "ев"),
        ("ёва", "ёв"),
        ("ина", "ин"),
        ("ына", "ын"),
        ("ого", "ый"),
    ],
    "dat": [
        ("скому", "ский"),
        ("цкому", "цкий"),
        ("ову", "ов"),
        ("еву", "ев"),
        ("ёву", "ёв"),
        ("ину", "ин"),
        ("ыну", "ын"),
        ("ому", "ый"),
        ("ові", "ов"),
        ("еві", "ев"),
    ],
    "ins": [
        ("ским", "ский"),
        ("цким", "цкий"),
        ("овым", "ов"),
        ("евым", "ев"),
        ("ёвым", "ёв"),
        ("иным", "ин"),
        ("ыным", "ын"),
        ("ым", "ый"),
        ("им", "ий"),
    ],
    "loc": [("ском", "ский"), ("цком", "цкий"), ("ове", "ов"), ("еве", "ев"), ("ине", "ин"), ("ыне", "ын")],
}
_FEMININE = {
    "acc": [("скую", "ская"), ("цкую", "цкая"), ("ову", "ова"), ("еву", "ева"), ("ину", "ина"), ("ую", "ая")],
    "obl": [
        ("ской", "ская"),
        ("цкой", "цкая"),
        ("овой", "ова"),
        ("евой", "ева"),
        ("иной", "ина"),
        ("ою", "а"),
        ("ой", "ая"),
    ],
}
#: A consonant-stem surname (Абрамович, Скрипаль, Штайнмайер) takes the plain noun endings.
_PLAIN_MASCULINE = {"gen": ("а", "я"), "dat": ("у", "ю"), "ins": ("ом", "ем"), "loc": ("е",)}


def case_of(first: str, lemma: str) -> tuple[str, str] | None:
    """(gender, case) that a first name in ``first`` shows against its nominative ``lemma``."""
    f, base = first.lower(), lemma.lower()
    if f == base or not base:
        return None
    if base[-1] in "ая":  # Мария, Анна: feminine
        if f.endswith(("у", "ю")):
            return "f", "acc"
        if f.endswith(("ой", "ей", "ою", "ею", "ы", "и", "е", "і")):
            return "f", "obl"
        return None
    if f.endswith(("ом", "ем", "ём")):
        return "m", "ins"
    if f.endswith(("а", "я")):
        return "m", "gen"
    if f.endswith(("у", "ю", "ові", "еві")):
        return "m", "dat"
    if f.endswith(("е", "і")):
        return "m", "loc"
    return None


def surname_base(surname: str, gender: str, case: str, language: str) -> str | None:
    """The nominative of ``surname`` in that gender and case; None when no declension fits (a foreign
    name that does not decline, "Харрис", "Шойгу", stays as written by the caller)."""
    low = surname.lower()
    table = _MASCULINE if gender == "m" else _FEMININE
    for ending, base in table.get(case, []):
        if low.endswith(ending) and len(low) - len(ending) >= 2:
            if ending == "ого" and (language == "uk" or low[-4:-3] in _SOFT_STEM):
                base = "ий"
            return surname[: len(surname) - len(ending)] + base
    if gender == "m" and case in _PLAIN_MASCULINE:
        for ending in _PLAIN_MASCULINE[case]:
            stem = surname[: len(surname) - len(ending)]
            if low.endswith(ending) and len(stem) >= 3 and stem[-1].lower() not in _VOWELS:
                if ending in ("я", "ю", "ем"):  # soft stem: Скрипаля → Скрипаль
                    return stem + "ь"
                return stem
    return None
