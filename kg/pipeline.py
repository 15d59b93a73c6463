"""ingest -> normalize -> extract -> resolve: from article paths to a resolved Corpus.

One document's extraction depends on that document and the dictionaries only, so
documents stream through worker processes and nothing holds the corpus text.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from kg.cache import ExtractionCache, ExtractMany
from kg.engines import Engine, run_ordered
from kg.errors import InputError
from kg.gc_policy import collector_paused
from kg.ingest import discover_articles, read_document
from kg.normalize import normalize
from kg.records import ArticleFile, Corpus, DocumentEvents, Skipped, Unchanged
from kg.resolution_delta import ReadBack, Resolution
from kg.resolution_memo import Memos, memo_version
from kg.resolve import resolve
from kg.sinks.jsonl import event_dicts
from kg.topics import TopicVocabulary

if TYPE_CHECKING:
    from kg.evaluate import EvalReport
    from kg.extract.document import DocumentExtractor

Progress = Callable[[DocumentEvents | Skipped | Unchanged], None]


@cache
def _extractor() -> DocumentExtractor:
    # Imported here: a rebuild from the cache extracts its few changed articles in a worker
    # process (kg.engines), and the build's own start should not wait for the rules' modules.
    from kg.actors import ActorDictionary
    from kg.extract.document import DocumentExtractor
    from kg.places import Gazetteer

    return DocumentExtractor(ActorDictionary.load(), Gazetteer.load(), TopicVocabulary.load())


def extract_path(
    article: ArticleFile | Path, data: bytes | Skipped | None = None
) -> DocumentEvents | Skipped:
    """Read, clean and extract one article (`data`: its bytes, when already read); a file that
    cannot be read comes back as Skipped."""
    path, name = (article.path, article.name) if isinstance(article, ArticleFile) else (article, None)
    raw = read_document(path, name=name, data=data)
    if isinstance(raw, Skipped):
        return raw
    try:
        document = normalize(raw)
    except ValueError as exc:
        return Skipped(str(path), f"cannot be normalized: {exc}")
    if not document.sentences:
        return Skipped(str(path), "no text left after cleaning")
    try:
        return _extractor().extract(document)
    except Exception as exc:  # one article the rules trip over must not stop the corpus
        reason = f"extraction failed: {type(exc).__name__}: {exc}"
        return Skipped(str(path), reason, traceback="".join(traceback.format_exception(exc)))


def _warm() -> None:
    _extractor()


def iter_extracted(
    paths: Sequence[ArticleFile], engine: Engine | None = None, *, meanwhile: bool = False
) -> Iterator[DocumentEvents | Skipped]:
    """Extraction results in input order, from the engine's workers (kg.engines; meanwhile:
    this process has other work while they extract)."""
    return run_ordered(extract_path, paths, engine or Engine(), _warm, meanwhile=meanwhile)


def extract_corpus(
    inputs: Iterable[Path],
    *,
    workers: int = 1,
    on_result: Progress | None = None,
    engine: Engine | None = None,
    cache: ExtractionCache | None = None,
    memos: Memos | None = None,
) -> Corpus:
    """The resolved corpus of the articles under `inputs`; engine: where extraction runs
    (default: `workers` local processes); cache: where articles already extracted are read back.
    With a cache, `memos` gives the previous build's resolution memo, and takes this one's
    (kg.resolution_delta: a rebuild reads back only the articles its changed ones touch)."""
    engine = engine or Engine(workers=workers)
    paths, skipped = discover_articles(list(inputs))
    if on_result:
        for item in skipped:
            on_result(item)
    topics = TopicVocabulary.load().topics
    results: Iterable[tuple[str | None, DocumentEvents | Skipped | Unchanged]]
    if cache is None:
        resolution = Resolution(topics, None, None, _no_read_back)
        results = ((None, result) for result in iter_extracted(paths, engine))
    else:
        previous = memos.previous if memos else None
        resolution = Resolution(topics, memo_version(cache.version), previous, _reading_back(cache))
        extract_many: ExtractMany = lambda todo, reading: iter_extracted(todo, engine, meanwhile=reading)  # noqa: E731
        results = cache.extract(paths, extract_many, extract_path, resolution.unread)
    resolution.skipped.extend(skipped)
    # The facts kept grow with the corpus, and with the collector on each of its passes walked
    # them all again: the rate per article fell with the corpus's size (kg.gc_policy).
    with collector_paused():
        for key, found in results:
            if on_result:
                on_result(found)
            resolution.add(key, found)
        corpus = resolution.corpus()
    if memos:
        memos.made = resolution.memo
    return corpus


def _no_read_back(unchanged: Unchanged) -> DocumentEvents:
    raise AssertionError(f"{unchanged.article.path}: nothing to read back without a cache")


def _reading_back(cache: ExtractionCache) -> ReadBack:
    """An unchanged article's events read back from the cache, or, should its entry have gone bad
    since it was found, extracted again (and stored)."""

    def read_back(unchanged: Unchanged) -> DocumentEvents:
        result = cache.get(unchanged.key)
        if isinstance(result, DocumentEvents):
            return result
        result = extract_path(unchanged.article)
        if not isinstance(result, DocumentEvents):
            raise InputError(f"{unchanged.article.path}: changed while the build read it: build again")
        cache.put(unchanged.key, result)
        return result

    return read_back


def iter_event_dicts(inputs: Iterable[Path], *, workers: int = 1) -> Iterator[dict[str, object] | Skipped]:
    """Each document's events in the JSONL contract, document by document (no cross-article merge)."""
    paths, skipped = discover_articles(list(inputs))
    yield from skipped
    topics = TopicVocabulary.load().topics
    for result in iter_extracted(paths, Engine(workers=workers)):
        if isinstance(result, Skipped):
            yield result
            continue
        corpus = resolve([result], topics)
        yield from event_dicts(corpus.meetings, corpus.agreements, corpus.actors)


def evaluate_articles(gold: Path, articles: Iterable[Path], borderline: Path | None = None) -> EvalReport:
    """Score the extractor on gold events (kg eval)."""
    from kg.evaluate import evaluate, read_gold

    inputs = list(articles)
    documents = [article.name for article in discover_articles(inputs)[0]]
    predictions = [e for e in iter_event_dicts(inputs) if isinstance(e, dict)]
    return evaluate(
        read_gold(gold), predictions, read_gold(borderline) if borderline else [], documents=documents
    )
