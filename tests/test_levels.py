"""The level of an official read from titles in Chinese (either script) and English: compound
titles, deputies, aides and former office-holders."""

from __future__ import annotations

import pytest

from kg.levels import Levels


@pytest.mark.parametrize(
    ("title", "level"),
    [
        ("国家主席", "head"),
        ("國務院總理", "head"),
        ("柬埔寨国王", "head"),
        ("Prime Minister", "head"),
        ("副首相兼外交大臣", "minister"),
        ("政府副总理", "minister"),
        ("Deputy Prime Minister and Minister of Foreign Affairs", "minister"),
        ("总统国家安全事务助理", "minister"),
        ("National Security Adviser to the President", "minister"),
        ("外交部副部长", "other"),
        ("Vice Minister of Foreign Affairs", "other"),
        ("参议院主席", "other"),
        ("President of the Senate", "other"),
        ("前总理", "other"),
        ("former President", "other"),
        ("驻华大使", "other"),
        (None, "other"),
    ],
)
def test_level_of_a_title(title, level):
    assert Levels.load().of_title(title) == level


def test_the_highest_title_of_a_person_wins():
    levels = Levels.load()
    assert levels.of_titles(["外交部长", "中共中央总书记、国家主席"]) == "head"
    assert levels.of_titles([]) == "other"
    assert levels.order[0] == "head" and levels.order[-1] == "other"
