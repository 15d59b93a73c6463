"""Every phrase of every grammar file can fire: its example sentence, run through the whole
extractor, gives what the phrase is there for. A phrase that cannot fire fails here."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kg.grammar import AGREEMENT_RULES, RULES, Grammar, GrammarError, Phrase, load_grammar, load_grammars
from kg.pipeline import extract_path
from kg.records import DocumentEvents

GRAMMARS = list(load_grammars())


def events_of(text: str, tmp_path: Path) -> DocumentEvents:
    article = tmp_path / "example.md"
    article.write_text(f"---\ndate: 2024-05-06\n---\n\n{text}\n", encoding="utf-8")
    found = extract_path(article)
    assert isinstance(found, DocumentEvents), found
    return found


def _meeting_cases() -> list[tuple[str, Grammar, int]]:
    return [(f"{g.language}:{t.phrase.pattern}", g, i) for g in GRAMMARS for i, t in enumerate(g.meetings)]


@pytest.mark.parametrize(
    ("case", "grammar", "index"), _meeting_cases(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_every_meeting_phrase_fires_on_its_example(
    case: str, grammar: Grammar, index: int, tmp_path: Path
) -> None:
    trigger = grammar.meetings[index]
    assert trigger.regex.search(trigger.phrase.example), f"{case}: the example does not contain the phrase"
    events = events_of(trigger.phrase.example, tmp_path)
    found = [(m.mode, m.kind) for m in events.meetings]
    assert (trigger.mode, trigger.kind) in found, f"{case}: {trigger.phrase.example!r} gave {found}"


def _no_new_meeting(events: DocumentEvents) -> bool:
    return len(events.meetings) == 1


def _has_attendee(events: DocumentEvents) -> bool:
    return any(p.role == "attendee" for m in events.meetings for p in m.participants)


def _agreement_of_two(events: DocumentEvents) -> bool:
    return any(len([p for p in a.parties if p.role == "party"]) >= 2 for a in events.agreements)


def _no_agreement(events: DocumentEvents) -> bool:
    return not events.agreements


def _speaker_is_no_party(events: DocumentEvents) -> bool:
    return _agreement_of_two(events) and all(p.type != "Person" for a in events.agreements for p in a.parties)


def _earlier_meeting_has_its_own_date(events: DocumentEvents) -> bool:
    return any(m.date is not None and m.date.iso() < "2024-05" for m in events.meetings)


def _wang_yi_met(events: DocumentEvents, person: str) -> bool:
    return any({p.id for p in m.participants} == {"person:wang-yi", person} for m in events.meetings)


# What each rule's examples must give once extracted; None: the phrase must only match its example.
EXPECTED: dict[str, Callable[[DocumentEvents], bool] | None] = {
    "separately": lambda events: len(events.meetings) >= 2,
    "meeting_reference": _no_new_meeting,
    "attendees": _has_attendee,
    "agreement_strong": _agreement_of_two,
    "agreement_joint": _agreement_of_two,
    "agreement_continued": _agreement_of_two,
    "joint_will": _agreement_of_two,
    "one_sided": _no_agreement,
    "not_agreed": _no_agreement,
    "recipient_marker": lambda events: len(events.meetings) == 2,
    "plural_pair": _agreement_of_two,
    "bare_subject": _agreement_of_two,
    "unnamed_document": lambda events: len(events.agreements) == 2,
    "plural_people": lambda events: any(
        len([p for p in a.parties if p.type == "Person"]) >= 2 for a in events.agreements
    ),
    "planned": lambda events: not events.meetings,
    "plural_group": _agreement_of_two,
    "reporting": _speaker_is_no_party,
    "coordinator": _agreement_of_two,
    "quoted": _no_agreement,
    "earlier": _earlier_meeting_has_its_own_date,
    "unnamed_event": lambda events: [str(a.date) for a in events.agreements] == ["2024-03-20"],
    "bilateral": lambda events: any(
        {p.id for p in m.participants} == {"person:anwar-ibrahim", "person:prabowo-subianto"}
        for m in events.meetings
    ),
    "spokesperson": lambda events: all("person:mao-ning" not in {p.id for p in m.participants}
                                       for m in events.meetings),
    "era_of": lambda events: [sorted(p.id for p in m.participants) for m in events.meetings]
    == [["person:fumio-kishida", "person:yoon-suk-yeol"]],
    "here": lambda events: [m.place.name_en if m.place else None for m in events.meetings] == ["Phnom Penh"],
    "title_reference": lambda events: _wang_yi_met(events, "person:srettha-thavisin"),
    "subject_pronoun": lambda events: _wang_yi_met(events, "person:sergey-lavrov"),
    "not_a_name": None,
}


# Rules matched against a whole subject, not found inside a sentence.
WHOLE_SUBJECT_RULES = {"bare_subject"}


def _rule_cases() -> list[tuple[str, Grammar, str, Phrase]]:
    return [
        (f"{g.language}:{name}:{p.pattern[:30]}", g, name, p)
        for g in GRAMMARS
        for name in RULES
        for p in g.rule(name).phrases
    ]


@pytest.mark.parametrize(
    ("case", "grammar", "rule", "phrase"), _rule_cases(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_every_rule_phrase_does_its_job_on_its_example(
    case: str, grammar: Grammar, rule: str, phrase: Phrase, tmp_path: Path
) -> None:
    if rule not in WHOLE_SUBJECT_RULES:
        assert grammar.rule(rule).search(phrase.example), f"{case}: the example does not contain the phrase"
    expected = EXPECTED[rule]
    if expected is None:
        return
    events = events_of(phrase.example, tmp_path)
    assert expected(events), f"{case}: {phrase.example!r} gave {events.meetings} {events.agreements}"


def test_every_rule_of_the_mechanism_has_an_expectation() -> None:
    assert set(EXPECTED) == set(RULES)


def test_the_hint_gate_lets_every_example_through() -> None:
    for grammar in GRAMMARS:
        for trigger in grammar.meetings:
            assert trigger in grammar.meeting_triggers_in(trigger.phrase.example), trigger.phrase.pattern
        for name in ("attendees", *AGREEMENT_RULES):
            for phrase in grammar.rule(name).phrases:
                hints = grammar.hints_in(phrase.example)
                assert hints and grammar.may_match(name, hints), phrase.pattern


def test_a_sentence_without_any_event_word_is_gated_out() -> None:
    grammars = load_grammars()
    assert not grammars.for_text("今天北京天气晴朗，气温二十度。").hints_in(
        "今天北京天气晴朗，气温二十度。"
    )
    assert not grammars.for_text("The weather in Hanoi was fine.").hints_in(
        "the weather in hanoi was fine."
    )


def test_a_new_verb_is_one_line_in_one_file(tmp_path: Path) -> None:
    source = Path(GRAMMARS[0].path).parent / "zh.yaml"
    text = source.read_text(encoding="utf-8").replace(
        "meetings:\n",
        "meetings:\n  - {phrase: '晤谈', mode: in_person, kind: talks, example: 王毅同拉夫罗夫晤谈。}\n",
        1,
    )
    (tmp_path / "zh.yaml").write_text(text, encoding="utf-8")
    grammar = load_grammar(tmp_path / "zh.yaml")
    assert grammar.meetings[0].regex.search("王毅同拉夫罗夫晤谈。")
    assert grammar.hints_in("王毅同拉夫罗夫晤谈。"), "the hint gate follows the file"


def test_a_phrase_without_a_fixed_word_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "xx.yaml"
    bad.write_text("meetings:\n  - {phrase: '.+', mode: in_person, example: x}\n", encoding="utf-8")
    with pytest.raises(GrammarError, match="fixed word"):
        load_grammar(bad)


def test_a_phrase_without_an_example_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "xx.yaml"
    bad.write_text("meetings:\n  - {phrase: '会谈', mode: in_person}\n", encoding="utf-8")
    with pytest.raises(GrammarError, match="example"):
        load_grammar(bad)
