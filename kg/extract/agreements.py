"""What was agreed in one sentence: the trigger, the parties named, and what is left to context."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from kg.extract.mentions import ActorMention
from kg.grammar import Grammar

Implicit = Literal["pair", "people", "group"]

_DATE_WORDS = re.compile(r"[\d〇○零一二三四五六七八九十年月日\s]+")


@dataclass(frozen=True)
class AgreementMention:
    explicit: list[ActorMention]
    """Parties the sentence names before its trigger (countries, organizations or people)."""
    implicit: Implicit | None
    """'双方'/'两国' (a pair), '两位部长' (the two who met) or '各方'/'四国' (a group): read from context."""
    kind: str
    trigger_start: int
    content: str
    """The part of the sentence that says what was agreed, for the summary."""
    documents: tuple[str, ...] = ()
    """The titles of the documents a signing names (《…》「…」“…”), one agreement each."""


def find_agreement(
    text: str, actors: list[ActorMention], grammar: Grammar, hints: frozenset[str] | None = None
) -> AgreementMention | None:
    """The agreement a sentence tells: at its first agreement verb, else at the next one ("越南将
    与东盟共同推动落实柬埔寨与泰国达成的停火协议": not Vietnam's pledge, but the ceasefire).
    `hints`: the grammar's hint words in the sentence, when the caller has them (Grammar.hints_in)."""
    quoted = [m.span() for m in grammar.rule("quoted").finditer(text)]
    outside = [a for a in actors if not _inside(a.start, quoted)]  # 《中老泰铁路协定》 names no party
    strong = None
    if grammar.may_match("agreement_strong", hints):
        strong_rule = grammar.rule("agreement_strong")
        strong = next((m for m in strong_rule.finditer(text) if not _inside(m.start(), quoted)), None)
    joint = _joint_verb(text, outside, quoted, grammar, hints)
    for trigger in sorted((t for t in (strong, joint) if t is not None), key=lambda t: t.start()):
        found = _agreement_at(text, trigger, trigger is strong, outside, quoted, grammar)
        if found is not None:
            return found
    return None


def _agreement_at(
    text: str,
    trigger: re.Match[str],
    strong: bool,
    outside: list[ActorMention],
    quoted: list[tuple[int, int]],
    grammar: Grammar,
) -> AgreementMention | None:
    start = _subject_start(text, trigger.start(), grammar)
    subject = text[start : trigger.start()]
    people = grammar.rule("plural_people").search(subject)
    pair = people or grammar.rule("plural_pair").search(subject)
    if not strong:
        if grammar.rule("not_agreed").search(subject):
            return None
        one_sided = grammar.rule("one_sided").search(subject)
        if one_sided:
            # "中方愿同柬方……" is one side's pledge unless both sides are its subject, in its own
            # clause: "……两国元首达成的共识，中方愿与俄方共同努力" is still a pledge.
            clause = max(subject.rfind(c, 0, one_sided.start()) for c in "，,；;") + 1
            if not grammar.rule("plural_pair").search(subject, clause):
                return None
    in_subject = [a for a in outside if start <= a.start < trigger.start()]
    chain = _chain_before(text, in_subject, grammar)
    if not strong and len({a.side for a in chain}) < 2:
        in_subject = []  # what both sides will do needs both as its subject: 双方要, 中越要, A和B共同
    if len({a.side for a in chain}) >= 2:
        # The sides coordinated before the verb, and the people who act for them.
        explicit = _parties([*chain, *(a for a in in_subject if a.type == "Person")])
    else:
        explicit = _parties(in_subject)
    implicit: Implicit | None = None
    if grammar.rule("plural_group").search(subject):
        implicit = "group"
    elif people:
        implicit = "people"
    elif pair:
        implicit = "pair"
    elif strong and grammar.rule("bare_subject").search(subject):
        implicit = "pair"  # "同时也达成协议": a clause without subject continues the talks just reported
    coordinator = grammar.rule("coordinator")
    coordinated = not coordinator.phrases or coordinator.search(subject) is not None
    if implicit is None and not (coordinated and len({a.side for a in explicit}) >= 2):
        return None
    content = text[trigger.start() :].strip("，,。；; ")
    kind = grammar.rule("agreement_strong").kind_of(trigger.group(0)) if strong else None
    kind = kind or "joint_commitment"
    documents = tuple(_documents_after(text, trigger.end(), quoted, grammar)) if kind == "signed" else ()
    return AgreementMention(explicit, implicit, kind, trigger.start(), content, documents)


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= position < e for s, e in spans)


def _documents_after(text: str, start: int, quoted: list[tuple[int, int]], grammar: Grammar) -> list[str]:
    """The documents a signing names: each quoted title in the sentence after the verb, and,
    beside titled ones, each document named by its kind alone ("联合声明")."""
    end = min((i for i in (text.find(c, start) for c in "。；;") if i >= 0), default=len(text))
    titled = [(s, text[s + 1 : e - 1]) for s, e in quoted if start <= s < end and e - s > 3]
    if not titled:
        return []
    unnamed = [
        (m.start(), m.group(0))
        for m in grammar.rule("unnamed_document").finditer(text, start, end)
        if not _inside(m.start(), quoted)
    ]
    return [name for _, name in sorted([*titled, *unnamed])]


def _chain_before(text: str, actors: list[ActorMention], grammar: Grammar) -> list[ActorMention]:
    """The actors coordinated just before a verb ("……柬埔寨与泰国达成的停火协议"): from the last one
    back, as long as only a coordinator, a title or an adjective stands between two of them."""
    if not actors:
        return []
    chain = [actors[-1]]
    for actor in reversed(actors[:-1]):
        gap = text[actor.end : chain[0].start]
        listed = gap == ", "  # "Japan, South Korea and China agreed"
        if (
            len(gap) > 16
            or (not listed and re.search(r"[，,。；;:：\d]", gap))
            or grammar.rule("agreement_strong").search(gap)
        ):
            break
        chain.insert(0, actor)
    return chain


def _subject_start(text: str, before: int, grammar: Grammar) -> int:
    """Where the subject of a verb at `before` starts: after a reporting clause ('王毅也说，',
    'Wang said'), whose speaker is not a party."""
    start = 0
    for m in grammar.rule("reporting").finditer(text, 0, before):
        start = m.end()
    return start


def _joint_verb(
    text: str,
    actors: list[ActorMention],
    quoted: list[tuple[int, int]],
    grammar: Grammar,
    hints: frozenset[str] | None = None,
) -> re.Match[str] | None:
    """A joint verb with the will of both sides before it ("要共同打击", "双方要继续加强"), or
    a 共同-verb right after both sides ("A和B共同发表"); never inside quotes (slogans, titles)."""
    will = grammar.rule("joint_will")
    found: list[re.Match[str]] = []
    for name in ("agreement_joint", "agreement_continued"):
        if not grammar.may_match(name, hints):
            continue
        for joint in grammar.rule(name).finditer(text):
            if _inside(joint.start(), quoted):
                continue
            start = _subject_start(text, joint.start(), grammar)
            clause = max(start, *(text.rfind(c, 0, joint.start()) + 1 for c in "，,；;"))
            if not will.phrases or will.search(
                text, clause if name == "agreement_continued" else start, joint.start()
            ):
                found.append(joint)
                break
            chain = _chain_before(text, [a for a in actors if start <= a.start < joint.start()], grammar)
            between = _DATE_WORDS.sub("", text[chain[-1].end : joint.start()]) if chain else "-" * 9
            if name == "agreement_joint" and len({a.side for a in chain}) >= 2 and len(between) <= 2:
                found.append(joint)
                break
    return min(found, key=lambda m: m.start()) if found else None


def _parties(actors: object) -> list[ActorMention]:
    seen: dict[str, ActorMention] = {}
    for a in actors:  # type: ignore[attr-defined]
        seen.setdefault(a.actor_id, a)
    return list(seen.values())
