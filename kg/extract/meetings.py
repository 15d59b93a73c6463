"""Who met whom in one sentence: the meeting verb, both sides, the place and the mode."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from kg.extract.mentions import ActorMention
from kg.grammar import Grammar, MeetingTrigger
from kg.places import PlaceHit
from kg.records import Mode
from kg.text.quotations import quoted

LISTED_TITLE_REACH = {"zh": 16, "en": 40}
"""How long a title may stand before each further person of a comma-separated list
("…，老挝国会主席C", "…, Australian Prime Minister Anthony Albanese and …")."""
SPOKESPERSON_REACH = 40
"""How far before a name its spokesperson title may stand (with ranks and an agency between)."""


@dataclass(frozen=True)
class MeetingMention:
    participants: list[tuple[ActorMention, str]]
    """Each person with the role the sentence gives them (participant, host, guest, sender, recipient)."""
    mode: Mode
    kind: str
    trigger_start: int
    trigger_end: int
    place: PlaceHit | None


def _people(mentions: list[ActorMention]) -> list[ActorMention]:
    seen: dict[str, ActorMention] = {}
    for m in mentions:
        if m.type == "Person" and m.actor_id not in seen:
            seen[m.actor_id] = m
    return list(seen.values())


def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around a trigger: from after the previous '；' or '。' to the next one."""
    left = max(text.rfind(c, 0, start) for c in "；;。") + 1
    rights = [i for i in (text.find(c, end) for c in "；;。") if i >= 0]
    return left, min(rights) if rights else len(text)


def find_meetings(
    text: str,
    actors: list[ActorMention],
    places: Callable[[], Sequence[PlaceHit]],
    grammar: Grammar,
    pair: Sequence[ActorMention] = (),
    hints: frozenset[str] | None = None,
) -> list[MeetingMention]:
    """The meeting a sentence reports between at least two people; one per guest for
    "A分别会见B和C" / "A met separately with B and C", one per recipient of one sender's letters.
    `places`: the sentence's places, asked for only once a meeting is found (most sentences with a
    meeting word tell none). `hints`: the grammar's hint words in the sentence, when the caller
    has them (Grammar.hints_in)."""
    triggers = grammar.meeting_triggers_in(text, hints)
    if not triggers:
        return []
    era = grammar.rule("era_of")
    actors = [
        a for a in actors
        if not _speaks_for_others(text, a, grammar) and not era.match(text, a.end)
    ]
    if grammar.rule("meeting_reference").search(text) and len(_people(actors)) < 2:
        return []
    for trigger_rule in triggers:
        for trigger in trigger_rule.regex.finditer(text):
            left, _ = _clause_bounds(text, trigger.start(), trigger.end())
            planned = grammar.rule("planned").finditer(text, left, trigger.start())
            if any(not quoted(text, m.start()) for m in planned):
                continue
            found = _meeting_at(text, trigger, actors, places, trigger_rule, grammar, pair)
            if found:
                return _one_per_guest(text, found, grammar)
    return []


def _speaks_for_others(text: str, actor: ActorMention, grammar: Grammar) -> bool:
    """A spokesperson (发言人, Press Secretary Maj. Gen. Pat Ryder) reports meetings, not attends them."""
    if actor.type != "Person":
        return False
    before = text[max(0, actor.start - SPOKESPERSON_REACH) : actor.start]
    found = grammar.rule("spokesperson").search(before)
    return found is not None and not re.search(r"[，,；;。]", before[found.end() :])


def _one_per_guest(text: str, found: MeetingMention, grammar: Grammar) -> list[MeetingMention]:
    hosts = [(a, r) for a, r in found.participants if r in ("host", "sender")]
    guests = [(a, r) for a, r in found.participants if r not in ("host", "sender")]
    if len(guests) < 2 or not hosts:
        return [found]
    first = min(a.start for a, _ in found.participants)
    lead = text[max(0, min(first, found.trigger_start - 12)) : found.trigger_end + 12]
    # One sender's letters to several people are several letters; several senders to several
    # recipients with no pairing stated are one joint message.
    letters = found.mode == "letter" and len(hosts) == 1
    if not (letters or grammar.rule("separately").search(lead)):
        return [found]
    return [
        MeetingMention(
            [*hosts, guest], found.mode, found.kind, found.trigger_start, found.trigger_end, found.place
        )
        for guest in guests
    ]


def _meeting_at(
    text: str,
    trigger: re.Match[str],
    actors: list[ActorMention],
    places: Callable[[], Sequence[PlaceHit]],
    rule: MeetingTrigger,
    grammar: Grammar,
    pair: Sequence[ActorMention] = (),
) -> MeetingMention | None:
    left, right = _clause_bounds(text, trigger.start(), trigger.end())
    for speaker_clause in grammar.rule("reporting").finditer(text, left, trigger.start()):
        # "高市表示，川普…与习近平通话": who reports the meeting of others is not in it, but
        # "X told reporters after his meeting with Y" is X's own.
        if any(speaker_clause.end() <= a.start < trigger.start() and a.type == "Person" for a in actors):
            left = speaker_clause.end()
    before = _people([a for a in actors if left <= a.start < trigger.start()])
    after_end = _list_end(text, trigger.end(), right, actors)
    after = _people([a for a in actors if trigger.end() <= a.start < after_end])
    separately = grammar.rule("separately").search(text, left, trigger.start())
    marker = (
        grammar.rule("recipient_marker").search(text, before[0].start, trigger.start()) if before else None
    )
    if rule.directional and marker and any(a.start > marker.start() for a in before):
        # "A向B和C发来贺信": who comes after 向 receives.
        hosts = [a for a in before if a.start < marker.start()]
        participants = _directed(rule, hosts, [a for a in before if a.start > marker.start()] + after)
    elif rule.directional and after:
        # A会见B / A sent a letter to B: the subject is the nearest person before the verb,
        # unless several are coordinated ("A和B会见C").
        hosting = {h.actor_id for h in before}
        participants = _directed(rule, before, [a for a in after if a.actor_id not in hosting])
    elif separately and before and before[0].start < separately.start():
        # "A分别与B、C和D举行会见": A met each of them.
        participants = [(a, "host" if a.start < separately.start() else "guest") for a in before]
    else:
        people = _people(before + after)
        if len(people) < 2:
            # "In a phone call on Tuesday, Wang Yi and Lavrov discussed ...": the sides follow the verb.
            people = _people([a for a in actors if left <= a.start < right])
        participants = [(p, "participant") for p in people]
    alone = len({p.actor_id for p, _ in participants}) == 1
    if alone and grammar.rule("bilateral").search(text, left, right):
        # "After a bilateral meeting, Anwar said …": the other is the one of the pair just named.
        one = participants[0][0].actor_id
        others = [p for p in pair if p.actor_id != one]
        if len(others) == 1 and len(pair) == 2:
            participants.append((others[0], "participant"))
    if len({p.actor_id for p, _ in participants}) < 2:
        return None
    place = _place(text, places(), left, right)
    return MeetingMention(participants, rule.mode, rule.kind, trigger.start(), trigger.end(), place)


def _directed(
    rule: MeetingTrigger, hosts: list[ActorMention], guests: list[ActorMention]
) -> list[tuple[ActorMention, str]]:
    """Who sends and who receives (a letter), or who hosts and who is received."""
    role_in, role_out = ("sender", "recipient") if rule.mode == "letter" else ("host", "guest")
    return [(h, role_in) for h in hosts] + [(g, role_out) for g in guests]


def _list_end(text: str, start: int, limit: int, actors: list[ActorMention]) -> int:
    """Where the people a verb takes end: at the first break, or past further comma-separated
    people each written with their title ("致电A，老挝政府总理B，老挝国会主席C，祝贺...")."""
    end = _next_break(text, start, limit)
    while end < limit and text[end] in "，,":
        segment_end = _next_break(text, end + 1, limit)
        first = next((a for a in actors if end < a.start < segment_end and a.type == "Person"), None)
        if first is None or first.start - end > _title_reach(text[end : first.start]):
            break
        end = segment_end
    return end


def _title_reach(gap: str) -> int:
    return LISTED_TITLE_REACH["en" if gap.isascii() else "zh"]


def _next_break(text: str, start: int, limit: int) -> int:
    found = re.search(r"[，,。；;]|\s(?:in|on|at|to)\s", text[start:limit])
    return start + found.start() if found else limit


def _place(text: str, places: Sequence[PlaceHit], left: int, right: int) -> PlaceHit | None:
    """The most specific place the clause introduces with 在/于/in/at ('在北京钓鱼台国宾馆': the venue)."""
    chosen: PlaceHit | None = None
    for place in places:
        if not left <= place.start < right:
            continue
        lead = text[max(left, place.start - 8) : place.start]
        introduced = re.search(r"(?:在|于)[^，。；、]{0,6}$", lead) or re.search(
            r"\b(?:in|at)(?: the)?\s+$", lead, re.I
        )
        follows_chosen = chosen is not None and place.start - chosen.end <= 1
        if introduced or follows_chosen:
            chosen = place
    return chosen
