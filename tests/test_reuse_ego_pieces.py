"""An ego page made again in a rebuild takes over from its previous file the runs of events that
did not change (kg.sinks.views.ego_pieces), and writes what a clean build writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.reuse import Reuse
from kg.sinks import pieces
from kg.sinks.views import ego_pieces, write_views
from kg.sinks.views.index import ego_file_name
from tests.test_reuse_views import HUB, VERSION, files, graph_of, write_articles

XI_HUN = {"xi_hun.md": "国家主席习近平8月1日在北京会见柬埔寨首相洪玛奈。"}
"""A new meeting of Xi Jinping, whose page is made again."""
XI_PAGE = f"ego/{ego_file_name('person:xi-jinping')}"


@pytest.fixture
def taken_from(monkeypatch: pytest.MonkeyPatch) -> set[str]:
    """The names of the files that took over pieces of their previous file; every event its own
    run (a test corpus gives a page a few events: a run of them all is a page's first piece,
    which is made every time)."""
    monkeypatch.setattr(ego_pieces, "RUN", 1)
    names: set[str] = set()
    take = pieces.PieceWriter.take

    def noting(writer: pieces.PieceWriter, first: int, last: int | None = None) -> None:
        names.add(Path(writer.out.name).as_posix())
        take(writer, first, last)

    monkeypatch.setattr(pieces.PieceWriter, "take", noting)
    return names


def build_views(tmp_path: Path, name: str, articles: dict[str, str], previous: str | None) -> Path:
    """The views of `articles` in tmp_path/name, taking over from tmp_path/previous."""
    graph = graph_of(write_articles(tmp_path / "articles", articles))
    staged = tmp_path / name
    reuse = Reuse(tmp_path / previous if previous else None, staged, VERSION)
    write_views(graph, staged, reuse=reuse)
    reuse.save()
    return staged / "views"


def test_a_page_made_again_takes_over_its_unchanged_events(tmp_path: Path, taken_from: set[str]) -> None:
    build_views(tmp_path, "P", HUB, None)
    ours = build_views(tmp_path, "S", {**HUB, **XI_HUN}, "P")
    clean = tmp_path / "C" / "views"
    write_views(graph_of(tmp_path / "articles"), clean.parent)

    assert files(ours) == files(clean)
    assert not (ours / XI_PAGE).samefile(tmp_path / "P" / "views" / XI_PAGE), "made again"
    assert (ours / XI_PAGE).as_posix() in taken_from


def test_a_page_taken_over_whole_keeps_its_pieces_for_the_next_build(
    tmp_path: Path, taken_from: set[str]
) -> None:
    build_views(tmp_path, "P", HUB, None)
    unchanged = build_views(tmp_path, "S1", HUB, "P")
    assert (unchanged / XI_PAGE).samefile(tmp_path / "P" / "views" / XI_PAGE)
    ours = build_views(tmp_path, "S2", {**HUB, **XI_HUN}, "S1")
    clean = tmp_path / "C" / "views"
    write_views(graph_of(tmp_path / "articles"), clean.parent)

    assert files(ours)[XI_PAGE] == files(clean)[XI_PAGE]
    assert (ours / XI_PAGE).as_posix() in taken_from


def test_an_event_that_changed_is_made_again_on_a_page_made_again(
    tmp_path: Path, taken_from: set[str]
) -> None:
    """Every meeting held somewhere else: a run of an event whose id the previous page carried is
    not taken over for its id."""
    graph = graph_of(write_articles(tmp_path / "articles", {**HUB, **XI_HUN}))
    previous, staged = tmp_path / "P", tmp_path / "S"
    first = Reuse(None, previous, VERSION)
    write_views(graph, previous, reuse=first)
    first.save()
    for data in graph._node.values():
        if data["label"] == "Meeting":
            data["place_en"] = "Astana"
    write_views(graph, staged, reuse=Reuse(previous, staged, VERSION))
    write_views(graph, tmp_path / "C")

    ours, clean = files(staged / "views")[XI_PAGE], files(tmp_path / "C" / "views")[XI_PAGE]
    assert ours == clean and b"Astana" in ours
