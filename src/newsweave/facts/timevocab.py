"""The words of dates in every language: months, weekdays, units, "last"/"next", seasons, "yesterday".

Months, weekdays, unit words and the fixed relative phrases ("wczoraj", "anul trecut", "letzte
Woche") come from dateparser's translation tables (built from CLDR, about 200 languages), so a language
nobody here wrote rules for still gets its dates found. dateparser lists few inflected forms, so a month
or weekday is also recognised by its stem (Latvian "novembrī" from "novembris", Polish "kwietniu"), and
two things CLDR lacks are kept here by hand for the languages newsweave is tuned on: season names and
the "previous/next/this" words that build phrases such as "im vergangenen Jahr" or "jesienią ubiegłego
roku". Everything is compared folded (no case, no diacritics).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TypeVar

from newsweave.facts.cues import cue_language
from newsweave.textnorm import fold

T = TypeVar("T")
SEEN_LIMIT = 200_000  # words remembered per language before the memo starts afresh

MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
UNITS = ("year", "month", "week", "day")

#: Season stems per language: spring, summer, autumn, winter (folded, matched as word prefixes).
SEASONS: dict[str, tuple[tuple[str, ...], ...]] = {
    "en": (("spring",), ("summer",), ("autumn", "fall"), ("winter",)),
    "de": (("fruhling", "fruhjahr"), ("sommer",), ("herbst",), ("winter",)),
    "pl": (("wiosn", "wiosen"), ("lato", "lecie", "latem"), ("jesien", "jesieni"), ("zim",)),
    "ro": (("primavar",), ("vara", "verii"), ("toamn",), ("iarn",)),
    "lv": (("pavasar",), ("vasar",), ("rudens", "rudeni"), ("ziem",)),
    "lt": (("pavasar",), ("vasar",), ("rudu", "rudeni"), ("ziem",)),
    "fr": (("printemps",), ("ete",), ("automne",), ("hiver",)),
    "es": (("primavera",), ("verano",), ("otono",), ("invierno",)),
    "it": (("primavera",), ("estate",), ("autunno",), ("inverno",)),
    "cs": (("jar",), ("leto", "lete"), ("podzim",), ("zim",)),
    "sk": (("jar",), ("leto", "lete"), ("jesen",), ("zim",)),
    "sl": (("pomlad",), ("poletj",), ("jesen",), ("zim",)),
    "ru": (("весн",), ("лет",), ("осен",), ("зим",)),
    "uk": (
        ("весн", "навесн"),
        ("літ", "лiт", "лит", "влітку", "улітку"),
        ("осен", "осін", "восен"),
        ("зим", "взимку", "узимку"),
    ),
    "bg": (("пролет",), ("лят",), ("есен",), ("зим",)),
    "hr": (("proljec", "prolec"), ("ljet", "leto", "leta"), ("jesen",), ("zim",)),
    "pt": (("primavera",), ("verao",), ("outono",), ("inverno",)),
    "nl": (("voorjaar", "lente"), ("zomer",), ("najaar", "herfst"), ("winter",)),
}
#: Words that point back (-1), forward (+1) or at the current period (0): stems, folded.
SHIFTS: dict[str, dict[str, int]] = {
    "en": {"last": -1, "previous": -1, "past": -1, "next": 1, "coming": 1, "this": 0, "current": 0},
    "de": {"vergangen": -1, "letzt": -1, "vorig": -1, "nachst": 1, "kommend": 1, "dies": 0, "laufend": 0},
    "pl": {"ubieg": -1, "zeszl": -1, "poprzedni": -1, "przyszl": 1, "nastepn": 1, "tym": 0, "biezac": 0},
    "ro": {"trecut": -1, "precedent": -1, "viitor": 1, "urmator": 1, "acesta": 0, "aceasta": 0, "curent": 0},
    "lv": {"pagajus": -1, "iepriekse": -1, "nakam": 1, "saja": 0, "sogad": 0},
    "fr": {"dernier": -1, "derniere": -1, "passe": -1, "prochain": 1, "cette": 0, "cet": 0},
    "es": {"pasad": -1, "proxim": 1, "este": 0, "esta": 0},
    "it": {"scors": -1, "prossim": 1, "quest": 0},
    "cs": {"minul": -1, "pristi": 1, "letos": 0, "tento": 0},
    "ru": {"прошл": -1, "следующ": 1, "будущ": 1, "этом": 0, "этот": 0},
    "uk": {"минул": -1, "наступн": 1, "цьому": 0},
    "bg": {"минал": -1, "предишн": -1, "следващ": 1, "идн": 1, "тази": 0, "този": 0},
    "sk": {"minul": -1, "predchadzajuc": -1, "buduc": 1, "nasledujuc": 1, "tento": 0, "tohto": 0},
    "sl": {"prejsnj": -1, "lansk": -1, "naslednj": 1, "prihodnj": 1, "tem": 0, "letosnj": 0},
    "hr": {"prosl": -1, "prethodn": -1, "sljedec": 1, "iduc": 1, "ove": 0, "ovog": 0, "ovaj": 0, "ovo": 0},
    "pt": {"passad": -1, "ultim": -1, "proxim": 1, "este": 0, "esta": 0},
    "nl": {"vorig": -1, "afgelop": -1, "volgend": 1, "komend": 1, "dit": 0, "deze": 0},
}
#: Inflected unit words that dateparser's tables lack (Romanian's enclitic article: "anul", "anului").
UNIT_FORMS: dict[str, dict[str, tuple[str, ...]]] = {
    "ro": {"year": ("anul", "anului", "anii", "anilor"), "day": ("ziua", "zilei")},
}
#: Prepositions after which a bare month or year is a date ("w kwietniu", "im Mai", "in 2021").
PREPOSITIONS: dict[str, set[str]] = {
    "en": {
        "in",
        "since",
        "until",
        "by",
        "from",
        "early",
        "late",
        "mid",
        "through",
        "during",
        "of",
        "for",
        "before",
        "after",
        "last",
        "next",
        "this",
    },
    "de": {"im", "in", "seit", "bis", "ab", "anfang", "ende", "mitte", "vom", "zum", "fur", "vor", "nach"},
    "pl": {"w", "we", "od", "do", "na", "pod", "przed", "po", "z", "poczatku", "koncu", "polowie", "konca", "polowy"},
    "ro": {"in", "din", "pana", "la", "pe", "dupa", "inainte", "inceputul", "sfarsitul", "mijlocul", "luna"},
    "fr": {"en", "au", "depuis", "jusqu", "debut", "fin", "mi", "pour", "avant", "apres"},
    "es": {"en", "desde", "hasta", "de", "para", "antes", "principios", "finales", "mediados"},
    "it": {"a", "in", "da", "fino", "di", "per", "entro", "fine", "inizio", "meta"},
    "cs": {"v", "ve", "od", "do", "na", "pocatkem", "koncem", "konce", "zacatku", "poloviny"},
    "ru": {"в", "во", "с", "до", "к", "на", "начале", "конце", "середине", "конца", "начала", "середины"},
    "uk": {"у", "в", "з", "до", "на", "кінця", "початку", "середини", "кінці"},
    "bg": {"в", "през", "от", "до", "към", "началото", "края", "средата"},
    "sk": {"v", "vo", "od", "do", "na", "zaciatkom", "koncom", "konca", "zaciatku"},
    "sl": {"v", "od", "do", "konec", "sredi", "zacetku", "konca", "zacetka"},
    "hr": {"u", "od", "do", "tijekom", "tokom", "pocetkom", "krajem", "sredinom", "za", "kraja", "pocetka", "na"},
    "pt": {"em", "desde", "ate", "de", "para", "antes", "depois", "inicio", "final", "meados"},
    "nl": {"in", "sinds", "tot", "vanaf", "begin", "eind", "half", "voor", "na"},
}
#: Parts of the day that German and Dutch glue to a weekday ("Dienstagabend", "dinsdagavond").
DAY_PARTS = {
    "de": ("abend", "morgen", "nachmittag", "vormittag", "mittag", "nacht"),
    "nl": ("avond", "ochtend", "middag", "nacht"),
}
#: Weekday names under four letters that are no other word ("joi", Romanian Thursday; not "lun", "mar").
SHORT_WEEKDAYS = {"ro": ("joi",)}
SHORT_STEM = 4  # shift stems this short are whole words, give or take an ending letter ("esta", "este")
#: Prepositions that set a date as a target ("for Thursday", "für Donnerstag", "za proljeće", "na wiosnę").
TARGET_PREPOSITIONS: dict[str, tuple[str, ...]] = {
    "en": ("for",),
    "de": ("für",),
    "nl": ("voor",),
    "fr": ("pour",),
    "es": ("para",),
    "pt": ("para",),
    "it": ("per",),
    "ro": ("pentru",),
    "pl": ("na",),
    "cs": ("na",),
    "sk": ("na",),
    "sl": ("za",),
    "hr": ("za",),
    "ru": ("на",),
    "uk": ("на",),
    "bg": ("за",),
}
#: Languages that say "in April" with a case ending rather than a preposition (Latvian "aprīlī").
CASE_LANGUAGES = {"lv", "lt", "et", "fi", "hu"}


@dataclass(slots=True)
class TimeVocab:
    language: str
    months: dict[str, int] = field(default_factory=dict)  # folded form -> 1..12
    month_stems: list[tuple[str, int, int]] = field(default_factory=list)  # (stem, month, longest form)
    weekdays: dict[str, int] = field(default_factory=dict)  # folded form -> 0 (Monday)..6
    weekday_stems: list[tuple[str, int, int]] = field(default_factory=list)
    units: dict[str, str] = field(default_factory=dict)  # folded word -> year/month/week/day
    unit_stems: list[tuple[str, str, int]] = field(default_factory=list)
    phrases: dict[tuple[str, ...], tuple[int, str]] = field(default_factory=dict)  # words -> (shift, unit)
    seasons: list[tuple[str, int]] = field(default_factory=list)  # (stem, 0 spring .. 3 winter)
    shifts: dict[str, int] = field(default_factory=dict)
    prepositions: set[str] = field(default_factory=set)
    date_order: str = "DMY"
    openers: set[str] = field(default_factory=set)  # first two letters of any word a date can start with
    seen: dict[tuple[str, str], int | None] = field(default_factory=dict, repr=False)
    seen_units: dict[str, str | None] = field(default_factory=dict, repr=False)
    phrase_firsts: set[str] = field(default_factory=set)
    seen_openers: dict[str, bool] = field(default_factory=dict, repr=False)

    def may_open(self, word: str) -> bool:
        """Whether any rule of the grammar can start at this word: a number, or a word that is a month,
        weekday, season, shift, unit or a phrase's first word. Most words of a text fail the two-letter
        test; the rest are looked up once per word (about 70 words an article used to try every rule)."""
        if word[:1].isdigit():
            return True
        if word[:2] not in self.openers:
            return False
        known = self.seen_openers.get(word)
        if known is None:
            known = word in self.phrase_firsts or any(
                look(word) is not None for look in (self.month, self.weekday, self.season, self.shift, self.unit)
            )
            self.seen_openers[word] = known
        return known

    def month(self, word: str) -> int | None:
        return self._look("month", word)

    def weekday(self, word: str) -> int | None:
        day = self._look("weekday", word)
        if day is None:  # "Dienstagabend", "dinsdagavond": a weekday with the part of the day glued on
            part = next(
                (p for p in DAY_PARTS.get(self.language, ()) if word.endswith(p) and len(word) > len(p) + 4), None
            )
            day = self._look("weekday", word[: -len(part)]) if part else None
        return day

    def season(self, word: str) -> int | None:
        return self._look("season", word)

    def shift(self, word: str) -> int | None:
        return self._look("shift", word)

    def unit(self, word: str) -> str | None:
        """ "rok", "roku", "gada", "Jahres": unit words inflect, so a stem of three letters or more counts."""
        if word not in self.seen_units:
            found = self.units.get(word)
            self.seen_units[word] = found if found or len(word) < 3 else _by_stem(word, self.unit_stems)
        return self.seen_units[word]

    def _look(self, kind: str, word: str) -> int | None:
        """Stem lookups scan lists; a text repeats its words, so each answer is kept (per word, per kind)."""
        key = (kind, word)
        if key not in self.seen:
            if len(self.seen) > SEEN_LIMIT:
                self.seen.clear()
                self.seen_units.clear()
                self.seen_openers.clear()
            self.seen[key] = self._find(kind, word)
        return self.seen[key]

    def _find(self, kind: str, word: str) -> int | None:
        if kind == "month":
            return self.months.get(word) or _by_stem(word, self.month_stems)
        if kind == "weekday":
            day = self.weekdays.get(word)
            return day if day is not None else _by_stem(word, self.weekday_stems)
        if kind == "season":
            return next((s for stem, s in self.seasons if word.startswith(stem) and len(word) <= len(stem) + 4), None)
        # "esta"/"este" are words, "estará" is not one of them: a short stem takes one more letter at most
        return next(
            (
                n
                for stem, n in self.shifts.items()
                if word.startswith(stem) and len(word) <= len(stem) + (1 if len(stem) <= SHORT_STEM else 4)
            ),
            None,
        )


def _by_stem(word: str, stems: list[tuple[str, T, int]]) -> T | None:
    for stem, value, longest in stems:
        if word.startswith(stem) and longest - 1 <= len(word) <= longest + 3:
            return value
    return None


def _stems(forms: set[str], value: int, cut: int = 3) -> list[tuple[str, int, int]]:
    """Stems of the full names only (an abbreviation's stem, "pirm" of "pirmd.", would catch "pirms",
    "before"): the part that inflection leaves alone. Names under five letters must match exactly
    ("mai" is also Romanian for "more")."""
    longest = max((len(f) for f in forms), default=0)
    return [
        (f[: max(4, len(f) - cut) if cut == 3 else max(min(5, len(f) - 1), len(f) - cut)], value, len(f))
        for f in sorted(forms)
        if len(f) >= 5 and len(f) >= longest - 2 and "." not in f
    ]


def _translation(lang: str) -> dict[str, object]:
    try:
        info: dict[str, object] = importlib.import_module(f"dateparser.data.date_translation_data.{lang}").info
    except ImportError:
        return {}
    return info


@lru_cache(maxsize=128)
def vocab(language: str | None) -> TimeVocab:
    lang = (language or "en").split("-")[0]
    v = TimeVocab(lang)
    info = _translation(lang)
    hand = cue_language(lang)  # Bosnian and Serbian dates read Croatian's words too ("u srpnju")
    if hand != lang:
        extra = _translation(hand)
        info = {
            k: [*_strings(info.get(k)), *_strings(extra.get(k))] if k in MONTHS or k in WEEKDAYS else v
            for k, v in {**extra, **info}.items()
        }
    for n, name in enumerate(MONTHS, 1):
        forms = {fold(f).rstrip(".") for f in _strings(info.get(name))}
        for form in sorted(f for f in forms if len(f) >= 3):
            v.months.setdefault(form, n)
        v.month_stems += _stems(forms, n)
    for n, name in enumerate(WEEKDAYS):
        forms = {fold(f) for f in _strings(info.get(name))}
        for form in sorted(f for f in forms if len(f) >= 4 or f in SHORT_WEEKDAYS.get(lang, ())):
            v.weekdays.setdefault(form, n)
        # a weekday's stem keeps all but two letters: "stred" (streda, stredu), not "stre" (stretol, "met")
        v.weekday_stems += _stems(forms, n, cut=2)
    for unit in UNITS:
        for form in [*_strings(info.get(unit)), *UNIT_FORMS.get(lang, {}).get(unit, ())]:
            folded = fold(form)
            if len(folded) >= 2:
                v.units.setdefault(folded, unit)
            if len(folded) >= 4:
                v.unit_stems.append((folded[:-1], unit, len(folded)))
            elif len(folded) == 3:  # "rok" → "roku", but "sem" (semana) is not "sempre"
                v.unit_stems.append((folded, unit, 2))
    relative = info.get("relative-type")
    if isinstance(relative, dict):
        for meaning, phrases in relative.items():
            parsed = _relative_meaning(str(meaning))
            if parsed is None:
                continue
            for phrase in _strings(phrases):
                words = tuple(fold(phrase).split())
                if words and (len(words) > 1 or len(words[0]) >= 3):
                    v.phrases.setdefault(words, parsed)
    v.seasons = [(stem, n) for n, stems in enumerate(SEASONS.get(hand, ())) for stem in stems]
    v.shifts = SHIFTS.get(hand, {})
    v.prepositions = PREPOSITIONS.get(hand, set())
    v.phrase_firsts = {words[0] for words in v.phrases}
    v.openers = {
        w[:2]
        for w in [
            *v.months,
            *v.weekdays,
            *v.units,
            *v.shifts,
            *(stem for stem, _, _ in v.month_stems + v.weekday_stems),
            *(stem for stem, _, _ in v.unit_stems),
            *(stem for stem, _ in v.seasons),
            *(words[0] for words in v.phrases),
        ]
    }
    order = info.get("date_order")
    v.date_order = order if isinstance(order, str) else "DMY"
    return v


def _strings(value: object) -> list[str]:
    return [str(x) for x in value] if isinstance(value, list) else []


def _relative_meaning(meaning: str) -> tuple[int, str] | None:
    """dateparser's "1 year ago" / "in 1 week" / "0 day ago" as (shift, unit); hours and smaller are
    not dates ("acum", "teraz" = now)."""
    words = meaning.split()
    if len(words) == 3 and words[0].isdigit() and words[2] == "ago" and words[1] in UNITS:
        return -int(words[0]), words[1]
    if len(words) == 3 and words[0] == "in" and words[1].isdigit() and words[2] in UNITS:
        return int(words[1]), words[2]
    return None
