"""The HTML views as files: what gets written, what it links to, what a hostile article can do to it.
(What the pages do in a browser is in test_views_browser.py.)"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli.app import app
from kg.graph import build_graph
from kg.sinks.node_link import write_graph_json
from kg.sinks.views import UnknownName, write_filtered_view, write_views
from kg.sinks.views.index import ego_file_name
from kg.sinks.views.layout import force_layout
from kg.sinks.views.render import script_json
from kg.sinks.views.select import date_in_range
from tests.view_pages import page_data
from tests.view_sample import HOSTILE_NAME, HOSTILE_SENTENCE, HOSTILE_TITLE, sample_graph, synthetic_corpus


@pytest.fixture
def graph(tmp_path):
    return sample_graph(tmp_path / "articles")


def test_write_views_writes_index_network_agreements_and_one_ego_view_per_actor_with_meetings(
    graph, tmp_path
):
    index = write_views(graph, tmp_path / "out")
    assert index == tmp_path / "out" / "views" / "index.html"
    html = index.read_text(encoding="utf-8")
    links = re.findall(r'href="([^"]+)"', html)
    assert "network.html" in links and "agreements.html" in links
    people_with_meetings = {u for u, _, d in graph.edges(data=True) if d["type"] == "PARTICIPATED_IN"}
    assert {f"ego/{ego_file_name(a)}" for a in people_with_meetings} == {
        h for h in links if h.startswith("ego/")
    }
    for link in links:
        assert (index.parent / link.split("#")[0]).is_file(), link
    ego = page_data(index.parent / "ego" / ego_file_name("person:hun-sen"))
    assert {n["id"] for n in ego["nodes"]} == {"person:hun-sen", "person:xi-jinping"}
    assert ego["legend"]["colours"], "every view has a legend"


def test_no_view_refers_to_anything_outside_the_machine(graph, tmp_path):
    write_views(graph, tmp_path / "out")
    pages = list((tmp_path / "out" / "views").rglob("*.html"))
    assert len(pages) > 3
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=\"?(https?:)?//", html, re.I), page
        assert "<link" not in html, (
            "no stylesheet from anywhere (pyvis's template takes Bootstrap from a CDN)"
        )
        assert "default-src 'none'" in html, "a CSP forbids loading anything not allowed explicitly"


def test_hostile_text_never_appears_as_markup_in_the_html(graph, tmp_path):
    write_views(graph, tmp_path / "out")
    for page in (tmp_path / "out" / "views").rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for hostile in ("<img src=x", "<script>alert", "<svg onload", "<b onmouseover", "\u2028"):
            assert hostile not in html, (page, hostile)
    data = page_data(tmp_path / "out" / "views" / "network.html")
    assert data["entities"]["person:hostile"]["name"] == HOSTILE_NAME
    assert HOSTILE_TITLE in data["entities"]["person:hostile"]["titles"]
    sentences = {e["sentence"] for ev in data["events"].values() for e in ev["evidence"]}
    assert HOSTILE_SENTENCE in sentences


def test_script_json_round_trips_and_cannot_close_its_script_element():
    value = {"a": "</script><!--<script>", "b": "\u2028\u2029&<>", "c": [1, None, "王毅"]}
    text = script_json(value)
    assert "</" not in text and "<!--" not in text and "\u2028" not in text
    assert json.loads(text) == value


def test_script_json_is_json_dumps_text_escaped():
    """script_json keeps json's own C encoder between calls: the text of the encoder json.dumps
    makes with the same options, byte for byte."""
    value = {"f": [0.1, 1e300, -0.0, 3], "t": (True, False, None), "s": '王毅\n"\\\t\x01', "n": {"1": {}}}
    expected = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    assert script_json(value) == expected
    assert script_json("\u2028<王毅>") == '"\\u2028\\u003c王毅\\u003e"'


def test_network_view_has_every_actor_with_meetings_and_every_met_edge(graph, tmp_path):
    data = page_data(write_views(graph, tmp_path / "out").parent / "network.html")
    met = [(u, v) for u, v, d in graph.edges(data=True) if d["type"] == "MET"]
    participants = {u for u, _, d in graph.edges(data=True) if d["type"] == "PARTICIPATED_IN"}
    assert {n["id"] for n in data["nodes"]} == participants
    assert sorted((e["from"], e["to"]) for e in data["edges"]) == sorted(met)
    wang = next(n for n in data["nodes"] if n["id"] == "person:wang-yi")
    xi = next(n for n in data["nodes"] if n["id"] == "person:xi-jinping")
    assert wang["color"] == xi["color"], "colour by country"
    assert wang["degree"] == 2 and xi["degree"] == 1, "Wang Yi met two people, Xi Jinping one"
    assert wang["label"] == "Wang Yi\n王毅"


def test_filtered_view_by_actor_in_any_script(graph, tmp_path):
    for spelling in ("洪森", "hun sen", "Samdech Hun Sen", "person:hun-sen"):
        data = page_data(write_filtered_view(graph, tmp_path / "v.html", actor=spelling))
        assert {n["id"] for n in data["nodes"]} == {"person:hun-sen", "person:xi-jinping"}, spelling
        assert set(data["events"]) == {"meeting:xi-hun-2024-12-03"}


def test_filtered_view_by_topic_and_dates(graph, tmp_path):
    data = page_data(
        write_filtered_view(graph, tmp_path / "v.html", topic="telecom-fraud", since="2024-01-01")
    )
    assert agreements_drawn(data) == {"agreement:china-cambodia-fraud"}, (
        "the 2023 agreement is before --since"
    )
    data = page_data(write_filtered_view(graph, tmp_path / "v.html", topic="电信诈骗", until="2023-12-31"))
    assert agreements_drawn(data) == {"agreement:hostile"}


def agreements_drawn(data: dict) -> set[str]:
    return {a for e in data["edges"] if e["type"] == "PARTY_TO" for a in e["events"]}


def test_agreements_view_joins_countries_and_organizations_one_edge_per_pair(graph, tmp_path):
    data = page_data(write_views(graph, tmp_path / "out").parent / "agreements.html")
    assert {n["kind"] for n in data["nodes"]} == {"Country"}, "the hostile person party stands for Cambodia"
    assert [(e["from"], e["to"]) for e in data["edges"]] == [("country:cambodia", "country:china")]
    assert data["edges"][0]["events"] == ["agreement:hostile", "agreement:china-cambodia-fraud"], "by date"
    fraud = data["events"]["agreement:china-cambodia-fraud"]
    assert fraud["meeting"] == "meeting:wang-sok-2024-04-21"
    assert data["events"][fraud["meeting"]]["date"] == "2024-04-21", "the meeting travels with its agreement"
    assert data["network"] == "network.html"


def test_filtered_view_by_country(graph, tmp_path):
    data = page_data(write_filtered_view(graph, tmp_path / "v.html", country="柬埔寨", since="2024-12"))
    assert {n["id"] for n in data["nodes"]} == {"person:hun-sen", "person:xi-jinping"}


def test_unknown_names_are_reported_not_ignored(graph, tmp_path):
    with pytest.raises(UnknownName):
        write_filtered_view(graph, tmp_path / "v.html", actor="Nobody Atall")
    with pytest.raises(UnknownName):
        write_filtered_view(graph, tmp_path / "v.html", topic="weather")


def test_partial_dates_compare_on_what_they_fix():
    assert date_in_range("2024-04", "2024-04-15", None)
    assert date_in_range("2024", None, "2024-01-01")
    assert not date_in_range("2024-03", "2024-04-15", None)
    assert not date_in_range(None, "2024-01-01", None)
    assert date_in_range(None, None, None)


def test_kg_view_command_writes_the_view_and_prints_its_path(graph, tmp_path):
    write_graph_json(graph, tmp_path / "graph.json")
    result = CliRunner().invoke(app, ["view", "--actor", "習近平", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    path = Path(result.output.strip())
    assert path.is_file()
    assert "person:xi-jinping" in {n["id"] for n in page_data(path)["nodes"]}
    bad = CliRunner().invoke(app, ["view", "--topic", "weather", "--out", str(tmp_path)])
    assert bad.exit_code != 0 and "weather" in bad.output
    bad_date = CliRunner().invoke(app, ["view", "--since", "yesterday", "--out", str(tmp_path)])
    assert bad_date.exit_code != 0 and "YYYY-MM-DD" in bad_date.output


def test_large_views_get_positions_from_python_and_a_notice(tmp_path):
    graph = build_graph(synthetic_corpus(1200))
    data = page_data(write_views(graph, tmp_path / "out").parent / "network.html")
    assert len(data["nodes"]) == 1200
    assert data["physics"] is False
    assert "1,200 nodes" in data["notice"]
    positions = {(n["x"], n["y"]) for n in data["nodes"]}
    assert len(positions) == 1200, "no two nodes drawn on one spot"


def test_layout_is_deterministic_and_spreads_nodes():
    nodes = [f"n{i}" for i in range(300)]
    edges = [(f"n{i}", f"n{(i * 7 + 1) % 300}") for i in range(300)] + [("n0", f"n{i}") for i in range(1, 60)]
    first = force_layout(nodes, edges)
    assert first == force_layout(nodes, edges)
    xs = sorted(x for x, _ in first.values())
    ys = sorted(y for _, y in first.values())
    assert xs[-1] - xs[0] > 1000 and ys[-1] - ys[0] > 1000
    closest = min(
        (first[a][0] - first[b][0]) ** 2 + (first[a][1] - first[b][1]) ** 2
        for i, a in enumerate(nodes)
        for b in nodes[i + 1 :]
    )
    assert closest > 1.0


def test_a_filtered_view_draws_no_node_without_an_edge_but_the_actor_asked_for(examples_graph, tmp_path):
    for filters in (
        {"topic": "telecom-fraud"},
        {"since": "2024-01-01"},
        {"actor": "王毅", "until": "2023-12-31"},
    ):
        data = page_data(write_filtered_view(examples_graph, tmp_path / "v.html", **filters))
        joined = {n for e in data["edges"] for n in (e["from"], e["to"])}
        alone = {n["id"] for n in data["nodes"]} - joined - {data["ego"]}
        assert data["nodes"] and alone == set(), filters


def test_an_ego_view_carries_its_actors_events_in_full_and_the_meetings_among_others_in_brief(tmp_path):
    graph = build_graph(synthetic_corpus(60))
    index = write_views(graph, tmp_path / "out")
    took_part = {(u, v) for u, v, d in graph.edges(data=True) if d["type"] in ("PARTICIPATED_IN", "PARTY_TO")}
    met = {(u, v): sorted(d["meeting_ids"]) for u, v, d in graph.edges(data=True) if d["type"] == "MET"}
    briefs = 0
    for path in (index.parent / "ego").glob("*.html"):
        data = page_data(path)
        for edge in data["edges"]:
            assert edge["events"] == met[(edge["from"], edge["to"])], "an edge counts all the pair's meetings"
        for event_id, event in data["events"].items():
            if (data["ego"], event_id) in took_part:
                assert event["evidence"] and event["actors"], f"{path.name}: its own event in full"
            elif event.get("brief"):
                briefs += 1
                assert set(event) == {"kind", "brief", "date", "mode", "topic_ids", "countries"}
                assert event["kind"] == "meeting" and event["date"] == graph.nodes[event_id]["date"]
    assert briefs, "hubs' counterparts meet without them"
