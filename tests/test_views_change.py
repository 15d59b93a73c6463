"""A rebuild digests again only the events its change may reach (kg.sinks.views.event_digest): the
digests it takes over for the others are those a digest of every event gives, whatever changed."""

from __future__ import annotations

import random
from pathlib import Path

import networkx as nx
import pytest

from kg.graph import build_graph
from kg.records import ArticleMeta, Corpus, CorpusChange
from kg.sinks.views.event_digest import kept_record, shown_events, unchanged_digests
from kg.sinks.views.facts import GraphFacts, GraphWalk, read_facts, walk
from kg.sinks.views.relations import Relations, read_relations
from tests.test_graph_change import many_actors
from tests.test_resolution_memo import Corpus_, _edit


def _read(graph: nx.MultiDiGraph) -> tuple[GraphWalk, GraphFacts, Relations]:
    walked = walk(graph)
    return walked, read_facts(graph, walked), read_relations(graph, walked)


@pytest.mark.parametrize("stable", [False, True])
@pytest.mark.parametrize("seed", range(8))
def test_the_event_digests_a_rebuild_takes_over_are_those_it_would_make(
    seed: int, stable: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    many_actors(monkeypatch, stable)
    rng = random.Random(seed)
    before = Corpus_.random(rng, 60)
    corpus, memo, _ = before.resolved(None)
    walked, facts, relations = _read(build_graph(corpus))
    record = kept_record(shown_events(facts, relations), walked)
    taken_over = []
    for _ in range(3):
        after = _edit(rng, before)
        corpus, memo, _ = after.resolved(memo)
        assert corpus.change is not None
        walked, facts, relations = _read(build_graph(corpus))
        made = shown_events(facts, relations)
        kept = unchanged_digests(record, corpus.change, facts, walked)
        assert shown_events(facts, relations, kept).digests == made.digests
        taken_over.append(len(kept))
        record, before = kept_record(made, walked), after
    assert all(taken_over), "every event was digested again: the test tells nothing"


def test_events_whose_articles_link_elsewhere_are_digested_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Articles given by a relative path link to where the build ran from: the same corpus built
    from another folder shows other links."""
    corpus, _, _ = Corpus_.random(random.Random(1), 10).resolved(None)
    relative = [ArticleMeta(d.id, d.name, f"articles/{d.name}") for d in corpus.documents]
    corpus = Corpus(relative, corpus.actors, corpus.meetings, corpus.agreements, corpus.topics)
    for folder in ("here", "there"):
        (tmp_path / folder).mkdir()
    monkeypatch.chdir(tmp_path / "here")
    walked, facts, relations = _read(build_graph(corpus))
    record = kept_record(shown_events(facts, relations), walked)
    monkeypatch.chdir(tmp_path / "there")
    walked, facts, relations = _read(build_graph(corpus))
    kept = unchanged_digests(record, CorpusChange(), facts, walked)
    made = shown_events(facts, relations)
    assert made.digests != record["digests"]
    assert shown_events(facts, relations, kept).digests == made.digests
