"""`kg eval`'s output: the figures, and what went wrong, as text for people or JSON for scripts.

Both renderings read the same plain records (`miss_record`, `wrong_date_record`,
`prediction_record`), so the text and the JSON never disagree.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from kg.evaluate.gold import KINDS, GoldEvent
from kg.evaluate.scoring import EvalReport, KindScore, Miss, WrongDate

Record = dict[str, Any]


def _actor_name(actor: Any) -> str:
    if isinstance(actor, dict):
        return str(actor.get("name_en") or actor.get("name") or actor.get("id"))
    return actor if isinstance(actor, str) else str(next(iter(actor), "?"))


def _actor_names(actors: Iterable[Any]) -> list[str]:
    return [_actor_name(a) for a in actors]


def _gold_record(g: GoldEvent) -> Record:
    return {
        "kind": g.type,
        "doc": g.doc,
        "date": g.date,
        "actors": _actor_names(g.actors),
        "evidence": g.evidence,
    }


def prediction_record(p: dict[str, Any]) -> Record:
    actors = p.get("participants") if p.get("kind") == "meeting" else p.get("parties")
    return {
        "kind": p.get("kind"),
        "doc": p.get("doc"),
        "id": p.get("id"),
        "date": p.get("date"),
        "actors": _actor_names(actors or []),
        "evidence": p.get("evidence"),
    }


def miss_record(miss: Miss) -> Record:
    closest = prediction_record(miss.closest) if miss.closest is not None else None
    return {**_gold_record(miss.gold), "why": miss.reason, "closest": closest}


def wrong_date_record(wrong: WrongDate) -> Record:
    g, p = wrong.gold, wrong.prediction
    return {
        "kind": g.type,
        "doc": g.doc,
        "gold_date": g.date,
        "predicted_date": p.get("date"),
        "actors": _actor_names(g.actors),
        "evidence": g.evidence,
        "predicted_id": p.get("id"),
        "predicted_evidence": p.get("evidence"),
    }


def document_records(report: EvalReport) -> list[Record]:
    """Per document (every document with a gold event or a prediction scored): its tp, fp and fn,
    and its misses, wrong dates and false alarms."""
    docs: defaultdict[str, Record] = defaultdict(
        lambda: {"tp": 0, "fp": 0, "fn": 0, "misses": [], "wrong_dates": [], "false_alarms": []}
    )
    for gold, _ in report.matches:
        docs[gold.doc]["tp"] += 1
    for miss in report.misses:
        docs[miss.gold.doc]["fn"] += 1
        docs[miss.gold.doc]["misses"].append(miss_record(miss))
    for wrong in report.wrong_dates:
        docs[wrong.gold.doc]["wrong_dates"].append(wrong_date_record(wrong))
    for alarm in report.false_alarms:
        docs[str(alarm.get("doc"))]["fp"] += 1
        docs[str(alarm.get("doc"))]["false_alarms"].append(prediction_record(alarm))
    return [{"doc": doc, **docs[doc]} for doc in sorted(docs)]


def report_dict(report: EvalReport, *, detail: bool = False) -> Record:
    """The figures as one JSON-ready object; with `detail`, the per-document lists too."""
    data = report.to_dict()
    if detail:
        data["documents"] = document_records(report)
    return data


# --- text ------------------------------------------------------------------------------------------


def _event_line(record: Record, *, show_doc: bool) -> str:
    doc = f" {record['doc']}" if show_doc else ""
    return f"[{record['kind']}]{doc} {record.get('date') or '-'}  {' + '.join(record['actors'])}"


def _miss_lines(record: Record, *, show_doc: bool) -> list[str]:
    lines = [f"  {_event_line(record, show_doc=show_doc)}", f"      evidence: {record['evidence']}"]
    if record["closest"] is not None:
        lines.append(f"      closest:  {_event_line(record['closest'], show_doc=show_doc)}")
    return [*lines, f"      why:      {record['why']}"]


def _wrong_date_lines(record: Record, *, show_doc: bool) -> list[str]:
    doc = f" {record['doc']}" if show_doc else ""
    dates = f"gold {record['gold_date']} predicted {record['predicted_date'] or '-'}"
    return [
        f"  [{record['kind']}]{doc} {dates}  {' + '.join(record['actors'])}",
        f"      evidence:  {record['evidence']}",
        f"      predicted: {record['predicted_evidence']}",
    ]


def _false_alarm_lines(record: Record, *, show_doc: bool) -> list[str]:
    return [f"  {_event_line(record, show_doc=show_doc)}", f"      evidence: {record['evidence']}"]


def _figures(report: EvalReport) -> list[str]:
    row = "{:<10} {:>4} {:>4} {:>4} {:>8} {:>10} {:>7} {:>6}"
    lines = [row.format("kind", "tp", "fp", "fn", "neutral", "precision", "recall", "F1")]
    for s in (report.meeting, report.agreement, report.overall):
        scores = (f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}")
        lines.append(row.format(s.kind, s.tp, s.fp, s.fn, s.neutral, *scores))
    lines.append("")
    for kind in KINDS:
        lines.append(f"date accuracy on matched {kind}s: {_accuracy(report.score(kind))}")
    return lines


def _accuracy(score: KindScore) -> str:
    accuracy = score.date_accuracy
    return "n/a" if accuracy is None else f"{score.dates_right}/{score.dates_total} = {accuracy:.3f}"


def _flat_lists(report: EvalReport) -> list[str]:
    lines = ["", f"Misses (gold events not found): {len(report.misses)}"]
    for miss in report.misses:
        lines += _miss_lines(miss_record(miss), show_doc=True)
    lines += ["", f"Wrong dates on matched events: {len(report.wrong_dates)}"]
    for wrong in report.wrong_dates:
        lines += _wrong_date_lines(wrong_date_record(wrong), show_doc=True)
    lines += ["", f"False alarms (matching no gold or borderline event): {len(report.false_alarms)}"]
    for alarm in report.false_alarms:
        lines += _false_alarm_lines(prediction_record(alarm), show_doc=True)
    return lines


def _per_document(report: EvalReport) -> list[str]:
    lines: list[str] = []
    for doc in document_records(report):
        if not (doc["misses"] or doc["wrong_dates"] or doc["false_alarms"]):
            continue
        lines += ["", f"{doc['doc']}  tp {doc['tp']}  fp {doc['fp']}  fn {doc['fn']}"]
        for title, key, render in (
            ("miss", "misses", _miss_lines),
            ("wrong date", "wrong_dates", _wrong_date_lines),
            ("false alarm", "false_alarms", _false_alarm_lines),
        ):
            for record in doc[key]:
                first, *rest = render(record, show_doc=False)
                lines += [f"  {title}:{first[1:]}", *rest]
    return lines


def format_report(report: EvalReport, *, detail: bool = False) -> str:
    """Scores per kind and date accuracy, then what went wrong, with the evidence: one list per
    kind of error, or with `detail` every document with its misses, wrong dates and false alarms."""
    return "\n".join(_figures(report) + (_per_document(report) if detail else _flat_lists(report)))


def render_report(report: EvalReport, *, detail: bool = False, as_json: bool = False) -> str:
    """What `kg eval` prints: the text report, or one JSON object (see report_dict)."""
    if as_json:
        return json.dumps(report_dict(report, detail=detail), ensure_ascii=False, indent=2)
    return format_report(report, detail=detail)
