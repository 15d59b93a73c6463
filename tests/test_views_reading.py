"""The views as an analyst reads them, in Chromium at 1400×900 with every non-file request aborted, on
the example articles and on a 5,000-actor synthetic graph: every label inside the canvas and clear of
the legend, one agreements edge per pair of parties with its agreements and their meetings on click,
filters that leave no node unconnected and fit the view again, ISO dates in any locale. Screenshots
of every view go to test-artifacts/."""

from __future__ import annotations

import re
from collections import defaultdict
from itertools import combinations
from pathlib import Path
from urllib.parse import quote

import networkx as nx
import pytest

from kg.graph import build_graph
from kg.sinks.views import write_views
from kg.sinks.views.index import ego_file_name
from tests.fixtures_browser import open_offline_page
from tests.view_pages import (
    Drawn,
    assert_clean,
    assert_readable,
    click_edge,
    measure,
    open_index,
    open_view,
    panel_text,
    settle,
    wait_ready,
)
from tests.view_sample import synthetic_corpus


@pytest.fixture(scope="module")
def example_views(examples_graph, tmp_path_factory) -> Path:
    return write_views(examples_graph, tmp_path_factory.mktemp("examples")).parent


@pytest.fixture(scope="module")
def synthetic_views(tmp_path_factory) -> tuple[Path, nx.MultiDiGraph]:
    graph = build_graph(synthetic_corpus(5000))
    return write_views(graph, tmp_path_factory.mktemp("synthetic")).parent, graph


def agreement_pairs(graph: nx.MultiDiGraph) -> dict[frozenset[str], set[str]]:
    """Per pair of parties (countries and organizations; a person party counts for its country),
    the agreements both are party to, read from the graph's PARTY_TO edges."""
    parties: dict[str, set[str]] = defaultdict(set)
    for actor, agreement, data in graph.edges(data=True):
        if data["type"] != "PARTY_TO":
            continue
        node = graph.nodes[actor]
        party = node.get("country") if node["label"] == "Person" else actor
        if party:
            parties[agreement].add(party)
    pairs: dict[frozenset[str], set[str]] = defaultdict(set)
    for agreement, members in parties.items():
        for pair in combinations(sorted(members), 2):
            pairs[frozenset(pair)].add(agreement)
    return dict(pairs)


def drawn_pairs(page) -> dict[frozenset[str], set[str]]:
    edges = page.evaluate("kgView.shownEdgeIds().map(id => kgView.edges.get(id))")
    pairs: dict[frozenset[str], set[str]] = {}
    for edge in edges:
        pair = frozenset((edge["from"], edge["to"]))
        assert pair not in pairs, f"two edges for {sorted(pair)}"
        pairs[pair] = set(edge["events"])
    return pairs


def status_counts(page) -> tuple[int, int, int, int]:
    text = page.locator("#kg-status").inner_text()
    match = re.fullmatch(r"(\d+) of (\d+) nodes?, (\d+) of (\d+) edges? shown", text)
    assert match, text
    shown_nodes, nodes, shown_edges, edges = (int(g) for g in match.groups())
    return shown_nodes, nodes, shown_edges, edges


def assert_filtered_view_is_truthful(page, what: str, unfiltered: Drawn) -> None:
    """Every node drawn has an edge drawn, the view is fitted, a node's size tells the edges drawn
    as it does without filters, and the status counts what is drawn."""
    settle(page)
    drawn = assert_readable(page, what)
    assert drawn.unconnected == [], f"{what}: nodes left without an edge"
    sizes = unfiltered.size_of_degree()
    stale = [(d, s) for d, s in drawn.sizes if d in sizes and abs(sizes[d] - s) > 1e-3]
    assert stale == [], f"{what}: node sizes that do not tell the edges drawn"
    shown_nodes, nodes, shown_edges, edges = status_counts(page)
    assert shown_nodes == len(drawn.boxes) and nodes == page.evaluate("kgView.nodes.length")
    assert shown_edges == len(page.evaluate("kgView.shownEdgeIds()"))
    assert edges == page.evaluate("kgView.edges.length")


def set_date(page, field: str, text: str) -> None:
    page.fill(f"#kg-{field}", text)
    page.dispatch_event(f"#kg-{field}", "change")


def test_every_example_view_keeps_its_labels_on_the_canvas_and_clear_of_the_legend(
    offline_page, example_views, examples_graph, artifacts_dir
):
    ego = sorted(p.name for p in (example_views / "ego").glob("*.html"))
    assert ego_file_name("person:wang-yi") in ego
    pages = {
        "network": example_views / "network.html",
        "agreements": example_views / "agreements.html",
        "ego-wang-yi": example_views / "ego" / ego_file_name("person:wang-yi"),
        "ego-xi-jinping": example_views / "ego" / ego_file_name("person:xi-jinping"),
    }
    for name, path in pages.items():
        page = open_view(offline_page, path)
        unfolded = assert_readable(page, name)
        page.screenshot(path=str(artifacts_dir / f"views-examples-{name}.png"))
        page.click("#kg-legend summary")
        assert not page.locator("#kg-legend-body").is_visible(), "the legend folds away"
        folded = measure(page)
        assert folded.under_legend() == [] and folded.outside_canvas() == []
        page.click("#kg-legend summary")
        assert page.locator("#kg-legend-body").is_visible()
        assert "node size" in page.locator("#kg-legend").inner_text()
        assert len(unfolded.boxes) == page.evaluate("kgView.nodes.length")
    page = open_index(offline_page, example_views)
    page.screenshot(path=str(artifacts_dir / "views-examples-index.png"), full_page=True)
    assert_clean(offline_page)


def test_agreements_view_draws_one_edge_per_pair_and_lists_its_agreements_with_their_meetings(
    offline_page, example_views, examples_graph, artifacts_dir
):
    page = open_view(offline_page, example_views / "agreements.html")
    expected = agreement_pairs(examples_graph)
    assert drawn_pairs(page) == expected
    kinds = set(page.evaluate("kgView.nodes.get().map(n => n.kind)"))
    assert kinds == {"Country", "Organization"}
    # The pair with most agreements, among those that came from a meeting.
    produced = {v: u for u, v, d in examples_graph.edges(data=True) if d["type"] == "PRODUCED"}
    pair = max(
        (p for p in expected if expected[p] & produced.keys()), key=lambda p: (len(expected[p]), sorted(p))
    )
    first, second = sorted(pair)
    edge_id = f"{first}|PARTY_TO|{second}"
    click_edge(page, edge_id)
    page.wait_for_selector(f"#kg-panel[data-edge='{edge_id}']")
    listed = page.locator("#kg-panel .kg-event")
    assert listed.count() == len(expected[pair])
    assert {listed.nth(i).get_attribute("data-event") for i in range(listed.count())} == expected[pair]
    for agreement in expected[pair]:
        box = page.locator(f"#kg-panel .kg-event[data-event='{agreement}']")
        node = examples_graph.nodes[agreement]
        text = box.inner_text()
        assert text.startswith(node["date"]), "each agreement opens with its date"
        assert "topics" in text and (node.get("summary") or node["name"]) in text
        sentences = [
            d["sentence"]
            for _, _, d in examples_graph.in_edges(agreement, data=True)
            if d["type"] == "REPORTS"
        ]
        assert sentences and all(s in text for s in sentences)
        assert box.locator(".kg-evidence .kg-source a").count() == len(sentences)
        link = box.locator("a.kg-meeting-link")
        if agreement in produced:
            assert link.get_attribute("href") == "network.html#meeting=" + quote(produced[agreement], safe="")
        else:
            assert link.count() == 0
    page.mouse.move(0, 0)
    page.screenshot(path=str(artifacts_dir / "views-examples-agreements-edge.png"))

    agreement = next(a for a in sorted(expected[pair]) if a in produced)
    meeting = produced[agreement]
    page.locator(f"#kg-panel .kg-event[data-event='{agreement}'] a.kg-meeting-link").click()
    page.wait_for_url("**/network.html#meeting=*")
    wait_ready(page)
    page.wait_for_selector(f"#kg-panel[data-event='{meeting}']")
    people = {u for u, _, d in examples_graph.in_edges(meeting, data=True) if d["type"] == "PARTICIPATED_IN"}
    assert set(page.evaluate("kgView.network.getSelectedNodes()")) == people
    focused = [b for b in measure(page).boxes if b["id"] in people]
    assert len(focused) == len(people)
    canvas = measure(page).canvas
    assert all(canvas["left"] <= b["left"] and b["right"] <= canvas["right"] for b in focused)
    evidence = [
        d["sentence"] for _, _, d in examples_graph.in_edges(meeting, data=True) if d["type"] == "REPORTS"
    ]
    assert all(s in panel_text(page) for s in evidence)
    page.screenshot(path=str(artifacts_dir / "views-examples-network-meeting.png"))
    assert_clean(offline_page)


def test_example_filters_hide_unconnected_nodes_and_fit_the_view_again(
    offline_page, example_views, artifacts_dir
):
    page = open_view(offline_page, example_views / "agreements.html")
    everything = assert_readable(page, "agreements")
    page.select_option("#kg-topic", "telecom-fraud")
    assert_filtered_view_is_truthful(page, "agreements on telecom fraud", everything)
    page.screenshot(path=str(artifacts_dir / "views-examples-agreements-telecom-fraud.png"))
    set_date(page, "since", "2024-01-01")
    assert_filtered_view_is_truthful(page, "agreements on telecom fraud since 2024", everything)
    page = open_view(offline_page, example_views / "network.html")
    everything = assert_readable(page, "network")
    set_date(page, "since", "2024-01-01")
    assert_filtered_view_is_truthful(page, "meetings since 2024", everything)
    page.select_option("#kg-country", "country:cambodia")
    assert_filtered_view_is_truthful(page, "meetings with Cambodia since 2024", everything)
    page.screenshot(path=str(artifacts_dir / "views-examples-network-filtered.png"))
    page.click("#kg-reset")
    settle(page)
    assert page.locator("#kg-status").inner_text() == ""
    assert_readable(page, "network after reset")
    assert_clean(offline_page)


@pytest.mark.parametrize("locale", ["en-US", "de-DE"])
def test_date_filters_read_and_show_iso_dates_whatever_the_locale(
    browser, example_views, examples_graph, artifacts_dir, locale
):
    with open_offline_page(browser, locale=locale) as offline:
        page = open_view(offline, example_views / "network.html")
        assert page.evaluate("navigator.language") == locale
        assert page.get_attribute("#kg-since", "placeholder") == "YYYY-MM-DD"
        everything = set(page.evaluate("kgView.shownNodeIds()"))
        set_date(page, "since", "2023-01-01")
        set_date(page, "until", "2023-12-31")
        settle(page)
        assert page.input_value("#kg-since") == "2023-01-01" and page.input_value("#kg-until") == "2023-12-31"
        met_in_2023 = {
            person
            for u, v, d in examples_graph.edges(data=True)
            if d["type"] == "MET"
            for person in (u, v)
            if any(
                str(examples_graph.nodes[m].get("date") or "").startswith("2023") for m in d["meeting_ids"]
            )
        }
        assert set(page.evaluate("kgView.shownNodeIds()")) == met_in_2023
        page.screenshot(path=str(artifacts_dir / f"views-examples-dates-{locale}.png"))
        set_date(page, "until", "12/31/2023" if locale == "en-US" else "31.12.2023")
        assert "YYYY-MM-DD" in page.locator("#kg-status").inner_text(), "a local date is refused, and said so"
        assert page.locator("#kg-until.kg-invalid").count() == 1
        assert set(page.evaluate("kgView.shownNodeIds()")) == met_in_2023, "the last valid filter stands"
        page.click("#kg-reset")
        settle(page)
        assert set(page.evaluate("kgView.shownNodeIds()")) == everything
        assert_clean(offline)


def test_synthetic_views_of_5000_actors_are_readable_and_filter_truthfully(offline_page, synthetic_views):
    folder, graph = synthetic_views
    page = open_view(offline_page, folder / "network.html")
    assert page.evaluate("kgView.nodes.length") == 5000
    everything = assert_readable(page, "5,000-actor network")
    set_date(page, "since", "2024-01-01")
    assert_filtered_view_is_truthful(page, "5,000-actor network since 2024", everything)

    page = open_view(offline_page, folder / "agreements.html")
    assert drawn_pairs(page) == agreement_pairs(graph)
    everything = assert_readable(page, "agreements of 40 countries")
    page.select_option("#kg-topic", "trade")
    set_date(page, "until", "2016-06-30")
    assert_filtered_view_is_truthful(page, "trade agreements until mid-2016", everything)

    hub = max(
        (n for n, d in graph.nodes(data=True) if d["label"] == "Person"),
        key=lambda n: (
            sum(1 for *_, d in graph.edges(n, data=True) if d["type"] == "MET")
            + sum(1 for *_, d in graph.in_edges(n, data=True) if d["type"] == "MET")
        ),
    )
    page = open_view(offline_page, folder / "ego" / ego_file_name(hub))
    everything = assert_readable(page, f"ego view of the hub {hub}")
    set_date(page, "since", "2020-01-01")
    assert_filtered_view_is_truthful(page, "hub's ego view since 2020", everything)
    assert_clean(offline_page)
