"""A small corpus for the view tests, with facts like the seed articles' and one hostile actor
whose name, title and evidence are HTML/script injections."""

from __future__ import annotations

import random
from pathlib import Path

import networkx as nx

from kg.graph import build_graph
from kg.records import (
    Actor,
    ActorRef,
    Agreement,
    ArticleMeta,
    Corpus,
    Meeting,
    PartialDate,
    Place,
    Source,
    Title,
    Topic,
)

HOSTILE_NAME = "<img src=x onerror=alert(1)>"
HOSTILE_SENTENCE = "</script><script>alert(2)</script> met <b onmouseover=alert(3)>Wang Yi</b> \u2028<!--"
HOSTILE_TITLE = "<svg onload=alert(4)>"
HOSTILE_URL = "javascript:alert(5)"
EVIDENCE_WANG_SOK = "王毅星期天（4月21日）在金边同宋金达举行会谈。"


def _article(
    folder: Path, name: str, text: str, url: str | None = None, title: str | None = None
) -> ArticleMeta:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return ArticleMeta(
        id=name, name=name, path=str(path), title=title, url=url, published=PartialDate(2024, 4, 21)
    )


def _source(doc: ArticleMeta, sentence: str) -> Source:
    return Source(
        doc=doc.name,
        sentence=sentence,
        start=0,
        end=len(sentence),
        path=doc.path,
        url=doc.url,
        title=doc.title,
    )


def sample_corpus(folder: Path) -> Corpus:
    folder.mkdir(parents=True, exist_ok=True)
    a1 = _article(folder, "000_phnom_penh.txt", EVIDENCE_WANG_SOK, title="王毅同宋金达会谈")
    a2 = _article(folder, "001_beijing.txt", "习近平会见洪森。", url="https://example.org/xi-hun-sen")
    a3 = _article(folder, "002_hostile.html", HOSTILE_SENTENCE, url=HOSTILE_URL, title=HOSTILE_TITLE)
    actors = {
        "country:china": Actor("country:china", "Country", "中国", "中國", "China"),
        "country:cambodia": Actor("country:cambodia", "Country", "柬埔寨", "柬埔寨", "Cambodia"),
        "person:wang-yi": Actor(
            "person:wang-yi",
            "Person",
            "王毅",
            "王毅",
            "Wang Yi",
            country="country:china",
            titles=[Title("外交部长", "2024-04-21", a1.name)],
        ),
        "person:sok-chenda-sok": Actor(
            "person:sok-chenda-sok",
            "Person",
            "宋金达",
            "宋金達",
            "Sok Chenda Sok",
            country="country:cambodia",
            titles=[Title("副首相兼外交大臣", "2024-04-21", a1.name)],
        ),
        "person:xi-jinping": Actor(
            "person:xi-jinping",
            "Person",
            "习近平",
            "習近平",
            "Xi Jinping",
            country="country:china",
            titles=[Title("国家主席", None, a2.name)],
        ),
        "person:hun-sen": Actor(
            "person:hun-sen",
            "Person",
            "洪森",
            "洪森",
            "Hun Sen",
            aliases=["Samdech Hun Sen"],
            country="country:cambodia",
        ),
        "person:hostile": Actor(
            "person:hostile",
            "Person",
            None,
            None,
            HOSTILE_NAME,
            aliases=[HOSTILE_TITLE],
            country="country:cambodia",
            titles=[Title(HOSTILE_TITLE, None, a3.name)],
            in_dictionary=False,
        ),
    }
    ref = {a.id: ActorRef(a.id, a.display_name, a.type) for a in actors.values()}
    talks = Meeting(
        "meeting:wang-sok-2024-04-21",
        [ref["person:wang-yi"], ref["person:sok-chenda-sok"]],
        "in_person",
        PartialDate(2024, 4, 21),
        "星期天（4月21日）",
        Place("金边", "Phnom Penh"),
        [_source(a1, EVIDENCE_WANG_SOK)],
    )
    beijing = Meeting(
        "meeting:xi-hun-2024-12-03",
        [ref["person:xi-jinping"], ref["person:hun-sen"]],
        "in_person",
        PartialDate(2024, 12, 3),
        "12月3日",
        Place("北京", "Beijing"),
        [_source(a2, "习近平会见洪森。")],
        kind="meeting",
    )
    hostile = Meeting(
        "meeting:hostile",
        [ref["person:hostile"], ref["person:wang-yi"]],
        "video",
        PartialDate(2023, 5),
        None,
        Place(HOSTILE_NAME, None),
        [_source(a3, HOSTILE_SENTENCE)],
    )
    fraud = Agreement(
        "agreement:china-cambodia-fraud",
        [ref["country:china"], ref["country:cambodia"]],
        ["telecom-fraud", "online-gambling", "human-trafficking"],
        "双方同意合作打击电信诈骗、网络赌博和人口贩卖。",
        PartialDate(2024, 4, 21),
        [_source(a1, EVIDENCE_WANG_SOK)],
        meeting=talks.id,
    )
    odd = Agreement(
        "agreement:hostile",
        [ref["person:hostile"], ref["country:china"]],
        ["telecom-fraud"],
        HOSTILE_SENTENCE,
        PartialDate(2023, 5),
        [_source(a3, HOSTILE_SENTENCE)],
    )
    topics = {
        "telecom-fraud": Topic("telecom-fraud", "telecom fraud", "电信诈骗"),
        "online-gambling": Topic("online-gambling", "online gambling", "网络赌博"),
        "human-trafficking": Topic("human-trafficking", "human trafficking", "人口贩卖"),
    }
    return Corpus([a1, a2, a3], actors, [talks, beijing, hostile], [fraud, odd], topics)


def sample_graph(folder: Path) -> nx.MultiDiGraph:
    return build_graph(sample_corpus(folder))


def synthetic_corpus(people: int, seed: int = 7) -> Corpus:
    """A diplomatic network of `people` persons in 40 countries: a few hubs (leaders who meet many
    counterparts) and a long tail, two meetings per person, one agreement per five people."""
    rng = random.Random(seed)
    countries = [Actor(f"country:c{i}", "Country", f"国家{i}", f"國家{i}", f"Country {i}") for i in range(40)]
    actors: dict[str, Actor] = {c.id: c for c in countries}
    persons = []
    for i in range(people):
        country = countries[int(rng.paretovariate(1.2)) % len(countries)].id
        person = Actor(
            f"person:p{i}",
            "Person",
            f"人物{i}",
            f"人物{i}",
            f"Person {i}",
            country=country,
            titles=[Title("外交部长" if i % 3 else "总理", None, "synthetic")],
        )
        actors[person.id] = person
        persons.append(person)
    doc = ArticleMeta(id="synthetic", name="synthetic.txt", path="synthetic.txt", published=PartialDate(2024))
    weights = [1.0 / (rank + 1) ** 0.8 for rank in range(people)]
    meetings = []
    for i in range(people * 2):
        first = persons[i % people]
        other = rng.choices(persons, weights=weights)[0]
        if other.id == first.id:
            other = persons[(i + 1) % people]
        date = PartialDate(2015 + i % 10, 1 + i % 12, 1 + i % 28)
        sentence = f"{first.name_zh_hans}同{other.name_zh_hans}举行会谈。"
        meetings.append(
            Meeting(
                f"meeting:m{i}",
                [
                    ActorRef(first.id, first.name_zh_hans or "", "Person"),
                    ActorRef(other.id, other.name_zh_hans or "", "Person"),
                ],
                "in_person",
                date,
                None,
                Place("北京", "Beijing"),
                [_source(doc, sentence)],
            )
        )
    topics = {t: Topic(t, t.replace("-", " "), t) for t in ("telecom-fraud", "online-gambling", "trade")}
    agreements = []
    for i in range(people // 5):
        a, b = rng.sample(countries, 2)
        agreements.append(
            Agreement(
                f"agreement:a{i}",
                [
                    ActorRef(a.id, a.name_zh_hans or "", "Country"),
                    ActorRef(b.id, b.name_zh_hans or "", "Country"),
                ],
                [rng.choice(list(topics))],
                f"双方同意合作（{i}）。",
                meetings[i].date,
                [_source(doc, f"双方同意合作（{i}）。")],
                meeting=meetings[i].id,
            )
        )
    return Corpus([doc], actors, meetings, agreements, topics)
