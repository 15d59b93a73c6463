"""A rebuild's graph.ttl and graph.json take over the previous build's text of every node that did
not change (kg.sinks.pieces) and are, byte for byte, what a clean build writes."""

from __future__ import annotations

import json
import os
import random
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph

from kg.graph import build_graph
from kg.layout import BuildLayout
from kg.pipeline import extract_corpus
from kg.reuse import Reuse
from kg.sinks.node_link import write_graph_json
from kg.sinks.rdf import write_rdf
from tests.rebuilds import rebuilt_and_clean
from tests.test_cache import NEW_ARTICLE as TALKS

CALL = """---
title: "A phone call"
date: 2025-04-02
---

国家主席习近平4月2日同法国总统马克龙通电话。
"""
SECOND_REPORT = """---
title: "Talks in Beijing"
date: 2025-03-05
---

3月5日，王毅在北京与沙伦赛举行会谈。
"""
VERSION = "test-version"


def graph_of(folder: Path, articles: dict[str, str]) -> nx.MultiDiGraph:
    folder.mkdir(parents=True)
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    return build_graph(extract_corpus([folder]))


def write_both(graph: nx.MultiDiGraph, folder: Path, reuse: Reuse | None) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    write_rdf(graph, folder / "graph.ttl", "ttl", reuse=reuse)
    write_graph_json(graph, folder / "graph.json", reuse)
    if reuse is not None:
        reuse.keep_graph_digests(graph)  # what the next build's digests start from, as a build keeps them
        reuse.save()


def without_build_id(path: Path) -> dict[str, object]:
    document = json.loads(path.read_text(encoding="utf-8"))
    document["graph"].pop("build_id", None)
    return document


def test_a_rebuild_after_one_article_changed_writes_the_clean_build_s_rdf_and_graph(
    tmp_path: Path, examples_dir: Path
) -> None:
    out, clean, again, _ = rebuilt_and_clean(tmp_path, examples_dir)

    rebuilt, fresh = BuildLayout(out), BuildLayout(clean)
    assert rebuilt.rdf.read_bytes() == fresh.rdf.read_bytes()
    assert without_build_id(rebuilt.graph) == without_build_id(fresh.graph)
    assert rebuilt.events.read_bytes() == fresh.events.read_bytes()
    assert b"Tokayev" in rebuilt.rdf.read_bytes(), "the changed article's new meeting"
    assert again.reused > 0
    assert len(Graph().parse(rebuilt.rdf, format="turtle")) > 0


def test_a_second_report_of_the_same_talks_remakes_the_meeting_and_takes_over_the_rest(
    tmp_path: Path,
) -> None:
    """The meeting node itself does not change when a second article reports it: only an edge
    into it does. Its RDF (its sources) must be made again all the same."""
    before = graph_of(tmp_path / "before", {"talks.md": TALKS, "call.md": CALL})
    after = graph_of(tmp_path / "after", {"talks.md": TALKS, "call.md": CALL, "second.md": SECOND_REPORT})
    meeting = next(n for n, d in after.nodes(data=True) if d["label"] == "Meeting" and "Wang Yi" in d["name"])
    assert before.nodes[meeting] == after.nodes[meeting], "the same meeting, merged from two reports"

    previous, rebuilt, clean = tmp_path / "P", tmp_path / "S", tmp_path / "C"
    write_both(before, previous, Reuse(None, previous, VERSION))
    reuse = Reuse(previous, rebuilt, VERSION)
    write_both(after, rebuilt, reuse)
    write_both(after, clean, None)

    assert (rebuilt / "graph.ttl").read_bytes() == (clean / "graph.ttl").read_bytes()
    assert (rebuilt / "graph.json").read_bytes() == (clean / "graph.json").read_bytes()
    assert reuse.taken > 0 and reuse.made > 0, "the phone call is taken over, the talks made again"
    sources = {
        str(o)
        for s, p, o in Graph().parse(rebuilt / "graph.ttl", format="turtle")
        if str(s).endswith(meeting.replace(":", "/")) and str(p).endswith("wasDerivedFrom")
    }
    assert len(sources) == 2 and any("second.md" in source for source in sources)


def test_a_rebuild_of_the_same_graph_takes_everything_over_and_another_version_nothing(
    tmp_path: Path,
) -> None:
    graph = graph_of(tmp_path / "articles", {"talks.md": TALKS, "call.md": CALL})
    first, same, other = tmp_path / "first", tmp_path / "same", tmp_path / "other"
    write_both(graph, first, Reuse(None, first, VERSION))

    unchanged = Reuse(first, same, VERSION)
    write_both(graph, same, unchanged)
    changed_code = Reuse(first, other, "another-version")
    write_both(graph, other, changed_code)

    assert unchanged.taken > 0 and unchanged.made == 0
    assert changed_code.taken == 0 and changed_code.made > 0
    for name in ("graph.ttl", "graph.json"):
        assert (same / name).read_bytes() == (first / name).read_bytes() == (other / name).read_bytes()


def test_a_previous_file_changed_after_its_build_is_not_taken_over(tmp_path: Path) -> None:
    """`kg export --format ttl` writes graph.ttl into the build folder: its pieces no longer describe it."""
    before = graph_of(tmp_path / "before", {"talks.md": TALKS})
    after = graph_of(tmp_path / "after", {"talks.md": TALKS, "call.md": CALL})
    previous, rebuilt, clean = tmp_path / "P", tmp_path / "S", tmp_path / "C"
    write_both(before, previous, Reuse(None, previous, VERSION))
    write_rdf(after, previous / "graph.ttl", "ttl")

    reuse = Reuse(previous, rebuilt, VERSION)
    write_both(before, rebuilt, reuse)
    write_both(before, clean, None)

    assert (rebuilt / "graph.ttl").read_bytes() == (clean / "graph.ttl").read_bytes()
    assert b"Macron" not in (rebuilt / "graph.ttl").read_bytes()
    assert reuse.taken > 0, "graph.json, which did not change, is taken over"


def test_a_previous_file_edited_in_place_at_its_size_is_not_taken_over(tmp_path: Path) -> None:
    """An edit that keeps the file's size (and so its pieces' sizes): only the seal's time tells."""
    graph = graph_of(tmp_path / "articles", {"talks.md": TALKS})
    previous, rebuilt = tmp_path / "P", tmp_path / "S"
    write_both(graph, previous, Reuse(None, previous, VERSION))
    ttl = previous / "graph.ttl"
    text = ttl.read_bytes()
    assert b"Wang Yi" in text
    ttl.write_bytes(text.replace(b"Wang Yi", b"WANG YI"))
    status = ttl.stat()
    os.utime(ttl, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000_000))

    reuse = Reuse(previous, rebuilt, VERSION)
    write_both(graph, rebuilt, reuse)

    assert b"WANG YI" not in (rebuilt / "graph.ttl").read_bytes()
    assert (rebuilt / "graph.ttl").read_bytes() == text


def reported_again(graph: nx.MultiDiGraph, article: str, meeting: str) -> None:
    graph.edges[article, meeting, "REPORTS:0"]["sentence"] += "（另据报道）"


def attended_by_nobody_else(graph: nx.MultiDiGraph, article: str, meeting: str) -> None:
    person = next(start for start in graph.predecessors(meeting) if graph.nodes[start]["label"] == "Person")
    graph.remove_edge(person, meeting, "PARTICIPATED_IN")


def reported_by_nobody(graph: nx.MultiDiGraph, article: str, meeting: str) -> None:
    graph.remove_node(article)


@pytest.mark.parametrize("change", [reported_again, attended_by_nobody_else, reported_by_nobody])
def test_a_node_whose_relationships_in_alone_changed_is_made_again(
    tmp_path: Path, change: Callable[[nx.MultiDiGraph, str, str], None]
) -> None:
    """A meeting's subjects show its relationships in (who took part, which sentence reports it):
    changed, gone, or gone with their start, they are digested again, not taken from the previous
    build's digests."""
    graph = graph_of(tmp_path / "articles", {"talks.md": TALKS, "call.md": CALL})
    previous, rebuilt, clean = tmp_path / "P", tmp_path / "S", tmp_path / "C"
    write_both(graph, previous, Reuse(None, previous, VERSION))
    meeting = next(node for node, data in graph.nodes(data=True) if data["label"] == "Meeting")
    article = next(start for start in graph.predecessors(meeting) if start.startswith("article:"))
    change(graph, article, meeting)

    reuse = Reuse(previous, rebuilt, VERSION)
    write_both(graph, rebuilt, reuse)
    write_both(graph, clean, None)

    assert (rebuilt / "graph.ttl").read_bytes() == (clean / "graph.ttl").read_bytes()
    assert (rebuilt / "graph.ttl").read_bytes() != (previous / "graph.ttl").read_bytes()
    assert reuse.taken > 0, "the phone call, which did not change"


@pytest.mark.parametrize("seed", range(8))
def test_a_rebuild_that_makes_most_nodes_again_writes_the_clean_build_s_rdf(
    tmp_path: Path, seed: int
) -> None:
    """Most chunks made again, some of new subjects, among runs of chunks taken over: each made
    chunk is placed by a gallop from the one before, each run taken between those passed over."""
    graph = graph_of(tmp_path / "articles", {"talks.md": TALKS, "call.md": CALL, "second.md": SECOND_REPORT})
    previous, rebuilt, clean = tmp_path / "P", tmp_path / "S", tmp_path / "C"
    write_both(graph, previous, Reuse(None, previous, VERSION))
    rng = random.Random(seed)
    nodes = sorted(graph.nodes)
    for node in rng.sample(nodes, int(len(nodes) * rng.choice([0.5, 0.8, 1.0]))):
        graph.nodes[node]["name"] = f"{graph.nodes[node].get('name')} (renamed)"
    for node in rng.sample(nodes, len(nodes) // 3):  # new subjects, between the old ones
        graph.add_node(f"{node}0", **{**graph.nodes[node], "id": f"{node}0"})
    reuse = Reuse(previous, rebuilt, VERSION)
    write_both(graph, rebuilt, reuse)
    write_both(graph, clean, None)
    assert (rebuilt / "graph.ttl").read_bytes() == (clean / "graph.ttl").read_bytes()
    assert reuse.made > 0
