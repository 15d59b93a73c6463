"""What the previous build's resolution was made of, so that a rebuild merges again only what its
changed articles touch.

Merging across articles (kg.resolve) is local: an actor is the fold of its copies in the articles'
order; a dated meeting is the fold of the meetings in its bucket (kg.resolve.meeting_bucket), the
dated agreements of a bucket merge among themselves only; an undated event merges with nothing.
The memo keeps, in kg.record_codec's plain form and by each article's cache key (kg.cache):
- per article, its name, its ArticleMeta, the buckets its records are in, the actors it names;
- per bucket, the references (article key, index in that article's list) of its records in the
  articles' order, and the merged events that came out of it;
- per actor, its distinct copies (a copy repeated adds nothing: kg.resolve._Held), each with the
  articles that hold it, and the merged actor.
A rebuild reads back (kg.resolution_delta) only the articles that share a bucket with a changed
one, and takes every other merged record as it was.

On disk: a folder in the build folder, of marshal files with a checksum each (an index, and the
buckets in shards), for one `memo_version` (the extractor's, which covers the records and their
merging, and this code's); a memo of another version, or damaged, is not read.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import os
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Any

from kg.cache import files_version
from kg.record_codec import encoder
from kg.records import Actor, Agreement, ArticleMeta, DocumentEvents, Meeting
from kg.resolve import agreement_bucket, meeting_bucket
from kg.reuse import digest_bytes

log = logging.getLogger(__name__)

_MAGIC = b"kgm\x01"

Ref = tuple[str, int]
"""A record of one article: the article's key and the record's index in its meetings or agreements."""
Bucket = tuple[Any, ...]
Kept = tuple[str, str, Ref, Any, bytes]
"""A merged event: its date (ISO, "" undated) and id (the corpus's order), the reference of its
first report (the order of merged events of equal date and id), its plain form and the digest
of that (ResolutionMemo.record_digests)."""
UNDATED_MEETING, UNDATED_AGREEMENT = "undated meeting", "undated agreement"
MEETING_BUCKETS = frozenset({"meeting", UNDATED_MEETING})


@dataclass(slots=True)
class MemoArticle:
    name: str
    meta: Any
    """Its ArticleMeta, plain."""
    buckets: list[Bucket]
    actors: list[str]


@dataclass(slots=True)
class MemoBucket:
    refs: list[Ref]
    kept: list[Kept]


@dataclass(slots=True)
class MemoActor:
    merged: Any
    copies: list[tuple[Any, list[str]]]
    """Each distinct copy, plain, and the keys of the articles that hold it, in their order."""


@dataclass
class ResolutionMemo:
    version: str
    order: list[str]
    """The keys of the articles with events, in the order resolution took them."""
    articles: dict[str, MemoArticle]
    buckets: dict[Bucket, MemoBucket]
    actors: dict[str, MemoActor]
    origin: Path | None = None
    """The folder it was read from."""
    changed: set[int] | None = None
    """The shards of its buckets changed since it was read (None: all of them)."""
    shard_of: dict[Bucket, int] = field(default_factory=dict)
    """The shard of each bucket read (found once: a bucket's shard costs a repr and a checksum)."""

    def record_digests(self) -> dict[str, bytes]:
        """Per merged event's id, the digest of its whole record (made when the event was merged:
        a rebuild has those of its unchanged events already); none for an id two events share."""
        return record_digests(chain.from_iterable(entry.kept for entry in self.buckets.values()))

    def touch(self, bucket: Bucket) -> None:
        if self.changed is not None:
            self.changed.add(self._shard(bucket))

    def _shard(self, bucket: Bucket) -> int:
        number = self.shard_of.get(bucket)
        if number is None:
            number = self.shard_of[bucket] = shard(bucket)
        return number

    def save(self, folder: Path) -> None:
        """Into `folder` (a new one): an index, and the buckets in shards; a shard no bucket of
        which changed is a hard link to the file it was read from (a rebuild's memo differs from
        the previous one in a few buckets, and most of its bytes are buckets)."""
        folder.mkdir()
        index = (
            self.version,
            self.order,
            {k: (a.name, a.meta, a.buckets, a.actors) for k, a in self.articles.items()},
            {i: (a.merged, a.copies) for i, a in self.actors.items()},
        )
        _write(folder / _INDEX, index)
        shards: list[dict[Bucket, tuple[list[Ref], list[Kept]]]] = [{} for _ in range(SHARDS)]
        for bucket, entry in self.buckets.items():
            shards[self._shard(bucket)][bucket] = (entry.refs, entry.kept)
        for number, buckets in enumerate(shards):
            name = _SHARD.format(number)
            if self.origin is None or self.changed is None or number in self.changed:
                _write(folder / name, buckets)
                continue
            try:
                os.link(self.origin / name, folder / name)
            except OSError:  # another file system, or a file gone: written again
                _write(folder / name, buckets)


SHARDS = 64
_INDEX, _SHARD = "index", "buckets.{:02d}"


def memo_version(extractor_version: str) -> str:
    """The version of memos: the extractor's (which covers the records and their merging:
    kg.resolve, kg.extract.merge) and that of the memo's own code."""
    package = Path(__file__).resolve().parent
    modules = [package / "resolution_memo.py", package / "resolution_delta.py"]
    return hashlib.sha256(f"{extractor_version}\0{files_version(package, modules)}".encode()).hexdigest()


def shard(bucket: Bucket) -> int:
    """The shard of a bucket: the same in every process (str's hash is not)."""
    return zlib.crc32(repr(bucket).encode()) % SHARDS


def _write(path: Path, value: Any) -> None:
    body = marshal.dumps(value, 4)
    path.write_bytes(_MAGIC + zlib.crc32(body).to_bytes(4, "big") + body)


def _read(path: Path) -> Any:
    """The value of a file of the memo; ValueError when it is not one, or damaged."""
    data = path.read_bytes()
    header = len(_MAGIC) + 4
    body = memoryview(data)[header:]
    if data[: len(_MAGIC)] != _MAGIC or zlib.crc32(body).to_bytes(4, "big") != data[len(_MAGIC) : header]:
        raise ValueError("not a file of a resolution memo of this kg, or damaged")
    try:
        return marshal.loads(body)
    except (EOFError, TypeError) as exc:
        raise ValueError(f"damaged: {exc}") from None


@dataclass
class Memos:
    """Where the memo a build resolves from is (the previous build's, if any), and the one it makes."""

    previous: Path | None = None
    made: ResolutionMemo | None = None


def load_memo(folder: Path, version: str) -> ResolutionMemo | None:
    """The memo in `folder` if it is one of `version` (memo_version); None otherwise (a damaged one
    is a warning: the build resolves every article)."""
    if not (folder / _INDEX).is_file():
        return None
    try:
        stored_version, order, articles, actors = _read(folder / _INDEX)
        if stored_version != version:
            return None
        buckets: dict[Bucket, MemoBucket] = {}
        shard_of: dict[Bucket, int] = {}
        for number in range(SHARDS):
            for bucket, (refs, kept) in _read(folder / _SHARD.format(number)).items():
                buckets[bucket] = MemoBucket(refs, kept)
                shard_of[bucket] = number
    except (OSError, ValueError) as exc:
        log.warning("%s: resolution memo not read (%s); every article is resolved again", folder, exc)
        return None
    return ResolutionMemo(
        version,
        order,
        {k: MemoArticle(*a) for k, a in articles.items()},
        buckets,
        {i: MemoActor(*a) for i, a in actors.items()},
        origin=folder,
        changed=set(),
        shard_of=shard_of,
    )


class Plain:
    """kg.record_codec's plain forms, with one table of strings for a whole memo."""

    def __init__(self) -> None:
        self._strings: dict[str | None, str | None] = {}
        self.actor, self.meeting = encoder(Actor), encoder(Meeting)
        self.agreement, self.article = encoder(Agreement), encoder(ArticleMeta)

    def of_actor(self, actor: Actor) -> Any:
        return self.actor(actor, self._strings.setdefault)

    def of_article(self, meta: ArticleMeta) -> Any:
        return self.article(meta, self._strings.setdefault)

    def of_event(self, event: Meeting | Agreement) -> Any:
        if isinstance(event, Meeting):
            return self.meeting(event, self._strings.setdefault)
        return self.agreement(event, self._strings.setdefault)


def record_buckets(key: str, events: DocumentEvents) -> list[tuple[Bucket, Ref]]:
    """The bucket and reference of each of an article's meetings, then of each of its agreements."""
    meetings = [(bucket_of(m, (key, i)), (key, i)) for i, m in enumerate(events.meetings)]
    return meetings + [(bucket_of(a, (key, i)), (key, i)) for i, a in enumerate(events.agreements)]


def bucket_of(event: Meeting | Agreement, ref: Ref) -> Bucket:
    """The bucket of the record `ref` (kg.resolve.meeting_bucket, agreement_bucket), or, undated,
    one of its own, named after it."""
    if isinstance(event, Meeting):
        return meeting_bucket(event) or (UNDATED_MEETING, *ref)
    return agreement_bucket(event) or (UNDATED_AGREEMENT, *ref)


def kept(event: Meeting | Agreement, first: Ref, plain: Plain) -> Kept:
    record = plain.of_event(event)
    return (event.date.iso() if event.date else "", event.id, first, record, digest_bytes(record))


def record_digests(kept: Iterable[Kept]) -> dict[str, bytes]:
    """Per event's id, the digest of its record; none for an id two events share."""
    digests: dict[str, bytes] = {}
    shared: set[str] = set()
    for entry in kept:
        if entry[1] in digests:
            shared.add(entry[1])
        digests[entry[1]] = entry[4]
    for event_id in shared:
        del digests[event_id]
    return digests


def note_copy(copies: list[tuple[Any, list[str]]], seen: dict[bytes, int], copy: Any, key: str) -> None:
    """The article `key` holds the actor's copy `copy` (plain): among `copies`, found by `seen`
    (each distinct copy's marshalled form -> its index: version 2, equal copies, equal bytes)."""
    index = seen.setdefault(marshal.dumps(copy, 2), len(copies))
    if index == len(copies):
        copies.append((copy, []))
    copies[index][1].append(key)


def is_meeting_bucket(bucket: Bucket) -> bool:
    return bucket[0] in MEETING_BUCKETS


class MemoRecorder:
    """Makes the memo of a resolution from scratch (kg.resolve.Resolver): each article's records
    are noted before the resolver merges into them, the merged events once it has."""

    def __init__(self, version: str) -> None:
        self.plain = Plain()
        self.memo = ResolutionMemo(version, [], {}, {}, {})
        self._refs: dict[int, Ref] = {}  # by id(): the records live until the corpus is made
        self._copies: dict[str, dict[bytes, int]] = {}

    def add(self, key: str, events: DocumentEvents) -> None:
        """Before the resolver takes `events` (it merges into the first copy of each actor)."""
        memo, plain = self.memo, self.plain
        memo.order.append(key)
        placed = record_buckets(key, events)
        for (bucket, ref), record in zip(placed, [*events.meetings, *events.agreements], strict=True):
            self._refs[id(record)] = ref
            memo.buckets.setdefault(bucket, MemoBucket([], [])).refs.append(ref)
        for actor_id, actor in events.actors.items():
            copy = plain.of_actor(actor)
            entry = memo.actors.setdefault(actor_id, MemoActor(None, []))
            note_copy(entry.copies, self._copies.setdefault(actor_id, {}), copy, key)
        memo.articles[key] = MemoArticle(
            events.article.name, plain.of_article(events.article), [b for b, _ in placed], list(events.actors)
        )

    def finish(
        self, meetings: list[Meeting], agreements: list[Agreement], actors: dict[str, Actor]
    ) -> ResolutionMemo:
        """The memo, given the merged records (each the first of its reports, merged into)."""
        memo, plain = self.memo, self.plain
        events: list[Meeting | Agreement] = [*meetings, *agreements]
        for event in events:
            ref = self._refs[id(event)]
            memo.buckets[bucket_of(event, ref)].kept.append(kept(event, ref, plain))
        for actor_id, actor in actors.items():
            memo.actors[actor_id].merged = plain.of_actor(actor)
        self._refs.clear()
        return memo
