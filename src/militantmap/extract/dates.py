"""Resolve a short date expression ("Sunday", "last month", "April 9, 2014") to an ISO date.

The result carries only the precision the text allows: "in June" is a month, "2009" a year,
"last week" a month only when the whole week lies inside one month, and a relative expression
without a publication date resolves to nothing. Relative words are our own small rules (they
must be exact about "same day counts"); absolute dates go to dateparser, which also reports the
precision it read.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["ResolvedDate", "resolve_date"]

# Date entities are a few words; anything longer is not a date expression and dateparser is
# slow on long garbage.
MAX_CHARS = 60
MIN_YEAR, MAX_YEAR = 1800, 2100

DAY, MONTH, YEAR = "day", "month", "year"


@dataclass
class ResolvedDate:
    iso: str | None         # YYYY-MM-DD, YYYY-MM or YYYY; None when the text does not fix a date
    text: str               # the expression as given
    precision: str | None   # "day" | "month" | "year" | None


_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTHS["sept"] = 9
_MONTH_RE = (r"(?:january|february|march|april|may|june|july|august|september|october|november|"
             r"december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?")
_WEEKDAY_RE = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_NUM_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
              "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}

# Words around a date that do not change which date it is ("early on Sunday", "late May").
_PREFIX = re.compile(
    r"^(?:(?:on|in|at|by|during|over|since|from|of|until|till|through|throughout|around|about|"
    r"before|after|the|earlier|early|late|later|mid|the\s+middle\s+of|the\s+end\s+of|"
    r"the\s+start\s+of|the\s+beginning\s+of|end\s+of|start\s+of|beginning\s+of|middle\s+of|"
    r"the\s+early\s+hours\s+of|the\s+night\s+of|the\s+morning\s+of|the\s+evening\s+of)"
    r"(?:\s+|-))+"
)
_TIME_OF_DAY = re.compile(
    r"(?:\s*,?\s*\b(?:morning|afternoon|evening|night|nights|midday|noon|midnight|dawn|dusk|"
    r"daybreak|early\s+hours))+$"
)
_CLOCK = re.compile(
    r"\b(?:at\s+)?(?:about\s+|around\s+)?\d{1,2}(?:[:.]\d{2})?\s*(?:a\.?m\.?|p\.?m\.?|hrs|gmt|"
    r"utc|local\s+time)(?=\W|$)\.?|\b\d{1,2}:\d{2}\b|\(\d{4}\s*gmt\)",
)
_DURATION_UNIT = r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|months?|years?|decades?|centuries|century)"
_DURATION = re.compile(
    rf"^(?:(?:the|a|an|some|about|around|nearly|almost|over|more\s+than|at\s+least|past|last|next|"
    rf"first|previous|coming|recent|few|several|many|couple\s+of|dozens?\s+of|\d+|one|two|three|"
    rf"four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|"
    rf"hundred|half|and|a\s+half)\s+|-)*{_DURATION_UNIT}(?:-long|\s+long)?$"
)
_TODAY = re.compile(
    r"^(?:today|tonight|overnight|this\s+(?:morning|afternoon|evening)|earlier\s+today|"
    r"later\s+today)$"
)
_COUNTED = re.compile(r"^(?:one|another|the\s+other|the\s+latest|two|three)\s+(?=(?:last|this|earlier|on|in)\b)")
_VAGUE = re.compile(r"\b(?:recent(?:ly)?|past|ago|lately|decades?|centur(?:y|ies)|era|previous|"
                    r"earlier|former|soon|future|coming|next|years|months|weeks|days|\d0s|\d0's)\b")


def resolve_date(expr: str, published: dt.date | None) -> ResolvedDate:
    """Resolve `expr` against the publication date; iso None when the text does not fix a date.

    Never raises: garbage, impossible dates and over-long strings give iso None."""
    text = expr if isinstance(expr, str) else ""
    if isinstance(published, dt.datetime):
        published = published.date()
    elif not isinstance(published, dt.date):
        published = None
    try:
        iso, precision = _resolve(text, published)
    except (ValueError, OverflowError, TypeError):
        iso, precision = None, None
    return ResolvedDate(iso=iso if precision else None, text=text, precision=precision if iso else None)


def _normalise(text: str) -> str:
    s = text.strip().lower()
    s = s.replace("’", "'").replace("\u2013", "-").replace("\u2014", "-")
    s = re.sub(r"\s+", " ", s)
    s = re.sub(r"'s$", "", s)                     # "today's", "Friday's"
    s = _CLOCK.sub(" ", s)
    s = re.sub(r"\s+", " ", s).strip(" ,.;:")
    # "including one last week", "another on Sunday": the incident counted, then its date
    s = _COUNTED.sub("", s)
    for _ in range(3):
        s = _PREFIX.sub("", s).strip(" ,")
    bare = _TIME_OF_DAY.sub("", s).strip(" ,")
    # "last night" and "this morning" are whole expressions, not a modifier and a time of day
    return s if bare in ("", "last", "this", "early", "late") else bare


def _resolve(text: str, pub: dt.date | None) -> tuple[str | None, str | None]:
    if not text.strip() or len(text) > MAX_CHARS:
        return None, None
    raw = re.sub(r"\s+", " ", text.strip().lower()).replace("’", "'")
    s = _normalise(text)
    if not s:
        return None, None
    s = re.sub(rf"^{_WEEKDAY_RE},? (?=\w)", "", s)  # "Sunday, July 29": the date says it all
    if _DURATION.match(s) and not re.search(r"\b(?:last|past|this|next)\s+" + _DURATION_UNIT + "$", s) \
            and not s.startswith(("last ", "this ")):
        return None, None                       # "two years", "48 hours", "decades"
    if re.fullmatch(r"\d+", s):
        year = int(s)
        return (f"{year:04d}", YEAR) if MIN_YEAR <= year <= MAX_YEAR and len(s) == 4 else (None, None)
    if re.search(r"\d0'?s\b", s):
        return None, None                       # "the 1990s"
    if re.search(r"\b(?:between|through|to|and|until|till)\b|\d\s*-\s*\d{4}|\d{4}\s*-\s*\d{2,4}$", s) \
            and not re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", s):
        return None, None                       # ranges are not one date
    rel = _relative(s, raw, pub)
    if rel is not None:
        return rel
    return _absolute(s, pub)


def _day(d: dt.date | None) -> tuple[str | None, str | None]:
    return (d.isoformat(), DAY) if d else (None, None)


def _month(year: int, month: int) -> tuple[str | None, str | None]:
    return (f"{year:04d}-{month:02d}", MONTH) if MIN_YEAR <= year <= MAX_YEAR else (None, None)


def _relative(s: str, raw: str, pub: dt.date | None) -> tuple[str | None, str | None] | None:
    """Rules for expressions that need the publication date; None when `s` is not relative."""
    if _TODAY.match(s) or _TODAY.match(raw):
        return _day(pub)
    if re.fullmatch(r"(?:yesterday|last night)", s):
        return _day(pub - dt.timedelta(days=1)) if pub else (None, None)
    if s == "tomorrow":
        return _day(pub + dt.timedelta(days=1)) if pub else (None, None)
    m = re.fullmatch(rf"(last|this|past|this past|next)?\s*({_WEEKDAY_RE})", s)
    if m:
        if not pub:
            return None, None
        back = (pub.weekday() - _WEEKDAYS[m.group(2)]) % 7
        if m.group(1) in ("last", "past", "this past") and back == 0:
            back = 7                            # "last Friday" on a Friday is a week ago
        if m.group(1) == "next":
            return _day(pub + dt.timedelta(days=(_WEEKDAYS[m.group(2)] - pub.weekday()) % 7 or 7))
        return _day(pub - dt.timedelta(days=back))
    if s == "weekend":
        # "over the weekend" in a report: the latest Saturday and Sunday up to its publication
        if not pub:
            return None, None
        sat = pub - dt.timedelta(days=(pub.weekday() - 5) % 7)
        sun = sat + dt.timedelta(days=1)
        return _month(sat.year, sat.month) if sat.month == sun.month else (None, None)
    m = re.fullmatch(r"(last|this|past|previous)\s+(week|weekend|month|year)", s)
    if m:
        if not pub:
            return None, None
        which, unit = m.groups()
        if unit in ("week", "weekend"):
            if which == "past":
                start, end = pub - dt.timedelta(days=7), pub - dt.timedelta(days=1)
            elif which == "this":
                start, end = pub - dt.timedelta(days=pub.weekday()), pub
            else:
                monday = pub - dt.timedelta(days=pub.weekday() + 7)
                start, end = monday, monday + dt.timedelta(days=6)
            if unit == "weekend":
                # the most recent Saturday (strictly before publication for "last weekend")
                back = (pub.weekday() - 5) % 7
                if back == 0 and which in ("last", "previous"):
                    back = 7
                start = pub - dt.timedelta(days=back)
                end = start + dt.timedelta(days=1)
            if (start.year, start.month) == (end.year, end.month):
                return _month(start.year, start.month)
            return None, None
        if unit == "month":
            if which == "past":
                return None, None               # "the past month" is a duration
            if which == "this":
                return _month(pub.year, pub.month)
            prev = pub.replace(day=1) - dt.timedelta(days=1)
            return _month(prev.year, prev.month)
        if which == "past":
            return None, None
        return (f"{pub.year - (1 if which in ('last', 'previous') else 0):04d}", YEAR)
    m = re.fullmatch(r"(\w+|\d+) (day|week|month|year)s? ago", s)
    if m:
        n = _NUM_WORDS.get(m.group(1)) or (int(m.group(1)) if m.group(1).isdigit() else None)
        if not pub or n is None or n > 1000:
            return None, None
        unit = m.group(2)
        if unit == "day":
            return _day(pub - dt.timedelta(days=n))
        if unit == "month":
            y, mo = divmod(pub.year * 12 + pub.month - 1 - n, 12)
            return _month(y, mo + 1)
        if unit == "year":
            return (f"{pub.year - n:04d}", YEAR)
        return None, None                       # "two weeks ago" straddles months too often
    m = re.fullmatch(rf"({_MONTH_RE})(?: (this|last|of this|of last|earlier this|last) year)?", s)
    if m:
        if not pub:
            return None, None
        month = _MONTHS[m.group(1).rstrip(".")]
        which = m.group(2) or ""
        if "this" in which:
            return _month(pub.year, month)
        if "last" in which:
            return _month(pub.year - 1, month)
        return _month(pub.year if month <= pub.month else pub.year - 1, month)
    m = (re.fullmatch(rf"({_MONTH_RE}) (\d{{1,2}})(?:st|nd|rd|th)?", s)
         or re.fullmatch(rf"(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?({_MONTH_RE})", s))
    if m:
        if not pub:
            return None, None
        a, b = m.groups()
        month_word, day = (a, int(b)) if not a[0].isdigit() else (b, int(a))
        month = _MONTHS[month_word.rstrip(".")]
        for year in (pub.year, pub.year - 1, pub.year - 2, pub.year - 3, pub.year - 4):
            try:
                d = dt.date(year, month, day)
            except ValueError:
                continue                        # Feb 29 in a common year, or day 31 of April
            if d <= pub:
                return _day(d)
        return None, None
    m = re.fullmatch(r"(?:(this|last) )?(spring|summer|autumn|fall|winter)(?: (\d{4}))?", s)
    if m:
        which, season, season_year = m.groups()
        if season_year:
            return (season_year, YEAR) if MIN_YEAR <= int(season_year) <= MAX_YEAR else (None, None)
        if not pub:
            return None, None
        first, _last = _SEASONS[season]
        if season == "winter":
            return None, None                   # winter spans two years
        started = pub.month >= first
        if which == "last":
            return (f"{pub.year if pub.month > _last else pub.year - 1:04d}", YEAR)
        return (f"{pub.year if started else pub.year - 1:04d}", YEAR)
    if _VAGUE.search(s) and not re.search(r"\d{4}", s):
        return None, None                       # "recent months", "in recent years", "earlier"
    if not re.search(r"\d|" + _MONTH_RE.rstrip(r"\.?") + r"\b", s):
        return None, None                       # no day, month or year named at all
    return None


def _absolute(s: str, pub: dt.date | None) -> tuple[str | None, str | None]:
    s = re.sub(rf"^{_WEEKDAY_RE},? ", "", s)    # "Sunday, July 29, 2018"
    s = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", s)
    m = re.fullmatch(r"(\d{4}) ?(?:year)?", s)
    if m:
        year = int(m.group(1))
        return (f"{year:04d}", YEAR) if MIN_YEAR <= year <= MAX_YEAR else (None, None)
    if not re.search(r"\d{4}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2}", s):
        return None, None                       # no year: a relative form our rules do not know
    parsed = _parser(pub).get_date_data(s)
    d, period = parsed["date_obj"], parsed["period"]
    if d is None or not (MIN_YEAR <= d.year <= MAX_YEAR):
        return None, None
    if period == "year":
        return f"{d.year:04d}", YEAR
    if period == "month":
        return _month(d.year, d.month)
    if period in ("day", "time", "part_of_day") and re.search(r"\d{1,2}\D+\d{4}|\d{4}\D+\d{1,2}\D+\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2}", s):
        return d.date().isoformat(), DAY
    return None, None


@lru_cache(maxsize=64)
def _parser(pub: dt.date | None):  # type: ignore[no-untyped-def]
    from dateparser.date import DateDataParser

    settings = {"PREFER_DATES_FROM": "past", "RETURN_TIME_AS_PERIOD": True,
                "STRICT_PARSING": False, "REQUIRE_PARTS": []}
    if pub is not None:
        settings["RELATIVE_BASE"] = dt.datetime(pub.year, pub.month, pub.day)
    return DateDataParser(languages=["en"], settings=settings)
