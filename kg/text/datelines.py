"""Publication dates: from a metadata value, or from a date line at the top of the article.

Only what is written is kept: `2024-06` stays a month, never padded to a day. A date in
the body of the story is not a dateline; only short lines among the first few qualify.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from kg.records import PartialDate

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")

_NUMERIC = (
    r"(?P<y>(?:19|20)\d\d)\s*[-/.年]\s*(?P<m>\d{1,2})(?:\s*[-/.月]\s*(?P<d>\d{1,2})(?!\d)\s*日?|\s*月)?"
)
_MONTH_FIRST = rf"{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)"
_DAY_FIRST = rf"(?P<d>\d{{1,2}})\s+{_MONTH},?\s+(?P<y>(?:19|20)\d\d)"
_COMPACT = r"(?<!\d)(?P<y>(?:19|20)\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)(?!\d)"
_NUMERIC_YEAR_LAST = r"(?<![\d.])(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<y>(?:19|20)\d\d)(?!\d)"
"""`30.11.2026` (dots: day first, as Europe and Asia write it), `30/11/2026`, `10/08/2024`."""

_DATE_PATTERNS = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (_NUMERIC, _MONTH_FIRST, _DAY_FIRST, _NUMERIC_YEAR_LAST, _COMPACT, r"(?P<y>(?:19|20)\d\d)$")
)
_START = tuple(re.compile(r"\s*(?:\w+,\s*)?" + p.pattern, re.IGNORECASE) for p in _DATE_PATTERNS[:4])

_LABELLED = re.compile(
    r"(?<![A-Za-z])(?:发布时间|發佈時間|發布時間|发布日期|發佈日期|發布日期|发稿时间|發稿時間|时间|時間|日期"
    r"|published(?:\s+on)?|posted(?:\s+on)?|date)\s*[:：]?\s*",
    re.IGNORECASE,
)
_CLOCK = re.compile(r",?\s*\d{1,2}:\d{2}")
"""`2024-12-04 09:06`, `2022/05/12, 11:57 (GMT+7)`, `30.11.2026 12:12`."""
_SENTENCE_END = re.compile(r"[。！？!?.]$")
_ENGLISH_DATELINE = re.compile(r"[A-Z][A-Z .'’-]{1,40},\s*")
DATELINE_PARAGRAPHS = 6
"""How many paragraphs from the top may hold the date line."""
DATELINE_MAX_CHARS = 120


def parse_date(value: str | None) -> PartialDate | None:
    """The date a metadata value states (ISO, 2024年12月4日, Dec. 3, 2024, RFC 2822 ...), or None."""
    if not value:
        return None
    value = value.strip().translate(_FULLWIDTH_DIGITS)
    for pattern in _DATE_PATTERNS:
        match = pattern.match(value) or (pattern.search(value) if pattern is not _DATE_PATTERNS[-1] else None)
        if match:
            return _to_date(match)
    return None


def find_dateline(paragraphs: Sequence[str]) -> PartialDate | None:
    """The publication date from a date line among the first paragraphs, or None.

    A date line is labelled (`發佈時間:2024-12-04 09:06:32`, `发布时间：2024年12月4日`,
    `Published: Dec. 3, 2024`), or a short line starting with a full date, or carrying a
    date and a clock time (`2024-12-04 09:06  来源：新华社`), or an English wire dateline
    with a year (`BEIJING, Dec. 3, 2024 (Xinhua) --`)."""
    for paragraph in paragraphs[:DATELINE_PARAGRAPHS]:
        line = paragraph[:DATELINE_MAX_CHARS].translate(_FULLWIDTH_DIGITS)
        found = _dateline(line, short=len(paragraph) <= DATELINE_MAX_CHARS)
        if found is not None:
            return found
    return None


def _dateline(line: str, *, short: bool) -> PartialDate | None:
    for label in _LABELLED.finditer(line):
        if label.group(0).strip() and (date := _full_date_at(line, label.end())):
            return date
    if not short:
        return _wire_dateline(line)
    if date := _full_date_at(line, 0, alone=True):
        return date
    for pattern in (_DATE_PATTERNS[0], _DATE_PATTERNS[3]):
        for match in pattern.finditer(line):
            if _has_day(match) and _CLOCK.match(line[match.end() :].lstrip()):
                return _to_date(match)
    return _wire_dateline(line)


def _wire_dateline(line: str) -> PartialDate | None:
    place = _ENGLISH_DATELINE.match(line)
    return _full_date_at(line, place.end()) if place else None


def _full_date_at(line: str, position: int, *, alone: bool = False) -> PartialDate | None:
    """The full date starting at `position`; with `alone`, only when the line is not a sentence
    that merely starts with a date (`2022年7月5日，王毅同...会谈。`)."""
    for pattern in _START:
        match = pattern.match(line, position)
        if match and _has_day(match):
            sentence_goes_on = line[match.end() :].lstrip()[:1] in ("，", ",", "、")
            if alone and (sentence_goes_on or _SENTENCE_END.search(line)):
                return None
            return _to_date(match)
    return None


def _has_day(match: re.Match[str]) -> bool:
    groups = match.groupdict()
    return bool(groups.get("d") or groups.get("a"))


def _to_date(match: re.Match[str]) -> PartialDate | None:
    groups = match.groupdict()
    year = int(groups["y"])
    if groups.get("a"):
        return _year_last(year, int(groups["a"]), int(groups["b"]), groups["sep"])
    if groups.get("mon"):
        month: int | None = _MONTHS[groups["mon"].lower()[:3]]
    else:
        month = int(groups["m"]) if groups.get("m") else None
    day = int(groups["d"]) if groups.get("d") else None
    if month is None:
        return PartialDate(year)
    if not 1 <= month <= 12:
        return None
    if day is None:
        return PartialDate(year, month)
    try:
        dt.date(year, month, day)
    except ValueError:
        return None
    return PartialDate(year, month, day)


def _year_last(year: int, first: int, second: int, separator: str) -> PartialDate | None:
    """`30.11.2026` is day first; with slashes `10/08/2024` is 10 August in most of the world and
    October 8 in the United States: only a number over 12 tells, else only the year is sure."""
    if separator == "." or first > 12:
        day, month = first, second
    elif second > 12:
        month, day = first, second
    else:
        return PartialDate(year)
    try:
        dt.date(year, month, day)
    except ValueError:
        return None
    return PartialDate(year, month, day)
