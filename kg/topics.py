"""The topic vocabulary: which topics a sentence is about."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import ahocorasick
import yaml

from kg.records import Topic
from kg.resources import data_dir


@dataclass(frozen=True)
class TopicVocabulary:
    topics: dict[str, Topic]
    _cjk: ahocorasick.Automaton
    _english: re.Pattern[str]
    _english_topics: dict[str, tuple[str, ...]]

    @classmethod
    @cache
    def load(cls) -> TopicVocabulary:
        raw = yaml.safe_load((data_dir() / "topics.yaml").read_text(encoding="utf-8"))
        topics: dict[str, Topic] = {}
        cjk = ahocorasick.Automaton()
        cjk_words: dict[str, list[str]] = {}
        english: dict[str, list[str]] = {}
        for topic_id, entry in raw.items():
            topics[topic_id] = Topic(topic_id, entry["en"], entry["zh"])
            for word in entry["keywords"]:
                if word.isascii():
                    english.setdefault(word.lower(), []).append(topic_id)
                else:
                    cjk_words.setdefault(word, []).append(topic_id)
        for word, ids in cjk_words.items():
            cjk.add_word(word, (word, tuple(ids)))
        cjk.make_automaton()
        words = sorted(english, key=len, reverse=True)
        pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)
        return cls(topics, cjk, pattern, {w: tuple(ids) for w, ids in english.items()})

    def topics_in(self, simplified_text: str) -> list[str]:
        """Topic ids in order of first mention, each once."""
        found: list[tuple[int, str]] = []
        for end, (word, ids) in self._cjk.iter(simplified_text):
            found.extend((end - len(word) + 1, t) for t in ids)
        for m in self._english.finditer(simplified_text):
            found.extend((m.start(), t) for t in self._english_topics[m.group(1).lower()])
        seen: dict[str, None] = {}
        for _, topic_id in sorted(found):
            seen.setdefault(topic_id, None)
        return list(seen)
