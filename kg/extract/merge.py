"""One event per real event: mentions of the same meeting or agreement become one record with many sources."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise

from kg.records import ActorRef, Agreement, Meeting, PartialDate, Source

_NOT_TEXT = re.compile(r"[\s\W_]+")


class _SourceIndex:
    """The (doc, start) of every source of each kept event: an event reported by thousands of
    articles must not be re-read whole each time one more report joins it."""

    def __init__(self) -> None:
        self._keys: dict[int, set[tuple[str, int]]] = {}  # by id(): kept events live while merging

    def keys(self, event: Meeting | Agreement) -> set[tuple[str, int]]:
        keys = self._keys.get(id(event))
        if keys is None:
            keys = self._keys[id(event)] = {(s.doc, s.start) for s in event.sources}
        return keys

    def add(self, into: Meeting | Agreement, more: list[Source]) -> None:
        seen = self.keys(into)
        for source in more:
            key = (source.doc, source.start)
            if key not in seen:
                seen.add(key)
                into.sources.append(source)


def principals(meeting: Meeting) -> frozenset[str]:
    return frozenset(p.id for p in meeting.participants if p.role != "attendee")


def dates_compatible(a: PartialDate | None, b: PartialDate | None, *, loose: bool) -> bool:
    """Equal dates always agree; within one article an undated or less precise mention agrees too."""
    if a is None or b is None:
        return loose
    if a == b:
        return True
    return loose and (a.iso().startswith(b.iso()) or b.iso().startswith(a.iso()))


def more_precise(a: PartialDate | None, b: PartialDate | None) -> PartialDate | None:
    if a is None:
        return b
    if b is None:
        return a
    return a if len(a.iso()) >= len(b.iso()) else b


def _merge_participants(into: list[ActorRef], more: list[ActorRef]) -> None:
    present = {p.id: i for i, p in enumerate(into)}
    for p in more:
        i = present.get(p.id)
        if i is None:
            present[p.id] = len(into)
            into.append(p)
        elif into[i].title is None and p.title and into[i].role == p.role:
            into[i] = p  # the same person in the same role, now with the title another report gives


def _absorb_meeting(kept: Meeting, other: Meeting, index: _SourceIndex) -> None:
    _merge_participants(kept.participants, other.participants)
    if more_precise(kept.date, other.date) is not kept.date:
        kept.date, kept.date_text = other.date, other.date_text
    kept.place = kept.place or other.place
    if kept.place and other.place and other.place.name_en and not kept.place.name_en:
        kept.place = other.place
    index.add(kept, other.sources)


def merge_meetings(
    meetings: list[Meeting], *, within_document: bool, merged: Sequence[Meeting] = ()
) -> tuple[list[Meeting], dict[str, str]]:
    """Merge meetings with the same principals and compatible dates; also returns old id -> kept id.
    `merged`: meetings kept by an earlier merge, that `meetings` come after (they merge on into them).

    Across documents dates and modes must be equal, so candidates are found by key, not by scanning.
    """
    kept: list[Meeting] = []
    buckets: dict[tuple[object, ...], list[Meeting]] = {}
    renamed: dict[str, str] = {}
    index = _SourceIndex()
    for m in merged:
        kept.append(m)
        buckets.setdefault(meeting_key(m, within_document=within_document), []).append(m)
    for m in meetings:
        key = meeting_key(m, within_document=within_document)
        bucket = buckets.setdefault(key, [])
        target = next((k for k in bucket if dates_compatible(k.date, m.date, loose=within_document)), None)
        if target is None:
            kept.append(m)
            bucket.append(m)
            renamed[m.id] = m.id
        else:
            _absorb_meeting(target, m, index)
            renamed[m.id] = target.id
    return kept, renamed


def meeting_key(m: Meeting, *, within_document: bool) -> tuple[object, ...]:
    """What the meetings `m` may merge with share, as plain values (a rebuild keeps the merges of
    each key across documents: kg.resolution_memo): its principals, and across documents its day
    and mode."""
    people = tuple(sorted(principals(m)))
    return (people,) if within_document else (people, _day(m.date), m.mode)


def _day(date: PartialDate | None) -> tuple[int, int | None, int | None] | None:
    return (date.year, date.month, date.day) if date else None


def merge_meetings_in_document(meetings: list[Meeting]) -> tuple[list[Meeting], dict[str, str]]:
    return merge_meetings(meetings, within_document=True)


_WORD = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=1024)
def bigrams(text: str) -> frozenset[str]:
    """Character bigrams without spaces and punctuation, or word bigrams in a text of words
    (any two English sentences share most letter pairs); cached, as a kept event is compared often."""
    clean = _NOT_TEXT.sub("", text)
    if clean.isascii():
        words = _WORD.findall(text.lower())
        return frozenset(f"{a} {b}" for a, b in pairwise(words))
    return frozenset(clean[i : i + 2] for i in range(len(clean) - 1))


def overlap(a: str, b: str) -> float:
    """Share of the shorter text's character bigrams found in the other."""
    ba, bb = bigrams(a), bigrams(b)
    if not ba or not bb:
        return 0.0
    return len(ba & bb) / min(len(ba), len(bb))


def _is_headline(agreement: Agreement) -> bool:
    first = agreement.sources[0] if agreement.sources else None
    return first is not None and (
        first.start == 0 or bool(first.title and first.sentence.strip() in first.title)
    )


def _is_title(agreement: Agreement) -> bool:
    first = agreement.sources[0] if agreement.sources else None
    return first is not None and first.title is not None and first.sentence.strip() == first.title.strip()


def _same_agreement(a: Agreement, b: Agreement, index: _SourceIndex, *, within_document: bool) -> bool:
    if {p.id for p in a.parties} != {p.id for p in b.parties}:
        return False
    if (a.kind == "signed") != (b.kind == "signed"):
        return False  # a signed document is its own agreement, never a consensus of the same talks
    told_by_a = index.keys(a)
    if any((s.doc, s.start) in told_by_a for s in b.sources):
        return False  # one sentence's documents were told apart when it was read
    if not dates_compatible(a.date, b.date, loose=within_document):
        return False
    # The first few sentences stand for an event: an agreement reported by many articles is
    # compared by what its earliest reports say, not by everything ever said of it.
    if any(overlap(x.sentence, y.sentence) >= 0.6 for x in a.sources[:3] for y in b.sources[:3]):
        return True
    if within_document and any(_is_title(x) and len(x.sources) == 1 for x in (a, b)):
        return True  # a title states the agreement the first sentence of the body with its parties tells
    # One agreement told twice around the same talks ("当时，双方一致同意……" and the quote that follows).
    same_meeting = a.meeting is not None and a.meeting == b.meeting
    # A headline ("双方同意继续保持沟通") names no topic: it is the agreement the body details.
    shared, either = set(a.topics) & set(b.topics), set(a.topics) | set(b.topics)
    headline = within_document and (_is_headline(a) or _is_headline(b)) and (not a.topics or not b.topics)
    return same_meeting and (headline or (bool(shared) and len(shared) >= len(either) / 2))


def merge_agreements(
    agreements: list[Agreement], *, within_document: bool, merged: Sequence[Agreement] = ()
) -> list[Agreement]:
    """Merge the agreements told of one event; `merged`: agreements kept by an earlier merge (in the
    order they were kept), that `agreements` come after (they merge on into them)."""
    kept: list[Agreement] = []
    buckets: dict[tuple[object, ...], list[Agreement]] = {}
    index = _SourceIndex()
    for a in merged:
        kept.append(a)
        if within_document or a.date is not None:
            buckets.setdefault(agreement_key(a, within_document=within_document), []).append(a)
    for a in agreements:
        if not within_document and a.date is None:
            kept.append(a)  # undated agreements of two articles are never taken for one
            continue
        bucket = buckets.setdefault(agreement_key(a, within_document=within_document), [])
        same = (k for k in bucket if _same_agreement(k, a, index, within_document=within_document))
        target = next(same, None)
        if target is None:
            kept.append(a)
            bucket.append(a)
            continue
        index.add(target, a.sources)
        target.topics = list(dict.fromkeys([*target.topics, *a.topics]))
        target.date = more_precise(target.date, a.date)
        target.meeting = target.meeting or a.meeting
    return kept


def agreement_key(a: Agreement, *, within_document: bool) -> tuple[object, ...]:
    """As meeting_key, for agreements: their parties, and across documents their day."""
    parties = tuple(sorted({p.id for p in a.parties}))
    return (parties,) if within_document else (parties, _day(a.date))


def merge_agreements_in_document(agreements: list[Agreement]) -> list[Agreement]:
    return merge_agreements(agreements, within_document=True)
