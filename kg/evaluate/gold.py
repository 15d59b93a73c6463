"""The gold files `kg eval` reads (the contract of DESIGN.md): one JSON object per event."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

KINDS = ("meeting", "agreement")
_GOLD_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class GoldFormatError(ValueError):
    """A gold file line that cannot be read; the message names the file and the line."""


@dataclass(frozen=True)
class GoldEvent:
    doc: str
    type: str
    evidence: str
    participants: list[list[str]] = field(default_factory=list)
    parties: list[list[str]] = field(default_factory=list)
    date: str | None = None
    place: list[str] | None = None
    mode: str | None = None
    topics: list[str] = field(default_factory=list)
    summary: str | None = None
    alt_evidence: list[str] = field(default_factory=list)
    sides: list[list[str]] = field(default_factory=list)
    note: str | None = None

    @property
    def actors(self) -> list[list[str]]:
        return self.participants if self.type == "meeting" else self.parties


def _alias_lists(value: Any, what: str) -> list[list[str]]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError(f"{what} must be a list of alias lists")
    lists = [[item] if isinstance(item, str) else item for item in value]
    if not all(isinstance(a, list) and a and all(isinstance(s, str) for s in a) for a in lists):
        raise ValueError(f"{what} must be a list of non-empty lists of names")
    return lists


def _gold_event(data: Any) -> GoldEvent:
    if not isinstance(data, dict):
        raise ValueError("expected a JSON object")
    for key in ("doc", "type", "evidence"):
        if not isinstance(data.get(key), str) or not data[key]:
            raise ValueError(f"missing or empty {key!r}")
    if data["type"] not in KINDS:
        raise ValueError(f"type must be meeting or agreement, not {data['type']!r}")
    date = data.get("date")
    if date is not None and not (isinstance(date, str) and _GOLD_DATE.match(date)):
        raise ValueError(f"date must be YYYY, YYYY-MM, YYYY-MM-DD or null, not {date!r}")
    alt = data.get("alt_evidence") or []
    if not (isinstance(alt, list) and all(isinstance(s, str) for s in alt)):
        raise ValueError("alt_evidence must be a list of sentences")
    return GoldEvent(
        doc=data["doc"],
        type=data["type"],
        evidence=data["evidence"],
        participants=_alias_lists(data.get("participants"), "participants"),
        parties=_alias_lists(data.get("parties"), "parties"),
        date=date,
        place=data.get("place"),
        mode=data.get("mode"),
        topics=list(data.get("topics") or []),
        summary=data.get("summary"),
        alt_evidence=list(alt),
        sides=_alias_lists(data.get("sides"), "sides"),
        note=data.get("note"),
    )


def read_gold(path: Path) -> list[GoldEvent]:
    """Gold events from a JSON Lines file; a bad line raises GoldFormatError naming file:line."""
    events = []
    with Path(path).open(encoding="utf-8-sig") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                events.append(_gold_event(json.loads(line)))
            except json.JSONDecodeError as exc:
                raise GoldFormatError(f"{path}:{number}: invalid JSON: {exc.msg}") from exc
            except ValueError as exc:
                raise GoldFormatError(f"{path}:{number}: {exc}") from exc
    return events
