"""Normalize: clean paragraphs, drop repeats, split sentences, add a simplified-Chinese view.

`Document.text` is what evidence offsets point into; `Document.simplified` has exactly the
same length, so a span found in the simplified view is the same span of the original.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from functools import cache
from itertools import accumulate
from typing import Literal

import opencc

from kg.records import Document, PartialDate, RawDocument, Sentence
from kg.text.datelines import find_dateline, parse_date
from kg.text.pinyin import strip_glued_pinyin
from kg.text.sentences import split_sentences

PARAGRAPH_SEPARATOR = "\n"

_INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_CJK_PUNCT = "，。、；：！？“”‘’（）《》〈〉「」『』【】…—"
_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Starts with the space itself so the engine searches for a literal, then looks around it.
_SPACE_AT_CJK_PUNCT = re.compile(
    rf" (?:(?<=[{_CJK}{_CJK_PUNCT}] )(?=[{_CJK_PUNCT}])|(?<=[{_CJK_PUNCT}] )(?=[{_CJK}{_CJK_PUNCT}]))"
)
_HAS_WORD = re.compile(rf"[0-9A-Za-z{_CJK}\u00c0-\u024f\u0400-\u04ff]")
_CJK_CHAR = re.compile(rf"[{_CJK}]")
_CJK_RUN = re.compile(rf"[{_CJK}]+")
_LATIN_RUN = re.compile(r"[A-Za-z]+")
_TITLE_END = re.compile(r"[。！？!?.；;：:，,]$")

Script = Literal["zh-Hans", "zh-Hant", "en", "mixed"]

HANT_SHARE = 0.03
"""A text is traditional Chinese when more of its characters than this change under t2s."""
LETTERS_PER_CHARACTER = 3
"""English letters weighed against one Chinese character when telling the scripts apart."""
MIXED_SHARE = 0.15


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def normalize(raw: RawDocument) -> Document:
    paragraphs = clean_paragraphs(raw.text)
    text = PARAGRAPH_SEPARATOR.join(paragraphs)
    starts = list(accumulate((len(p) + len(PARAGRAPH_SEPARATOR) for p in paragraphs[:-1]), initial=0))
    sentences = tuple(
        Sentence(text[start:end], start, end, bisect_right(starts, start) - 1)
        for start, end in split_sentences(text)
    )
    simplified = to_simplified(text)
    published, published_source = _published(raw, paragraphs)
    title = _clean(strip_glued_pinyin(raw.title)) if raw.title else _headline(paragraphs)
    return Document(
        id=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        path=raw.path,
        name=raw.name,
        text=text,
        sentences=sentences,
        simplified=simplified,
        title=title or None,
        url=raw.url,
        published=published,
        published_source=published_source,
        script=detect_script(text, simplified),
    )


def clean_paragraphs(text: str) -> list[str]:
    """Paragraphs (one per line in `text`) cleaned, without empty or repeated ones.

    A repeat is the same paragraph once whitespace is ignored; the first occurrence stays.
    Near-duplicates (a caption with a photographer's credit) are different text and stay."""
    seen: set[str] = set()
    paragraphs: list[str] = []
    cleaned = _SPACE_AT_CJK_PUNCT.sub("", _SPACES.sub(" ", _INVISIBLE.sub("", strip_glued_pinyin(text))))
    for line in cleaned.split("\n"):
        paragraph = line.strip()
        if not paragraph or not _HAS_WORD.search(paragraph):
            continue
        key = paragraph.replace(" ", "")
        if key in seen:
            continue
        seen.add(key)
        paragraphs.append(paragraph)
    return paragraphs


def _clean(text: str) -> str:
    text = _SPACES.sub(" ", _INVISIBLE.sub("", text)).strip()
    return _SPACE_AT_CJK_PUNCT.sub("", text)


def to_simplified(text: str) -> str:
    """`text` in simplified Chinese, character for character (same length, same offsets).

    OpenCC converts phrases, which may change the length; a line whose length changed is
    converted again one character at a time."""
    if not _CJK_CHAR.search(text):
        return text
    converter = _t2s()
    converted = converter.convert(text)
    if len(converted) == len(text):
        return converted
    lines = []
    for line in text.split("\n"):
        simple = converter.convert(line)
        if len(simple) != len(line):
            simple = "".join(_one_to_one(converter.convert(ch), ch) for ch in line)
        lines.append(simple)
    return "\n".join(lines)


def _one_to_one(converted: str, original: str) -> str:
    return converted if len(converted) == 1 else original


def detect_script(text: str, simplified: str) -> Script:
    """zh-Hans, zh-Hant, en or mixed (Chinese and English both carrying much of the text)."""
    cjk = sum(map(len, _CJK_RUN.findall(text)))
    letters = sum(map(len, _LATIN_RUN.findall(text)))
    english = letters / LETTERS_PER_CHARACTER
    if cjk + english == 0:
        return "zh-Hans"
    if english / (cjk + english) > 1 - MIXED_SHARE:
        return "en"
    if english / (cjk + english) > MIXED_SHARE:
        return "mixed"
    changed = 0 if text == simplified else sum(map(str.__ne__, text, simplified))
    return "zh-Hant" if changed > max(1, cjk * HANT_SHARE) else "zh-Hans"


def _published(raw: RawDocument, paragraphs: list[str]) -> tuple[PartialDate | None, str | None]:
    from_metadata = parse_date(raw.published_text)
    if from_metadata is not None:
        return from_metadata, "meta" if raw.fmt == "html" else "front-matter"
    dateline = find_dateline(paragraphs)
    if dateline is not None:
        return dateline, "dateline"
    return None, None


HEADLINE_MAX_CHARS = 80


def _headline(paragraphs: list[str]) -> str | None:
    """The first short line that reads like a headline (no final punctuation, no breadcrumb)."""
    for paragraph in paragraphs[:3]:
        if (
            4 <= len(paragraph) <= HEADLINE_MAX_CHARS
            and not _TITLE_END.search(paragraph)
            and not any(mark in paragraph for mark in (" > ", ">", "|", "｜"))
            and find_dateline([paragraph]) is None
        ):
            return paragraph
    return None
