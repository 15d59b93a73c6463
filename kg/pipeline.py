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

from kg.cache import ExtractionCache
from kg.engines import Engine, run_ordered
from kg.gc_policy import collector_paused
from kg.ingest import discover_articles, read_document
from kg.normalize import normalize
from kg.records import ArticleFile, Corpus, DocumentEvents, Skipped
from kg.resolve import Resolver, resolve
from kg.sinks.jsonl import event_dicts
from kg.topics import TopicVocabulary

if TYPE_CHECKING:
    from kg.evaluate import EvalReport
    from kg.extract.document import DocumentExtractor

Progress = Callable[[DocumentEvents | Skipped], None]


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
) -> Corpus:
    """The resolved corpus of the articles under `inputs`; engine: where extraction runs
    (default: `workers` local processes); cache: where articles already extracted are read back."""
    engine = engine or Engine(workers=workers)
    paths, skipped = discover_articles(list(inputs))
    resolver = Resolver(TopicVocabulary.load().topics)
    resolver.skipped.extend(skipped)
    if on_result:
        for item in skipped:
            on_result(item)
    results = (
        cache.extract(
            paths, lambda todo, reading: iter_extracted(todo, engine, meanwhile=reading), extract_path
        )
        if cache
        else iter_extracted(paths, engine)
    )
    # The facts kept grow with the corpus, and with the collector on each of its passes walked
    # them all again: the rate per article fell with the corpus's size (kg.gc_policy).
    with collector_paused():
        for result in results:
            if on_result:
                on_result(result)
            if isinstance(result, Skipped):
                resolver.skipped.append(result)
            else:
                resolver.add(result)
        return resolver.corpus()


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
