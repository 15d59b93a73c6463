"""A rebuild digests again only the nodes of its graph that its change may reach
(kg.graph.graph_and_change): the digests it takes over for the others are those a digest of
every node gives, whatever changed (articles edited, added anywhere, removed)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

import tests.test_resolution_memo as random_articles
from kg.graph import graph_and_change
from kg.record_codec import encode_result
from kg.records import Actor, ActorRef, ArticleMeta, DocumentEvents, Meeting, PartialDate, Source
from kg.reuse import GraphDigests, Record, Reuse
from tests.test_resolution_memo import Corpus_, _edit


def many_actors(monkeypatch: pytest.MonkeyPatch, stable: bool) -> None:
    """Random articles among enough people and countries that an edit leaves most of them alone,
    and that a country some people represent comes and goes with the articles that name it.
    stable: every article writes an actor the same way, so that the actors merged again stay as
    they were and only the events change."""
    monkeypatch.setattr(random_articles, "PEOPLE", [f"person:{i:02d}" for i in range(30)])
    monkeypatch.setattr(random_articles, "COUNTRIES", [f"country:{i:02d}" for i in range(40)])
    if stable:
        varied = random_articles._actor

        def same_every_time(_: random.Random, actor_id: str) -> Actor:
            return varied(random.Random(actor_id), actor_id)

        monkeypatch.setattr(random_articles, "_actor", same_every_time)


@pytest.mark.parametrize("stable", [False, True])
@pytest.mark.parametrize("seed", range(8))
def test_the_digests_a_rebuild_takes_over_are_those_it_would_make(
    seed: int, stable: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    many_actors(monkeypatch, stable)
    rng = random.Random(seed)
    before = Corpus_.random(rng, 60)
    corpus, memo, _ = before.resolved(None)
    folder = tmp_path / "0"
    folder.mkdir()
    reuse = Reuse(None, folder, "v1")
    graph, changed = graph_and_change(corpus, reuse)
    assert changed is None  # resolved from scratch: nothing to compare with
    reuse.save()
    record: Record = GraphDigests(graph).record()
    taken_over = []
    for build in range(1, 4):
        after = _edit(rng, before)
        corpus, memo, _ = after.resolved(memo)
        staged = tmp_path / str(build)
        staged.mkdir()
        reuse = Reuse(folder, staged, "v1")
        graph, changed = graph_and_change(corpus, reuse)
        assert changed is not None
        made = GraphDigests(graph, record)
        taken = GraphDigests(graph, record, changed)
        assert taken.nodes == made.nodes
        assert taken.out == made.out
        assert taken.record() == made.record()
        taken_over.append(len(set(graph) - changed))
        reuse.save()
        record, folder, before = made.record(), staged, after
    assert all(taken_over), "every node was digested again: the test tells nothing"


def _two_articles(with_country: bool) -> Corpus_:
    """A meeting of a person of country:y, and, when `with_country`, an article naming country:y."""
    people = {
        "person:p": Actor("person:p", "Person", name_en="P", country="country:y"),
        "person:q": Actor("person:q", "Person", name_en="Q"),
    }
    talks = Meeting(
        "meeting:1",
        [ActorRef("person:p", "P", "Person", role="host"), ActorRef("person:q", "Q", "Person", role="guest")],
        "in_person",
        PartialDate(2024, 4, 21),
        None,
        None,
        [Source("a.md", "P met Q.", 0, 8)],
    )
    stored = {"a.md": encode_result(DocumentEvents(ArticleMeta("a", "a.md", "/a/a.md"), [talks], [], people))}
    if with_country:
        country = {"country:y": Actor("country:y", "Country", name_en="Y")}
        stored["b.md"] = encode_result(DocumentEvents(ArticleMeta("b", "b.md", "/a/b.md"), [], [], country))
    return Corpus_(stored)


def test_a_country_that_goes_takes_the_relationships_of_the_people_it_had_with_it(tmp_path: Path) -> None:
    corpus, memo, _ = _two_articles(with_country=True).resolved(None)
    first, again = tmp_path / "first", tmp_path / "again"
    first.mkdir()
    again.mkdir()
    reuse = Reuse(None, first, "v1")
    graph, _ = graph_and_change(corpus, reuse)
    reuse.save()  # the betweenness of the year, taken over by the rebuild
    record = GraphDigests(graph).record()
    corpus, _, _ = _two_articles(with_country=False).resolved(memo)
    graph, changed = graph_and_change(corpus, Reuse(first, again, "v1"))
    assert changed is not None
    assert "person:p" not in (corpus.change.actors | corpus.change.named)  # type: ignore[union-attr]
    assert "REPRESENTS" not in graph["person:p"].get("country:y", {})
    assert GraphDigests(graph, record, changed).out == GraphDigests(graph, record).out
