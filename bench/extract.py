"""Extraction throughput and memory.

Builds a corpus of N articles that differ in their events (bench/corpus.py), runs
ingest -> normalize -> extract -> resolve, and prints articles/s, MB/s and peak RSS
(of the main process). Run several sizes to see that the rate and memory stay flat in N:

    python bench/extract.py --articles 1000 --articles 5000 --articles 20000 --workers 1
    python bench/extract.py --articles 5000 --workers 2 --engine dask
    python bench/extract.py --articles 5000 --profile /tmp/extract.prof   # cProfile
"""

from __future__ import annotations

import argparse
import cProfile
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import EXAMPLES, make_corpus


def run_once(count: int, workers: int, engine: str, profile: str | None) -> dict[str, float]:
    from kg.engines import Engine
    from kg.pipeline import extract_corpus

    settings = Engine(kind="dask" if engine == "dask" else "processes", workers=workers)
    in_process = engine == "processes" and workers == 1
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        folder = Path(tmp)
        size = make_corpus(folder, count)
        extract_corpus([EXAMPLES])  # warm: dictionaries and automata load once per process
        profiler = cProfile.Profile() if profile else None
        started, cpu_started = time.perf_counter(), time.process_time()
        if profiler:
            profiler.enable()
        corpus = extract_corpus([folder], engine=settings)
        seconds = time.perf_counter() - started
        cpu_seconds = time.process_time() - cpu_started
        if profiler and profile:
            profiler.disable()
            profiler.dump_stats(profile)
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "articles": count,
        "seconds": round(seconds, 2),
        "articles_per_s": round(count / seconds, 1),
        # On a shared machine the wall clock counts other people's work too; with --workers 1
        # the CPU time of this process is the extraction's own.
        "articles_per_cpu_s": round(count / cpu_seconds, 1) if in_process else 0.0,
        "mb_per_s": round(size / 1e6 / seconds, 2),
        "peak_rss_mb": round(peak_kib / 1024, 1),
        "meetings": len(corpus.meetings),
        "agreements": len(corpus.agreements),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, action="append", help="corpus size (repeatable)")
    parser.add_argument("--workers", type=int, default=1, help="extraction workers (default 1: one core)")
    parser.add_argument("--engine", choices=["processes", "dask"], default="processes")
    parser.add_argument("--profile", help="write a cProfile of the extraction to this file")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_once(args.child, args.workers, args.engine, args.profile)))
        return
    for count in args.articles or [1000, 5000, 20000]:
        # A fresh process per size, so peak RSS is that size's alone.
        command = [sys.executable, __file__, "--child", str(count), "--workers", str(args.workers)]
        command += ["--engine", args.engine] + (["--profile", args.profile] if args.profile else [])
        out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        r = json.loads(out.strip().splitlines()[-1])
        per_cpu = f"({r['articles_per_cpu_s']:.1f} per CPU second)  " if r["articles_per_cpu_s"] else ""
        print(
            f"{r['articles']:>6} articles  {r['seconds']:>7.2f} s  {r['articles_per_s']:>7.1f} articles/s  "
            f"{per_cpu}{r['mb_per_s']:>5.2f} MB/s  peak RSS {r['peak_rss_mb']:.0f} MB (main process)  "
            f"({r['meetings']} meetings, {r['agreements']} agreements after merging)"
        )


if __name__ == "__main__":
    main()
