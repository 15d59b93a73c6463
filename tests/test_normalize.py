"""Normalize: glued pinyin removed, repeats dropped, sentences with exact offsets, a simplified view."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from kg.ingest import read_document
from kg.normalize import normalize, to_simplified
from kg.records import Document, PartialDate, RawDocument
from kg.text.pinyin import strip_glued_pinyin
from kg.text.sentences import split_sentences

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles"
SEEDS = sorted(EXAMPLES.glob("*.txt"))


def seed(prefix: str) -> Document:
    raw = read_document(next(EXAMPLES.glob(f"{prefix}_*.txt")))
    assert isinstance(raw, RawDocument), raw
    return normalize(raw)


def doc_of(text: str, *, fmt: str = "text", published_text: str | None = None) -> Document:
    return normalize(RawDocument("t.txt", "t.txt", text, fmt, published_text=published_text))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("glued", "clean"),
    [
        ("國務(wù)委員", "國務委員"),
        ("內(nèi)政", "內政"),
        ("習(xí)近平", "習近平"),
        ("創(chuàng)造性", "創造性"),
        ("中柬執(zhí)法合作", "中柬執法合作"),
        ("網(wǎng)絡(luò)賭博", "網絡賭博"),
    ],
)
def test_glued_pinyin_is_removed(glued: str, clean: str):
    assert strip_glued_pinyin(glued) == clean


@pytest.mark.parametrize(
    "text",
    [
        "王毅（左）星期天（4月21日）在金边会谈。（新华社）",
        "Communist Party of China (CPC)",
        "Beijing, Dec. 3, 2024. (Xinhua/Xie Huanchi)",
        "Structure of Shanghai Cooperation Organization (RATS SCO)",
        "一年前（2022年7月5日），在泰国曼谷",
        "中国(china)和條款(a)",
        "执法合作(de)",  # a bare syllable is pinyin only in a text that also has tone-marked readings
    ],
)
def test_real_parentheses_are_kept(text: str):
    assert strip_glued_pinyin(text) == text


def test_bare_syllables_go_too_in_a_text_with_tone_marked_readings():
    assert strip_glued_pinyin("國務(wù)委員的(de)會晤") == "國務委員的會晤"


def test_seed_004_loses_its_pinyin_but_keeps_real_parentheses_and_broken_bytes():
    doc = seed("004")
    assert "(wù)" not in doc.text
    assert not re.search(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)", doc.text)
    assert "國務委員、公安部部長趙克志與柬埔寨副首相兼內政大臣薩肯28日出席" in doc.text
    assert "習近平主席和洪森首相共同關心、親自推動,創造性地作出了" in doc.text
    assert "(RATS SCO)" in doc.text
    assert "?!芭帘取纯帧?021”" in doc.text


def test_repeated_paragraphs_keep_only_their_first_occurrence():
    raw = read_document(next(EXAMPLES.glob("001_*.txt")))
    assert isinstance(raw, RawDocument)
    repeated = "中国一贯坚决打击贩毒制毒"
    assert raw.text.count(repeated) == 4
    doc = normalize(raw)
    assert doc.text.count(repeated) == 1
    paragraphs = doc.text.split("\n")
    assert len(paragraphs) == len(set(paragraphs))
    # the first occurrence is the one kept: what follows it in the article still follows it
    first = raw.text.split("\n").index(next(p for p in raw.text.split("\n") if repeated in p))
    assert paragraphs.index(raw.text.split("\n")[first]) == first


def test_near_duplicate_caption_lines_stay():
    doc = seed("003")
    base = (
        "12月3日,中共中央總書記、國家主席習近平在北京釣魚臺國賓館同柬埔寨人民黨主席、參議院主席洪森舉行會談。"
    )
    assert doc.text.count(base) == 3  # with two photographers' credits and without
    assert doc.text.count(base + "\n") == 1


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_sentence_offsets_point_into_the_text_and_the_simplified_view(path: Path):
    raw = read_document(path)
    assert isinstance(raw, RawDocument)
    doc = normalize(raw)
    assert doc.sentences
    assert len(doc.simplified) == len(doc.text)
    for sentence in doc.sentences:
        assert doc.text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip() and sentence.text
        assert len(doc.simplified_of(sentence)) == len(sentence.text)
    ends = [s.end for s in doc.sentences]
    assert ends == sorted(ends)
    assert doc.id == hashlib.sha256(doc.text.encode("utf-8")).hexdigest()


def test_simplified_view_converts_traditional_characters_in_place():
    doc = seed("003")
    sentence = next(s for s in doc.sentences if s.text.startswith("蔡奇、王毅"))
    assert sentence.text == "蔡奇、王毅參加會談。"
    assert doc.simplified_of(sentence) == "蔡奇、王毅参加会谈。"
    assert doc.simplified.count("习近平") == doc.text.count("習近平")
    assert to_simplified("二噁英與國務委員") == "二𫫇英与国务委员"


def test_chinese_sentences_end_at_chinese_punctuation_with_their_closing_quotes():
    text = "王毅表示，中方愿同柬方一道。他说：“我们要加强合作。”双方同意……然后呢？好！第一；第二"
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "王毅表示，中方愿同柬方一道。",
        "他说：“我们要加强合作。”",
        "双方同意……",
        "然后呢？",
        "好！",
        "第一；",
        "第二",
    ]


def test_a_source_credit_closing_a_paragraph_stays_with_its_sentence():
    text = "王毅（左）在金边同宋金达（右）举行会谈。（新华社）"
    assert [text[a:b] for a, b in split_sentences(text)] == [text]


def test_english_sentences_do_not_end_after_abbreviations():
    text = (
        "Xi met Hun Sen in Beijing on Dec. 3, 2024. Mr. Wang and the U.S. envoy attended. "
        "John F. Kennedy was not there! Was No. 1 present? Yes."
    )
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "Xi met Hun Sen in Beijing on Dec. 3, 2024.",
        "Mr. Wang and the U.S. envoy attended.",
        "John F. Kennedy was not there!",
        "Was No. 1 present?",
        "Yes.",
    ]


def test_every_paragraph_is_split_and_sentences_know_their_paragraph():
    doc = doc_of("第一段第一句。第一段第二句。\n  Second paragraph. It has two sentences.  \n\n第三段")
    assert [(s.text, s.paragraph) for s in doc.sentences] == [
        ("第一段第一句。", 0),
        ("第一段第二句。", 0),
        ("Second paragraph.", 1),
        ("It has two sentences.", 1),
        ("第三段", 2),
    ]
    assert doc.text == "第一段第一句。第一段第二句。\nSecond paragraph. It has two sentences.\n第三段"


def test_invisible_characters_and_odd_spaces_are_cleaned():
    doc = doc_of("王毅\u200b同\u3000宋金达 ，举行会谈。\u00a0\u00a0Then   they left.")
    assert doc.text == "王毅同 宋金达，举行会谈。 Then they left."


@pytest.mark.parametrize(
    ("prefix", "published", "source"),
    [
        ("000", PartialDate(2024, 4, 22), "front-matter"),
        ("003", PartialDate(2024, 12, 4), "dateline"),
        ("002", None, None),
    ],
)
def test_published_date_from_metadata_or_dateline(
    prefix: str, published: PartialDate | None, source: str | None
):
    doc = seed(prefix)
    assert doc.published == published
    assert doc.published_source == source


@pytest.mark.parametrize(
    ("top", "published"),
    [
        ("发布时间：2024年12月4日 10:00 来源：新华网", PartialDate(2024, 12, 4)),
        ("2024-12-04 09:06  来源：人民网", PartialDate(2024, 12, 4)),
        ("BEIJING, Dec. 3, 2024 (Xinhua) -- Xi Jinping met Hun Sen.", PartialDate(2024, 12, 3)),
        ("Published: December 3, 2024", PartialDate(2024, 12, 3)),
        ("BEIJING, Dec. 3 (Xinhua) -- Xi Jinping met Hun Sen.", None),
        ("一年前（2022年7月5日），在泰国曼谷，王毅同泰国副总理兼外长敦举行会谈。", None),
        ("2022年7月5日，王毅同泰国副总理兼外长敦举行会谈。", None),
    ],
)
def test_datelines(top: str, published: PartialDate | None):
    doc = doc_of(f"标题\n{top}\n王毅同宋金达举行会谈。")
    assert doc.published == published
    assert doc.published_source == ("dateline" if published else None)


def test_html_meta_date_is_marked_as_meta():
    doc = doc_of("王毅同宋金达举行会谈。", fmt="html", published_text="2024-04-21T20:15:00+08:00")
    assert (doc.published, doc.published_source) == (PartialDate(2024, 4, 21), "meta")


def test_a_month_stays_a_month():
    doc = doc_of("王毅同宋金达举行会谈。", fmt="markdown", published_text="2021-06")
    assert doc.published == PartialDate(2021, 6)
    assert doc.published.precision == "month"


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("王毅同宋金达举行会谈。双方一致同意共同打击电信诈骗。", "zh-Hans"),
        ("國務委員趙克志與柬埔寨副首相薩肯舉行視頻會晤。雙方簽署了工作計劃。", "zh-Hant"),
        ("Xi Jinping held talks with Hun Sen in Beijing on Tuesday.", "en"),
    ],
)
def test_script_detection(text: str, script: str):
    assert doc_of(text).script == script


def test_bilingual_seeds_are_mixed_and_chinese_seeds_are_simplified():
    assert seed("003").script == "mixed"
    assert seed("000").script == "zh-Hans"
    assert seed("001").script == "zh-Hans"


def test_titles_come_from_metadata_or_a_headline():
    assert seed("000").title == "王毅：中柬共同打击网赌电诈和人口贩卖等违法活动"
    assert seed("003").title == "習近平同柬埔寨人民黨主席、參議院主席洪森會談"
    assert seed("002").title == "严厉打击！王毅、陈文清接连提到这一问题，公安部已出手"
    assert seed("004").title is None


def test_same_text_gives_same_id_and_different_text_a_different_one():
    assert doc_of("王毅同宋金达举行会谈。").id == doc_of("王毅同宋金达举行会谈。").id
    assert doc_of("王毅同宋金达举行会谈。").id != doc_of("王毅同洪森举行会谈。").id


def test_a_source_credit_closing_any_paragraph_stays_with_its_sentence():
    doc = seed("000")
    caption = (
        "中共政治局委员、中国外交部长王毅（左）星期天（4月21日）在金边同"
        "柬埔寨副首相兼外交大臣宋金达（右）举行会谈。（新华社）"
    )
    assert doc.sentences[1].text == caption
    assert doc.sentences[1].paragraph == 1
