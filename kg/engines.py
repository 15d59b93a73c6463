"""Where per-article extraction runs: this process, local worker processes, or a Dask cluster.

Every engine yields the results in the order of the articles given, so the resolver sees the
same stream, and merges the same events, whichever engine ran the extraction. The main process
reads each article's bytes and ships them with the task, so Dask workers need the kg package but
not the articles' file system. Dask is an optional extra (`pip install 'kg[dask]'`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any, Literal

from kg.errors import InputError, one_line
from kg.ingest import read_bytes
from kg.records import ArticleFile, DocumentEvents, Skipped

EngineKind = Literal["processes", "dask"]
ENGINES: tuple[EngineKind, ...] = ("processes", "dask")
Result = DocumentEvents | Skipped
Task = tuple[ArticleFile, bytes | Skipped]
Extract = Callable[[ArticleFile, bytes | Skipped], Result]
CONNECT_TIMEOUT = "10s"
"""How long to wait for a Dask scheduler given by address before giving up."""


@dataclass(frozen=True)
class Engine:
    """How to run extraction. workers: processes on this machine, or the workers of the
    LocalCluster that the dask engine starts when no scheduler address is given."""

    kind: EngineKind = "processes"
    workers: int = 1
    scheduler: str | None = None
    """A running Dask scheduler, e.g. tcp://10.0.0.5:8786 (dask engine only)."""
    batch: int = 16
    """Most articles per Dask task: one task per article would cost more in scheduling than in
    work; a small corpus is cut finer, so that every worker gets some."""


def run_ordered(
    extract: Extract,
    articles: Sequence[ArticleFile],
    engine: Engine,
    warm: Callable[[], None],
    *,
    meanwhile: bool = False,
) -> Iterator[Result]:
    """extract(article, its bytes) for each article, in the articles' order.

    meanwhile: the caller has work of its own to do while the articles are extracted (a rebuild
    reads the cache's other entries): the extraction starts at once, in worker processes, even
    with one worker, so that the two run side by side on two cores."""
    if not articles:
        return iter(())  # nothing to extract (all from the cache): no cluster to start
    if engine.kind == "dask":
        return _dask(extract, articles, engine)
    if meanwhile or (engine.workers > 1 and len(articles) > 1):
        return _processes(extract, articles, max(1, engine.workers), warm)
    return (extract(article, read_bytes(article.path)) for article in articles)


def _processes(
    extract: Extract, articles: Sequence[ArticleFile], workers: int, warm: Callable[[], None]
) -> Iterator[Result]:
    """The articles' results from a pool of `workers` processes, every article submitted now."""
    chunk = max(1, min(64, len(articles) // (workers * 4) or 1))
    pool = ProcessPoolExecutor(max_workers=workers, initializer=warm)
    try:
        # Workers read the files themselves: the local file system is theirs too.
        results = pool.map(_read_and_extract, [extract] * len(articles), articles, chunksize=chunk)
    except BaseException:
        pool.shutdown(cancel_futures=True)
        raise
    return _until_done(pool, results)


def _until_done(pool: ProcessPoolExecutor, results: Iterator[Result]) -> Iterator[Result]:
    """The results, then the pool shut down (also when the reader stops early: what is still
    queued is cancelled, not waited for)."""
    try:
        yield from results
    finally:
        pool.shutdown(cancel_futures=True)


def _read_and_extract(extract: Extract, article: ArticleFile) -> Result:
    return extract(article, read_bytes(article.path))


def _extract_batch(extract: Extract, tasks: list[Task]) -> list[Result]:
    return [extract(article, data) for article, data in tasks]


def _dask(extract: Extract, articles: Sequence[ArticleFile], engine: Engine) -> Iterator[Result]:
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise InputError("--engine dask needs Dask: pip install 'kg[dask]'") from None
    if engine.scheduler is not None:
        try:
            client = Client(engine.scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, ValueError) as exc:
            raise InputError(
                f"no Dask scheduler answers at {engine.scheduler} ({one_line(exc)}): start one with "
                "`dask scheduler` and workers with `dask worker ADDRESS`, or leave out --scheduler"
            ) from None
        with client:
            yield from _stream(client, as_completed, extract, articles, engine)
        return
    workers = max(1, engine.workers)
    with (
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        yield from _stream(client, as_completed, extract, articles, engine)


def _stream(
    client: Any, as_completed: Any, extract: Extract, articles: Sequence[ArticleFile], engine: Engine
) -> Iterator[Result]:
    """Keep a bounded number of batches in flight (memory stays flat in the corpus size) and
    hand results on in input order as soon as the earliest pending batch is back."""
    workers = max(1, engine.workers, len(client.scheduler_info().get("workers", {})))
    size = max(1, min(engine.batch, len(articles) // (4 * workers)))
    batches = (list(articles[i : i + size]) for i in range(0, len(articles), size))
    in_flight = 4 * workers
    futures: dict[Any, int] = {}
    done: dict[int, list[Result]] = {}
    submitted = next_out = 0
    running = as_completed()

    def submit() -> bool:
        nonlocal submitted
        batch = next(batches, None)
        if batch is None:
            return False
        tasks = [(article, read_bytes(article.path)) for article in batch]
        future = client.submit(_extract_batch, extract, tasks, pure=False)
        futures[future] = submitted
        running.add(future)
        submitted += 1
        return True

    while len(futures) < in_flight and submit():
        pass
    for future in running:
        done[futures.pop(future)] = future.result()
        future.release()
        while next_out in done:
            yield from done.pop(next_out)
            next_out += 1
        while len(futures) + len(done) < in_flight and submit():
            pass
