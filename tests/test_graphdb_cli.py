"""`kg query`, `kg load`, `kg doctor` as a user runs them: rows out, errors as one line."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.backends.ladybug import write_embedded
from kg.cli import app
from kg.sinks.node_link import write_graph_json
from tests.sample_corpus import sample_graph

runner = CliRunner()


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    graph = sample_graph()
    write_graph_json(graph, out / "graph.json")
    write_embedded(graph, out)
    return out


def _run(*args: str):
    return runner.invoke(app, list(args), env={"NEO4J_URI": "", "NEO4J_PASSWORD": ""})


def test_named_query_on_the_embedded_database(out_dir: Path):
    result = _run("query", "meetings-of", "--param", "actor=王毅", "--format", "json", "--out", str(out_dir))
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {"date": "2024-04-21", "place": "Phnom Penh"}.items() <= rows[0].items()


def test_cypher_text_and_csv(out_dir: Path):
    result = _run(
        "query", "MATCH (c:Country) RETURN c.name AS name ORDER BY name", "-f", "csv", "--out", str(out_dir)
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["name", "Cambodia", "China", "Myanmar", "Thailand"]


def test_list_shows_queries_and_parameters(out_dir: Path):
    result = _run("query", "--list")
    assert result.exit_code == 0
    assert "meetings-of:" in result.stdout and "--param actor=<string>" in result.stdout


@pytest.mark.parametrize(
    ("args", "message", "exit_code"),
    [
        (["query", "MATCH (p:Persn) RETURN p"], "Table Persn does not exist", 4),
        (["query", "CREATE (:Topic {id: 'x'})"], "read-only", 4),
        (["query", "meetings-of", "--param", "limit=3"], "unknown parameter(s) limit", 2),
        (["query", "meeting-of"], "no named query 'meeting-of'", 2),
        (["query", "topics-by-month", "-p", "from=last year"], "expected date", 2),
    ],
)
def test_errors_are_one_line(out_dir: Path, args: list[str], message: str, exit_code: int):
    result = _run(*args, "--out", str(out_dir))
    assert result.exit_code == exit_code
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0], result.output
    assert "Traceback" not in result.output


def test_no_embedded_database_says_what_to_do(tmp_path: Path):
    result = _run("query", "most-connected", "--out", str(tmp_path))
    assert result.exit_code == 3 and "run `kg build` first" in result.output


@pytest.mark.parametrize("uri", ["bolt://127.0.0.1:9", "neo4j://no-such-host.invalid:7687"])
def test_a_refused_or_unresolvable_neo4j_fails_fast_and_says_what_to_do(out_dir: Path, uri: str):
    for args in (["load"], ["query", "most-connected", "--neo4j"]):
        started = time.monotonic()
        result = _run(*args, "--uri", uri, "--password", "s3cret-pw", "--out", str(out_dir))
        assert time.monotonic() - started < 10, "no retrying an address that refuses"
        assert result.exit_code == 5, result.output
        assert (
            uri in result.output and "docker compose up -d" in result.output and "kg doctor" in result.output
        )
        assert "s3cret-pw" not in result.output and "Traceback" not in result.output
    doctor = _run("doctor", "--uri", uri, "--password", "s3cret-pw", "--out", str(out_dir))
    assert doctor.exit_code == 5 and "s3cret-pw" not in doctor.output


def test_load_and_query_neo4j(out_dir: Path, neo4j_uri: str, neo4j_driver):
    loaded = _run("load", "--out", str(out_dir), "--uri", neo4j_uri, "--wipe", "--batch-size", "10")
    assert loaded.exit_code == 0, loaded.output
    assert f"loaded {sample_graph().number_of_nodes()} nodes" in loaded.stdout
    result = _run(
        "query",
        "meetings-of",
        "-p",
        "actor=Wang Yi",
        "-f",
        "json",
        "--neo4j",
        "--uri",
        neo4j_uri,
        "--out",
        str(out_dir),
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["place"] == "Phnom Penh"
    doctor = _run("doctor", "--uri", neo4j_uri, "--out", str(out_dir))
    assert doctor.exit_code == 0 and "reachable, Neo4j Kernel 5.26" in doctor.stdout


def test_a_name_that_names_nothing_gets_a_hint(out_dir: Path):
    result = _run("query", "meetings-of", "--param", "actor=Nobody Atall", "--out", str(out_dir))
    assert result.exit_code == 0
    assert "0 row(s)" in result.stdout
    (hint,) = [line for line in result.stderr.splitlines() if line.startswith("hint:")]
    assert "Nobody Atall" in hint and "kg actors" in hint
    known = _run(
        "query", "meetings-of", "--param", "actor=王毅", "--param", "until=2000", "--out", str(out_dir)
    )
    assert known.exit_code == 0 and "0 row(s)" in known.stdout and "hint:" not in known.stderr
