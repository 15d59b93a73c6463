"""The level of an official (head of state or government, minister, other) read from titles.

The words live in kg/data/levels.yaml, with the rules of reading them; this module only matches
them: a title is cut into offices, each office matched leftmost-longest in simplified Chinese and
lower case and named by its head word, and the highest level among the offices wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import yaml

from kg.normalize import to_simplified
from kg.resources import data_dir

OTHER = "other"
_CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class Levels:
    order: tuple[str, ...]
    """Level ids, highest first; the last is `other`."""
    labels: dict[str, str]
    _pattern: re.Pattern[str]
    _joiners: re.Pattern[str]
    _level_of: dict[str, str]

    @classmethod
    @cache
    def load(cls) -> Levels:
        raw = yaml.safe_load((data_dir() / "levels.yaml").read_text(encoding="utf-8"))
        level_of = {
            to_simplified(word).lower(): level
            for level, entry in raw["levels"].items()
            for word in entry["words"]
        }
        words = sorted(level_of, key=len, reverse=True)
        former = sorted((to_simplified(w).lower() for w in raw["former"]), key=len, reverse=True)
        pattern = re.compile(
            f"(?P<former>(?:{'|'.join(map(re.escape, former))})\\s*)?"
            f"(?P<word>{'|'.join(map(re.escape, words))})"
        )
        order = tuple(raw["levels"])
        if order[-1] != OTHER:
            raise ValueError("levels.yaml: `other` must be the last level")
        labels = {level: str(entry["label"]) for level, entry in raw["levels"].items()}
        joiners = re.compile("|".join(re.escape(to_simplified(j).lower()) for j in raw["joiners"]))
        return cls(order, labels, pattern, joiners, level_of)

    def of_title(self, title: str | None) -> str:
        if not title:
            return OTHER
        text = to_simplified(title).lower()
        return self.highest(self._office_level(office) for office in self._joiners.split(text))

    def _office_level(self, office: str) -> str:
        matches = list(self._pattern.finditer(office))
        if not matches:
            return OTHER
        head = matches[-1] if _CJK.search(office) else matches[0]
        return OTHER if head["former"] else self._level_of[head["word"]]

    def of_titles(self, titles: Iterable[str | None]) -> str:
        return self.highest(self.of_title(t) for t in titles)

    def highest(self, levels: Iterable[str]) -> str:
        ranks = [self.order.index(level) for level in levels]
        return self.order[min(ranks)] if ranks else OTHER
