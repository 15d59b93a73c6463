"""find_dates: every date expression of a sentence, resolved against the article's date."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal

from kg.dates import resolve as R
from kg.dates.numerals import EN_NUMBERS, to_int
from kg.dates.patterns import (
    CLOSE_PAREN,
    EN_EXPRESSION,
    FULLWIDTH_DIGITS,
    FUTURE_MARKER,
    HAS_FULLWIDTH_DIGIT,
    HAS_LATIN,
    MONTH_NUMBER,
    OPEN_PAREN,
    WEEKDAY_EN,
    WEEKDAY_ZH,
    ZH_EXPRESSION,
)
from kg.dates.roles import mark_roles
from kg.records import PartialDate

Kind = Literal[
    "absolute", "relative", "same_day", "day_after", "day_before", "weekday", "vague", "target", "reference",
    "dateline",
]
"""`target` (到2030年, by 2030), `reference` (建交60周年所建立的基础上, 2022年友好年, 2021-2025年) and
`dateline` (新华社北京12月3日电) name dates that are not the date of the events told: see kg.dates.roles."""


@dataclass(frozen=True)
class DateMention:
    """A date expression at text[start:end]; `date` is None when the text does not fix one
    (同日 takes the previous event's date, 日前 is only "recently")."""

    start: int
    end: int
    text: str
    date: PartialDate | None
    kind: Kind
    until: PartialDate | None = None
    """The last day of a range such as 8月15日至16日."""


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    date: PartialDate | None
    kind: Kind
    until: PartialDate | None = None
    weekday: int | None = None
    year_from_anchor: bool = False
    """True when the year was not written but taken from the article's date (12月3日)."""


@dataclass(frozen=True)
class _Match:
    groups: dict[str, str | None]
    text: str
    future_ok: bool


_Result = tuple[PartialDate | None, Kind, PartialDate | None, int | None]
"""(date, kind, range end, weekday written)"""


def _num(value: str | None) -> int | None:
    return None if value is None else to_int(value)


def _zh_ymd(m: _Match, anchor: PartialDate | None) -> _Result:
    g = m.groups
    year, month, day = to_int(g["a_y"] or ""), _num(g["a_m"]), _num(g["a_d"])
    start = R.make(year, month, day)
    until = None
    if start is not None and g["a_d2"]:
        until = R.make(year, _num(g["a_m2"]) or month, _num(g["a_d2"]))
    return start, "absolute", until, None


def _iso(m: _Match, anchor: PartialDate | None) -> _Result:
    g = m.groups
    return R.make(int(g["i_y"] or 0), int(g["i_m"] or 0), int(g["i_d"] or 0)), "absolute", None, None


def _zh_rel_year(m: _Match, anchor: PartialDate | None) -> _Result:
    g = m.groups
    back = {"去年": 1, "今年": 0, "前年": 2, "明年": -1}[g["b_rel"] or "今年"]
    return R.years_before(back, anchor, _num(g["b_m"]), _num(g["b_d"])), "relative", None, None


def _zh_year_part(m: _Match, anchor: PartialDate | None) -> _Result:
    return R.years_before(0, anchor), "relative", None, None


def _zh_rel_month(m: _Match, anchor: PartialDate | None) -> _Result:
    g = m.groups
    back = 0 if g["e_rel"] == "本月" else 1
    start = R.months_before(back, anchor, _num(g["e_d"]))
    until = R.make(start.year, start.month, _num(g["e_d2"])) if start and start.month and g["e_d2"] else None
    return start, "relative", until, None


def _zh_weekday(m: _Match, anchor: PartialDate | None) -> _Result:
    g = m.groups
    weekday = WEEKDAY_ZH[g["g_wd"] or "日"]
    prefix = g["g_pre"]
    if prefix in ("上", "上个"):
        return R.weekday_of_week(weekday, 1, anchor), "weekday", None, weekday
    if prefix in ("本", "这", "這"):
        return R.weekday_of_week(weekday, 0, anchor), "weekday", None, weekday
    return R.last_weekday(weekday, anchor), "weekday", None, weekday


def _zh_md(m: _Match, anchor: PartialDate | None) -> _Result:
    g = m.groups
    month, day = to_int(g["d_m"] or ""), to_int(g["d_d"] or "")
    start = R.month_day(month, day, anchor, future_ok=m.future_ok)
    until = None
    end_day = g["d_d2"] or g["d_d3"]
    if start is not None and end_day:
        until = R.make(start.year, _num(g["d_m2"]) or month, to_int(end_day))
    return start, "absolute", until, None


def _zh_m(m: _Match, anchor: PartialDate | None) -> _Result:
    return R.month_only(to_int(m.groups["f_m"] or ""), anchor, future_ok=m.future_ok), "absolute", None, None


def _zh_d(m: _Match, anchor: PartialDate | None) -> _Result:
    g = m.groups
    start = R.day_only(to_int(g["h_d"] or ""), anchor, future_ok=m.future_ok)
    until = None
    if start is not None and start.day is not None and g["h_d2"]:
        until = R.make(start.year, start.month, to_int(g["h_d2"]))
    return start, "absolute", until, None


def _zh_days_ago(m: _Match, anchor: PartialDate | None) -> _Result:
    return R.days_before(to_int(m.groups["j_n"] or ""), anchor), "relative", None, None


def _zh_years_ago(m: _Match, anchor: PartialDate | None) -> _Result:
    return R.years_before(to_int(m.groups["y_n"] or ""), anchor), "relative", None, None


def _zh_paren_day(m: _Match, anchor: PartialDate | None) -> _Result:
    return R.day_only(to_int(m.groups["pd_d"] or ""), anchor), "absolute", None, None


_ZH_DAYS_BACK = {"大前天": 3, "前天": 2, "昨天": 1, "昨日": 1, "昨晚": 1, "今天": 0, "今日": 0}


def _zh_rel_day(m: _Match, anchor: PartialDate | None) -> _Result:
    return R.days_before(_ZH_DAYS_BACK[m.text], anchor), "relative", None, None


def _marker(kind: Kind) -> Callable[[_Match, PartialDate | None], _Result]:
    """A word that fixes no date by itself (同日, the following day, 近日): the event's choice reads it."""

    def read(m: _Match, anchor: PartialDate | None) -> _Result:
        return None, kind, None, None

    return read


_same_day, _day_after, _day_before, _vague = (
    _marker("same_day"), _marker("day_after"), _marker("day_before"), _marker("vague")
)


def _en_mdy(m: _Match, anchor: PartialDate | None) -> _Result:
    g = m.groups
    return _en_date(g["k_mon"], g["k_d"], g["k_y"], g["k_d2"], anchor, m.future_ok)


def _en_dmy(m: _Match, anchor: PartialDate | None) -> _Result:
    g = m.groups
    return _en_date(g["l_mon"], g["l_d"], g["l_y"], None, anchor, m.future_ok)


def _en_date(mon: str | None, day_text: str | None, year_text: str | None, until_day: str | None,
             anchor: PartialDate | None, future_ok: bool) -> _Result:
    month, day = MONTH_NUMBER[(mon or "").lower()], int(day_text or 0)
    if year_text:
        start = R.make(int(year_text), month, day)
    else:
        start = R.month_day(month, day, anchor, future_ok=future_ok)
    until = R.make(start.year, month, int(until_day)) if start is not None and until_day else None
    return start, "absolute", until, None


def _en_my(m: _Match, anchor: PartialDate | None) -> _Result:
    g = m.groups
    return R.make(int(g["n_y"] or 0), MONTH_NUMBER[(g["n_mon"] or "").lower()]), "absolute", None, None


def _en_m(m: _Match, anchor: PartialDate | None) -> _Result:
    month = MONTH_NUMBER[(m.groups["o_mon"] or "").lower()]
    return R.month_only(month, anchor, future_ok=m.future_ok), "absolute", None, None


def _en_weekday(m: _Match, anchor: PartialDate | None) -> _Result:
    g = m.groups
    weekday = WEEKDAY_EN[(g["p_wd"] or "").lower()]
    prefix = (g["p_pre"] or "").lower()
    if prefix == "next":
        return None, "weekday", None, weekday
    return R.last_weekday(weekday, anchor, strictly_before=prefix == "last"), "weekday", None, weekday


def _en_rel(m: _Match, anchor: PartialDate | None) -> _Result:
    words = " ".join(m.text.lower().split())
    g = m.groups
    if g["q_u"]:
        count_text = (g["q_n"] or "one").lower()
        count = int(count_text) if count_text.isdigit() else EN_NUMBERS[count_text]
        unit = g["q_u"].lower().rstrip("s")
        if unit == "day":
            return R.days_before(count, anchor), "relative", None, None
        if unit == "month":
            return R.months_before(count, anchor), "relative", None, None
        return R.years_before(count, anchor), "relative", None, None
    back_days = {"the day before yesterday": 2, "yesterday": 1, "last night": 1, "today": 0, "tonight": 0}
    if words in back_days:
        return R.days_before(back_days[words], anchor), "relative", None, None
    back = 1 if words.startswith("last") else 0
    if words.endswith("year"):
        return R.years_before(back, anchor), "relative", None, None
    return R.months_before(back, anchor), "relative", None, None


def _en_year(m: _Match, anchor: PartialDate | None) -> _Result:
    return R.make(int(m.groups["r_y"] or 0)), "absolute", None, None


_HANDLERS: dict[str, Callable[[_Match, PartialDate | None], _Result]] = {
    "zh_ymd": _zh_ymd, "iso": _iso, "zh_rel_year": _zh_rel_year, "zh_year_part": _zh_year_part,
    "zh_rel_month": _zh_rel_month, "zh_weekday": _zh_weekday, "zh_md": _zh_md, "zh_m": _zh_m, "zh_d": _zh_d,
    "zh_days_ago": _zh_days_ago, "zh_years_ago": _zh_years_ago, "zh_rel_day": _zh_rel_day,
    "zh_paren_day": _zh_paren_day,
    "zh_same_day": _same_day, "zh_day_after": _day_after, "zh_day_before": _day_before,
    "en_day_after": _day_after, "en_day_before": _day_before, "zh_vague": _vague,
    "en_mdy": _en_mdy, "en_dmy": _en_dmy, "en_my": _en_my,
    "en_m": _en_m,
    "en_weekday": _en_weekday, "en_same_day": _same_day, "en_vague": _vague, "en_rel": _en_rel,
    "en_year": _en_year,
}
_YEAR_WRITTEN = {"zh_ymd", "iso", "en_my", "en_year"}
_YEAR_GROUP = {"en_mdy": "k_y", "en_dmy": "l_y"}


def _matches(text: str) -> list[re.Match[str]]:
    chinese = list(ZH_EXPRESSION.finditer(text))
    if not HAS_LATIN.search(text):
        return chinese
    english = list(EN_EXPRESSION.finditer(text))
    if not chinese or not english:
        return chinese or english
    ordered = sorted(chinese + english, key=lambda m: (m.start(), -m.end()))
    kept: list[re.Match[str]] = []
    for m in ordered:
        if not kept or m.start() >= kept[-1].end():
            kept.append(m)
    return kept


def _scan(text: str, anchor: PartialDate | None) -> list[_Found]:
    found: list[_Found] = []
    for match in _matches(text):
        name = match.lastgroup or ""
        future_ok = FUTURE_MARKER.search(text, max(0, match.start() - 16), match.start()) is not None
        try:
            found_match = _Match(match.groupdict(), match.group(), future_ok)
            value, kind, until, weekday = _HANDLERS[name](found_match, anchor)
        except (KeyError, ValueError, OverflowError):
            continue  # a numeral dates do not use (百 in a day), or a day off the calendar: not a date
        written_year = name in _YEAR_WRITTEN or bool(name in _YEAR_GROUP and match.group(_YEAR_GROUP[name]))
        found.append(_Found(match.start(), match.end(), value, kind, until, weekday,
                            year_from_anchor=value is not None and not written_year and kind == "absolute"))
    return _merge_parenthesized(text, found, anchor)


def _merge_parenthesized(text: str, found: list[_Found], anchor: PartialDate | None) -> list[_Found]:
    """`星期天（4月21日）`, `一年前（2022年7月5日）`, `12月3日（星期二）`: one mention, the explicit date
    wins; the weekday checks the year when the article's date gives only a year (or month)."""
    merged: list[_Found] = []
    i = 0
    while i < len(found):
        outer = found[i]
        inner = found[i + 1] if i + 1 < len(found) else None
        if (
            inner is not None
            and inner.date is not None
            and inner.kind == "absolute"
            and OPEN_PAREN.match(text, outer.end, inner.start)
            and (close := CLOSE_PAREN.match(text, inner.end))
        ):
            value = inner.date
            year_uncertain = inner.year_from_anchor and anchor is not None and anchor.day is None
            if outer.weekday is not None and year_uncertain:
                value = _year_matching_weekday(value, outer.weekday)
            merged.append(replace(inner, start=outer.start, end=close.end(), date=value))
            i += 2
            continue
        if (  # 12月3日（星期二）
            inner is not None
            and inner.weekday is not None
            and outer.kind == "absolute"
            and outer.date is not None
            and OPEN_PAREN.match(text, outer.end, inner.start)
            and (close := CLOSE_PAREN.match(text, inner.end))
        ):
            value = outer.date
            if outer.year_from_anchor and anchor is not None and anchor.day is None:
                value = _year_matching_weekday(value, inner.weekday)
            merged.append(replace(outer, end=close.end(), date=value))
            i += 2
            continue
        merged.append(outer)
        i += 1
    return merged


def _year_matching_weekday(value: PartialDate, weekday: int) -> PartialDate:
    day = R.as_date(value)
    if day is None or day.weekday() == weekday:
        return value
    year = value.year - 1
    if R.valid(year, day.month, day.day) and date(year, day.month, day.day).weekday() == weekday:
        return PartialDate(year, day.month, day.day)
    return value


def find_dates(text: str, anchor: PartialDate | None) -> list[DateMention]:
    """All date expressions in one sentence (simplified Chinese or English), in text order,
    resolved against the article's date `anchor`: a date the text does not fix stays partial or None."""
    scanned = text.translate(FULLWIDTH_DIGITS) if HAS_FULLWIDTH_DIGIT.search(text) else text
    mentions = [
        DateMention(f.start, f.end, text[f.start : f.end], f.date, f.kind, f.until)
        for f in _scan(scanned, anchor)
    ]
    return mark_roles(scanned, mentions) if mentions else mentions
