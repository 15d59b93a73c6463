"""Extraction of one document: sentence by sentence, with the context news writing relies on
(双方 means the two sides of the talks just reported; 同日 the day of the last event)."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace
from functools import cache

from kg.actors import ActorDictionary, NameHit
from kg.dates import DateMention, find_dates, infer_publication_date
from kg.dates.choose import event_date, story_dates
from kg.dates.infer import DATELINE_EN, DATELINE_REACH, DATELINE_ZH
from kg.extract.agreements import AgreementMention, find_agreement
from kg.extract.context import ArticleContext, one_per_side
from kg.extract.earlier import earlier_meeting
from kg.extract.meetings import MeetingMention, find_meetings
from kg.extract.mentions import ActorMention, MentionFinder
from kg.extract.merge import merge_agreements_in_document, merge_meetings_in_document
from kg.extract.references import pronoun_reference, title_references
from kg.grammar import Grammars, load_grammars
from kg.names import simplified_name, to_simplified
from kg.places import Gazetteer
from kg.press import load_press
from kg.records import (
    ActorRef,
    Agreement,
    ArticleMeta,
    Document,
    DocumentEvents,
    Meeting,
    PartialDate,
    Place,
    Sentence,
    Source,
)
from kg.topics import TopicVocabulary


class DocumentExtractor:
    def __init__(
        self,
        dictionary: ActorDictionary,
        gazetteer: Gazetteer,
        topics: TopicVocabulary,
        grammars: Grammars | None = None,
    ) -> None:
        self.dictionary = dictionary
        self.grammars = grammars or load_grammars()
        self.finder = MentionFinder(dictionary, gazetteer, self.grammars)
        self.gazetteer = gazetteer
        self.press = load_press()
        self._surname_titles = tuple(t for g in self.grammars for t in g.surname_titles)
        self._name_particles = frozenset(p.lower() for g in self.grammars for p in g.name_particles)
        self.topics = topics

    def extract(self, doc: Document) -> DocumentEvents:
        if doc.published is None:
            inferred, how = infer_publication_date(doc.simplified)
            if inferred is not None:
                doc = replace(doc, published=inferred, published_source=how or "inferred")
        ctx = ArticleContext(story_dates(doc.simplified, doc.published), self.dictionary)
        ctx.dateline_place = self._dateline_place(doc)
        meetings: list[Meeting] = []
        agreements: list[Agreement] = []
        hits = self._hits_by_sentence(doc)
        for index, sentence in enumerate(doc.sentences):
            self._sentence(doc, index, sentence, hits[index], ctx, meetings, agreements)
        meetings, renamed = merge_meetings_in_document(meetings)
        dates = {m.id: m.date for m in meetings}
        for a in agreements:
            if a.meeting in renamed:
                a.meeting = renamed[a.meeting]
                # A headline's talks get their date from the body that tells them again.
                a.date = a.date or dates.get(a.meeting)
        agreements = merge_agreements_in_document(agreements)
        used = {p.id for m in meetings for p in m.participants} | {
            p.id for a in agreements for p in a.parties
        }
        for actor_id in list(used):
            ctx.actor(actor_id)  # named as context (双方) in a sentence without an event
            country = ctx.actors[actor_id].country if actor_id in ctx.actors else None
            if country:
                used.add(country)
                ctx.actor(country)
        actors = {k: v for k, v in ctx.actors.items() if k in used}
        return DocumentEvents(ArticleMeta.of(doc), meetings, agreements, actors)

    def _sentence(
        self,
        doc: Document,
        index: int,
        sentence: Sentence,
        hits: list[NameHit],
        ctx: ArticleContext,
        meetings: list[Meeting],
        agreements: list[Agreement],
    ) -> None:
        text = doc.simplified_of(sentence)
        grammar = self.grammars.for_text(text)
        hints = grammar.hints_in(text)
        found = self.finder.find(text, sentence.text, hits=hits)
        if not hints:
            # Only the sides it names matter, for a later 双方, and the people it introduces.
            for person in found.new_people:
                ctx.new_person(person, doc)
            self._learn_names(text, found.actors, ctx)
            ctx.remember_sides(index, found.actors)
            ctx.remember_subject(found.actors)
            return
        ctx.language = grammar.language
        named = found.actors
        places = cache(lambda: self.finder.places(text, sentence.text, named))
        for person in found.new_people:
            ctx.new_person(person, doc)
        for m in found.actors:
            ctx.actor(m.actor_id, title=m.title, doc=doc)
        references = [
            *ctx.names.find(text, found.actors),
            *pronoun_reference(text, grammar, ctx.subject),
            *title_references(text, grammar, self._country_named, ctx.latest_by_country),
        ]
        if references:
            found = replace(found, actors=sorted([*found.actors, *references], key=lambda m: m.start))
        self._learn_names(text, found.actors, ctx)
        # Most sentences with an event word tell no event: their dates are read only when one is told.
        anchor = ctx.story.anchor  # relative days count from the wire dateline
        dates = cache(lambda: find_dates(text, anchor))
        source = Source(
            doc.name, sentence.text, sentence.start, sentence.end, doc.id, doc.path, doc.url, doc.title
        )

        # A meeting looked back on (此前…会谈, …通话的成果) is not the one the sentences after it tell
        # of, nor are the sides it names those a later 双方 stands for.
        looked_back = grammar.rule("earlier").search(text) is not None
        told: list[MeetingMention] = []
        if ctx.meeting and grammar.rule("attendees").search(text):
            self._add_attendees(ctx.meeting[1], found.actors, source)
        else:
            told = find_meetings(text, found.actors, places, grammar, ctx.recent_people(index), hints)
            if not told and looked_back:
                the_two = ctx.context_people(index)
                told = [m for m in [earlier_meeting(text, the_two, places(), dates(), grammar)] if m]
            for n, mention in enumerate(told):
                meeting = self._meeting(doc, index, mention, text, dates(), ctx, source)
                meeting.id = f"{meeting.id}:{n}"
                if meeting.place is None and grammar.rule("here").search(text):
                    meeting.place = ctx.dateline_place  # "met … here on Thursday": where the report was filed
                meetings.append(meeting)
                if not looked_back:
                    ctx.meeting = (index, meeting)
                    if meeting.date:
                        ctx.last_date = meeting.date
            unnamed = not any(a.type == "Person" for a in found.actors)
            if not told and not looked_back and unnamed and grammar.rule("unnamed_event").search(text):
                # "3月20日，三国警方举行会议。": an event of no two people named; what follows is of its day.
                ctx.last_date = event_date(dates(), ctx.story)[0] or ctx.last_date
        agreement_found = None
        if grammar.may_agree(hints):
            agreement_found = find_agreement(text, found.actors, grammar, hints)
        if agreement_found is not None:
            reported = ctx.meeting
            if looked_back and told:
                # "A与B上次…举行峰会，当时双方同意…": what was agreed then belongs to that meeting.
                ctx.meeting = (index, meetings[-1])
            for n, title in enumerate(agreement_found.documents or (None,)):
                agreement = self._agreement(doc, index, agreement_found, text, dates(), ctx, source, title)
                if agreement is not None:
                    agreement.id = f"{agreement.id}:{n}"
                    agreements.append(agreement)
            ctx.meeting = reported
        if not looked_back:
            ctx.remember_sides(index, found.actors)
        ctx.remember_subject(found.actors)

    def _learn_names(self, text: str, mentions: list[ActorMention], ctx: ArticleContext) -> None:
        """Remember how each person named in full may be called later in the article."""
        for m in mentions:
            if m.type != "Person" or m.kind == "reference":
                continue
            if not ctx.names.is_new(m.actor_id, text[m.start : m.end], m.title):
                continue
            actor = ctx.actors.get(m.actor_id)
            names = [text[m.start : m.end]]
            # The titles the person holds: given before the name or after it (黄循财总理), or on record.
            held = [simplified_name(m.title)] if m.title else []
            held += [t for t in self._surname_titles if text.startswith(t, m.end)]
            known = self.dictionary.actors.get(m.actor_id)
            held += [simplified_name(t[0]) for t in known.titles] if known else []
            if actor is not None:
                names += [n for n in (actor.name_en, actor.name_zh_hans) if n]
            titles = tuple(t for t in self._surname_titles if any(h.endswith(t) for h in held))
            ctx.names.learn(m, names, titles, self._name_particles)

    def _hits_by_sentence(self, doc: Document) -> list[list[NameHit]]:
        """Dictionary names of the whole document in one pass, handed to each sentence in its offsets."""
        per_sentence: list[list[NameHit]] = [[] for _ in doc.sentences]
        starts = [s.start for s in doc.sentences]
        for hit in self._own_ministries(self.dictionary.find(doc.simplified), doc):
            i = bisect_right(starts, hit.start) - 1
            if i < 0:
                continue
            sentence = doc.sentences[i]
            if hit.end <= sentence.end:
                shift = sentence.start
                local = NameHit(hit.start - shift, hit.end - shift, hit.surface, hit.actor_id, hit.kind)
                per_sentence[i].append(local)
        return per_sentence

    def _own_ministries(self, hits: list[NameHit], doc: Document) -> list[NameHit]:
        """A bare "外交部" is the ministry of the country just named (巴拉圭外交部), else of the
        article's own press (kg.press)."""
        home = self.press.home_of(doc.simplified, doc.url)
        resolved: list[NameHit] = []
        for hit in hits:
            before = resolved[-1] if resolved and resolved[-1].end == hit.start else None
            named = before is not None and before.kind == "name" and self._is_country(before.actor_id)
            if hit.surface in self.press.bare_names:
                ministry = self.press.ministry(hit.surface, before.actor_id if named and before else home)
                if named and ministry is None:
                    continue  # 巴拉圭外交部: a ministry the dictionary does not know; the country stays
                if ministry in self.dictionary.actors:
                    hit = NameHit(hit.start, hit.end, hit.surface, ministry, hit.kind)
            resolved.append(hit)
        return resolved

    def _dateline_place(self, doc: Document) -> Place | None:
        """The city of the wire dateline (`新华社金边3月13日电`, `PHNOM PENH, March 13 (Bernama) --`)."""
        head = doc.simplified[:DATELINE_REACH]
        wire = DATELINE_ZH.search(head) or DATELINE_EN.search(head)
        if wire is None:
            return None
        hit = next(iter(self.gazetteer.find(head[wire.start() : wire.end()])), None)
        return Place(hit.surface, hit.name_en, hit.place_id) if hit else None

    def _country_named(self, nationality: str) -> str | None:
        entry = self.dictionary.lookup(nationality)
        return entry.id if entry is not None and entry.type == "Country" else None

    def _is_country(self, actor_id: str) -> bool:
        entry = self.dictionary.actors.get(actor_id)
        return entry is not None and entry.type == "Country"

    # -- meetings ---------------------------------------------------------------------------

    def _meeting(
        self,
        doc: Document,
        index: int,
        found: MeetingMention,
        text: str,
        dates: list[DateMention],
        ctx: ArticleContext,
        source: Source,
    ) -> Meeting:
        date, date_text = self._date_for(text, dates, ctx, doc, before=found.trigger_end)
        place = None
        if found.place:
            place = Place(found.place.surface, found.place.name_en, found.place.place_id)
        participants = [
            ActorRef(m.actor_id, m.surface, m.type, m.title, role) for m, role in found.participants
        ]
        return Meeting(
            id=f"meeting:{doc.name}:{index}",
            participants=participants,
            mode=found.mode,
            date=date,
            date_text=date_text,
            place=place,
            sources=[source],
            kind=found.kind,
        )

    def _add_attendees(self, meeting: Meeting, actors: list[ActorMention], source: Source) -> None:
        present = {p.id for p in meeting.participants}
        for m in actors:
            if m.type == "Person" and m.actor_id not in present:
                meeting.participants.append(ActorRef(m.actor_id, m.surface, m.type, m.title, "attendee"))
                present.add(m.actor_id)
        if source not in meeting.sources:
            meeting.sources.append(source)

    def _date_for(
        self,
        text: str,
        dates: list[DateMention],
        ctx: ArticleContext,
        doc: Document,
        *,
        before: int | None = None,
        context: PartialDate | None = None,
    ) -> tuple[PartialDate | None, str | None]:
        return event_date(dates, ctx.story, before=before, previous=ctx.last_date, context=context)

    # -- agreements -------------------------------------------------------------------------

    def _agreement(
        self,
        doc: Document,
        index: int,
        found: AgreementMention,
        text: str,
        dates: list[DateMention],
        ctx: ArticleContext,
        source: Source,
        document: str | None = None,
    ) -> Agreement | None:
        """The agreement a sentence reports; `document` is the title of one signed document."""
        parties = self._parties(index, found, ctx)
        named = self._countries_named_by(document) if document else []
        if document and not named and len(parties) < 2:
            # "三方签署了联合声明和「中日韩…备忘录」": signed by those the titled documents name.
            named_by = [n for n in map(self._countries_named_by, found.documents) if n]
            if len({tuple(m.actor_id for m in n) for n in named_by}) == 1:
                named = named_by[0]
        if len(named) >= 2:
            # 「中韩卫生合作谅解备忘录」: the title says whose document it is.
            parties = [*named, *(p for p in parties if p.type == "Person")]
        if len(parties) < 2:
            return None
        if found.implicit == "pair":
            ctx.remember_sides(index, parties)  # the next 双方 is still this pair
        topics = self.topics.topics_in(text)
        meeting = ctx.context_meeting(index, parties)
        context = meeting.date if meeting else None
        date, _ = self._date_for(text, dates, ctx, doc, context=context)
        represented = any(p.type != "Person" for p in parties)
        refs = [
            ActorRef(
                p.actor_id,
                p.surface,
                p.type,
                p.title,
                "representative" if represented and p.type == "Person" else "party",
            )
            for p in parties
        ]
        names = "、".join(ctx.display(r.id) for r in refs if r.role == "party")
        return Agreement(
            id=f"agreement:{doc.name}:{index}",
            parties=refs,
            topics=topics,
            summary=f"{names}: {document or found.content[:160]}",
            date=date,
            sources=[source],
            meeting=meeting.id if meeting else None,
            kind=found.kind,
        )

    def _countries_named_by(self, title: str) -> list[ActorMention]:
        """The countries a document's title opens with (「中韩…」, 「日菲…」), as parties."""
        found: list[ActorMention] = []
        text, at = to_simplified(title), 0
        while at < len(text):
            # The longest abbreviation first: 「中印尼…」 is China and Indonesia, not India.
            abbrev = self.dictionary.country_of_abbrev
            unit, country = next(
                ((u, c) for u in (text[at : at + 2], text[at]) if (c := abbrev(u))), ("", None)
            )
            if country is None or any(m.actor_id == country for m in found):
                break
            found.append(ActorMention(0, 0, unit, country, "Country", "context", country=country))
            at += len(unit)
        return found if len(found) >= 2 else []

    def _parties(self, index: int, found: AgreementMention, ctx: ArticleContext) -> list[ActorMention]:
        explicit = found.explicit
        people = [a for a in explicit if a.type == "Person"]
        others = [a for a in explicit if a.type != "Person"]
        if found.implicit == "people" and len({p.actor_id for p in people}) < 2:
            people = ctx.context_people(index) or ctx.recent_people(index)
        if len({p.actor_id for p in people}) >= 2 and found.implicit in (None, "people"):
            # "X和Y共同签署": the countries they act for are the parties, the people their representatives.
            countries = ctx.countries_of([p.actor_id for p in people])
            return [*countries, *people] if len(countries) >= 2 else people
        if len({a.side for a in others}) >= 2:
            return one_per_side(others)
        context: list[ActorMention] = []
        if found.implicit in ("pair", "people"):
            context = ctx.context_pair(index)
        elif found.implicit == "group":
            context = ctx.context_group(index)
        return one_per_side(others + [ctx.as_context(m) for m in context])
