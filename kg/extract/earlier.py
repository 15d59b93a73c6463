"""A meeting of the two people just reported, looked back on with its own date: "两人上一次会面是在
去年12月", "这是两位领袖继6月在加拿大会谈后再次见面", "The two leaders last met in June"."""

from __future__ import annotations

from collections.abc import Sequence

from kg.dates import DateMention
from kg.dates.choose import EVENT_KINDS
from kg.extract.meetings import MeetingMention
from kg.extract.mentions import ActorMention
from kg.grammar import Grammar
from kg.places import PlaceHit


def earlier_meeting(
    text: str,
    the_two: Sequence[ActorMention],
    places: Sequence[PlaceHit],
    dates: Sequence[DateMention],
    grammar: Grammar,
) -> MeetingMention | None:
    """The earlier meeting a sentence tells of `the_two` (the principals of the talks just
    reported, called 两人 / the two leaders); only with a date of its own: the earlier meeting
    is never given the date of the talks it is compared with."""
    earlier = grammar.rule("earlier").search(text)
    if earlier is None or len(the_two) != 2:
        return None
    plural = grammar.rule("plural_people").search(text)
    if plural is None or plural.start() > earlier.start():
        return None
    if not any(m.date is not None and m.kind in EVENT_KINDS for m in dates):
        return None
    place = next((p for p in places if p.start > plural.end()), None)
    return MeetingMention(
        participants=[(person, "participant") for person in the_two],
        mode="in_person",
        kind="meeting",
        trigger_start=earlier.start(),
        trigger_end=earlier.end(),
        place=place,
    )
