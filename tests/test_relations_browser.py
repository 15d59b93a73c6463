"""The relations-over-time view and the index in a real headless Chromium, offline: the bars count
exactly the graph's meetings and agreements of a pair in a period, a click on a bar lists its
events with their evidence, hostile text stays inert, and plotly.js comes from disk."""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path
from urllib.parse import quote

import networkx as nx
import pytest

from kg.graph import build_graph
from kg.sinks.views import write_views
from tests.fixtures_browser import injected_markup
from tests.view_pages import assert_clean, open_index, open_view, panel_text, wait_ready
from tests.view_sample import (
    EVIDENCE_WANG_SOK,
    HOSTILE_NAME,
    HOSTILE_SENTENCE,
    HOSTILE_TITLE,
    sample_graph,
    synthetic_corpus,
)


def _countries_of_meeting(graph: nx.MultiDiGraph, meeting: str) -> set[str]:
    people = [u for u, _, d in graph.in_edges(meeting, data=True) if d["type"] == "PARTICIPATED_IN"]
    return {
        c
        for p in people
        for _, c, d in graph.out_edges(p, data=True)
        if d["type"] == "REPRESENTS" and graph.nodes[c]["label"] == "Country"
    }


def _quarter(date: str) -> str:
    return f"{date[:4]}-Q{(int(date[5:7]) + 2) // 3}"


def expected_bars(graph: nx.MultiDiGraph, a: str, b: str, since: str, until: str) -> dict[str, Counter]:
    """What the charts must show, read straight from the graph: meetings that people of both
    countries took part in, agreements both are party to, per quarter, within [since, until].
    Without `b`: the meetings and agreements of `a`."""
    bars: dict[str, Counter] = {"meetings": Counter(), "topics": Counter()}
    for node, data in graph.nodes(data=True):
        date = data.get("date") or ""
        if len(date) < 7 or not (since <= date[:7] <= until):
            continue
        wanted = {a, b} - {""}
        if data["label"] == "Meeting" and wanted <= _countries_of_meeting(graph, node):
            bars["meetings"][_quarter(date)] += 1
        if data["label"] == "Agreement":
            parties = {u for u, _, d in graph.in_edges(node, data=True) if d["type"] == "PARTY_TO"}
            if wanted <= parties:
                bars["topics"][_quarter(date)] += max(1, len(data["topics"]))
    return bars


def open_relations(offline_page, folder: Path, fragment: str = ""):
    return open_view(offline_page, folder / "relations.html", fragment)


def assert_counts(page, graph, a: str, b: str, since: str, until: str) -> None:
    expected = expected_bars(graph, a, b, since, until)
    assert page.evaluate("kgRelations.bars('modes')") == dict(expected["meetings"])
    assert page.evaluate("kgRelations.bars('levels')") == dict(expected["meetings"])
    assert page.evaluate("kgRelations.bars('topics')") == dict(expected["topics"])


@pytest.fixture(scope="module")
def sample_views(tmp_path_factory) -> tuple[Path, nx.MultiDiGraph]:
    folder = tmp_path_factory.mktemp("relations")
    graph = sample_graph(folder / "articles")
    return write_views(graph, folder / "out").parent, graph


def click_bar(page, chart: str, period: str, key: str) -> None:
    """A real mouse click in the middle of one drawn bar: in panel `chart` ("modes", "levels",
    "topics"), the segment of trace `key` (a mode, a level or a topic) in `period`."""
    subplot, trace, index = page.evaluate(
        """([chart, period, key]) => {
            const traces = document.getElementById('kg-chart').data;
            const mine = traces.filter(t => t.meta.chart === chart);
            const t = mine.find(t => t.meta.key === key);
            return [t.xaxis.slice(1) === '' ? 'xy' : t.xaxis + t.yaxis, mine.indexOf(t), t.x.indexOf(period)];
        }""",
        [chart, period, key],
    )
    bar = (
        page.locator(f"#kg-chart .subplot.{subplot} .barlayer .trace").nth(trace).locator(".point").nth(index)
    )
    box = bar.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def test_examples_pair_bars_are_the_graphs_events_and_screenshots(
    offline_page, examples_graph, tmp_path, artifacts_dir
):
    folder = write_views(examples_graph, tmp_path / "out").parent
    page = open_relations(offline_page, folder)
    # The page opens on the pair with most contacts, which is the index's first pair.
    a, b = page.evaluate("[kgRelations.state().a, kgRelations.state().b]")
    assert a and b
    assert_counts(page, examples_graph, a, b, "0000-00", "9999-99")
    assert sum(page.evaluate("kgRelations.bars('modes')").values()) > 0
    page.screenshot(path=str(artifacts_dir / "views-examples-relations.png"))
    page.select_option("#kg-by", "month")
    months = page.evaluate("kgRelations.bars('modes')")
    assert all(len(m) == 7 for m in months) and sum(months.values()) == sum(
        expected_bars(examples_graph, a, b, "0000-00", "9999-99")["meetings"].values()
    )

    index = open_index(offline_page, folder)
    top = index.locator("#kg-pairs li a").first
    assert top.get_attribute("href") == f"relations.html#a={quote(a, safe=':')}&b={quote(b, safe=':')}"
    index.select_option("#kg-year", "2024")
    brokers = {
        (data["name"], round(value, 3))
        for data in (d for _, d in examples_graph.nodes(data=True) if d["label"] == "Person")
        for year, value in zip(data["betweenness_years"], data["betweenness"], strict=True)
        if year == 2024
    }
    shown = [row.split("\t") for row in index.locator("#kg-brokers tr").all_inner_texts()]
    assert {(name, float(value)) for name, _, value in shown} == brokers != set()
    index.screenshot(path=str(artifacts_dir / "views-examples-index.png"), full_page=True)
    assert_clean(offline_page)


def test_a_period_narrows_the_bars_to_the_graphs_events_in_it(offline_page, sample_views):
    folder, graph = sample_views
    fragment = "#a=country:china&b=country:cambodia&by=quarter&since=2024-01&until=2024-12"
    page = open_relations(offline_page, folder, fragment)
    assert_counts(page, graph, "country:china", "country:cambodia", "2024-01", "2024-12")
    assert page.evaluate("kgRelations.bars('modes')") == {"2024-Q2": 1, "2024-Q4": 1}
    page.fill("#kg-since", "2023-01")
    page.fill("#kg-until", "")
    page.locator("#kg-until").dispatch_event("change")
    assert_counts(page, graph, "country:china", "country:cambodia", "2023-01", "9999-99")
    page.select_option("#kg-b", "")
    assert_counts(page, graph, "country:china", "", "2023-01", "9999-99")
    assert page.evaluate("kgRelations.bars('modes')") != page.evaluate("kgRelations.bars('topics')")
    assert_clean(offline_page)


def test_a_click_on_a_bar_lists_its_events_with_evidence_and_hostile_text_stays_inert(
    offline_page, sample_views, artifacts_dir
):
    folder, _ = sample_views
    page = open_relations(offline_page, folder, "#a=country:china&b=country:cambodia&by=month")
    assert page.evaluate("kgRelations.bars('modes')")["2023-05"] == 1
    click_bar(page, "modes", "2023-05", "video")
    page.wait_for_selector("#kg-panel[data-period='2023-05']")
    panel = panel_text(page)
    assert "2023-05 · video · 1 meeting" in panel
    assert HOSTILE_NAME in panel and HOSTILE_SENTENCE.split("\u2028")[0].strip() in panel
    source = page.locator("#kg-panel a.kg-source")
    assert source.inner_text() == HOSTILE_TITLE
    assert source.get_attribute("href").startswith("file:")
    page.screenshot(path=str(artifacts_dir / "views-sample-relations-hostile.png"))
    injected = injected_markup(page, charts=".kg-chart, #js-plotly-tester")  # plotly measures text in an SVG
    assert injected == {"img": 0, "handlers": 0, "scripts": 3, "jsLinks": 0}
    # An agreement's bar: its summary, the meeting it came from, its evidence.
    click_bar(page, "topics", "2024-04", "telecom-fraud")
    page.wait_for_selector("#kg-panel[data-period='2024-04']")
    panel = panel_text(page)
    assert "2024-04 · telecom fraud · 1 agreement" in panel
    assert "双方同意合作打击电信诈骗" in panel and "from " in panel and EVIDENCE_WANG_SOK in panel
    assert_clean(offline_page)


def test_index_ranks_pairs_and_lists_first_contacts_and_brokers_of_a_year(offline_page, sample_views):
    folder, graph = sample_views
    page = open_index(offline_page, folder)
    page.select_option("#kg-year", "2024")
    first = page.locator("#kg-first tr").all_inner_texts()
    met_2024 = [
        d for *_, d in graph.edges(data=True) if d["type"] == "MET" and (d["first"] or "")[:4] == "2024"
    ]
    assert len(first) == len(met_2024) > 0
    brokers = page.locator("#kg-brokers tr").all_inner_texts()
    # 2024: Sok Chenda – Wang Yi and Xi – Hun Sen are two pairs apart: nobody lies between them.
    assert brokers == []
    assert page.locator("#kg-brokers-more").inner_text() == "none"

    page.click("#kg-pairs li a >> nth=0")
    page.wait_for_url("**/relations.html#*")
    wait_ready(page)
    assert page.evaluate("kgRelations.state().a") and page.evaluate("kgRelations.state().b")
    assert_clean(offline_page)


def test_relations_of_the_5000_actor_graph(offline_page, tmp_path, artifacts_dir):
    graph = build_graph(synthetic_corpus(5000))
    folder = write_views(graph, tmp_path / "out").parent
    page = open_relations(offline_page, folder)
    a, b = page.evaluate("[kgRelations.state().a, kgRelations.state().b]")
    assert_counts(page, graph, a, b, "0000-00", "9999-99")
    page.fill("#kg-since", "2019-04")
    page.fill("#kg-until", "2020-06")
    page.locator("#kg-until").dispatch_event("change")
    assert_counts(page, graph, a, b, "2019-04", "2020-06")
    page.screenshot(path=str(artifacts_dir / "views-synthetic-5000-relations.png"))
    brokers = graph.nodes["person:p0"]["betweenness_years"]
    assert brokers, "the busiest hub brokers in some year"
    assert_clean(offline_page)


PLOTLY_BASIC_SHA256 = "99784e3abfb07b142a15e521a439e6d9addceadb3f79553fd24c72774f0649ba"
"""plotly-basic.min.js of npm's plotly.js-basic-dist-min@4.1.1 (kg/sinks/views/assets/README.md)."""


def test_plotly_is_the_vendored_basic_bundle_loaded_from_disk(sample_views):
    from kg.sinks.views.relations import PLOTLY_VERSION

    folder, _ = sample_views
    bundle = (folder / "assets" / "plotly-basic.min.js").read_bytes()
    assert hashlib.sha256(bundle).hexdigest() == PLOTLY_BASIC_SHA256, "the bundle npm ships, unchanged"
    assert f"plotly.js (basic - minified) v{PLOTLY_VERSION}" in bundle[:200].decode("ascii")
    assert "MIT License" in (folder / "assets" / "plotly-basic.LICENSE").read_text(encoding="utf-8")
    page = (folder / "relations.html").read_text(encoding="utf-8")
    assert '<script src="assets/plotly-basic.min.js" defer></script>' in page
    assert "http://" not in page.split('id="kg-data"')[0] and "https://" not in page.split('id="kg-data"')[0]
