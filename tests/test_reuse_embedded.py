"""A rebuild's embedded database is the previous build's, patched by what changed
(kg.backends.ladybug_patch), and holds exactly what a clean build's holds: the same nodes and
relationships with the same properties."""

from __future__ import annotations

import marshal
import shutil
from pathlib import Path
from typing import Any

import networkx as nx

from kg.backends.ladybug import LadybugBackend, open_embedded, write_embedded
from kg.build import build
from kg.cache import output_version
from kg.graph import build_graph
from kg.layout import EMBEDDED
from kg.pipeline import extract_corpus
from kg.reuse import GRAPH_PARTS, GraphDigests, Reuse
from kg.schema import NODES, RELATIONSHIPS
from tests.rebuilds import NEW_ARTICLE as TALKS

TEST_ARTICLES = Path(__file__).resolve().parent / "articles"
CALL = """---
title: "A phone call"
date: 2025-04-02
---

国家主席习近平4月2日同法国总统马克龙通电话。双方同意加强气候变化合作。
"""
TALKS_IN_SHANGHAI = TALKS.replace("在北京", "在上海")
VERSION = "test-version"


def table_rows(backend: LadybugBackend, query: str) -> list[str]:
    return sorted(repr(row) for row in backend.run(query).rows)


def columns(backend: LadybugBackend, table: str) -> list[str]:
    return [str(row[0]) for row in backend.run(f"CALL table_info('{table}') RETURN name").rows]


def contents(out: Path) -> dict[str, list[str]]:
    """Every node and relationship of the build's database with every property, null or not;
    relationships by their ends' ids. The Build node aside: each build has its own id."""
    backend = open_embedded(out)
    try:
        tables: dict[str, list[str]] = {}
        for node in NODES:
            names = ", ".join(f"n.`{name}`" for name in columns(backend, node.label))
            tables[node.label] = table_rows(backend, f"MATCH (n:{node.label}) RETURN {names}")
        for rel in RELATIONSHIPS:
            names = ", ".join(f"r.`{name}`" for name in columns(backend, rel.type))
            for start, end in rel.pairs:
                query = f"MATCH (a:{start})-[r:{rel.type}]->(b:{end}) RETURN a.id, b.id, {names}"
                tables[f"{start}-{rel.type}-{end}"] = table_rows(backend, query)
    finally:
        backend.close()
    return tables


def build_ids(out: Path) -> list[Any]:
    backend = open_embedded(out)
    try:
        return [row[0] for row in backend.run("MATCH (b:Build) RETURN b.id").rows]
    finally:
        backend.close()


def graph_of(folder: Path, articles: dict[str, str]) -> nx.MultiDiGraph:
    folder.mkdir(parents=True)
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    graph = build_graph(extract_corpus([folder]))
    graph.graph["build_id"] = folder.name
    return graph


def patchable(out: Path) -> bool:
    return Reuse(out, out.parent / "next", output_version()).previous_parts(EMBEDDED) is not None


def represented_only(graph: nx.MultiDiGraph, node: str) -> bool:
    """A node whose relationships in are all REPRESENTS (a person's), which an organization has too."""
    into = [d["type"] for *_, d in graph.in_edges(node, data=True)]
    return bool(into) and set(into) == {"REPRESENTS"}


def written(graph: nx.MultiDiGraph, folder: Path, reuse: Reuse | None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    write_embedded(graph, folder, reuse=reuse)
    if reuse is not None:
        reuse.keep_graph_digests(graph)  # what the next build's patch starts from, as a build keeps it
        reuse.save()
    return folder


def test_a_rebuild_is_patched_from_the_database_its_build_left_unless_it_was_written_to(
    tmp_path: Path,
) -> None:
    """Every output of a rebuild against the clean build's: tests/test_rebuild_outputs.py."""
    articles, out, clean = tmp_path / "articles", tmp_path / "out", tmp_path / "clean"
    shutil.copytree(TEST_ARTICLES, articles)
    build([articles], out)
    assert patchable(out), "the database and its parts, as the build left them"
    backend = open_embedded(out, write=True)
    try:
        backend.run("CREATE (:Topic {id: 'topic:written-by-hand', name: 'by hand'})", write=True)
    finally:
        backend.close()
    assert not patchable(out), "the database is no longer the one its parts describe"
    (articles / "talks.md").write_text(TALKS, encoding="utf-8")

    _, again = build([articles], out)
    _, fresh = build([articles], clean, use_cache=False)

    rebuilt = contents(out)
    assert rebuilt == contents(clean)
    assert not any("written-by-hand" in row for row in rebuilt["Topic"])
    assert any("沙伦赛" in row for row in rebuilt["Person"]), "the new article's talks"
    assert build_ids(out) == [again.build_id] and build_ids(clean) == [fresh.build_id]
    assert patchable(out)


def test_a_rebuild_takes_over_the_unchanged_nodes_and_makes_the_changed_ones_again(tmp_path: Path) -> None:
    before = graph_of(tmp_path / "before", {"talks.md": TALKS, "call.md": CALL})
    after = graph_of(tmp_path / "after", {"talks.md": TALKS_IN_SHANGHAI, "call.md": CALL})
    previous = written(before, tmp_path / "P", Reuse(None, tmp_path / "P", VERSION))

    reuse = Reuse(previous, tmp_path / "S", VERSION)
    rebuilt = written(after, tmp_path / "S", reuse)
    clean = written(after, tmp_path / "C", None)

    assert contents(rebuilt) == contents(clean) != contents(previous)
    assert any("上海" in row for row in contents(rebuilt)["Meeting"])
    assert build_ids(rebuilt) == ["after"]
    assert reuse.taken > 0, "the phone call, its people and its agreement are taken over"
    assert 0 < reuse.made < after.number_of_nodes()


def test_a_change_to_a_property_a_relationship_or_a_label_alone_is_patched_in(tmp_path: Path) -> None:
    """Each kind of part changed on its own: a node's properties (text, lists of numbers, an empty
    list), a relationship's properties, a relationship gone, a node's label (its relationships
    move to other tables)."""
    graph = graph_of(tmp_path / "articles", {"talks.md": TALKS, "call.md": CALL})
    previous = written(graph, tmp_path / "P", Reuse(None, tmp_path / "P", VERSION))
    meeting = next(n for n, d in graph.nodes(data=True) if d["label"] == "Meeting")
    graph.nodes[meeting]["date_text"] = "the day before"
    person = next(n for n, d in graph.nodes(data=True) if d["label"] == "Person")
    graph.nodes[person].update(betweenness=[0.125, 0.5], betweenness_years=[2024, 2025], aliases=[])
    start, end, key = next(
        (u, v, k) for u, v, k, d in graph.edges(keys=True, data=True) if d["type"] == "REPORTS"
    )
    graph.edges[start, end, key]["sentence"] = 'A sentence, "quoted", on\ntwo lines.'
    graph.remove_edge(
        *next((u, v, k) for u, v, k, d in graph.edges(keys=True, data=True) if d["type"] == "MET")
    )
    country = next(
        n for n, d in graph.nodes(data=True) if d["label"] == "Country" and represented_only(graph, n)
    )
    graph.nodes[country]["label"] = "Organization"

    reuse = Reuse(previous, tmp_path / "S", VERSION)
    rebuilt = contents(written(graph, tmp_path / "S", reuse))

    assert rebuilt == contents(written(graph, tmp_path / "C", None))
    assert reuse.taken > 0
    assert any("the day before" in row for row in rebuilt["Meeting"])
    assert any(person in row and "[0.125, 0.5]" in row and "[2024, 2025]" in row for row in rebuilt["Person"])
    assert any("two lines" in row for row in rebuilt[f"Article-REPORTS-{graph.nodes[end]['label']}"])
    assert not any(country in row for row in rebuilt["Country"])
    assert any(country in row for row in rebuilt["Organization"])
    assert any(country in row for row in rebuilt["Person-REPRESENTS-Organization"])
    assert len(rebuilt["Person-MET-Person"]) == sum(d["type"] == "MET" for *_, d in graph.edges(data=True))


def test_a_record_of_the_graph_s_digests_not_the_build_s_own_writes_the_database_whole(
    tmp_path: Path,
) -> None:
    """The patch is worked out from the previous build's graph (kg.reuse.GRAPH_PARTS): a record
    that is not the one the build kept (here, that of the graph to write, which would patch
    nothing) is not read."""
    before = graph_of(tmp_path / "before", {"talks.md": TALKS, "call.md": CALL})
    after = graph_of(tmp_path / "after", {"talks.md": TALKS_IN_SHANGHAI, "call.md": CALL})
    previous = written(before, tmp_path / "P", Reuse(None, tmp_path / "P", VERSION))
    (previous / GRAPH_PARTS).write_bytes(marshal.dumps(GraphDigests(after).record(), 2))

    reuse = Reuse(previous, tmp_path / "S", VERSION)
    rebuilt = written(after, tmp_path / "S", reuse)

    assert contents(rebuilt) == contents(written(after, tmp_path / "C", None))
    assert reuse.taken == 0


HUB = "person:xi-jinping"
COUNTERPARTS = ["俄罗斯总统普京", "法国总统马克龙", "白俄罗斯总统卢卡申科", "老挝外长沙伦赛"]


def talks(month: int, day: int, counterpart: str) -> str:
    return (
        f'---\ntitle: "Talks in Beijing"\ndate: 2024-{month:02}-{day:02}\n---\n\n'
        f"国家主席习近平{month}月{day}日在北京同{counterpart}举行会谈。\n"
    )


def stored_relationships(out: Path, start: str) -> dict[str, Any]:
    """The database's own id of each relationship out of `start`, by its end and type: the same
    id in two databases is the same stored relationship, kept, not deleted and made again."""
    backend = open_embedded(out)
    try:
        rows = backend.run("MATCH (a {id: $id})-[r]->(b) RETURN b.id, label(r), ID(r)", {"id": start}).rows
    finally:
        backend.close()
    return {f"{end} {rel_type}": stored_id for end, rel_type, stored_id in rows}


def test_a_new_meeting_of_a_person_with_many_meetings_makes_only_its_own_relationships(
    tmp_path: Path,
) -> None:
    """A head of state in dozens of meetings meets once more: the patch makes the new meeting's
    relationships and keeps the dozens stored, and the database is the clean build's."""
    folder = tmp_path / "articles"
    articles = {
        f"{month:02}-{day}.md": talks(month, day, counterpart)
        for month in range(1, 13)
        for day, counterpart in enumerate(COUNTERPARTS, start=10)
    }
    before = graph_of(folder, articles)
    (folder / "new.md").write_text(talks(12, 28, "法国总统马克龙"), encoding="utf-8")
    after = build_graph(extract_corpus([folder]))
    previous = written(before, tmp_path / "P", Reuse(None, tmp_path / "P", VERSION))

    reuse = Reuse(previous, tmp_path / "S", VERSION)
    rebuilt = written(after, tmp_path / "S", reuse)

    assert contents(rebuilt) == contents(written(after, tmp_path / "C", None))
    kept, now = stored_relationships(previous, HUB), stored_relationships(rebuilt, HUB)
    new_meeting = next(n for n, d in after.nodes(data=True) if d["label"] == "Meeting" and n not in before)
    assert len(kept) > 48 and set(now) == {*kept, f"{new_meeting} PARTICIPATED_IN"}
    assert {name: now[name] for name in kept} == kept, "the hub's relationships stored before are kept"
    assert reuse.made < 20 < reuse.taken
