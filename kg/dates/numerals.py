"""Numbers as dates write them: ASCII and full-width digits, and Chinese numerals
(二〇二四 digit by digit for years, 二十八 positionally for months and days)."""

from __future__ import annotations

ARABIC = "[0-9０-９]"
CN_DIGIT = "〇○零一二三四五六七八九"
MONTH_CN = "(?:十[一二]?|[一二三四五六七八九])"
DAY_CN = "(?:[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
DAY_CN_WITH_TEN = "(?:[二三]?十[一二三四五六七八九]?)"
YEAR = f"(?:(?<![0-9０-９]){ARABIC}{{4}}|[{CN_DIGIT}]{{4}})"
MONTH = f"(?:{ARABIC}{{1,2}}|{MONTH_CN})"
DAY = f"(?:{ARABIC}{{1,2}}|{DAY_CN})"

_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")}
_DIGITS["零"] = 0
_DIGITS["○"] = 0  # a white circle often stands in for 〇 (二○一一年)
_DIGITS["两"] = 2
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")

EN_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}


def to_int(text: str) -> int:
    """The value of a number written in digits or Chinese numerals (up to 九百九十九, or digit strings);
    ValueError for anything else (十十)."""
    try:
        return _value(text.strip().translate(_FULLWIDTH))
    except KeyError as error:
        raise ValueError(f"not a number: {text!r}") from error


def _value(text: str) -> int:
    if text.isdigit():
        return int(text)
    if text.lower() in EN_NUMBERS:
        return EN_NUMBERS[text.lower()]
    if "十" not in text and "百" not in text:
        value = 0
        for char in text:
            value = value * 10 + _DIGITS[char]
        return value
    value = 0
    if "百" in text:
        hundreds, _, text = text.partition("百")
        value += 100 * (_DIGITS[hundreds] if hundreds else 1)
        text = text.lstrip("零〇")
        if not text:
            return value
    if "十" in text:
        tens, _, units = text.partition("十")
        value += 10 * (_DIGITS[tens] if tens else 1)
        text = units
    if text:
        value += _DIGITS[text]
    return value
