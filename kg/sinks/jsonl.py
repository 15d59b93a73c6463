"""Events as JSON Lines: the extraction output contract (DESIGN.md).

A build writes events.jsonl in pieces (kg.sinks.pieces), an event's line a piece, so that a rebuild
copies the line of every event that did not change. A line shows its event's record and, for each
actor it names, the actor's names, aliases and country's name (`_actor_dict`): its digest covers
exactly the fields of the record and of each actor named that the line shows.
"""

from __future__ import annotations

import hashlib
import json
import marshal
from collections.abc import Iterable, Iterator
from itertools import chain
from operator import attrgetter
from pathlib import Path
from typing import Any

from kg.records import Actor, ActorRef, Agreement, Meeting, Source
from kg.reuse import Reuse
from kg.sinks.pieces import PieceWriter, PreviousPieces, keep


def _actor_dict(ref: ActorRef, actors: dict[str, Actor]) -> dict[str, Any]:
    actor = actors.get(ref.id)
    country = actors.get(actor.country) if actor and actor.country else None
    out: dict[str, Any] = {
        "id": ref.id,
        "name": ref.name,
        "name_en": actor.name_en if actor else None,
        "aliases": sorted({*(actor.aliases if actor else []), ref.name}),
        "type": ref.type,
        "country": (country.name_en or country.id) if country else None,
        "title": ref.title,
        "role": ref.role,
    }
    if actor:
        out["names"] = {"zh-Hans": actor.name_zh_hans, "zh-Hant": actor.name_zh_hant, "en": actor.name_en}
    return out


def _sources(sources: list[Source]) -> list[dict[str, Any]]:
    return [
        {"doc": s.doc, "sentence": s.sentence, "start": s.start, "end": s.end, "url": s.url} for s in sources
    ]


def meeting_dict(m: Meeting, actors: dict[str, Actor]) -> dict[str, Any]:
    principals = [p for p in m.participants if p.role != "attendee"]
    attendees = [p for p in m.participants if p.role == "attendee"]
    return {
        "kind": "meeting",
        "id": m.id,
        "doc": m.doc,
        "date": m.date.iso() if m.date else None,
        "date_text": m.date_text,
        "place": {"name": m.place.name, "name_en": m.place.name_en} if m.place else None,
        "mode": m.mode,
        "meeting_kind": m.kind,
        "participants": [_actor_dict(p, actors) for p in principals],
        "attendees": [_actor_dict(p, actors) for p in attendees],
        "evidence": m.sources[0].sentence,
        "sources": _sources(m.sources),
    }


def agreement_dict(a: Agreement, actors: dict[str, Actor]) -> dict[str, Any]:
    return {
        "kind": "agreement",
        "id": a.id,
        "doc": a.doc,
        "date": a.date.iso() if a.date else None,
        "meeting": a.meeting,
        "agreement_kind": a.kind,
        "parties": [_actor_dict(p, actors) for p in a.parties],
        "topics": list(a.topics),
        "summary": a.summary,
        "evidence": a.sources[0].sentence,
        "sources": _sources(a.sources),
    }


def event_dicts(
    meetings: Iterable[Meeting], agreements: Iterable[Agreement], actors: dict[str, Actor]
) -> Iterator[dict[str, Any]]:
    for m in meetings:
        yield meeting_dict(m, actors)
    for a in agreements:
        yield agreement_dict(a, actors)


def dumps(event: dict[str, Any]) -> str:
    return json.dumps(event, ensure_ascii=False, sort_keys=False)


def write_events(
    meetings: list[Meeting],
    agreements: list[Agreement],
    actors: dict[str, Actor],
    path: Path,
    reuse: Reuse,
    record_digests: dict[str, bytes] | None = None,
) -> None:
    """events.jsonl, each event's line taken over from the previous build's file when its digest
    is found there (reuse, kg.sinks.pieces), made again otherwise. record_digests: per event id,
    a digest of its whole record, when resolution made them (ResolutionMemo.record_digests)."""
    if not reuse.keeps:
        write_jsonl(event_dicts(meetings, agreements, actors), path)
        return
    previous = PreviousPieces.of(reuse, path)
    where = previous.where()
    made_of = _EventDigests(actors, record_digests or {})
    with path.open("wb") as out:
        writer = PieceWriter(out, previous, reuse)
        events: Iterator[Meeting | Agreement] = chain(meetings, agreements)
        for event in events:
            event_digest = made_of(event)
            at = where.get(event_digest)
            if at is None:
                writer.write(event_digest, (dumps(_event_dict(event, actors)) + "\n").encode())
            else:
                writer.take_next(at)
        parts = writer.close()
    keep(reuse, path, parts)


def _event_dict(event: Meeting | Agreement, actors: dict[str, Actor]) -> dict[str, Any]:
    return meeting_dict(event, actors) if isinstance(event, Meeting) else agreement_dict(event, actors)


class _EventDigests:
    """The digest of an event's line: what the line shows of its record (`_shown`), or the digest
    of its whole record that resolution made (a rebuild's resolution made those of unchanged
    events already), and what it shows of each actor it names."""

    def __init__(self, actors: dict[str, Actor], records: dict[str, bytes]) -> None:
        self.actors = actors
        self.records = records
        self._shown: dict[str, bytes] = {}

    def __call__(self, event: Meeting | Agreement) -> str:
        record = self.records.get(event.id)
        shown = b"record " + record if record is not None else marshal.dumps(_shown(event), 2)
        made_of = hashlib.blake2b(shown, digest_size=16)
        for ref in event.participants if isinstance(event, Meeting) else event.parties:
            made_of.update(self._shown.get(ref.id) or self._actor(ref.id))
        return made_of.hexdigest()

    def _actor(self, actor_id: str) -> bytes:
        """What `_actor_dict` shows of the actor (marshalled: each value delimits itself)."""
        actor = self.actors.get(actor_id)
        country = self.actors.get(actor.country) if actor and actor.country else None
        shown = (
            (
                actor.name_en,
                actor.aliases,
                actor.name_zh_hans,
                actor.name_zh_hant,
                (country.name_en or country.id) if country else None,
            )
            if actor
            else None
        )
        self._shown[actor_id] = made = marshal.dumps(shown, 2)
        return made


_SHOWN_REF = attrgetter("id", "name", "type", "title", "role")
_SHOWN_SOURCE = attrgetter("doc", "sentence", "start", "end", "url")
_DAY = attrgetter("year", "month", "day")


def _shown(event: Meeting | Agreement) -> tuple[Any, ...]:
    """Every field of the record that `meeting_dict` or `agreement_dict` shows, as plain values: not
    the fields of its sources that only the graph shows (their articles' paths, titles and hashes),
    a quarter of what a record holds (tests/test_reuse_events.py changes every field of a record
    and requires the digest to change with its line)."""
    refs = list(map(_SHOWN_REF, event.participants if isinstance(event, Meeting) else event.parties))
    sources = list(map(_SHOWN_SOURCE, event.sources))
    day = _DAY(event.date) if event.date else None
    if isinstance(event, Meeting):
        place = (event.place.name, event.place.name_en) if event.place else None
        return ("meeting", event.id, refs, event.mode, day, event.date_text, place, sources, event.kind)
    return ("agreement", event.id, refs, event.topics, event.summary, day, sources, event.meeting, event.kind)


def write_jsonl(events: Iterable[dict[str, Any]], path: Path) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for event in events:
            out.write(dumps(event) + "\n")
            count += 1
    return count
