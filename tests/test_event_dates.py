"""The date of each event, as news writes it: publication date lines in their common forms, wire
datelines, weekdays that fix a year, relative days, anniversaries, goal years that are never an
event's date, and agreements that take their meeting's day. Short articles written for the test."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.dates import find_dates, infer_publication_date
from kg.dates.choose import event_date, story_dates
from kg.pipeline import extract_path
from kg.records import DocumentEvents, PartialDate
from kg.text.datelines import find_dateline


def D(text: str) -> PartialDate:
    return PartialDate.parse(text)


def events_of(text: str, tmp_path: Path, *, date: str | None = None) -> DocumentEvents:
    article = tmp_path / "article.md"
    front = f"---\ndate: {date}\n---\n\n" if date else ""
    article.write_text(f"{front}{text}\n", encoding="utf-8")
    found = extract_path(article)
    assert isinstance(found, DocumentEvents), found
    return found


def meeting_dates(events: DocumentEvents) -> list[str | None]:
    return [m.date.iso() if m.date else None for m in events.meetings]


def agreement_dates(events: DocumentEvents) -> list[str | None]:
    return [a.date.iso() if a.date else None for a in events.agreements]


# -- publication date lines ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("30.11.2026 12:12", "2026-11-30"),
        ("2026-11-30", "2026-11-30"),
        ("Nov. 30, 2026", "2026-11-30"),
        ("30 November 2026", "2026-11-30"),
        ("2026年11月30日", "2026-11-30"),
        ("發佈時間：2026-11-30 08:15", "2026-11-30"),
        ("30/11/2026", "2026-11-30"),
        ("2022/05/12, 11:57 (GMT+7)", "2022-05-12"),
        ("10/08/2024", "2024"),  # 10 August or October 8: only the year is sure
    ],
)
def test_publication_date_lines_in_their_common_forms(line: str, expected: str) -> None:
    assert find_dateline(["王毅会见宋金达", line, "正文第一段。"]) == D(expected)


def test_a_sentence_opening_with_a_date_is_not_a_date_line() -> None:
    assert find_dateline(["30.11.2026，王毅同宋金达举行会谈。"]) is None


# -- wire datelines -----------------------------------------------------------------------------


def test_wire_dateline_anchors_yesterday_when_metadata_is_a_day_later(tmp_path: Path) -> None:
    text = (
        "BANGKOK, Aug 14 (Reuters) - Chinese Foreign Minister Wang Yi held talks with Cambodian "
        "Deputy Prime Minister Sok Chenda Sok in Bangkok yesterday."
    )
    events = events_of(text, tmp_path, date="2024-08-15")
    assert meeting_dates(events) == ["2024-08-13"]


def test_chinese_wire_dateline_gives_the_report_day_and_the_text_the_year() -> None:
    text = "新华社北京12月3日电 国家主席习近平3日在北京会见柬埔寨首相。\n双方回顾了2022年11月的会晤。"
    assert infer_publication_date(text)[0] == D("2022-12-03"), "the latest year the text names"


def test_a_dateline_date_is_the_report_not_the_event() -> None:
    (dateline, event) = find_dates("新华社北京12月3日电 王毅2日会见宋金达。", D("2024-12-03"))
    assert (dateline.kind, event.date) == ("dateline", D("2024-12-02"))
    assert event_date([dateline, event], story_dates("", D("2024-12-03")))[0] == D("2024-12-02")


def test_day_only_wire_dateline_with_a_filing_code_dates_the_article(tmp_path: Path) -> None:
    text = "（中央社台北4日電）王毅昨天在北京會見宋金達。\n（編輯：王小明）1121205"
    assert infer_publication_date(text.replace("電", "电"))[0] == D("2023-12-04")
    assert meeting_dates(events_of(text, tmp_path)) == ["2023-12-03"]


def test_english_dateline_without_a_year_leaves_on_friday_undated(tmp_path: Path) -> None:
    text = "JAKARTA, June 28 — Wang Yi met Sok Chenda Sok on Friday in Jakarta."
    assert meeting_dates(events_of(text, tmp_path)) == [None]


# -- years from weekdays and anniversaries ------------------------------------------------------


def test_weekday_and_month_day_fix_the_year_nearest_the_text_clues(tmp_path: Path) -> None:
    text = "王毅星期天（4月21日）在金边同宋金达举行会谈。\n双方回顾了2022年7月的会晤成果。"
    # 21 April is a Sunday in 2024, the first such year from 2022 on
    assert meeting_dates(events_of(text, tmp_path)) == ["2024-04-21"]


def test_without_any_year_clue_the_weekday_does_not_invent_one(tmp_path: Path) -> None:
    assert meeting_dates(events_of("王毅星期天（4月21日）在金边同宋金达举行会谈。", tmp_path)) == [None]


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("12月1日，越南领导人致电老挝领导人，祝贺老挝国庆48周年。", 2023),
        ("The ministers met on December 1, marking 43 years of ASEAN-EU Dialogue Relations.", 2020),
        ("这是2011年12月以来，韩国总统相隔十二年首次访问日本。", 2023),
    ],
)
def test_anniversaries_and_gaps_fix_the_article_year(text: str, year: int) -> None:
    found = infer_publication_date(text)[0]
    assert found is not None and found.year == year


# -- relative days ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "anchor", "expected"),
    [
        ("外交部长林佳龙昨（16）日在外交部会见加拿大代表。", "2025-10-17", "2025-10-16"),
        ("澳门特区与葡萄牙今（二十三）日签署合作协定。", "2001-05-23", "2001-05-23"),
        ("The two ministers met on Thursday.", "2023-09-29", "2023-09-28"),
        ("In November, they agreed to withdraw troops.", "2009-01-27", "2008-11"),
        ("这是二○一一年十二月的事。", "2023", "2011-12"),
        ("两国正商讨在本月１４至１６日访问。", "2023-12-02", "2023-12-14"),
    ],
)
def test_relative_and_written_out_days(sentence: str, anchor: str, expected: str) -> None:
    usable = [m for m in find_dates(sentence, D(anchor)) if m.date is not None]
    assert usable and usable[0].date == D(expected)


def test_same_day_takes_the_previous_event_and_undated_follow_ups_the_story(tmp_path: Path) -> None:
    text = "2024年8月29日下午，王毅在河内会见宋金达。\n当天晚些时候，王毅会见黄循财。\n王毅还会见了李强。"
    events = events_of(text, tmp_path, date="2024-08-30")
    assert meeting_dates(events) == ["2024-08-29", "2024-08-29", "2024-08-29"]


# -- dates that are never an event's date -------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("双方同意到2030年将双边贸易额提升至100亿美元。", "target"),
        ("双方力争2025年前完成勘界工作。", "target"),
        ("Both sides aim to double trade by 2030.", "target"),
        ("双方同意2026年在万象举行下一次磋商。", "target"),
        ("双方将在1972年邦交正常化50周年所建立的基础上发展关系。", "reference"),
        ("双方为2022年越老团结友好年纪念活动做好准备。", "reference"),
        ("双方评价了2021-2025年合作协定的执行情况。", "reference"),
        ("双方举行建交55周年（1967.6.24-2022.6.24）庆祝活动。", "reference"),
        ("去年以来，两国领导人密集互动。", "reference"),
        ("新华社今天报道，双方举行会谈。", "reference"),
        ("Kyodo reported on Friday that the two ministers met.", "reference"),
    ],
)
def test_goal_and_reference_years_are_marked(sentence: str, kind: str) -> None:
    kinds = {m.kind for m in find_dates(sentence, D("2024-10-08"))}
    assert kind in kinds and "absolute" not in kinds


def test_an_agreement_with_only_a_goal_year_takes_its_meeting_day(tmp_path: Path) -> None:
    text = "10月8日，王毅在万象同宋金达举行会谈。\n双方同意到2030年将双边贸易额提升至100亿美元。"
    events = events_of(text, tmp_path, date="2024-10-09")
    assert meeting_dates(events) == ["2024-10-08"]
    assert agreement_dates(events) == ["2024-10-08"]


def test_the_day_of_a_report_does_not_date_the_events_it_reports(tmp_path: Path) -> None:
    text = (
        "（新华社莫斯科8日电）中俄外长会谈昨天在莫斯科举行。\n\n"
        "塔斯社今天报道，王毅同拉夫罗夫在会谈中讨论了双边关系。"
    )
    events = events_of(text, tmp_path, date="2024-05-08")
    assert set(meeting_dates(events)) == {"2024-05-07"}


def test_signed_documents_named_by_kind_and_by_title_are_told_apart(tmp_path: Path) -> None:
    text = (
        "5月7日，第十六届卫生部长会议在北京举行，三方签署并发表了联合声明，"
        "会后签署「中日韩卫生合作备忘录」。"
    )
    events = events_of(text, tmp_path, date="2024-05-08")
    summaries = sorted(a.summary.split(": ", 1)[1] for a in events.agreements)
    assert summaries == ["中日韩卫生合作备忘录", "联合声明"]
    assert all(":" not in a.summary.split(": ", 1)[0] for a in events.agreements)  # names, not ids
    assert all({p.id for p in a.parties} >= {"country:china", "country:japan", "country:south-korea"}
               for a in events.agreements)


def test_a_day_without_its_month_follows_the_latest_date_the_article_looks_back_on(tmp_path: Path) -> None:
    text = (
        "柬埔寨首相洪玛奈15日下午与越南总理范明政通电话。\n\n"
        "两国总理对苏林与洪森2025年8月14日的通话成果表示赞赏。\n\n"
        "双方一致同意加强贸易和投资合作。"
    )
    events = events_of(text, tmp_path)
    call = next(m for m in events.meetings if {p.id for p in m.participants} >= {"person:hun-manet"})
    assert call.date == D("2025-08-15")
    [agreement] = events.agreements
    assert agreement.meeting == call.id and agreement.date == D("2025-08-15")
    assert {p.id for p in agreement.parties} == {"country:vietnam", "country:cambodia"}


def test_a_page_dated_weeks_after_its_dateline_counts_weekdays_from_the_dateline(tmp_path: Path) -> None:
    text = (
        "MOSCOW, Dec 15 (Reuters) - Russian President Vladimir Putin and Chinese President Xi Jinping "
        "held a video call on Wednesday."
    )
    events = events_of(text, tmp_path, date="2022-01-01")
    assert meeting_dates(events) == ["2021-12-15"]


def test_no_date_is_invented_for_an_undated_article(tmp_path: Path) -> None:
    events = events_of("王毅在金边同宋金达举行会谈。\n双方一致同意加强合作。", tmp_path)
    assert meeting_dates(events) == [None]
    assert agreement_dates(events) in ([None], [])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("越通社河内2025年4月15日电 苏林15日上午在河内同王毅举行会谈。", "2025-04-15"),
        (
            "VIENTIANE, Oct. 11 Kyodo - Shigeru Ishiba held talks with Li Qiang on Thursday in 2024.",
            "2024-10-10",
        ),
    ],
)
def test_datelines_with_a_year_or_an_agency_without_brackets(
    text: str, expected: str, tmp_path: Path
) -> None:
    assert meeting_dates(events_of(text, tmp_path)) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Shigeru Ishiba, who took office on Oct. 1, spoke with Joe Biden by phone the following day.",
            "2024-10-02",
        ),
        ("11月7日，李强会见阿尔巴尼斯。\n\n前一天，习近平会见了阿尔巴尼斯。", "2024-11-06"),
    ],
)
def test_the_day_after_or_before_counts_from_the_date_it_follows(
    text: str, expected: str, tmp_path: Path
) -> None:
    assert expected in meeting_dates(events_of(text, tmp_path, date="2024-11-08"))
