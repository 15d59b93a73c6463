"""A small resolved corpus with facts like the seed articles', for the graph-database tests.

Built from kg.records and turned into the graph by kg.graph.build_graph, so the tests exercise
the graph model the pipeline produces. `sample_corpus(changed=True)` is the same corpus after one
article was edited (its meeting moved to another day and place) and another one was removed.
"""

from __future__ import annotations

import networkx as nx

from kg.graph import build_graph
from kg.ids import short_hash
from kg.records import (
    Actor,
    ActorRef,
    Agreement,
    ArticleMeta,
    Corpus,
    Meeting,
    Mode,
    PartialDate,
    Place,
    Source,
    Title,
    Topic,
)

DOC_PHNOM_PENH = "000_2a8417f8f61e67d4.txt"
DOC_PHNOM_PENH_EN = "005_phnom_penh_en.md"
DOC_BEIJING = "001_6da7055854e8b254.txt"
DOC_PHONE = "002_phone_zh_hant.txt"
DOC_BANGKOK = "003_bangkok.md"
DOC_BEIJING_THAI = "004_beijing_thai.html"
DOC_MARCH = "006_march_visit.txt"

SENTENCE_PHNOM_PENH = "王毅星期天（4月21日）在金边同宋金达举行会谈。"
SENTENCE_PHNOM_PENH_EN = "Wang Yi held talks with Sok Chenda Sok in Phnom Penh on Sunday, April 21."
SENTENCE_AGREED = "双方同意加强执法合作，共同打击电信诈骗、网络赌博和人口贩卖等跨国犯罪。"
SENTENCE_BEIJING = "国家主席习近平12月3日在北京人民大会堂会见柬埔寨参议院主席洪森。"
SENTENCE_PHONE = "王毅應約同洪森通電話。"
SENTENCE_BANGKOK = "王小洪2月10日在曼谷同泰国外长马里斯、缅甸外长丹瑞举行三方会晤。"
SENTENCE_BANGKOK_AGREED = "三方同意联合打击电信网络诈骗。"
SENTENCE_BEIJING_THAI = (
    "Wang Yi held talks with Thai Foreign Minister Maris Sangiampongsa in Beijing on February 20."
)
SENTENCE_BEIJING_THAI_AGREED = "The two sides agreed to crack down on online gambling and drug trafficking."
SENTENCE_MARCH = "王毅3月5日在北京会见宋金达。"
SENTENCE_MARCH_CHANGED = "王毅3月6日在金边会见宋金达。"


def _actors() -> dict[str, Actor]:
    actors = [
        Actor("country:china", "Country", "中国", "中國", "China", aliases=["中方"]),
        Actor("country:cambodia", "Country", "柬埔寨", "柬埔寨", "Cambodia", aliases=["柬方"]),
        Actor("country:thailand", "Country", "泰国", "泰國", "Thailand", aliases=["泰方"]),
        Actor("country:myanmar", "Country", "缅甸", "緬甸", "Myanmar", aliases=["Burma"]),
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
            titles=[Title("副首相兼外交大臣", "2024-04-21", DOC_PHNOM_PENH)],
        ),
        Actor(
            "person:xi-jinping",
            "Person",
            "习近平",
            "習近平",
            "Xi Jinping",
            country="country:china",
            titles=[Title("国家主席", "2024-12-03", DOC_BEIJING)],
        ),
        Actor(
            "person:hun-sen",
            "Person",
            "洪森",
            "洪森",
            "Hun Sen",
            country="country:cambodia",
            titles=[Title("参议院主席", "2024-12-03", DOC_BEIJING)],
        ),
        Actor(
            "person:wang-xiaohong",
            "Person",
            "王小洪",
            "王小洪",
            "Wang Xiaohong",
            country="country:china",
            titles=[Title("公安部部长", "2025-02-10", DOC_BANGKOK)],
        ),
        Actor(
            "person:maris-sangiampongsa",
            "Person",
            "马里斯",
            "馬里斯",
            "Maris Sangiampongsa",
            country="country:thailand",
            titles=[Title("外长", "2025-02-10", DOC_BANGKOK)],
        ),
        Actor(
            "person:than-swe",
            "Person",
            "丹瑞",
            "丹瑞",
            "Than Swe",
            country="country:myanmar",
            titles=[Title("外长", "2025-02-10", DOC_BANGKOK)],
        ),
        Actor(
            "org:ministry-of-public-security-china",
            "Organization",
            "公安部",
            "公安部",
            "Ministry of Public Security",
            country="country:china",
        ),
    ]
    return {a.id: a for a in actors}


def _ref(actors: dict[str, Actor], actor_id: str, role: str = "participant") -> ActorRef:
    actor = actors[actor_id]
    return ActorRef(actor_id, actor.name_zh_hans or actor.display_name, actor.type, role=role)


def _source(doc: str, sentence: str, start: int = 0) -> Source:
    return Source(doc=doc, sentence=sentence, start=start, end=start + len(sentence), path=f"articles/{doc}")


def _meeting(
    actors: dict[str, Actor],
    people: list[str],
    date: str,
    place: Place,
    sources: list[Source],
    mode: Mode = "in_person",
    kind: str = "talks",
) -> Meeting:
    day = PartialDate.parse(date)
    return Meeting(
        id=f"meeting:{short_hash(*sorted(people), date)}",
        participants=[_ref(actors, p) for p in people],
        mode=mode,
        date=day,
        date_text=date,
        place=place,
        sources=sources,
        kind=kind,
    )


def _agreement(
    actors: dict[str, Actor],
    parties: list[str],
    topics: list[str],
    summary: str,
    date: str,
    sources: list[Source],
    meeting: Meeting | None,
) -> Agreement:
    return Agreement(
        id=f"agreement:{short_hash(*sorted(parties), date, summary)}",
        parties=[_ref(actors, p) for p in parties],
        topics=topics,
        summary=summary,
        date=PartialDate.parse(date),
        sources=sources,
        meeting=meeting.id if meeting else None,
        kind="consensus",
    )


PHNOM_PENH = Place("金边", "Phnom Penh")
BEIJING = Place("北京", "Beijing")
BANGKOK = Place("曼谷", "Bangkok")


def sample_corpus(changed: bool = False) -> Corpus:
    actors = _actors()
    documents = [
        ArticleMeta(
            DOC_PHNOM_PENH,
            DOC_PHNOM_PENH,
            f"articles/{DOC_PHNOM_PENH}",
            "王毅同宋金达会谈",
            None,
            PartialDate(2024, 4, 21),
        ),
        ArticleMeta(
            DOC_PHNOM_PENH_EN,
            DOC_PHNOM_PENH_EN,
            f"articles/{DOC_PHNOM_PENH_EN}",
            "Wang Yi in Phnom Penh",
            "https://example.org/wang-yi-phnom-penh",
            PartialDate(2024, 4, 22),
            script="en",
        ),
        ArticleMeta(
            DOC_BEIJING,
            DOC_BEIJING,
            f"articles/{DOC_BEIJING}",
            "习近平会见洪森",
            None,
            PartialDate(2024, 12, 3),
        ),
        ArticleMeta(
            DOC_BANGKOK, DOC_BANGKOK, f"articles/{DOC_BANGKOK}", "三方会晤", None, PartialDate(2025, 2, 10)
        ),
        ArticleMeta(
            DOC_BEIJING_THAI,
            DOC_BEIJING_THAI,
            f"articles/{DOC_BEIJING_THAI}",
            "Wang Yi meets Maris",
            None,
            PartialDate(2025, 2),
        ),
        ArticleMeta(
            DOC_MARCH, DOC_MARCH, f"articles/{DOC_MARCH}", "王毅会见宋金达", None, PartialDate(2025, 3)
        ),
    ]
    if not changed:
        documents.append(
            ArticleMeta(
                DOC_PHONE,
                DOC_PHONE,
                f"articles/{DOC_PHONE}",
                "王毅同洪森通電話",
                None,
                PartialDate(2024, 12),
                script="zh-Hant",
            )
        )

    phnom_penh = _meeting(
        actors,
        ["person:wang-yi", "person:sok-chenda-sok"],
        "2024-04-21",
        PHNOM_PENH,
        [
            _source(DOC_PHNOM_PENH, SENTENCE_PHNOM_PENH, 12),
            _source(DOC_PHNOM_PENH_EN, SENTENCE_PHNOM_PENH_EN),
        ],
    )
    beijing = _meeting(
        actors,
        ["person:xi-jinping", "person:hun-sen"],
        "2024-12-03",
        BEIJING,
        [_source(DOC_BEIJING, SENTENCE_BEIJING)],
        kind="meeting",
    )
    phone = _meeting(
        actors,
        ["person:wang-yi", "person:hun-sen"],
        "2024-12",
        BEIJING,
        [_source(DOC_PHONE, SENTENCE_PHONE)],
        mode="phone",
        kind="phone_call",
    )
    bangkok = _meeting(
        actors,
        ["person:wang-xiaohong", "person:maris-sangiampongsa", "person:than-swe"],
        "2025-02-10",
        BANGKOK,
        [_source(DOC_BANGKOK, SENTENCE_BANGKOK)],
        kind="meeting",
    )
    beijing_thai = _meeting(
        actors,
        ["person:wang-yi", "person:maris-sangiampongsa"],
        "2025-02-20",
        BEIJING,
        [_source(DOC_BEIJING_THAI, SENTENCE_BEIJING_THAI)],
    )
    if changed:
        march = _meeting(
            actors,
            ["person:wang-yi", "person:sok-chenda-sok"],
            "2025-03-06",
            PHNOM_PENH,
            [_source(DOC_MARCH, SENTENCE_MARCH_CHANGED)],
            kind="meeting",
        )
    else:
        march = _meeting(
            actors,
            ["person:wang-yi", "person:sok-chenda-sok"],
            "2025-03-05",
            BEIJING,
            [_source(DOC_MARCH, SENTENCE_MARCH)],
            kind="meeting",
        )
    meetings = [phnom_penh, beijing, bangkok, beijing_thai, march]
    if not changed:
        meetings.append(phone)

    agreements = [
        _agreement(
            actors,
            ["country:china", "country:cambodia"],
            ["telecom-fraud", "online-gambling", "human-trafficking"],
            SENTENCE_AGREED,
            "2024-04-21",
            [_source(DOC_PHNOM_PENH, SENTENCE_AGREED, 40)],
            phnom_penh,
        ),
        _agreement(
            actors,
            ["country:china", "country:thailand", "country:myanmar"],
            ["telecom-fraud"],
            SENTENCE_BANGKOK_AGREED,
            "2025-02-10",
            [_source(DOC_BANGKOK, SENTENCE_BANGKOK_AGREED, 30)],
            bangkok,
        ),
        _agreement(
            actors,
            ["country:china", "country:thailand"],
            ["online-gambling", "drugs"],
            SENTENCE_BEIJING_THAI_AGREED,
            "2025-02",
            [_source(DOC_BEIJING_THAI, SENTENCE_BEIJING_THAI_AGREED, 90)],
            beijing_thai,
        ),
    ]
    topics = {
        "telecom-fraud": Topic("telecom-fraud", "telecom fraud", "电信诈骗"),
        "online-gambling": Topic("online-gambling", "online gambling", "网络赌博"),
        "human-trafficking": Topic("human-trafficking", "human trafficking", "人口贩卖"),
        "drugs": Topic("drugs", "drug control", "禁毒"),
    }
    return Corpus(documents=documents, actors=actors, meetings=meetings, agreements=agreements, topics=topics)


def sample_graph(changed: bool = False) -> nx.MultiDiGraph:
    return build_graph(sample_corpus(changed))


def meeting_id(people: list[str], date: str) -> str:
    """The id the sample gives a meeting, for tests that look one up."""
    return f"meeting:{short_hash(*sorted(people), date)}"
