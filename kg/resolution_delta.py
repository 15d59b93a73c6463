"""Resolution as the articles' results stream in: from scratch (kg.resolve.Resolver), or, in a
rebuild, from the previous build's memo (kg.resolution_memo), merging again only the buckets and
actors the changed articles touch. Either way the corpus is the one resolving every article from
scratch gives, and the memo of it is made for the next build.

The memo serves a corpus whose unchanged articles come in the order they came before, with
names that tell them apart (an article's records are named after it); otherwise every article
is read back and resolved from scratch.
"""

from __future__ import annotations

import marshal
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Any

from kg.extract.merge import merge_agreements, merge_meetings
from kg.record_codec import decoder
from kg.records import (
    Actor,
    Agreement,
    ArticleMeta,
    Corpus,
    CorpusChange,
    DocumentEvents,
    Meeting,
    Skipped,
    Topic,
    Unchanged,
)
from kg.resolution_memo import (
    Bucket,
    MemoActor,
    MemoArticle,
    MemoBucket,
    MemoRecorder,
    Plain,
    Ref,
    ResolutionMemo,
    is_meeting_bucket,
    kept,
    load_memo,
    note_copy,
    record_buckets,
)
from kg.resolve import Resolver, agreement_id, fold_actor, meeting_id, meeting_ids, topics_used

ReadBack = Callable[[Unchanged], DocumentEvents]
"""An unchanged article's events, read back (from the extraction cache)."""
Event = Meeting | Agreement


class Resolution:
    """The corpus of the results given to `add`, in their order. `unread` (before the first
    result) names the articles the previous memo holds: they come as Unchanged, not read.
    version: the memo's (kg.resolution_memo.memo_version); None: no memo is read or made (no
    cache to read articles back from)."""

    def __init__(
        self,
        topics: dict[str, Topic],
        version: str | None,
        previous: Path | ResolutionMemo | None,
        read_back: ReadBack,
    ) -> None:
        self.topics = topics
        self.version = version
        self._previous = previous
        self.previous: ResolutionMemo | None = None
        self.read_back = read_back
        self.skipped: list[Skipped] = []
        self.memo: ResolutionMemo | None = None
        """The memo of the corpus, for the next build, once `corpus` has made it (None when its
        articles' names do not tell them apart)."""
        self._stream: list[tuple[str, DocumentEvents | Unchanged]] = []
        self._taken: _Taken | None = None
        self._resolver = Resolver(topics)
        self._recorder = MemoRecorder(version) if version else None
        self._names: list[str] = []

    def unread(self, keys: Sequence[str]) -> set[str]:
        """Of the articles about to come (their keys, in order), those the memo holds. The memo is
        read here, once the changed articles' extraction has started: a worker process forked from
        a process that holds the memo makes every page the memo's reading writes a copy."""
        previous = self._previous
        if isinstance(previous, Path):
            previous = load_memo(previous, self.version) if self.version else None
        self.previous = previous
        if previous is None or not _same_order(previous.order, keys):
            return set()
        held = previous.articles.keys() & set(keys)
        if held:
            self._taken = _Taken.of(previous)
        return held

    def add(self, key: str | None, result: DocumentEvents | Skipped | Unchanged) -> None:
        if isinstance(result, Skipped):
            self.skipped.append(result)
        elif self._taken is not None:
            assert key is not None
            self._stream.append((key, result))
        else:
            assert isinstance(result, DocumentEvents)
            self._names.append(result.article.name)
            if key is None:
                self._recorder = None
            elif self._recorder is not None:
                self._recorder.add(key, result)
            self._resolver.add(result)

    def corpus(self) -> Corpus:
        if self._taken is not None:
            assert self.previous is not None
            memo = self.previous
            names = [
                memo.articles[k].name if isinstance(e, Unchanged) else e.article.name for k, e in self._stream
            ]
            if len(set(names)) == len(names):
                return self._from_memo(self.previous, self._taken)
            self._taken = None
            for key, found in self._stream:
                self.add(key, self.read_back(found) if isinstance(found, Unchanged) else found)
        self._resolver.skipped.extend(self.skipped)
        corpus = self._resolver.corpus()
        if self._recorder is not None and len(set(self._names)) == len(self._names):
            self.memo = self._recorder.finish(corpus.meetings, corpus.agreements, corpus.actors)
        return corpus

    def _from_memo(self, memo: ResolutionMemo, taken: _Taken) -> Corpus:
        changes = _Changes(memo, self._stream, self.read_back, taken.events)
        memo.order = [key for key, _ in self._stream]
        self.memo = memo
        fresh = changes.fresh
        actors = {i: changes.actors.get(i) or taken.actors[i] for i in sorted(memo.actors)}
        ordered: dict[bool, list[tuple[str, str, int, int, Event]]] = {True: [], False: []}
        pos = changes.position
        for bucket, entry in memo.buckets.items():
            records = changes.merged.get(bucket) or taken.events[bucket]
            into = ordered[is_meeting_bucket(bucket)]
            for (date, event_id, (key, index), *_), record in zip(entry.kept, records, strict=True):
                into.append((date, event_id, pos[key], index, record))
        meetings: list[Any] = [row[4] for row in sorted(ordered[True], key=_ORDER)]
        agreements: list[Any] = [row[4] for row in sorted(ordered[False], key=_ORDER)]
        changes.change.note_produced(agreements)
        documents = [fresh[k].article if k in fresh else taken.documents[k] for k in memo.order]
        return Corpus(
            documents=sorted(documents, key=attrgetter("name")),
            actors=actors,
            meetings=meetings,
            agreements=agreements,
            topics=topics_used(self.topics, agreements),
            skipped=list(self.skipped),
            change=changes.change,
        )


_ORDER = itemgetter(0, 1, 2, 3)
"""The corpus's order of merged events (kg.resolve.Resolver.corpus): date, id, then first report."""


def _same_order(before: list[str], keys: Sequence[str]) -> bool:
    """Do the articles the memo holds come in the order they came before, each once?"""
    position = {key: i for i, key in enumerate(keys)}
    if len(position) != len(keys):
        return False
    held = [position[key] for key in before if key in position]
    return all(a < b for a, b in pairwise(held))


@dataclass
class _Taken:
    """The memo's records, decoded (while the changed articles are extracted elsewhere)."""

    documents: dict[str, ArticleMeta]
    actors: dict[str, Actor]
    events: dict[Bucket, list[Event]]

    @classmethod
    def of(cls, memo: ResolutionMemo) -> _Taken:
        article, actor = decoder(ArticleMeta), decoder(Actor)
        meeting, agreement = decoder(Meeting), decoder(Agreement)
        events: dict[Bucket, list[Event]] = {}
        for bucket, entry in memo.buckets.items():
            decode = meeting if is_meeting_bucket(bucket) else agreement
            events[bucket] = [decode(k[3]) for k in entry.kept]
        return cls(
            {k: article(a.meta) for k, a in memo.articles.items()},
            {i: actor(a.merged) for i, a in memo.actors.items()},
            events,
        )


def _final_meetings(events: DocumentEvents) -> DocumentEvents:
    """An article's agreements name the merged meetings they came out of (kg.resolve.meeting_ids)."""
    ids = meeting_ids(events)
    for agreement in events.agreements:
        if agreement.meeting is not None:
            agreement.meeting = ids.get(agreement.meeting)
    return events


class _Changes:
    """The memo brought up to date with the articles of `stream` (key, events or Unchanged):
    the buckets and actors the changed articles touch are merged again (`merged`, `actors`)."""

    def __init__(
        self,
        memo: ResolutionMemo,
        stream: list[tuple[str, DocumentEvents | Unchanged]],
        read_back: ReadBack,
        taken: dict[Bucket, list[Event]],
    ):
        self.memo, self.read_back, self.plain, self.taken = memo, read_back, Plain(), taken
        self.position = {key: i for i, (key, _) in enumerate(stream)}
        self.fresh = {key: _final_meetings(e) for key, e in stream if isinstance(e, DocumentEvents)}
        self.unchanged = {key: e for key, e in stream if isinstance(e, Unchanged)}
        self.gone = {key for key in memo.order if key not in self.position or key in self.fresh}
        self._read: dict[str, DocumentEvents] = dict(self.fresh)
        self.merged: dict[Bucket, list[Event]] = {}
        self.actors: dict[str, Actor] = {}
        self.change = CorpusChange(documents={(e.article.name, e.article.id) for e in self.fresh.values()})
        buckets, actors = self._note_articles()
        for bucket in buckets:
            self._merge_bucket(bucket, buckets[bucket])
        for actor_id in actors:
            self._merge_actor(actor_id)

    def _note_articles(self) -> tuple[dict[Bucket, list[Ref]], set[str]]:
        """The buckets (with the references of their new records) and the actors touched."""
        memo = self.memo
        buckets: dict[Bucket, list[Ref]] = defaultdict(list)
        actors: set[str] = set()
        for key in self.gone:
            article = memo.articles.pop(key)
            for bucket in article.buckets:
                buckets.setdefault(bucket, [])  # touched, with no new record
            actors.update(article.actors)
        for key, events in self.fresh.items():
            placed = record_buckets(key, events)
            for bucket, ref in placed:
                buckets[bucket].append(ref)
            memo.articles[key] = MemoArticle(
                events.article.name,
                self.plain.of_article(events.article),
                [b for b, _ in placed],
                list(events.actors),
            )
            actors.update(events.actors)
        return buckets, actors

    def _record(self, bucket: Bucket, ref: Ref) -> Event:
        key, index = ref
        events = self._read.get(key)
        if events is None:
            events = self._read[key] = _final_meetings(self.read_back(self.unchanged[key]))
        return events.meetings[index] if is_meeting_bucket(bucket) else events.agreements[index]

    def _merge_bucket(self, bucket: Bucket, added: list[Ref]) -> None:
        memo, position = self.memo, self.position
        before = memo.buckets.get(bucket)
        refs = [r for r in before.refs if r[0] not in self.gone] if before else []
        order = lambda ref: (position[ref[0]], ref[1])  # noqa: E731
        added.sort(key=order)
        memo.touch(bucket)
        if before is not None:
            # Noted before the merge: merging on into the bucket's merged events changes them.
            self.change.note_events(self.taken[bucket])
        if not refs and not added:
            memo.buckets.pop(bucket, None)
            return
        first: dict[int, Ref] = {}
        merged_before: list[Event] = []
        appended = before and len(refs) == len(before.refs) and added and order(refs[-1]) < order(added[0])
        if before is not None and appended:
            # Reports that come after all the bucket's earlier ones (new articles named after the
            # others: a day's news) merge on into its merged events, in the order they were kept.
            taken = zip(before.kept, self.taken[bucket], strict=True)
            kept_before = sorted(taken, key=lambda k: order(k[0][2]))
            merged_before = [event for _, event in kept_before]
            first = {id(event): entry[2] for entry, event in kept_before}
            refs += added
            todo = added
        else:
            refs = sorted(refs + added, key=order)
            todo = refs
        records = [self._record(bucket, ref) for ref in todo]
        first.update({id(record): ref for record, ref in zip(records, todo, strict=True)})
        merged: list[Event]
        if is_meeting_bucket(bucket):
            merged = list(merge_meetings(records, within_document=False, merged=merged_before)[0])  # type: ignore[arg-type]
        else:
            merged = list(merge_agreements(records, within_document=False, merged=merged_before))  # type: ignore[arg-type]
        for event in merged:
            event.id = meeting_id(event) if isinstance(event, Meeting) else agreement_id(event)
        memo.buckets[bucket] = MemoBucket(refs, [kept(e, first[id(e)], self.plain) for e in merged])
        self.merged[bucket] = merged
        self.change.note_events(merged)

    def _merge_actor(self, actor_id: str) -> None:
        memo, position = self.memo, self.position
        before = memo.actors.get(actor_id)
        copies = []
        for copy, keys in before.copies if before else ():
            kept_keys = [k for k in keys if k not in self.gone]
            if kept_keys:
                copies.append((copy, kept_keys))
        seen = {marshal.dumps(c, 2): i for i, (c, _) in enumerate(copies)}
        for key, events in self.fresh.items():
            actor = events.actors.get(actor_id)
            if actor is None:
                continue
            copy = self.plain.of_actor(actor)
            note_copy(copies, seen, copy, key)
        if not copies:
            if memo.actors.pop(actor_id, None) is not None:
                self.change.actors.add(actor_id)
            return
        for _, keys in copies:
            keys.sort(key=position.__getitem__)
        copies.sort(key=lambda c: position[c[1][0]])
        decode = decoder(Actor)
        folded = fold_actor([decode(c) for c, _ in copies], sum(len(keys) for _, keys in copies))
        merged = self.plain.of_actor(folded)
        if before is None or before.merged != merged:
            self.change.actors.add(actor_id)
        memo.actors[actor_id] = MemoActor(merged, copies)
        self.actors[actor_id] = folded
