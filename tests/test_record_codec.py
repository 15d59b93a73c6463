"""An article's extraction stored in the cache reads back as the records extraction made; an
entry that is damaged, of another format or of another shape is refused, never half read."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pytest

from kg.ingest import discover_articles
from kg.pipeline import extract_path
from kg.record_codec import RecordFormatError, decode_result, decoder, encode_result, encoder
from kg.records import ActorRef, ArticleMeta, DocumentEvents, Meeting, PartialDate, Skipped, Source
from tests.rebuilds import TEST_ARTICLES


def test_stored_results_read_back_equal(examples_dir: Path) -> None:
    articles, _ = discover_articles([examples_dir, TEST_ARTICLES])
    results = [extract_path(article) for article in articles]
    assert any(isinstance(r, DocumentEvents) and r.meetings and r.agreements for r in results)
    for article, result in zip(articles, results, strict=True):
        assert decode_result(encode_result(result)) == result, article.name
    failure = Skipped("a.txt", "extraction failed: IndexError", traceback="Traceback (most recent call last)")
    assert decode_result(encode_result(failure)) == failure


def talks(sentence: str = "王毅同宋金达举行会谈。", start: int | str = 0) -> DocumentEvents:
    article = ArticleMeta("d1", "talks.md", "articles/talks.md", "王毅会见宋金达", None, PartialDate(2024, 4))
    source = Source("talks.md", sentence, start, len(sentence), "d1", "articles/talks.md")  # type: ignore[arg-type]
    wang, sok = (
        ActorRef("person:wang-yi", "王毅", "Person"),
        ActorRef("person:sok-chenda", "宋金达", "Person"),
    )
    meeting = Meeting("m1", [wang, sok], "in_person", PartialDate(2024, 4, 21), "4月21日", None, [source])
    return DocumentEvents(article, [meeting], [], {})


def test_the_records_read_back_are_new_ones_the_resolver_may_change() -> None:
    stored = encode_result(talks())
    first, second = decode_result(stored), decode_result(stored)
    assert isinstance(first, DocumentEvents) and isinstance(second, DocumentEvents)
    first.meetings[0].sources.append(first.meetings[0].sources[0])
    first.meetings[0].participants.pop()
    assert second == talks() and first != second
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.meetings[0].sources[0].start = 3  # type: ignore[misc]


def test_a_long_article_reads_back_whole() -> None:
    sentence = "双方同意加强执法安全合作，共同打击跨境电信诈骗。" * 4000
    result = talks(sentence)
    stored = encode_result(result)
    assert decode_result(stored) == result
    assert len(stored) < len(sentence.encode("utf-8")) / 10, "so repetitive a text is stored compressed"


def test_a_damaged_or_foreign_entry_is_refused() -> None:
    stored = encode_result(talks())
    for damaged in (
        stored[: len(stored) // 2],  # cut short
        stored[:-1] + bytes([stored[-1] ^ 0x40]),  # one bit gone bad
        b"",
        b'\x1f\x8b\x08\x00{"kind": "events"}',  # another format
        stored.replace("宋金达".encode(), "宋金達".encode()),
    ):
        with pytest.raises(RecordFormatError):
            decode_result(damaged)


def test_a_stored_value_of_the_wrong_type_is_refused() -> None:
    stored = encode_result(talks(start="0"))  # a record no extraction makes: a str for an offset
    with pytest.raises(RecordFormatError, match="Source"):
        decode_result(stored)


@dataclass(frozen=True)
class Reading:
    value: float
    unit: Literal["km", "mi"]
    exact: bool = False


@dataclass
class Survey:
    """Every kind of field the stored form knows, in records of their own."""

    name: str
    readings: tuple[Reading, ...]
    by_place: dict[str, list[Reading | None]]
    notes: list[str]
    tags: dict[str, str]
    first: Reading | None = None
    count: int | None = None


def test_each_kind_of_field_reads_back() -> None:
    near, far = Reading(1, "km", exact=True), Reading(2.5, "mi")
    survey = Survey("s", (near, far), {"a": [near, None], "b": []}, ["x", "y"], {"k": "v"}, far, 3)
    plain = encoder(Survey)(survey, {}.setdefault)
    back = decoder(Survey)(plain)
    assert back == survey and type(back.readings) is tuple and back.readings[0].exact is True
    empty = Survey("", (), {}, [], {})
    assert decoder(Survey)(encoder(Survey)(empty, {}.setdefault)) == empty


@pytest.mark.parametrize(
    "change",
    [
        lambda plain: (plain[0], plain[1], {"a": [("1", "km", False)]}, *plain[3:]),  # str for a float
        lambda plain: (plain[0], plain[1], {"a": [(1.0, "yd", False)]}, *plain[3:]),  # not a unit
        lambda plain: (plain[0], plain[1], {"a": [(1.0, "km", 1)]}, *plain[3:]),  # an int for a bool
        lambda plain: (*plain[:3], ["x", 2], *plain[4:]),
        lambda plain: (*plain[:4], {3: "v"}, *plain[5:]),
        lambda plain: (*plain[:5], [2.5, "mi", False], plain[6]),  # a list for a record
        lambda plain: plain[:-1],
        lambda plain: list(plain),
    ],
)
def test_a_plain_value_that_does_not_fit_its_type_is_refused(change) -> None:  # type: ignore[no-untyped-def]
    survey = Survey("s", (Reading(1.5, "km"),), {"a": []}, ["x"], {"k": "v"}, Reading(2.5, "mi"), 3)
    plain = encoder(Survey)(survey, {}.setdefault)
    with pytest.raises(RecordFormatError):
        decoder(Survey)(change(plain))
