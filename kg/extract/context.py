"""What an article has told so far, that a sentence may lean on: the talks just reported (双方,
两位部长, the two leaders), the sides and people named lately, the person a 他 stands for, and
the actors met, named in the script of the sentence at hand."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeVar

from kg.actors import ActorDictionary, DictActor
from kg.dates.choose import StoryDates
from kg.extract.mentions import ActorMention, NewPerson
from kg.extract.references import ArticleNames
from kg.records import Actor, Document, Meeting, PartialDate, Place, Title

T = TypeVar("T")
CONTEXT_WINDOW = 8
"""How many sentences back 双方 may reach for the talks it refers to."""


@dataclass
class ArticleContext:
    story: StoryDates
    """When the article's story happened: read once per article."""
    dictionary: ActorDictionary
    meeting: tuple[int, Meeting] | None = None
    pair: tuple[int, list[ActorMention]] | None = None
    group: tuple[int, list[ActorMention]] | None = None
    people: tuple[int, list[ActorMention]] | None = None
    """Two people of two countries the article named together last."""
    last_date: PartialDate | None = None
    language: str = "zh"
    """The language of the sentence at hand: names taken from context are given in its script."""
    actors: dict[str, Actor] = field(default_factory=dict)
    names: ArticleNames = field(default_factory=ArticleNames)
    subject: ActorMention | None = None
    """The person the last sentence naming people opened with: who a sentence's 他/He is."""
    dateline_place: Place | None = None
    """The city the report was filed in: where "here" (此间) is."""
    latest_by_country: dict[str, ActorMention] = field(default_factory=dict)
    """The person of each country named last: who "the Thai premier" is."""

    # -- what a sentence leaves to context ---------------------------------------------------

    def context_people(self, index: int) -> list[ActorMention]:
        """The principals of the talks just reported, named as the sentence at hand would name them."""
        meeting = near(self.meeting, index)
        if meeting is None:
            return []
        principals = [p for p in meeting.participants if p.role != "attendee"]
        mentions = [ActorMention(0, 0, p.name, p.id, "Person", "context", p.title) for p in principals]
        return [self.as_context(m) for m in mentions]

    def recent_people(self, index: int) -> list[ActorMention]:
        """Two people of two countries named together lately (a caption, a lead), for 两位部长."""
        return [self.as_context(m) for m in near(self.people, index) or []]

    def context_pair(self, index: int) -> list[ActorMention]:
        """The sides of the talks just reported, or the pair named since, whichever came last."""
        meeting_at = self.meeting[0] if self.meeting and near(self.meeting, index) is not None else -1
        pair_at = self.pair[0] if self.pair and near(self.pair, index) is not None else -1
        if meeting_at >= 0 and meeting_at >= pair_at and self.meeting:
            sides = self.meeting_sides(self.meeting[1])
            if len(sides) == 2:
                return sides
        return self.pair[1] if self.pair and pair_at >= 0 else []

    def context_group(self, index: int) -> list[ActorMention]:
        return near(self.group, index) or []

    def context_meeting(self, index: int, parties: list[ActorMention]) -> Meeting | None:
        """The talks just reported, when the parties of an agreement are among their sides."""
        meeting = near(self.meeting, index)
        if meeting is None:
            return None
        people = {p.id for p in meeting.participants}
        sides = {a.actor_id for a in self.meeting_sides(meeting)}
        if all(p.actor_id in people or p.side in sides for p in parties):
            return meeting
        return None

    def meeting_sides(self, meeting: Meeting) -> list[ActorMention]:
        return self.countries_of([p.id for p in meeting.participants if p.role != "attendee"])

    def countries_of(self, actor_ids: list[str]) -> list[ActorMention]:
        """The countries people act for, named in the script of the sentence at hand."""
        sides: list[ActorMention] = []
        for actor_id in actor_ids:
            self.actor(actor_id)
            country = self.actors[actor_id].country if actor_id in self.actors else None
            if not country or country in {s.actor_id for s in sides}:
                continue
            self.actor(country)
            known = self.actors.get(country)
            if known is None or known.type != "Country":
                continue
            name = (known.name_en if self.language == "en" else known.name_zh_hans) or country
            sides.append(ActorMention(0, 0, name, country, "Country", "context", country=country))
        return sides

    def as_context(self, mention: ActorMention) -> ActorMention:
        """An actor read from another sentence, named as the sentence at hand would name it."""
        self.actor(mention.actor_id)
        actor = self.actors.get(mention.actor_id)
        if actor is None:
            return mention
        name = (actor.name_en if self.language == "en" else actor.name_zh_hans) or mention.surface
        return mention.named(name, "context")

    # -- what a sentence leaves for those after it -------------------------------------------

    def remember_sides(self, index: int, actors: list[ActorMention]) -> None:
        people = one_per_side([a for a in actors if a.type == "Person" and a.country])
        if len(people) == 2:
            self.people = (index, people)
        sides = one_per_side([a for a in actors if a.type != "Person" and a.country])
        if len(sides) == 2:
            self.pair = (index, sides)
        elif len(sides) >= 3:
            self.group = (index, sides)

    def remember_subject(self, actors: list[ActorMention]) -> None:
        people = [a for a in actors if a.type == "Person"]
        if people:
            self.subject = people[0]
        for person in people:
            if person.country:
                self.latest_by_country[person.country] = person

    # -- actors ------------------------------------------------------------------------------

    def actor(self, actor_id: str, *, title: str | None = None, doc: Document | None = None) -> None:
        """Record a dictionary actor the article names, with a title it gives them."""
        actor = self.actors.get(actor_id)
        if actor is None:
            entry = self.dictionary.actors.get(actor_id)
            if entry is None:
                return
            actor = actor_from_dictionary(entry)
            self.actors[actor_id] = actor
        if title and doc and all(t.title != title for t in actor.titles):
            as_of = doc.published.iso() if doc.published else None
            actor.titles.append(Title(title, as_of, doc.name))

    def new_person(self, person: NewPerson, doc: Document) -> None:
        """Record a person the dictionary does not know, found after a title."""
        if person.actor_id in self.actors:
            return
        english = person.name.isascii()
        self.actors[person.actor_id] = Actor(
            id=person.actor_id,
            type="Person",
            name_zh_hans=None if english else person.name,
            name_en=person.name if english else None,
            aliases=[person.name],
            country=person.country,
            titles=[Title(person.title, doc.published.iso() if doc.published else None, doc.name)],
            in_dictionary=False,
        )

    def display(self, actor_id: str) -> str:
        """The actor's name for a summary (a country a document's title names is met here first)."""
        self.actor(actor_id)
        actor = self.actors.get(actor_id)
        return actor.display_name if actor else actor_id


def near(remembered: tuple[int, T] | None, index: int) -> T | None:
    """What was remembered at a sentence at most CONTEXT_WINDOW sentences before `index`."""
    return remembered[1] if remembered is not None and index - remembered[0] <= CONTEXT_WINDOW else None


def actor_from_dictionary(entry: DictActor) -> Actor:
    return Actor(
        id=entry.id,
        type=entry.type,
        name_zh_hans=entry.name_zh_hans,
        name_zh_hant=entry.name_zh_hant,
        name_en=entry.name_en,
        aliases=sorted({*entry.aliases, *entry.short_aliases}),
        country=entry.country,
        titles=[Title(t[1] or t[0], str(t[2]) if t[2] else None, "dictionary") for t in entry.titles],
        in_dictionary=True,
    )


def one_per_side(actors: list[ActorMention]) -> list[ActorMention]:
    """One party per country: an organization stands for its country unless it is the one named."""
    chosen: dict[str, ActorMention] = {}
    for a in actors:
        side = a.side
        current = chosen.get(side)
        if current is None or (current.type == "Country" and a.type == "Organization"):
            chosen[side] = a
    return list(chosen.values())
