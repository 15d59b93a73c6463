"""Events as JSON Lines: the extraction output contract (DESIGN.md)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from kg.records import Actor, ActorRef, Agreement, Meeting, Source


class _Aliases(dict[tuple[str, str], list[str]]):
    """An actor's aliases and the name an event gives it, sorted once for every event that names
    it so: a country goes by hundreds of names, in thousands of events."""

    def __init__(self, actors: dict[str, Actor]) -> None:
        super().__init__()
        self.actors = actors

    def __missing__(self, key: tuple[str, str]) -> list[str]:
        actor_id, name = key
        actor = self.actors.get(actor_id)
        self[key] = found = sorted({*(actor.aliases if actor else []), name})
        return found

    def with_name(self, actor_id: str, name: str) -> list[str]:
        return list(self[actor_id, name])


def _actor_dict(ref: ActorRef, actors: dict[str, Actor], aliases: _Aliases | None = None) -> dict[str, Any]:
    actor = actors.get(ref.id)
    country = actors.get(actor.country) if actor and actor.country else None
    out: dict[str, Any] = {
        "id": ref.id,
        "name": ref.name,
        "name_en": actor.name_en if actor else None,
        "aliases": (_Aliases(actors) if aliases is None else aliases).with_name(ref.id, ref.name),
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


def meeting_dict(m: Meeting, actors: dict[str, Actor], aliases: _Aliases | None = None) -> dict[str, Any]:
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
        "participants": [_actor_dict(p, actors, aliases) for p in principals],
        "attendees": [_actor_dict(p, actors, aliases) for p in attendees],
        "evidence": m.sources[0].sentence,
        "sources": _sources(m.sources),
    }


def agreement_dict(a: Agreement, actors: dict[str, Actor], aliases: _Aliases | None = None) -> dict[str, Any]:
    return {
        "kind": "agreement",
        "id": a.id,
        "doc": a.doc,
        "date": a.date.iso() if a.date else None,
        "meeting": a.meeting,
        "agreement_kind": a.kind,
        "parties": [_actor_dict(p, actors, aliases) for p in a.parties],
        "topics": list(a.topics),
        "summary": a.summary,
        "evidence": a.sources[0].sentence,
        "sources": _sources(a.sources),
    }


def event_dicts(
    meetings: Iterable[Meeting], agreements: Iterable[Agreement], actors: dict[str, Actor]
) -> Iterator[dict[str, Any]]:
    aliases = _Aliases(actors)
    for m in meetings:
        yield meeting_dict(m, actors, aliases)
    for a in agreements:
        yield agreement_dict(a, actors, aliases)


dumps = json.JSONEncoder(ensure_ascii=False, sort_keys=False).encode
"""An event as one line of JSON."""


def write_jsonl(events: Iterable[dict[str, Any]], path: Path) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as out:
        events = iter(events)
        while batch := [f"{dumps(event)}\n" for event in islice(events, 1024)]:
            out.write("".join(batch))
            count += len(batch)
    return count
