"""People an article names in full once and shortens afterwards: "Anwar", "高市", "宋赛", "伽马".

Once a person is named in full (from the dictionary, or after a title), the article may call them
by one part of the name. Those parts are looked for in the sentences that follow, and only there:
a surname alone is never a name outside the article that introduced it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from kg.extract.mentions import ActorMention
from kg.grammar import Grammar
from kg.names import simplified_name

_JOINERS = "·•‧・"
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]+")


def short_forms(name: str, particles: frozenset[str] = frozenset()) -> set[str]:
    """The parts of a full name an article may use alone; `particles` (bin, van, Jr) never are."""
    name = name.strip()
    forms = {name}
    if any(j in name for j in _JOINERS):
        parts = re.split(f"[{_JOINERS}]", name)
        forms |= {p for p in parts if len(p) >= 2}
    elif name.isascii():
        words = _WORD.findall(name)
        if len(words) >= 2:
            forms |= {w for w in (words[0], words[-1]) if len(w) >= 3 and w.lower() not in particles}
    elif len(name) == 4:
        # A Japanese name in characters (高市早苗, 岸田文雄): the family name is the first two.
        forms.add(name[:2])
    return forms


def surname_with_titles(name: str, titles: tuple[str, ...]) -> set[str]:
    """"黄总理" for 黄循财, a 总理: a name of two or three characters opens with its surname."""
    if not titles or name.isascii() or not 2 <= len(name) <= 3 or any(j in name for j in _JOINERS):
        return set()
    return {name[0] + title for title in titles}


@dataclass
class ArticleNames:
    """The short forms of the people an article has named so far."""

    _forms: dict[str, ActorMention] = field(default_factory=dict)
    _ambiguous: set[str] = field(default_factory=set)
    _seen: set[tuple[str, str, str | None]] = field(default_factory=set)
    _longest_first: list[str] | None = None
    """The forms not ambiguous, longest first: sorted again only after `learn`, not per sentence."""

    def is_new(self, actor_id: str, surface: str, title: str | None) -> bool:
        """Whether this way of naming a person is new to the article (each is learnt once)."""
        key = (actor_id, surface, title)
        if key in self._seen:
            return False
        self._seen.add(key)
        return True

    def learn(
        self,
        person: ActorMention,
        names: list[str],
        titles: tuple[str, ...] = (),
        particles: frozenset[str] = frozenset(),
    ) -> None:
        """Remember the short forms of `person`'s names, and surname + title ("黄总理") for each
        of `titles` the person holds."""
        for name in names:
            for form in short_forms(name, particles) | surname_with_titles(name, titles):
                key = form if form.isascii() else simplified_name(form)
                known = self._forms.get(key)
                if known is not None and known.actor_id != person.actor_id:
                    self._ambiguous.add(key)
                self._forms.setdefault(key, person)
        self._longest_first = None

    def find(self, text: str, taken: list[ActorMention]) -> list[ActorMention]:
        """Short forms of known people in `text`, outside the mentions already found."""
        found: list[ActorMention] = []
        spans = [(m.start, m.end) for m in taken]
        if self._longest_first is None:
            ordered = sorted(self._forms, key=len, reverse=True)
            self._longest_first = [form for form in ordered if form not in self._ambiguous]
        for form in self._longest_first:
            person = self._forms[form]
            start = text.find(form)
            while start >= 0:
                end = start + len(form)
                free = all(end <= s or start >= e for s, e in spans)
                if free and _stands_alone(text, start, end, form.isascii()):
                    found.append(
                        ActorMention(
                            start,
                            end,
                            text[start:end],
                            person.actor_id,
                            "Person",
                            "reference",
                            person.title,
                            person.country,
                        )
                    )
                    spans.append((start, end))
                start = text.find(form, end)
        return found


def _stands_alone(text: str, start: int, end: int, latin: bool) -> bool:
    if not latin:
        return True
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalpha() or after.isalpha())


def pronoun_reference(text: str, grammar: Grammar, subject: ActorMention | None) -> list[ActorMention]:
    """"他随后与…会谈" / "He later met …": the pronoun opening a sentence stands for `subject`, the
    person the sentence before opened with; a pronoun that only reports ("她表示，") is left out."""
    if subject is None:
        return []
    pronoun = grammar.rule("subject_pronoun").search(text)
    if pronoun is None:
        return []
    speaks = grammar.rule("reporting").search(text, pronoun.end())
    if speaks is not None and speaks.start() - pronoun.end() <= 3:
        return []
    start, end = pronoun.span()
    return [replace(subject, start=start, end=end, surface=pronoun.group(), kind="reference")]


def title_references(
    text: str, grammar: Grammar, country_of: Callable[[str], str | None], people: dict[str, ActorMention]
) -> list[ActorMention]:
    """"the Thai premier": the person of that nationality the article named last (`people`, by
    country); `country_of` reads a nationality ("Thai") as a country id."""
    found: list[ActorMention] = []
    for match in grammar.rule("title_reference").finditer(text):
        country = country_of(match.group("adj")) if "adj" in match.groupdict() else None
        person = people.get(country) if country else None
        if person is not None:
            start, end = match.span()
            found.append(replace(person, start=start, end=end, surface=match.group(), kind="reference"))
    return found
