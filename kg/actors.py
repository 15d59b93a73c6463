"""The actor dictionary: countries, organizations and officials, matched fast and exactly.

Countries come from CLDR (babel) in English, simplified, Taiwan and Hong Kong traditional Chinese,
completed by hand data (short forms, side forms like 柬方, adjectives, compounds like 中柬);
organizations and officials are hand data in kg/data/actors/*.yaml. All names go into one
Aho-Corasick automaton, so finding them costs one pass over a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

import yaml
from babel import Locale

from kg.ids import slug
from kg.names import (
    NameMatcher,
    is_cjk,
    lower_same_length,
    name_key,
    scripts_of,
    to_simplified,
    to_traditional,
)
from kg.records import ActorType
from kg.resources import data_dir

HitKind = Literal["name", "short", "side", "adjective", "abbrev", "context_only"]
Title = tuple[str, str, int | None]

# Which reading of a name wins in `lookup` when one form is two kinds of the same actor.
_PRIORITY: dict[str, int] = {"name": 0, "side": 1, "adjective": 2, "short": 3, "context_only": 4}
_CLDR_LOCALES = ("en", "zh_Hans", "zh_Hant", "zh_Hant_HK")
_ACRONYM = re.compile(r"^[A-Z0-9.\-&]{2,8}$")


@dataclass(frozen=True)
class DictActor:
    id: str
    type: ActorType
    name_zh_hans: str | None
    name_zh_hant: str | None
    name_en: str | None
    aliases: tuple[str, ...] = ()
    short_aliases: tuple[str, ...] = ()
    country: str | None = None
    """Actor id of the country a person or organization belongs to; None for countries and world bodies."""
    titles: tuple[Title, ...] = ()
    """(title in Chinese, title in English, year it was held) as public records state it."""
    context_only_aliases: tuple[str, ...] = ()
    """Names too short to match anywhere (泰国外长敦): the extractor accepts them only in context."""
    side_forms: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()

    def forms(self) -> list[tuple[str, HitKind]]:
        names = [n for n in (self.name_zh_hans, self.name_zh_hant, self.name_en) if n]
        out: list[tuple[str, HitKind]] = [(n, "name") for n in (*names, *self.aliases)]
        out += [(n, "short") for n in self.short_aliases]
        out += [(n, "side") for n in self.side_forms]
        out += [(n, "adjective") for n in self.adjectives]
        out += [(n, "context_only") for n in self.context_only_aliases]
        return out


@dataclass(frozen=True)
class NameHit:
    start: int
    end: int
    surface: str
    actor_id: str
    kind: HitKind


@dataclass(frozen=True)
class _Abbreviation:
    """One country's one- or two-character form inside compounds (中柬, 中老泰, 俄乌)."""

    unit: str
    actor_id: str
    standalone: bool
    """Also a name on its own (柬最信任的朋友), outside compounds."""
    alternatives: tuple[tuple[str, frozenset[str]], ...]
    """(actor id, units): that reading when the compound also holds one of the units (中吉乌)."""


class ActorDictionary:
    """Every known actor, its names in every script, and a matcher over simplified-Chinese/English text."""

    def __init__(self, actors: dict[str, DictActor], abbreviations: dict[str, Any], titles: dict[str, Any],
                 declared_ambiguous: dict[str, str]) -> None:
        self.actors = actors
        self.ambiguous: dict[str, tuple[str, ...]] = {}
        """Forms two actors share (key -> actor ids, the one chosen first); see ambiguous.yaml."""
        self._declared = {name_key(k): v for k, v in declared_ambiguous.items()}
        self._by_key: dict[str, tuple[str, HitKind]] = {}
        self._matcher: NameMatcher[tuple[str, HitKind]] = NameMatcher()
        blocked = abbreviations.get("blocked_contexts", [])
        for actor in actors.values():
            for form, kind in actor.forms():
                self._add(form, actor.id, kind)
        for ctx in blocked:
            self._matcher.block_context(ctx)
        self._matcher.build()
        self._abbrev = {
            unit: _Abbreviation(
                unit, spec if isinstance(spec, str) else spec["id"],
                unit in abbreviations.get("standalone", []),
                tuple((aid, frozenset(units)) for aid, units in
                      ({} if isinstance(spec, str) else spec.get("with", {})).items()),
            )
            for unit, spec in abbreviations["units"].items()
        }
        units = sorted(self._abbrev, key=len, reverse=True)
        self._unit = re.compile("|".join(re.escape(u) for u in units))
        # The lookahead on a unit's first character lets the scan skip the text between runs
        # (3x faster over a whole article than trying the alternation at every position).
        first = "".join(sorted({u[0] for u in units}))
        self._run = re.compile(f"(?=[{re.escape(first)}])(?:{self._unit.pattern})+")
        self._after = _alternation(abbreviations["context_after"], anchored="start")
        self._before = _alternation(abbreviations["context_before"], anchored="end")
        self._word_before = frozenset(abbreviations["words_ending_in_unit"])
        self._ordinary = frozenset(abbreviations["ordinary_words"])
        self._side_not_before = frozenset(abbreviations["side_form_not_followed_by"])
        self._titles = _title_vocabulary(titles, actors.values())

    # -- building -------------------------------------------------------------------------------

    def _add(self, form: str, actor_id: str, kind: HitKind) -> None:
        key = name_key(form)
        if not key:
            return
        current = self._by_key.get(key)
        if current is not None and current[0] != actor_id:
            ids = self.ambiguous.get(key, (current[0],))
            self.ambiguous[key] = (*ids, actor_id) if actor_id not in ids else ids
            winner = self._declared.get(key)
            if winner != actor_id:
                return
        if current is not None and current[0] == actor_id and _PRIORITY[current[1]] <= _PRIORITY[kind]:
            return
        self._by_key[key] = (actor_id, kind)
        for variant in scripts_of(form):
            cased = not is_cjk(variant) and variant[:1].isupper()
            exact = not is_cjk(variant) and _ACRONYM.match(variant) is not None
            self._matcher.add(variant, (actor_id, kind), cased=cased, exact=exact, replace=True)

    @classmethod
    def load(cls) -> ActorDictionary:
        return _load()

    # -- queries --------------------------------------------------------------------------------

    def lookup(self, name: str) -> DictActor | None:
        """The actor a name denotes, in any script or case, side form (柬方) or adjective (Cambodian)."""
        if name.strip() in self.actors:
            return self.actors[name.strip()]
        key = name_key(name)
        candidates = [key]
        if not is_cjk(key):
            candidates += [re.sub(r"'s?$", "", key), re.sub(r"^the ", "", key)]
        for candidate in candidates:
            found = self._by_key.get(candidate)
            if found is not None:
                return self.actors[found[0]]
        abbrev = self._abbrev.get(key)
        return self.actors.get(abbrev.actor_id) if abbrev else None

    def find(self, simplified_text: str) -> list[NameHit]:
        """Longest non-overlapping actor names in a sentence, then country compounds (中柬) in the gaps."""
        text = simplified_text
        hits: list[NameHit] = []
        for start, end, (actor_id, kind) in self._matcher.longest(text, lower_same_length(text)):
            if kind == "side" and not self._side_form_ok(text, start, end):
                continue
            hits.append(NameHit(start, end, text[start:end], actor_id, kind))
        hits += self._compounds(text, hits)
        hits.sort(key=lambda h: h.start)
        return hits

    def explain(self, name: str) -> list[tuple[DictActor, str]]:
        """How a name resolves: the actor it names, or else the actors named inside it (中柬 -> two)."""
        actor = self.lookup(name)
        if actor is not None:
            return [(actor, "lookup")]
        found: dict[str, tuple[DictActor, str]] = {}
        simplified = to_simplified(name.strip())
        if self._run.fullmatch(simplified):
            units = [u.group() for u in self._unit.finditer(simplified)]
            for unit in units:
                actor_id = self._reading(unit, set(units))
                found.setdefault(actor_id, (self.actors[actor_id], f"abbrev: {unit}"))
            return list(found.values())
        for hit in self.find(simplified):
            found.setdefault(hit.actor_id, (self.actors[hit.actor_id], f"{hit.kind}: {hit.surface}"))
        return list(found.values())

    def country_of_abbrev(self, ch: str) -> str | None:
        abbrev = self._abbrev.get(ch)
        return abbrev.actor_id if abbrev else None

    def title_vocabulary(self) -> list[str]:
        return self._titles

    def by_kind(self, actor_type: ActorType) -> list[DictActor]:
        return [a for a in self.actors.values() if a.type == actor_type]

    # -- compounds and side forms ----------------------------------------------------------------

    def _side_form_ok(self, text: str, start: int, end: int) -> bool:
        """柬方 is a side, but 新方法 is a new method and 道德方面 is about morals."""
        if end < len(text) and text[end - 1] == "方" and text[end] in self._side_not_before:
            return False
        return start == 0 or text[start - 1 : start + 1] not in self._word_before

    def _compounds(self, text: str, taken: list[NameHit]) -> list[NameHit]:
        covered = bytearray(len(text))
        for h in taken:
            covered[h.start : h.end] = b"\x01" * (h.end - h.start)
        out: list[NameHit] = []
        for run in self._run.finditer(text):
            lone = self._abbrev.get(run.group())
            if lone is not None and not lone.standalone:
                continue  # one abbreviation character alone (中, 美) is no name unless it may stand alone
            group: list[re.Match[str]] = []
            for unit in self._unit.finditer(text, run.start(), run.end()):
                if any(covered[unit.start() : unit.end()]):
                    out += self._compound(text, group)
                    group = []
                else:
                    group.append(unit)
            out += self._compound(text, group)
        return out

    def _compound(self, text: str, units: list[re.Match[str]]) -> list[NameHit]:
        if not units:
            return []
        alone = len(units) == 1
        first = units[0]
        if first.start() > 0 and text[first.start() - 1] + first.group() in self._word_before:
            units = units[1:]  # 其中美俄关系: 中 belongs to 其中
        if alone:
            return self._standalone(text, first) if units else []
        names = [u.group() for u in units]
        if not 2 <= len(units) <= 4 or len(set(names)) < len(names) or "".join(names) in self._ordinary:
            return []
        start, end = units[0].start(), units[-1].end()
        if not (self._after.match(text, end) or self._before.search(text, max(0, start - 8), start)):
            return []
        readings = [self._reading(u.group(), set(names)) for u in units]
        pairs = zip(units, readings, strict=True)
        return [NameHit(u.start(), u.end(), u.group(), r, "abbrev") for u, r in pairs]

    def _standalone(self, text: str, unit: re.Match[str]) -> list[NameHit]:
        abbrev = self._abbrev[unit.group()]
        if not abbrev.standalone:
            return []
        if self._matcher.is_blocked(text, unit.start()):
            return []
        return [NameHit(unit.start(), unit.end(), unit.group(), abbrev.actor_id, "abbrev")]

    def _reading(self, unit: str, units_in_compound: set[str]) -> str:
        abbrev = self._abbrev[unit]
        for actor_id, with_units in abbrev.alternatives:
            if with_units & units_in_compound:
                return actor_id
        return abbrev.actor_id


def _alternation(words: list[str], *, anchored: Literal["start", "end"]) -> re.Pattern[str]:
    body = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(f"(?:{body})" if anchored == "start" else f"(?:{body})$")


def _title_vocabulary(titles: dict[str, Any], actors: Any) -> list[str]:
    vocab = {*titles["zh"], *titles["en"]}
    for actor in actors:
        for zh, en, _ in actor.titles:
            vocab.update(t for t in (zh, en) if t and not re.search(r"[、，,()（）]", t))
    return sorted(vocab, key=lambda t: (-len(t), t))


# -- loading -------------------------------------------------------------------------------------


def _read(name: str) -> Any:
    return yaml.load((data_dir() / "actors" / name).read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def _tuple(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in (value or ()))


def _titles(raw: Any) -> tuple[Title, ...]:
    return tuple((str(t[0]), str(t[1]), int(t[2]) if len(t) > 2 and t[2] else None) for t in raw or ())


def _entry(raw: dict[str, Any], actor_type: ActorType) -> DictActor:
    zh = raw.get("zh")
    converted = to_traditional(zh) if zh else None
    hant = raw.get("hant") or converted
    # Where Taiwan spells a name its own way (川普), the converted mainland form (特朗普) still counts;
    # where hant only corrects the conversion (朴振, not 樸振), the conversion is no name.
    own_spelling = hant is not None and zh is not None and to_simplified(hant) != zh
    extra = (converted,) if converted and own_spelling else ()
    return DictActor(
        id=raw["id"],
        type=actor_type,
        name_zh_hans=zh,
        name_zh_hant=hant,
        name_en=raw["en"],
        aliases=(*_tuple(raw.get("aliases")), *extra),
        short_aliases=_tuple(raw.get("short")),
        country=raw.get("country"),
        titles=_titles(raw.get("titles")),
        context_only_aliases=_tuple(raw.get("context_only")),
        side_forms=_tuple(raw.get("side")),
        adjectives=_tuple(raw.get("adjectives")),
    )


def _countries(hand: dict[str, Any]) -> list[DictActor]:
    """Every CLDR territory that is a country or dependency, with the hand data merged in."""
    names = {loc: Locale.parse(loc).territories for loc in _CLDR_LOCALES}
    skip = set(hand["not_countries"])
    out = []
    for code, english in names["en"].items():
        if len(code) != 2 or not code.isalpha() or code in skip:
            continue
        extra: dict[str, Any] = hand["countries"].get(code, {})
        # "Myanmar (Burma)" is two names; "Cocos (Keeling) Islands" is one.
        parts = re.fullmatch(r"(.+) \(([^()]+)\)", str(english))
        short_en, variant = (parts.group(1), parts.group(2)) if parts else (str(english), None)
        en = str(extra.get("en", short_en))
        zh_hans, zh_hant, zh_hk = (names[loc].get(code) for loc in _CLDR_LOCALES[1:])
        aliases = [n for n in (english, short_en, variant, zh_hk) if n and n not in (en, zh_hant)]
        out.append(DictActor(
            id=extra.get("id", f"country:{slug(en)}"),
            type="Country",
            name_zh_hans=zh_hans,
            name_zh_hant=zh_hant,
            name_en=en,
            aliases=(*dict.fromkeys(aliases), *_tuple(extra.get("aliases"))),
            short_aliases=_tuple(extra.get("short")),
            side_forms=_tuple(extra.get("side")),
            adjectives=_tuple(extra.get("adjectives")),
            context_only_aliases=_tuple(extra.get("context_only")),
        ))
    return out


@cache
def _load() -> ActorDictionary:
    actors: dict[str, DictActor] = {}
    for actor in _countries(_read("countries.yaml")):
        actors[actor.id] = actor
    for path in sorted((data_dir() / "actors").glob("*.yaml")):
        raw = _read(path.name)
        if not isinstance(raw, dict) or "actors" not in raw:
            continue
        for item in raw["actors"]:
            actor = _entry(item, raw.get("type", item.get("type")))
            if actor.id in actors:
                raise ValueError(f"{path.name}: actor id {actor.id} defined twice")
            actors[actor.id] = actor
    return ActorDictionary(actors, _read("abbreviations.yaml"), _read("titles.yaml"), _read("ambiguous.yaml"))


def actor_display(actor: DictActor) -> str:
    return actor.name_en or actor.name_zh_hans or actor.id
