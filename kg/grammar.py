"""How diplomatic news is written, per language: the words live in kg/data/grammar/<lang>.yaml.

A `Grammar` is built once from its file. Every rule there is a list of phrases (regular
expressions), each with an example sentence that tests/test_grammar.py runs through the
extractor. The hint automaton that lets the extractor skip sentences without any event word is
derived here from the same phrases, so a phrase added to the file can always fire.
"""

from __future__ import annotations

import re
import re._constants as sre_c  # the literal analysis reads the parse tree of each phrase
import re._parser as sre_parse
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, cast

import ahocorasick
import yaml

from kg.records import Mode
from kg.resources import data_dir

_MODES: tuple[Mode, ...] = ("in_person", "video", "phone", "letter")
_NOT_CJK = re.compile(r"[^\u3400-\u9fff]+")


class GrammarError(ValueError):
    """A grammar file that cannot be used: names the file and the rule."""


@dataclass(frozen=True)
class Phrase:
    pattern: str
    example: str
    kind: str | None = None
    """What an agreement phrase makes: consensus, signed, decision, joint_commitment."""


@dataclass(frozen=True)
class Rule:
    """One list of phrases of the grammar, compiled as one alternation."""

    name: str
    phrases: tuple[Phrase, ...]
    regex: re.Pattern[str]

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        return self.regex.search(text, pos, len(text) if endpos is None else endpos)

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        """A phrase starting right at `pos`."""
        return self.regex.match(text, pos)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> list[re.Match[str]]:
        return list(self.regex.finditer(text, pos, len(text) if endpos is None else endpos))

    def kind_of(self, matched: str) -> str | None:
        """The kind of the phrase that matched `matched`."""
        flags = self.regex.flags & re.IGNORECASE
        for phrase in self.phrases:
            if re.fullmatch(phrase.pattern, matched, flags):
                return phrase.kind
        return None


@dataclass(frozen=True)
class MeetingTrigger:
    phrase: Phrase
    regex: re.Pattern[str]
    mode: Mode
    kind: str
    directional: bool
    """A directional verb takes its guest or recipient after it (A会见B, A sent a letter to B);
    a symmetric one lists both sides around it (A同B举行会谈, A and B held talks)."""
    hints: frozenset[str] = frozenset()
    """Words one of which every match contains: a sentence without any is not tried."""


AGREEMENT_RULES = ("agreement_strong", "agreement_joint", "agreement_continued")
"""The rules whose match makes a sentence tell an agreement (kg.extract.agreements)."""

# Rules every grammar file has; a test runs each rule's examples with the expectation named here.
RULES = (
    "separately",
    "recipient_marker",
    "meeting_reference",
    "attendees",
    "agreement_strong",
    "agreement_joint",
    "agreement_continued",
    "joint_will",
    "one_sided",
    "not_agreed",
    "plural_pair",
    "plural_people",
    "planned",
    "plural_group",
    "bare_subject",
    "reporting",
    "coordinator",
    "quoted",
    "unnamed_document",
    "subject_pronoun",
    "title_reference",
    "here",
    "bilateral",
    "spokesperson",
    "era_of",
    "unnamed_event",
    "earlier",
    "not_a_name",
)


@dataclass(frozen=True)
class Grammar:
    language: str
    path: Path
    ignore_case: bool
    meetings: tuple[MeetingTrigger, ...]
    rules: dict[str, Rule]
    name_followers: tuple[str, ...]
    """Words that may follow a person's name written without spaces (Chinese)."""
    short_name_followers: tuple[str, ...]
    """What a one-character name ("外长敦会谈") must be followed by."""
    title_words: tuple[str, ...]
    """Titles written before a name ("次官", "counterpart"), beside those of the actor dictionary."""
    surname_titles: tuple[str, ...]
    """Titles a person named in full may be called by after the surname alone ("黄总理")."""
    name_particles: tuple[str, ...]
    """Words of a full name never used alone for the person ("bin", "van", "Jr")."""
    coordinated_name_after: tuple[str, ...]
    """Words a short name may follow when it is coordinated with another name ("和", "、")."""
    _hints: Any
    rule_hints: dict[str, frozenset[str]]
    """Of the agreement rules (strong, joint, continued): words one of which each match contains."""
    triggers_by_hint: dict[str, tuple[int, ...]]
    """Each hint word -> the meeting phrases (their places in `meetings`) it is a hint of."""

    def rule(self, name: str) -> Rule:
        return self.rules[name]

    def hints_in(self, text: str) -> frozenset[str]:
        """The hint words `text` holds: empty when no event phrase can match. One pass serves
        the sentence's meeting and agreement phrases (meeting_triggers_in, may_agree)."""
        probe = text.lower() if self.ignore_case else text
        return frozenset(word for _, word in self._hints.iter(probe))

    def meeting_triggers_in(self, text: str, hints: frozenset[str] | None = None) -> list[MeetingTrigger]:
        """The meeting phrases that may match `text` (its `hints_in`: `hints`), in the grammar's order."""
        present = self.hints_in(text) if hints is None else hints
        # By the index of hint words: a sentence holds a word or two, the grammar dozens of phrases.
        chosen = sorted({i for word in present for i in self.triggers_by_hint.get(word, ())})
        return [self.meetings[i] for i in chosen]

    def may_match(self, rule: str, hints: frozenset[str] | None) -> bool:
        """Whether `rule` can match a text holding these hint words (None: not known, it may)."""
        words = self.rule_hints.get(rule)
        return hints is None or words is None or not words.isdisjoint(hints)

    def may_agree(self, hints: frozenset[str]) -> bool:
        """Whether an agreement phrase can match a text holding these hint words."""
        return any(self.may_match(rule, hints) for rule in AGREEMENT_RULES)


@dataclass(frozen=True)
class Grammars:
    """The grammars of all languages; a sentence is read with the one of its script."""

    by_language: dict[str, Grammar]

    def for_text(self, text: str) -> Grammar:
        cjk = len(_NOT_CJK.sub("", text))  # the CJK characters: a third of the time of listing them
        return self.by_language["en" if cjk < len(text) * 0.1 else "zh"]

    def __iter__(self) -> Iterator[Grammar]:
        return iter(self.by_language.values())


@cache
def load_grammars(folder: Path | None = None) -> Grammars:
    root = folder or data_dir() / "grammar"
    grammars = {g.language: g for g in (load_grammar(p) for p in sorted(root.glob("*.yaml")))}
    if not {"zh", "en"} <= grammars.keys():
        raise GrammarError(f"{root}: a grammar for zh and for en is required, found {sorted(grammars)}")
    return Grammars(grammars)


def load_grammar(path: Path) -> Grammar:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise GrammarError(f"{path}: not a mapping")
    flags = re.IGNORECASE if data.get("ignore_case") else 0
    where = str(path)
    meetings = tuple(_trigger(item, flags, where) for item in data.get("meetings") or [])
    rules = {name: _rule(name, data.get(name) or [], flags, where) for name in RULES}
    hint_words: set[str] = set()
    for trigger in meetings:
        hint_words |= trigger.hints
    rule_hints: dict[str, frozenset[str]] = {}
    for name in ("attendees", *AGREEMENT_RULES, "unnamed_event"):
        words = set().union(*(_hints_of(phrase.pattern, flags, where) for phrase in rules[name].phrases))
        hint_words |= words
        if name in AGREEMENT_RULES:
            rule_hints[name] = frozenset(words)
    triggers_by_hint: dict[str, list[int]] = {}
    for i, trigger in enumerate(meetings):
        for word in trigger.hints:
            triggers_by_hint.setdefault(word, []).append(i)
    automaton = ahocorasick.Automaton()
    for word in hint_words:
        automaton.add_word(word.lower() if flags else word, word)
    automaton.make_automaton()
    return Grammar(
        language=str(data.get("language") or path.stem),
        path=path,
        ignore_case=bool(flags),
        meetings=meetings,
        rules=rules,
        name_followers=tuple(str(w) for w in data.get("name_followers") or []),
        short_name_followers=tuple(str(w) for w in data.get("short_name_followers") or []),
        title_words=tuple(str(w) for w in data.get("title_words") or []),
        coordinated_name_after=tuple(str(w) for w in data.get("coordinated_name_after") or []),
        surname_titles=tuple(str(w) for w in data.get("surname_titles") or []),
        name_particles=tuple(str(w) for w in data.get("name_particles") or []),
        _hints=automaton,
        rule_hints=rule_hints,
        triggers_by_hint={word: tuple(at) for word, at in triggers_by_hint.items()},
    )


def _phrase(item: Any, where: str) -> Phrase:
    if not isinstance(item, dict) or "phrase" not in item or not item.get("example"):
        raise GrammarError(f"{where}: every phrase needs `phrase` and `example`: {item!r}")
    kind = item.get("kind")
    return Phrase(str(item["phrase"]), str(item["example"]), str(kind) if kind else None)


def _compile(pattern: str, flags: int, where: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern, flags)
    except re.error as error:
        raise GrammarError(f"{where}: phrase {pattern!r} is not a valid pattern: {error}") from None


def _trigger(item: Any, flags: int, where: str) -> MeetingTrigger:
    phrase = _phrase(item, where)
    mode = item.get("mode")
    if mode not in _MODES:
        raise GrammarError(
            f"{where}: meeting phrase {phrase.pattern!r} has mode {mode!r}, not one of {_MODES}"
        )
    direction = item.get("direction", "symmetric")
    if direction not in ("symmetric", "directional"):
        raise GrammarError(f"{where}: meeting phrase {phrase.pattern!r}: direction {direction!r}")
    return MeetingTrigger(
        phrase,
        _compile(phrase.pattern, flags, where),
        cast(Mode, mode),
        str(item.get("kind") or "meeting"),
        direction == "directional",
        frozenset(_hints_of(phrase.pattern, flags, where)),
    )


def _rule(name: str, items: list[Any], flags: int, where: str) -> Rule:
    phrases = tuple(_phrase(i, f"{where} ({name})") for i in items)
    if not phrases:
        return Rule(name, (), re.compile(r"(?!)"))
    alternation = "|".join(f"(?:{p.pattern})" for p in phrases)
    return Rule(name, phrases, _compile(alternation, flags, f"{where} ({name})"))


# -- literals every match of a phrase must contain ------------------------------------------


def _hints_of(pattern: str, flags: int, where: str) -> set[str]:
    """Strings one of which every match of `pattern` contains; the hint automaton looks for them."""
    found = _required(sre_parse.parse(pattern, flags))
    if not found or any(not s.strip() for s in found):
        raise GrammarError(
            f"{where}: phrase {pattern!r} has no word it always contains; write it around a fixed word"
        )
    return {s.lower() if flags & re.IGNORECASE else s for s in found}


def _required(items: Any) -> set[str] | None:
    """The best literal set of a sequence: a run of literals, or one item's own set."""
    candidates: list[set[str]] = []
    run = ""
    for op, arg in items:
        if op is sre_c.LITERAL:
            run += chr(arg)
            continue
        if run:
            candidates.append({run})
            run = ""
        inner: set[str] | None = None
        if op is sre_c.SUBPATTERN:
            inner = _required(arg[-1])
        elif op is sre_c.BRANCH:
            sets = [_required(branch) for branch in arg[1]]
            inner = None if any(s is None for s in sets) else set().union(*cast(list[set[str]], sets))
        elif op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT) and arg[0] >= 1:
            inner = _required(arg[2])
        elif op is sre_c.IN and all(o is sre_c.LITERAL for o, _ in arg) and len(arg) <= 4:
            inner = {chr(c) for _, c in arg}
        if inner:
            candidates.append(inner)
    if run:
        candidates.append({run})
    if not candidates:
        return None
    return max(candidates, key=lambda s: min(len(w.strip()) for w in s))
