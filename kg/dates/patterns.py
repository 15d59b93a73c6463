"""The date expressions of simplified-Chinese and English news, as two compiled alternations.

Each alternative is a named group (its handler in kg.dates.find); at one position the
alternatives are tried in order, so longer forms come before the forms they contain
(`上周三` before `上周`, `8月15日` before `8月`)."""

from __future__ import annotations

import re

from kg.dates.numerals import DAY, DAY_CN_WITH_TEN, MONTH

YEAR_CN = "[〇○零一二三四五六七八九]{4}"
YEAR_4 = "(?:1[89]|2[01])[0-9]{2}"
YEAR_ZH = f"(?:(?<![0-9]){YEAR_4}|{YEAR_CN})"
RANGE = r"\s*(?:至|到|—|–|－|-|~|～)\s*"
SMALL_CN = "[0-9]{1,3}|[一二两三四五六七八九十百]{1,4}"

MONTHS_FULL = "January|February|March|April|May|June|July|August|September|October|November|December"
MONTHS_ABBR = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
MONTHS_EN = f"{MONTHS_FULL}|{MONTHS_ABBR}"
WEEKDAYS_EN = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
EN_COUNT = r"[0-9]{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten"

MONTH_NUMBER = {name.lower(): i for i, name in enumerate(MONTHS_FULL.split("|"), start=1)}
MONTH_NUMBER.update({name.lower(): MONTH_NUMBER[full.lower()] for name, full in (
    ("Jan", "January"), ("Feb", "February"), ("Mar", "March"), ("Apr", "April"), ("Jun", "June"),
    ("Jul", "July"), ("Aug", "August"), ("Sep", "September"), ("Sept", "September"), ("Oct", "October"),
    ("Nov", "November"), ("Dec", "December"))})
WEEKDAY_EN = {name.lower(): i for i, name in enumerate(WEEKDAYS_EN.split("|"))}
WEEKDAY_ZH = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}

_ALTERNATIVES: list[tuple[str, str]] = [
    # 2022年7月5日, 2019年1月, 2024年, 二〇二四年十二月三日, 2024年8月15日至16日
    ("zh_ymd", rf"(?P<a_y>{YEAR_ZH})\s*年(?:\s*(?P<a_m>{MONTH})\s*月(?:\s*(?P<a_d>{DAY})\s*[日号]"
               rf"(?:{RANGE}(?:(?P<a_m2>{MONTH})\s*月\s*)?(?P<a_d2>{DAY})\s*[日号])?)?)?"),
    # 2024-12-04, 2024/12/04, 2024.12.04 (not inside a URL path)
    ("iso", rf"(?<![0-9/.\-])(?P<i_y>{YEAR_4})(?P<i_s>[-/.])(?P<i_m>[0-9]{{1,2}})(?P=i_s)"
            r"(?P<i_d>[0-9]{1,2})(?![0-9/]|\.[0-9])"),
    # 去年11月, 今年3月5日, 今年初, 去年底
    ("zh_rel_year", rf"(?P<b_rel>去年|今年|前年|明年)(?:(?P<b_m>{MONTH})月(?:(?P<b_d>{DAY})[日号])?)?"
                    r"(?:初|底|年初|年底|上半年|下半年)?"),
    # 年初 / 年底 with no year of its own: the article's year
    ("zh_year_part", r"(?<![0-9〇零一二三四五六七八九十百几多今去前明同当該该])年(?:初|底)"),
    # 上个月, 本月28日, 本月14至16日
    ("zh_rel_month", rf"(?P<e_rel>本月|上月|上个月|上一个月|上個月)(?:(?P<e_d>{DAY})(?:[日号]|(?={RANGE}))"
                     rf"(?:{RANGE}(?P<e_d2>{DAY})[日号])?)?"),
    # 星期天, 周日, 上周三, 本周五 (not 每周一 / 一周一次)
    ("zh_weekday", r"(?P<g_pre>上个|上|本|这|這)?(?:星期|礼拜|禮拜|(?<![一二三四五六七八九十两几每])周|週)"
                   r"(?P<g_wd>[一二三四五六日天])"),
    # 12月3日, 8月15日至16日, 8月15-16日
    ("zh_md", rf"(?<![0-9])(?P<d_m>{MONTH})\s*月\s*(?P<d_d>{DAY})(?:\s*[日号]"
              rf"(?:{RANGE}(?:(?P<d_m2>{MONTH})\s*月\s*)?(?P<d_d2>{DAY})\s*[日号])?|{RANGE}(?P<d_d3>{DAY})\s*[日号])"),
    # 7月 (month alone)
    ("zh_m", rf"(?<![0-9〇○零一二三四五六七八九十])(?P<f_m>{MONTH})\s*月(?!份?[0-9])"),
    # 28日, 24日在巴基斯坦, 15日至16日
    ("zh_d", rf"(?<![0-9月年\-/.〇○零一二三四五六七八九十])(?P<h_d>[0-9]{{1,2}}|{DAY_CN_WITH_TEN})日"
             rf"(?:{RANGE}(?P<h_d2>[0-9]{{1,2}}|{DAY_CN_WITH_TEN})日)?"),
    # 3天前, 三年前
    ("zh_days_ago", rf"(?<![0-9])(?P<j_n>{SMALL_CN})天前"),
    ("zh_years_ago", rf"(?<![0-9])(?P<y_n>{SMALL_CN})年前"),
    # 今（二十三）日, 昨（16）日: Taiwanese and Macanese papers name the day in brackets
    ("zh_paren_day", rf"(?P<pd_rel>今|昨|前)\s*[（(]\s*(?P<pd_d>{DAY})\s*[）)]\s*日"),
    ("zh_rel_day", r"大前天|前天|昨天|昨日|昨晚|今天|今日"),
    ("zh_day_after", r"次日|翌日|第二天|隔天|隔日"),
    ("zh_day_before", r"前一天|前一日"),
    ("zh_same_day", r"同日|同一天|同一日|同天|当天|当日|当晚|当时|當天|當日|當晚|當時"),
    ("zh_vague", r"(?<![节生假同当當今昨前明周週末0-9十])日前|近日|近期|前不久|不久前|最近|近来"
                 r"|上周|上星期|上个星期|上週|本周|这周|本星期"),
    # Dec. 3, 2024; December 3; Aug. 15-16, 2024
    ("en_mdy", rf"\b(?P<k_mon>{MONTHS_EN})\.?\s+(?P<k_d>[0-9]{{1,2}})(?:st|nd|rd|th)?\b"
               rf"(?:\s*(?:-|–|to|and)\s*(?P<k_d2>[0-9]{{1,2}})\b)?(?:,?\s+(?P<k_y>{YEAR_4})\b)?"),
    # 3 December 2024, 3rd of December
    ("en_dmy", rf"\b(?P<l_d>[0-9]{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<l_mon>{MONTHS_EN})\b\.?"
               rf"(?:,?\s+(?P<l_y>{YEAR_4})\b)?"),
    # December 2024, Dec. 2024
    ("en_my", rf"\b(?P<n_mon>{MONTHS_EN})\.?,?\s+(?P<n_y>{YEAR_4})\b"),
    # in November, in early March (a month alone needs a preposition: `May` is also a verb)
    ("en_m", rf"\b(?:[Ii]n|[Ee]arly|[Ll]ate|[Mm]id)[\s-]+(?:early\s+|late\s+|mid-)?(?P<o_mon>{MONTHS_FULL})\b"
             r"(?!\.?,?\s+[0-9])"),
    # on Tuesday, last Sunday
    ("en_weekday", rf"\b(?:(?P<p_pre>[Ll]ast|[Tt]his|[Nn]ext)\s+)?(?P<p_wd>{WEEKDAYS_EN})\b"),
    ("en_day_after", r"(?i:\b(?:the\s+(?:following|next)\s+day|a\s+day\s+later|the\s+day\s+after)\b)"),
    ("en_day_before", r"(?i:\b(?:the\s+(?:previous|preceding)\s+day|a\s+day\s+earlier)\b)"),
    ("en_same_day", r"(?i:\b(?:that\s+same\s+day|the\s+same\s+(?:day|morning|afternoon|evening)"
                    r"|(?:later|earlier)\s+that\s+day)\b)"),
    ("en_vague", r"(?i:\b(?:recently|lately|the\s+other\s+day|in\s+recent\s+days|a\s+few\s+days\s+ago"
                 r"|(?:earlier\s+)?(?:last|this)\s+week|earlier\s+this\s+week|days\s+ago)\b)"),
    ("en_rel", rf"(?i:\b(?:the\s+day\s+before\s+yesterday|yesterday|today|tonight|last\s+night"
               rf"|(?:last|this|earlier\s+this)\s+(?:year|month)"
               rf"|(?P<q_n>{EN_COUNT})\s+(?P<q_u>days?|months?|years?)\s+ago)\b)"),
    # in 2024, since 2019
    ("en_year", rf"\b(?:[Ii]n|[Ss]ince|[Dd]uring|[Ee]arly|[Ll]ate|[Bb]y|[Oo]f|[Yy]ear)\s+(?P<r_y>{YEAR_4})\b"
                r"(?!\s*[-–]\s*[0-9])"),
]

_ZH_FIRST = "(?=[0-9〇○零一二三四五六七八九十两百去今前明年上本这這星礼禮周週大昨同当當日近不最次翌第隔])"
_ZH_START = (
    r"(?=[0-9〇○零一二三四五六七八九十两百]{1,4}\s?[年月日号天\-/.]|[今昨前]\s*[（(]|去年|今[年天日]|前[年天不]|明年|年[初底]"
    r"|上(?:个|一个|個)?[月周週星]|本[月周週星]|[这這][周週星]|星期|[礼禮]拜|[周週][一二三四五六日天]|大前天|昨"
    r"|同[日一天]|[当當][天日晚时時]|日前|近[日期来]|不久前|最近|次日|翌日|第二天|隔[天日]|前一[天日])"
)
"""How every Chinese alternative begins: checked before trying them one by one."""
_EN_START = (
    r"(?<![A-Za-z])(?=[0-9]|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
    r"|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|(?:[Ll]ast|[Tt]his|[Nn]ext|[Ee]arlier)\s"
    r"|(?i:that\s+same|the\s+(?:same|other|day|following|next|previous|preceding)|a\s+day\s+(?:later|earlier)"
    r"|later\s+that|recently|lately|in\s+recent|a\s+few\s+days"
    r"|days\s+ago|yesterday|today|tonight)"
    r"|(?:[Ii]n|[Ss]ince|[Dd]uring|[Ee]arly|[Ll]ate|[Bb]y|[Oo]f|[Yy]ear)\s+[12][0-9]{3}"
    r"|(?:[Ii]n|[Ee]arly|[Ll]ate|[Mm]id)[\s-]+(?:early\s+|late\s+|mid-)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
    r"|(?i:an?|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:days?|months?|years?)\s+ago)"
)
"""How every English alternative begins."""


def _compile(start: str, english: bool) -> re.Pattern[str]:
    # Lookaheads on how an expression starts spare trying every alternative at every position (20x faster).
    body = "|".join(f"(?P<{name}>{pattern})" for name, pattern in _ALTERNATIVES
                    if name.startswith("en_") == english)
    return re.compile(f"{start}(?:{body})")


ZH_EXPRESSION = _compile(_ZH_FIRST + _ZH_START, english=False)
"""Chinese forms and numeric dates (2024-12-04)."""
EN_EXPRESSION = _compile(_EN_START, english=True)
"""English forms; only tried on sentences with Latin letters."""
HAS_LATIN = re.compile("[A-Za-z]{3}")
_WRITTEN_DATE_MARKS = (
    re.compile("[年月日]"),
    re.compile("[0-9０-９]{4}"),
    re.compile("|".join(sorted({month[:3] for month in MONTHS_EN.split("|")}))),
)


def may_hold_absolute(text: str) -> bool:
    """Whether a text may hold a date of its own (kind `absolute`): each such alternative above
    writes 年, 月 or 日, a four-digit year or an English month (capitalized); a text without any
    holds at most relative dates, which fix nothing without the article's date. Three searches
    for a character set or literals each: one alternation of them all is ten times slower."""
    return any(mark.search(text) is not None for mark in _WRITTEN_DATE_MARKS)

FUTURE_MARKER = re.compile(
    r"(?:将|拟|计划|定于|预计|预定|即将|\bwill\b|\bscheduled\b|\bto be held\b|\bupcoming\b)[^，。；,;]{0,10}$"
)
"""Just before a date: it may lie after the article's date."""

OPEN_PAREN = re.compile(r"\s*[（(]\s*$")
CLOSE_PAREN = re.compile(r"\s*[）)]")

HAS_FULLWIDTH_DIGIT = re.compile("[０-９]")
FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
