"""Typed records exchanged between pipeline stages.

ingest -> RawDocument | Skipped
normalize -> Document (sentences with offsets into the document text)
extract -> MeetingMention / AgreementMention (per document, actors as ActorRef)
resolve -> Actor, Meeting, Agreement (canonical ids, merged across documents)
graph -> networkx MultiDiGraph (see kg.graph)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

ActorType = Literal["Person", "Country", "Organization"]
Mode = Literal["in_person", "video", "phone", "letter"]
DatePrecision = Literal["day", "month", "year"]


@dataclass(frozen=True)
class PartialDate:
    """A date known to a year, a month or a day; never padded with invented parts."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> DatePrecision:
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        parts = [int(p) for p in text.split("-")]
        return cls(*parts)

    def __str__(self) -> str:
        return self.iso()


@dataclass(frozen=True)
class ArticleFile:
    """An article file found by ingest, and the name it goes by in events, graph and `kg eval`."""

    path: Path
    name: str
    """The POSIX path relative to the folder given on the command line (a file given: its basename)."""


@dataclass(frozen=True)
class Unchanged:
    """An article with the bytes an earlier build resolved: its events are in that build's
    resolution memo (kg.resolution_memo), not read back unless a change shares them."""

    article: ArticleFile
    key: str
    """Its extraction cache key (kg.cache)."""


@dataclass(frozen=True)
class RawDocument:
    """A file read from disk and decoded, before any cleaning of its text."""

    path: str
    name: str
    """See ArticleFile.name: unique within a corpus."""
    text: str
    fmt: Literal["markdown", "html", "text"]
    title: str | None = None
    url: str | None = None
    author: str | None = None
    published_text: str | None = None
    encoding: str = "utf-8"


@dataclass(frozen=True)
class Skipped:
    """A file that could not be read, and why: reported, never silently dropped."""

    path: str
    reason: str
    traceback: str = ""
    """For a failure kg did not foresee (a bug): the traceback, kept in report.json."""


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int
    paragraph: int = 0


@dataclass(frozen=True)
class Document:
    id: str
    """sha256 of the normalized text: with `name`, the article's identity (see kg.graph.article_id)."""
    path: str
    name: str
    text: str
    sentences: tuple[Sentence, ...]
    simplified: str
    """`text` converted to simplified Chinese, character for character (same offsets)."""
    title: str | None = None
    url: str | None = None
    published: PartialDate | None = None
    published_source: str | None = None
    """How the date was found: front-matter, meta, dateline, inferred, or None."""
    script: Literal["zh-Hans", "zh-Hant", "en", "mixed"] = "zh-Hans"

    def simplified_of(self, sentence: Sentence) -> str:
        return self.simplified[sentence.start : sentence.end]


@dataclass(frozen=True)
class ArticleMeta:
    """What the graph keeps of a document: no text, so a corpus streams in flat memory."""

    id: str
    name: str
    path: str
    title: str | None = None
    url: str | None = None
    published: PartialDate | None = None
    published_source: str | None = None
    script: str = "zh-Hans"

    @classmethod
    def of(cls, doc: Document) -> ArticleMeta:
        return cls(
            doc.id, doc.name, doc.path, doc.title, doc.url, doc.published, doc.published_source, doc.script
        )


@dataclass(frozen=True)
class Source:
    """Where a fact was read: one sentence of one article."""

    doc: str
    """The article's name (Document.name)."""
    sentence: str
    start: int
    end: int
    doc_id: str = ""
    """The article's content hash (Document.id)."""
    path: str = ""
    url: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class Title:
    title: str
    as_of: str | None
    source: str


@dataclass
class Actor:
    id: str
    type: ActorType
    name_zh_hans: str | None = None
    name_zh_hant: str | None = None
    name_en: str | None = None
    aliases: list[str] = field(default_factory=list)
    country: str | None = None
    """Actor id of the country a person or organization belongs to (e.g. country:china)."""
    titles: list[Title] = field(default_factory=list)
    in_dictionary: bool = True

    @property
    def display_name(self) -> str:
        return self.name_en or self.name_zh_hans or self.name_zh_hant or self.id


@dataclass(frozen=True)
class ActorRef:
    """An actor as one article names it, linked to the canonical actor id."""

    id: str
    name: str
    """As written in the article."""
    type: ActorType
    title: str | None = None
    role: str = "participant"
    """participant | host | guest | attendee | sender | recipient."""


@dataclass(frozen=True)
class Place:
    name: str
    name_en: str | None = None
    id: str | None = None


@dataclass
class Meeting:
    id: str
    participants: list[ActorRef]
    mode: Mode
    date: PartialDate | None
    date_text: str | None
    place: Place | None
    sources: list[Source]
    kind: str = "talks"
    """talks | meeting | phone_call | letter | video_meeting | ... (the verb used)."""

    @property
    def doc(self) -> str:
        return self.sources[0].doc


@dataclass
class Agreement:
    id: str
    parties: list[ActorRef]
    topics: list[str]
    summary: str
    date: PartialDate | None
    sources: list[Source]
    meeting: str | None = None
    kind: str = "consensus"
    """consensus | signed | decision | joint_commitment."""

    @property
    def doc(self) -> str:
        return self.sources[0].doc


@dataclass(frozen=True)
class Topic:
    id: str
    label_en: str
    label_zh: str


@dataclass
class DocumentEvents:
    """What extraction found in one document, before cross-document merging."""

    article: ArticleMeta
    meetings: list[Meeting]
    agreements: list[Agreement]
    actors: dict[str, Actor]


@dataclass
class CorpusChange:
    """Where a rebuild's corpus may differ from the corpus of the build it replaces
    (kg.resolution_delta): every event, actor and article named in none of these sets is the same
    record as before, in the same order. Each set names what it holds before and after the change."""

    events: set[str] = field(default_factory=set)
    """The events merged again."""
    actors: set[str] = field(default_factory=set)
    """The actors whose merged record changed, came or went."""
    named: set[str] = field(default_factory=set)
    """The actors those events name (participants, parties)."""
    documents: set[tuple[str, str]] = field(default_factory=set)
    """The articles (name, content hash) that came, went or changed, and those reporting the events."""
    places: set[Place] = field(default_factory=set)
    """The places of those events that are meetings."""
    meetings: set[str] = field(default_factory=set)
    """The meetings those events that are agreements came out of."""
    produced: set[str] = field(default_factory=set)
    """The agreements that came out of those events that are meetings (kg.records.Agreement.meeting),
    merged again or not."""

    def note_events(self, events: Sequence[Meeting | Agreement]) -> None:
        """Note what these events, merged again, are and name (called with them before and after)."""
        for event in events:
            self.events.add(event.id)
            self.documents.update((s.doc, s.doc_id) for s in event.sources)
            if isinstance(event, Meeting):
                self.named.update(p.id for p in event.participants)
                if event.place is not None:
                    self.places.add(event.place)
            else:
                self.named.update(p.id for p in event.parties)
                if event.meeting is not None:
                    self.meetings.add(event.meeting)

    def note_produced(self, agreements: list[Agreement]) -> None:
        """Note the agreements of the corpus that came out of the events merged again."""
        self.produced.update(a.id for a in agreements if a.meeting is not None and a.meeting in self.events)


@dataclass
class Corpus:
    """The resolved corpus every sink reads: one actor per real actor, merged events."""

    documents: list[ArticleMeta]
    actors: dict[str, Actor]
    meetings: list[Meeting]
    agreements: list[Agreement]
    topics: dict[str, Topic]
    skipped: list[Skipped] = field(default_factory=list)
    change: CorpusChange | None = field(default=None, compare=False)
    """What changed since the previous build's corpus, when this one was resolved from its memo
    (None: resolved from scratch, compare nothing)."""
