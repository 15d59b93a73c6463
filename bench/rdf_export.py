"""RDF and tabular export speed on synthetic graphs of growing size.

Builds a resolved corpus of N people (two countries, meetings between random pairs, one
agreement per five meetings), turns it into the graph, and prints the seconds to build the
RDF graph, to write Turtle / N-Triples / JSON-LD / GraphML / triples.csv, and to validate
with pySHACL:

    python bench/rdf_export.py --actors 500 --actors 2000 --actors 5000
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

import pyshacl
from rdflib import Graph

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.graph import build_graph  # noqa: E402
from kg.records import (  # noqa: E402
    Actor,
    ActorRef,
    Agreement,
    ArticleMeta,
    Corpus,
    Meeting,
    PartialDate,
    Place,
    Source,
    Topic,
)
from kg.resources import resource_dir  # noqa: E402
from kg.sinks.rdf import graph_to_rdf, write_rdf  # noqa: E402
from kg.sinks.tabular import write_graphml, write_triples  # noqa: E402

RDF_FORMATS: tuple[Literal["ttl", "nt", "jsonld"], ...] = ("ttl", "nt", "jsonld")


def synthetic_corpus(people: int, seed: int = 11) -> Corpus:
    rng = random.Random(seed)
    actors = {
        "country:a": Actor("country:a", "Country", "甲国", "甲國", "Country A"),
        "country:b": Actor("country:b", "Country", "乙国", "乙國", "Country B"),
    }
    for i in range(people):
        pid, country = f"person:p{i}", f"country:{'ab'[i % 2]}"
        actors[pid] = Actor(pid, "Person", f"人{i}", f"人{i}", f"Person {i}", country=country)
    person_ids = [a for a in actors if a.startswith("person:")]
    docs = [ArticleMeta(f"d{i}.txt", f"d{i}.txt", f"articles/d{i}.txt") for i in range(max(1, people // 5))]
    topic_ids = ("telecom-fraud", "online-gambling", "human-trafficking")
    topics = {t: Topic(t, t.replace("-", " "), t) for t in topic_ids}
    parties = [ActorRef("country:a", "甲国", "Country"), ActorRef("country:b", "乙国", "Country")]
    meetings, agreements = [], []
    for i in range(people * 2):
        pair = rng.sample(person_ids, 2)
        sentence = f"{actors[pair[0]].name_zh_hans}同{actors[pair[1]].name_zh_hans}举行会谈。"
        source = Source(rng.choice(docs).name, sentence, i * 10, i * 10 + len(sentence))
        date = PartialDate(2024, rng.randint(1, 12), rng.randint(1, 28))
        refs = [ActorRef(p, actors[p].name_zh_hans or p, "Person") for p in pair]
        meeting = Meeting(f"meeting:m{i}", refs, "in_person", date, None, Place("北京", "Beijing"), [source])
        meetings.append(meeting)
        if i % 5 == 0:
            topic = [rng.choice(topic_ids)]
            agreement = Agreement(f"agreement:g{i}", parties, topic, sentence, date, [source], meeting.id)
            agreements.append(agreement)
    return Corpus(docs, actors, meetings, agreements, topics)


@contextmanager
def timer(label: str) -> Iterator[None]:
    started = time.perf_counter()
    yield
    print(f"  {label:<22} {time.perf_counter() - started:8.2f} s", flush=True)


def run(size: int, shacl: bool) -> None:
    graph = build_graph(synthetic_corpus(size))
    print(f"{size} people: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges", flush=True)
    with timer("graph_to_rdf"):
        rdf = graph_to_rdf(graph)
    print(f"  {'triples':<22} {len(rdf):8d}")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        for fmt in RDF_FORMATS:
            with timer(f"write {fmt}"):
                write_rdf(graph, out / f"graph.{fmt}", fmt)
        with timer("write graphml"):
            write_graphml(graph, out / "graph.graphml")
        with timer("write triples.csv"):
            write_triples(graph, out / "triples.csv")
    if shacl:
        shapes = Graph().parse(resource_dir("schema") / "shapes.ttl")
        ontology = Graph().parse(resource_dir("schema") / "ontology.ttl")
        with timer("pyshacl validate"):
            conforms = pyshacl.validate(rdf, shacl_graph=shapes, ont_graph=ontology, inference="none")[0]
        print(f"  {'conforms':<22} {conforms!s:>8}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--actors", type=int, action="append", help="number of people (repeatable)")
    parser.add_argument("--no-shacl", action="store_true", help="skip the pySHACL validation")
    args = parser.parse_args()
    for size in args.actors or [500, 2000]:
        run(size, not args.no_shacl)


if __name__ == "__main__":
    main()
