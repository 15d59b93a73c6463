"""A synthetic corpus whose articles differ in their events, for the benchmarks.

Each article is one of the example articles (so its size and style are a real article's) with
its people, countries, places, topics and dates exchanged for others drawn from the project's
own dictionaries. The draws are skewed (a few people and days come up often, most rarely), so
some events recur across articles and merge, as in a real corpus, and most do not.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from pathlib import Path

import yaml

from kg.actors import ActorDictionary
from kg.places import Gazetteer
from kg.resources import data_dir

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "articles"

_DATE = re.compile(r"(\d{1,2})月(\d{1,2})日")
_YEAR = re.compile(r"(20\d\d)(年|-)")


class _Pool:
    """Names of one kind in three scripts; `draw` favours the first ones (a Zipf-like skew)."""

    def __init__(self, names: list[tuple[str, str, str]]) -> None:
        self.names = names
        self.weights = [1 / (rank + 1) for rank in range(len(names))]

    def draw(self, rng: random.Random) -> tuple[str, str, str]:
        return rng.choices(self.names, self.weights)[0]

    def forms(self) -> dict[str, tuple[int, str]]:
        """Each surface form -> its script (0 simplified, 1 traditional, 2 English) and the
        English name that stands for the whole triple."""
        out: dict[str, tuple[int, str]] = {}
        for triple in self.names:
            for script, form in enumerate(triple):
                if len(form) >= 2:
                    out.setdefault(form, (script, triple[2]))
        return out


def _pools() -> dict[str, _Pool]:
    actors = ActorDictionary.load()
    people = [
        (a.name_zh_hans, a.name_zh_hant or a.name_zh_hans, a.name_en)
        for a in actors.by_kind("Person")
        if a.name_zh_hans and a.name_en
    ]
    countries = [
        (a.name_zh_hans, a.name_zh_hant or a.name_zh_hans, a.name_en)
        for a in actors.by_kind("Country")
        if a.name_zh_hans and a.name_en and a.id != "country:china" and len(a.name_zh_hans) >= 2
    ]
    places = [
        (p.name_zh, p.name_zh_hant, p.name_en)
        for p in Gazetteer.load().places.values()
        if p.name_zh and p.name_en and len(p.name_zh) >= 2
    ]
    topics = yaml.safe_load((data_dir() / "topics.yaml").read_text(encoding="utf-8"))
    labels = [(e["zh"], e["zh"], e["en"]) for e in topics.values()]
    rng = random.Random(0)
    for pool in (people, countries, places, labels):
        rng.shuffle(pool)  # which names are frequent is arbitrary, but fixed
    pools = {"person": people, "country": countries, "place": places, "topic": labels}
    return {kind: _Pool(names) for kind, names in pools.items()}


class _Seed:
    """One example article and the names in it that can be exchanged."""

    def __init__(self, text: str, forms: dict[str, tuple[str, int, str]]) -> None:
        self.text = text
        present = sorted((f for f in forms if f in text), key=len, reverse=True)
        self.forms = {f: forms[f] for f in present}
        self.pattern = re.compile("|".join(map(re.escape, present))) if present else None


def _rewrite(seed: _Seed, pools: dict[str, _Pool], rng: random.Random) -> str:
    chosen: dict[str, tuple[str, str, str]] = {}

    # The same original name becomes the same new name throughout the article, in its own script.
    def swap(m: re.Match[str]) -> str:
        kind, script, canonical = seed.forms[m.group(0)]
        key = f"{kind}:{canonical}"
        if key not in chosen:
            chosen[key] = pools[kind].draw(rng)
        return chosen[key][script]

    text = seed.pattern.sub(swap, seed.text) if seed.pattern else seed.text
    return _redate(text, rng)


def _redate(text: str, rng: random.Random) -> str:
    year = str(rng.choice([2023, 2024, 2024, 2025, 2025, 2025]))
    days: dict[str, tuple[int, int]] = {}

    def month_day(m: re.Match[str]) -> str:
        if m.group(0) not in days:
            days[m.group(0)] = (rng.randint(1, 12), min(28, int(rng.paretovariate(1.2))))
        month, day = days[m.group(0)]
        return f"{month}月{day}日"

    return _YEAR.sub(lambda m: year + m.group(2), _DATE.sub(month_day, text))


def corpus_writer(seed: int = 7) -> Callable[[Path, int], int]:
    """A function writing article number i under a folder (its size in bytes back): the same
    i gives the same article, so a benchmark can add or change articles of a corpus it wrote."""
    pools = _pools()
    forms: dict[str, tuple[str, int, str]] = {}
    for kind, pool in pools.items():
        for form, (script, canonical) in pool.forms().items():
            forms.setdefault(form, (kind, script, canonical))
    sources = sorted(EXAMPLES.iterdir())
    seeds = [_Seed(p.read_bytes().decode("utf-8", errors="replace"), forms) for p in sources]

    def write(folder: Path, i: int) -> int:
        rng = random.Random(seed * 1_000_003 + i)
        k = i % len(seeds)
        data = _rewrite(seeds[k], pools, rng).encode("utf-8")
        (folder / f"{i:06d}_{sources[k].stem}.txt").write_bytes(data)
        return len(data)

    return write


def make_corpus(folder: Path, count: int, seed: int = 7) -> int:
    """Write `count` articles under `folder`; their total size in bytes."""
    write = corpus_writer(seed)
    return sum(write(folder, i) for i in range(count))
