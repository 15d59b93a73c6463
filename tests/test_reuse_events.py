"""A rebuild's events.jsonl takes over the line of every event whose record and whose actors' names
did not change (kg.sinks.jsonl.write_events) and is, byte for byte, what a clean build writes."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import fields, is_dataclass, replace
from pathlib import Path
from typing import Any

import pytest

from kg.pipeline import extract_corpus
from kg.records import Actor, Corpus
from kg.reuse import Reuse
from kg.sinks.jsonl import _event_dict, _EventDigests, dumps, write_events
from tests.rebuilds import NEW_ARTICLE as LAO_TALKS
from tests.test_reuse_rdf import SECOND_REPORT

TALKS = """---
title: "Talks in Beijing"
date: 2025-03-05
---

外交部长王毅3月5日在北京同斐济副总理兼外长卡米卡米察举行会谈。双方同意加强打击电信诈骗合作。
"""
CALL = """---
title: "A phone call"
date: 2025-04-02
---

国家主席习近平4月2日同法国总统马克龙通电话。
"""
VERSION = "test-version"
FIJIAN = "person:卡米卡米察"


def corpus_of(folder: Path, articles: dict[str, str]) -> Corpus:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    return extract_corpus([folder])


def write(corpus: Corpus, folder: Path, reuse: Reuse) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    write_events(corpus.meetings, corpus.agreements, corpus.actors, folder / "events.jsonl", reuse)
    reuse.save()
    return folder / "events.jsonl"


def rebuilt_and_clean(tmp_path: Path, before: Corpus, after: Callable[[], Corpus]) -> tuple[str, str, Reuse]:
    """events.jsonl of the corpus `after()` gives, rebuilt from that of `before`, and written clean."""
    previous, rebuilt, clean = tmp_path / "P", tmp_path / "S", tmp_path / "C"
    write(before, previous, Reuse(None, previous, VERSION))
    corpus = after()
    reuse = Reuse(previous, rebuilt, VERSION)
    rebuilt_text = write(corpus, rebuilt, reuse).read_text(encoding="utf-8")
    return rebuilt_text, write(corpus, clean, Reuse(None, clean, "")).read_text(encoding="utf-8"), reuse


def named_in_english(corpus: Corpus) -> Corpus:
    corpus.actors[FIJIAN].name_en = "Manoa Kamikamica"
    return corpus


def another_alias(corpus: Corpus) -> Corpus:
    corpus.actors[FIJIAN].aliases.append("Kamikamica")
    return corpus


def country_renamed(corpus: Corpus) -> Corpus:
    fiji = corpus.actors[str(corpus.actors[FIJIAN].country)]
    corpus.actors[fiji.id] = Actor(**{**vars(fiji), "name_en": "Republic of Fiji"})
    return corpus


@pytest.mark.parametrize(
    ("change", "made"),
    [
        (named_in_english, 1),  # the talks name him; their agreement names China and Fiji
        (another_alias, 1),
        (country_renamed, 2),  # the talks show his country's name, the agreement names Fiji
    ],
)
def test_a_line_is_made_again_when_a_name_it_shows_of_an_actor_changed(
    tmp_path: Path, change: Callable[[Corpus], Corpus], made: int
) -> None:
    """The events themselves are unchanged: only what their lines show of the Fijian minister."""
    corpus = corpus_of(tmp_path / "articles", {"talks.md": TALKS, "call.md": CALL})
    assert FIJIAN in corpus.actors, "a minister the dictionary does not know, found after his title"
    rebuilt, clean, reuse = rebuilt_and_clean(tmp_path, corpus, lambda: change(corpus))

    assert rebuilt == clean
    assert (reuse.made, reuse.taken) == (made, 3 - made), "the call, which names no Fijian, is taken over"


def test_a_rebuild_takes_over_the_lines_of_unchanged_events_and_makes_the_new_ones(tmp_path: Path) -> None:
    before = corpus_of(tmp_path / "articles", {"talks.md": TALKS})
    rebuilt, clean, reuse = rebuilt_and_clean(
        tmp_path, before, lambda: corpus_of(tmp_path / "articles", {"call.md": CALL})
    )

    assert rebuilt == clean
    assert (reuse.taken, reuse.made) == (2, 1), "the talks and their agreement taken over, the call made"
    lines = [json.loads(line) for line in rebuilt.splitlines()]
    assert [event["kind"] for event in lines] == ["meeting", "meeting", "agreement"]
    assert any("Emmanuel Macron" in str(event["participants"]) for event in lines)


def test_a_second_report_of_the_same_talks_makes_their_line_again(tmp_path: Path) -> None:
    """The meeting is the same, merged from two reports: only its sources changed."""
    first = corpus_of(tmp_path / "articles", {"talks.md": LAO_TALKS})
    rebuilt, clean, reuse = rebuilt_and_clean(
        tmp_path, first, lambda: corpus_of(tmp_path / "articles", {"second.md": SECOND_REPORT})
    )

    assert rebuilt == clean
    meeting = json.loads(rebuilt.splitlines()[0])
    assert [m.id for m in first.meetings] == [meeting["id"]], "one meeting, reported twice"
    assert sorted(source["doc"] for source in meeting["sources"]) == ["second.md", "talks.md"]
    assert reuse.made >= 1


def other_values(value: Any) -> list[Any]:
    """Values unlike `value` to put in its field (None: a text, or a number where text does not do)."""
    if isinstance(value, bool):
        return [not value]
    if isinstance(value, int):
        return [value + 1]
    if isinstance(value, str):
        return [value + "·"]
    if isinstance(value, list):
        return [[*value, value[0]] if value else ["·"]]
    return ["·", 1]


def changed_records(record: Any) -> Iterator[tuple[str, Any]]:
    """The record with one field changed, for every field and every field of the records it holds
    (of the first of a list of records): named by the field's path."""
    for field in fields(record):
        value = getattr(record, field.name)
        if is_dataclass(value):
            for path, inner in changed_records(value):
                yield f"{field.name}.{path}", replace(record, **{field.name: inner})
        elif isinstance(value, list) and value and is_dataclass(value[0]):
            for path, inner in changed_records(value[0]):
                yield f"{field.name}[0].{path}", replace(record, **{field.name: [inner, *value[1:]]})
            yield f"{field.name}+", replace(record, **{field.name: [*value, value[0]]})
        else:
            for other in other_values(value):
                yield field.name, replace(record, **{field.name: other})


def test_a_change_to_any_field_of_an_event_its_line_shows_changes_the_line_s_digest(tmp_path: Path) -> None:
    """The digest covers what the line shows, and only that: a field a new version shows and the
    digest left out fails here."""
    corpus = corpus_of(tmp_path / "articles", {"talks.md": TALKS})
    digest = _EventDigests(corpus.actors, {})
    shown = 0
    for event in [*corpus.meetings, *corpus.agreements]:
        line, made_of = dumps(_event_dict(event, corpus.actors)), digest(event)
        for path, changed in changed_records(event):
            try:
                changed_line = dumps(_event_dict(changed, corpus.actors))
            except (AttributeError, TypeError, ValueError):  # a value of no use to the field
                continue
            if changed_line != line:
                shown += 1
                assert digest(changed) != made_of, f"{type(event).__name__}.{path} is shown, not digested"
    assert shown > 30, "every field the lines show was changed"
