"""The build folder: the name of every file and folder `kg build` writes, and nothing else.

Every module that reads or writes a build asks a `BuildLayout` for its paths, so a name is
spelled once. The staging and previous-build folders live beside the build folder (same
filesystem, so swapping them is a rename) and start with a dot so that listings hide them.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from kg.errors import NotBuilt
from kg.graph import read_node_link

EVENTS = "events.jsonl"
GRAPH = "graph.json"
RDF = "graph.ttl"
VIEWS = "views"
EMBEDDED = "graph.lbdb"
REPORT = "report.json"
CACHE = "cache"
"""The extraction cache (kg.cache): carried from build to build, not an output of one."""
RESOLUTION = "resolution.memo"
"""What the build's resolution was made of (kg.resolution_memo), for the next build's."""
OUTPUTS = (EVENTS, GRAPH, RDF, VIEWS, EMBEDDED, REPORT)
"""Everything a complete build holds (the embedded database may add sidecar files beside its own)."""
EXPORT_NAMES = {
    "ttl": RDF,
    "jsonld": "graph.jsonld",
    "nt": "graph.nt",
    "graphml": "graph.graphml",
    "csv": ".",  # a folder: nodes.csv and edges.csv
    "triples": "triples.csv",
}
"""Where `kg export` writes each format by default, relative to the build folder."""
_SIDE_FOLDER = ".{name}.kg-{kind}-{build_id}"


class BuildLayout:
    """The paths of one build folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.events = root / EVENTS
        self.graph = root / GRAPH
        self.rdf = root / RDF
        self.views = root / VIEWS
        self.embedded = root / EMBEDDED
        self.report = root / REPORT
        self.cache = root / CACHE
        self.resolution = root / RESOLUTION

    def export(self, fmt: str) -> Path:
        """Where `kg export` writes a format by default: beside the build's own outputs."""
        return self.root / EXPORT_NAMES[fmt]

    def view(self, file_name: str) -> Path:
        return self.views / file_name

    def staging(self, build_id: str) -> Path:
        """The folder a build is written into before it replaces `root`."""
        return self._side("staging", build_id)

    def previous(self, build_id: str) -> Path:
        """Where the replaced build lands for the moment of the swap (then it is deleted)."""
        return self._side("previous", build_id)

    def leftovers(self, kind: str = "*") -> list[Path]:
        """Staging and previous folders an interrupted build left beside `root`, oldest first."""
        pattern = _SIDE_FOLDER.format(name=self.root.name, kind=kind, build_id="*")
        return sorted(self.root.parent.glob(pattern))

    def _side(self, kind: str, build_id: str) -> Path:
        return self.root.parent / _SIDE_FOLDER.format(name=self.root.name, kind=kind, build_id=build_id)

    def is_build(self) -> bool:
        return self.report.is_file() or self.graph.is_file()

    def require(self, path: Path) -> Path:
        """`path` of this layout, or NotBuilt naming it and what to do."""
        if not path.exists():
            raise NotBuilt(f"{path} not found: run `kg build` first (or pass --out to the build folder)")
        return path

    def read_graph(self) -> nx.MultiDiGraph:
        """The graph of this build, or NotBuilt."""
        return read_node_link(self.require(self.graph))
