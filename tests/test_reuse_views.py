"""A rebuild takes over the views of the previous build that have not changed (kg.reuse), and what
it writes is byte for byte what a clean build writes: a page whose parts changed is made again."""

from __future__ import annotations

import marshal
import re
import shutil
from array import array
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pytest

from kg.build import build
from kg.graph import build_graph
from kg.layout import BuildLayout
from kg.pipeline import extract_corpus
from kg.reuse import Reuse
from kg.sinks.views import write_views
from kg.sinks.views.facts import read_facts
from kg.sinks.views.index import ego_file_name
from kg.sinks.views.page import brief_values, full_values, page_event

TEST_ARTICLES = Path(__file__).resolve().parent / "articles"
VERSION = "views-of-today"
ARTICLES = {
    "wang_wong.md": "外交部长王毅4月21日在北京会见新加坡总理黄循财。双方同意加强打击电信诈骗合作。",
    "wang_hun.md": "外交部长王毅5月10日在北京会见柬埔寨首相洪玛奈。",
    "hun_wong.md": "Cambodian Prime Minister Hun Manet met Singapore Prime Minister Lawrence Wong in "
    "Phnom Penh on June 2. The two sides agreed to strengthen cooperation against telecom fraud.",
    "xi_lula.md": "国家主席习近平7月8日在北京会见巴西总统卢拉。",
}
"""Wang Yi met Lawrence Wong and Hun Manet, who met each other without him (his page tells that
meeting in brief); Xi Jinping and Lula met no one else."""


def write_articles(folder: Path, articles: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():
        (folder / name).write_text(f"---\ntitle: {name}\ndate: 2024-07-09\n---\n\n{text}\n", encoding="utf-8")
    return folder


def graph_of(folder: Path) -> nx.MultiDiGraph:
    return build_graph(extract_corpus([folder]))


def files(folder: Path) -> dict[str, bytes]:
    """The pages and assets, but the digests of their pieces kept beside them for the next build."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and p.suffix != ".parts"
    }


def test_an_incremental_build_writes_the_views_of_the_clean_build(tmp_path: Path, examples_dir: Path) -> None:
    articles = tmp_path / "articles"
    shutil.copytree(examples_dir, articles)
    shutil.copytree(TEST_ARTICLES, articles / "more")
    out, clean = tmp_path / "out", tmp_path / "clean"
    build([articles], out)
    changed = articles / "more" / "same_talks_en.md"
    changed.write_text(
        changed.read_text(encoding="utf-8") + "\nOn Friday, Xi Jinping met Kazakh President Kassym-Jomart "
        "Tokayev in Beijing.\n",
        encoding="utf-8",
    )

    _, again = build([articles], out)
    build([articles], clean, use_cache=False)

    ours, theirs = files(BuildLayout(out).views), files(BuildLayout(clean).views)
    assert ours.keys() == theirs.keys()
    assert [name for name in ours if ours[name] != theirs[name]] == []
    assert any("Tokayev" in text.decode("utf-8") for text in ours.values()), "the changed article's meeting"
    assert again.reused > 0, "the pages the change does not reach are taken over"


def rebuild(tmp_path: Path, before: dict[str, str], after: dict[str, str]) -> tuple[Path, Path, Reuse]:
    """Views of `before` in P; of `after` in S, taking over from P, and clean in C."""
    previous, staged, clean = tmp_path / "P", tmp_path / "S", tmp_path / "C"
    first = Reuse(None, previous, VERSION)
    write_views(graph_of(write_articles(tmp_path / "articles", before)), previous, reuse=first)
    first.save()
    graph = graph_of(write_articles(tmp_path / "articles", after))
    again = Reuse(previous, staged, VERSION)
    write_views(graph, staged, reuse=again)
    write_views(graph, clean)
    return staged / "views", clean / "views", again


@pytest.mark.parametrize(
    ("edit", "page", "shown"),
    [
        # the topic of a meeting Wang Yi's page tells in brief (he was not at it)
        (("telecom fraud", "online gambling"), "person:wang-yi", '"online-gambling"'),
        # a title of an actor his page draws
        (("Singapore Prime Minister", "Singapore Finance Minister"), "person:wang-yi", '"Minister"'),
        # evidence Hun Manet's page tells in full
        (("agreed to strengthen", "agreed to further strengthen"), "person:hun-manet", "further strengthen"),
    ],
)
def test_a_page_whose_parts_changed_is_made_again(
    tmp_path: Path, edit: tuple[str, str], page: str, shown: str
) -> None:
    after = dict(ARTICLES, **{"hun_wong.md": ARTICLES["hun_wong.md"].replace(*edit)})
    ours, clean, reuse = rebuild(tmp_path, ARTICLES, after)

    ours_files, clean_files = files(ours), files(clean)
    assert ours_files.keys() == clean_files.keys()
    assert [name for name in ours_files if ours_files[name] != clean_files[name]] == []
    assert shown in ours_files[f"ego/{ego_file_name(page)}"].decode("utf-8")
    assert reuse.taken >= 2, "Xi Jinping's and Lula's pages are taken over"


def test_unchanged_articles_take_over_every_ego_page(tmp_path: Path) -> None:
    ours, clean, reuse = rebuild(tmp_path, ARTICLES, ARTICLES)
    egos = [name for name in files(clean) if name.startswith("ego/")]
    assert len(egos) == 5 and reuse.taken >= len(egos)
    assert files(ours) == files(clean)


HUB = {
    "xi_lula.md": ARTICLES["xi_lula.md"],
    "xi_tokayev.md": "On July 3, Xi Jinping met Kazakh President Kassym-Jomart Tokayev in Beijing.",
    "lula_hun.md": "Brazilian President Luiz Inacio Lula da Silva met Cambodian Prime Minister Hun Manet "
    "in Brasilia on May 5.",
}
"""Xi Jinping met Lula and Tokayev; Lula met Hun Manet, whom Xi Jinping has not met yet."""


def taken_over(tmp_path: Path, staged: Path, actor_id: str) -> bool:
    """Is the actor's ego page of the rebuild in `staged` the previous build's file?"""
    page = f"ego/{ego_file_name(actor_id)}"
    return (staged / page).samefile(tmp_path / "P" / "views" / page)


def test_a_hub_s_new_meeting_remakes_only_the_pages_that_draw_it(tmp_path: Path) -> None:
    after = dict(HUB, **{"xi_hun.md": "国家主席习近平8月1日在北京会见柬埔寨首相洪玛奈。"})
    ours, clean, _ = rebuild(tmp_path, HUB, after)

    ours_files, clean_files = files(ours), files(clean)
    assert ours_files.keys() == clean_files.keys()
    assert [name for name in ours_files if ours_files[name] != clean_files[name]] == []
    lula = "person:luiz-inacio-lula-da-silva"
    lula_page = ours_files[f"ego/{ego_file_name(lula)}"].decode()
    assert {"person:hun-manet|MET|person:xi-jinping", "person:xi-jinping|MET|person:hun-manet"} & {
        edge for edge in re.findall(r'"id":"([^"]+\|MET\|[^"]+)"', lula_page)
    }, "Lula's page draws the new meeting of the two actors he met"
    remade = {"person:xi-jinping", "person:hun-manet", lula}
    assert not any(taken_over(tmp_path, ours, actor) for actor in remade), "the new edge is drawn there"
    assert taken_over(tmp_path, ours, "person:kassym-jomart-tokayev"), "his page draws Xi, not the new edge"


def pieces_of(path: Path) -> int:
    """How many pieces the page at `path` was written in (kg.sinks.pieces), from its sidecar."""
    parts = marshal.loads(path.with_name(path.name + ".parts").read_bytes())
    return len(parts["sizes"]) // array("q").itemsize


CORPUS_PAGES = ("network.html", "agreements.html", "relations.html")


@pytest.mark.parametrize(
    ("article", "edit", "shown"),
    [
        # evidence every corpus-wide page tells: a sentence, the title of its article
        ("hun_wong.md", ("agreed to strengthen", "agreed to further strengthen"), "further strengthen"),
        ("wang_hun.md", ("title: wang_hun.md", "title: Talks in Beijing"), "Talks in Beijing"),
        # the date of a meeting, which the relations page carries beside its evidence
        ("xi_lula.md", ("7月8日", "7月6日"), '"date":"2024-07-06"'),
        # the name of an actor the events list
        ("xi_lula.md", ("巴西总统卢拉", "巴西总统卢拉·达席尔瓦"), "卢拉·达席尔瓦"),
    ],
)
def test_corpus_pages_take_over_unchanged_events_and_make_changed_ones_again(
    tmp_path: Path, article: str, edit: tuple[str, str], shown: str
) -> None:
    articles = write_articles(tmp_path / "articles", ARTICLES)
    previous, staged, clean = tmp_path / "P", tmp_path / "S", tmp_path / "C"
    first = Reuse(None, previous, VERSION)
    write_views(graph_of(articles), previous, reuse=first)
    first.save()
    changed = articles / article
    changed.write_text(changed.read_text(encoding="utf-8").replace(*edit), encoding="utf-8")
    graph = graph_of(articles)
    again = Reuse(previous, staged, VERSION)
    write_views(graph, staged, reuse=again)
    write_views(graph, clean)

    ours, theirs = files(staged / "views"), files(clean / "views")
    assert [page for page in CORPUS_PAGES if ours[page] != theirs[page]] == []
    assert shown in ours["network.html"].decode() + ours["relations.html"].decode()
    egos = len([name for name in ours if name.startswith("ego/")])
    pieces = sum(pieces_of(staged / "views" / page) for page in CORPUS_PAGES)
    assert again.taken > egos and again.made < pieces, "unchanged events are taken over, in pieces"


def test_an_event_s_digest_is_made_of_every_value_its_page_dict_carries(tmp_path: Path) -> None:
    """An event's digest (kg.sinks.views.event_digest) is of plain values, not the dict the page
    encodes: the same values, in the same order, or a change to what a page shows would leave its
    piece taken over."""
    facts = read_facts(graph_of(write_articles(tmp_path / "articles", ARTICLES)))
    assert facts.events
    for event_id, event in facts.events.items():
        for full, values in ((True, full_values(event, facts)), (False, brief_values(event))):
            shown = page_event(event_id, facts, full)
            plain = [[tuple(e.values()) for e in v] if k == "evidence" else v for k, v in shown.items()]
            assert list(values) == [event_id, *plain]


def rebuild_changed(
    tmp_path: Path, graph: nx.MultiDiGraph, change: Callable[[nx.MultiDiGraph], object]
) -> tuple[dict[str, bytes], dict[str, bytes], dict[str, bytes]]:
    """The views of `graph` in P; after change(graph), in S, taking over from P, and clean in C:
    the files of each."""
    previous, staged, clean = tmp_path / "P", tmp_path / "S", tmp_path / "C"
    first = Reuse(None, previous, VERSION)
    write_views(graph, previous, reuse=first)
    first.save()
    change(graph)
    write_views(graph, staged, reuse=Reuse(previous, staged, VERSION))
    write_views(graph, clean)
    return files(previous / "views"), files(staged / "views"), files(clean / "views")


def _set_titles(graph: nx.MultiDiGraph, meeting: str, title: str) -> None:
    """The title every person at `meeting` held at it."""
    for person in graph.predecessors(meeting):
        for data in graph[person][meeting].values():
            if data["type"] == "PARTICIPATED_IN":
                data["title"] = title


@pytest.mark.parametrize(
    "change",
    [
        # the level of Xi Jinping's meeting with Lula, from the titles they held at it
        lambda graph: _set_titles(graph, "meeting:d420bf90cd4f", "Foreign Minister"),
        # the topics the agreement of Hun Manet and Lawrence Wong names, not those it concerns
        lambda graph: graph.nodes["agreement:e5d74b5422d8"].update(topics=["online-gambling"]),
    ],
)
def test_a_value_only_the_relations_page_shows_makes_its_item_again(
    tmp_path: Path, change: Callable[[nx.MultiDiGraph], None]
) -> None:
    """An event's digest (kg.sinks.views.event_digest) holds its item on the relations page:
    what no other page shows of the event changes that page's piece."""
    graph = graph_of(write_articles(tmp_path / "articles", ARTICLES))
    before, ours, theirs = rebuild_changed(tmp_path, graph, change)
    assert before["relations.html"] != theirs["relations.html"], "the change is shown"
    assert ours["relations.html"] == theirs["relations.html"]
    assert pieces_of(tmp_path / "S" / "views" / "relations.html") > 2, "its items are pieces"


def test_a_page_telling_an_agreement_is_made_again_when_the_meeting_it_came_from_changes(
    tmp_path: Path,
) -> None:
    """An ego page tells in full the meeting each agreement it tells came from, even one its actor
    was not at: Lula, party to the agreement of Hun Manet's meeting with Lawrence Wong."""
    graph = graph_of(write_articles(tmp_path / "articles", ARTICLES))
    lula = "person:luiz-inacio-lula-da-silva"
    graph.add_edge(lula, "agreement:e5d74b5422d8", type="PARTY_TO", role="party")
    _, ours, theirs = rebuild_changed(
        tmp_path, graph, lambda graph: graph.nodes["meeting:287223c015e0"].update(place_en="Siem Reap")
    )
    page = f"ego/{ego_file_name(lula)}"
    assert "Siem Reap" in theirs[page].decode()
    assert ours[page] == theirs[page]
    assert taken_over(tmp_path, tmp_path / "S" / "views", "person:xi-jinping"), "Xi's page tells neither"


def _stand_in(graph: nx.MultiDiGraph, actor: str, namesake: str, meeting: str) -> None:
    """`namesake`, `actor`'s namesake of the same country, took part in `meeting` instead."""
    graph.add_node(namesake, **graph.nodes[actor])
    for end in (graph.nodes[actor]["country"], meeting):
        (attrs,) = graph[actor][end].values()
        graph.add_edge(namesake, end, **attrs)
    graph.remove_edge(actor, meeting)


def test_a_page_is_made_again_when_another_actor_lists_an_event_it_tells(tmp_path: Path) -> None:
    """Hun Manet's page draws Wang Yi with the events Wang Yi's panel lists: when a namesake of
    Wang Yi took part in their meeting instead, the meeting is the same to every other page."""
    graph = graph_of(write_articles(tmp_path / "articles", ARTICLES))
    before, ours, theirs = rebuild_changed(
        tmp_path,
        graph,
        lambda graph: _stand_in(graph, "person:wang-yi", "person:wang-yi-namesake", "meeting:ab46e84fd103"),
    )
    page = f"ego/{ego_file_name('person:hun-manet')}"
    assert before[page] != theirs[page], "Wang Yi's panel lists the meeting no more"
    assert ours[page] == theirs[page]
