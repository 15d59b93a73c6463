"""Events as JSON Lines: the extraction output contract (DESIGN.md)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from kg.records import Actor, ActorRef, Agreement, Meeting, Source


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


def write_jsonl(events: Iterable[dict[str, Any]], path: Path) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for event in events:
            out.write(dumps(event) + "\n")
            count += 1
    return count
