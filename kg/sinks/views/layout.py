"""Positions for large views, computed in Python so the browser can draw with physics off.

vis-network's physics does not settle 5,000 nodes in minutes. This is a Fruchterman-Reingold
layout whose repulsion only looks at nearby nodes (a grid of cells twice the ideal edge length),
so an iteration costs O(nodes + edges) instead of O(nodes²); it needs no numpy and is
deterministic: the same graph gives the same positions.
"""

from __future__ import annotations

import math
from collections import defaultdict

EDGE_LENGTH = 90.0
FAR_FIELD = 0.3
_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def _initial(order: list[int], spacing: float) -> tuple[list[float], list[float]]:
    """A sunflower spiral: even density, first nodes (the hubs) in the middle."""
    xs = [0.0] * len(order)
    ys = [0.0] * len(order)
    for rank, i in enumerate(order):
        radius = spacing * math.sqrt(rank + 0.5)
        xs[i] = radius * math.cos(rank * _GOLDEN_ANGLE)
        ys[i] = radius * math.sin(rank * _GOLDEN_ANGLE)
    return xs, ys


def _repulse(xs: list[float], ys: list[float], dx: list[float], dy: list[float], k: float) -> None:
    cell = 2 * k
    grid: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, (x, y) in enumerate(zip(xs, ys, strict=True)):
        grid[(int(x // cell), int(y // cell))].append(i)
    k2 = k * k
    reach2 = cell * cell
    for (cx, cy), members in grid.items():
        near = [j for ox in (-1, 0, 1) for oy in (-1, 0, 1) for j in grid.get((cx + ox, cy + oy), ())]
        for i in members:
            xi, yi = xs[i], ys[i]
            fx = fy = 0.0
            for j in near:
                if j == i:
                    continue
                ddx, ddy = xi - xs[j], yi - ys[j]
                d2 = ddx * ddx + ddy * ddy
                if d2 >= reach2:
                    continue
                if d2 < 1e-4:
                    # Two nodes on one spot: push apart along a direction fixed by their indices.
                    ddx, ddy, d2 = (i - j) * 0.01, 0.01, (i - j) ** 2 * 1e-4 + 1e-4
                force = k2 / d2
                fx += ddx * force
                fy += ddy * force
            dx[i] += fx
            dy[i] += fy


def _repulse_far(xs: list[float], ys: list[float], dx: list[float], dy: list[float], k: float) -> None:
    """Repulsion between distant regions: each coarse cell pushes the others as one heavy node at
    its centroid, so the layout does not contract while springs pull."""
    extent = max(max(xs) - min(xs), max(ys) - min(ys))
    cell = max(6 * k, extent / 16)
    members: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, (x, y) in enumerate(zip(xs, ys, strict=True)):
        members[(int(x // cell), int(y // cell))].append(i)
    centres = []
    for group in members.values():
        centres.append(
            (sum(xs[i] for i in group) / len(group), sum(ys[i] for i in group) / len(group), group)
        )
    k2 = k * k
    for cx, cy, group in centres:
        fx = fy = 0.0
        for ox, oy, other in centres:
            if other is group:
                continue
            ddx, ddy = cx - ox, cy - oy
            d2 = ddx * ddx + ddy * ddy + k2
            force = FAR_FIELD * k2 * len(other) / d2
            fx += ddx * force
            fy += ddy * force
        for i in group:
            dx[i] += fx
            dy[i] += fy


def force_layout(
    nodes: list[str], edges: list[tuple[str, str]], iterations: int = 40, k: float = EDGE_LENGTH
) -> dict[str, tuple[float, float]]:
    index = {n: i for i, n in enumerate(nodes)}
    pairs = [(index[u], index[v]) for u, v in edges if u in index and v in index and u != v]
    degree = [0] * len(nodes)
    for a, b in pairs:
        degree[a] += 1
        degree[b] += 1
    # A hub's many neighbours need room around it: its edges get longer with its degree.
    rest = [k * max(1.0, 0.6 * math.sqrt(max(degree[a], degree[b]))) for a, b in pairs]
    order = sorted(range(len(nodes)), key=lambda i: (-degree[i], nodes[i]))
    xs, ys = _initial(order, k * 0.9)
    temperature = k * math.sqrt(len(nodes)) / 8 + k
    for step in range(iterations):
        dx = [0.0] * len(nodes)
        dy = [0.0] * len(nodes)
        _repulse(xs, ys, dx, dy, k)
        _repulse_far(xs, ys, dx, dy, k)
        for (a, b), length in zip(pairs, rest, strict=True):
            ddx, ddy = xs[a] - xs[b], ys[a] - ys[b]
            d = math.sqrt(ddx * ddx + ddy * ddy) or 1e-3
            # A spring towards the ideal length, not FR's d²/k: repulsion here is short-range,
            # and d²/k would pull whole neighbourhoods into one clump.
            pull = 0.5 * (d - length) / d
            dx[a] -= ddx * pull
            dy[a] -= ddy * pull
            dx[b] += ddx * pull
            dy[b] += ddy * pull
        limit = temperature * (1 - step / iterations) + 1.0
        for i in range(len(nodes)):
            length = math.sqrt(dx[i] * dx[i] + dy[i] * dy[i])
            if length > 0:
                scale = min(length, limit) / length
                xs[i] += dx[i] * scale
                ys[i] += dy[i] * scale
    return {n: (round(xs[i], 1), round(ys[i], 1)) for n, i in index.items()}
