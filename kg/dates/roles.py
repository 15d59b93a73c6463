"""What a date does in its sentence: dates the events told, or only names a target, a reference
or the report.

News names many years that are not when anything happened: goals (`到2030年`, `2025年前`,
`by 2030`, `双方同意2025年…举行`), the base of an anniversary or of a relationship
(`1965年日韩邦交正常化60周年所建立的基础上`, `自2019年以来`), a themed year announced ahead
(`2022年越老团结友好年`), plan periods (`2021-2025年`, `(1967.6.24-2022.6.24)`), and the wire
dateline that dates the report (`新华社北京12月3日电`, `BANGKOK, Aug 14 (Reuters) -`)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from kg.dates.patterns import MONTHS_EN

if TYPE_CHECKING:
    from kg.dates.find import DateMention, Kind

CLAUSE_STOP = "，。；！？,;!?\n"

TARGET_BEFORE = re.compile(
    r"(?:到|至|截至|截止|直至|直到|力争|争取|目标是?|之前的?|(?<![A-Za-z])(?:by|until|through|before)\s+(?:the\s+end\s+of\s+)?)"
    r"\s*(?:在\s*)?$"
)
"""`到2030年`, `by 2030`: a deadline."""
PLANNED_BEFORE = re.compile(
    rf"(?:将|拟|计划|预计|即将|同意|商定|决定|承诺|(?<![A-Za-z])(?:will|plans?\s+to|planned\s+to|agreed\s+to"
    rf"|aims?\s+to|pledged\s+to|expects?\s+to))[^{CLAUSE_STOP}]{{0,12}}$"
)
"""`双方同意2025年在老挝举行`, `will hold … in 2026`: a year a plan is set in."""
TARGET_AFTER = re.compile(r"^\s*(?:前(?![0-9一二三四五六七八九十]+个?[月季])|以前|之前|底前|年底前)")
"""`2025年前` (before 2025), not `2021年前11月` (the first eleven months of 2021)."""
SINCE_BEFORE = re.compile(r"(?:自|从|自从|(?<![A-Za-z])(?:since|from))\s*$", re.I)
SINCE_AFTER = re.compile(rf"^\s*(?:[^{CLAUSE_STOP}]{{0,8}}?(?:以来|以來)|以後|以后|起(?!草)|开始)")
"""`自2019年以来`, `2011年12月李明博以来`: the start of a period, not an event told."""
YEAR_SINCE_AFTER = re.compile(r"^\s*来")
"""`2019年来` (since 2019), not `12月3日来华` (came on December 3)."""
ANNIVERSARY_AFTER = re.compile(rf"^[^{CLAUSE_STOP}]{{0,24}}?(?:周年|週年|的基础上|基础上|为基础)")
THEMED_YEAR_AFTER = re.compile(
    r"^\s*(?:[\u4e00-\u9fff]{0,8}?)(?:友好|交流|文化|旅游|合作|团结|创新|人文|友谊|投资|贸易|体育|科技|教育|青年)年"
)
"""`2022年越老团结友好年`: a themed year, announced before it begins."""
FIRST_MONTHS_BEFORE = re.compile(r"年\s*前\s*$")
"""`2021年前11月`: the first eleven months of 2021, a period."""
YEAR_RANGE = re.compile(
    r"(?<![0-9])(?:1[89]|2[01])[0-9]{2}(?:[./][0-9]{1,2}[./][0-9]{1,2})?\s*(?:-|–|—|~|～|至|到)\s*"
    r"(?:1[89]|2[01])[0-9]{2}(?:[./][0-9]{1,2}[./][0-9]{1,2})?(?![0-9])"
)
"""`2021-2025年`, `(2018-2022)`, `1967.6.24-2022.6.24`: a period."""
DATELINE_ZH_AFTER = re.compile(
    r"^\s*(?:[电電]|专电|專電|综合外电报导|綜合外電報導|综合报导|綜合報導|外电|外電)"
)
DATELINE_ZH_BEFORE = re.compile(r"(?:社|网|網|报|報|台)[\u4e00-\u9fff]{0,8}$")
DATELINE_EN = re.compile(
    rf"(?:^|\n)[A-Z][A-Za-z .'’-]{{1,40}},\s*"
    rf"(?:(?:{MONTHS_EN})\.?\s+[0-9]{{1,2}}|[0-9]{{1,2}}\s+(?:{MONTHS_EN}))"
    r"(?:,?\s+[0-9]{4})?\s*(?:\([A-Za-z .]{2,30}\)|[A-Z][A-Za-z]{1,20})?\s*(?:-{1,2}|–|—)"
)
"""`BANGKOK, Aug 14 (Reuters) -`, `JAKARTA, June 28 —`: where and when the report was filed."""
REPORTED_AFTER = re.compile(r"^\s*(?:报道|报导|報導|報道|援引|引述|发布消息|發布消息)")
SAID_AFTER = re.compile(
    r"^\s*(?:[上下]午|晚间|晚上|早上)?\s*(?:在[^，。；,;同与和跟向]{1,10}?)?(?:分享|发文|發文|受访时|受訪時)?"
    r"(?:说|說|表示|指出|称|稱|透露|强调|強調)"
)
"""`林佳龙今天在社群分享说`, `王毅5日在记者会上表示`: the day of saying, not of the events told;
`12日同普京通电话时表示` keeps its date, as the call stands between the date and the saying."""
REPORTED_BEFORE = re.compile(r"(?<![A-Za-z])(?:reported|quoted|cited)\s+(?:on\s+|last\s+)?$", re.I)
"""`新华社今天报道，…会议…举行`, `Kyodo reported on Friday that …`: the day of a report about the
events, not of the events."""
WRITTEN_YEAR = re.compile(r"(?:1[89]|2[01])[0-9]{2}|[〇○零一二三四五六七八九]{4}")


def mark_roles(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """The mentions of a sentence with the dates that cannot be an event's date re-kinded."""
    ranges = [(m.start(), m.end()) for m in YEAR_RANGE.finditer(text)]
    datelines = [(m.start(), m.end()) for m in DATELINE_EN.finditer(text)]
    marked = []
    for mention in mentions:
        role = _role(text, mention, ranges, datelines)
        marked.append(replace(mention, kind=role) if role is not None else mention)
    return marked


def _role(text: str, mention: DateMention, ranges: list[tuple[int, int]], datelines: list[tuple[int, int]]
          ) -> Kind | None:
    if mention.kind not in ("absolute", "relative", "weekday"):
        return None
    before = text[max(0, mention.start - 30) : mention.start]
    after = text[mention.end : mention.end + 30]
    if REPORTED_AFTER.match(after) or REPORTED_BEFORE.search(before) or SAID_AFTER.match(after):
        return "reference"
    if mention.kind == "weekday":
        return None
    if any(start <= mention.start and mention.end <= end for start, end in datelines):
        return "dateline"
    if mention.kind == "absolute" and DATELINE_ZH_AFTER.match(after) and DATELINE_ZH_BEFORE.search(before):
        return "dateline"
    if any(start < mention.end and mention.start < end for start, end in ranges):
        return "reference"
    first_word = mention.text.split(maxsplit=1)[0].lower()  # `since 2019`, `by 2030` are one mention
    year_only = mention.date is not None and mention.date.month is None
    names_day = mention.text.rstrip().endswith(("日", "号", "號")) or (
        mention.date is not None and mention.date.day is not None
    )
    if SINCE_BEFORE.search(before) or first_word in ("since", "from"):
        return "reference"
    if not names_day and SINCE_AFTER.match(after):  # `16日起访问日本` is when the visit began
        return "reference"
    written_year = WRITTEN_YEAR.search(mention.text) is not None  # not 去年是…建交75周年
    if written_year and year_only and (YEAR_SINCE_AFTER.match(after) or ANNIVERSARY_AFTER.match(after)):
        return "reference"
    if written_year and year_only and THEMED_YEAR_AFTER.match(after):
        return "reference"
    if mention.date is not None and mention.date.day is None and FIRST_MONTHS_BEFORE.search(before):
        return "reference"
    if TARGET_BEFORE.search(before) or (year_only and TARGET_AFTER.match(after)) or first_word == "by":
        return "target"
    if mention.date is not None and mention.date.day is None and PLANNED_BEFORE.search(before):
        return "target"
    return None
