"""Neo4j through a `neo4j://` routing address and a named database, as a cluster is addressed.

A single server answers routing requests with itself as router, reader and writer, so the test
Neo4j stands in for a cluster: the driver fetches a routing table first, then sends writes to
the writer and read queries to a reader, with the database named on every transaction."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.sinks.node_link import write_graph_json
from tests.sample_corpus import sample_graph

runner = CliRunner()


@pytest.fixture(scope="module")
def routing_uri(neo4j_uri: str, neo4j_driver: object) -> str:
    return neo4j_uri.replace("bolt://", "neo4j://", 1)


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    write_graph_json(sample_graph(), out / "graph.json")
    return out


def _run(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), env={"NEO4J_URI": "", "NEO4J_DATABASE": ""})


def test_load_and_query_through_a_routing_address_and_a_named_database(
    out_dir: Path, routing_uri: str
) -> None:
    where = ("--uri", routing_uri, "--database", "neo4j")
    loaded = _run("load", "--out", str(out_dir), *where, "--wipe", "--batch-size", "10")
    assert loaded.exit_code == 0, loaded.output
    assert f"loaded {sample_graph().number_of_nodes()} nodes" in loaded.stdout
    rows = _run(
        "query", "meetings-of", "-p", "actor=王毅", "-f", "json", "--neo4j", *where, "--out", str(out_dir)
    )
    assert rows.exit_code == 0, rows.output
    assert json.loads(rows.stdout)[0]["place"] == "Phnom Penh"
    doctor = _run("doctor", *where, "--out", str(out_dir))
    assert doctor.exit_code == 0 and "reachable" in doctor.stdout


def test_a_database_the_server_does_not_have_is_named_in_the_error(out_dir: Path, routing_uri: str) -> None:
    loaded = _run("load", "--out", str(out_dir), "--uri", routing_uri, "--database", "nosuchdb")
    assert loaded.exit_code == 4, loaded.output
    assert "nosuchdb" in loaded.output and "Traceback" not in loaded.output
