"""A small resolved corpus with facts like the seed articles', for the RDF and export tests.

Built from kg.records and turned into the graph by kg.graph.build_graph, so the tests
exercise the same graph model the pipeline produces.
"""

from __future__ import annotations

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

HOSTILE = (
    'He said "hi"\n<script>alert(1)</script> \\ \t tab\r\n; emoji 🙂; 王"毅\'s; """ \'\'\'; '
    "<img src=x onerror=alert(1)> \u200b\u202e bell\x07 nul\x00 end"
)

DOC_PHNOM_PENH = "000_2a8417f8f61e67d4.txt"
DOC_BEIJING = "001_6da7055854e8b254.txt"
DOC_HOSTILE = "hostile <doc> \"x\".txt"

SENTENCE_PHNOM_PENH = "王毅星期天（4月21日）在金边同宋金达举行会谈。"
SENTENCE_AGREED = "双方同意加强执法合作，共同打击电信诈骗、网络赌博和人口贩卖等跨国犯罪。"
SENTENCE_BEIJING = "国家主席习近平12月3日在北京人民大会堂会见柬埔寨参议院主席洪森。"
SENTENCE_PHONE = "王毅应约同洪森通电话。"


def _source(doc: str, sentence: str, start: int) -> Source:
    return Source(doc=doc, sentence=sentence, start=start, end=start + len(sentence), path=f"articles/{doc}")


def _actors() -> dict[str, Actor]:
    actors = [
        Actor("country:china", "Country", "中国", "中國", "China", aliases=["中方"]),
        Actor("country:cambodia", "Country", "柬埔寨", "柬埔寨", "Cambodia", aliases=["柬方"]),
        Actor(
            "person:wang-yi",
            "Person",
            "王毅",
            "王毅",
            "Wang Yi",
            country="country:china",
            titles=[Title("外交部长", "2024-04-21", DOC_PHNOM_PENH)],
        ),
        Actor(
            "person:sok-chenda-sok",
            "Person",
            "宋金达",
            "宋金達",
            "Sok Chenda Sok",
            country="country:cambodia",
            titles=[Title("副首相兼外交大臣", "2024-04", DOC_PHNOM_PENH)],
        ),
        Actor(
            "person:xi-jinping",
            "Person",
            "习近平",
            "習近平",
            "Xi Jinping",
            aliases=["习主席"],
            country="country:china",
            titles=[Title("国家主席", None, DOC_BEIJING)],
        ),
        Actor("person:hun-sen", "Person", "洪森", "洪森", "Hun Sen", country="country:cambodia"),
        Actor(
            "org:ministry-of-public-security-china",
            "Organization",
            "公安部",
            "公安部",
            "Ministry of Public Security",
            country="country:china",
        ),
        # An actor no dictionary knows, named by hostile article text.
        Actor("person:hostile", "Person", HOSTILE, None, None, aliases=[HOSTILE], in_dictionary=False),
    ]
    return {a.id: a for a in actors}


def _ref(
    actors: dict[str, Actor], actor_id: str, role: str = "participant", title: str | None = None
) -> ActorRef:
    actor = actors[actor_id]
    return ActorRef(actor_id, actor.name_zh_hans or actor.display_name, actor.type, title=title, role=role)


def sample_corpus() -> Corpus:
    actors = _actors()
    documents = [
        ArticleMeta(DOC_PHNOM_PENH, DOC_PHNOM_PENH, f"articles/{DOC_PHNOM_PENH}", "王毅同宋金达举行会谈",
                    "https://example.com/a?x=1&y=\"2\"", PartialDate(2024, 4, 21), "front-matter"),
        ArticleMeta(DOC_BEIJING, DOC_BEIJING, f"articles/{DOC_BEIJING}", "習近平會見洪森", None,
                    PartialDate(2024, 12), "dateline", "zh-Hant"),
        ArticleMeta(DOC_HOSTILE, DOC_HOSTILE, f"articles/{DOC_HOSTILE}", HOSTILE, None, None, None),
    ]
    talks = Meeting(
        id="meeting:phnom-penh-2024-04-21",
        participants=[
            _ref(actors, "person:wang-yi", "guest", "外交部长"),
            _ref(actors, "person:sok-chenda-sok", "host", "副首相兼外交大臣"),
        ],
        mode="in_person",
        date=PartialDate(2024, 4, 21),
        date_text="星期天（4月21日）",
        place=Place("金边", "Phnom Penh"),
        sources=[_source(DOC_PHNOM_PENH, SENTENCE_PHNOM_PENH, 10)],
        kind="talks",
    )
    beijing = Meeting(
        id="meeting:beijing-2024-12-03",
        participants=[
            _ref(actors, "person:xi-jinping", "host", "国家主席"),
            _ref(actors, "person:hun-sen", "guest"),
            _ref(actors, "person:wang-yi", "attendee"),
        ],
        mode="in_person",
        date=PartialDate(2024, 12, 3),
        date_text="12月3日",
        place=Place("北京", "Beijing"),
        sources=[_source(DOC_BEIJING, SENTENCE_BEIJING, 0), _source(DOC_HOSTILE, HOSTILE, 5)],
        kind="meeting",
    )
    call = Meeting(
        id="meeting:phone-2024-06",
        participants=[_ref(actors, "person:wang-yi"), _ref(actors, "person:hun-sen")],
        mode="phone",
        date=PartialDate(2024, 6),
        date_text="6月",
        place=None,
        sources=[_source(DOC_PHNOM_PENH, SENTENCE_PHONE, 200)],
        kind="phone_call",
    )
    hostile_meeting = Meeting(
        id="meeting:hostile",
        participants=[_ref(actors, "person:hostile"), _ref(actors, "person:xi-jinping")],
        mode="letter",
        date=PartialDate(2023),
        date_text=HOSTILE,
        place=Place(HOSTILE, None),
        sources=[_source(DOC_HOSTILE, HOSTILE, 100)],
        kind="letter",
    )
    agreement = Agreement(
        id="agreement:china-cambodia-crime",
        parties=[_ref(actors, "country:china"), _ref(actors, "country:cambodia")],
        topics=["telecom-fraud", "online-gambling", "human-trafficking"],
        summary=SENTENCE_AGREED,
        date=PartialDate(2024, 4, 21),
        sources=[_source(DOC_PHNOM_PENH, SENTENCE_AGREED, 60)],
        meeting=talks.id,
        kind="consensus",
    )
    ministry = Agreement(
        id="agreement:hostile",
        parties=[_ref(actors, "org:ministry-of-public-security-china"), _ref(actors, "person:hostile")],
        topics=[],
        summary=HOSTILE,
        date=None,
        sources=[_source(DOC_HOSTILE, HOSTILE, 300)],
        meeting=None,
        kind="signed",
    )
    topics = {
        "telecom-fraud": Topic("telecom-fraud", "telecom fraud", "电信诈骗"),
        "online-gambling": Topic("online-gambling", "online gambling", "网络赌博"),
        "human-trafficking": Topic("human-trafficking", "human trafficking", "人口贩卖"),
    }
    return Corpus(documents, actors, [talks, beijing, call, hostile_meeting], [agreement, ministry], topics)


def sample_graph() -> nx.MultiDiGraph:
    return build_graph(sample_corpus())
