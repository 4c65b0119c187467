"""Time zones and dates the way Jekyll 4.3 (Ruby + glibc) sees them.

Jekyll sets `ENV["TZ"]` to the configured `timezone` and parses every date with
`Time.parse(value.to_s).localtime`. glibc reads TZ as a zoneinfo name, else as a POSIX TZ
string ("UTC+8" means 8 hours *west*, i.e. -08:00), else silently uses UTC
(`China/Beijing` gives UTC: jekyll-kramdown-facts.md §1.2). Checked with Jekyll 4.3.1.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone, tzinfo

# Zone abbreviations Ruby's Date._parse knows that bloggers actually write.
_ZONE_ABBREVIATIONS: dict[str, float] = {
    "UTC": 0, "UT": 0, "GMT": 0, "Z": 0,
    "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
    "AKST": -9, "AKDT": -8, "HST": -10,
    "WET": 0, "WEST": 1, "BST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3, "MSK": 3,
    "IST": 5.5, "JST": 9, "KST": 9, "AEST": 10, "AEDT": 11, "NZST": 12, "NZDT": 13,
}  # fmt: skip

_MONTH_NUMBERS = {
    name: number
    for number, names in enumerate(
        (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
         ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
         ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"), ("dec", "december")),
        start=1,
    )
    for name in names
}  # fmt: skip

# POSIX TZ "std offset [dst ...]": std is 3+ letters or <...>; only the standard offset is used.
_POSIX_TZ = re.compile(
    r"(?:[A-Za-z]{3,}|<[A-Za-z0-9+-]{3,}>)([+-]?)(\d{1,2})(?::(\d{1,2})(?::(\d{1,2}))?)?(.*)"
)


def resolve_timezone(name: object, fallback: tzinfo = timezone.utc) -> tuple[tzinfo, str | None]:
    """The zone glibc would use for `TZ=name`, and a note when the name is not a zone.

    `fallback` stands for "the machine's local zone", used when `timezone` is absent: Jekyll
    then uses the build machine's zone; bloglint defaults to UTC for reproducible results.
    """
    if name is None or name == "":
        return fallback, None
    text = str(name)
    key = text[1:] if text.startswith(":") else text
    zone = _named_zone(key)
    if zone is not None:
        return zone, None
    match = _POSIX_TZ.fullmatch(key)
    if match:
        sign = -1 if match.group(1) == "-" else 1
        hours, minutes, seconds = (int(part or 0) for part in match.group(2, 3, 4))
        # POSIX offsets count hours west of Greenwich: UTC+8 is 8 hours behind UTC.
        offset = -sign * timedelta(hours=hours, minutes=minutes, seconds=seconds)
        note = None
        if match.group(5):
            note = f"timezone `{text}` has daylight-saving rules; bloglint uses its standard offset only"
        return timezone(offset), note
    return timezone.utc, f"timezone `{text}` is not a known time zone; Jekyll (glibc) then uses UTC"


def _named_zone(key: str) -> tzinfo | None:
    """The IANA zone called `key`, or None.

    zoneinfo is asked only when the name is a file in the system's zone folders or in the
    `tzdata` package, where zoneinfo looks: for a name that is no zone (`China/Beijing` is a
    common one) its own search would import importlib.resources and tempfile just to fail.
    """
    import os
    import zoneinfo

    folders = list(zoneinfo.TZPATH)
    try:
        import tzdata
    except ImportError:
        pass
    else:
        if isinstance(location := getattr(tzdata, "__file__", None), str):
            folders.append(os.path.join(os.path.dirname(location), "zoneinfo"))
    if not any(os.path.isfile(os.path.join(folder, key)) for folder in folders):
        return None
    try:
        return zoneinfo.ZoneInfo(key)
    except (ValueError, OSError, KeyError):  # ZoneInfoNotFoundError is a KeyError
        return None


_TIME = r"(?:(?:[Tt]|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?"
_ZONE = r"\s*(?:([A-Za-z]{1,5})|([+-])(\d{1,2})(?::?(\d{2}))?)?"
_NUMERIC_DATE = re.compile(r"\s*(\d{2,4})([-/])(\d{1,2})\2(\d{1,2})" + _TIME + _ZONE + r"\s*")
_NAMED_DATE = re.compile(
    r"\s*(?:[A-Za-z]{3,9},?\s+)?(?:([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?|(\d{1,2})\s+([A-Za-z]{3,9})\.?,?)"
    r"\s+(\d{4})" + _TIME + _ZONE + r"\s*"
)


def _zone_offset(
    abbreviation: str | None, sign: str | None, hours: str | None, minutes: str | None
) -> tzinfo | None | bool:
    """tzinfo for the parsed zone; None when absent; False when an unknown abbreviation."""
    if abbreviation:
        offset = _ZONE_ABBREVIATIONS.get(abbreviation.upper())
        if offset is None:
            return False
        return timezone(timedelta(hours=offset))
    if sign:
        delta = timedelta(hours=int(hours or 0), minutes=int(minutes or 0))
        return timezone(-delta if sign == "-" else delta)
    return None


def _roll_over_date(year: int, month: int, day: int) -> datetime:
    """Ruby's `Time.parse` rolls a day past the month's end over (2024-02-30 is March 1st).

    Only fields out of their absolute range (month 13, day 32) fail, as in Ruby; checked
    with a real `jekyll build`, which publishes `_posts/2024-02-30-b.md` at /2024/03/01/b.html.
    """
    if not (1 <= month <= 12 and 1 <= day <= 31):
        raise ValueError("out of range")
    return datetime(year, month, 1) + timedelta(days=day - 1)


def parse_time(text: str, tz: tzinfo) -> datetime | None:
    """`Time.parse(text).localtime` for the date spellings blogs use; None when unparseable.

    Without a zone the time is local to `tz`; with one it is converted to `tz`.
    Two-digit years follow Ruby: 69-99 are 19xx, 00-68 are 20xx.
    """
    numeric = _NUMERIC_DATE.fullmatch(text)
    if numeric:
        year_text, _, month, day, hour, minute, second, fraction, abbr, sign, zh, zm = (
            numeric.groups()
        )
    else:
        named = _NAMED_DATE.fullmatch(text)
        if not named:
            return None
        name1, day1, day2, name2, year_text, hour, minute, second, fraction, abbr, sign, zh, zm = (
            named.groups()
        )
        month_number = _MONTH_NUMBERS.get((name1 or name2).lower())
        if month_number is None:
            return None
        month, day = str(month_number), day1 or day2
    year = int(year_text)
    if len(year_text) == 2:
        year += 1900 if year >= 69 else 2000
    zone = _zone_offset(abbr, sign, zh, zm)
    if zone is False:
        return None
    micro = int((fraction or "0")[:6].ljust(6, "0"))
    try:
        moment = _roll_over_date(year, int(month), int(day)).replace(
            hour=int(hour or 0), minute=int(minute or 0), second=int(second or 0), microsecond=micro
        )
    except ValueError:
        return None
    if zone is None:
        return moment.replace(tzinfo=tz)
    try:
        return moment.replace(tzinfo=zone).astimezone(tz)
    except OverflowError:
        return None


def normalize_date(value: object, tz: tzinfo) -> datetime | None:
    """A front-matter date as Jekyll sees it, from any of PyYAML's four shapes.

    * `date` (2024-01-02): local midnight;
    * naive `datetime` (2024-01-02 10:00:00): Psych reads a zoneless timestamp as **UTC**
      (checked: `10:00:00` under Europe/Paris gives 11:00+01:00);
    * aware `datetime`: the same instant, shown in `tz`;
    * anything else: `Time.parse(value.to_s)`.
    """
    try:
        if isinstance(value, datetime):
            if value.tzinfo is None:
                return value.replace(tzinfo=timezone.utc).astimezone(tz)
            return value.astimezone(tz)
        if isinstance(value, date):
            return datetime(value.year, value.month, value.day, tzinfo=tz)
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            return parse_time(str(value), tz)
    except (OverflowError, ValueError):  # year 1 or 9999 pushed out of range by the offset
        return None
    return None
