"""The gazetteer: capitals, cities and venues in every script, found exactly in text."""

from __future__ import annotations

import pytest

from kg.actors import ActorDictionary
from kg.names import to_simplified
from kg.places import Gazetteer


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def _found(gazetteer: Gazetteer, text: str) -> list[tuple[str, str]]:
    return [(h.surface, h.place_id) for h in gazetteer.find(to_simplified(text))]


@pytest.mark.parametrize(
    ("names", "place_id"),
    [
        (["金边", "金邊", "Phnom Penh", "phnom penh"], "place:phnom-penh"),
        (["北京", "Beijing", "Peking"], "place:beijing"),
        (["内比都", "內比都", "Naypyidaw", "Nay Pyi Taw"], "place:naypyidaw"),
        (["万象", "萬象", "永珍", "Vientiane"], "place:vientiane"),
        (["钓鱼台国宾馆", "釣魚臺國賓館", "Diaoyutai State Guesthouse"], "place:diaoyutai-state-guesthouse"),
        (["人民大会堂", "人民大會堂", "Great Hall of the People"], "place:great-hall-of-the-people"),
        (["首尔", "首爾", "Seoul"], "place:seoul"),
        (["帕比", "Pabbi"], "place:pabbi"),
    ],
)
def test_every_spelling_of_a_place_resolves_to_one_id(gazetteer, names, place_id):
    assert {p.id if (p := gazetteer.lookup(n)) else None for n in names} == {place_id}


def test_places_have_names_in_every_script_and_known_countries(gazetteer):
    dictionary = ActorDictionary.load()
    assert len(gazetteer.places) >= 120
    without_country = set()
    for place in gazetteer.places.values():
        assert place.name_en and place.name_zh and place.name_zh_hant, place.id
        assert place.id.startswith("place:")
        if place.country is None:
            without_country.add(place.id)
        else:
            assert dictionary.actors[place.country].type == "Country", place.id
    assert without_country == {"place:taiwan", "place:taipei", "place:jerusalem"}


def test_places_in_a_seed_sentence(gazetteer):
    text = "12月3日,中共中央總書記、國家主席習近平在北京釣魚臺國賓館同柬埔寨人民黨主席洪森舉行會談。"
    hits = gazetteer.find(to_simplified(text))
    assert [(h.surface, h.place_id, h.name_en) for h in hits] == [
        ("北京", "place:beijing", "Beijing"),
        ("钓鱼台国宾馆", "place:diaoyutai-state-guesthouse", "Diaoyutai State Guesthouse"),
    ]
    # Offsets index the original text too: evidence keeps the article's own script.
    assert [text[h.start : h.end] for h in hits] == ["北京", "釣魚臺國賓館"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("王毅星期天在金边同宋金达举行会谈", [("金边", "place:phnom-penh")]),
        ("他在京会见了来访的客人", [("京", "place:beijing")]),
        ("京津冀协同发展", []),
        ("在梅地亚中心新闻发布厅举行记者会", [("梅地亚中心新闻发布厅", "place:media-center-hotel")]),
        ("Xi met Hun Sen at the Diaoyutai State Guesthouse in Beijing.",
         [("Diaoyutai State Guesthouse", "place:diaoyutai-state-guesthouse"), ("Beijing", "place:beijing")]),
        ("talks in Washington, D.C. on Monday", [("Washington, D.C.", "place:washington")]),
        ("a washington apple", []),
        ("在寮國永珍", [("永珍", "place:vientiane")]),
    ],
)
def test_place_names_in_text(gazetteer, text, expected):
    assert _found(gazetteer, text) == expected
