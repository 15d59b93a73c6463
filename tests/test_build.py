"""`kg build`, `kg extract` and `kg eval` from the library and from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
from typer.testing import CliRunner

from kg.build import build
from kg.cli import app
from kg.graph import read_node_link
from kg.records import Corpus
from kg.resolution_memo import Memos

runner = CliRunner()
CONTRACT_MEETING = {
    "kind",
    "id",
    "doc",
    "date",
    "date_text",
    "place",
    "mode",
    "participants",
    "evidence",
    "sources",
}
CONTRACT_AGREEMENT = {
    "kind",
    "id",
    "doc",
    "date",
    "meeting",
    "parties",
    "topics",
    "summary",
    "evidence",
    "sources",
}


def test_build_writes_every_output_and_a_report(examples_dir: Path, tmp_path: Path) -> None:
    corpus, report = build([examples_dir], tmp_path)
    for name in ("events.jsonl", "graph.json", "graph.ttl", "report.json", "views/index.html"):
        assert (tmp_path / name).is_file(), name
    assert (tmp_path / "graph.lbdb").exists()
    events = [
        json.loads(line) for line in (tmp_path / "events.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert len(events) == len(corpus.meetings) + len(corpus.agreements) == report.meetings + report.agreements
    for event in events:
        assert (CONTRACT_MEETING if event["kind"] == "meeting" else CONTRACT_AGREEMENT) <= set(event)
        assert event["sources"] and all(s["sentence"] for s in event["sources"])
    saved = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert saved["documents_read"] == 5 and saved["skipped"] == []
    graph = read_node_link(tmp_path / "graph.json")
    assert graph.nodes["person:wang-yi"]["id"] == "person:wang-yi"
    assert saved["nodes"]["Meeting"] == report.meetings


def test_bad_files_are_reported_and_the_rest_is_built(examples_dir: Path, tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "good.txt").write_bytes((examples_dir / "000_2a8417f8f61e67d4.txt").read_bytes())
    (articles / "empty.md").write_bytes(b"")
    (articles / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (articles / "broken.md").write_text("---\ntitle: never closed\n\nbody", encoding="utf-8")
    result = runner.invoke(app, ["build", str(articles), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    for name in ("empty.md", "binary.txt", "broken.md"):
        assert any(name in line and line.startswith("skipped") for line in result.output.splitlines()), name
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert report["documents_read"] == 1
    assert {Path(s["path"]).name for s in report["skipped"]} == {"empty.md", "binary.txt", "broken.md"}
    assert report["meetings"] == 2


def test_build_fails_only_when_nothing_could_be_read(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = runner.invoke(app, ["build", str(tmp_path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "empty.txt" in result.output and "no article could be read" in result.output
    assert not (tmp_path / "out").exists()


def test_extract_prints_json_lines(examples_dir: Path) -> None:
    result = runner.invoke(app, ["extract", str(examples_dir / "003_a0a0f59d0ea457fc.txt")])
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.stdout.splitlines()]
    (talks,) = [e for e in events if e["kind"] == "meeting"]
    assert talks["date"] == "2024-12-03" and talks["mode"] == "in_person"
    assert {p["name_en"] for p in talks["participants"]} == {"Xi Jinping", "Hun Sen"}
    assert {p["name_en"] for p in talks["attendees"]} == {"Cai Qi", "Wang Yi"}
    assert talks["place"]["name_en"] == "Diaoyutai State Guesthouse"


def test_eval_reports_scores_and_a_bad_gold_file_in_one_line(examples_dir: Path, tmp_path: Path) -> None:
    gold = examples_dir.parent / "gold"
    result = runner.invoke(
        app,
        [
            "eval",
            str(gold / "seeds_gold.jsonl"),
            str(examples_dir),
            "--borderline",
            str(gold / "seeds_gold_borderline.jsonl"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].split()[:3] == ["kind", "tp", "fp"]
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"doc": "x.txt", "type": "meeting"\n', encoding="utf-8")
    result = runner.invoke(app, ["eval", str(bad), str(examples_dir)])
    assert result.exit_code == 2
    assert "bad.jsonl:1" in result.output and "Traceback" not in result.output


def test_worker_processes_give_the_same_events(examples_dir: Path) -> None:
    from kg.pipeline import extract_corpus
    from kg.sinks.jsonl import event_dicts

    def events(workers: int) -> list[dict[str, object]]:
        corpus = extract_corpus(
            [examples_dir, examples_dir.parent.parent / "tests" / "articles"], workers=workers
        )
        return list(event_dicts(corpus.meetings, corpus.agreements, corpus.actors))

    assert events(2) == events(1)


def test_what_a_build_no_longer_needs_is_handed_over_not_dropped(examples_dir: Path, tmp_path: Path) -> None:
    """`spare` gets the graph and the resolution memo, so a process about to end need not free them
    (kg.cli.exiting); kg build keeps one build's, and a second command drops the first one's."""
    spared: list[object] = []
    build([examples_dir], tmp_path / "out", spare=spared.append)
    assert any(isinstance(s, nx.MultiDiGraph) and s.number_of_nodes() > 0 for s in spared)
    assert any(isinstance(s, Memos) and s.made is not None for s in spared)

    from kg.cli import exiting

    for _ in range(2):
        result = CliRunner().invoke(app, ["build", str(examples_dir), "--out", str(tmp_path / "cli")])
        assert result.exit_code == 0, result.output
        left = exiting._LEFT[1:]
        assert sum(isinstance(s, nx.MultiDiGraph) for s in left) == 1
        assert sum(isinstance(s, Corpus) for s in left) == 1
