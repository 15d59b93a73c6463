"""Calendar arithmetic against the article's date.

News reports the past, so a date missing its year (or month) is placed at its most recent
occurrence on or before the article's date; a few days of slack allow for an article dated
slightly before the event it reports (time zones, early metadata), and an explicit future
marker (将于, will) lets a date lie ahead."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from kg.records import PartialDate

FUTURE_SLACK = timedelta(days=3)
"""How far past the article's date a date without a year may still fall in the article's year."""


def valid(year: int, month: int, day: int | None = None) -> bool:
    if not (1 <= month <= 12 and 1 <= year <= 9999):
        return False
    return day is None or 1 <= day <= calendar.monthrange(year, month)[1]


def make(year: int, month: int | None = None, day: int | None = None) -> PartialDate | None:
    """A PartialDate when the parts form a real date, else None."""
    if month is None:
        return PartialDate(year) if 1 <= year <= 9999 else None
    if not valid(year, month, day):
        return None
    return PartialDate(year, month, day)


def latest_day(anchor: PartialDate) -> date:
    """The last calendar day the anchor may stand for (a month-precision anchor: its last day)."""
    if anchor.month is None:
        return date(anchor.year, 12, 31)
    if anchor.day is None:
        return date(anchor.year, anchor.month, calendar.monthrange(anchor.year, anchor.month)[1])
    return date(anchor.year, anchor.month, anchor.day)


def weekday(year: int, month: int, day: int) -> int:
    """Monday=0 of a valid calendar day."""
    return date(year, month, day).weekday()


def as_date(value: PartialDate) -> date | None:
    if value.month is None or value.day is None:
        return None
    return date(value.year, value.month, value.day)


def of(day: date) -> PartialDate:
    return PartialDate(day.year, day.month, day.day)


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def month_day(
    month: int, day: int, anchor: PartialDate | None, *, future_ok: bool = False
) -> PartialDate | None:
    """`12月3日` / `Dec. 3`: the anchor's year, or the year before when that would put it in the future."""
    if anchor is None:
        return None
    year = anchor.year
    if anchor.month is not None and valid(year, month, day):
        limit = latest_day(anchor) + FUTURE_SLACK
        if date(year, month, day) > limit and not future_ok:
            year -= 1
    elif not valid(year, month, day) and valid(year - 1, month, day):
        year -= 1  # 2月29日 against a non-leap year
    return make(year, month, day)


def month_only(month: int, anchor: PartialDate | None, *, future_ok: bool = False) -> PartialDate | None:
    """`7月`: the anchor's year, or the year before when the anchor's month is earlier."""
    if anchor is None or not 1 <= month <= 12:
        return None
    year = anchor.year
    if anchor.month is not None and month > anchor.month and not future_ok:
        year -= 1
    return PartialDate(year, month)


def day_only(day: int, anchor: PartialDate | None, *, future_ok: bool = False) -> PartialDate | None:
    """`28日`: the anchor's month, or the month before when the day is still to come.
    Without a month in the anchor only the year is known."""
    if anchor is None:
        return None
    if anchor.month is None:
        return PartialDate(anchor.year) if 1 <= day <= 31 else None
    year, month = anchor.year, anchor.month
    if anchor.day is not None and not future_ok and valid(year, month, day):
        if date(year, month, day) > latest_day(anchor) + FUTURE_SLACK:
            year, month = shift_month(year, month, -1)
    elif anchor.day is not None and not future_ok and day > anchor.day:
        year, month = shift_month(year, month, -1)
    return make(year, month, day)


def days_before(days: int, anchor: PartialDate | None) -> PartialDate | None:
    """`昨天`, `3天前`, `yesterday`: needs a day-precise anchor; a coarser one keeps its own precision."""
    if anchor is None:
        return None
    day = as_date(anchor)
    if day is None:
        return anchor if days <= 1 else None
    return of(day - timedelta(days=days))


def months_before(months: int, anchor: PartialDate | None, day: int | None = None) -> PartialDate | None:
    """`上个月`, `本月28日`: a month counted from the anchor's."""
    if anchor is None or anchor.month is None:
        return None
    year, month = shift_month(anchor.year, anchor.month, -months)
    return make(year, month, day)


def years_before(years: int, anchor: PartialDate | None, month: int | None = None, day: int | None = None
                 ) -> PartialDate | None:
    """`去年`, `今年3月`, `三年前`: a year counted from the anchor's."""
    if anchor is None:
        return None
    return make(anchor.year - years, month, day if month is not None else None)


def last_weekday(
    weekday: int, anchor: PartialDate | None, *, strictly_before: bool = False
) -> PartialDate | None:
    """The most recent `weekday` (Monday=0) on or before the anchor day: news tells of the past."""
    if anchor is None:
        return None
    day = as_date(anchor)
    if day is None:
        return None
    back = (day.weekday() - weekday) % 7
    if back == 0 and strictly_before:
        back = 7
    return of(day - timedelta(days=back))


def weekday_of_week(weekday: int, weeks_back: int, anchor: PartialDate | None) -> PartialDate | None:
    """`上周三` / `本周三`: a weekday of the anchor's calendar week (Monday first) or of an earlier one."""
    if anchor is None:
        return None
    day = as_date(anchor)
    if day is None:
        return None
    monday = day - timedelta(days=day.weekday())
    return of(monday - timedelta(weeks=weeks_back) + timedelta(days=weekday))
