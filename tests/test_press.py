"""A bare "外交部" is the ministry of the article's own press: Taiwan's in a Central News Agency
report, China's in Xinhua's; after a country's name it is that country's."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.names import to_simplified
from kg.pipeline import extract_path
from kg.press import load_press
from kg.records import DocumentEvents

PRESS = load_press()


@pytest.mark.parametrize(("text", "home"), PRESS.examples)
def test_the_press_of_each_example_is_told_from_its_top(text: str, home: str) -> None:
    assert PRESS.home_of(to_simplified(text)) == home


def test_a_web_address_tells_the_press_before_the_text() -> None:
    assert PRESS.home_of("外交部今天表示", "https://focustaiwan.tw/politics/1") == "org:taiwan-authorities"
    assert PRESS.home_of("外交部今天表示", "https://www.example.org/") is None


def parties_of(text: str, tmp_path: Path) -> set[str]:
    article = tmp_path / "report.md"
    article.write_text(f"---\ndate: 2024-06-10\n---\n\n{text}\n", encoding="utf-8")
    events = extract_path(article)
    assert isinstance(events, DocumentEvents), events
    return {p.id for a in events.agreements for p in a.parties}


def test_the_foreign_ministry_of_a_taiwanese_report_is_taiwans(tmp_path: Path) -> None:
    text = "（中央社記者台北10日電）外交部今天與巴拉圭外交部簽署農業合作協定。"
    parties = parties_of(text, tmp_path)
    assert "org:ministry-of-foreign-affairs-taiwan" in parties
    assert "org:ministry-of-foreign-affairs-china" not in parties
    assert "country:paraguay" in parties


def test_the_foreign_ministry_of_a_xinhua_report_is_chinas(tmp_path: Path) -> None:
    text = "新华社北京6月10日电 外交部今天与老挝外交部签署合作协议。"
    assert parties_of(text, tmp_path) >= {
        "org:ministry-of-foreign-affairs-china",
        "org:ministry-of-foreign-affairs-laos",
    }
