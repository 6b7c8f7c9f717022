"""Country, region and city names in many languages (CLDR, through Babel), matched by stem.

Names of countries are the most frequent LOC mentions in news and the ones a model trained on other
topics knows least about. Cities come from CLDR's time-zone cities (about 450 capitals and large
cities, with their names in each loaded language: Warszawa, Varšava, Varsovia, Варшава), which is what
an open resource offers without a download. Matching by stem (the folded name minus its last two letters, at least four
letters kept) lets inflected forms hit: Rosja/Rosji, Krievija/Krievijas, Germania/Germaniei.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from functools import cache, lru_cache

from newsweave.textnorm import fold, fold_word

#: Languages whose country-name translations are loaded (most European languages and a few more).
LANGUAGES = (
    "bg",
    "cs",
    "de",
    "en",
    "es",
    "et",
    "fi",
    "fr",
    "hr",
    "hu",
    "it",
    "lt",
    "lv",
    "nl",
    "pl",
    "pt",
    "ro",
    "ru",
    "sk",
    "sl",
    "sr",
    "sv",
    "tr",
    "uk",
    "el",
    "da",
    "nb",
)
MIN_STEM = 4


def _stem(word: str) -> str:
    folded = fold(word)
    return folded[: max(MIN_STEM, len(folded) - 2)]


#: Short forms CLDR does not list but news uses constantly (abbreviations, names without "of America").
ALIASES = {
    "US": [
        "usa",
        "us",
        "u.s.",
        "u.s.a.",
        "sua",
        "asv",
        "сша",
        "сащ",
        "zda",
        "statele unite",
        "united states",
        "amerikas savienotas valstis",
        "spojene staty",
        "jav",
    ],
    "GB": [
        "uk",
        "u.k.",
        "britain",
        "great britain",
        "marea britanie",
        "wielka brytania",
        "lielbritanija",
        "velka britanie",
        "великобритания",
        "великобританія",
        "великобритания",
    ],
}


#: Long and older names of countries that CLDR lists only in their short form, for resolution only (the
#: tagger's gazetteer, which its model was trained with, stays CLDR's names and ``ALIASES``): "РФ" and
#: "Federacja Rosyjska" are Russia, "Белоруссия" is Belarus, "Česká republika" is Czechia.
LONG_FORMS = {
    "RU": [
        "рф",
        "российская федерация",
        "russian federation",
        "federacja rosyjska",
        "ruska federace",
        "ruská federace",
        "ruska federacija",
        "руска федерация",
        "російська федерація",
        "federatia rusa",
        "krievijas federacija",
        "russische foderation",
        "ruska federacia",
    ],
    "BY": ["белоруссия", "республика беларусь", "republika bialorusi", "belarusian republic", "bielorusko"],
    "CZ": [
        "ceska republika",
        "czech republic",
        "republika czeska",
        "чешская республика",
        "чешка република",
        "чеська республіка",
        "tschechische republik",
    ],
    "GB": ["британия", "британія", "united kingdom", "zjednoczone krolestwo", "spojene kralovstvi"],
    "US": ["соединенные штаты америки", "stany zjednoczone ameryki", "spojene staty americke", "америка"],
    "MD": ["молдавия", "moldawia"],
    "KG": ["киргизия"],
    "NL": ["голландия", "holandia", "holandsko", "holland"],
}


@cache
def _long_forms() -> dict[str, str]:
    return {fold(name): code for code, names in LONG_FORMS.items() for name in names}


def _territory_names(wanted: Callable[[str], bool]) -> dict[str, str]:
    """Folded name -> CLDR territory code for the codes ``wanted`` accepts, in every loaded language;
    names shared by two codes dropped."""
    from babel import Locale

    found: dict[str, set[str]] = {}
    for lang in LANGUAGES:
        try:
            territories = Locale.parse(lang).territories
        except (ValueError, LookupError):
            continue
        for code, name in territories.items():
            if wanted(code) and name and len(name) >= 4:
                found.setdefault(fold(name), set()).add(code)
    return _unique(found)


def _unique(found: dict[str, set[str]]) -> dict[str, str]:
    """The keys that name exactly one thing, with it."""
    return {key: next(iter(values)) for key, values in found.items() if len(values) == 1}


def _unique_stems(names: dict[str, str]) -> dict[str, str]:
    """Stem -> what it names, for the one-word names whose stem names one thing only."""
    stems: dict[str, set[str]] = {}
    for name, code in names.items():
        if " " not in name:
            stems.setdefault(_stem(name), set()).add(code)
    return _unique(stems)


@cache
def _territories() -> dict[str, str]:
    """Folded name -> CLDR region code of a country, for every loaded language, with ``ALIASES``."""
    table = _territory_names(lambda code: not code.isdigit())  # not 001, 150 … (world regions)
    table.update({fold(alias): code for code, aliases in ALIASES.items() for alias in aliases})
    return table


@cache
def first_words() -> frozenset[str]:
    """First words of multi-word country names ("korea" of "Korea Północna"): alone, not one country."""
    return frozenset(name.split()[0] for name in _territories() if " " in name)


@cache
def _stems() -> dict[str, str]:
    return _unique_stems(_territories())


@lru_cache(maxsize=65_536)
def territory_code(name: str, exact: bool = False) -> str | None:
    """CLDR region code of a country or region name in any loaded language; inflected forms too unless
    ``exact``. Kept per name: resolution asks it of every place and multi-word name of every article,
    and a name of several words is compared with every country name of as many words (0.4 ms an
    article on the driver of a Dask run, profiled)."""
    folded = fold(name)
    code = _territories().get(folded) or _long_forms().get(folded)
    if code or exact:
        return code
    if " " in folded:
        return _inflected_words(folded)
    stems = _stems()
    stem = _stem_match(folded, stems)
    return stems[stem] if stem else _ending_replaced(folded)


#: Endings of a country's name in its nominative that a case ending replaces (Kanada → Kanadu, Kanady;
#: Polsko → Polsku). Not "-e" or "-i": the Slovene given name "Franc" in the dative is not France.
NOMINATIVE_VOWELS = ("a", "o")


def _ending_replaced(folded: str) -> str | None:
    """The country whose name's final vowel a case ending replaced, where the stem alone is ambiguous:
    "kanadu" is Kanada, though "kana-" starts the Canary Islands' name in another language too."""
    names = _territories()
    for k in range(len(folded) - 1, max(MIN_STEM, len(folded) - 3) - 1, -1):
        found = {names[folded[:k] + v] for v in NOMINATIVE_VOWELS if folded[:k] + v in names}
        if found:
            return found.pop() if len(found) == 1 else None
    return None


@cache
def _multi_word_names() -> dict[tuple[int, str], list[tuple[list[str], str]]]:
    """Country names of two words or more (CLDR, ``ALIASES``, ``LONG_FORMS``), by word count and first
    letter: the few that an inflected name can be."""
    table: dict[tuple[int, str], list[tuple[list[str], str]]] = {}
    for name, code in {**_territories(), **_long_forms()}.items():
        words = name.split()
        if len(words) > 1:
            table.setdefault((len(words), name[0]), []).append((words, code))
    return table


def _inflected_words(folded: str) -> str | None:
    """A country's name of several words with each word inflected ("Amerikas Savienotajām Valstīm",
    "Stanach Zjednoczonych", "Spojených států"): every word shares at least three letters with the
    same word of one name and each side has at most ``PLACE_ENDING`` letters beyond them. None when no
    name, or names of two countries, fit."""
    words = folded.split()
    found = {
        code
        for names, code in _multi_word_names().get((len(words), folded[0]), ())
        if all(_same_word(a, b) for a, b in zip(words, names, strict=True))
    }
    return found.pop() if len(found) == 1 else None


def _same_word(a: str, b: str) -> bool:
    shared = shared_start(a, b)
    return a == b or (shared >= 3 and len(a) - shared <= PLACE_ENDING and len(b) - shared <= PLACE_ENDING)


def _stem_match(folded: str, stems: Collection[str], longest_ending: int = 5) -> str | None:
    """The longest known stem that ``folded`` extends by at most ``longest_ending`` letters: an inflected
    form of the name (Niemczech/Niemcy, Krievijas/Krievija)."""
    for k in range(len(folded), max(MIN_STEM, len(folded) - longest_ending) - 1, -1):
        if folded[:k] in stems:
            return folded[:k]
    return None


#: Time-zone areas whose last part names a city (not "US/Pacific", "Etc/GMT+3").
_CITY_AREAS = ("Africa/", "America/", "Asia/", "Atlantic/", "Australia/", "Europe/", "Indian/", "Pacific/")


@cache
def _city_names() -> dict[str, set[str]]:
    """Folded name -> the canonical time-zone ids it names, for CLDR's time-zone cities in every loaded
    language (Kijów, Kyjev, Киев, Kiew, Kijeva -> Europe/Kyiv)."""
    from babel.core import get_global

    aliases = get_global("zone_aliases")
    found: dict[str, set[str]] = {}

    def add(name: str, zone: str) -> None:
        if len(name) >= 4 and "," not in name:
            found.setdefault(fold(name), set()).add(aliases.get(zone, zone))

    for zone in get_global("zone_territories"):
        if zone.startswith(_CITY_AREAS):
            add(zone.rsplit("/", 1)[-1].replace("_", " "), zone)
    for lang in LANGUAGES:
        for zone, city in _cldr_cities(lang):
            add(city, zone)
    return found


@cache
def _city_zones() -> dict[str, str]:
    """Folded city name -> its time-zone id; names shared by two zones dropped, and the zones of no
    city ("Etc/Unknown", Antarctic stations) left out."""
    in_cities = {name: {z for z in zones if z.startswith(_CITY_AREAS)} for name, zones in _city_names().items()}
    return _unique({name: zones for name, zones in in_cities.items() if zones})


@cache
def _cities() -> set[str]:
    """Folded names of CLDR's time-zone cities (the tagger's list: it keeps names two zones share, which
    ``_city_zones`` cannot key)."""
    return set(_city_names())


#: A city's stem takes at most this many letters of case ending ("Kijowie", "Moskvě"): among 3,400
#: city names, five let "Mariupola" reach the stem of "Marigot".
CITY_ENDING = 3


@cache
def _city_stems() -> dict[str, str]:
    return _unique_stems(_city_zones())


def city_zone(name: str) -> str | None:
    """The time-zone id naming a city (Europe/Kyiv for Kijów, Kyjeva, Киеве): one key for a city in every
    language and case, as the CLDR code is for a country."""
    return _inflected(fold(name), _city_zones(), _city_stems())


#: World regions resolution keys like countries (CLDR's numeric codes): Europe, Asia, Africa, Oceania.
#: Not "Americas" (019): "Ameryka", "Америка" mostly mean the United States in news. Not given to the
#: tagger's gazetteer, whose model was trained with countries alone.
REGIONS = ("150", "142", "002", "009")


@cache
def _regions() -> dict[str, str]:
    return _territory_names(lambda code: code in REGIONS)


@cache
def _region_stems() -> dict[str, str]:
    return _unique_stems(_regions())


def region_code(name: str) -> str | None:
    """CLDR code of a continent named in any loaded language and case (Europa, Evropě, Европы → 150)."""
    return _inflected(fold(name), _regions(), _region_stems())


def _inflected(folded: str, names: dict[str, str], stems: dict[str, str]) -> str | None:
    """Look a folded name up as written, as the whole name with a case ending ("Londynie", "Berlinie"),
    or as its stem with one ("Kyjevě", "Moskwie"); endings of at most ``CITY_ENDING`` letters."""
    found = names.get(folded)
    if found or " " in folded:
        return found
    for k in range(len(folded) - 1, max(MIN_STEM, len(folded) - CITY_ENDING - 1) - 1, -1):
        if folded[:k] in names:
            return names[folded[:k]]
    stem = _stem_match(folded, stems, CITY_ENDING)
    return stems[stem] if stem else None


def city_name(zone: str) -> str:
    """A city's English name: CLDR's exemplar city, else the zone's last part (Europe/Moscow → Moscow)."""
    return _local_cities("en").get(zone) or zone.rsplit("/", 1)[-1].replace("_", " ")


class Gazetteer:
    """Tags tokens that start (or are) a known place name: B for a single-word name's stem match, B/I
    over a multi-word name.

    The tagger is trained with countries only and applied with countries and cities (``cities``). The
    model learns from countries what "a known place" looks like; cities at inference extend that to
    Oslo, Wien or Montevideo. Measured (docs/entities.md): with cities at inference only, the
    German/Latvian/English gold rose from 0.691 to 0.714 relaxed partial F1 and the held-out Slavic
    topic did not move (0.806); training with cities too fell to 0.636 on the former.
    """

    def __init__(self, cities: bool = True) -> None:
        single: set[str] = set()
        multi: dict[str, list[tuple[str, ...]]] = {}
        for name in [*_territories(), *(sorted(_cities()) if cities else [])]:
            parts = tuple(fold(p) for p in name.replace(",", " ").split())
            if len(parts) == 1:
                single.add(_stem(name))
            elif parts:
                multi.setdefault(parts[0], []).append(parts)
        self.single = single
        self.multi = multi

    def tag(self, words: list[str]) -> list[str]:
        out = [""] * len(words)
        folded = [fold_word(w) for w in words]
        for i, w in enumerate(words):
            if not w[:1].isupper():
                continue
            for parts in self.multi.get(folded[i], ()):
                if tuple(folded[i : i + len(parts)]) == parts:
                    out[i] = "B"
                    for j in range(i + 1, i + len(parts)):
                        out[j] = "I"
                    break
            if not out[i] and len(folded[i]) >= MIN_STEM and _stem_match(folded[i], self.single):
                out[i] = "B"
        return out


@cache
def territory_name(code: str, lang: str = "en") -> str | None:
    """The CLDR name of a region code in ``lang``."""
    from babel import Locale

    name = Locale.parse(lang).territories.get(code)
    return str(name) if name else None


@cache
def _cldr_cities(lang: str) -> tuple[tuple[str, str], ...]:
    """(canonical time-zone id, the city's CLDR name in ``lang``), every pair: babel files some cities
    under old ids (Europe/Kiev for Europe/Kyiv), and an old and a new id may name a city differently.
    The one place CLDR's city names are read: the names in every language (``_city_names``), in one
    (``_local_cities``) and the English one (``city_name``) come from here."""
    from babel import Locale
    from babel.core import get_global

    aliases = get_global("zone_aliases")
    try:
        infos = Locale.parse(lang).time_zones
    except (ValueError, LookupError):
        return ()
    return tuple((aliases.get(zone, zone), str(info["city"])) for zone, info in infos.items() if info.get("city"))


@cache
def _local_cities(lang: str) -> dict[str, str]:
    """Canonical time-zone id -> the city's CLDR name in ``lang``."""
    return dict(_cldr_cities(lang))


#: What a case ending replaces at the end of a place's name: vowels and the soft sign ("Канада" →
#: "Канады", "Chiny" → "Chin"); never consonants ("Uralu" is the Urals, not the city "Uralsk").
_NOMINATIVE_ENDING = frozenset("aeiouyаеиоуыэюяіїєёь")
#: Letters of case ending a word may carry beyond the part it shares with a place's name
#: ("Niemczech" / "Niemcy", "Kanadzie" / "Kanada").
PLACE_ENDING = 4


def shared_start(a: str, b: str) -> int:
    """How many leading letters two words share."""
    return next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))


def local_place_name(word: str, lang: str) -> str | None:
    """The nominative of a one-word country, continent or city name, in ``lang``, from CLDR: "Канаде"
    and "Канады" are "Канада", "Indii" is "Indie", "Kijowie" is "Kijów". None when the word names no
    such place, or is not an inflected form of its name in that language ("США" keeps its own form)."""
    folded = fold(word)
    if " " in folded or len(folded) < MIN_STEM:
        return None
    names: list[str | None] = []
    if code := territory_code(word):
        names.append(territory_name(code, lang))
    if region := region_code(word):
        names.append(territory_name(region, lang))
    if zone := city_zone(word):
        names.append(_local_cities(lang).get(zone) or city_name(zone))
    for name in names:
        if not name or " " in name:
            continue
        target = fold(name)
        common = shared_start(folded, target)
        ending = target[common:]  # what the case form replaced: a vowel ending, or nothing
        if (
            common >= max(MIN_STEM, len(target) - 2)
            and len(folded) - common <= PLACE_ENDING
            and all(ch in _NOMINATIVE_ENDING for ch in ending)
        ):
            return name
    return None
