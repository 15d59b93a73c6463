"""Name forms and a longest-match Aho-Corasick matcher, shared by the actor dictionary and the gazetteer.

Text is matched as the normalizer gives it: converted to simplified Chinese character for character,
so offsets are those of the original. English names match case-insensitively on word boundaries,
except that a capitalized name needs a capital in the text (Turkey, not turkey) and an acronym
needs its exact case (US, not us).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Generic, TypeVar

import ahocorasick
import opencc

V = TypeVar("V")

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_DOT_VARIANTS = ("·", "•", "‧", "・", "")
_DOTS = str.maketrans({"•": "·", "‧": "·", "・": "·", "･": "·", "⋅": "·", "∙": "·", "．": "·"})
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    return str(_converter("t2s").convert(text))


@lru_cache(maxsize=4096)
def simplified_name(name: str) -> str:
    """to_simplified for a name or a title: the same few recur in every article, and each
    conversion costs OpenCC microseconds."""
    return to_simplified(name)


def to_traditional(text: str) -> str:
    return str(_converter("s2t").convert(text))


def is_cjk(text: str) -> bool:
    return _CJK.search(text) is not None


def name_key(name: str) -> str:
    """The form names are compared in: simplified Chinese with one kind of middle dot, English lower-case."""
    text = unicodedata.normalize("NFKC", name).translate(_APOSTROPHES).strip()
    if is_cjk(text):
        return re.sub(r"\s+", "", to_simplified(text.translate(_DOTS)))
    return " ".join(text.lower().split())


def lower_same_length(text: str) -> str:
    """Lower-case without changing offsets (str.lower turns 'İ' into two characters)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def scripts_of(form: str) -> list[str]:
    """The spellings of one name a text may contain: as given, simplified, with any middle dot."""
    if not is_cjk(form):
        return [form]
    variants = dict.fromkeys([form, to_simplified(form)])
    for v in list(variants):
        if "·" in v.translate(_DOTS):
            for dot in _DOT_VARIANTS:
                variants[v.translate(_DOTS).replace("·", dot)] = None
    return list(variants)


_WORD_CHARS = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
"""The ASCII letters and digits: a name starting or ending with one needs a word boundary there."""


def _word_char(c: str) -> bool:
    return c in _WORD_CHARS


@dataclass(frozen=True)
class _Entry(Generic[V]):
    form: str
    value: V
    cased: bool
    exact: bool
    span: tuple[int, int]

    @property
    def checks(self) -> tuple[bool, bool, bool]:
        """Whether a match needs a word boundary before it, one after it, or its case checked:
        worked out once, at build time, for the matching loop that runs over every hit."""
        return _word_char(self.form[0]), _word_char(self.form[-1]), self.exact or self.cased


class NameMatcher(Generic[V]):
    """Longest non-overlapping matches of many names in one pass."""

    def __init__(self) -> None:
        self._entries: dict[str, _Entry[V]] = {}
        self._blocked: dict[str, list[tuple[str, int]]] = {}
        self._automaton = ahocorasick.Automaton()

    def add(
        self, form: str, value: V, *, cased: bool = False, exact: bool = False, replace: bool = False
    ) -> None:
        """`form` may bracket the part that is the name: '在[京]' matches 在京 and reports 京."""
        bare = form.replace("[", "").replace("]", "")
        span = (form.index("["), form.index("]") - 1) if "[" in form else (0, len(bare))
        key = lower_same_length(bare)
        if key and (replace or key not in self._entries):
            self._entries[key] = _Entry(bare, value, cased, exact, span)

    def block_context(self, context: str) -> None:
        """No name starting at the bracketed point of this context counts: 请[柬], 增[加纳]."""
        offset = context.index("[") if "[" in context else 0
        bare = context.replace("[", "").replace("]", "")
        self._blocked.setdefault(bare[offset], []).append((bare, offset))

    def build(self) -> None:
        for key, entry in self._entries.items():
            self._automaton.add_word(key, (len(key), entry, *entry.checks))
        if self._entries:
            self._automaton.make_automaton()

    def is_blocked(self, text: str, start: int) -> bool:
        for context, offset in self._blocked.get(text[start], ()):
            if start >= offset and text.startswith(context, start - offset):
                return True
        return False

    def candidates(self, text: str, lowered: str) -> list[tuple[int, int, _Entry[V]]]:
        if not self._entries:
            return []
        found = []
        blocked = self._blocked
        size = len(text)
        # The checks of _accepts, inlined: this loop runs for every name hit of every article.
        for last, (length, entry, bound_before, bound_after, checked) in self._automaton.iter(lowered):
            end = last + 1
            start = end - length
            if bound_before and start > 0 and text[start - 1] in _WORD_CHARS:
                continue
            if bound_after and end < size and text[end] in _WORD_CHARS:
                continue
            if checked and not self._case_ok(text, start, end, entry):
                continue
            at = start + entry.span[0]
            if text[at] in blocked and self.is_blocked(text, at):
                continue
            found.append((start, end, entry))
        return found

    def longest(self, text: str, lowered: str | None = None) -> list[tuple[int, int, V]]:
        found = self.candidates(text, lowered if lowered is not None else lower_same_length(text))
        found.sort(key=lambda c: (c[0] - c[1], c[0]))
        taken = bytearray(len(text))
        chosen = []
        for start, end, entry in found:
            if taken.find(1, start, end) < 0:  # no longer name took any of its characters
                taken[start:end] = b"\x01" * (end - start)
                chosen.append((start + entry.span[0], start + entry.span[1], entry.value))
        chosen.sort(key=lambda c: c[0])
        return chosen

    @staticmethod
    def _case_ok(text: str, start: int, end: int, entry: _Entry[V]) -> bool:
        if entry.exact and text[start:end] != entry.form:
            return False
        return not (entry.cased and not text[start].isupper())
