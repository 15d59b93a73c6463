"""Incremental builds: a full build, then rebuilds from the extraction cache.

Writes a corpus of N articles that differ in their events (bench/corpus.py), builds it into a
fresh build folder, then prints the time of a rebuild after one article changed and after 100
new articles, and where each build's time went (report.json's steps: extract with the cache,
resolve, graph, events, rdf, views, embedded). Each build is a `kg build` process of its own,
as a user runs it: its time includes starting Python and loading the dictionaries. The builds run
a copy of kg taken when the benchmark starts, so that an edit to the working tree during the run
cannot change the extractor's version (and so empty the cache) between two builds.

    python bench/rebuild.py                      # 10,000 articles, one process
    python bench/rebuild.py --articles 2000 --workers 2
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import corpus_writer

from kg.known_files import RACY_SECONDS

ROOT = Path(__file__).resolve().parent.parent
KG = [sys.executable, "-c", "import sys; from kg.cli import main; sys.exit(main())"]

CORRECTION = "\n\n另据报道，双方还同意加强执法安全合作，共同打击跨境电信诈骗。\n"
"""Appended to the changed article: a new agreement, so its events change, not only its bytes."""


def snapshot(into: Path) -> dict[str, str]:
    """A copy of kg (and the Cypher and RDF resources beside it) as it is now; the environment
    that makes Python import it."""
    for name in ("kg", "schema", "queries"):
        shutil.copytree(ROOT / name, into / name, ignore=shutil.ignore_patterns("__pycache__"))
    return {**os.environ, "PYTHONPATH": str(into)}


def timed_build(articles: Path, out: Path, workers: int, env: dict[str, str]) -> tuple[float, dict[str, Any]]:
    """Wall time of `kg build` and its report (with the CPU seconds of the process, which a
    machine shared with other work disturbs less than the wall time)."""
    cpu = _children_cpu()
    started = time.perf_counter()
    command = [*KG, "build", str(articles), "--out", str(out), "--workers", str(workers)]
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=out.parent)
    if done.returncode != 0:
        sys.exit(f"kg build failed ({done.returncode}):\n{done.stderr}")
    seconds = time.perf_counter() - started
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    report["cpu"] = _children_cpu() - cpu
    return seconds, report


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def show(what: str, seconds: float, report: dict[str, Any], full: tuple[float, float] | None = None) -> None:
    """One build's wall and CPU time (and their share of the full build's), counts, steps."""
    wall, cpu = f"{seconds:7.2f} s", f"CPU {report['cpu']:7.2f} s"
    if full:
        wall += f" ({100 * seconds / full[0]:4.1f}%)"
        cpu += f" ({100 * report['cpu'] / full[1]:4.1f}%)"
    print(
        f"{what:<30} {wall}  {cpu}  {report['documents_read']} articles, "
        f"{report['from_cache']} from the cache, {report.get('reused', 0)} output parts taken over "
        f"({report.get('remade', 0)} made), {report['meetings']} meetings, "
        f"{report['agreements']} agreements"
    )
    steps = "  ".join(f"{step} {s:.2f}" for step, s in report["steps"].items())
    print(f"{'':<30} in kg build (s): {steps}")


def change_one(articles: Path, index: int) -> None:
    path = sorted(articles.iterdir())[index]
    path.write_text(path.read_text(encoding="utf-8") + CORRECTION, encoding="utf-8")


def add(write: Callable[[Path, int], int], articles: Path, first: int, count: int) -> None:
    for i in range(first, first + count):
        write(articles, i)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=10_000, help="corpus size")
    parser.add_argument("--workers", type=int, default=1, help="extraction processes")
    parser.add_argument("--added", type=int, default=100, help="new articles for the last rebuild")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="kg-rebuild-"))
    try:
        articles, out = tmp / "articles", tmp / "out"
        articles.mkdir()
        env = snapshot(tmp / "kg-copy")
        write = corpus_writer()
        add(write, articles, 0, args.articles)
        # A user's articles were written before the build, not within its second: a file changed
        # less than RACY_SECONDS before a build is read again by the next one (kg.known_files),
        # which would charge the first rebuild with reading again the last articles written here.
        time.sleep(RACY_SECONDS)
        seconds, report = timed_build(articles, out, args.workers, env)
        show(f"full build, {args.articles} articles", seconds, report)
        full = (seconds, report["cpu"])
        change_one(articles, args.articles // 2)
        seconds, report = timed_build(articles, out, args.workers, env)
        show("rebuild, 1 article changed", seconds, report, full)
        add(write, articles, args.articles, args.added)
        seconds, report = timed_build(articles, out, args.workers, env)
        show(f"rebuild, {args.added} articles added", seconds, report, full)
        cache = sum(p.stat().st_size for p in (out / "cache").rglob("*") if p.is_file())
        print(f"cache: {cache / 1e6:.1f} MB for {report['documents_read']} articles")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
