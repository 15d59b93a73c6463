"""Pinyin readings some sites glue after characters: 國務(wù)委員 -> 國務委員, 習(xí)近平 -> 習近平.

A parenthesised group is removed only when it follows a CJK character directly and every
word in it is a pinyin syllable. Tone-marked groups are unmistakable; a bare ASCII group such
as `(de)` is removed only in a text that also carries tone-marked ones, so `中国(china)`,
`条款(a)` or `（新华社）` in ordinary text are never touched.
"""

from __future__ import annotations

import re

_TONELESS = str.maketrans(
    {
        **dict.fromkeys("āáǎà", "a"),
        **dict.fromkeys("ēéěè", "e"),
        **dict.fromkeys("īíǐì", "i"),
        **dict.fromkeys("ōóǒò", "o"),
        **dict.fromkeys("ūúǔù", "u"),
        **dict.fromkeys("ǖǘǚǜü", "v"),
        **dict.fromkeys("ńňǹ", "n"),
        "ḿ": "m",
    }
)
_TONE_MARKS = frozenset("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ")

_INITIAL = r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])"
_FINAL = (
    r"(?:iang|iong|uang|ueng|iao|ian|uai|uan|van|ang|eng|ing|ong|ai|ei|ui|ao|ou|iu|ie|ve|ue|er|an|en"
    r"|in|un|vn|ia|ua|uo|a|o|e|i|u|v)"
)
_ZERO_INITIAL = r"(?:ang|ai|ao|an|a|ou|o|eng|ei|en|er|e)"
_SYLLABLE = rf"(?:{_INITIAL}{_FINAL}|{_ZERO_INITIAL}|hm|hng|ng|m|n)"
_WORD = re.compile(rf"(?:{_SYLLABLE})+")
_SINGLE_SYLLABLE = re.compile(_SYLLABLE)

_CJK = r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
_LETTER = "[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]"
_GROUP = re.compile(rf"(?<={_CJK})[(（]({_LETTER}{{1,12}}(?:[ ']{_LETTER}{{1,12}}){{0,5}})[)）]")


def strip_glued_pinyin(text: str) -> str:
    """The text without pinyin readings glued after its characters."""
    if "(" not in text and "（" not in text:
        return text
    groups = list(_GROUP.finditer(text))
    if not groups:
        return text
    toned = [m for m in groups if _TONE_MARKS.intersection(m.group(1)) and _is_pinyin(m.group(1))]
    if not toned:
        return text
    removed = {m.start() for m in toned}
    removed.update(m.start() for m in groups if m.start() not in removed and _is_bare_syllable(m.group(1)))
    pieces: list[str] = []
    position = 0
    for match in groups:
        if match.start() in removed:
            pieces.append(text[position : match.start()])
            position = match.end()
    pieces.append(text[position:])
    return "".join(pieces)


def _is_pinyin(group: str) -> bool:
    words = re.split(r"[ ']", group.translate(_TONELESS))
    return all(_WORD.fullmatch(word) for word in words)


def _is_bare_syllable(group: str) -> bool:
    return len(group) >= 2 and _SINGLE_SYLLABLE.fullmatch(group) is not None
