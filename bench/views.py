"""Time to write the HTML views and to first render them in headless Chromium (physics settled, or
positions from Python above the large-view threshold, and the view fitted to its labels), for
synthetic graphs of 500, 2,000 and 5,000 actors: the actor network, the agreements and the ego view
of the actor with most counterparts, and relations over time (plotly.js's basic bundle loaded from
views/assets; its nodes and edges columns are the meetings and agreements of the pair it opens on).
Run from the repository root: `.venv/bin/python -m bench.views` (or `bench/views.py`)."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.graph import build_graph
from kg.sinks.views import write_views
from kg.sinks.views.index import ego_file_name
from tests.fixtures_browser import CHROMIUM, CHROMIUM_ARGS
from tests.view_sample import synthetic_corpus

SIZES = (500, 2_000, 5_000)
RENDER_TIMEOUT_MS = 600_000


def first_render_seconds(browser, page_path: Path) -> tuple[float, int, int, str]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.route(
        "**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort()
    )
    page = context.new_page()
    started = time.perf_counter()
    page.goto(page_path.resolve().as_uri())
    page.wait_for_selector("body[data-ready='1']", state="attached", timeout=RENDER_TIMEOUT_MS)
    seconds = time.perf_counter() - started
    counts = page.evaluate(
        "window.kgView ? [kgView.nodes.length, kgView.edges.length]"
        " : [kgRelations.events.meetings.length, kgRelations.events.agreements.length]"
    )
    # The relations view's time is mostly plotly.js reading and running its own bundle: say how much.
    timing = page.evaluate("window.kgRelations ? kgRelations.timing : null")
    note = f"  (plotly.js ready at {timing['plotlyLoaded'] / 1000:.2f}s)" if timing else ""
    context.close()
    return seconds, counts[0], counts[1], note


def main() -> None:
    from playwright.sync_api import sync_playwright

    print(
        f"{'actors':>7} {'graph nodes':>11} {'write all views':>15} {'ego files':>9} {'view':<16}"
        f"{'nodes':>6} {'edges':>6} {'MB':>5} {'first render':>12}"
    )
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as tmp:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for size in SIZES:
            graph = build_graph(synthetic_corpus(size))
            started = time.perf_counter()
            index = write_views(graph, Path(tmp) / str(size))
            write_seconds = time.perf_counter() - started
            egos = len(list((index.parent / "ego").glob("*.html")))
            hub = max(
                (n for n, d in graph.nodes(data=True) if d["label"] == "Person"),
                key=lambda n: (
                    sum(1 for *_, d in graph.edges(n, data=True) if d["type"] == "MET")
                    + sum(1 for *_, d in graph.in_edges(n, data=True) if d["type"] == "MET")
                ),
            )
            for view in ("network.html", "agreements.html", f"ego/{ego_file_name(hub)}", "relations.html"):
                name = "ego (hub)" if view.startswith("ego/") else view
                path = index.parent / view
                seconds, nodes, edges, note = first_render_seconds(browser, path)
                megabytes = path.stat().st_size / 1e6
                print(
                    f"{size:>7} {graph.number_of_nodes():>11} {write_seconds:>14.2f}s {egos:>9} {name:<16}"
                    f"{nodes:>6} {edges:>6} {megabytes:>5.1f} {seconds:>11.2f}s{note}",
                    flush=True,
                )
        browser.close()


if __name__ == "__main__":
    main()
