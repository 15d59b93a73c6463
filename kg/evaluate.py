"""Score extracted events against gold events (`kg eval`), with the matching rules of DESIGN.md.

A meeting matches when every gold participant is among the predicted ones, with at most two extra
predicted participants. An agreement matches when its evidence covers at least half of the gold
sentence's character bigrams and, where gold names parties, a predicted party is one of them (or one
of the `sides`). Both must come from the same document; each gold event and each prediction is used
at most once. Predictions matching a borderline event are neither rewarded nor penalised.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path, PurePath
from typing import Any

import networkx as nx

from kg.names import to_simplified
from kg.text.pinyin import strip_glued_pinyin

KINDS = ("meeting", "agreement")
MAX_EXTRA_PARTICIPANTS = 2
MIN_BIGRAM_OVERLAP = 0.5
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
_GOLD_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class GoldFormatError(ValueError):
    """A gold file line that cannot be read; the message names the file and the line."""


@dataclass(frozen=True)
class GoldEvent:
    doc: str
    type: str
    evidence: str
    participants: list[list[str]] = field(default_factory=list)
    parties: list[list[str]] = field(default_factory=list)
    date: str | None = None
    place: list[str] | None = None
    mode: str | None = None
    topics: list[str] = field(default_factory=list)
    summary: str | None = None
    alt_evidence: list[str] = field(default_factory=list)
    sides: list[list[str]] = field(default_factory=list)
    note: str | None = None

    @property
    def actors(self) -> list[list[str]]:
        return self.participants if self.type == "meeting" else self.parties


def _alias_lists(value: Any, what: str) -> list[list[str]]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError(f"{what} must be a list of alias lists")
    lists = [[item] if isinstance(item, str) else item for item in value]
    if not all(isinstance(a, list) and a and all(isinstance(s, str) for s in a) for a in lists):
        raise ValueError(f"{what} must be a list of non-empty lists of names")
    return lists


def _gold_event(data: Any) -> GoldEvent:
    if not isinstance(data, dict):
        raise ValueError("expected a JSON object")
    for key in ("doc", "type", "evidence"):
        if not isinstance(data.get(key), str) or not data[key]:
            raise ValueError(f"missing or empty {key!r}")
    if data["type"] not in KINDS:
        raise ValueError(f"type must be meeting or agreement, not {data['type']!r}")
    date = data.get("date")
    if date is not None and not (isinstance(date, str) and _GOLD_DATE.match(date)):
        raise ValueError(f"date must be YYYY, YYYY-MM, YYYY-MM-DD or null, not {date!r}")
    alt = data.get("alt_evidence") or []
    if not (isinstance(alt, list) and all(isinstance(s, str) for s in alt)):
        raise ValueError("alt_evidence must be a list of sentences")
    return GoldEvent(
        doc=data["doc"],
        type=data["type"],
        evidence=data["evidence"],
        participants=_alias_lists(data.get("participants"), "participants"),
        parties=_alias_lists(data.get("parties"), "parties"),
        date=date,
        place=data.get("place"),
        mode=data.get("mode"),
        topics=list(data.get("topics") or []),
        summary=data.get("summary"),
        alt_evidence=list(alt),
        sides=_alias_lists(data.get("sides"), "sides"),
        note=data.get("note"),
    )


def read_gold(path: Path) -> list[GoldEvent]:
    """Gold events from a JSON Lines file; a bad line raises GoldFormatError naming file:line."""
    events = []
    with Path(path).open(encoding="utf-8-sig") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                events.append(_gold_event(json.loads(line)))
            except json.JSONDecodeError as exc:
                raise GoldFormatError(f"{path}:{number}: invalid JSON: {exc.msg}") from exc
            except ValueError as exc:
                raise GoldFormatError(f"{path}:{number}: {exc}") from exc
    return events


# --- comparing names, texts and dates ---------------------------------------------------------


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


def match_score(gold: GoldEvent, prediction: dict[str, Any]) -> float | None:
    """How well a prediction fits a gold event (higher is better), or None when it does not match."""
    if prediction.get("kind") != gold.type or _doc_name(prediction.get("doc")) != _doc_name(gold.doc):
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
    if prediction.get("kind") != gold.type or _doc_name(prediction.get("doc")) != _doc_name(gold.doc):
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


def _doc_name(doc: Any) -> str:
    return PurePath(str(doc or "")).name


# --- the report --------------------------------------------------------------------------------


@dataclass
class KindScore:
    kind: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    neutral: int = 0
    """Predictions matching a borderline event: neither true nor false positives."""

    @property
    def precision(self) -> float:
        found = self.tp + self.fp
        return self.tp / found if found else float(self.fn == 0)

    @property
    def recall(self) -> float:
        wanted = self.tp + self.fn
        return self.tp / wanted if wanted else float(self.fp == 0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass(frozen=True)
class Miss:
    gold: GoldEvent
    closest: dict[str, Any] | None
    reason: str


@dataclass(frozen=True)
class WrongDate:
    gold: GoldEvent
    prediction: dict[str, Any]


@dataclass
class EvalReport:
    meeting: KindScore = field(default_factory=lambda: KindScore("meeting"))
    agreement: KindScore = field(default_factory=lambda: KindScore("agreement"))
    dates_right: int = 0
    dates_total: int = 0
    misses: list[Miss] = field(default_factory=list)
    false_alarms: list[dict[str, Any]] = field(default_factory=list)
    wrong_dates: list[WrongDate] = field(default_factory=list)

    @property
    def overall(self) -> KindScore:
        m, a = self.meeting, self.agreement
        return KindScore("overall", m.tp + a.tp, m.fp + a.fp, m.fn + a.fn, m.neutral + a.neutral)

    @property
    def date_accuracy(self) -> float | None:
        """Share of matched meetings whose date agrees with gold; None when no meeting matched."""
        return self.dates_right / self.dates_total if self.dates_total else None

    def score(self, kind: str) -> KindScore:
        return self.meeting if kind == "meeting" else self.agreement

    def to_dict(self) -> dict[str, Any]:
        return {
            "meeting": self.meeting.to_dict(),
            "agreement": self.agreement.to_dict(),
            "overall": self.overall.to_dict(),
            "date_accuracy": self.date_accuracy,
            "dates_right": self.dates_right,
            "dates_total": self.dates_total,
            "misses": [{**asdict(m.gold), "closest": m.closest, "reason": m.reason} for m in self.misses],
            "false_alarms": self.false_alarms,
            "wrong_dates": [{"gold": asdict(w.gold), "prediction": w.prediction} for w in self.wrong_dates],
        }


def _pairs(gold: Sequence[GoldEvent], predictions: Sequence[dict[str, Any]], same: _Index) -> dict[int, int]:
    """One-to-one matching, gold index -> prediction index: as many matches as possible, best fits first."""
    graph = nx.Graph()
    for g, event in enumerate(gold):
        for p in same[event.type, _doc_name(event.doc)]:
            score = match_score(event, predictions[p])
            if score is not None:
                graph.add_edge(("gold", g), ("pred", p), weight=score)
    pairs = {}
    for a, b in nx.max_weight_matching(graph, maxcardinality=True):
        (_, g), (_, p) = (a, b) if a[0] == "gold" else (b, a)
        pairs[g] = p
    return pairs


def _closest(gold: GoldEvent, candidates: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The same-document prediction of the same kind a person would compare a missed event with."""

    def closeness(p: dict[str, Any]) -> tuple[float, float]:
        found = -len(_meeting_fit(gold, p)[0]) if gold.type == "meeting" else float(_party_agrees(gold, p))
        return found, evidence_overlap(gold, p)

    return max(candidates, key=closeness, default=None)


_Index = defaultdict[tuple[str, str], list[int]]


def evaluate(
    gold: Sequence[GoldEvent], predictions: Iterable[dict[str, Any]], borderline: Sequence[GoldEvent] = ()
) -> EvalReport:
    """Precision, recall and F1 per kind, date accuracy on matched meetings, misses and false alarms."""
    predictions = [p for p in predictions if p.get("kind") in KINDS]
    same: _Index = defaultdict(list)
    for p, prediction in enumerate(predictions):
        same[prediction["kind"], _doc_name(prediction.get("doc"))].append(p)
    report = EvalReport()
    pairs = _pairs(gold, predictions, same)
    for g, event in enumerate(gold):
        score = report.score(event.type)
        if g not in pairs:
            score.fn += 1
            closest = _closest(event, [predictions[p] for p in same[event.type, _doc_name(event.doc)]])
            reason = why_not(event, closest) if closest else "nothing of this kind predicted in this document"
            report.misses.append(Miss(event, closest, reason))
            continue
        score.tp += 1
        if event.type == "meeting":
            report.dates_total += 1
            if date_agrees(event.date, predictions[pairs[g]].get("date")):
                report.dates_right += 1
            else:
                report.wrong_dates.append(WrongDate(event, predictions[pairs[g]]))
    matched = set(pairs.values())
    for p, prediction in enumerate(predictions):
        if p in matched:
            continue
        score = report.score(prediction["kind"])
        if any(match_score(b, prediction) is not None for b in borderline):
            score.neutral += 1
        else:
            score.fp += 1
            report.false_alarms.append(prediction)
    return report


# --- the human table ---------------------------------------------------------------------------


def _names(actors: Iterable[Any]) -> str:
    def one(actor: Any) -> str:
        if isinstance(actor, dict):
            return str(actor.get("name_en") or actor.get("name") or actor.get("id"))
        return actor if isinstance(actor, str) else str(next(iter(actor), "?"))

    return " + ".join(one(a) for a in actors)


def _prediction_line(p: dict[str, Any]) -> str:
    actors = p.get("participants") if p.get("kind") == "meeting" else p.get("parties")
    return f"[{p.get('kind')}] {_doc_name(p.get('doc'))} {p.get('date') or '-'}  {_names(actors or [])}"


def format_report(report: EvalReport) -> str:
    """Scores per kind, then what went wrong: misses, wrong dates and false alarms, with evidence."""
    row = "{:<10} {:>4} {:>4} {:>4} {:>8} {:>10} {:>7} {:>6}"
    lines = [row.format("kind", "tp", "fp", "fn", "neutral", "precision", "recall", "F1")]
    for s in (report.meeting, report.agreement, report.overall):
        scores = (f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}")
        lines.append(row.format(s.kind, s.tp, s.fp, s.fn, s.neutral, *scores))
    accuracy = report.date_accuracy
    shown = "n/a" if accuracy is None else f"{report.dates_right}/{report.dates_total} = {accuracy:.3f}"
    lines += ["", f"date accuracy on matched meetings: {shown}"]
    lines += ["", f"Misses (gold events not found): {len(report.misses)}"]
    for miss in report.misses:
        g = miss.gold
        lines.append(f"  [{g.type}] {g.doc} {g.date or '-'}  {_names(g.actors)}")
        lines.append(f"      evidence: {g.evidence}")
        if miss.closest is not None:
            lines.append(f"      closest:  {_prediction_line(miss.closest)}")
        lines.append(f"      why:      {miss.reason}")
    lines += ["", f"Wrong dates on matched meetings: {len(report.wrong_dates)}"]
    for wrong in report.wrong_dates:
        g = wrong.gold
        got = wrong.prediction.get("date") or "-"
        lines.append(f"  {g.doc} gold {g.date} predicted {got}  {_names(g.actors)}")
        lines.append(f"      evidence: {g.evidence}")
    lines += ["", f"False alarms (matching no gold or borderline event): {len(report.false_alarms)}"]
    for p in report.false_alarms:
        lines.append(f"  {_prediction_line(p)}")
        lines.append(f"      evidence: {p.get('evidence')}")
    return "\n".join(lines)
