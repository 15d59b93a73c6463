"""Helpers that drive a view in Chromium and measure what it draws: where each node's box (its
label included) lies against the canvas and the legend, which drawn nodes have no drawn edge, and
whether the shown nodes were fitted to the canvas."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

READY_TIMEOUT_MS = 60_000
_DATA = re.compile(r'<script type="application/json" id="kg-data">(.*?)</script>', re.S)


def page_data(path: Path) -> dict[str, Any]:
    """The data a view page carries, read from its file."""
    match = _DATA.search(path.read_text(encoding="utf-8"))
    assert match, f"no data in {path}"
    data: dict[str, Any] = json.loads(match.group(1))
    return data

_MEASURE = """() => {
  const net = kgView.network, canvas = document.querySelector("#kg-graph canvas");
  const c = canvas.getBoundingClientRect(), g = document.getElementById("kg-legend").getBoundingClientRect();
  const font = document.createElement("canvas").getContext("2d");
  font.font = (14 * net.getScale()) + "px Noto Sans CJK SC, Noto Sans, sans-serif";
  const boxes = kgView.shownNodeIds().map(id => {
    const b = net.getBoundingBox(id);
    const tl = net.canvasToDOM({x: b.left, y: b.top}), br = net.canvasToDOM({x: b.right, y: b.bottom});
    const label = String(kgView.nodes.get(id).label).split("\\n");
    return {id: id, left: c.left + tl.x, top: c.top + tl.y, right: c.left + br.x, bottom: c.top + br.y,
            text: Math.max.apply(null, label.map(l => font.measureText(l).width))};
  });
  const rect = r => ({left: r.left, top: r.top, right: r.right, bottom: r.bottom});
  return {canvas: rect(c), legend: rect(g), boxes: boxes, scale: net.getScale(),
          unconnected: kgView.shownNodeIds().filter(id => net.getConnectedEdges(id).length === 0),
          sizes: kgView.shownNodeIds().map(
            id => [net.getConnectedEdges(id).length, net.body.nodes[id].options.size])};
}"""


@dataclass
class Drawn:
    canvas: dict[str, float]
    legend: dict[str, float]
    boxes: list[dict[str, Any]]
    scale: float
    unconnected: list[str]
    sizes: list[tuple[int, float]]
    """Per drawn node: its drawn edges, its drawn size."""

    def outside_canvas(self) -> list[str]:
        c = self.canvas
        return [
            b["id"]
            for b in self.boxes
            if b["left"] < c["left"] - 0.5
            or b["top"] < c["top"] - 0.5
            or b["right"] > c["right"] + 0.5
            or b["bottom"] > c["bottom"] + 0.5
        ]

    def under_legend(self) -> list[str]:
        g = self.legend
        return [
            b["id"]
            for b in self.boxes
            if b["left"] < g["right"]
            and g["left"] < b["right"]
            and b["top"] < g["bottom"]
            and g["top"] < b["bottom"]
        ]

    def narrower_than_label(self) -> list[str]:
        """Boxes that do not hold their label's longest line as the page's font measures it."""
        return [b["id"] for b in self.boxes if b["right"] - b["left"] < b["text"] - 1]

    def size_of_degree(self) -> dict[int, float]:
        """Node size as a function of the edges drawn at the node (fails if it is not one)."""
        sizes: dict[int, float] = {}
        for degree, size in self.sizes:
            assert abs(sizes.setdefault(degree, size) - size) < 1e-3, f"{degree} edges drawn, two sizes"
        return sizes

    def fitted(self) -> bool:
        """The shown nodes fill the canvas along one axis, or sit at the closest zoom the view allows."""
        if not self.boxes:
            return True
        width = max(b["right"] for b in self.boxes) - min(b["left"] for b in self.boxes)
        height = max(b["bottom"] for b in self.boxes) - min(b["top"] for b in self.boxes)
        fill = max(
            width / (self.canvas["right"] - self.canvas["left"]),
            height / (self.canvas["bottom"] - self.canvas["top"]),
        )
        return fill > 0.85 or self.scale >= 1.5 - 1e-6


def measure(page) -> Drawn:
    return Drawn(**page.evaluate(_MEASURE))


def assert_readable(page, what: str) -> Drawn:
    drawn = measure(page)
    assert drawn.boxes, f"{what}: nothing drawn"
    assert drawn.outside_canvas() == [], f"{what}: labels off the canvas"
    assert drawn.under_legend() == [], f"{what}: labels under the legend"
    assert drawn.narrower_than_label() == [], f"{what}: a box that does not hold its label"
    assert drawn.fitted(), f"{what}: the view is not fitted to its nodes"
    drawn.size_of_degree()
    return drawn


def wait_ready(page) -> None:
    # A selector, not wait_for_function: the views' CSP forbids the eval that polling a function needs.
    page.wait_for_selector("body[data-ready='1']", state="attached", timeout=READY_TIMEOUT_MS)


def settle(page) -> None:
    """Wait until the view has been laid out and fitted again after a change."""
    page.wait_for_selector("body[data-settled='1']", state="attached", timeout=READY_TIMEOUT_MS)


def open_view(offline_page, path: Path, fragment: str = ""):
    page = offline_page.page
    page.goto(path.resolve().as_uri() + fragment)
    wait_ready(page)
    return page


def open_index(offline_page, folder: Path):
    """The index page of the views in `folder`; it draws no graph, so there is no readiness to wait for."""
    page = offline_page.page
    page.goto((folder / "index.html").resolve().as_uri())
    return page


def assert_clean(offline_page) -> None:
    log = offline_page.log
    assert log.blocked == [], "the page tried to reach the network"
    assert log.console_errors == []
    assert log.page_errors == []
    assert log.dialogs == []


def click_canvas(page, point: dict[str, float]) -> None:
    box = page.locator("#kg-graph canvas").bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])


def click_node(page, node_id: str) -> None:
    """A real mouse click on the node where vis-network drew it."""
    click_canvas(
        page,
        page.evaluate("id => kgView.network.canvasToDOM(kgView.network.getPositions([id])[id])", node_id),
    )


def click_edge(page, edge_id: str) -> None:
    """A real mouse click half-way along the edge as drawn (curved edges included)."""
    point = page.evaluate(
        "id => kgView.network.canvasToDOM(kgView.network.body.edges[id].edgeType.getPoint(0.5))", edge_id
    )
    click_canvas(page, point)


def panel_text(page) -> str:
    return page.locator("#kg-panel").inner_text()
