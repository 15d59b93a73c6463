"""Every topic of kg/data/topics.yaml is found in each of its example sentences, in Chinese and
in English: a keyword that cannot fire, or a topic a sentence loses to another, fails here."""

from __future__ import annotations

import pytest
import yaml

from kg.resources import data_dir
from kg.topics import TopicVocabulary

RAW = yaml.safe_load((data_dir() / "topics.yaml").read_text(encoding="utf-8"))
CASES = [(topic_id, sentence) for topic_id, entry in RAW.items() for sentence in entry.get("examples") or []]


def test_every_topic_has_an_example_in_each_language() -> None:
    for topic_id, entry in RAW.items():
        examples = entry.get("examples") or []
        assert any(not s.isascii() for s in examples) and any(s.isascii() for s in examples), topic_id


@pytest.mark.parametrize(("topic_id", "sentence"), CASES, ids=[f"{t}:{s[:12]}" for t, s in CASES])
def test_each_example_carries_its_topic(topic_id: str, sentence: str) -> None:
    assert topic_id in TopicVocabulary.load().topics_in(sentence)
