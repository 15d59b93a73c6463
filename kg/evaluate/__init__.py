"""Score extracted events against gold events (`kg eval`), with the matching rules of DESIGN.md.

A meeting matches when every gold participant is among the predicted ones, with at most two extra
predicted participants. An agreement matches when its evidence covers at least half of the gold
sentence's character bigrams and, where gold names parties, a predicted party is one of them (or one
of the `sides`). Both must come from the same document; each gold event and each prediction is used
at most once. Predictions matching a borderline event are neither rewarded nor penalised.

gold (read the gold files) -> matching (one gold event against one prediction) -> scoring (the
one-to-one pairing and the figures) -> report (text and JSON).
"""

from __future__ import annotations

from kg.evaluate.gold import GoldEvent, GoldFormatError, read_gold
from kg.evaluate.matching import date_agrees, evidence_overlap, match_score, resolve_doc, why_not
from kg.evaluate.report import format_report, render_report, report_dict
from kg.evaluate.scoring import EvalReport, KindScore, Miss, WrongDate, evaluate

__all__ = [
    "EvalReport",
    "GoldEvent",
    "GoldFormatError",
    "KindScore",
    "Miss",
    "WrongDate",
    "date_agrees",
    "evaluate",
    "evidence_overlap",
    "format_report",
    "match_score",
    "read_gold",
    "render_report",
    "report_dict",
    "resolve_doc",
    "why_not",
]
