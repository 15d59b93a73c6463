"""Sentence splitting for Chinese and English news, with offsets into the paragraph's text.

Chinese sentences end at 。！？； or an ellipsis, with any closing quotes or brackets that
follow (and a source credit such as `（新华社）` closing the paragraph). English sentences
end at . ! ? followed by a space and a capital (or a digit, an opening quote, a CJK
character), except after abbreviations such as Dec. Mr. U.S. No.
"""

from __future__ import annotations

import re

_CLOSERS = "”’」』）)】》〉\"'\\]"
_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CREDIT = r"(?:[ \t]?[（(][^（）()\n]{1,20}[）)](?=[ \t]*(?:\n|$)))?"
# Every branch starts by consuming a terminator character, so the engine can skip ahead fast.
_END = re.compile(
    rf"(?:[。！？；]+|…+|[!?](?<=[{_CJK}][!?])[!?]*)[{_CLOSERS}]*{_CREDIT}(?![，、：])"
    rf"|(?P<latin>[.!?]+)[{_CLOSERS}]*(?=[ \t]+[“‘\"'\[]?[A-Z0-9{_CJK}])"
    r"|\n"
)
_WORD_BEFORE = re.compile(r"(\S+)$")
_INITIALISM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]?")
_ABBREVIATION_WORDS = """
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    mr mrs ms dr prof st mt ft sen rep gov gen lt col maj capt sgt adm cmdr rev hon pres amb
    jr sr inc ltd co corp bros dept est fig vol vols no nos op p pp vs etc al approx
"""
ABBREVIATIONS = frozenset(_ABBREVIATION_WORDS.split())


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in `text`, surrounding whitespace excluded.

    A line break always ends a sentence: sentences never run across paragraphs."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _END.finditer(text):
        if match.group("latin") is not None and _abbreviation_before(text, match.start()):
            continue
        _add(text, start, match.end(), spans)
        start = match.end()
    _add(text, start, len(text), spans)
    return spans


def _abbreviation_before(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return False
    word = _WORD_BEFORE.search(text, max(0, dot - 40), dot)
    if word is None:
        return False
    token = word.group(1).lstrip("(“\"'")
    if len(token) == 1 and token.isupper():
        return True  # an initial: John F. Kennedy
    if _INITIALISM.fullmatch(token + "."):
        return "." in token or len(token) == 1
    return token.lower() in ABBREVIATIONS


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))
