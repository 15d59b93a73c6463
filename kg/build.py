"""`kg build`: articles in, every output written under one folder, as one transaction.

The outputs are written into a staging folder beside the build folder and swapped in only when
all of them are complete (kg.swap), so the build folder always holds one whole build: the
previous one or the new one. Every output carries the same build id. A build that read no
article raises InputError before anything is written, leaving the previous build as it was.
"""

from __future__ import annotations

import json
import secrets
import shutil
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx

from kg.build_cache import BuildCache
from kg.cache import ExtractionCache, output_version
from kg.engines import Engine
from kg.errors import ExtractionFailed, InputError
from kg.gc_policy import collector_paused
from kg.graph import graph_and_change
from kg.layout import BuildLayout
from kg.pipeline import Progress, extract_corpus
from kg.records import Corpus, DocumentEvents, Skipped, Unchanged
from kg.resolution_memo import Memos, ResolutionMemo
from kg.reuse import Reuse
from kg.side_by_side import Step, can_fork, side_by_side
from kg.sinks.jsonl import write_events
from kg.sinks.node_link import write_graph_json
from kg.swap import recover, swap_in

if TYPE_CHECKING:
    from kg.sinks.views.facts import GraphWalk


@dataclass
class BuildReport:
    build_id: str
    documents_read: int
    skipped: list[dict[str, str]]
    meetings: int
    agreements: int
    actors: dict[str, int]
    nodes: dict[str, int]
    relationships: dict[str, int]
    outputs: dict[str, str] = field(default_factory=dict)
    from_cache: int = 0
    """Articles whose extraction was read back from the cache, not extracted again."""
    cache: str | None = None
    reused: int = 0
    """Parts of outputs (pages, chunks) taken over from the previous build (kg.reuse)."""
    remade: int = 0
    """Parts of outputs made again."""
    sink_processes: int = 1
    """Processes that wrote the outputs (kg.side_by_side): 2 where the platform forks safely."""
    seconds: float = 0.0
    steps: dict[str, float] = field(default_factory=dict)
    """Seconds per step: extract (cache reads too), resolve, graph, digests (of the graph's parts, for
    the outputs written in parts: kg.reuse.GraphDigests), events (and graph.json), rdf, views,
    embedded: where the time of a rebuild goes; in a first build, `digests kept` too (the rest of
    them, for the next build: in a rebuild, that is part of `digests`). With two sink processes the
    last four (and, in a rebuild, the digests: made in the process that reads them) overlap: `sinks`
    is their time from the first start to the last end. In a rebuild, each of the two processes
    makes the graph for itself, side by side: `graph` (made and walked by the process writing the
    views) and `graph again` (by the other) are among the steps `sinks` spans. `memo`: the
    resolution memo, kept for the next build (kg.resolution_memo) by the process done first with
    its outputs."""

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2)


def new_build_id() -> str:
    return f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"


def build(
    inputs: list[Path],
    out_dir: Path,
    *,
    workers: int = 1,
    strict: bool = False,
    on_result: Progress | None = None,
    engine: Engine | None = None,
    cache_dir: Path | None = None,
    use_cache: bool = True,
    fork_sinks: bool = True,
    spare: Callable[[object], None] | None = None,
) -> tuple[Corpus, BuildReport]:
    """Build the graph of the articles under `inputs` into `out_dir` (see the module docstring).

    An article the extraction rules trip over is skipped, its traceback kept in the report;
    strict=True raises ExtractionFailed at the first one instead, and nothing is written.
    engine: where extraction runs (kg.engines; default: `workers` local processes).
    Articles extracted by an earlier build are read back from the cache (kg.build_cache: by
    default the build folder's own, or `cache_dir`); use_cache=False extracts every article.
    fork_sinks: write half the outputs in a forked process (kg.side_by_side), where that is safe.
    spare: given what the build made and no longer needs (its graph, its resolution memo) instead
    of its being dropped here: a process about to end skips freeing it (kg.cli.exiting)."""
    started = time.perf_counter()
    layout = BuildLayout(out_dir)
    _check_target(layout)
    if cache_dir is not None and not use_cache:
        raise InputError(f"--cache {cache_dir} and --no-cache contradict each other: give one of them")
    build_id = new_build_id()
    staged = BuildLayout(layout.staging(build_id))
    cache = BuildCache(layout, staged, cache_dir, use_cache)
    recover(out_dir, layout.leftovers("previous"), layout.leftovers())
    clock = _Clock()
    progress = clock.ticking(_strict(on_result) if strict else on_result)
    with collector_paused():
        try:
            memos = Memos(_previous_memo(layout, cache.store))
            corpus = extract_corpus(
                inputs, workers=workers, on_result=progress, engine=engine, cache=cache.store, memos=memos
            )
            clock.lap("extract", at=clock.last_tick)
            clock.lap("resolve")
            if not corpus.documents:
                raise _nothing_read(inputs, layout)
            staged.root.mkdir(parents=True, exist_ok=True)  # a first build's cache may have made it
            reuse = _reuse(layout, staged, use_cache)
            fork = fork_sinks and can_fork()
            report = _write_build(corpus, staged, build_id, clock, reuse, fork, memos.made, spare)
            reuse.save()
            report.reused, report.remade = reuse.taken, reuse.made
            report.steps = clock.steps
            report.from_cache = cache.hits
            report.cache = str(cache.folder) if cache.folder else None
            report.outputs = _outputs(layout)
            report.seconds = round(time.perf_counter() - started, 3)
            staged.report.write_text(report.to_json(), encoding="utf-8")
            cache.carry()
            swap_in(staged.root, out_dir, layout.previous(build_id))
            if spare is not None:
                spare(memos)
        finally:
            cache.put_back()
            shutil.rmtree(staged.root, ignore_errors=True)
    return corpus, report


def _reuse(layout: BuildLayout, staged: BuildLayout, use_cache: bool) -> Reuse:
    """What the outputs may take over from the build they replace (nothing with --no-cache); every
    build records what its outputs were made of, for the next one."""
    previous = layout.root if use_cache and layout.is_build() else None
    return Reuse(previous, staged.root, output_version())


def _previous_memo(layout: BuildLayout, cache: ExtractionCache | None) -> Path | None:
    """The resolution memo of the build being replaced: only a build with a cache has one to read
    (it reads back the articles a change touches from the cache)."""
    return layout.resolution if cache is not None and layout.is_build() else None


def _nothing_read(inputs: list[Path], layout: BuildLayout) -> InputError:
    kept = f"the previous build in {layout.root} is untouched" if layout.is_build() else "nothing was written"
    return InputError(f"no article could be read from {', '.join(map(str, inputs))}: {kept}")


def _strict(on_result: Progress | None) -> Progress:
    def check(result: DocumentEvents | Skipped | Unchanged) -> None:
        if on_result:
            on_result(result)
        if isinstance(result, Skipped) and result.traceback:
            failure = ExtractionFailed(f"{result.path}: {result.reason} (--strict stops here)")
            failure.detail = result.traceback
            raise failure

    return check


def _skipped(skipped: Skipped) -> dict[str, str]:
    entry = {"path": skipped.path, "reason": skipped.reason}
    if skipped.traceback:
        entry["traceback"] = skipped.traceback
    return entry


def _check_target(layout: BuildLayout) -> None:
    root = layout.root
    if root.exists() and not root.is_dir():
        raise InputError(f"--out {root} is a file, not a folder")
    if root.is_dir() and any(root.iterdir()) and not layout.is_build():
        # The swap replaces the whole folder: never a folder that holds anything but a build.
        raise InputError(f"--out {root} holds files that are not a kg build: choose another folder")


def _outputs(layout: BuildLayout) -> dict[str, str]:
    return {
        "events": str(layout.events),
        "graph": str(layout.graph),
        "rdf": str(layout.rdf),
        "views": str(layout.views / "index.html"),
        "embedded": str(layout.embedded),
        "report": str(layout.report),
    }


class _Graph:
    """The build's graph, made by the first step that asks for it in its process (kg.side_by_side:
    before the fork, for both processes, or in each), walked once for the views and the report."""

    def __init__(self, corpus: Corpus, reuse: Reuse, build_id: str) -> None:
        self.corpus, self.reuse, self.build_id = corpus, reuse, build_id
        self._graph: nx.MultiDiGraph | None = None
        self._walked: GraphWalk | None = None
        self.nodes: dict[str, int] = {}
        """Nodes per label, counted as the graph is walked."""

    def __call__(self) -> nx.MultiDiGraph:
        if self._graph is None:
            graph, changed = graph_and_change(self.corpus, self.reuse)
            self.reuse.note_graph_change(changed)
            graph.graph["build_id"] = self.build_id
            self._graph = graph
        return self._graph

    def walked(self) -> GraphWalk:
        from kg.sinks.views.facts import walk

        if self._walked is None:
            graph = self()
            self._walked = walk(graph)
            self.nodes = dict(Counter(map(itemgetter("label"), graph._node.values())))
        return self._walked


class _Clock:
    """Seconds per step of a build, for report.json: where the time of a rebuild goes."""

    def __init__(self) -> None:
        self.steps: dict[str, float] = {}
        self.last_tick = self._last = time.perf_counter()

    def ticking(self, on_result: Progress | None) -> Progress:
        """`on_result`, noting when the last article's result came in (extraction ends there)."""

        def tick(result: DocumentEvents | Skipped | Unchanged) -> None:
            if on_result:
                on_result(result)
            self.last_tick = time.perf_counter()

        return tick

    def lap(self, step: str, at: float | None = None) -> None:
        now = time.perf_counter() if at is None else max(at, self._last)
        self.steps[step] = round(now - self._last, 3)
        self._last = now


def _write_build(
    corpus: Corpus,
    staged: BuildLayout,
    build_id: str,
    clock: _Clock,
    reuse: Reuse,
    fork: bool,
    memo: ResolutionMemo | None,
    spare: Callable[[object], None] | None,
) -> BuildReport:
    from kg.sinks.views import write_views

    graph = _Graph(corpus, reuse, build_id)

    def events() -> None:
        digests = memo.record_digests() if memo is not None else None
        write_events(corpus.meetings, corpus.agreements, corpus.actors, staged.events, reuse, digests)
        write_graph_json(graph(), staged.graph, reuse)

    def keep_digests() -> None:
        # What the graph's parts are made of (kg.reuse.GraphDigests), read by graph.json, RDF and
        # the database, not by the views; kept for the next build's.
        reuse.keep_graph_digests(graph())

    def keep_memo() -> None:
        # What the resolution was made of (kg.resolution_memo), for the next build's; written
        # beside the outputs, off the way from the articles to the graph.
        if memo is not None:
            memo.save(staged.resolution)

    # RDF's and the database's modules are imported by the process that writes them.
    def write_database() -> None:
        from kg.backends.ladybug import write_embedded

        write_embedded(graph(), staged.root, reuse=reuse)

    def write_turtle() -> None:
        from kg.sinks.rdf import write_rdf

        write_rdf(graph(), staged.rdf, "ttl", reuse=reuse)

    views: Step = (
        "views",
        lambda: write_views(graph(), staged.root, reuse=reuse, walked=graph.walked(), change=corpus.change),
    )
    embedded: Step = ("embedded", write_database)
    rdf: Step = ("rdf", write_turtle)
    # Two sides of about the same cost (bench/rebuild.py, 10,000 articles). In a full build the
    # views and the database cost about what events and RDF cost, and the digests are made before
    # the fork for both sides. In a rebuild, where every output patches what changed, the views
    # cost what all the rest does, and each process makes the graph for itself, side by side:
    # made before the fork, it was made on one core while the other waited, and then faulted
    # page by page into both processes (copy-on-write).
    here: list[Step]
    there: list[Step]
    if reuse.can_take_over:
        here = [("graph", graph.walked), views]
        there = [("graph again", graph), ("digests", keep_digests), ("events", events), rdf, embedded]
    else:
        graph.walked()
        clock.lap("graph")
        reuse.graph_digests(graph())
        clock.lap("digests")
        # Kept once RDF has digested the relationships into every node.
        here, there = [views, embedded], [("events", events), rdf, ("digests kept", keep_digests)]
    clock.steps.update(side_by_side(here, there, reuse, fork=fork, either=[("memo", keep_memo)]))
    clock.lap("sinks")
    walked = graph.walked()
    if spare is not None:
        spare(graph())
    return BuildReport(
        build_id=build_id,
        documents_read=len(corpus.documents),
        skipped=[_skipped(s) for s in corpus.skipped],
        meetings=len(corpus.meetings),
        agreements=len(corpus.agreements),
        actors=dict(Counter(a.type for a in corpus.actors.values())),
        nodes=graph.nodes,
        relationships=walked.counts(),
        sink_processes=2 if fork else 1,
    )
