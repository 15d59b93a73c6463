"""Floors on the shared development set: 30 real articles the rules were not written from.

The articles stay in ../shared/devset (evaluation data, never copied here); this test reads them
where CI lays them beside the clone.
"""

from __future__ import annotations

from pathlib import Path

from kg.pipeline import evaluate_articles

ROOT = Path(__file__).resolve().parents[1]
DEVSET = ROOT.parent / "shared" / "devset"
SEEDS_GOLD = ROOT / "examples" / "gold"

def test_devset_meetings_and_agreements_stay_above_their_floors() -> None:
    assert (DEVSET / "gold.jsonl").is_file(), f"the shared development set is not at {DEVSET}"
    report = evaluate_articles(
        DEVSET / "gold.jsonl", [DEVSET / "docs"], DEVSET / "gold_borderline.jsonl"
    )
    assert report.meeting.f1 >= 0.85, report.meeting
    assert report.agreement.f1 >= 0.80, report.agreement


def test_seeds_stay_above_095() -> None:
    report = evaluate_articles(
        SEEDS_GOLD / "seeds_gold.jsonl",
        [ROOT / "examples" / "articles"],
        SEEDS_GOLD / "seeds_gold_borderline.jsonl",
    )
    assert report.meeting.f1 >= 0.95 and report.agreement.f1 >= 0.95
