"""The article's date when its metadata gives none, read from the text itself.

News reports the past, so each dated clue is a year the article cannot precede: the year of a
full date it mentions (2019年1月), of an event named with its year (“帕比—反恐—2021”), of an
anniversary it marks (中国共产党成立100周年: 1921 + 100). Some clues fix the year itself:
`一年前（2022年7月5日）` (2023), `今年是二战胜利80周年` (1945 + 80), `去年是中俄建交75周年` (1949 + 75 + 1).
The article's year is the latest of them: precision year, or a day when a dateline
(`新华社金边4月21日电`) or a labelled publication date says more. Bare years (`2025年对中国…`)
are only lower bounds, and only when kg.dates.roles does not read them as a goal, a
reference or a plan (`到2030年`, `2022年…友好年`, `双方同意2025年…举行`).

A wire dateline (`新华社金边4月21日电`, `越通社河内 ——8月29日`, `(中央社台北4日電)`,
`JAKARTA, June 28 —`) gives the month and day; a weekday written with its date
(`星期天（4月21日）`) picks, among the years the clues allow, the nearest one it fits."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta

from kg.dates import resolve as R
from kg.dates.anniversaries import founding_year_en, founding_year_zh
from kg.dates.find import DateMention, find_dates
from kg.dates.numerals import DAY, DAY_CN, MONTH, to_int
from kg.dates.patterns import (
    FUTURE_MARKER,
    MONTH_NUMBER,
    MONTHS_EN,
    WEEKDAY_EN,
    WEEKDAY_ZH,
    WEEKDAYS_EN,
    may_hold_absolute,
)
from kg.records import PartialDate

PUBLISHED_LABEL = re.compile(
    r"(?:发布|發佈|发表|發表|更新|出版)(?:时间|時間|日期)\s*[:：]\s*"
    r"|\b(?i:published|updated)(?:\s+on)?\s*:?\s*|^(?i:date)\s*:\s*",
    re.M,
)
"""A publication date as pages label it (`發佈時間:2024-12-04`, `Published: Dec. 4, 2024`,
front-matter `date:`); an unlabelled `时间：` may be the time of an event."""
YEARS_BEFORE = re.compile(r"^(?:(?P<n>[0-9]{1,3}|[一二两三四五六七八九十]{1,3})年前|(?P<rel>去年|前年)"
                          r"|(?P<en>[0-9]{1,3}|(?i:an?|one|two|three|four|five|six|seven|eight|nine|ten))"
                          r"\s+years?\s+ago|(?P<last>[Ll]ast\s+year))\s*[（(]")
ANNIVERSARY_ZH = re.compile(r"(?P<n>[0-9]{1,3}|[一二三四五六七八九十百]{1,5})\s*周年")
ANNIVERSARY_EN = re.compile(
    r"(?P<n>[0-9]{1,3})(?:st|nd|rd|th)\s+anniversary\s+of\s+(?:the\s+)?(?P<what>[^.;:]{0,90})"
    r"|(?P<n2>[0-9]{1,3})\s+years\s+of\s+(?:the\s+)?(?P<what2>[^.;:]{0,90})"
)
"""`the 30th anniversary of …`, `43 years of ASEAN-EU Dialogue Relations`."""
YEARS_APART_ZH = re.compile(
    r"(?:相隔|时隔|睽违|阔别|隔了)\s*(?P<n>[0-9]{1,3}|[一二两三四五六七八九十]{1,3})\s*年"
)
"""`2011年12月…以来，相隔十二年首次`: the year named, plus the gap, is the article's year."""
YEARS_APART_REACH = 40
CLAUSE_START = re.compile(r"[，。；！？,;!?：:\n]")
YEAR_OF_CLAUSE_ZH = re.compile(r"今年|去年|前年|明年")
YEAR_OF_CLAUSE_EN = re.compile(r"(?i:\b(this|last|next)\s+year\b)")
NAMED_WITH_YEAR = re.compile(
    r"[“\"「『](?P<name>[^”\"」』\n]{1,30}?[—\-–－ ](?P<y>(?:19|20)[0-9]{2}))[”\"」』]"
)
DATELINE_ZH = re.compile(
    rf"(?:社|网|报|台)[\u4e00-\u9fff]{{0,8}}?(?:[0-9]{{4}}年)?(?:(?P<m>{MONTH})月)?(?P<d>[0-9]{{1,2}}|{DAY_CN})日电"
    rf"|社[\u4e00-\u9fff]{{1,8}}\s*[—–-]{{1,3}}\s*(?P<m2>{MONTH})月(?P<d2>[0-9]{{1,2}}|{DAY_CN})日"
)
"""`新华社北京12月3日电`, `(中央社台北4日电)` (day only), `越通社河内2025年4月15日电`,
`越通社河内 ——8月29日下午`."""
DATELINE_EN = re.compile(
    rf"^[A-Z][A-Za-z .'’-]{{1,40}},\s*(?:(?P<mon>{MONTHS_EN})\.?\s+(?P<d>[0-9]{{1,2}})"
    rf"|(?P<d2>[0-9]{{1,2}})\s+(?P<mon2>{MONTHS_EN})\.?)\s*"
    r"(?:(?:\([A-Za-z .]{2,30}\)|[A-Z][A-Za-z]{1,20})\s*)?(?:-{1,2}|–|—)",
    re.M,
)
"""`BANGKOK, Aug 14 (Reuters) -`, `JAKARTA, June 28 —`, `PHNOM PENH, 21 April (Xinhua) --`,
`VIENTIANE, Oct. 11 Kyodo -`."""
REPORT_DAYS_BACK = 3
"""How many days before its publication date a report whose dateline names only the day may
have been filed (`(中央社台北4日電)`)."""
REPORT_DAYS_BACK_WITH_MONTH = 31
"""… and one whose dateline names its month too (`MOSCOW, Dec 15 (Reuters)` on a page dated
January 1): a page is often dated when it was last updated or reposted."""
DATELINE_REACH = 600
"""How far from the top a wire dateline may stand (after a headline, a byline, a photo credit)."""
CNA_CODE = re.compile(
    r"[（(]\s*(?:编辑|編輯)\s*[:：][^）)\n]{0,40}[）)]\s*(?P<y>1[0-9]{2})(?P<m>[01][0-9])(?P<d>[0-3][0-9])\s*$"
)
"""Central News Agency articles end with `(編輯:…)1121205`: the filing date in the Minguo calendar."""
MINGUO = 1911
BARE_DAY_ZH = re.compile(rf"(?<![月0-9〇零一二三四五六七八九十])(?P<d>{DAY})日(?![电電])")
"""`15日下午`: a day the article names without its month, counting on its date."""
BARE_DAY_REACH = 300
BARE_DAY_AFTER = 7
"""How many days after the latest full date an article cites its own undated day may fall."""
WEEKDAY_DATE_ZH = re.compile(
    rf"(?:星期|礼拜|周)(?P<wd>[一二三四五六日天])\s*[（(]\s*(?P<m>{MONTH})\s*月\s*(?P<d>{DAY})\s*日\s*[）)]"
    rf"|(?P<m2>{MONTH})\s*月\s*(?P<d2>{DAY})\s*日\s*[（(]\s*(?:星期|礼拜|周)(?P<wd2>[一二三四五六日天])\s*[）)]"
)
WEEKDAY_DATE_EN = re.compile(
    rf"\b(?P<wd>{WEEKDAYS_EN}),?\s+(?P<mon>{MONTHS_EN})\.?\s+(?P<d>[0-9]{{1,2}})\b(?!,?\s+[0-9]{{4}})"
    rf"|\b(?P<mon2>{MONTHS_EN})\.?\s+(?P<d2>[0-9]{{1,2}})\s*\((?P<wd2>{WEEKDAYS_EN})\)"
)
WEEKDAY_YEARS = 12
"""How many years past the clues' lower bound a weekday may move the year (a date falls on
the same weekday again within 11 years)."""
PLANNED = re.compile(r"将|拟|计划|\b(?:will|plan|to mark)\b")
ANNIVERSARY_WINDOW = 60
"""How far back from `N周年` the commemorated event may be named."""


@dataclass(frozen=True)
class _Clue:
    year: int
    exact: bool
    """The article's own year (今年是…周年), not only a year it cannot precede."""
    evidence: str
    at: int


def infer_publication_date(text: str) -> tuple[PartialDate | None, str | None]:
    """(date, how) read from the text when metadata has none, e.g.
    (PartialDate(2023), 'inferred: 一年前（2022年7月5日）'); (None, None) when the text holds no clue."""
    labelled = _labelled_date(text)
    if labelled is not None:
        return labelled
    filed = _filing_code(text)
    clues = [
        *_date_clues(text), *_anniversary_clues(text), *_named_year_clues(text), *_years_apart_clues(text)
    ]
    if filed is not None:
        clues.append(_Clue(filed.year, True, f"{filed.iso()} (filing code)", len(text)))
    if not clues:
        return None, None
    best = max(clues, key=lambda c: (c.year, c.exact, -c.at))
    year, how = best.year, best.evidence
    if not best.exact:
        fitting = _weekday_year(text, year)
        if fitting is not None:
            year, how = fitting
    dateline = _dateline(text, year, filed)
    if dateline is not None:
        return dateline
    if filed is not None:
        return filed, f"inferred: {best.evidence}"
    month = _month_of_bare_day(text, year)
    if month is not None:
        return month
    return PartialDate(year), f"inferred: {how}"


def report_date(text: str, published: PartialDate | None) -> PartialDate | None:
    """The day a wire dateline names (`BANGKOK, Aug 14 (Reuters) -`) when it differs from a
    day-precise publication date by a few days: relative days (yesterday, 昨天) count from it."""
    if published is None or published.day is None:
        return None
    wire = _wire_dateline(text)
    if wire is None:
        return None
    month, day = wire
    latest = R.latest_day(published) + timedelta(days=1)  # a dateline in Asia is a day ahead of New York
    for back in range((REPORT_DAYS_BACK if month is None else REPORT_DAYS_BACK_WITH_MONTH) + 2):
        candidate = latest - timedelta(days=back)
        if candidate.day == day and (month is None or candidate.month == month):
            found = R.of(candidate)
            return None if found == published else found
    return None


PUBLISHED_LABEL_WORDS = ("时间", "時間", "日期", "publ", "upda", "date")
"""Each label holds one of these (the English ones in any case): a text without any is spared
the scan of PUBLISHED_LABEL, which no literal prefix speeds up."""


def _labelled_date(text: str) -> tuple[PartialDate, str] | None:
    lowered = text.lower()
    if not any(word in lowered for word in PUBLISHED_LABEL_WORDS):
        return None
    for label in PUBLISHED_LABEL.finditer(text):
        window = text[label.end() : label.end() + 40]
        mentions = find_dates(window, None)
        if mentions and mentions[0].start == 0 and mentions[0].date and mentions[0].date.day:
            return mentions[0].date, f"inferred: {label.group()}{mentions[0].text}"
    return None


def _date_clues(text: str) -> list[_Clue]:
    clues = []
    for offset, mention in _absolute_by_line(text):
        if mention.date is None or mention.kind not in ("absolute", "dateline"):
            continue
        at = offset + mention.start
        before = YEARS_BEFORE.match(mention.text)
        years_before = _years(before) if before is not None else None
        if years_before is not None:
            clues.append(_Clue(mention.date.year + years_before, True, mention.text, at))
        elif _past(text, at, mention):
            clues.append(_Clue(mention.date.year, False, mention.text, at))
    return clues


PLANNED_AFTER = re.compile(r"[^，。；,;\n]{0,6}?(?:将|要|计划|拟|\bwill\b)")
"""`2026年将…`: a year named for what is still to come."""


def _past(text: str, at: int, mention: DateMention) -> bool:
    """Whether a date names the past: not after `将`, and a bare year not before `将` either."""
    if _future(text, at):
        return False
    return mention.date is not None and (
        mention.date.month is not None or PLANNED_AFTER.match(text, at + len(mention.text)) is None
    )


def _years_apart_clues(text: str) -> list[_Clue]:
    """`这是2011年12月以来，韩国总统相隔十二年首次访日`: the year named plus the gap."""
    clues = []
    for m in YEARS_APART_ZH.finditer(text):
        start = max(0, m.start() - YEARS_APART_REACH)
        named = [d for d in find_dates(text[start : m.start()], None) if d.kind not in ("target", "dateline")]
        since = named[-1].date if named else None
        if since is None:
            continue
        try:
            gap = to_int(m.group("n"))
        except ValueError:
            continue
        clues.append(_Clue(since.year + gap, True, text[start + named[-1].start : m.end()], m.start()))
    return clues


def _filing_code(text: str) -> PartialDate | None:
    found = CNA_CODE.search(text.rstrip())
    if found is None:
        return None
    return R.make(int(found.group("y")) + MINGUO, int(found.group("m")), int(found.group("d")))


def _weekday_year(text: str, lowest: int) -> tuple[int, str] | None:
    """The first year from `lowest` on in which a date written with its weekday falls on it."""
    # Each pattern needs a weekday word: a text without one is spared its scan.
    zh = WEEKDAY_DATE_ZH.finditer(text) if any(w in text for w in ("星期", "礼拜", "周")) else ()
    en = WEEKDAY_DATE_EN.finditer(text) if "day" in text else ()
    for m in [*zh, *en]:
        groups = {k: v for k, v in m.groupdict().items() if v is not None}
        weekday_text = groups.get("wd") or groups.get("wd2") or ""
        weekday = WEEKDAY_ZH.get(weekday_text, WEEKDAY_EN.get(weekday_text.lower()))
        month_text = groups.get("m") or groups.get("m2") or groups.get("mon") or groups.get("mon2") or ""
        try:
            month = MONTH_NUMBER.get(month_text.lower()) or to_int(month_text)
            day = to_int(groups.get("d") or groups.get("d2") or "")
        except (KeyError, ValueError):
            continue
        for year in range(lowest, lowest + WEEKDAY_YEARS):
            if weekday is not None and R.valid(year, month, day) and R.weekday(year, month, day) == weekday:
                return year, f"{m.group()} falls on that weekday in {year}"
    return None


def _absolute_by_line(text: str, anchor: PartialDate | None = None) -> Iterator[tuple[int, DateMention]]:
    """find_dates line by line: it is made for sentences (English forms are tried only where Latin
    letters are), and no date expression spans lines. Only the dates a line writes out (kind
    `absolute`, or `dateline` made of one) are wanted, so lines that cannot hold one are skipped."""
    offset = 0
    for line in text.splitlines(keepends=True):
        if len(line.strip()) > 1 and may_hold_absolute(line):
            for mention in find_dates(line, anchor):
                yield offset, mention
        offset += len(line)


def _years(before: re.Match[str]) -> int | None:
    if before.group("rel"):
        return 1 if before.group("rel") == "去年" else 2
    if before.group("last"):
        return 1
    try:
        return to_int(before.group("n") or before.group("en"))
    except ValueError:
        return None


def _future(text: str, at: int) -> bool:
    return FUTURE_MARKER.search(text, max(0, at - 16), at) is not None


def _anniversary_clues(text: str) -> list[_Clue]:
    clues = []
    # Each pattern holds a word a text must have: most texts are spared the patterns' scans.
    for m in ANNIVERSARY_ZH.finditer(text) if "周年" in text else ():
        window_start = max(0, m.start() - ANNIVERSARY_WINDOW)
        stops = list(CLAUSE_START.finditer(text, window_start, m.start()))
        clause_start = stops[-1].end() if stops else window_start
        clause = text[clause_start : m.start()]
        founding = founding_year_zh(clause)
        if founding is None:
            continue
        relative = YEAR_OF_CLAUSE_ZH.search(clause)
        try:
            years = to_int(m.group("n"))
        except ValueError:
            continue
        clue = _anniversary(founding[0], years, relative.group() if relative else None,
                            text[clause_start : m.end()], clause_start, bool(PLANNED.search(clause)))
        if clue is not None:
            clues.append(clue)
    for m in ANNIVERSARY_EN.finditer(text) if "anniversary" in text or "years" in text else ():
        founding = founding_year_en(m.group("what") or m.group("what2"))
        if founding is None:
            continue
        sentence_start = max(text.rfind(".", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
        relative = YEAR_OF_CLAUSE_EN.search(text, sentence_start, m.start())
        word = _EN_RELATIVE_YEAR[relative.group(1).lower()] if relative else None
        years = int(m.group("n") or m.group("n2"))
        if m.group("n2") and word is None:
            word = "今年"  # `43 years of … relations` counts up to the present
        clue = _anniversary(founding[0], years, word, text[sentence_start : m.end()].strip(),
                            sentence_start, bool(PLANNED.search(text, sentence_start, m.start())))
        if clue is not None:
            clues.append(clue)
    return clues


_EN_RELATIVE_YEAR = {"this": "今年", "last": "去年", "next": "明年"}


def _anniversary(founded: int, years: int, relative: str | None, evidence: str, at: int, future: bool
                 ) -> _Clue | None:
    year = founded + years
    if relative is not None:
        back = {"今年": 0, "去年": 1, "前年": 2, "明年": -1}[relative]
        return _Clue(year + back, True, evidence, at)
    if future:
        return None  # 将纪念…80周年: the anniversary may still be ahead of the article
    return _Clue(year, False, evidence, at)


def _named_year_clues(text: str) -> list[_Clue]:
    return [_Clue(int(m.group("y")), False, m.group(), m.start()) for m in NAMED_WITH_YEAR.finditer(text)]


def _wire_dateline(text: str) -> tuple[int | None, int] | None:
    """(month or None, day) of a wire dateline near the top of the article."""
    head = text[:DATELINE_REACH]
    zh = DATELINE_ZH.search(head)
    try:
        if zh is not None:
            month_text = zh.group("m") or zh.group("m2")
            return (to_int(month_text) if month_text else None), to_int(zh.group("d") or zh.group("d2"))
        en = DATELINE_EN.search(head)
        if en is not None:
            month = MONTH_NUMBER[(en.group("mon") or en.group("mon2")).lower()]
            return month, int(en.group("d") or en.group("d2"))
    except ValueError:
        return None
    return None


def _month_of_bare_day(text: str, year: int) -> tuple[PartialDate, str] | None:
    """`范明政15日…通电话` after `…8月14日的通话成果`: a day told without its month, in the lead, is
    the first day of that number on or within a week after the latest full date the article
    cites as past: news tells of its own day after the days it looks back on."""
    bare = BARE_DAY_ZH.search(text[:BARE_DAY_REACH])
    if bare is None:
        return None
    try:
        day = to_int(bare.group("d"))
    except ValueError:
        return None
    cited = [
        m.date
        for offset, m in _absolute_by_line(text, PartialDate(year))
        if m.kind == "absolute" and m.date is not None and m.date.day is not None
        and m.date.year == year and _past(text, offset + m.start, m)
    ]
    if not cited:
        return None
    latest = max(cited, key=lambda d: d.iso())
    start = R.latest_day(latest)
    for ahead in range(BARE_DAY_AFTER + 1):
        candidate = start + timedelta(days=ahead)
        if candidate.day == day:
            return PartialDate(candidate.year, candidate.month), (
                f"inferred: {bare.group()} after {latest.iso()}"
            )
    return None


def _dateline(text: str, year: int, filed: PartialDate | None) -> tuple[PartialDate, str] | None:
    """`新华社金边4月21日电` / `PHNOM PENH, April 21 (Xinhua)`: the day the report was filed, in
    the year the text gives (or on or before the filing code's date)."""
    wire = _wire_dateline(text)
    if wire is None:
        return None
    month, day = wire
    if filed is not None:
        found = report_date(text, filed) or (filed if filed.day == day else None)
        if found is not None:
            return found, "inferred: wire dateline + filing code"
        if month is None:
            return None
    if month is None:
        return None
    found = R.make(year, month, day)
    return (found, "inferred: wire dateline + year from the text") if found is not None else None
