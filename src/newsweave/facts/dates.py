"""Find date and time expressions in running text and normalise them against the publication date.

Our own grammar finds them: dateparser's ``search_dates`` reads "nie", "die" and "mai" as dates (see
MEASURED.md), and a missed date costs less than an invented one. The grammar is small and the same for
every language; only the words differ (``timevocab``):

- numeric: 2025-11-30, 28.07.2023 08:01, 30/11/2025;
- day (or day range) and month, with or without a year: "30 listopada 2025", "20–21 decembrie",
  "November 30, 2025", Latvian "2025. gada 30. novembrī";
- month and year, a bare month after a preposition ("w kwietniu"), a season ("în primăvară",
  "jesienią ubiegłego roku"), a year with a cue ("im Jahr 2021", "anul 2026", "2023. gadā");
- relative: fixed phrases ("gestern", "anul trecut"), shift + unit ("im vergangenen Jahr") and
  weekdays ("am Freitag").

Whatever needs the publication date to mean something (a relative phrase, a day without a year) is
resolved against it, and left unresolved with a reason when the article has none.
"""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from newsweave.entities.tokens import Token, fact_sentences, tokenize
from newsweave.facts.cues import all_cues, cue_language, cues, future_tense
from newsweave.facts.timevocab import CASE_LANGUAGES, TARGET_PREPOSITIONS, TimeVocab, vocab
from newsweave.model import Granularity, TimeExpr
from newsweave.textnorm import fold, fold_aligned

MIN_YEAR, MAX_YEAR = 1900, 2100
_ELIDED = re.compile(r"^(?:l|d|dell|all|nell|dall)['’]")
#: A time of day: "11:30 Uhr", "at 10:00", "ora 21:00", "o godz. 8.30" — a cue before or "Uhr"/"h" after.
_CLOCK = re.compile(r"(?<![\d.:,])([01]?\d|2[0-3])[:.]([0-5]\d)(?![\d.:])(\s?(?:Uhr|h)\b)?")
_CLOCK_CUES = {"um", "at", "ora", "godz", "o", "a", "alle", "в", "plkst", "kl", "klo"}
_ISO = re.compile(r"(?<![\d.-])(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2}))?(?![\d-])")
_NUMERIC = re.compile(r"(?<![\d.,/-])(\d{1,2})([./])(\d{1,2})\2(\d{4})(?:,?\s*(\d{1,2})[:.](\d{2}))?(?![\d/]|\.\d)")
#: "month" right before a month's name makes even a short, ambiguous one a month ("luna mai", "lunii mai").
_MONTH_NOUNS = {"luna", "lunii", "mois", "month"}
_ARTICLES = {"the", "la", "il", "lo", "l", "le", "el", "o", "a", "der", "die", "dem", "den", "de", "het"}
_DASHES = {"-", "–", "—", "‑", "−"}
LOOKAHEAD_DAYS = 62
FUTURE_REACH = 80  # characters from a plan or possibility cue to the date it moves forward
_YEAR_WORDS = ("gada", "gadu", "m", "metu", "metais")  # Latvian/Lithuanian "of the year" after "2025."
#: Languages that capitalise month and weekday names.
CAPITALISED_CALENDAR = {"en", "de", "nl", "lb"}
NO_ANCHOR = "relative to the publication date, which this article does not have"


@dataclass(slots=True)
class _Spec:
    """What an expression says, before it is placed on the calendar."""

    granularity: Granularity
    year: int | None = None
    month: int | None = None
    day: int | None = None
    day_to: int | None = None  # a range "20–21"
    hour: int | None = None
    minute: int | None = None
    season: int | None = None
    shift: int | None = None  # with unit: relative to the publication date
    unit: str | None = None
    weekday: int | None = None


def find_dates(text: str, language: str | None, published: str | None) -> list[TimeExpr]:
    """Every date expression in ``text``, in order, normalised against ``published`` (ISO) if given."""
    anchor = _anchor(published)
    v = vocab(language)
    found: list[tuple[int, int, _Spec]] = []
    taken: list[tuple[int, int]] = []
    for m in _ISO.finditer(text):
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
        if _valid(y, mo, d):
            gran: Granularity = "minute" if m[4] else "day"
            found.append((m.start(), m.end(), _Spec(gran, y, mo, d, hour=_int(m[4]), minute=_int(m[5]))))
            taken.append((m.start(), m.end()))
    for m in _NUMERIC.finditer(text):
        a, b, y = int(m[1]), int(m[3]), int(m[4])
        d, mo = (b, a) if v.date_order.startswith("M") and a <= 12 else (a, b)
        if _valid(y, mo, d) and not _overlaps(m.start(), m.end(), taken):
            gran = "minute" if m[5] else "day"
            found.append((m.start(), m.end(), _Spec(gran, y, mo, d, hour=_int(m[5]), minute=_int(m[6]))))
            taken.append((m.start(), m.end()))
    tokens = tokenize(text)
    if taken:
        tokens = [t for t in tokens if not _overlaps(t.start, t.end, taken)]
    words = [_word(t.text) for t in tokens]
    i = 0
    while i < len(tokens):
        hit = _match(tokens, words, i, v) if v.may_open(words[i]) else None
        if hit is None:
            i += 1
            continue
        j, spec = hit
        found.append((tokens[i].start, tokens[j - 1].end, spec))
        i = j
    for m in _CLOCK.finditer(text):
        before = fold(text[max(0, m.start() - 8) : m.start()]).replace(".", " ").split()
        if _overlaps(m.start(), m.end(), [(f[0], f[1]) for f in found]):
            continue
        dotted = text[m.end(1)] == "."  # "8.30" is a time only with "Uhr" or "godz." (else a price, a score)
        if m[3] or (before and before[-1] in _CLOCK_CUES and (not dotted or before[-1] == "godz")):
            found.append((m.start(), m.end(), _Spec("minute", hour=int(m[1]), minute=int(m[2]))))
    found.sort(key=lambda f: f[0])
    if not found:
        return []
    future = _future_sentences(text, language) if any(spec.year is None for _, _, spec in found) else []
    target = TARGET_PREPOSITIONS.get(cue_language(language), ())
    tense = future_tense(language)
    exprs = [
        _normalise(
            text,
            start,
            end,
            spec,
            anchor,
            _after_cue(start, future) or _targeted(text, start, target) or _opens_future(text, start, end, tense),
        )
        for start, end, spec in found
    ]
    _attach_clocks(text, exprs, found)
    return exprs


def _opens_future(text: str, start: int, end: int, tense: re.Pattern[str] | None) -> bool:
    """A date that opens its sentence, followed closely by a verb in the future tense ("Giovedì il
    sovrano spagnolo incontrerà …")."""
    sentence_start = max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1
    if tense is None or text[sentence_start:start].strip():
        return False
    return tense.search(text, end, min(len(text), end + FUTURE_REACH)) is not None


def _targeted(text: str, start: int, target: tuple[str, ...]) -> bool:
    """A date something is set for ("ein für Donnerstag geplantes Treffen", "vježbe za proljeće") is
    the coming one."""
    before = text[max(0, start - 12) : start].split()
    first = text[start : start + 12].split()
    return bool(target) and (
        (bool(before) and before[-1].lower() in target) or (bool(first) and first[0].lower() in target)
    )


def _after_cue(offset: int, cued: list[tuple[int, int, list[int], list[int]]]) -> bool:
    """Whether ``offset`` follows a plan or possibility cue closely, in the same sentence, with no verb
    of saying between them ("will meet on Friday", "ar putea avea loc, orientativ, în primăvară"; not
    "will hold a summit …, officials said on Thursday": that Thursday is when they said it)."""
    return any(
        s <= cue <= offset < e and offset - cue <= FUTURE_REACH and not any(cue < v < offset for v in says)
        for s, e, cues_at, says in cued
        for cue in cues_at
    )


def _future_sentences(text: str, language: str | None) -> list[tuple[int, int, list[int], list[int]]]:
    """(start, end, cue offsets, offsets of verbs of saying) of sentences that speak of plans or
    possibilities ("the next round could take place in spring"): a bare month or season after such a cue
    is the coming one, not the last."""
    stems = cues("PLANNED", language) + cues("HYPOTHETICAL", language)
    tense = future_tense(language)
    if not stems and not tense:
        return []
    say = cues("SAY", language)
    folded = fold_aligned(text)
    out = []
    for s, e in fact_sentences(text):
        found = [c for c, _ in all_cues(folded[s:e], stems)]
        if tense:  # "firmarán el jueves", "accueillerait en septembre"
            found += [m.start() - s for m in tense.finditer(text, s, e)]
        if found:
            says = [s + c for c, _ in all_cues(folded[s:e], say)]
            out.append((s, e, sorted(s + c for c in found), says))
    return out


def _attach_clocks(text: str, exprs: list[TimeExpr], found: list[tuple[int, int, _Spec]]) -> None:
    """A time of day takes its date from a day in the same sentence ("am Freitag … um 11:30 Uhr")."""
    if not any(spec.granularity == "minute" and spec.day is None for _, _, spec in found):
        return
    bounds = fact_sentences(text)
    for expr, (_, _, spec) in zip(exprs, found, strict=True):
        if spec.granularity != "minute" or spec.day is not None or spec.weekday is not None:
            continue
        sentence = next(((s, e) for s, e in bounds if s <= expr.start < e), (expr.start, expr.end))
        days = [x for x in exprs if x.granularity == "day" and sentence[0] <= x.start < sentence[1] and x.value]
        if days:
            expr.value = f"{days[0].value[:10]}T{spec.hour:02d}:{spec.minute or 0:02d}"  # type: ignore[index]
            expr.until, expr.reason = days[0].value[:10], None  # type: ignore[index]
            expr.relative = days[0].relative
        else:
            expr.value, expr.until = None, None
            expr.reason = "a time of day with no date in its sentence"


@lru_cache(maxsize=65536)
def _word(token: str) -> str:
    """A token as the grammar compares it: folded, an elided article dropped ("l'été" is "été")."""
    return _ELIDED.sub("", fold(token))


def _int(s: str | None) -> int | None:
    return int(s) if s else None


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def _valid(y: int | None, mo: int | None, d: int | None) -> bool:
    if y is not None and not MIN_YEAR <= y <= MAX_YEAR:
        return False
    if mo is not None and not 1 <= mo <= 12:
        return False
    return d is None or 1 <= d <= monthrange(y or 2000, mo or 1)[1]


def _anchor(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


# -- the grammar ---------------------------------------------------------------------------------------


def _day(tokens: list[Token], words: list[str], i: int) -> tuple[int, int] | None:
    """A day number at ``i`` ("30", "30.", "30th") and the index after it."""
    if i >= len(words):
        return None
    w = words[i]
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th|-?(?:го|e|a|ea|lea))?", w)
    if not m or not 1 <= int(m[1]) <= 31:
        return None
    j = i + 1
    if j < len(words) and words[j] == "." and tokens[j].start == tokens[i].end:
        j += 1
    return int(m[1]), j


def _year(words: list[str], i: int) -> int | None:
    if i < len(words) and re.fullmatch(r"\d{4}", words[i]) and MIN_YEAR <= int(words[i]) <= MAX_YEAR:
        return int(words[i])
    return None


def _skip(words: list[str], i: int, *allowed: str) -> int:
    while i < len(words) and words[i] in allowed:
        i += 1
    return i


def _year_after(words: list[str], v: TimeVocab, i: int) -> tuple[int, int] | None:
    """A year following a month or season: "2024", "2024 r.", ", 2025", "anului 2025", "roku 2024"."""
    j = _skip(words, i, ",")
    if j < len(words) and v.unit(words[j]) == "year" and not words[j].isdigit():
        j += 1
    y = _year(words, j)
    if y is None:
        return None
    j += 1
    if j < len(words) and v.unit(words[j]) == "year":  # "2024 r", "2024 roku"
        j += 1
        j = _skip(words, j, ".") if j < len(words) and words[j - 1] in ("r", "g", "г") else j
    return y, j


def _time_after(words: list[str], i: int) -> tuple[int, int, int] | None:
    """ ", 08:01" or " 08.01" after a date."""
    j = _skip(words, i, ",")
    if j + 2 >= len(words) or words[j + 1] not in (":", "."):
        return None
    if not (re.fullmatch(r"\d{1,2}", words[j]) and re.fullmatch(r"\d{2}", words[j + 2])):
        return None
    hour, minute = int(words[j]), int(words[j + 2])
    return (hour, minute, j + 3) if hour < 24 and minute < 60 else None


def _name_like(tokens: list[Token], words: list[str], i: int, v: TimeVocab) -> bool:
    """A capitalised word inside a sentence, in a language that writes months and weekdays in lower
    case, is a name ("Martin", "Marțiale"), however much it looks like "marți"."""
    text = tokens[i].text
    if v.language in CAPITALISED_CALENDAR or not text[:1].isupper() or words[i] in v.months or words[i] in v.weekdays:
        return False
    if i == 0 or words[i - 1] in (".", "!", "?", ":"):
        # At a sentence start, an inflected month is no longer than its nominative ("Aprīlī", "aprīlis");
        # "Martin" is longer than "marți".
        matching = [n for stem, _, n in v.month_stems + v.weekday_stems if words[i].startswith(stem)]
        return bool(matching) and len(words[i]) > min(matching)
    return True


def _match(tokens: list[Token], words: list[str], i: int, v: TimeVocab) -> tuple[int, _Spec] | None:
    if _name_like(tokens, words, i, v):
        return None
    for rule in (_day_month, _month_day, _year_day_month, _month_year, _season, _shifted, _phrase, _weekday, _year_cue):
        hit = rule(tokens, words, i, v)
        if hit is not None:
            return hit
    return None


def _day_month(tokens: list[Token], words: list[str], i: int, v: TimeVocab) -> tuple[int, _Spec] | None:
    """ "30 listopada 2025", "20–21 decembrie", "5. März 2024, 10:00"."""
    first = _day(tokens, words, i)
    if first is None:
        return None
    d, j = first
    d_to = None
    if j + 1 < len(words) and words[j] in _DASHES:
        second = _day(tokens, words, j + 1)
        if second is not None and second[0] > d:
            d_to, j = second
    j = _skip(words, j, "de", "of")
    month = v.month(words[j]) if j < len(words) else None
    if month is None:
        return None
    j += 1
    j = _skip(words, j, ".") if j < len(words) and len(words[j - 1]) <= 4 else j  # "Nov."
    spec = _Spec("range" if d_to else "day", month=month, day=d, day_to=d_to)
    year = _year_after(words, v, j)
    if year is not None:
        spec.year, j = year
    if spec.year is None and d_to is None and not _month_word_is_safe(words[j - 1], v):
        return None
    if not _valid(spec.year, month, d) or (d_to and not _valid(spec.year, month, d_to)):
        return None
    clock = _time_after(words, j)
    if clock and d_to is None:
        spec.hour, spec.minute, j = clock
        spec.granularity = "minute"
    return j, spec


def _month_word_is_safe(word: str, v: TimeVocab) -> bool:
    """Whether a month word next to a number is a month, not a homograph ("3 mai" yes, "mai" as "more"
    only with a day and a year)."""
    return len(word) >= 4 or v.language not in ("ro", "en", "fr")


def _month_day(tokens: list[Token], words: list[str], i: int, v: TimeVocab) -> tuple[int, _Spec] | None:
    """ "November 30, 2025", "March 5"."""
    month = v.month(words[i])
    if month is None or (not tokens[i].text[:1].isupper() and v.language in ("en",)):
        return None
    j = _skip(words, i + 1, ".")
    first = _day(tokens, words, j)
    if first is None:
        return None
    d, j = first
    spec = _Spec("day", month=month, day=d)
    year = _year_after(words, v, j)
    if year is not None:
        spec.year, j = year
    elif len(words[i]) < 4 and not (v.language == "en" and tokens[i].text[:1].isupper()):
        return None  # "mai 20" is no date in Romanian without a year; "May 20" is one in English
    if not _valid(spec.year, month, d):
        return None
    return j, spec


def _year_day_month(tokens: list[Token], words: list[str], i: int, v: TimeVocab) -> tuple[int, _Spec] | None:
    """Latvian and Lithuanian order: "2025. gada 30. novembrī", "2024. gada aprīlī", "2023. gadā"."""
    y = _year(words, i)
    if y is None or i + 1 >= len(words) or words[i + 1] != ".":
        return None
    j = i + 2
    if (j < len(words) and v.unit(words[j]) == "year") or (j < len(words) and words[j] in _YEAR_WORDS):
        j += 1
    else:
        return None
    day = _day(tokens, words, j)
    k = day[1] if day else j
    month = v.month(words[k]) if k < len(words) else None
    if month is None:
        return j, _Spec("year", year=y)
    if day and _valid(y, month, day[0]):
        return k + 1, _Spec("day", year=y, month=month, day=day[0])
    return k + 1, _Spec("month", year=y, month=month)


def _month_year(tokens: list[Token], words: list[str], i: int, v: TimeVocab) -> tuple[int, _Spec] | None:
    """ "April 2024", "kwietnia 2024", and a bare month after a preposition ("w kwietniu", "im Mai")."""
    month = v.month(words[i])
    if month is None:
        return None
    year = _year_after(words, v, i + 1)
    if year is not None:
        return year[1], _Spec("month", year=year[0], month=month)
    before = words[i - 1] if i > 0 else ""
    if before in _MONTH_NOUNS:
        return i + 1, _Spec("month", month=month)  # "în luna mai", "sfârșitul lunii mai"
    if len(words[i]) < 4 and v.language in ("ro", "fr"):
        return None  # "mai", "mars": too often another word without a number beside them
    if len(words[i]) < 4 and v.language == "en" and not tokens[i].text[:1].isupper():
        return None  # "may" the verb; "in May" is the month
    if _after_preposition(words, i, v) or (v.language in CASE_LANGUAGES and len(words[i]) >= 5):
        return i + 1, _Spec("month", month=month)
    return None


def _after_preposition(words: list[str], i: int, v: TimeVocab) -> bool:
    """A preposition before word ``i``, maybe with an article between ("per la primavera", "in the spring")."""
    if i > 0 and words[i - 1] in v.prepositions:
        return True
    return i > 1 and words[i - 1] in _ARTICLES and words[i - 2] in v.prepositions


def _season(tokens: list[Token], words: list[str], i: int, v: TimeVocab) -> tuple[int, _Spec] | None:
    """ "în primăvară", "im Sommer 2024", "jesienią ubiegłego roku", "last summer"."""
    j, shift = i, None
    if v.shift(words[j]) is not None and j + 1 < len(words) and v.season(words[j + 1]) is not None:
        shift, j = v.shift(words[j]), j + 1
    season = v.season(words[j])
    if season is None:
        return None
    j += 1
    spec = _Spec("season", season=season, shift=shift, unit="year" if shift is not None else None)
    year = _year_after(words, v, j)
    if year is not None:
        spec.year, j = year
        return j, spec
    rel = _shift_unit(words, j, v)
    if rel is not None and rel[1] == "year":
        spec.shift, spec.unit, j = rel[0], "year", rel[2]
        return j, spec
    if (
        shift is not None
        or _after_preposition(words, i, v)
        or v.language in CASE_LANGUAGES
        or v.language in ("pl", "ru", "uk")
    ):
        return j, spec
    return None


def _shift_unit(words: list[str], i: int, v: TimeVocab) -> tuple[int, str, int] | None:
    """ "vergangenen Jahr", "ubiegłego roku", "anul trecut", "w przyszłym tygodniu": (shift, unit, end)."""
    if i + 1 >= len(words):
        return None
    shift, unit = v.shift(words[i]), v.unit(words[i + 1])
    if shift is not None and unit is not None:
        return shift, unit, i + 2
    unit, shift = v.unit(words[i]), v.shift(words[i + 1])
    if shift is not None and unit is not None and not words[i].isdigit():
        return shift, unit, i + 2
    return None


def _shifted(tokens: list[Token], words: list[str], i: int, v: TimeVocab) -> tuple[int, _Spec] | None:
    rel = _shift_unit(words, i, v)
    if rel is None:
        return None
    shift, unit, j = rel
    gran: Granularity = "day" if unit == "day" else unit  # type: ignore[assignment]
    return j, _Spec(gran, shift=shift, unit=unit)


def _phrase(tokens: list[Token], words: list[str], i: int, v: TimeVocab) -> tuple[int, _Spec] | None:
    """dateparser's fixed phrases: "gestern", "wczoraj", "anul trecut", "w zeszłym tygodniu"."""
    for n in (4, 3, 2, 1):
        key = tuple(words[i : i + n])
        if len(key) == n and key in v.phrases:
            if n == 1 and tokens[i].text[:1].isupper() and v.language == "de" and i > 0 and words[i - 1] != ".":
                continue  # "Morgen" (morning), not "morgen" (tomorrow)
            shift, unit = v.phrases[key]
            gran: Granularity = "day" if unit == "day" else unit  # type: ignore[assignment]
            return i + n, _Spec(gran, shift=shift, unit=unit)
    return None


def _weekday(tokens: list[Token], words: list[str], i: int, v: TimeVocab) -> tuple[int, _Spec] | None:
    """ "am Freitag", "vineri", "w piątek", "last Friday"; a weekday before a full date is left to it."""
    j, shift = i, None
    if v.shift(words[j]) is not None and j + 1 < len(words) and v.weekday(words[j + 1]) is not None:
        shift, j = v.shift(words[j]), j + 1
    day = v.weekday(words[j])
    if day is None:
        return None
    if shift is None and j + 1 < len(words) and v.shift(words[j + 1]) in (-1, 1):
        shift, j = v.shift(words[j + 1]), j + 1  # "mercredi dernier", "lunes pasado", "martedì scorso"
    k = _skip(words, j + 1, ",")
    if _day(tokens, words, k) is not None or (k < len(words) and v.month(words[k]) is not None):
        return None  # "Freitag, 28. Juli": the date that follows says it all
    return j + 1, _Spec("day", weekday=day, shift=shift)


def _year_cue(tokens: list[Token], words: list[str], i: int, v: TimeVocab) -> tuple[int, _Spec] | None:
    """A year that is a year, not a number: "im Jahr 2021", "anul 2026", "w 2024 r.", "in 2021", "2023–2025"."""
    j = i
    if v.unit(words[j]) == "year" and not words[j].isdigit():
        j += 1
    y = _year(words, j)
    if y is None:
        return None
    cue = j > i or (i > 0 and words[i - 1] in v.prepositions)
    k = j + 1
    if k < len(words) and v.unit(words[k]) == "year":
        cue, k = True, k + 1
        k = _skip(words, k, ".") if words[k - 1] in ("r", "g", "г") else k
    if k + 1 < len(words) and words[k] in _DASHES and _year(words, k + 1):
        y_to = _year(words, k + 1)
        if y_to and y_to > y:
            return k + 2, _Spec("range", year=y, day_to=y_to)  # a span of years: day_to holds the end year
    nxt = words[k] if k < len(words) else ""
    if not cue and (y % 100 == 0 or nxt in ("de", "%", "mil", "tys", "000") or (nxt and tokens[k].text[:1].isdigit())):
        return None  # "2000 de soldați", "1500 %": a count, not a year
    return k, _Spec("year", year=y)


# -- placing on the calendar ---------------------------------------------------------------------------


def _normalise(text: str, start: int, end: int, spec: _Spec, anchor: date | None, future: bool = False) -> TimeExpr:
    expr = TimeExpr(start, end, text[start:end], spec.granularity)
    relative = spec.shift is not None or spec.weekday is not None or (spec.year is None and spec.granularity != "year")
    if spec.granularity == "minute" and spec.day is None:
        return expr  # a bare time of day: placed by _attach_clocks
    expr.relative = relative
    if relative and anchor is None:
        expr.reason = NO_ANCHOR
        return expr
    span = _place(spec, anchor, future)
    if span is None:
        expr.reason = "not a calendar date"
        return expr
    first, last = span
    if spec.granularity == "minute" and spec.hour is not None:
        expr.value = f"{first.isoformat()}T{spec.hour:02d}:{spec.minute or 0:02d}"
    else:
        expr.value = first.isoformat()
    expr.until = last.isoformat()
    return expr


def _month_span(y: int, m: int) -> tuple[date, date]:
    return date(y, m, 1), date(y, m, monthrange(y, m)[1])


def _season_span(y: int, season: int) -> tuple[date, date]:
    if season == 3:  # winter runs into the next year
        return date(y, 12, 1), date(y + 1, 3, 1) - timedelta(days=1)
    first = 3 + 3 * season
    return date(y, first, 1), date(y, first + 2, monthrange(y, first + 2)[1])


def _recent_year(anchor: date, month: int, day: int, future: bool = False) -> int:
    """The year that makes a month/day the latest one not more than two months after the publication
    date: news mostly looks back ("w kwietniu" in a December article is the past April), but a December
    article's "in January" is the coming one."""
    if future:  # the first one on or after the publication date
        return next(y for y in (anchor.year, anchor.year + 1) if date(y, month, min(day, 28)) >= anchor.replace(day=1))
    for year in (anchor.year + 1, anchor.year, anchor.year - 1):
        if (date(year, month, min(day, monthrange(year, month)[1])) - anchor).days <= LOOKAHEAD_DAYS:
            return year
    return anchor.year - 1


def _place(spec: _Spec, anchor: date | None, future: bool = False) -> tuple[date, date] | None:
    g = spec.granularity
    if spec.weekday is not None:
        assert anchor is not None
        back = (anchor.weekday() - spec.weekday) % 7
        if spec.shift == 1 or (future and spec.shift is None):
            day = anchor + timedelta(days=(spec.weekday - anchor.weekday()) % 7 or (7 if spec.shift else 0))
        elif spec.shift == -1:
            day = anchor - timedelta(days=back or 7)
        else:
            day = anchor - timedelta(days=back)
        return day, day
    if spec.unit is not None and spec.shift is not None and g != "season":
        assert anchor is not None
        if spec.unit == "day":
            day = anchor + timedelta(days=spec.shift)
            return day, day
        if spec.unit == "week":
            monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=spec.shift)
            return monday, monday + timedelta(days=6)
        if spec.unit == "month":
            index = anchor.year * 12 + anchor.month - 1 + spec.shift
            return _month_span(index // 12, index % 12 + 1)
        year = anchor.year + spec.shift
        return date(year, 1, 1), date(year, 12, 31)
    if g == "season":
        assert spec.season is not None
        if spec.year is not None:
            return _season_span(spec.year, spec.season)
        assert anchor is not None
        if spec.shift is not None:
            return _season_span(anchor.year + spec.shift, spec.season)
        first_month = 3 + 3 * spec.season
        return _season_span(_recent_year(anchor, first_month, 1, future), spec.season)
    if g == "year":
        assert spec.year is not None
        return date(spec.year, 1, 1), date(spec.year, 12, 31)
    if g == "range" and spec.month is None:  # years "2023–2025"
        assert spec.year is not None and spec.day_to is not None
        return date(spec.year, 1, 1), date(spec.day_to, 12, 31)
    assert spec.month is not None
    if spec.year is not None:
        year = spec.year
    else:
        assert anchor is not None
        year = _recent_year(anchor, spec.month, spec.day or 1, future)
    if g == "month":
        return _month_span(year, spec.month)
    if spec.day is None or not _valid(year, spec.month, spec.day):
        return None
    first = date(year, spec.month, spec.day)
    if spec.day_to is not None and _valid(year, spec.month, spec.day_to):
        return first, date(year, spec.month, spec.day_to)
    return first, first
