"""Actors, titles and places named in one sentence.

Dictionary names come first (an Aho-Corasick pass in kg.actors); people the
dictionary does not know are found after an official title
("柬埔寨副首相兼外交大臣宋金达", "Foreign Minister Jane Doe").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

import ahocorasick

from kg.actors import ActorDictionary, NameHit
from kg.grammar import Grammar, Grammars
from kg.ids import slug
from kg.places import Gazetteer, PlaceHit
from kg.records import ActorType

_EN_NAME = r"((?:[A-Z][a-z'\-]+|[A-Z]\.)(?:\s(?:[A-Z][a-z'\-]+|[A-Z]\.|bin|van|de|da)){0,3})"


@dataclass(frozen=True)
class ActorMention:
    start: int
    end: int
    surface: str
    actor_id: str
    type: ActorType
    kind: str
    """name | short | side | adjective | abbrev | context_only | titled."""
    title: str | None = None
    country: str | None = None

    @property
    def side(self) -> str:
        """The side an actor stands for: a person for themself, anything else for its country."""
        return self.actor_id if self.type == "Person" else (self.country or self.actor_id)

    def named(self, surface: str, kind: str) -> ActorMention:
        """The same actor at the same place, called `surface`, found as `kind`: what
        dataclasses.replace gives, at a third of its cost (it reads the fields on every call)."""
        start, end, actor_id, title, country = self.start, self.end, self.actor_id, self.title, self.country
        return ActorMention(start, end, surface, actor_id, self.type, kind, title, country)


@dataclass(frozen=True)
class NewPerson:
    """A person the dictionary does not know, found after a title."""

    actor_id: str
    name: str
    title: str
    country: str | None


@dataclass(frozen=True)
class SentenceMentions:
    actors: list[ActorMention]
    new_people: list[NewPerson]


class MentionFinder:
    def __init__(self, dictionary: ActorDictionary, gazetteer: Gazetteer, grammars: Grammars) -> None:
        self.dictionary = dictionary
        self.gazetteer = gazetteer
        self._zh, self._en = grammars.by_language["zh"], grammars.by_language["en"]
        vocabulary = {*dictionary.title_vocabulary(), *self._zh.title_words, *self._en.title_words}
        self.titles = tuple(sorted(vocabulary))
        self._title_zh, self._title_en = _title_patterns(
            self.titles, self._zh.name_followers, self._zh.short_name_followers
        )
        # Most sentences hold no title, and most of the others titles of one language only: one
        # automaton pass tells which of the title patterns can match, sparing the others' scans.
        self._title_hint = ahocorasick.Automaton()
        for title in self.titles:
            self._title_hint.add_word(title, title.isascii())
        self._title_hint.make_automaton()

    def find(
        self,
        simplified: str,
        original: str,
        *,
        detailed: bool = True,
        hits: list[NameHit] | None = None,
    ) -> SentenceMentions:
        """Actors named in a sentence; `detailed` adds people found by title, and titles (the
        places a sentence names: `places`, asked only of sentences that tell an event).

        `hits` are the sentence's dictionary hits when the caller matched the whole document at once.
        """
        actors: list[ActorMention] = []
        taken: list[tuple[int, int]] = []
        for hit in self.dictionary.find(simplified) if hits is None else hits:
            actor = self.dictionary.actors[hit.actor_id]
            if hit.kind == "context_only" and not self._in_context(simplified, hit.start, hit.end):
                continue
            actors.append(
                ActorMention(
                    hit.start,
                    hit.end,
                    original[hit.start : hit.end],
                    hit.actor_id,
                    actor.type,
                    hit.kind,
                    country=actor.country if actor.type != "Country" else actor.id,
                )
            )
            taken.append((hit.start, hit.end))
        if not detailed:
            return SentenceMentions(actors, [])
        new_people: list[NewPerson] = []
        title_in_ascii = {in_ascii for _, in_ascii in self._title_hint.iter(simplified)}
        if title_in_ascii:
            if False in title_in_ascii:
                for match in self._title_zh.finditer(simplified):
                    self._add_titled(match, simplified, original, actors, taken, new_people, english=False)
            if True in title_in_ascii:
                for match in self._title_en.finditer(simplified):
                    self._add_titled(match, simplified, original, actors, taken, new_people, english=True)
            actors = self._with_titles(actors, simplified)
        actors.sort(key=lambda m: m.start)
        return SentenceMentions(actors, new_people)

    def places(self, simplified: str, original: str, actors: list[ActorMention]) -> list[PlaceHit]:
        """The places a sentence names outside the people `find` found in it."""
        # A place inside a name is no place: "外长沙伦赛" holds 长沙.
        return [
            replace(p, surface=original[p.start : p.end])
            for p in self.gazetteer.find(simplified)
            if not any(a.start < p.end and p.start < a.end for a in actors if a.type == "Person")
        ]

    def _in_context(self, text: str, start: int, end: int) -> bool:
        """A one-character name like 敦 counts only after a title or before a meeting verb."""
        before = text[max(0, start - 6) : start]
        after = text[end : end + 3]
        titled = any(before.endswith(t) for t in self.titles)
        verb = re.match("|".join(self._zh.short_name_followers), after) is not None
        joined = before.endswith(self._zh.coordinated_name_after)
        return titled or (verb and joined) or (verb and titled)

    def _add_titled(
        self,
        match: re.Match[str],
        simplified: str,
        original: str,
        actors: list[ActorMention],
        taken: list[tuple[int, int]],
        new_people: list[NewPerson],
        *,
        english: bool,
    ) -> None:
        start, end = match.span("name")
        grammar = self._en if english else self._zh
        overlapping = [(s, e) for s, e in taken if s < end and start < e]
        if overlapping and not self._longer_name(simplified, start, end, overlapping, actors, grammar):
            return
        name = simplified[start:end].strip()
        if not name or grammar.rule("not_a_name").search(name):
            return
        for span in overlapping:
            taken.remove(span)
        actors[:] = [a for a in actors if (a.start, a.end) not in overlapping]
        known = self.dictionary.lookup(name)
        country = self._country_before(simplified, match.start())
        title = match.group("title")
        if known is not None and known.type == "Person":
            actor_id, country = known.id, known.country
        elif known is not None:
            return
        else:
            actor_id = f"person:{slug(name)}"
            new_people.append(NewPerson(actor_id, name, title, country))
        actors.append(
            ActorMention(start, end, original[start:end], actor_id, "Person", "titled", title, country)
        )
        taken.append((start, end))

    def _longer_name(
        self,
        text: str,
        start: int,
        end: int,
        overlapping: list[tuple[int, int]],
        actors: list[ActorMention],
        grammar: Grammar,
    ) -> bool:
        """A dictionary name is only a whole name: after a title, 拉米瑞兹 is someone, not 拉米 (Lammy)."""
        if grammar.language != "zh":
            return False
        people = {(a.start, a.end) for a in actors if a.type == "Person"}
        if len(overlapping) != 1 or overlapping[0] not in people:
            return False
        hit_start, hit_end = overlapping[0]
        if hit_start != start or hit_end >= end:
            return False
        return not grammar.rule("not_a_name").search(text[hit_end:end])

    def _country_before(self, text: str, pos: int) -> str | None:
        """The country named just before a title: '柬埔寨副首相' -> Cambodia; '中国驻缅甸大使' -> China."""
        offset = max(0, pos - 16)
        window = text[offset:pos]
        hits = sorted(self.dictionary.find(window), key=lambda h: h.end)
        edge = len(window)
        for hit in reversed(hits):
            if edge - hit.end > 1:
                return None
            actor = self.dictionary.actors[hit.actor_id]
            if window[max(0, hit.start - 1) : hit.start] == "驻":
                edge = hit.start - 1
                continue
            return actor.id if actor.type == "Country" else actor.country
        return None

    def _with_titles(self, actors: list[ActorMention], text: str) -> list[ActorMention]:
        """A known person named right after a title carries that title as written."""
        out = []
        for m in actors:
            if m.type == "Person" and m.title is None:
                before = text[max(0, m.start - 16) : m.start]
                found = self._title_zh.search(before + "X")
                title = found.group("title") if found and found.end("title") == len(before) else None
                if title is None:
                    english = re.search(r"((?:[A-Z][a-z]+ ){0,4}(?:[A-Z][a-z]+))\s$", before)
                    vocab = self.titles
                    if english and any(english.group(1).endswith(t) for t in vocab if t.isascii()):
                        title = english.group(1)
                if title:
                    m = ActorMention(m.start, m.end, m.surface, m.actor_id, m.type, m.kind, title, m.country)
            out.append(m)
        return out


@cache
def _title_patterns(
    vocabulary: tuple[str, ...], name_followers: tuple[str, ...], short_name_followers: tuple[str, ...]
) -> tuple[re.Pattern[str], re.Pattern[str]]:
    zh = sorted((t for t in vocabulary if not t.isascii()), key=len, reverse=True)
    en = sorted((t for t in vocabulary if t.isascii()), key=len, reverse=True)
    zh_titles = "|".join(re.escape(t) for t in zh) or "(?!)"
    # "次官(副部长)朴敏守": a gloss in brackets may stand between the title and the name.
    title_zh = (
        rf"(?P<title>(?:{zh_titles})(?:[、兼和](?:[^，。、]{{0,8}}?)(?:{zh_titles}))*)"
        r"(?:[（(][^）)，。]{1,10}[）)])?"
    )
    # A one-character name ("外长敦会谈") only before a meeting verb or punctuation; longer ones
    # end at the first word that can follow a name.
    followers, short_followers = "|".join(name_followers), "|".join(short_name_followers)
    name_zh = rf"[\u3400-\u9fff](?=(?:{short_followers}))|[\u3400-\u9fff·•‧・]{{2,10}}?(?=(?:{followers}))"
    pattern_zh = re.compile(rf"{title_zh}(?P<name>{name_zh})")
    en_titles = "|".join(re.escape(t) for t in en) or "(?!)"
    pattern_en = re.compile(rf"\b(?P<title>(?:{en_titles}))\s+(?P<name>{_EN_NAME[1:-1]})")
    return pattern_zh, pattern_en
