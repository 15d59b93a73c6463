"""Extraction throughput and memory on one core.

Builds a corpus of N perturbed copies of the example articles, runs
ingest -> normalize -> extract -> resolve in one process, and prints articles/s,
MB/s and peak RSS. Run two sizes to see that memory stays flat in N:

    python bench/extract.py --articles 1000 --articles 10000
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "articles"


def make_corpus(folder: Path, count: int, seed: int = 7) -> int:
    """Write `count` articles: the examples with shifted days and a distinct closing line."""
    rng = random.Random(seed)
    sources = sorted(EXAMPLES.iterdir())
    texts = [p.read_bytes().decode("utf-8", errors="replace") for p in sources]
    total = 0
    for i in range(count):
        k = i % len(texts)
        day = rng.randint(1, 28)
        text = texts[k].replace("21日", f"{day}日").replace("3日", f"{day}日")
        text += f"\n\n（编号 {i}）\n"
        data = text.encode("utf-8")
        (folder / f"{i:06d}_{sources[k].stem}.txt").write_bytes(data)
        total += len(data)
    return total


def run_once(count: int) -> dict[str, float]:
    from kg.pipeline import extract_corpus

    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        folder = Path(tmp)
        size = make_corpus(folder, count)
        extract_corpus([EXAMPLES])  # warm: dictionaries and automata load once per process
        started = time.perf_counter()
        corpus = extract_corpus([folder])
        seconds = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "articles": count,
        "seconds": round(seconds, 2),
        "articles_per_s": round(count / seconds, 1),
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
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_once(args.child)))
        return
    for count in args.articles or [1000, 10000]:
        # A fresh process per size, so peak RSS is that size's alone.
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(count)], check=True, capture_output=True, text=True
        ).stdout
        r = json.loads(out.strip().splitlines()[-1])
        print(
            f"{r['articles']:>6} articles  {r['seconds']:>7.2f} s  {r['articles_per_s']:>7.1f} articles/s  "
            f"{r['mb_per_s']:>5.2f} MB/s  peak RSS {r['peak_rss_mb']:.0f} MB  "
            f"({r['meetings']} meetings, {r['agreements']} agreements after merging)"
        )


if __name__ == "__main__":
    main()
