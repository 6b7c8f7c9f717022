"""Publication dates from metadata values and from short date lines.

Exact numeric and ISO forms are read by our own patterns (precise, fast, day-first as in most of the
world's news); textual forms ("5. März 2024", "23 decembrie 2025") go to dateparser, but only for a
short string already known to hold a date: on running text dateparser finds dates in "nie", "die" and
"mai" (see MEASURED.md). Dates outside a plausible window are refused rather than stored.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from datetime import date, datetime

from newsweave.model import DatePrecision

_ISO = re.compile(
    r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?(?!\d)"
)
_DMY = re.compile(
    r"(?<!\d)(\d{1,2})[./](\d{1,2})[./](\d{4})(?:\s*[,|]?\s*(?:[^\W\d]{1,5}\.?\s*)?(\d{1,2})[:.h](\d{2})(?::(\d{2}))?)?(?!\d)"
)
_YEAR = re.compile(r"(?<!\d)(19\d{2}|20\d{2})(?!\d)")
MIN_YEAR = 1900


@dataclass(slots=True, frozen=True)
class FoundDate:
    value: str
    precision: DatePrecision
    text: str


def _plausible(year: int) -> bool:
    return MIN_YEAR <= year <= date.today().year + 1


def _build(y: int, mo: int, d: int, h: str | None, mi: str | None, s: str | None, tz: str | None) -> str | None:
    try:
        day = date(y, mo, d)
    except ValueError:
        return None
    if h is None or mi is None:
        return day.isoformat()
    try:
        stamp = datetime(y, mo, d, int(h), int(mi), int(s or 0))
    except ValueError:
        return day.isoformat()
    value = stamp.isoformat(timespec="seconds" if s else "minutes")
    if tz:
        value += "+00:00" if tz == "Z" else (tz if ":" in tz else f"{tz[:3]}:{tz[3:]}")
    return value


def find_numeric(text: str) -> FoundDate | None:
    """The first ISO or day-first numeric date (with its time, if any) in ``text``."""
    for pattern, order in ((_ISO, "ymd"), (_DMY, "dmy")):
        m = pattern.search(text)
        if not m:
            continue
        a, b, c = (int(g) for g in m.groups()[:3])
        y, mo, d = (a, b, c) if order == "ymd" else (c, b, a)
        if order == "dmy" and mo > 12 and d <= 12:
            mo, d = d, mo  # an unambiguous month-first date (US style)
        h, mi, s = m.group(4), m.group(5), m.group(6)
        tz = m.group(7) if order == "ymd" else None
        if not _plausible(y):
            continue
        value = _build(y, mo, d, h, mi, s, tz)
        if value:
            precision: DatePrecision = "day" if h is None else ("second" if s else "minute")
            return FoundDate(value, precision, m.group(0).strip())
    return None


def parse_textual(text: str, languages: list[str] | None = None) -> FoundDate | None:
    """A textual date in a short string, via dateparser; ``None`` unless it has a plausible year."""
    year = _YEAR.search(text)
    if not year or not _plausible(int(year.group(1))) or len(text) > 80:
        return None
    import dateparser  # slow import; only needed for textual dates

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            parsed = dateparser.parse(
                text,
                languages=languages,
                settings={"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["year", "month", "day"]},
            )
        except (ValueError, TypeError, OverflowError):
            return None
    if parsed is None or parsed.year != int(year.group(1)):
        return None
    has_time = bool(re.search(r"\d{1,2}[:.h]\d{2}(?!\d)", text))
    value = parsed.isoformat(timespec="minutes") if has_time else parsed.date().isoformat()
    return FoundDate(value, "minute" if has_time else "day", text.strip())


def parse_date_value(value: str, languages: list[str] | None = None) -> FoundDate | None:
    """A metadata value (ISO stamp, numeric or textual date) as a ``FoundDate``."""
    value = value.strip()
    if not value:
        return None
    found = find_numeric(value)
    if found:
        return found
    return parse_textual(value, languages)
