"""The article's date when its metadata gives none, read from the text itself.

News reports the past, so each dated clue is a year the article cannot precede: the year of a
full date it mentions (2019年1月), of an event named with its year (“帕比—反恐—2021”), of an
anniversary it marks (中国共产党成立100周年: 1921 + 100). Some clues fix the year itself:
`一年前（2022年7月5日）` (2023), `今年是二战胜利80周年` (1945 + 80), `去年是中俄建交75周年` (1949 + 75 + 1).
The article's year is the latest of them: precision year, or a day when a dateline
(`新华社金边4月21日电`) or a labelled publication date says more. Bare years (`2025年对中国…`)
are not clues: news names years of plans and of history as freely as its own."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from kg.dates import resolve as R
from kg.dates.anniversaries import founding_year_en, founding_year_zh
from kg.dates.find import DateMention, find_dates
from kg.dates.numerals import DAY_CN, MONTH, to_int
from kg.dates.patterns import FUTURE_MARKER, MONTH_NUMBER, MONTHS_EN
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
)
CLAUSE_START = re.compile(r"[，。；！？,;!?：:\n]")
YEAR_OF_CLAUSE_ZH = re.compile(r"今年|去年|前年|明年")
YEAR_OF_CLAUSE_EN = re.compile(r"(?i:\b(this|last|next)\s+year\b)")
NAMED_WITH_YEAR = re.compile(
    r"[“\"「『](?P<name>[^”\"」』\n]{1,30}?[—\-–－ ](?P<y>(?:19|20)[0-9]{2}))[”\"」』]"
)
DATELINE_ZH = re.compile(
    rf"(?:社|网|报|台)[\u4e00-\u9fff]{{0,8}}?(?P<m>{MONTH})月(?P<d>[0-9]{{1,2}}|{DAY_CN})日电"
)
DATELINE_EN = re.compile(
    rf"^[A-Z][A-Z .'-]{{2,40}},\s+(?P<mon>{MONTHS_EN})\.?\s+(?P<d>[0-9]{{1,2}})"
    r"\s+\((?:Xinhua|AFP|AP|Reuters)\)",
    re.M,
)
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
    clues = [*_date_clues(text), *_anniversary_clues(text), *_named_year_clues(text)]
    if not clues:
        return None, None
    best = max(clues, key=lambda c: (c.year, c.exact, -c.at))
    dateline = _dateline(text, best.year)
    if dateline is not None:
        return dateline
    return PartialDate(best.year), f"inferred: {best.evidence}"


def _labelled_date(text: str) -> tuple[PartialDate, str] | None:
    for label in PUBLISHED_LABEL.finditer(text):
        window = text[label.end() : label.end() + 40]
        mentions = find_dates(window, None)
        if mentions and mentions[0].start == 0 and mentions[0].date and mentions[0].date.day:
            return mentions[0].date, f"inferred: {label.group()}{mentions[0].text}"
    return None


def _date_clues(text: str) -> list[_Clue]:
    clues = []
    for offset, mention in _mentions_by_line(text):
        if mention.date is None or mention.kind != "absolute":
            continue
        at = offset + mention.start
        before = YEARS_BEFORE.match(mention.text)
        years_before = _years(before) if before is not None else None
        if years_before is not None:
            clues.append(_Clue(mention.date.year + years_before, True, mention.text, at))
        elif mention.date.month is not None and not _future(text, at):
            clues.append(_Clue(mention.date.year, False, mention.text, at))
    return clues


def _mentions_by_line(text: str) -> Iterator[tuple[int, DateMention]]:
    """find_dates line by line: it is made for sentences (English forms are tried only where Latin
    letters are), and no date expression spans lines."""
    offset = 0
    for line in text.splitlines(keepends=True):
        if len(line.strip()) > 1:
            for mention in find_dates(line, None):
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
    for m in ANNIVERSARY_ZH.finditer(text):
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
    for m in ANNIVERSARY_EN.finditer(text):
        founding = founding_year_en(m.group("what"))
        if founding is None:
            continue
        sentence_start = max(text.rfind(".", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
        relative = YEAR_OF_CLAUSE_EN.search(text, sentence_start, m.start())
        word = _EN_RELATIVE_YEAR[relative.group(1).lower()] if relative else None
        clue = _anniversary(founding[0], int(m.group("n")), word, text[sentence_start : m.end()].strip(),
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


def _dateline(text: str, year: int) -> tuple[PartialDate, str] | None:
    """`新华社金边4月21日电` / `PHNOM PENH, April 21 (Xinhua)`: the day the report was filed."""
    zh = DATELINE_ZH.search(text)
    if zh is not None:
        found = R.make(year, to_int(zh.group("m")), to_int(zh.group("d")))
        if found is not None:
            return found, f"inferred: {zh.group()} + year from the text"
    en = DATELINE_EN.search(text)
    if en is not None:
        found = R.make(year, MONTH_NUMBER[en.group("mon").lower()], int(en.group("d")))
        if found is not None:
            return found, f"inferred: {en.group()} + year from the text"
    return None
