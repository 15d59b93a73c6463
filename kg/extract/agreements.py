"""What was agreed in one sentence: the trigger, the parties named, and what is left to context."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from kg.extract import patterns as P
from kg.extract.mentions import ActorMention

Implicit = Literal["pair", "group"]


@dataclass(frozen=True)
class AgreementMention:
    explicit: list[ActorMention]
    """Parties the sentence names before its trigger (countries, organizations or people)."""
    implicit: Implicit | None
    """'双方'/'两国' (a pair) or '各方'/'四国' (a group) to be read from the context."""
    kind: str
    trigger_start: int
    content: str
    """The part of the sentence that says what was agreed, for the summary."""


def find_agreement(text: str, actors: list[ActorMention], *, english: bool) -> AgreementMention | None:
    return _find_en(text, actors) if english else _find_zh(text, actors)


def _subject_start(text: str, before: int) -> int:
    """Skip a reporting clause ('王毅也说，'): its speaker is not a party."""
    start = 0
    for m in P.REPORTING_ZH.finditer(text, 0, before):
        start = m.end()
    return start


def _find_zh(text: str, actors: list[ActorMention]) -> AgreementMention | None:
    strong = P.AGREEMENT_STRONG_ZH.search(text)
    joint = _joint_verb(text)
    trigger = strong if strong and (joint is None or strong.start() <= joint.start()) else joint
    if trigger is None:
        return None
    start = _subject_start(text, trigger.start())
    subject = text[start : trigger.start()]
    if strong is None and P.ONE_SIDED_ZH.search(subject) and not P.PLURAL_SIDES_ZH.search(subject):
        return None
    explicit = _parties(a for a in actors if start <= a.start < trigger.start())
    implicit: Implicit | None = None
    if P.MULTI_SIDES_ZH.search(subject):
        implicit = "group"
    elif P.PLURAL_SIDES_ZH.search(subject):
        implicit = "pair"
    if len({_side(a) for a in explicit}) < 2 and implicit is None:
        return None
    content = text[trigger.start() :].strip("，,。； ")
    return AgreementMention(explicit, implicit, _kind(trigger.group(0)), trigger.start(), content)


def _joint_verb(text: str) -> re.Match[str] | None:
    """A joint verb with a will before it ("要共同打击"), outside quotes (slogans, titles)."""
    quoted = [m.span() for m in P.QUOTED_ZH.finditer(text)]
    for joint in P.AGREEMENT_JOINT_ZH.finditer(text):
        if any(s <= joint.start() < e for s, e in quoted):
            continue
        clause_start = _subject_start(text, joint.start())
        if P.JOINT_MODAL_ZH.search(text, clause_start, joint.start()):
            return joint
    return None


def _find_en(text: str, actors: list[ActorMention]) -> AgreementMention | None:
    trigger = P.AGREEMENT_EN.search(text)
    if trigger is None:
        return None
    subject_start = max(text.rfind(". ", 0, trigger.start()), 0)
    explicit = _parties(a for a in actors if subject_start <= a.start < trigger.start())
    plural = P.PLURAL_SUBJECT_EN.search(text, subject_start, trigger.start())
    implicit: Implicit | None = "pair" if plural and re.search(r"two|both", plural.group(0), re.I) else None
    if plural and implicit is None:
        implicit = "group"
    coordinated = re.search(r"\band\b", text[subject_start : trigger.start()]) is not None
    if implicit is None and not (coordinated and len({_side(a) for a in explicit}) >= 2):
        return None
    return AgreementMention(
        explicit, implicit, _kind(trigger.group(0)), trigger.start(), text[trigger.start() :]
    )


def _side(actor: ActorMention) -> str:
    return actor.actor_id if actor.type == "Person" else (actor.country or actor.actor_id)


def _parties(actors: object) -> list[ActorMention]:
    seen: dict[str, ActorMention] = {}
    for a in actors:  # type: ignore[attr-defined]
        seen.setdefault(a.actor_id, a)
    return list(seen.values())


def _kind(trigger: str) -> str:
    if re.search(r"签|sign|ink", trigger, re.I):
        return "signed"
    if re.search(r"决定|决策|决议|decid", trigger, re.I):
        return "decision"
    if re.search(r"共识|同意|一致|agree|consensus", trigger, re.I):
        return "consensus"
    return "joint_commitment"
