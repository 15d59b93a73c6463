"""Speed of the actor dictionary and the gazetteer: load time, and names found per second.

    .venv/bin/python bench/names.py [--repeat N]

Prints the cold load time (a fresh process), then matching throughput over the seed articles
converted to simplified Chinese, sentence by sentence as the extractor calls it.
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()

    started = time.perf_counter()
    from kg.actors import ActorDictionary
    from kg.names import to_simplified
    from kg.places import Gazetteer

    imported = time.perf_counter()
    dictionary = ActorDictionary.load()
    loaded = time.perf_counter()
    gazetteer = Gazetteer.load()
    places_loaded = time.perf_counter()
    print(f"import {imported - started:.3f} s; actor dictionary load {loaded - imported:.3f} s "
          f"({len(dictionary.actors)} actors); gazetteer load {places_loaded - loaded:.3f} s "
          f"({len(gazetteer.places)} places)")

    text = "\n".join(to_simplified(p.read_text(encoding="utf-8")) for p in sorted(EXAMPLES.iterdir()))
    sentences = [s for s in re.split(r"(?<=[。！？!?\n])", text) if s.strip()]
    chars = sum(len(s) for s in sentences)
    hits = 0
    begin = time.perf_counter()
    for _ in range(args.repeat):
        for sentence in sentences:
            hits += len(dictionary.find(sentence))
            hits += len(gazetteer.find(sentence))
    elapsed = time.perf_counter() - begin
    total = args.repeat * len(sentences)
    print(f"{total} sentences, {args.repeat * chars / 1e6:.1f} M characters in {elapsed:.2f} s: "
          f"{total / elapsed:,.0f} sentences/s, {args.repeat * chars / elapsed / 1e6:.2f} M chars/s, "
          f"{args.repeat * len(list(EXAMPLES.iterdir())) / elapsed:,.0f} seed articles/s "
          f"({hits // args.repeat} hits per pass)")


if __name__ == "__main__":
    main()
