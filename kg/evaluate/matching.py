"""Whether one prediction matches one gold event: names in any script, evidence bigrams, dates."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Sequence
from functools import lru_cache
from pathlib import PurePosixPath
from typing import Any

from kg.evaluate.gold import GoldEvent
from kg.names import to_simplified
from kg.text.pinyin import strip_glued_pinyin

MAX_EXTRA_PARTICIPANTS = 2
MIN_BIGRAM_OVERLAP = 0.5
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


@lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """Simplified Chinese, case-folded, accents, spaces, punctuation and markup (**, quotes) dropped."""
    folded = to_simplified(unicodedata.normalize("NFKC", text)).casefold()
    return "".join(c for c in unicodedata.normalize("NFKD", folded) if unicodedata.category(c)[0] in "LN")


def _actor_names(actor: Any) -> set[str]:
    """Every spelling a predicted actor goes by: name, name_en, aliases, names, and its id."""
    names: list[Any] = [actor]
    if isinstance(actor, dict):
        names = [actor.get("name"), actor.get("name_en"), *(actor.get("aliases") or [])]
        if isinstance(actor.get("names"), dict):
            names.extend(actor["names"].values())
        actor_id = actor.get("id")
        if isinstance(actor_id, str):
            names += [actor_id, actor_id.partition(":")[2]]
    elif not isinstance(actor, str):
        names = list(actor)
    return {normalize(n) for n in names if isinstance(n, str) and normalize(n)}


def _names_match(aliases: Sequence[str], predicted: set[str]) -> bool:
    return any(normalize(a) in predicted for a in aliases)


def _bigrams(text: str) -> set[str]:
    # gold quotes some sentences with the pinyin the site glued in (國務(wù)委員); the extractor strips it
    key = normalize(strip_glued_pinyin(text))
    if len(key) < 2:
        return {key} if key else set()
    return {key[i : i + 2] for i in range(len(key) - 1)}


def evidence_overlap(gold: GoldEvent, prediction: dict[str, Any]) -> float:
    """Best share of a gold sentence's bigrams (evidence or alt_evidence) found in one predicted sentence."""
    predicted = [_bigrams(t) for t in _prediction_sentences(prediction)]
    best = 0.0
    for sentence in (gold.evidence, *gold.alt_evidence):
        wanted = _bigrams(sentence)
        if wanted:
            best = max([best, *(len(wanted & p) / len(wanted) for p in predicted)])
    return best


def _prediction_sentences(prediction: dict[str, Any]) -> list[str]:
    sentences = [prediction.get("evidence")]
    sentences += [s.get("sentence") for s in prediction.get("sources") or [] if isinstance(s, dict)]
    return [s for s in sentences if isinstance(s, str) and s]


def date_agrees(gold: str | None, predicted: str | None) -> bool:
    """A predicted date agrees when it has every part gold fixes (gold 2021 accepts 2021-08-28)."""
    if gold is None:
        return True
    want, got = _DATE.match(gold), _DATE.match(predicted or "")
    if want is None or got is None:
        return False
    return all(w is None or w == g for w, g in zip(want.groups(), got.groups(), strict=True))


# --- matching one gold event with one prediction ----------------------------------------------


def _predicted_actors(prediction: dict[str, Any], key: str) -> list[set[str]]:
    return [_actor_names(a) for a in prediction.get(key) or []]


def _meeting_fit(gold: GoldEvent, prediction: dict[str, Any]) -> tuple[list[list[str]], int]:
    """Gold participants not found, and how many predicted principals gold does not name."""
    principals = _predicted_actors(prediction, "participants")
    present = principals + _predicted_actors(prediction, "attendees")
    missing = [g for g in gold.participants if not any(_names_match(g, p) for p in present)]
    extra = sum(1 for p in principals if not any(_names_match(g, p) for g in gold.participants))
    return missing, extra


def _party_agrees(gold: GoldEvent, prediction: dict[str, Any]) -> bool:
    if not gold.parties:
        return True
    accepted = gold.parties + gold.sides
    return any(_names_match(g, p) for p in _predicted_actors(prediction, "parties") for g in accepted)


def same_kind_and_doc(gold: GoldEvent, prediction: dict[str, Any]) -> bool:
    """Gold `doc` values are resolved to article names (resolve_doc) before they are compared."""
    return prediction.get("kind") == gold.type and prediction.get("doc") == gold.doc


def match_score(gold: GoldEvent, prediction: dict[str, Any]) -> float | None:
    """How well a prediction fits a gold event (higher is better), or None when it does not match."""
    if not same_kind_and_doc(gold, prediction):
        return None
    overlap = evidence_overlap(gold, prediction)
    date_bonus = 1.0 if date_agrees(gold.date, prediction.get("date")) else 0.0
    if gold.type == "meeting":
        missing, extra = _meeting_fit(gold, prediction)
        if missing or extra > MAX_EXTRA_PARTICIPANTS:
            return None
        return 2.0 + date_bonus + overlap - 0.1 * extra
    if overlap < MIN_BIGRAM_OVERLAP or not _party_agrees(gold, prediction):
        return None
    return 2.0 + overlap + 0.5 * date_bonus


def why_not(gold: GoldEvent, prediction: dict[str, Any]) -> str:
    """Why a prediction is not a match for a gold event, in words a person can act on."""
    if not same_kind_and_doc(gold, prediction):
        return "another kind of event or another document"
    if gold.type == "meeting":
        missing, extra = _meeting_fit(gold, prediction)
        reasons = [f"missing {' / '.join(m[:2])}" for m in missing]
        if extra > MAX_EXTRA_PARTICIPANTS:
            reasons.append(f"{extra} extra participants")
        return "; ".join(reasons) or "matches"
    overlap = evidence_overlap(gold, prediction)
    reasons = []
    if overlap < MIN_BIGRAM_OVERLAP:
        reasons.append(f"evidence overlap {overlap:.0%} < {MIN_BIGRAM_OVERLAP:.0%}")
    if not _party_agrees(gold, prediction):
        reasons.append("no party in common")
    return "; ".join(reasons) or "matches"


def resolve_doc(doc: str, names: Collection[str]) -> str:
    """The article name a gold `doc` stands for: itself when an article has that name, else the one
    article whose path ends with it, or which it ends with (gold "x.txt" for the article "news/x.txt"),
    compared folder by folder; `doc` unchanged when no article or several fit."""
    if doc in names:
        return doc
    wanted = PurePosixPath(doc).parts
    fits = [name for name in names if _one_ends_the_other(PurePosixPath(name).parts, wanted)]
    return fits[0] if len(fits) == 1 else doc


def _one_ends_the_other(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    shorter = min(len(a), len(b))
    return shorter > 0 and a[-shorter:] == b[-shorter:]


def closest(gold: GoldEvent, candidates: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The same-document prediction of the same kind a person would compare a missed event with."""

    def closeness(p: dict[str, Any]) -> tuple[float, float]:
        found = -len(_meeting_fit(gold, p)[0]) if gold.type == "meeting" else float(_party_agrees(gold, p))
        return found, evidence_overlap(gold, p)

    return max(candidates, key=closeness, default=None)
