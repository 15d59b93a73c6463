"""What was agreed in one sentence: the trigger, the parties named, and what is left to context."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from kg.extract.mentions import ActorMention
from kg.grammar import Grammar

Implicit = Literal["pair", "people", "group"]


@dataclass(frozen=True)
class AgreementMention:
    explicit: list[ActorMention]
    """Parties the sentence names before its trigger (countries, organizations or people)."""
    implicit: Implicit | None
    """'双方'/'两国' (a pair), '两位部长' (the two people met) or '各方'/'四国' (a group), read from the context."""
    kind: str
    trigger_start: int
    content: str
    """The part of the sentence that says what was agreed, for the summary."""


def find_agreement(text: str, actors: list[ActorMention], grammar: Grammar) -> AgreementMention | None:
    strong = grammar.rule("agreement_strong").search(text)
    joint = _joint_verb(text, grammar)
    trigger = strong if strong and (joint is None or strong.start() <= joint.start()) else joint
    if trigger is None:
        return None
    start = _subject_start(text, trigger.start(), grammar)
    subject = text[start : trigger.start()]
    people = grammar.rule("plural_people").search(subject)
    pair = people or grammar.rule("plural_pair").search(subject)
    if trigger is not strong and grammar.rule("one_sided").search(subject) and not pair:
        return None
    explicit = _parties(a for a in actors if start <= a.start < trigger.start())
    implicit: Implicit | None = None
    if grammar.rule("plural_group").search(subject):
        implicit = "group"
    elif people:
        implicit = "people"
    elif pair:
        implicit = "pair"
    coordinator = grammar.rule("coordinator")
    coordinated = not coordinator.phrases or coordinator.search(subject) is not None
    if implicit is None and not (coordinated and len({a.side for a in explicit}) >= 2):
        return None
    content = text[trigger.start() :].strip("，,。；; ")
    rule = grammar.rule("agreement_strong" if trigger is strong else "agreement_joint")
    kind = rule.kind_of(trigger.group(0)) or "joint_commitment"
    return AgreementMention(explicit, implicit, kind, trigger.start(), content)


def _subject_start(text: str, before: int, grammar: Grammar) -> int:
    """Where the subject of a verb at `before` starts: after a reporting clause ('王毅也说，',
    'Wang said'), whose speaker is not a party."""
    start = 0
    for m in grammar.rule("reporting").finditer(text, 0, before):
        start = m.end()
    return start


def _joint_verb(text: str, grammar: Grammar) -> re.Match[str] | None:
    """A joint verb, with a will before it where the grammar asks for one ("要共同打击"),
    outside quotes (slogans, titles)."""
    quoted = [m.span() for m in grammar.rule("quoted").finditer(text)]
    will = grammar.rule("joint_will")
    for joint in grammar.rule("agreement_joint").finditer(text):
        if any(s <= joint.start() < e for s, e in quoted):
            continue
        if not will.phrases or will.search(text, _subject_start(text, joint.start(), grammar), joint.start()):
            return joint
    return None


def _parties(actors: object) -> list[ActorMention]:
    seen: dict[str, ActorMention] = {}
    for a in actors:  # type: ignore[attr-defined]
        seen.setdefault(a.actor_id, a)
    return list(seen.values())
