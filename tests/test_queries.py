"""Named queries: headers, parameter typing, and finding a query by name, file or text."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.queries import QueryError, list_queries, load_query, parse_assignments, parse_query, resolve_query

ANALYST_QUESTIONS = {
    "who-met-whom",
    "meetings-of",
    "meetings-between-countries",
    "agreements-on-topic",
    "agreements-between",
    "country-timeline",
    "most-connected",
    "new-contacts-since",
    "path-between",
    "evidence",
    "officials-of",
    "topics-by-month",
    "contacts-by-quarter",
    "first-contacts",
    "brokers",
    "topics-of-pair",
}


def test_every_analyst_question_has_a_described_query():
    queries = {q.name: q for q in list_queries()}
    assert set(queries) >= ANALYST_QUESTIONS
    for query in queries.values():
        assert len(query.description) > 20, query.name
        assert "$" in query.cypher or not query.params, query.name
        for param in query.params:
            assert f"${param.name}" in query.cypher, (query.name, param.name)
            for variant in query.variants.values():
                assert f"${param.name}" in variant, (query.name, param.name)


def test_header_types_and_defaults():
    query = parse_query(
        '// Meetings in a range.\n// @param actor: string = "Wang Yi"  who\n// @param from: date = 2024-04\n'
        "// @param limit: int = 10\n// @param ids: list\n// @param on: bool = true\nMATCH (n) RETURN n",
        "x",
    )
    assert query.description == "Meetings in a range."
    assert [(p.name, p.type, p.default, p.required) for p in query.params] == [
        ("actor", "string", "Wang Yi", False),
        ("from", "date", "2024-04", False),
        ("limit", "int", 10, False),
        ("ids", "list", None, True),
        ("on", "bool", True, False),
    ]
    assert query.cypher == "MATCH (n) RETURN n"
    bound = query.bind({"limit": "3", "ids": "a, b,c", "from": "2024-04-21", "on": "no"})
    assert bound == {
        "actor": "Wang Yi",
        "from": "2024-04-21",
        "limit": 3,
        "ids": ["a", "b", "c"],
        "on": False,
    }
    assert query.bind({"ids": '["x y", "z"]'})["ids"] == ["x y", "z"]


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({"limit": "ten", "ids": "a"}, "expected int"),
        ({"from": "2024-13-01", "ids": "a"}, "expected date"),
        ({"from": "21/04/2024", "ids": "a"}, "expected date"),
        ({}, "ids (list) is required"),
        ({"ids": "a", "colour": "red"}, "unknown parameter(s) colour"),
    ],
)
def test_bad_parameters_are_refused_with_the_reason(given, message):
    query = parse_query(
        "// q\n// @param from: date = 2024\n// @param limit: int = 1\n// @param ids: list\nRETURN 1", "q"
    )
    with pytest.raises(QueryError, match=message.replace("(", r"\(").replace(")", r"\)")):
        query.bind(given)


def test_variants_are_found_next_to_the_query():
    query = load_query("path-between")
    assert "shortestPath" in query.cypher_for("neo4j")
    assert "SHORTEST" in query.cypher_for("ladybug")


def test_target_is_a_name_a_file_or_cypher(tmp_path: Path):
    assert resolve_query("meetings-of").name == "meetings-of"
    file = tmp_path / "mine.cypher"
    file.write_text("// Mine.\nMATCH (p:Person) WHERE p.name = $name RETURN p.id", encoding="utf-8")
    from_file = resolve_query(str(file))
    assert from_file.adhoc and from_file.bind({"name": "Wang Yi"}) == {"name": "Wang Yi"}
    text = resolve_query("MATCH (n) RETURN count(n) LIMIT $n")
    assert text.adhoc and text.bind({"n": "5"}) == {"n": 5}
    with pytest.raises(QueryError, match="no named query 'meeting-of'"):
        resolve_query("meeting-of")
    with pytest.raises(QueryError, match="no named query"):
        load_query("../etc/passwd")


def test_assignments_keep_equals_signs_in_values():
    assert parse_assignments(["a=1", "q=x=y"]) == {"a": "1", "q": "x=y"}
    with pytest.raises(QueryError):
        parse_assignments(["novalue"])
