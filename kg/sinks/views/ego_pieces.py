"""An ego page written in pieces (kg.sinks.views.pieced), so that a page made again, its digest
changed (kg.sinks.views.ego_digest), copies the text of the events that did not change from its
previous file: a hub's page carries twenty thousand events, and the change that remakes it a few.

Its events go a run a piece: a piece an event would keep beside the pages a digest for each of
the million events all ego pages carry. A run ends after an event whose id hashes to a multiple of
RUN, whatever the page, so that an event a page gains or loses changes its own run only, not
those after it. A run's piece is made of its events' ids and JSON text, in full or in brief: its
digest is of the events' digests (kg.sinks.views.event_digest), which hold both, and of which
of them the page carries in full.

The page's digest, which `Reuse.link` takes the page over by, is recorded under the page's name;
its pieces, under the name and PIECES.
"""

from __future__ import annotations

import zlib
from itertools import pairwise
from pathlib import Path
from typing import Any

from kg.reuse import Reuse, digest
from kg.sinks.views.event_digest import ShownEvents
from kg.sinks.views.facts import GraphFacts
from kg.sinks.views.page import page_event
from kg.sinks.views.pieced import PiecedMember, write_pieced_page
from kg.sinks.views.render import Assets, event_json, page_frame

RUN = 32
"""Events a run on average."""
PIECES = "#pieces"

Run = tuple[tuple[str, ...], tuple[bool, ...]]
"""Events in page order, and for each whether the page carries it in full."""


def run_ends(facts: GraphFacts) -> set[str]:
    """The events a run ends after, on every page."""
    return {e for e in facts.events if zlib.crc32(e.encode()) % RUN == 0}


def write_ego_page(
    path: Path,
    data: dict[str, Any],
    facts: GraphFacts,
    assets: Assets,
    ends: set[str],
    shown: ShownEvents,
    reuse: Reuse | None,
) -> None:
    """The page of `data` (kg.sinks.views.page.page_outline: its events' ids, and whether it carries
    each in full), its events a run a piece, those of runs that did not change taken from the
    previous page at `path`'s place."""
    events_json, digests = facts.page_event_json, shown.digests
    known = {True: events_json.full, False: events_json.brief}

    def encode(ids: tuple[str, ...], full: tuple[bool, ...]) -> bytes:
        # event_json's lookup inlined, as kg.sinks.views.render.page_json does: a million events.
        texts = [
            known[f].get(e) or event_json(e, page_event(e, facts, f), events_json)
            for e, f in zip(ids, full, strict=True)
        ]
        return b",".join(texts)

    def made_of(ids: tuple[str, ...], full: tuple[bool, ...]) -> str:
        return digest((full, list(map(digests.__getitem__, ids))))

    runs = PiecedMember(_runs(data["events"], ends), encode, is_object=True, made_of=made_of)
    write_pieced_page(path, page_frame(data, assets), data, {"events": runs}, reuse, PIECES)


def _runs(events: dict[str, bool], ends: set[str]) -> list[Run]:
    ids, full = tuple(events), tuple(events.values())
    cuts = [0, *(i + 1 for i, e in enumerate(ids) if e in ends)]
    if cuts[-1] < len(ids):
        cuts.append(len(ids))
    return [(ids[a:b], full[a:b]) for a, b in pairwise(cuts)]
