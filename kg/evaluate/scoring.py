"""The one-to-one pairing of gold events with predictions, and the figures it gives."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

import networkx as nx

from kg.evaluate.gold import KINDS, GoldEvent
from kg.evaluate.matching import closest, date_agrees, match_score, resolve_doc, why_not


@dataclass
class KindScore:
    kind: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    neutral: int = 0
    """Predictions matching a borderline event: neither true nor false positives."""
    dates_right: int = 0
    dates_total: int = 0
    """Matched events, and those whose predicted date agrees with what gold fixes."""

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

    @property
    def date_accuracy(self) -> float | None:
        """Share of matched events whose date agrees with gold; None when none matched."""
        return self.dates_right / self.dates_total if self.dates_total else None

    def to_dict(self) -> dict[str, Any]:
        return {
            **asdict(self),
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "date_accuracy": self.date_accuracy,
        }


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
    matches: list[tuple[GoldEvent, dict[str, Any]]] = field(default_factory=list)
    misses: list[Miss] = field(default_factory=list)
    false_alarms: list[dict[str, Any]] = field(default_factory=list)
    wrong_dates: list[WrongDate] = field(default_factory=list)
    """Matched meetings and agreements whose predicted date does not agree with gold."""

    @property
    def overall(self) -> KindScore:
        m, a = self.meeting, self.agreement
        return KindScore(
            "overall",
            m.tp + a.tp,
            m.fp + a.fp,
            m.fn + a.fn,
            m.neutral + a.neutral,
            m.dates_right + a.dates_right,
            m.dates_total + a.dates_total,
        )

    @property
    def date_accuracy(self) -> float | None:
        """Share of matched meetings whose date agrees with gold; None when no meeting matched."""
        return self.meeting.date_accuracy

    def score(self, kind: str) -> KindScore:
        return self.meeting if kind == "meeting" else self.agreement

    def to_dict(self) -> dict[str, Any]:
        """The figures, JSON-ready: per kind and overall, and the date accuracy of each kind."""
        data = {kind: self.score(kind).to_dict() for kind in KINDS}
        data["overall"] = self.overall.to_dict()
        return {**data, "date_accuracy": {kind: self.score(kind).date_accuracy for kind in KINDS}}


_Index = defaultdict[tuple[str, str], list[int]]


def _doc(prediction: dict[str, Any]) -> str:
    return str(prediction.get("doc") or "")


def _pairs(gold: Sequence[GoldEvent], predictions: Sequence[dict[str, Any]], same: _Index) -> dict[int, int]:
    """One-to-one matching, gold index -> prediction index: as many matches as possible, best fits first."""
    graph = nx.Graph()
    for g, event in enumerate(gold):
        for p in same[event.type, event.doc]:
            score = match_score(event, predictions[p])
            if score is not None:
                graph.add_edge(("gold", g), ("pred", p), weight=score)
    pairs = {}
    for a, b in nx.max_weight_matching(graph, maxcardinality=True):
        (_, g), (_, p) = (a, b) if a[0] == "gold" else (b, a)
        pairs[g] = p
    return pairs


def _why_missed(event: GoldEvent, nearest: dict[str, Any] | None) -> str:
    if nearest is None:
        return "nothing of this kind predicted in this document"
    reason = why_not(event, nearest)
    if reason == "matches":  # one prediction for two gold events: the pairing gave it to the other
        return "the closest prediction is paired with another gold event (one prediction per event)"
    return reason


def evaluate(
    gold: Sequence[GoldEvent],
    predictions: Iterable[dict[str, Any]],
    borderline: Sequence[GoldEvent] = (),
    *,
    documents: Iterable[str] = (),
) -> EvalReport:
    """Precision, recall and F1 per kind, date accuracy on matched events, misses and false alarms.

    `documents` names every article read (those without events too), so a gold `doc` given as a
    bare file name finds its article only when one article has that name (see resolve_doc)."""
    predictions = [p for p in predictions if p.get("kind") in KINDS]
    names = {*documents, *(_doc(p) for p in predictions)}
    gold = [replace(e, doc=resolve_doc(e.doc, names)) for e in gold]
    borderline = [replace(e, doc=resolve_doc(e.doc, names)) for e in borderline]
    same: _Index = defaultdict(list)
    for p, prediction in enumerate(predictions):
        same[prediction["kind"], _doc(prediction)].append(p)
    report = EvalReport()
    pairs = _pairs(gold, predictions, same)
    for g, event in enumerate(gold):
        score = report.score(event.type)
        if g not in pairs:
            score.fn += 1
            nearest = closest(event, [predictions[p] for p in same[event.type, event.doc]])
            report.misses.append(Miss(event, nearest, _why_missed(event, nearest)))
            continue
        prediction = predictions[pairs[g]]
        score.tp += 1
        report.matches.append((event, prediction))
        score.dates_total += 1
        if date_agrees(event.date, prediction.get("date")):
            score.dates_right += 1
        else:
            report.wrong_dates.append(WrongDate(event, prediction))
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
