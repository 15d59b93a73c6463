"""kg.reuse: a build takes over from the build it replaces exactly the parts made of the same
inputs by the same code, and makes the others again."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

import kg.graph
from kg.brokers import year_betweenness, year_pairs
from kg.graph import build_graph
from kg.graph import principals as graph_principals
from kg.records import Corpus
from kg.reuse import Reuse, digest
from tests.sample_corpus import sample_corpus


def finished(reuse: Reuse) -> Path:
    reuse.save()
    return reuse.staged


def test_digests_are_equal_for_equal_values_and_differ_otherwise() -> None:
    meeting = {"id": "meeting:1", "people": ["person:a", "person:b"], "date": "2024-04-21"}
    assert digest(meeting) == digest(dict(meeting)) == digest({**meeting})
    assert digest(meeting) != digest({**meeting, "date": "2024-04-22"})
    assert digest(["a", "b"]) != digest(["b", "a"]), "order counts"
    assert digest(1) != digest(1.0) != digest("1")


def test_a_file_made_of_the_same_inputs_is_linked_from_the_previous_build(tmp_path: Path) -> None:
    first = Reuse(None, tmp_path / "one", "v1")
    (tmp_path / "one" / "ego").mkdir(parents=True)
    for name in ("a", "b"):
        assert not first.link(f"ego/{name}.html", digest(name))
        (tmp_path / "one" / "ego" / f"{name}.html").write_text(f"page {name}", encoding="utf-8")
    second = Reuse(finished(first), tmp_path / "two", "v1")
    assert second.link("ego/a.html", digest("a"))
    assert not second.link("ego/b.html", digest("b, changed")), "another digest: made again"
    assert (tmp_path / "two" / "ego" / "a.html").read_text(encoding="utf-8") == "page a"
    assert not (tmp_path / "two" / "ego" / "b.html").exists()
    assert (second.taken, second.made) == (1, 1)


def test_a_figure_is_computed_again_only_when_its_inputs_or_the_code_changed(tmp_path: Path) -> None:
    computed: list[str] = []

    def compute(value: str) -> dict[str, float]:
        computed.append(value)
        return {"person:a": 0.25}

    first = Reuse(None, tmp_path / "one", "v1")
    first.staged.mkdir()
    assert first.remember("betweenness:2024", "graph 1", lambda: compute("1")) == {"person:a": 0.25}
    second = Reuse(finished(first), tmp_path / "two", "v1")
    second.staged.mkdir()
    assert second.remember("betweenness:2024", "graph 1", lambda: compute("again")) == {"person:a": 0.25}
    assert computed == ["1"], "the same inputs: taken over"
    third = Reuse(finished(second), tmp_path / "three", "v1")
    third.remember("betweenness:2024", "graph 2", lambda: compute("2"))
    other_code = Reuse(finished(second), tmp_path / "four", "v2")
    other_code.remember("betweenness:2024", "graph 1", lambda: compute("v2"))
    assert computed == ["1", "2", "v2"]


def test_a_kept_record_is_read_back_only_whole_and_by_the_same_code(tmp_path: Path) -> None:
    first = Reuse(None, tmp_path / "one", "v1")
    first.keep_record("views.parts", {"digests": {"meeting:1": "ab"}, "links": {}})
    assert first.had("views.parts", "") is False  # a record is not a remembered figure
    second = Reuse(finished(first), tmp_path / "two", "v1")
    assert second.previous_record("views.parts") == {"digests": {"meeting:1": "ab"}, "links": {}}
    assert second.previous_record("graph.parts") is None, "never kept"
    assert Reuse(first.staged, tmp_path / "three", "v2").previous_record("views.parts") is None
    (first.staged / "views.parts").write_bytes(b"\x00damaged")
    assert Reuse(first.staged, tmp_path / "four", "v1").previous_record("views.parts") is None


def test_a_damaged_record_takes_nothing_over(tmp_path: Path) -> None:
    first = Reuse(None, tmp_path / "one", "v1")
    first.staged.mkdir()
    first.remember("figure", "inputs", lambda: 1)
    (finished(first) / "reuse.json").write_text("{not json", encoding="utf-8")
    second = Reuse(first.staged, tmp_path / "two", "v1")
    assert second.remember("figure", "inputs", lambda: 2) == 2
    assert not second.link("ego/a.html", digest("a"))


def test_a_year_s_betweenness_is_computed_again_only_when_its_meetings_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def people(corpus: Corpus) -> dict[int, list[tuple[str, str]]]:
        persons = {a for a, actor in corpus.actors.items() if actor.type == "Person"}
        return year_pairs(corpus.meetings, lambda m: {p.id for p in graph_principals(m)} & persons)

    def betweenness(graph: nx.MultiDiGraph) -> dict[str, tuple[list[int], list[float]]]:
        persons = [(n, d) for n, d in graph.nodes(data=True) if d["label"] == "Person"]
        return {n: (d["betweenness_years"], d["betweenness"]) for n, d in persons}

    before, after = sample_corpus(), sample_corpus(changed=True)
    first = Reuse(None, tmp_path / "one", "v1")
    first.staged.mkdir()
    build_graph(before, first)
    computed: list[int] = []

    def counted(year: int, pairs: list[tuple[str, str]]) -> dict[str, float]:
        computed.append(year)
        return year_betweenness(year, pairs)

    monkeypatch.setattr(kg.graph, "year_betweenness", counted)
    again = build_graph(sample_corpus(changed=True), Reuse(finished(first), tmp_path / "two", "v1"))
    old, new = people(before), people(after)
    assert computed == sorted(year for year in new if old.get(year) != new[year])
    assert betweenness(again) == betweenness(build_graph(after)) != {}
