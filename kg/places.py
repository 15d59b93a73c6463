"""The gazetteer: capitals, cities, border towns and meeting venues named in diplomatic news."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import yaml

from kg.names import NameMatcher, is_cjk, name_key, scripts_of, to_simplified, to_traditional
from kg.resources import data_dir


@dataclass(frozen=True)
class Place:
    id: str
    name_zh: str
    """Simplified Chinese."""
    name_zh_hant: str
    name_en: str
    aliases: tuple[str, ...]
    country: str | None
    """Actor id of the country the place is in (None where that is disputed)."""


@dataclass(frozen=True)
class PlaceHit:
    start: int
    end: int
    surface: str
    place_id: str
    name_en: str | None
    name_zh: str | None


class Gazetteer:
    def __init__(self, places: dict[str, Place]) -> None:
        self.places = places
        self._by_key: dict[str, str] = {}
        self._matcher: NameMatcher[str] = NameMatcher()
        for place in places.values():
            for form in (place.name_zh, place.name_zh_hant, place.name_en, *place.aliases):
                bare = form.replace("[", "").replace("]", "")
                if "[" not in form:
                    self._by_key.setdefault(name_key(bare), place.id)
                for variant in scripts_of(form):
                    cased = not is_cjk(variant) and variant[:1].isupper()
                    self._matcher.add(variant, place.id, cased=cased)
        self._matcher.build()

    @classmethod
    def load(cls) -> Gazetteer:
        return _load()

    def lookup(self, name: str) -> Place | None:
        """The place a name denotes, in any script or case."""
        if name.strip() in self.places:
            return self.places[name.strip()]
        place_id = self._by_key.get(name_key(name))
        return self.places[place_id] if place_id else None

    def find(self, simplified_text: str) -> list[PlaceHit]:
        """Longest non-overlapping place names in a simplified-Chinese/English text."""
        hits = []
        for start, end, place_id in self._matcher.longest(simplified_text):
            place = self.places[place_id]
            surface = simplified_text[start:end]
            hits.append(PlaceHit(start, end, surface, place_id, place.name_en, place.name_zh))
        return hits


@cache
def _load() -> Gazetteer:
    raw = yaml.load((data_dir() / "places.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    places: dict[str, Place] = {}
    for item in raw["places"]:
        zh = str(item["zh"])
        hant = str(item.get("hant") or to_traditional(zh))
        converted = to_traditional(zh)
        own_spelling = to_simplified(hant) != zh
        aliases = tuple(str(a) for a in item.get("aliases", ())) + ((converted,) if own_spelling else ())
        if item["id"] in places:
            raise ValueError(f"places.yaml: place id {item['id']} defined twice")
        places[item["id"]] = Place(item["id"], zh, hant, str(item["en"]), aliases, item.get("country"))
    return Gazetteer(places)
