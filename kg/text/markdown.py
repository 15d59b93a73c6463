"""Markdown and plain text to paragraphs: images dropped, links and emphasis made plain text.

Lines wrapped inside a paragraph (html2text output wraps long lines, even inside image
addresses) are joined back; a line ending a sentence, a heading, a list item or a rule
ends a paragraph.
"""

from __future__ import annotations

import html
import re

_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^()]{0,4000}?\)|!\[[^\]\n]*\]\[[^\]\n]*\]")
_LINK = re.compile(r"\[([^\]\n]*)\]\((?:[^()]|\([^()]*\)){0,4000}?\)")
_REFERENCE_LINK = re.compile(r"\[([^\]\n]+)\]\[[^\]\n]*\]")
_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*\S+.*$", re.MULTILINE)
_AUTOLINK = re.compile(r"<(?:https?|ftp|mailto):[^>\s]*>")
_STRONG = re.compile(r"([ \t]*)(\*\*|__)(?=\S)((?:(?!\n[ \t]*\n).)+?)(?<=\S)\2([ \t]*)", re.DOTALL)
_EMPHASIS = re.compile(r"(?<![\w*\\])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*\\])\*(?![\w*])")
_CODE = re.compile(r"`([^`\n]+)`")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|])")

_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_RULE = re.compile(r"^ {0,3}(?:[-=_*~][ \t]*){3,}$")
_LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t]+")
_QUOTE = re.compile(r"^[ \t]*(?:>[ \t]?)+")

_CJK_CHAR = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f“”‘’…—]")
_SENTENCE_END = re.compile(r"(?:[。！？!?…；.]|[。！？!?….][”’」』）)\"']+)$")


def strip_markdown_inline(text: str) -> str:
    """Images removed, links and emphasis reduced to their text (whole-text pass: images may span lines)."""
    if "](" in text or "][" in text:
        text = _IMAGE.sub("", text)
        text = _LINK.sub(r"\1", text)
        text = _REFERENCE_LINK.sub(r"\1", text)
    if "]:" in text:
        text = _REFERENCE_DEFINITION.sub("", text)
    if "<" in text:
        text = _AUTOLINK.sub("", text)
    if "**" in text or "__" in text:
        text = _STRONG.sub(_unwrap_strong, text)
    if "*" in text:
        text = _EMPHASIS.sub(r"\1", text)
    if "`" in text:
        text = _CODE.sub(r"\1", text)
    return text


def _unwrap_strong(match: re.Match[str]) -> str:
    # Markdown converters pad bold with spaces (`深化 **各领域合作** ，`): between CJK characters
    # that padding was never in the article.
    before, _, inner, after = match.groups()
    source = match.string
    left = source[match.start() - 1] if match.start() > 0 else ""
    right = source[match.end()] if match.end() < len(source) else ""
    if before and _CJK_CHAR.match(inner[0]) and (not left or left == "\n" or _CJK_CHAR.match(left)):
        before = ""
    if after and _CJK_CHAR.match(inner[-1]) and (not right or right == "\n" or _CJK_CHAR.match(right)):
        after = ""
    return f"{before}{inner}{after}"


class _Paragraphs:
    """Collects lines into paragraphs; a line ending a sentence ends its paragraph."""

    def __init__(self, *, unescape: bool) -> None:
        self.paragraphs: list[str] = []
        self._lines: list[str] = []
        self._unescape = unescape

    def add(self, line: str) -> None:
        if self._lines and _SENTENCE_END.search(self._lines[-1]):
            self.close()
        if line:
            self._lines.append(line)

    def close(self) -> None:
        if self._lines:
            paragraph = _join(self._lines)
            self.paragraphs.append(_unescape(paragraph) if self._unescape else paragraph)
            self._lines.clear()


def markdown_paragraphs(text: str) -> list[str]:
    """Paragraphs of a Markdown body (inline markup already stripped): block syntax removed."""
    out = _Paragraphs(unescape=True)
    lines = text.split("\n")
    # Scraped Markdown without a single blank line uses line breaks as paragraph breaks.
    hard_breaks = not _has_blank_line(lines)
    for line in lines:
        if hard_breaks:
            out.close()
        if not line.strip():
            out.close()
            continue
        if _RULE.match(line):
            out.close()  # also a setext underline: the heading above stands alone
            continue
        heading = _HEADING.match(line)
        if heading:
            out.close()
            out.add((heading.group(1) or "").strip())
            out.close()
            continue
        quote = _QUOTE.match(line)
        if quote:
            line = line[quote.end() :]
        item = _LIST_ITEM.match(line)
        if item:
            out.close()
            line = line[item.end() :]
        out.add(line.strip())
    out.close()
    return [p for p in out.paragraphs if p]


def text_paragraphs(text: str) -> list[str]:
    """Paragraphs of plain text: blank-line separated blocks when there are any, else one per line."""
    lines = text.split("\n")
    if not _has_blank_line(lines):
        return [line.strip() for line in lines if line.strip()]
    out = _Paragraphs(unescape=False)
    for line in lines:
        if line.strip():
            out.add(line.strip())
        else:
            out.close()
    out.close()
    return out.paragraphs


def _has_blank_line(lines: list[str]) -> bool:
    inner = [line.strip() for line in lines]
    while inner and not inner[0]:
        inner.pop(0)
    while inner and not inner[-1]:
        inner.pop()
    return "" in inner


def _join(lines: list[str]) -> str:
    joined = lines[0]
    for line in lines[1:]:
        glue = "" if _CJK_CHAR.match(joined[-1]) or _CJK_CHAR.match(line[0]) else " "
        joined = f"{joined}{glue}{line}"
    return joined


def join_wrapped(text: str) -> str:
    """One paragraph from text whose lines were wrapped (as inside an HTML <p>)."""
    lines = [line.strip() for line in text.split("\n")]
    lines = [line for line in lines if line]
    return _join(lines) if lines else ""


def _unescape(text: str) -> str:
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    if "&" in text:
        text = html.unescape(text)
    return text
