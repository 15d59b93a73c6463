"""Thirteen short articles written for the tests in the manner of as many outlets and wires
(Xinhua in both languages, Kyodo, the Vietnam News Agency, Bernama, PTI, the Philippine News
Agency, the Central News Agency, a Hong Kong daily, a reposted Reuters story): each way of
writing a meeting or an agreement they use is scored, with its date and, for meetings, its place."""

from __future__ import annotations

import json
from pathlib import Path

from kg.pipeline import evaluate_articles, extract_corpus

OUTLETS = Path(__file__).parent / "outlets"


def test_every_meeting_and_agreement_of_the_outlets_is_found_with_its_date() -> None:
    report = evaluate_articles(OUTLETS / "gold.jsonl", [OUTLETS])
    assert report.meeting.f1 == 1.0 and report.agreement.f1 == 1.0, report.to_dict()
    assert report.meeting.date_accuracy == 1.0 and report.agreement.date_accuracy == 1.0


def test_meetings_are_placed_where_the_articles_say() -> None:
    gold = [json.loads(line) for line in (OUTLETS / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    wanted = {(g["doc"], g["place"][0]) for g in gold if g["type"] == "meeting" and g.get("place")}
    corpus = extract_corpus([OUTLETS])
    placed = {
        (Path(source.doc).name, meeting.place.name_en)
        for meeting in corpus.meetings
        if meeting.place is not None
        for source in meeting.sources
    }
    assert wanted <= placed
