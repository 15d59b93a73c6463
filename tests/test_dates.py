"""Dates in news sentences: found, resolved against the article's date, never invented;
and the article's own date inferred from its text when metadata has none."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.dates import DateMention, find_dates, infer_publication_date
from kg.ingest import read_document
from kg.normalize import normalize
from kg.records import PartialDate, RawDocument

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles"


def D(text: str) -> PartialDate:
    return PartialDate.parse(text)


def only(text: str, anchor: PartialDate | None) -> DateMention:
    found = find_dates(text, anchor)
    assert len(found) == 1, found
    return found[0]


def resolved(text: str, anchor: PartialDate | None) -> list[tuple[str, str | None, str]]:
    return [(m.text, m.date.iso() if m.date else None, m.kind) for m in find_dates(text, anchor)]


def seed_text(prefix: str) -> str:
    """A seed article as the pipeline hands it to dates: ingested, normalized, simplified Chinese."""
    raw = read_document(next(EXAMPLES.glob(f"{prefix}_*")))
    assert isinstance(raw, RawDocument)
    return normalize(raw).simplified


# -- weekdays: the most recent one, never the next ---------------------------------------------


def test_weekday_with_explicit_day_in_brackets_takes_the_explicit_day() -> None:
    sentence = "据中国外交部官网消息，王毅星期天（4月21日）在金边同宋金达举行会谈。"
    mention = only(sentence, D("2024-04-22"))
    assert mention.text == "星期天（4月21日）"
    assert mention.date == D("2024-04-21")
    assert sentence[mention.start : mention.end] == mention.text


def test_bracketed_day_of_month_after_a_weekday() -> None:
    sentence = "载有涉嫌电诈犯罪嫌疑人的两架中国民航包机星期天（21日）上午降落在湖北武汉天河国际机场。"
    assert resolved(sentence, D("2024-04-22")) == [("星期天（21日）", "2024-04-21", "absolute")]


def test_weekday_in_brackets_after_the_date_is_one_mention() -> None:
    mention = only("12月3日（星期二），习近平在北京同洪森举行会谈。", D("2024-12-04"))
    assert (mention.text, mention.date) == ("12月3日（星期二）", D("2024-12-03"))


def test_weekday_checks_the_year_when_the_article_gives_only_a_year() -> None:
    # 2025-04-21 is a Monday, 2024-04-21 a Sunday: the weekday settles which year is meant.
    assert only("王毅星期天（4月21日）在金边同宋金达举行会谈。", D("2025")).date == D("2024-04-21")


@pytest.mark.parametrize(
    ("sentence", "anchor", "expected"),
    [
        ("王毅星期天在金边同宋金达举行会谈。", "2024-04-22", "2024-04-21"),
        ("王毅周日在金边同宋金达举行会谈。", "2024-04-22", "2024-04-21"),
        ("王毅周日在金边同宋金达举行会谈。", "2024-04-21", "2024-04-21"),
        ("王毅周一在北京会见柬埔寨外交大臣。", "2024-04-21", "2024-04-15"),
        ("习近平上周三在北京会见洪森。", "2024-12-04", "2024-11-27"),
        (
            "Xi held talks with Hun Sen in Beijing on Tuesday, calling for firm mutual support.",
            "2024-12-04",
            "2024-12-03",
        ),
        ("Wang Yi held talks with Maris Sangiampongsa in Beijing on Monday.", "2025-02-12", "2025-02-10"),
        ("Xi Jinping spoke by phone with Vladimir Putin on Tuesday.", "2025-02-12", "2025-02-11"),
        ("The two ministers met last Wednesday in Vientiane.", "2024-12-04", "2024-11-27"),
    ],
)
def test_bare_weekday_is_the_most_recent_on_or_before_the_article(
    sentence: str, anchor: str, expected: str
) -> None:
    mention = only(sentence, D(anchor))
    assert mention.kind == "weekday"
    assert mention.date == D(expected)


def test_weekday_without_a_day_precise_article_date_stays_unresolved() -> None:
    assert only("王毅星期天在金边同宋金达举行会谈。", D("2024-04")).date is None
    assert only("Xi met Hun Sen on Tuesday.", None).date is None


def test_next_weekday_is_not_guessed() -> None:
    assert only("The foreign ministers will meet next Friday.", D("2024-12-04")).date is None


def test_weekly_routine_is_not_a_weekday_date() -> None:
    assert find_dates("两国警方每周一交换情报，一周一次。", D("2024-12-04")) == []


# -- month and day without a year --------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "anchor", "expected"),
    [
        (
            "12月3日,中共中央总书记、国家主席习近平在北京钓鱼台国宾馆同洪森举行会谈。",
            "2024-12-04",
            "2024-12-03",
        ),
        ("12月30日，王毅在北京同老挝外长沙伦赛举行会谈。", "2025-01-02", "2024-12-30"),
        ("8月19日，王毅和敦会谈时，再度提到了“共同打击电信诈骗”。", "2023", "2023-08-19"),
        ("十二月三日，习近平在北京会见洪森。", "2024-12-04", "2024-12-03"),
        ("４月２１日，王毅在金边同宋金达举行会谈。", "2024-04-22", "2024-04-21"),
        ("The two sides met on Dec. 3 in Beijing.", "2024-12-04", "2024-12-03"),
        ("The talks were held on December 30 in Beijing.", "2025-01-02", "2024-12-30"),
    ],
)
def test_month_and_day_take_the_year_that_is_not_in_the_future(
    sentence: str, anchor: str, expected: str
) -> None:
    assert only(sentence, D(anchor)).date == D(expected)


def test_a_date_a_day_or_two_after_the_article_keeps_the_article_year() -> None:
    assert only("12月5日，习近平在北京会见洪森。", D("2024-12-04")).date == D("2024-12-05")


def test_an_announced_date_may_lie_ahead() -> None:
    assert only("中柬外长将于12月20日在金边举行会谈。", D("2024-12-04")).date == D("2024-12-20")
    assert only("中柬外长12月20日在金边举行会谈。", D("2024-12-04")).date == D("2023-12-20")


def test_month_and_day_without_any_article_year_is_not_invented() -> None:
    assert only("8月19日，王毅在北京同敦会谈。", None).date is None


# -- day of the month alone ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "anchor", "expected"),
    [
        (
            "公安部部长赵克志与柬埔寨副首相兼内政大臣萨肯28日出席视频会晤和签字仪式。",
            "2024-03-30",
            "2024-03-28",
        ),
        (
            "公安部部长赵克志与柬埔寨副首相兼内政大臣萨肯28日出席视频会晤和签字仪式。",
            "2024-03-02",
            "2024-02-28",
        ),
        ("9日，中国驻老挝大使姜再冬在万象会见老挝副总理兼外长沙伦赛。", "2024-03-10", "2024-03-09"),
        ("“帕比—反恐—2021”联合反恐演习开幕式二十四日在巴基斯坦帕比举行。", "2021-09-30", "2021-09-24"),
        ("31日，王毅会见越南外长。", "2024-05-02", None),
    ],
)
def test_day_alone_takes_the_month_that_is_not_in_the_future(
    sentence: str, anchor: str, expected: str | None
) -> None:
    assert only(sentence, D(anchor)).date == (D(expected) if expected else None)


def test_day_alone_against_a_year_only_article_date_keeps_only_the_year() -> None:
    sentence = "公安部部长赵克志与柬埔寨副首相兼内政大臣萨肯28日出席视频会晤和签字仪式。"
    assert only(sentence, D("2021")).date == D("2021")
    assert only(sentence, None).date is None


# -- written dates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected_text", "expected"),
    [
        ("2019年1月,习近平主席和洪森首相共同关心、亲自推动中柬执法合作年。", "2019年1月", "2019-01"),
        ("2022年7月5日，在泰国曼谷，王毅同泰国副总理兼外长敦举行会谈。", "2022年7月5日", "2022-07-05"),
        ("2024年的中国外交为动荡不安的世界注入了宝贵的稳定性。", "2024年", "2024"),
        ("二〇二四年十二月三日，习近平在北京会见洪森。", "二〇二四年十二月三日", "2024-12-03"),
        ("发布时间:2024-12-04 09:06:32 | 来源:新华网", "2024-12-04", "2024-12-04"),
        ("发布时间：2024/12/04", "2024/12/04", "2024-12-04"),
        (
            "at the Diaoyutai State Guesthouse in Beijing, capital of China, Dec. 3, 2024. "
            "(Xinhua/Xie Huanchi)",
            "Dec. 3, 2024",
            "2024-12-03",
        ),
        ("Xi Jinping met Hun Sen in Beijing on December 3, 2024.", "December 3, 2024", "2024-12-03"),
        ("Xi Jinping met Hun Sen in Beijing on 3 December 2024.", "3 December 2024", "2024-12-03"),
        ("The exercise was first held in December 2019.", "December 2019", "2019-12"),
        ("The two countries set up the mechanism in 2019.", "in 2019", "2019"),
    ],
)
def test_written_dates_need_no_article_date(sentence: str, expected_text: str, expected: str) -> None:
    mention = only(sentence, None)
    assert (mention.text, mention.date, mention.kind) == (expected_text, D(expected), "absolute")


def test_impossible_calendar_dates_are_dropped() -> None:
    assert only("2023年2月30日，双方签署协议。", None).date is None


def test_dates_inside_a_web_address_are_not_dates() -> None:
    sentence = (
        "图片来源：https://static.zaobao.com.sg/articles/2024/04/22/XxjpsgC00700620240422PEPFN0A001.JPG"
    )
    assert find_dates(sentence, D("2024-04-22")) == []


def test_range_starts_at_its_first_day_and_records_the_last() -> None:
    sentence = "8月15日至16日，在泰国清迈，中国公安部同缅甸、老挝、泰国警方召开会议。"
    mention = only(sentence, D("2023"))
    assert (mention.text, mention.date, mention.until) == ("8月15日至16日", D("2023-08-15"), D("2023-08-16"))
    english = only("Senior officials met in Chiang Mai on Aug. 15-16, 2023.", None)
    assert (english.date, english.until) == (D("2023-08-15"), D("2023-08-16"))


# -- relative dates ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "anchor", "expected_text", "expected"),
    [
        ("去年11月,中日两国领导人达成重要共识。", "2025-03-07", "去年11月", "2024-11"),
        ("正如习近平主席年初在与特朗普总统通话时指出的,冲突对抗不应成为选择。", "2025", "年初", "2025"),
        ("今年初习近平主席同欧洲理事会主席科斯塔通电话。", "2025-03-07", "今年初", "2025"),
        ("今年3月，中国、缅甸、泰国警方曾在曼谷召开会议。", "2023-08-21", "今年3月", "2023-03"),
        ("就在上个月,习近平主席出席亚洲冬运会开幕式。", "2025-03-07", "上个月", "2025-02"),
        ("就在上个月,习近平主席出席亚洲冬运会开幕式。", "2025-01-07", "上个月", "2024-12"),
        ("王毅昨天在北京会见老挝外长。", "2024-03-01", "昨天", "2024-02-29"),
        ("王毅前天在北京会见老挝外长。", "2024-03-01", "前天", "2024-02-28"),
        ("Wang Yi met his Lao counterpart in Beijing yesterday.", "2025-01-01", "yesterday", "2024-12-31"),
        ("一人3年前去缅甸后失联。", "2023", "3年前", "2020"),
        ("The two leaders met two days ago in Beijing.", "2024-12-04", "two days ago", "2024-12-02"),
        ("The agreement was signed last year.", "2024-12-04", "last year", "2023"),
    ],
)
def test_relative_dates_count_from_the_article_date(
    sentence: str, anchor: str, expected_text: str, expected: str
) -> None:
    mention = only(sentence, D(anchor))
    assert (mention.text, mention.date, mention.kind) == (expected_text, D(expected), "relative")


def test_relative_date_without_article_date_is_none() -> None:
    assert only("去年11月,中日两国领导人达成重要共识。", None).date is None
    assert only("就在上个月,习近平主席出席亚洲冬运会开幕式。", D("2025")).date is None


def test_explicit_date_in_brackets_wins_over_the_relative_one() -> None:
    sentence = "一年前（2022年7月5日），在泰国曼谷，王毅同泰国副总理兼外长敦举行会谈。"
    mention = only(sentence, D("2023"))
    assert (mention.text, mention.date, mention.kind) == (
        "一年前（2022年7月5日）",
        D("2022-07-05"),
        "absolute",
    )


@pytest.mark.parametrize(
    ("sentence", "expected_text"),
    [
        ("王毅同日也在金边与柬埔寨国王西哈莫尼会面。", "同日"),
        ("当天，王小洪还会见了越南驻华大使范绍梅。", "当天"),
        ("當日，王小洪還會見了越南駐華大使。", "當日"),
        ("当时， 双方一致同意，加强网络安全合作，共同打击电信诈骗。", "当时"),
        ("Wang also met King Norodom Sihamoni on the same day.", "the same day"),
    ],
)
def test_same_day_refers_to_the_previous_event(sentence: str, expected_text: str) -> None:
    mention = only(sentence, D("2024-04-22"))
    assert (mention.text, mention.date, mention.kind) == (expected_text, None, "same_day")


@pytest.mark.parametrize(
    ("sentence", "expected_text"),
    [
        ("国务委员、公安部部长赵克志日前致函上合组织地区反恐怖机构执委会主任吉约索夫。", "日前"),
        ("近日，中老两国警方联合开展打击行动。", "近日"),
        ("Chinese and Lao police recently launched a joint operation.", "recently"),
        ("The two ministers spoke by phone last week.", "last week"),
        ("中泰两国外长上周在曼谷会面。", "上周"),
    ],
)
def test_vague_dates_are_not_fixed(sentence: str, expected_text: str) -> None:
    mention = only(sentence, D("2024-12-04"))
    assert (mention.text, mention.date, mention.kind) == (expected_text, None, "vague")


def test_words_that_only_contain_date_characters_are_not_dates() -> None:
    sentence = (
        "这一重大理念既体现中华文明天下为公的优秀传统文化，节日前夕两国人民互致问候，中日关系健康发展。"
    )
    assert find_dates(sentence, D("2025-03-07")) == []


def test_every_date_of_a_sentence_in_text_order() -> None:
    sentence = "3月8日，外交部长王毅致函斯里兰卡外交部长，9日又在北京会见老挝外长，同日出席了招待会。"
    assert resolved(sentence, D("2024-03-10")) == [
        ("3月8日", "2024-03-08", "absolute"),
        ("9日", "2024-03-09", "absolute"),
        ("同日", None, "same_day"),
    ]


# -- the seeds, sentence by sentence ------------------------------------------------------------


def test_seed_dates_resolve_against_their_article_dates() -> None:
    found: dict[str, set[str]] = {}
    for prefix, anchor in [("000", "2024-04-22"), ("002", "2023"), ("003", "2024-12-04")]:
        for line in seed_text(prefix).splitlines():
            for m in find_dates(line, D(anchor)):
                if m.date is not None and m.date.day is not None:
                    found.setdefault(prefix, set()).add(m.date.iso())
    assert "2024-04-21" in found["000"]
    assert {"2023-08-19", "2022-07-05", "2023-07-25", "2023-03-20", "2023-08-15"} <= found["002"]
    assert {"2024-12-03", "2024-12-04"} == found["003"]


# -- the article's date inferred from its text --------------------------------------------------


def test_seed_002_has_no_date_but_a_year_ago_places_it_in_2023() -> None:
    date, how = infer_publication_date(seed_text("002"))
    assert date == PartialDate(2023)
    assert how == "inferred: 一年前（2022年7月5日）"


def test_seed_004_is_dated_by_the_cpc_centenary_and_the_exercise_name() -> None:
    date, how = infer_publication_date(seed_text("004"))
    assert date == PartialDate(2021)
    assert how is not None and ("100周年" in how or "2021" in how)


def test_seed_001_is_dated_by_this_years_and_last_years_anniversaries() -> None:
    text = seed_text("001")
    date, how = infer_publication_date(text)
    assert date == PartialDate(2025)
    assert how is not None and "周年" in how
    press_conference = next(line for line in text.splitlines() if "3月7日" in line)
    assert [m.date for m in find_dates(press_conference, date) if m.text == "3月7日"] == [D("2025-03-07")]


def test_seed_003_is_dated_to_the_day_by_its_publication_line() -> None:
    assert infer_publication_date(seed_text("003")) == (D("2024-12-04"), "inferred: 发布时间:2024-12-04")


def test_seed_000_without_its_front_matter_is_dated_by_the_prc_anniversary() -> None:
    # 王毅在会谈中指出，今年是新中国成立75周年: 1949 + 75, the year of its front-matter date 2024-04-22.
    assert infer_publication_date(seed_text("000")) == (D("2024"), "inferred: 今年是新中国成立75周年")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("王毅在会谈中指出，今年是新中国成立75周年，也是中柬建交66周年。", "2024"),
        ("3月8日，外交部长王毅致函斯里兰卡外交部长阿里·萨布里，祝贺中斯里兰卡建交67周年。", "2024"),
        ("去年是中俄建交75周年,习近平主席和普京总统三次面对面会晤。", "2025"),
        ("明年是中国—东盟对话关系35周年，双方同意办好纪念活动。", "2025"),
        ("This year marks the 75th anniversary of the founding of the People's Republic of China.", "2024"),
        ("A year ago (July 5, 2022), Wang Yi held talks with Don Pramudwinai in Bangkok.", "2023"),
        (
            "新华社金边4月21日电 中共中央政治局委员、外交部长王毅21日在金边"
            "同柬埔寨副首相兼外交大臣宋金达举行会谈。"
            "王毅指出，今年是新中国成立75周年。",
            "2024-04-21",
        ),
    ],
)
def test_inferred_from_anniversaries_relative_years_and_datelines(text: str, expected: str) -> None:
    date, how = infer_publication_date(text)
    assert date == D(expected)
    assert how is not None and how.startswith("inferred: ")


def test_the_latest_clue_wins() -> None:
    text = "2019年1月，两国领导人决定开展执法合作年。2023年7月25日，中国驻缅甸大使会见缅甸外长。"
    assert infer_publication_date(text) == (PartialDate(2023), "inferred: 2023年7月25日")


def test_an_event_time_is_not_a_publication_date() -> None:
    date, how = infer_publication_date("会议时间：2024年5月1日，地点：金边。")
    assert (date, how) == (PartialDate(2024), "inferred: 2024年5月1日")


def test_plans_and_bare_years_do_not_date_an_article() -> None:
    assert infer_publication_date("双方将于2030年12月前建成铁路。到2035年，两国贸易额翻一番。") == (
        None,
        None,
    )
    assert infer_publication_date("两国将隆重纪念中国人民抗日战争胜利80周年。") == (None, None)
    assert infer_publication_date("双方同意深化执法合作，共同打击电信诈骗。") == (None, None)
