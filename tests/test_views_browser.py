"""The views in a real headless Chromium with every non-file request blocked: they render, hold the
graph's nodes and edges, show evidence on click, find actors by any spelling, filter, and keep
hostile article text inert."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.graph import build_graph
from kg.sinks.views import write_views
from kg.sinks.views.index import ego_file_name
from tests.fixtures_browser import injected_markup
from tests.view_pages import (
    assert_clean,
    assert_readable,
    click_edge,
    click_node,
    open_index,
    open_view,
    page_data,
    panel_text,
    settle,
    wait_ready,
)
from tests.view_sample import (
    EVIDENCE_WANG_SOK,
    HOSTILE_NAME,
    HOSTILE_SENTENCE,
    HOSTILE_TITLE,
    sample_graph,
    synthetic_corpus,
)


@pytest.fixture(scope="module")
def views(tmp_path_factory) -> tuple[Path, object]:
    folder = tmp_path_factory.mktemp("views")
    graph = sample_graph(folder / "articles")
    return write_views(graph, folder / "out").parent, graph


def test_network_view_renders_the_graphs_actors_and_met_edges(offline_page, views, artifacts_dir):
    folder, graph = views
    page = open_view(offline_page, folder / "network.html")
    participants = {u for u, _, d in graph.edges(data=True) if d["type"] == "PARTICIPATED_IN"}
    met = sum(1 for *_, d in graph.edges(data=True) if d["type"] == "MET")
    assert page.evaluate("kgView.nodes.length") == len(participants)
    assert page.evaluate("kgView.edges.length") == met
    assert set(page.evaluate("kgView.nodes.getIds()")) == participants
    assert page.locator("#kg-graph canvas").count() == 1
    assert "Cambodia" in page.locator("#kg-legend").inner_text()
    page.screenshot(path=str(artifacts_dir / "views-sample-network.png"))
    assert_clean(offline_page)


def test_clicking_a_node_shows_names_titles_meetings_and_evidence_with_its_source(offline_page, views):
    folder, _ = views
    page = open_view(offline_page, folder / "network.html")
    click_node(page, "person:sok-chenda-sok")
    page.wait_for_selector("#kg-panel[data-node='person:sok-chenda-sok']")
    text = panel_text(page)
    for expected in (
        "Sok Chenda Sok",
        "宋金达",
        "宋金達",
        "副首相兼外交大臣",
        "2024-04-21",
        EVIDENCE_WANG_SOK,
    ):
        assert expected in text
    assert "Phnom Penh" in text and "telecom fraud" in text, "the meeting and the agreement it produced"
    source = page.locator("#kg-panel .kg-source a").first
    assert source.get_attribute("href").startswith("file://")
    assert source.get_attribute("href").endswith("000_phnom_penh.txt")
    assert_clean(offline_page)


def test_clicking_an_edge_shows_its_meetings(offline_page, views):
    folder, _ = views
    page = open_view(offline_page, folder / "network.html")
    mid = page.evaluate(
        """() => { const n = kgView.network;
                   const p = n.getPositions(["person:xi-jinping", "person:hun-sen"]);
                   const a = p["person:xi-jinping"], b = p["person:hun-sen"];
                   return n.canvasToDOM({x: (a.x + b.x) / 2, y: (a.y + b.y) / 2}); }"""
    )
    box = page.locator("#kg-graph canvas").bounding_box()
    page.mouse.click(box["x"] + mid["x"], box["y"] + mid["y"])
    page.wait_for_selector("#kg-panel[data-edge]")
    text = panel_text(page)
    assert "Xi Jinping – Hun Sen" in text or "Hun Sen – Xi Jinping" in text
    assert "习近平会见洪森。" in text and "2024-12-03" in text
    assert page.locator("#kg-panel a[href='https://example.org/xi-hun-sen']").count() == 1
    assert_clean(offline_page)


def test_search_finds_an_actor_by_any_spelling(offline_page, views):
    folder, _ = views
    page = open_view(offline_page, folder / "network.html")
    for spelling, actor in (
        ("習近平", "person:xi-jinping"),
        ("samdech hun sen", "person:hun-sen"),
        ("王毅", "person:wang-yi"),
    ):
        page.fill("#kg-search", spelling)
        page.press("#kg-search", "Enter")
        page.wait_for_selector(f"#kg-panel[data-node='{actor}']")
        assert page.evaluate("kgView.network.getSelectedNodes()") == [actor]
    page.fill("#kg-search", "Nobody Atall")
    page.press("#kg-search", "Enter")
    assert "no actor matches" in page.locator("#kg-status").inner_text()
    assert_clean(offline_page)


def test_filters_by_topic_date_and_country_inside_the_page(offline_page, views):
    folder, _ = views
    page = open_view(offline_page, folder / "agreements.html")
    everything = page.evaluate("kgView.shownNodeIds().length")
    page.fill("#kg-since", "2024-01-01")
    page.dispatch_event("#kg-since", "change")
    assert set(page.evaluate("kgView.shownNodeIds()")) == {"country:china", "country:cambodia"}
    click_edge(page, "country:cambodia|PARTY_TO|country:china")
    page.wait_for_selector("#kg-panel[data-edge]")
    assert "Agreements (1 of 2, filtered)" in panel_text(page), "the panel lists what the filter passes"
    page.click("#kg-reset")
    settle(page)
    assert page.evaluate("kgView.shownNodeIds().length") == everything
    page = open_view(offline_page, folder / "network.html")
    page.fill("#kg-until", "2024-06-30")
    page.dispatch_event("#kg-until", "change")
    assert set(page.evaluate("kgView.shownNodeIds()")) == {
        "person:wang-yi",
        "person:sok-chenda-sok",
        "person:hostile",
    }
    assert page.locator("#kg-status").inner_text() == "3 of 5 nodes, 2 of 3 edges shown"
    page.click("#kg-reset")
    page.select_option("#kg-country", "country:china")
    page.fill("#kg-since", "2024-01-01")
    page.dispatch_event("#kg-since", "change")
    settle(page)
    assert_readable(page, "network filtered by country and date")
    assert set(page.evaluate("kgView.shownNodeIds()")) == {
        "person:wang-yi",
        "person:sok-chenda-sok",
        "person:xi-jinping",
        "person:hun-sen",
    }
    assert page.evaluate("kgView.shownEdgeIds().length") == 2
    assert_clean(offline_page)


def test_hostile_names_and_sentences_stay_inert_text(offline_page, views):
    folder, _ = views
    for name in ("network.html", "agreements.html", f"ego/{ego_file_name('person:hostile')}"):
        page = open_view(offline_page, folder / name)
        if name == "agreements.html":
            # The hostile person is a party for Cambodia: the edge's panel names it among the parties.
            click_edge(page, "country:cambodia|PARTY_TO|country:china")
            page.wait_for_selector("#kg-panel[data-edge]")
            assert HOSTILE_NAME in panel_text(page)
            click_node(page, "country:cambodia")
            page.wait_for_selector("#kg-panel[data-node='country:cambodia']")
        else:
            click_node(page, "person:hostile")
            page.wait_for_selector("#kg-panel[data-node='person:hostile']")
            assert HOSTILE_NAME in panel_text(page) and HOSTILE_TITLE in panel_text(page)
        assert HOSTILE_SENTENCE.split("\u2028")[0].strip() in panel_text(page)
        # Hover for the tooltip: vis-network shows it, as text.
        page.mouse.move(0, 0)
        hovered = "country:cambodia" if name == "agreements.html" else "person:hostile"
        point = page.evaluate(
            "id => kgView.network.canvasToDOM(kgView.network.getPositions([id])[id])", hovered
        )
        box = page.locator("#kg-graph canvas").bounding_box()
        page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
        page.wait_for_selector("div.vis-tooltip", state="visible")
        if name != "agreements.html":
            assert HOSTILE_NAME in page.locator("div.vis-tooltip").inner_text()
        page.fill("#kg-search", HOSTILE_NAME)
        page.press("#kg-search", "Enter")
        injected = injected_markup(page)
        written = (folder / name).read_text(encoding="utf-8").count("</script>")
        assert injected == {"img": 0, "handlers": 0, "scripts": written, "jsLinks": 0}, name
    assert_clean(offline_page)


def test_ego_view_loads_its_shared_scripts_from_disk_only(offline_page, views):
    folder, _ = views
    page = open_view(offline_page, folder / "ego" / ego_file_name("person:wang-yi"))
    assert set(page.evaluate("kgView.nodes.getIds()")) == {
        "person:wang-yi",
        "person:sok-chenda-sok",
        "person:hostile",
    }
    click_node(page, "person:sok-chenda-sok")
    page.wait_for_selector("#kg-panel[data-node='person:sok-chenda-sok']")
    assert EVIDENCE_WANG_SOK in panel_text(page)
    page.click("#kg-panel a:has-text('ego network of')")
    page.wait_for_url("**/ego/person-sok-chenda-sok-*.html")
    wait_ready(page)
    assert page.evaluate("kgView.data.ego") == "person:sok-chenda-sok"
    assert_clean(offline_page)


def test_index_links_every_view(offline_page, views):
    folder, _ = views
    page = open_index(offline_page, folder)
    page.fill("#kg-filter", "洪森")
    visible = page.locator("#kg-egos li:visible").all_inner_texts()
    assert len(visible) == 1 and "Hun Sen" in visible[0]
    page.click("text=Actor network")
    page.wait_for_url("**/network.html")
    wait_ready(page)
    assert_clean(offline_page)


def test_a_large_view_draws_with_python_positions_and_says_so(offline_page, tmp_path, artifacts_dir):
    graph = build_graph(synthetic_corpus(1500))
    folder = write_views(graph, tmp_path / "out").parent
    page = open_view(offline_page, folder / "network.html")
    assert page.evaluate("kgView.nodes.length") == 1500
    met = sum(1 for *_, d in graph.edges(data=True) if d["type"] == "MET")
    assert page.evaluate("kgView.edges.length") == met
    assert "1,500 nodes" in page.locator("#kg-notice").inner_text()
    page.screenshot(path=str(artifacts_dir / "views-synthetic-1500.png"))
    assert_clean(offline_page)


def test_examples_network_renders_with_legible_chinese_labels(
    offline_page, examples_graph, tmp_path, artifacts_dir
):
    folder = write_views(examples_graph, tmp_path / "out").parent
    page = open_view(offline_page, folder / "network.html")
    participants = {u for u, _, d in examples_graph.edges(data=True) if d["type"] == "PARTICIPATED_IN"}
    met = sum(1 for *_, d in examples_graph.edges(data=True) if d["type"] == "MET")
    assert page.evaluate("kgView.nodes.length") == len(participants) > 0
    assert page.evaluate("kgView.edges.length") == met
    # The screenshot is the evidence a reviewer looks at for legible Chinese (fonts-noto-cjk).
    page.screenshot(path=str(artifacts_dir / "views-examples-network.png"))
    assert_clean(offline_page)


def test_a_meeting_among_an_egos_counterparts_links_to_its_evidence_in_the_network(
    offline_page, tmp_path
):
    index = write_views(build_graph(synthetic_corpus(60)), tmp_path / "out")
    path, edge = next(
        (path, edge)
        for path in sorted((index.parent / "ego").glob("*.html"), key=lambda p: p.stat().st_size)
        for edge in page_data(path)["edges"]
        if all(page_data(path)["events"][e].get("brief") for e in edge["events"])
    )
    page = open_view(offline_page, path)
    click_edge(page, edge["id"])
    page.wait_for_selector(f"#kg-panel[data-edge='{edge['id']}']")
    meeting = edge["events"][0]
    assert page.locator("#kg-panel .kg-brief").count() == len(edge["events"])
    page.click(f"#kg-panel .kg-brief[data-event='{meeting}'] a")
    page.wait_for_url("**/network.html#meeting=*")
    wait_ready(page)
    page.wait_for_selector(f"body[data-focus='{meeting}']", state="attached")
    assert "Meeting" in panel_text(page) and page.locator("#kg-panel .kg-evidence").count() >= 1
    assert_clean(offline_page)
