"""Cross-document resolution: one actor per real actor, one meeting per real meeting, stable ids."""

from __future__ import annotations

from collections.abc import Iterable

from kg.extract.merge import agreement_key, meeting_key, merge_agreements, merge_meetings, principals
from kg.ids import short_hash
from kg.records import Actor, Agreement, ArticleMeta, Corpus, DocumentEvents, Meeting, Skipped, Topic


class _Held:
    """What a merged actor holds already: most copies of an actor add nothing, and are found to
    add nothing without making its aliases and titles again."""

    def __init__(self, actor: Actor) -> None:
        self.aliases = set(actor.aliases)
        self.titles = {t.title for t in actor.titles}
        actor.aliases = sorted(self.aliases)  # a merged actor's aliases are sorted, once merged

    def merge(self, into: Actor, other: Actor) -> None:
        if not self.aliases.issuperset(other.aliases):
            self.aliases.update(other.aliases)
            into.aliases = sorted(self.aliases)
        for title in other.titles:
            if title.title not in self.titles:
                self.titles.add(title.title)
                into.titles.append(title)
        into.name_zh_hans = into.name_zh_hans or other.name_zh_hans
        into.name_zh_hant = into.name_zh_hant or other.name_zh_hant
        into.name_en = into.name_en or other.name_en
        into.country = into.country or other.country


def fold_actor(copies: list[Actor], reports: int) -> Actor:
    """An actor's distinct copies merged as the Resolver merges all of them (a copy repeated adds
    nothing), given in the order of their first reports; `reports`: the copies, repeats included."""
    into = copies[0]
    if reports > 1:
        held = _Held(into)
        for other in copies[1:]:
            held.merge(into, other)
    return into


def meeting_id(meeting: Meeting) -> str:
    key = [*sorted(principals(meeting)), meeting.mode, meeting.date.iso() if meeting.date else ""]
    if meeting.date is None:
        first = meeting.sources[0]
        key += [first.doc, str(first.start)]
    return f"meeting:{short_hash(*key)}"


def meeting_bucket(meeting: Meeting) -> tuple[object, ...] | None:
    """The meetings of other articles a meeting may merge with share its bucket (merge_meetings'
    key across documents); None for an undated meeting, which merges with none."""
    if meeting.date is None:
        return None
    return ("meeting", *meeting_key(meeting, within_document=False))


def agreement_bucket(agreement: Agreement) -> tuple[object, ...] | None:
    """As meeting_bucket, for agreements (merge_agreements' key across documents)."""
    if agreement.date is None:
        return None
    return ("agreement", *agreement_key(agreement, within_document=False))


def meeting_ids(events: DocumentEvents) -> dict[str, str]:
    """An article's meetings' ids -> the ids they have once merged across articles: the id of a
    merged meeting is made of what all its reports share (its principals, mode and date), or,
    undated, of its only report (meeting_id)."""
    return {m.id: meeting_id(m) for m in events.meetings}


def agreement_id(agreement: Agreement) -> str:
    first = agreement.sources[0]
    key = [*sorted(p.id for p in agreement.parties), first.doc, str(first.start)]
    return f"agreement:{short_hash(*key)}"


class Resolver:
    """Takes each document's events as they stream in: actors merge at once, so what is kept
    grows with the number of facts, not with the number of articles' actor copies."""

    def __init__(self, topics: dict[str, Topic]) -> None:
        self.topics = topics
        self.documents: list[ArticleMeta] = []
        self.actors: dict[str, Actor] = {}
        self.meetings: list[Meeting] = []
        self.agreements: list[Agreement] = []
        self.skipped: list[Skipped] = []
        self._held: dict[str, _Held] = {}

    def add(self, events: DocumentEvents) -> None:
        self.documents.append(events.article)
        for actor_id, actor in events.actors.items():
            self.add_actor(actor_id, actor)
        self.meetings.extend(events.meetings)
        self.agreements.extend(events.agreements)

    def add_actor(self, actor_id: str, actor: Actor) -> None:
        """One more copy of an actor: the first is kept, and later ones merge into it."""
        into = self.actors.get(actor_id)
        if into is None:
            self.actors[actor_id] = actor
            return
        held = self._held.get(actor_id)
        if held is None:
            held = self._held[actor_id] = _Held(into)
        held.merge(into, actor)

    def corpus(self) -> Corpus:
        merged_meetings, renamed = merge_meetings(self.meetings, within_document=False)
        final_ids = {m.id: meeting_id(m) for m in merged_meetings}
        for m in merged_meetings:
            m.id = final_ids[m.id]
        for a in self.agreements:
            if a.meeting is not None:
                a.meeting = final_ids.get(renamed.get(a.meeting, a.meeting))
        merged_agreements = merge_agreements(self.agreements, within_document=False)
        for a in merged_agreements:
            a.id = agreement_id(a)
        return Corpus(
            documents=sorted(self.documents, key=lambda d: d.name),
            actors=dict(sorted(self.actors.items())),
            meetings=sorted(merged_meetings, key=lambda m: (m.date.iso() if m.date else "", m.id)),
            agreements=sorted(merged_agreements, key=lambda a: (a.date.iso() if a.date else "", a.id)),
            topics=topics_used(self.topics, merged_agreements),
            skipped=list(self.skipped),
        )


def topics_used(topics: dict[str, Topic], agreements: Iterable[Agreement]) -> dict[str, Topic]:
    """The topics some agreement concerns, by id."""
    used = {t for a in agreements for t in a.topics}
    return {k: v for k, v in sorted(topics.items()) if k in used}


def resolve(
    per_document: Iterable[DocumentEvents], topics: dict[str, Topic], skipped: Iterable[Skipped] = ()
) -> Corpus:
    resolver = Resolver(topics)
    for events in per_document:
        resolver.add(events)
    resolver.skipped.extend(skipped)
    return resolver.corpus()
