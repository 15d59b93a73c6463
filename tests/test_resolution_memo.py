"""A rebuild resolves from the previous build's memo (kg.resolution_delta): only the buckets and
actors its changed articles touch are merged again, and the corpus is the one resolving every
article from scratch gives, whatever changed: articles edited, added anywhere, removed."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from kg.record_codec import decode_result, encode_result
from kg.records import (
    Actor,
    ActorRef,
    Agreement,
    ArticleFile,
    ArticleMeta,
    Corpus,
    DocumentEvents,
    Meeting,
    PartialDate,
    Place,
    Skipped,
    Source,
    Title,
    Topic,
    Unchanged,
)
from kg.resolution_delta import Resolution
from kg.resolution_memo import Plain, ResolutionMemo, kept, load_memo, record_digests
from kg.resolve import resolve

TOPICS = {t: Topic(t, t, t) for t in ("fraud", "gambling", "railways", "trafficking")}
PEOPLE = ["person:a", "person:b", "person:c", "person:d", "person:e"]
COUNTRIES = ["country:x", "country:y", "country:z"]
DATES = [PartialDate(2024, 4, 21), PartialDate(2024, 4, 22), PartialDate(2024, 5), None]
SENTENCES = [
    "双方同意加强执法合作，共同打击电信诈骗。",
    "双方同意加强执法合作，共同打击电信诈骗和网络赌博。",
    "The two sides agreed to build a railway.",
    "两国签署了铁路合作协议。",
    "两国同意共同修建跨境铁路。",
    "双方同意加强执法合作，共同打击电信诈骗。两国同意共同修建跨境铁路。",  # one of two kept, or the other
]


def _actor(rng: random.Random, actor_id: str) -> Actor:
    kind = "Person" if actor_id.startswith("person") else "Country"
    aliases = rng.sample(["甲", "乙", "丙", "Alpha", "beta"], rng.randint(0, 3))
    held = rng.sample(["部长", "主席", "Minister"], rng.randint(0, 2))
    titles = [Title(t, rng.choice([None, "2024"]), "doc") for t in held]
    return Actor(
        actor_id,
        kind,  # type: ignore[arg-type]
        name_zh_hans=rng.choice([None, f"{actor_id}-简"]),
        name_zh_hant=rng.choice([None, f"{actor_id}-繁"]),
        name_en=rng.choice([None, f"{actor_id}-en", f"{actor_id}-EN"]),
        aliases=aliases,
        country=rng.choice([None, *COUNTRIES]) if kind == "Person" else None,
        titles=titles,
    )


def _ref(rng: random.Random, actor_id: str, role: str) -> ActorRef:
    kind = "Person" if actor_id.startswith("person") else "Country"
    return ActorRef(actor_id, actor_id, kind, rng.choice([None, "部长"]), role)  # type: ignore[arg-type]


def _source(name: str, sentence: str, start: int) -> Source:
    return Source(name, sentence, start, start + len(sentence), path=f"/a/{name}", title=rng_title(start))


def rng_title(start: int) -> str | None:
    return "标题" if start == 0 else None


def _article(rng: random.Random, name: str) -> DocumentEvents:
    meetings: list[Meeting] = []
    for i in range(rng.randint(0, 3)):
        people = rng.sample(PEOPLE, rng.randint(2, 3))
        roles = ["host", "guest", "attendee"]
        participants = [_ref(rng, p, roles[min(j, 2)]) for j, p in enumerate(people)]
        date = rng.choice(DATES)
        meetings.append(
            Meeting(
                f"meeting:{name}:{i}",
                participants,
                rng.choice(["in_person", "phone"]),  # type: ignore[arg-type]
                date,
                date.iso() if date else None,
                rng.choice([None, Place("北京"), Place("北京", "Beijing"), Place("北京市", "Beijing")]),
                [_source(name, f"会谈{i}。", 10 * i)],
            )
        )
    agreements: list[Agreement] = []
    for i in range(rng.randint(0, 3)):
        parties = [_ref(rng, c, "participant") for c in rng.sample(COUNTRIES, 2)]
        sentence = rng.choice(SENTENCES)
        agreements.append(
            Agreement(
                f"agreement:{name}:{i}",
                parties,
                rng.sample(sorted(TOPICS), rng.randint(0, 2)),
                sentence,
                rng.choice(DATES),
                [_source(name, sentence, 100 + 10 * i)],
                meeting=rng.choice([None, *(m.id for m in meetings), "meeting:elsewhere:0"]),
                kind=rng.choice(["consensus", "signed"]),
            )
        )
    named = {a for m in meetings for a in (p.id for p in m.participants)}
    named |= {p.id for a in agreements for p in a.parties}
    named |= set(rng.sample(PEOPLE + COUNTRIES, 2))
    actors = {actor_id: _actor(rng, actor_id) for actor_id in sorted(named, key=lambda _: rng.random())}
    return DocumentEvents(ArticleMeta(f"doc:{name}", name, f"/a/{name}"), meetings, agreements, actors)


class Corpus_:
    """Articles by name (in the order resolution takes them), each stored as the cache would."""

    def __init__(self, stored: dict[str, bytes]) -> None:
        self.stored = stored

    @classmethod
    def random(cls, rng: random.Random, count: int) -> Corpus_:
        return cls({f"{i:03d}.md": encode_result(_article(rng, f"{i:03d}.md")) for i in range(count)})

    def results(self) -> list[tuple[str, DocumentEvents | Skipped]]:
        return [(str(hash(data)), decode_result(data)) for _, data in sorted(self.stored.items())]

    def clean(self) -> Corpus:
        results = self.results()
        return resolve(
            [r for _, r in results if isinstance(r, DocumentEvents)],
            TOPICS,
            [r for _, r in results if isinstance(r, Skipped)],
        )

    def resolved(self, previous: ResolutionMemo | None) -> tuple[Corpus, ResolutionMemo | None, list[str]]:
        """The corpus resolved with `previous`, the memo made, and the keys read back."""
        by_key = {str(hash(data)): data for data in self.stored.values()}
        read: list[str] = []

        def read_back(unchanged: Unchanged) -> DocumentEvents:
            read.append(unchanged.key)
            result = decode_result(by_key[unchanged.key])
            assert isinstance(result, DocumentEvents)
            return result

        resolution = Resolution(TOPICS, "v1", previous, read_back)
        results = self.results()
        held = resolution.unread([key for key, _ in results])
        for key, result in results:
            unchanged = Unchanged(ArticleFile(Path(f"/a/{key}"), key), key)
            resolution.add(key, unchanged if key in held else result)
        return resolution.corpus(), resolution.memo, read


def digests_of(corpus: Corpus) -> dict[str, bytes]:
    """What the memo's record_digests are for a corpus resolved from scratch."""
    plain = Plain()
    return record_digests(kept(e, ("", 0), plain) for e in [*corpus.meetings, *corpus.agreements])


def _edit(rng: random.Random, corpus: Corpus_) -> Corpus_:
    stored = dict(corpus.stored)
    names = sorted(stored)
    for name in rng.sample(names, 3):  # edited: other events
        stored[name] = encode_result(_article(rng, name))
    for name in rng.sample(names, 2):  # removed
        stored.pop(name, None)
    for _ in range(3):  # added, anywhere in the order
        name = f"{rng.randint(0, len(names)):03d}b.md"
        stored[name] = encode_result(_article(rng, name))
    name = f"{max(stored)}+.md"  # and after all others
    stored[name] = encode_result(_article(rng, name))
    stored["999.md"] = encode_result(Skipped("/a/999.md", "no text left after cleaning"))
    return Corpus_(stored)


@pytest.mark.parametrize("seed", range(12))
def test_a_corpus_resolved_from_the_memo_is_the_corpus_resolved_from_scratch(seed: int) -> None:
    rng = random.Random(seed)
    before = Corpus_.random(rng, 40)
    first, memo, _ = before.resolved(None)
    assert first == before.clean()
    assert memo is not None
    for _ in range(3):  # changes upon changes: each memo is made from the one before
        after = _edit(rng, before)
        again, memo, read = after.resolved(memo)
        assert again == after.clean()
        assert memo is not None
        assert memo.record_digests() == digests_of(after.clean())
        assert len(read) < 0.8 * len(after.stored)  # not every unchanged article was read back
        before = after


def test_only_the_articles_a_change_touches_are_read_back() -> None:
    rng = random.Random(4)
    corpus = Corpus_.random(rng, 30)
    _, memo, _ = corpus.resolved(None)
    alone = DocumentEvents(ArticleMeta("doc:new", "new.md", "/a/new.md"), [], [], {})
    alone.actors["person:new"] = Actor("person:new", "Person", name_en="New")
    added = Corpus_({**corpus.stored, "new.md": encode_result(alone)})
    again, _, read = added.resolved(memo)
    assert again == added.clean()
    assert read == []  # it shares no bucket and no actor with another article
    edited = dict(corpus.stored)
    edited["005.md"] = encode_result(_article(rng, "005.md"))
    changed = Corpus_(edited)
    again, _, read = changed.resolved(memo)
    assert again == changed.clean()


def test_articles_added_after_all_others_merge_on_into_the_merged_events_without_reading_back() -> None:
    """A day's news, named after the earlier articles: each bucket they join folds them on."""
    rng = random.Random(6)
    corpus = Corpus_.random(rng, 40)
    _, memo, _ = corpus.resolved(None)
    added = Corpus_(
        {**corpus.stored, **{f"{n}.md": encode_result(_article(rng, f"{n}.md")) for n in range(50, 56)}}
    )
    again, made, read = added.resolved(memo)
    assert again == added.clean()
    assert read == []
    edited = dict(added.stored)
    edited["052.md"] = encode_result(_article(rng, "052.md"))  # then one of them changes
    changed = Corpus_(edited)
    again, _, _ = changed.resolved(made)
    assert again == changed.clean()


def test_merged_events_actors_and_sources_are_exercised() -> None:
    """The random corpora merge across articles: the test above compares merges, not singletons."""
    corpus = Corpus_.random(random.Random(0), 40).clean()
    assert any(len(m.sources) > 1 for m in corpus.meetings)
    assert any(len(a.sources) > 1 for a in corpus.agreements)
    assert any(len(a.titles) > 1 for a in corpus.actors.values())


def test_the_memo_reads_back_what_it_saved(tmp_path: Path) -> None:
    corpus = Corpus_.random(random.Random(1), 20)
    _, memo, _ = corpus.resolved(None)
    assert memo is not None
    memo.save(tmp_path / "memo")
    loaded = load_memo(tmp_path / "memo", "v1")
    assert loaded is not None
    again, _, read = corpus.resolved(loaded)
    assert again == corpus.clean()
    assert read == []
    assert load_memo(tmp_path / "memo", "v2") is None
    assert load_memo(tmp_path / "nothing", "v1") is None


def test_a_rebuild_s_memo_writes_again_only_the_shards_that_changed(tmp_path: Path) -> None:
    rng = random.Random(5)
    corpus = Corpus_.random(rng, 30)
    _, memo, _ = corpus.resolved(None)
    assert memo is not None
    memo.save(tmp_path / "first")
    edited = dict(corpus.stored)
    edited["007.md"] = encode_result(_article(rng, "007.md"))
    changed = Corpus_(edited)
    _, made, _ = changed.resolved(load_memo(tmp_path / "first", "v1"))
    assert made is not None
    made.save(tmp_path / "second")
    linked = [
        f.name
        for f in (tmp_path / "second").iterdir()
        if f.stat().st_ino == (tmp_path / "first" / f.name).stat().st_ino
    ]
    assert 0 < len(linked) < len(list((tmp_path / "first").iterdir())) - 1  # the index is always written
    again, _, _ = changed.resolved(load_memo(tmp_path / "second", "v1"))
    assert again == changed.clean()


def test_a_damaged_memo_is_a_warning_and_no_memo(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    corpus = Corpus_.random(random.Random(2), 5)
    _, memo, _ = corpus.resolved(None)
    assert memo is not None
    memo.save(tmp_path / "memo")
    shard = max((tmp_path / "memo").iterdir(), key=lambda f: f.stat().st_size)
    data = bytearray(shard.read_bytes())
    data[-3] ^= 0xFF
    shard.write_bytes(bytes(data))
    assert load_memo(tmp_path / "memo", "v1") is None
    assert "damaged" in caplog.text


def test_articles_in_another_order_or_with_one_name_are_resolved_from_scratch() -> None:
    rng = random.Random(3)
    corpus = Corpus_.random(rng, 10)
    _, memo, _ = corpus.resolved(None)
    results = corpus.results()
    swapped = Resolution(TOPICS, "v1", memo, lambda _: pytest.fail("nothing to read back"))
    assert swapped.unread([key for key, _ in reversed(results)]) == set()
    twins = dict(corpus.stored)
    twins["010.md"] = encode_result(_article(rng, "009.md"))  # another article of the same name
    same_name = Corpus_(twins)
    again, made, _ = same_name.resolved(memo)
    assert again == same_name.clean()
    assert made is None  # its records' ids could not tell the two articles apart


def test_a_record_s_digest_changes_with_any_of_its_fields() -> None:
    """The memo's record digests stand for whole records (events.jsonl takes a line over by them)."""
    from tests.test_reuse_events import changed_records

    corpus, memo, _ = Corpus_.random(random.Random(7), 10).resolved(None)
    assert memo is not None
    digests = memo.record_digests()
    assert set(digests) == {e.id for e in [*corpus.meetings, *corpus.agreements]}
    plain = Plain()
    tried = 0
    for event in [*corpus.meetings[:3], *corpus.agreements[:3]]:
        before = kept(event, ("key", 0), plain)[4]
        assert before == digests[event.id]
        for path, changed in changed_records(event):
            try:
                after = kept(changed, ("key", 0), plain)[4]
            except (AttributeError, TypeError, ValueError):  # a value of no use to the field
                continue
            tried += 1
            assert after != before, path
    assert tried > 30
